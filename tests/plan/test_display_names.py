"""display_names: a deck shows data values under other names (an English deck over Chinese
data), in charts, table rows and templates, while filters and orders keep the data's values."""

from __future__ import annotations

ORDERS_CSV = """\
order_date,region,channel,amount
2025-11-03,华东,线上,3000
2025-11-05,华南,线下,1000
2025-11-20,华东,线下,2000
"""

CONFIG = """\
title: Review
period: 2025-11
language: en
data:
  orders: {path: orders.csv, date_column: order_date, columns: {amount: money}}
metrics:
  region_sales: {kind: total, source: orders, column: amount, by: region, order: [华南, 华东]}
  online: {kind: total, source: orders, column: amount, where: {channel: 线上}}
display_names: {华东: East China, 华南: South China}
chapters:
  - title: Sales
    slides:
      - kind: chart
        title: Regions
        chart: {type: column, metric: region_sales, highlight: East China}
        insight: "East {{ region_sales['East China'] }}, online {{ online }}; {{ best_worst(region_sales) }}"
      - kind: table
        title: Table
        columns:
          - {header: Region}
          - {header: Sales, metric: region_sales}
"""


def test_series_categories_are_shown_under_their_display_names(tmp_path, write_config, run_cli,
                                                                plan_json):
    cfg = write_config(tmp_path, CONFIG, {"orders.csv": ORDERS_CSV})
    plan = plan_json(run_cli("build", cfg, "--plan"))
    chart, table = (s for s in plan["slides"] if s["kind"] in ("chart", "table"))
    assert chart["chart"]["categories"] == ["South China", "East China"]  # the order: list
    assert chart["chart"]["highlight"] == 1
    assert chart["insight"] == ("East ¥5K, online ¥3K; East China leads (¥5K); "
                                "South China trails (¥1K)")
    assert [row[0] for row in table["table"]["rows"]] == ["South China", "East China"]


def test_without_display_names_the_data_values_show(tmp_path, write_config, run_cli, plan_json):
    text = CONFIG.replace("display_names: {华东: East China, 华南: South China}\n", "")
    text = text.replace("East China", "华东")
    cfg = write_config(tmp_path, text, {"orders.csv": ORDERS_CSV})
    plan = plan_json(run_cli("build", cfg, "--plan"))
    chart = next(s for s in plan["slides"] if s["kind"] == "chart")
    assert chart["chart"]["categories"] == ["华南", "华东"]
