"""Property: whatever config and table a user writes, reviewdeck either builds a deck that
passes `check`, or exits 2 with a message and writes nothing. Never a traceback, never exit 1.

Configs are generated as data and written with yaml.safe_dump, so any text (control
characters, right-to-left, emoji, very long) reaches the loader exactly as a user could type
it; metrics are drawn from the real vocabulary, sometimes pointing at columns or metrics that
do not exist. Derandomized and bounded, so CI sees the same 30 examples each run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

COLUMNS = ["amount", "amount", "n", "region", "nope"]
REGIONS = ["华东", "华南", "North", "\u200fשלום", "🚀"]
METRIC_NAMES = ["m1", "m2", "m3", "m4"]
WINDOWS = ["current", "previous", "last_year", "trailing_3", "ytd", "quarter", "fortnight"]

# Text a user can type: every printable character of any script, emoji, format characters
# (right-to-left marks, zero-width joiners, BOM) and unassigned code points.
plain_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                     max_size=80)
# Text that should be refused or cut: control characters, Jinja syntax, 2,000+ characters.
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=300,
            max_size=2100),
    st.sampled_from(["", " ", "{{ m1 }}", "{{ nope }}", "{% if %}", "a\u0007b", "\ufeff",
                     "\u202e右到左", "长" * 2000, "x" * 2001, "\ufffe", "e\u0301\u20dd"]))
any_text = st.one_of(plain_text, hostile_text)


@st.composite
def metric(draw: st.DrawFn, others: list[str], broken: bool) -> dict[str, Any]:
    """One metric definition; a broken config may name unknown kinds, sources and columns."""
    kinds = ["total", "total", "count", "distinct", "mean", "share", "change", "ratio"]
    kind = draw(st.sampled_from(kinds + (["rank", "bogus"] if broken else [])))
    if not others and kind in ("share", "change", "ratio", "rank"):
        kind = "total"
    spec: dict[str, Any] = {"kind": kind}
    if kind in ("total", "count", "distinct", "mean"):
        spec["source"] = draw(st.sampled_from(["orders", "missing"])) if broken else "orders"
        if kind == "distinct":
            spec["column"] = "region"
        elif kind != "count":
            spec["column"] = draw(st.sampled_from(["amount", "n"] + (["region", "nope"]
                                                                     if broken else [])))
        if draw(st.booleans()):
            spec["by"] = draw(st.sampled_from(["region", "nope"])) if broken else "region"
        if draw(st.integers(0, 3)) == 0:
            spec["where"] = {"region": draw(st.sampled_from(REGIONS))}
    elif kind in ("share", "change", "rank"):
        spec["metric"] = draw(st.sampled_from(others))
        if kind == "change":
            spec["vs"] = draw(st.sampled_from(["previous", "last_year"]
                                              + (["tomorrow"] if broken else [])))
    elif kind == "ratio":
        spec["numerator"] = draw(st.sampled_from(others))
        spec["denominator"] = draw(st.sampled_from(others))
    if draw(st.integers(0, 3)) == 0:
        spec["window"] = draw(st.sampled_from(WINDOWS[:-1] + (WINDOWS[-1:] if broken else [])))
    if draw(st.booleans()):
        spec["label"] = draw(any_text if broken else plain_text)
    return spec


@st.composite
def config(draw: st.DrawFn) -> dict[str, Any]:
    """A whole config: three in four are meant to build, the rest break it somewhere."""
    broken = draw(st.integers(0, 3)) == 0
    text = any_text if broken else plain_text
    metrics: dict[str, Any] = {}
    for name in draw(st.lists(st.sampled_from(METRIC_NAMES), min_size=1, max_size=4,
                              unique=True)):
        metrics[name] = draw(metric(list(metrics), broken))
    refs = [f"{{{{ {m} }}}}" for m in metrics] + (["{{ nope }}"] if broken else [])
    series = [m for m, spec in metrics.items() if "by" in spec] or list(metrics)
    card = st.fixed_dictionaries(
        {"heading": text}, optional={"value": st.sampled_from(refs), "body": text,
                                     "insight": text})
    slide = st.one_of(
        st.fixed_dictionaries({"kind": st.just("cards"), "title": text,
                               "cards": st.lists(card, min_size=1, max_size=5)}),
        st.fixed_dictionaries({"kind": st.just("points"), "title": text,
                               "points": st.lists(st.fixed_dictionaries(
                                   {"heading": text, "body": text}), min_size=1, max_size=5)}),
        st.fixed_dictionaries({"kind": st.just("chart"), "title": text,
                               "chart": st.fixed_dictionaries({
                                   "type": st.sampled_from(["column", "bar", "pie", "line",
                                                            "doughnut", "funnel"]),
                                   "metric": st.sampled_from(series)})}),
    )
    return {
        "title": draw(text),
        "subtitle": draw(st.one_of(st.none(), text)),
        "period": draw(st.sampled_from(["2025-11", "2025Q4", "2025-13"] if broken
                                       else ["2025-11", "2025-11", "2025Q4"])),
        "data": {"orders": {"path": "orders.csv", "date_column": "date",
                            "columns": {"amount": "money", "n": "int"}}},
        "metrics": metrics,
        "chapters": draw(st.lists(st.fixed_dictionaries(
            {"title": text, "slides": st.lists(slide, min_size=1, max_size=2)}),
            min_size=1, max_size=2)),
    }


number = st.one_of(st.integers(-10**9, 10**9).map(str),
                   st.floats(-1e9, 1e9, width=32).map(lambda f: f"{f:.2f}"),
                   st.sampled_from(["0", "1,280.50", "128万", "-3.5万", ""]))
cell = st.one_of(number, number, number, number, st.sampled_from(["n/a", "1e400", "23%"]))
date = st.sampled_from(["2025-09-15", "2025-10-03", "2025-11-20", "2025/11/3", "2024-11-02",
                        "2025年11月", "2025-12-31"] * 3 + ["bad-date"])
row = st.tuples(date, st.sampled_from(REGIONS), cell, st.integers(0, 50).map(str))
table = st.lists(row, min_size=1, max_size=12)


def _csv(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["date,region,amount,n"]
    lines += [",".join(f'"{v}"' if "," in v else v for v in r) for r in rows]
    return "\n".join(lines) + "\n"


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],  # shrinking a build can take minutes
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(cfg=config(), rows=table)
def test_any_config_builds_a_clean_deck_or_exits_2_writing_nothing(cfg, rows, run_cli):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "orders.csv").write_text(_csv(rows), encoding="utf-8")
        path = folder / "config.yaml"
        text = yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        note(f"config:\n{text}\norders.csv:\n{_csv(rows)}")
        out = folder / "out" / "deck.pptx"
        result = run_cli("build", path, "-o", out)  # asserts: no traceback, nothing escaped
        if result.exit_code == 0:
            assert "warning: check:" not in result.stderr, result.stderr
            checked = run_cli("check", out)
            assert checked.exit_code == 0, checked.output
        else:
            assert result.exit_code == 2, result.output
            assert result.stderr.startswith("error: "), result.stderr
            assert not out.parent.exists() or list(out.parent.iterdir()) == []
