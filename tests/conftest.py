"""Shared helpers: tiny configs in a temporary folder, the CLI run as a user runs it, and
metric engines over hand-made tables."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from reviewdeck.cli import main
from reviewdeck.config import models as m
from reviewdeck.data.sources import Table
from reviewdeck.errors import Diagnostics
from reviewdeck.metrics.engine import MetricEngine
from reviewdeck.metrics.period import Period
from tests.images import png_bytes

# A complete small deck: one CSV source, one metric, one cards slide showing it.
# Line numbers matter to the config-error tests; they locate lines with line_of().
BASIC_CONFIG = """\
title: 测试复盘
period: 2025-11
data:
  orders:
    path: orders.csv
    date_column: order_date
    columns: {amount: money}
metrics:
  sales: {kind: total, source: orders, column: amount, label: 销售额}
chapters:
  - title: 第一章
    slides:
      - kind: cards
        title: 概览
        cards:
          - heading: 销售额
            value: "{{ sales }}"
"""

# November: 1,000 + 2,500 = 3,500 (printed 3,500元); October: 400.
ORDERS_CSV = """\
order_date,rep,amount
2025-11-03,张伟,1000
2025-11-20,李娜,2500
2025-10-15,张伟,400
"""

# A deck whose only content slide prints "name=value|name=value" for the given metrics,
# so a test can read every figure back from `build --plan`.
FIGURES_DECK = """\
title: 数据测试
period: {period}
data:
{data}
metrics:
{metrics}
chapters:
  - title: 数据
    slides:
      - kind: cards
        title: 数字
        cards:
          - heading: 数字
            body: "{body}"
"""


def _write_config(tmp_path: Path, text: str, files: dict[str, str | bytes] | None = None,
                  name: str = "config.yaml") -> Path:
    """Write a config (dedented, UTF-8) and its data files beside it; return the config path.

    files maps a file name to its content: str is written as UTF-8, bytes exactly as given.
    """
    for fname, content in (files or {}).items():
        target = tmp_path / fname
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    config = tmp_path / name
    config.write_text(textwrap.dedent(text), encoding="utf-8")
    return config


def _run_cli(*args: Any) -> Result:
    """Run `reviewdeck ARGS` in-process, the way a user runs it from a shell."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    # Whatever happens, the user never sees a Python traceback and no exception escapes.
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"an exception escaped the CLI: {result.exception!r}")
    return result


def _user_error(result: Result) -> str:
    """Assert the run failed as a user error (exit 2, 'error: ' on stderr); return stderr."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stderr.startswith("error: "), result.stderr
    assert "internal error" not in result.stderr, result.stderr
    assert result.stdout == "", result.stdout
    return result.stderr


def _plan_json(result: Result) -> dict[str, Any]:
    """The plan printed by `build --plan` (stdout only; warnings go to stderr)."""
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _figures(result: Result) -> dict[str, str]:
    """The name=value pairs printed by a FIGURES_DECK, as the plan shows them."""
    plan = _plan_json(result)
    body = next(s for s in plan["slides"] if s["kind"] == "cards")["cards"][0]["body"]
    return dict(pair.split("=", 1) for pair in body.split("|"))


def _figures_deck(data: str, metrics: dict[str, str], period: str = "2025-11",
                  show: dict[str, str] | None = None) -> str:
    """A FIGURES_DECK: data is the indented YAML under `data:`, metrics maps a name to its
    flow-mapping definition, show maps a figure name to the template that prints it
    (default: every metric as '{{ name }}')."""
    show = show or {name: f"{{{{ {name} }}}}" for name in metrics}
    return FIGURES_DECK.format(
        period=period,
        data=textwrap.indent(textwrap.dedent(data).strip("\n"), "  "),
        metrics="\n".join(f"  {name}: {spec}" for name, spec in metrics.items()),
        body="|".join(f"{k}={v}" for k, v in show.items()).replace('"', '\\"'),
    )


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based number of the nth line of text containing needle."""
    seen = 0
    for n, line in enumerate(textwrap.dedent(text).splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(f"{needle!r} not in the config text")


@pytest.fixture
def basic_config() -> str:
    return BASIC_CONFIG


@pytest.fixture
def orders_csv() -> str:
    return ORDERS_CSV


@pytest.fixture
def line_of() -> Callable[..., int]:
    return _line_of


@pytest.fixture
def write_config() -> Callable[..., Path]:
    return _write_config


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    return _run_cli


@pytest.fixture
def user_error() -> Callable[[Result], str]:
    return _user_error


@pytest.fixture
def plan_json() -> Callable[[Result], dict[str, Any]]:
    return _plan_json


@pytest.fixture
def figures() -> Callable[[Result], dict[str, str]]:
    return _figures


@pytest.fixture
def figures_deck() -> Callable[..., str]:
    return _figures_deck


# ---------------------------------------------------------------- metrics engine without files
def _table(name: str, rows: list[dict[str, Any]] | pd.DataFrame,
           date_column: str | None = "date") -> Table:
    """A loaded table from literal rows; its date column ('2025-11-03') becomes datetime."""
    frame = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows.copy()
    if date_column:
        frame[date_column] = pd.to_datetime(frame[date_column], format="%Y-%m-%d")
    return Table(name, frame.reset_index(drop=True), f"{name}.csv", date_column)


class _Metrics(m.Strict):
    metrics: dict[str, m.Metric]


def _make_engine(metrics: dict[str, dict[str, Any]], tables: list[Table],
                 period: str = "2025-11") -> tuple[MetricEngine, Diagnostics]:
    """An engine over hand-made tables; metric specs are validated exactly as a config's are."""
    specs = _Metrics.model_validate({"metrics": metrics}).metrics
    diag = Diagnostics()
    return MetricEngine(specs, {t.name: t for t in tables}, Period.parse(period), diag), diag


@pytest.fixture
def table() -> Callable[..., Table]:
    return _table


@pytest.fixture
def make_engine() -> Callable[..., tuple[MetricEngine, Diagnostics]]:
    return _make_engine


@pytest.fixture
def needs_renderer() -> None:
    """Skip a test that runs a full `build` while the slide renderer cannot be imported yet."""
    try:
        import reviewdeck.render.deck  # noqa: F401
        import reviewdeck.write  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"full build needs the renderer, which does not import yet: {exc}")


@pytest.fixture
def png() -> Callable[[int, int], bytes]:
    """png(width, height): the bytes of a grey PNG of that size."""
    return png_bytes
