"""KPI tables grouped by category, with a named comment column and rate gaps in points; table
cells taken from the facts file are templates, so they can quote computed figures."""

from __future__ import annotations

ORDERS_CSV = """\
order_date,customer,type,amount
2025-11-03,A,新客户,3000000
2025-11-10,B,老客户,800000
2025-11-20,C,老客户,1000000
"""

TARGETS_CSV = """\
month,metric,target
2025-11,sales,5000000
2025-11,repurchase,0.6
2025-11,cycle,15
"""

FOLLOWUPS_CSV = """\
date,days
2025-11-05,20
2025-11-12,24
"""

FACTS = """\
causes:
  - {problem: "销售额仅完成{{ sales_ach }}", check: 抽查跟进记录}
  - {problem: 跟进偏慢, check: "平均{{ cycle }}"}
"""

CONFIG = """\
title: KPI
period: 2025-11
facts: facts.yaml
data:
  orders: {path: orders.csv, date_column: order_date, columns: {amount: money}}
  targets: {path: targets.csv, date_column: month, columns: {target: number}}
  followups: {path: followups.csv, date_column: date, columns: {days: number}}
metrics:
  sales: {kind: total, source: orders, column: amount, label: 销售额}
  sales_target: {kind: total, source: targets, column: target, where: {metric: sales}}
  sales_ach: {kind: achievement, actual: sales, target: sales_target}
  old: {kind: distinct, source: orders, column: customer, where: {type: 老客户}}
  customers: {kind: distinct, source: orders, column: customer}
  repurchase: {kind: ratio, numerator: old, denominator: customers}
  repurchase_target: {kind: total, source: targets, column: target, where: {metric: repurchase}, unit: rate}
  cycle: {kind: mean, source: followups, column: days, unit: days, direction: lower}
  cycle_target: {kind: total, source: targets, column: target, where: {metric: cycle}, unit: days}
chapters:
  - title: 复盘
    slides:
      - kind: kpi_table
        title: 业绩
{note_header}        rows:
          - {category: 整体业绩, label: 销售额, actual: sales, target: sales_target, note: 未达标}
          - {category: 客户维护, label: 复购率, actual: repurchase, target: repurchase_target}
          - {category: 客户维护, label: 跟进周期, actual: cycle, target: cycle_target}
      - kind: kpi_table
        title: 无类别
        rows:
          - {label: 销售额, actual: sales, target: sales_target}
      - kind: table
        title: 根因
        from: causes
        columns:
          - {header: 问题, field: problem}
          - {header: 验证, field: check}
"""

FILES = {"orders.csv": ORDERS_CSV, "targets.csv": TARGETS_CSV, "followups.csv": FOLLOWUPS_CSV,
         "facts.yaml": FACTS}


def _plan(tmp_path, write_config, run_cli, plan_json, note_header=""):
    cfg = write_config(tmp_path, CONFIG.replace("{note_header}", note_header), FILES)
    slides = plan_json(run_cli("build", cfg, "--plan"))["slides"]
    return {s["title"]: s for s in slides if s.get("table")}


def test_kpi_rows_with_categories_get_a_category_column(tmp_path, write_config, run_cli,
                                                         plan_json):
    table = _plan(tmp_path, write_config, run_cli, plan_json,
                  "        note_header: 差异分析\n")["业绩"]["table"]
    assert table["columns"] == ["指标类别", "指标", "目标值", "实际值", "达成率", "差距", "差异分析"]
    assert len(table["widths"]) == 7
    # a category is written once for a run of rows that share it
    assert [r[0] for r in table["rows"]] == ["整体业绩", "客户维护", ""]
    assert table["rows"][0][1:] == ["销售额", "500万元", "480万元", "96%", "−20万元", "未达标"]
    assert [s[0] for s in table["states"]] == ["", "", ""]


def test_a_rate_gap_is_in_points_and_lower_is_better_has_no_rate(tmp_path, write_config,
                                                                  run_cli, plan_json):
    table = _plan(tmp_path, write_config, run_cli, plan_json)["业绩"]["table"]
    assert table["columns"][-1] == "说明"
    repurchase, cycle = table["rows"][1], table["rows"][2]
    assert repurchase[2:6] == ["60%", "67%", "111%", "+7个百分点"]
    assert table["states"][1][3:6] == ["good", "good", "good"]
    # 22 days against 15: worse, with no plain achievement rate
    assert cycle[2:6] == ["15天", "22天", "—", "+7天"]
    assert table["states"][2][3:6] == ["bad", "bad", "bad"]


def test_without_categories_the_kpi_table_is_unchanged(tmp_path, write_config, run_cli,
                                                       plan_json):
    table = _plan(tmp_path, write_config, run_cli, plan_json)["无类别"]["table"]
    assert table["columns"] == ["指标", "目标值", "实际值", "达成率", "差距", "说明"]
    assert table["rows"] == [["销售额", "500万元", "480万元", "96%", "−20万元", ""]]
    assert not table.get("widths")


def test_facts_table_cells_are_templates(tmp_path, write_config, run_cli, plan_json):
    table = _plan(tmp_path, write_config, run_cli, plan_json)["根因"]["table"]
    assert table["rows"] == [["销售额仅完成96%", "抽查跟进记录"], ["跟进偏慢", "平均22天"]]
