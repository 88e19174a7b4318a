"""A small deck with every chart type, drawn natively and as images, from a few hundred
hand-made rows (January to November 2025)."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

TYPES = ["column", "bar", "stacked_column", "stacked_column_100", "line", "combo", "pie",
         "doughnut", "waterfall", "funnel", "bullet", "sparkline"]

# chart config of each type (flow YAML), over the metrics of DECK below
CHARTS = {
    "column": "{type: column, metric: region_sales, compare: region_prev, title: 区域销售额}",
    "bar": "{type: bar, metric: channel_conversion, benchmark: 0.25, benchmark_label: 行业平均, "
           "title: 渠道转化率}",
    "stacked_column": "{type: stacked_column, series: [watch_m, band_m], title: 月度销售额构成}",
    "stacked_column_100": "{type: stacked_column_100, series: [watch_m, band_m], title: 月度产品占比}",
    "line": "{type: line, series: [sales_m, team_m], series_names: [本人, 团队人均], title: 月度销售额}",
    "combo": "{type: combo, metric: sales_m, line: ach_m, benchmark: 1.0, benchmark_label: 目标线, "
             "title: 销售额与达成率}",
    "pie": "{type: pie, metric: region_sales, title: 区域占比}",
    "doughnut": "{type: doughnut, metric: product_sales, title: 产品占比, center_caption: 本月销售额}",
    "waterfall": "{type: waterfall, start: sales_prev, metric: product_delta, end: sales, "
                 "title: 环比变化}",
    "funnel": "{type: funnel, metric: funnel, title: 销售漏斗}",
    "bullet": "{type: bullet, metric: sales_6m, target: target_6m, title: 实际与目标}",
    "sparkline": "{type: sparkline, series: [sales_m, orders_m, aov_m], title: 关键指标}",
}

DECK = """\
title: 图表测试
period: 2025-11
data:
  orders: {path: orders.csv, date_column: date, columns: {amount: money}}
  targets: {path: targets.csv, date_column: month, columns: {target: number}}
  leads: {path: leads.csv, date_column: date}
metrics:
  sales: {kind: total, source: orders, column: amount, where: {rep: 张伟}, label: 本月销售额}
  sales_prev: {kind: total, source: orders, column: amount, where: {rep: 张伟}, window: previous, label: 上月销售额}
  region_sales: {kind: total, source: orders, column: amount, where: {rep: 张伟}, by: region, label: 本月}
  region_prev: {kind: total, source: orders, column: amount, where: {rep: 张伟}, by: region, window: previous, label: 上月}
  product_sales: {kind: total, source: orders, column: amount, where: {rep: 张伟}, by: product, label: 产品销售额}
  product_delta: {kind: change, metric: product_sales, vs: previous, mode: difference, label: 变化}
  channel_leads: {kind: count, source: leads, by: channel}
  channel_won: {kind: count, source: leads, by: channel, where: {stage: 成交}}
  channel_conversion: {kind: ratio, numerator: channel_won, denominator: channel_leads, label: 转化率}
  funnel: {kind: funnel, source: leads, column: stage, stages: [线索, 意向, 成交], label: 漏斗}
  sales_m: {kind: total, source: orders, column: amount, where: {rep: 张伟}, by_month: true, window: ytd, label: 销售额}
  team_m: {kind: average, source: orders, column: amount, per: rep, by_month: true, window: ytd, label: 团队人均}
  orders_m: {kind: count, source: orders, where: {rep: 张伟}, by_month: true, window: ytd, label: 订单数}
  aov_m: {kind: ratio, numerator: sales_m, denominator: orders_m, unit: money, label: 客单价}
  watch_m: {kind: total, source: orders, column: amount, where: {rep: 张伟, product: 手表}, by_month: true, window: ytd, label: 手表}
  band_m: {kind: total, source: orders, column: amount, where: {rep: 张伟, product: 手环}, by_month: true, window: ytd, label: 手环}
  target_m: {kind: total, source: targets, column: target, by_month: true, window: ytd, unit: money, label: 目标}
  ach_m: {kind: achievement, actual: sales_m, target: target_m, label: 达成率}
  sales_6m: {kind: total, source: orders, column: amount, where: {rep: 张伟}, by_month: true, window: trailing_6, label: 实际}
  target_6m: {kind: total, source: targets, column: target, by_month: true, window: trailing_6, unit: money, label: 目标}
chapters:
{chapters}
"""


def _data() -> dict[str, str]:
    """Orders for two reps over 2025-01..2025-11, monthly targets, and November leads."""
    rng = random.Random(7)
    orders = ["date,rep,region,product,amount"]
    for month in range(1, 12):
        for day in (3, 9, 15, 21, 27):
            for rep in ("张伟", "李娜"):
                for region, product in (("华东", "手表"), ("华南", "手环"), ("华北", "手表")):
                    amount = rng.randint(20, 60) * 1000 + month * 900
                    orders.append(f"2025-{month:02d}-{day:02d},{rep},{region},{product},{amount}")
    targets = ["month,target"] + [f"2025-{m:02d},{900000 + m * 20000}" for m in range(1, 12)]
    leads = ["date,channel,stage"]
    for i in range(120):
        channel = ("线上", "经销商", "直销")[i % 3]
        stage = "成交" if i % 5 == 0 else ("意向" if i % 3 == 0 else "线索")
        leads.append(f"2025-11-{1 + i % 28:02d},{channel},{stage}")
    return {"orders.csv": "\n".join(orders) + "\n", "targets.csv": "\n".join(targets) + "\n",
            "leads.csv": "\n".join(leads) + "\n"}


def deck_config(renderers: tuple[str, ...] = ("native", "image"),
                types: list[str] | None = None) -> str:
    chapters = []
    for renderer in renderers:
        slides = []
        for kind in types or TYPES:
            chart = CHARTS[kind][:-1] + f", renderer: {renderer}}}"
            slides.append(f"      - {{kind: chart, title: {kind}, chart: {chart}}}")
        chapters.append(f"  - title: {renderer}\n    slides:\n" + "\n".join(slides))
    return DECK.replace("{chapters}", "\n".join(chapters))


def write_deck(folder: Path, config: str) -> Path:
    for name, text in _data().items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "charts.yaml"
    path.write_text(textwrap.dedent(config), encoding="utf-8")
    return path


def chart_slides(prs, renderer: str) -> dict[str, object]:
    """The chart slides of one renderer's chapter, by chart type: cover, contents, then
    chapter 'native' and its 12 slides, chapter 'image' and its 12 slides, closing."""
    first = 3 if renderer == "native" else 4 + len(TYPES)
    slides = list(prs.slides)
    out = {}
    for i, kind in enumerate(TYPES):
        slide = slides[first + i]
        title = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        assert kind in title, (kind, title)
        out[kind] = slide
    return out


