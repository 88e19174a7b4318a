"""Planned queries run in the background change nothing but time: the same figures, the same
number of queries, and a failing query reports its error when the metric asks for it."""

from __future__ import annotations

import threading

import pytest

from reviewdeck.data import prefetch
from reviewdeck.errors import DataError
from tests.data.test_duckdb_pushdown import _compute, _config, files  # noqa: F401 - fixture

pytest.importorskip("duckdb")


def test_jobs_run_in_order_in_another_thread_and_a_failure_does_not_stop_the_rest():
    seen: list[str] = []
    gate = threading.Event()

    def first() -> None:
        gate.wait(5)
        seen.append(threading.current_thread().name)

    def broken() -> None:
        raise RuntimeError("boom")

    prefetch.start([first, broken, lambda: seen.append("after")])
    assert prefetch.running()
    gate.set()
    prefetch.wait()
    assert seen == ["reviewdeck-queries", "after"]
    assert not prefetch.running()


def _figures(files, monkeypatch, background: bool):  # noqa: F811
    if not background:
        monkeypatch.setattr(prefetch, "start", lambda jobs: None)
    got, _, tables = _compute(_config(files, "orders.parquet", "duckdb"))
    summary = tables["orders"].summary
    return got, summary.queries, summary.distinct_queries


def test_the_same_figures_and_queries_with_and_without_the_background_thread(
        files, monkeypatch):  # noqa: F811
    with_thread = _figures(files, monkeypatch, background=True)
    without = _figures(files, monkeypatch, background=False)
    assert with_thread == without
    assert with_thread[1] == 1  # one summary query either way


def test_a_query_that_fails_in_the_background_runs_again_for_the_metric(
        files, monkeypatch):  # noqa: F811
    from reviewdeck.data import relations

    calls = {"n": 0}
    real = relations.DuckFile.fetch

    def flaky(self, tree, binds):
        calls["n"] += 1
        if threading.current_thread().name == "reviewdeck-queries":
            raise DataError("the disk went away")
        return real(self, tree, binds)

    monkeypatch.setattr(relations.DuckFile, "fetch", flaky)
    got, _, _ = _compute(_config(files, "orders.parquet", "duckdb"))
    assert got["sales"]["value"] > 0  # recomputed in the main thread
    assert calls["n"] >= 2
