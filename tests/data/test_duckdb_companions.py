"""A small file beside a big pushed-down one goes to DuckDB too when DuckDB reads it as pandas
would (text months like 2025-11 included); otherwise, and whenever it ends in 合计 or blank
rows, it stays on pandas. A build whose sources are all aggregated in place never imports
pandas."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reviewdeck.config.load import load_config
from reviewdeck.data.pushdown import PushedTable
from reviewdeck.data.sources import load_tables
from reviewdeck.errors import DataError, Diagnostics
from reviewdeck.metrics.engine import MetricEngine
from reviewdeck.metrics.period import Period

pytest.importorskip("duckdb")

REGIONS = ["华东", "华南", "华北"]
METRICS = """\
sales: {kind: total, source: orders, column: amount}
target: {kind: total, source: targets, column: target}
target_ytd: {kind: total, source: targets, column: target, window: ytd}
region_target: {kind: total, source: targets, column: target, by: region}
ach: {kind: achievement, actual: sales, target: target}
target_m: {kind: total, source: targets, column: target, by_month: true, window: ytd}
"""


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    rng = np.random.default_rng(3)
    days = pd.date_range("2025-01-01", "2025-11-30", freq="D")
    n = 3000
    pd.DataFrame({
        "order_date": np.sort(rng.choice(days, n)),
        "region": rng.choice(REGIONS, n),
        "amount": np.round(rng.lognormal(6, 0.5, n), 2),
    }).to_parquet(tmp_path / "orders.parquet")
    lines = ["month,region,target"]
    for month in range(1, 12):
        for i, region in enumerate(REGIONS):
            lines.append(f"2025-{month:02d},{region},{100000 * (i + 1) + month * 1000}")
    (tmp_path / "targets.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def _config(folder: Path, targets_engine: str = "auto", targets: str = "targets.csv") -> Path:
    text = textwrap.dedent(f"""\
        title: t
        period: 2025-11
        data:
          orders: {{path: orders.parquet, engine: duckdb, date_column: order_date}}
          targets: {{path: {targets}, engine: {targets_engine}, date_column: month,
                     columns: {{target: number}}}}
        metrics:
        """) + textwrap.indent(METRICS, "  ") + textwrap.dedent("""\
        chapters:
          - title: c
            slides:
              - {kind: points, title: "{{ ach }}", points: [{heading: h}]}
        """)
    cfg = folder / f"deck_{targets_engine}_{targets.replace('.', '_')}.yaml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def _compute(cfg: Path) -> tuple[dict, dict, Diagnostics]:
    loaded = load_config(cfg)
    diag = Diagnostics()
    per = Period.parse("2025-11")
    tables = load_tables(loaded, diag, (per.window("trailing_12").start, per.current.end))
    engine = MetricEngine(loaded.deck.metrics, tables, per, diag, loaded.doc)
    values = {}
    for name in loaded.deck.metrics:
        got = engine.get(name)
        values[name] = getattr(got, "value", None) if not hasattr(got, "items") else got.items
    return values, tables, diag


def test_a_small_plain_file_joins_duckdb_with_the_same_figures(files):
    joined, tables, _ = _compute(_config(files))
    assert isinstance(tables["targets"], PushedTable)  # text months 2025-11 read as dates
    alone, pandas_tables, _ = _compute(_config(files, "pandas"))
    assert not isinstance(pandas_tables["targets"], PushedTable)
    assert joined == alone
    assert joined["target"] == 100000 + 200000 + 300000 + 3 * 11000  # November's three rows
    assert [k for k, _ in joined["region_target"]] == ["华北", "华南", "华东"]  # largest first
    assert len(joined["target_m"]) == 11


def test_a_small_file_with_a_total_row_stays_on_pandas_which_drops_it(files):
    text = (files / "targets.csv").read_text(encoding="utf-8") + "合计,,99999999\n"
    (files / "with_total.csv").write_text(text, encoding="utf-8")
    got, tables, diag = _compute(_config(files, targets="with_total.csv"))
    assert not isinstance(tables["targets"], PushedTable)
    assert any("total row" in w for w in diag.warnings)
    plain, _, _ = _compute(_config(files))
    assert got["target_ytd"] == plain["target_ytd"]  # the 合计 row is not counted


def test_a_small_file_with_a_bad_date_stays_on_pandas_which_names_the_row(files):
    text = (files / "targets.csv").read_text(encoding="utf-8").replace("2025-03,华南", "2025-13,华南")
    (files / "bad_month.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"row \d+, column 'month': '2025-13' is not a date"):
        _compute(_config(files, targets="bad_month.csv"))


def test_a_build_aggregated_in_place_never_imports_pandas(files, tmp_path):
    cfg = _config(files)
    probe = textwrap.dedent(f"""\
        import sys
        from reviewdeck.deck import build
        result = build({str(cfg)!r}, {str(tmp_path / 'deck.pptx')!r})
        assert result.slides > 0
        print(sorted(m for m in ("pandas", "numpy", "pyarrow") if m in sys.modules))
        """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
    assert (tmp_path / "deck.pptx").stat().st_size > 10_000
