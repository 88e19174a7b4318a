"""A table of a dated source can list only the rows of a window (this month's agenda, next
month's risks), so the same config gives the right rows for every --period."""

from __future__ import annotations

RISKS_CSV = """\
month,risk,owner
2025-10,十月风险,张伟
2025-11,十一月风险A,李娜
2025-11,十一月风险B,王芳
2025-12,十二月风险,刘洋
"""

CONFIG = """\
title: 风险
period: 2025-11
data:
  risks: {{path: risks.csv, date_column: month}}
chapters:
  - title: 风险
    slides:
      - kind: table
        title: 风险清单
        source: risks
{window}
        columns:
          - {{header: 风险, field: risk}}
          - {{header: 责任人, field: owner}}
"""


def rows_of(plan: dict) -> list[list[str]]:
    return [row for s in plan["slides"] if s["kind"] == "table" for row in s["table"].get("rows", [])]


def test_rows_of_the_period_and_of_the_next(tmp_path, write_config, run_cli, plan_json):
    cfg = write_config(tmp_path, CONFIG.format(window="        window: current"),
                       {"risks.csv": RISKS_CSV})
    assert rows_of(plan_json(run_cli("build", cfg, "--plan"))) == [
        ["十一月风险A", "李娜"], ["十一月风险B", "王芳"]]
    assert rows_of(plan_json(run_cli("build", cfg, "--plan", "--period", "2025-10"))) == [
        ["十月风险", "张伟"]]
    cfg = write_config(tmp_path, CONFIG.format(window="        window: next"),
                       {"risks.csv": RISKS_CSV})
    assert rows_of(plan_json(run_cli("build", cfg, "--plan"))) == [["十二月风险", "刘洋"]]


def test_without_window_every_row_is_listed(tmp_path, write_config, run_cli, plan_json):
    cfg = write_config(tmp_path, CONFIG.format(window=""), {"risks.csv": RISKS_CSV})
    assert len(rows_of(plan_json(run_cli("build", cfg, "--plan")))) == 4


def test_an_empty_window_warns(tmp_path, write_config, run_cli, plan_json):
    cfg = write_config(tmp_path, CONFIG.format(window="        window: current"),
                       {"risks.csv": RISKS_CSV})
    result = run_cli("build", cfg, "--plan", "--period", "2025-06")
    assert rows_of(plan_json(result)) == []
    assert "has no rows in 2025-06-01..2025-06-30" in result.stderr


def test_window_needs_a_date_column(tmp_path, write_config, run_cli, user_error):
    text = CONFIG.format(window="        window: current").replace(", date_column: month", "")
    cfg = write_config(tmp_path, text, {"risks.csv": RISKS_CSV})
    err = user_error(run_cli("build", cfg, "--plan"))
    assert "'window' needs a date column: give risks a 'date_column'" in err
