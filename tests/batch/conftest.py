"""A small regional config over the sample orders, and the five-region batch built once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reviewdeck.cli import main

ROOT = Path(__file__).resolve().parents[2]
ORDERS = ROOT / "sample_inputs" / "orders.csv"
REGIONS = ["华东", "华中", "华北", "华南", "西南"]

# {data} is replaced by the data block: the batch slices 'orders'; a test's single deck
# filters it with a where instead. The card prints every figure, so decks can be compared.
REGIONAL = """\
title: "{{{{ period.label }}}}{title}区域销售复盘"
period: 2025-11
data:
  orders:
    path: {orders}
    date_column: order_date
    columns: {{amount: money, region: text, rep: text}}{where}
  promo: {{from: orders, where: {{is_promo: 1}}}}
  zw: {{from: orders, where: {{rep: 张伟}}}}
metrics:
  sales: {{kind: total, source: orders, column: amount, label: 销售额}}
  sales_mom: {{kind: change, metric: sales, vs: previous}}
  orders_n: {{kind: count, source: orders, label: 订单数}}
  promo_sales: {{kind: total, source: promo, column: amount, label: 促销销售额}}
  zw_sales: {{kind: total, source: zw, column: amount}}
  zw_orders: {{kind: count, source: zw}}
  zw_aov: {{kind: ratio, numerator: zw_sales, denominator: zw_orders, unit: money}}
  rep_sales: {{kind: total, source: orders, column: amount, by: rep}}
chapters:
  - title: 概览
    slides:
      - kind: cards
        title: 区域业绩
        cards:
          - heading: 数字
            body: "销售额={{{{ sales }}}}|环比={{{{ sales_mom | signed }}}}|订单={{{{ orders_n }}}}|促销={{{{ promo_sales }}}}"
      - kind: chart
        title: 销售代表
        chart: {{type: bar, metric: rep_sales}}
{batch}"""


def regional_config(folder: Path, *, title: str = "{{ slice }}", where: str = "",
                    batch: str = "", extra: str = "") -> Path:
    """Write the regional config into folder and return its path."""
    text = REGIONAL.format(orders=ORDERS, title=title,
                           where=f"\n    where: {{region: {where}}}" if where else "",
                           batch=textwrap.dedent(batch))
    path = folder / "regional.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"an exception escaped the CLI: {result.exception!r}")
    return result


def slide_texts(deck: Path) -> list[str]:
    """The text of every shape of every slide, slide by slide."""
    from pptx import Presentation

    prs = Presentation(str(deck))
    return ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            for slide in prs.slides]


@pytest.fixture(scope="session")
def regional_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """`reviewdeck build regional.yaml --each region --workers 2` over the sample orders."""
    folder = tmp_path_factory.mktemp("batch")
    config = regional_config(folder)
    result = run("build", config, "--each", "region", "--workers", 2,
                 "-o", folder / "out" / "review_{value}.pptx")
    return folder, result
