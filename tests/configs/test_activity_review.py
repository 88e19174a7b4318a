"""configs/activity_review.yaml (seed 003, the sales activity review): its four tables, the KPI
figures recomputed with plain pandas from sample_inputs/activity, the overdue action, and the
built deck reopened with python-pptx."""

from __future__ import annotations

import datetime as dt
import filecmp
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from pptx import Presentation

from reviewdeck.deck import build, plan_deck
from reviewdeck.errors import Diagnostics

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "configs" / "activity_review.yaml"
DATA = ROOT / "sample_inputs" / "activity"
Q3 = (pd.Timestamp("2025-07-01"), pd.Timestamp("2025-09-30"))
Q2 = (pd.Timestamp("2025-04-01"), pd.Timestamp("2025-06-30"))
DECK_DAY = dt.date(2025, 10, 24)
MINUS = "\u2212"


# ------------------------------------------------------------------ expected, with plain pandas
def _read(name: str, date_col: str, quarter=Q3) -> pd.DataFrame:
    df = pd.read_csv(DATA / name)
    dates = pd.to_datetime(df[date_col])
    return df[(dates >= quarter[0]) & (dates <= quarter[1])]


def _figures(quarter=Q3) -> dict:
    orders = _read("orders.csv", "order_date", quarter)
    roster = _read("accounts.csv", "snapshot_date", quarter)
    follow = _read("followups.csv", "followup_date", quarter)
    leads = _read("leads.csv", "created_date", quarter)
    targets = _read("targets.csv", "quarter_start", quarter).set_index("metric")["target"]
    old = orders[orders["customer_type"] == "老客户"]
    return {
        "sales": orders["amount"].sum(), "sales_target": targets["sales"],
        "new": orders.loc[orders["customer_type"] == "新客户", "customer_id"].nunique(),
        "new_target": targets["new_customers"],
        "repurchase": old["customer_id"].nunique() / len(roster),
        "repurchase_target": targets["repurchase_rate"],
        "cycle": follow.loc[follow["result"].isin(["成交", "丢单"]), "days_from_lead"].mean(),
        "cycle_target": targets["follow_up_days"],
        "leads": len(leads), "won": int((leads["stage_reached"] == "成交").sum()),
        "conversion_target": targets["lead_conversion"],
        "old_aov": old["amount"].sum() / len(old),
    }


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def _days(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") + "天"


@pytest.fixture(scope="module")
def q3() -> dict:
    return _figures()


@pytest.fixture(scope="module")
def facts() -> dict:
    return yaml.safe_load((DATA / "facts.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan() -> dict:
    diag = Diagnostics()
    _, p, _ = plan_deck(CONFIG, diag=diag)
    assert not diag.warnings, diag.warnings
    return p.to_dict()


def slide(plan: dict, title: str) -> dict:
    (found,) = [s for s in plan["slides"] if s.get("title") == title]
    return found


def test_the_seed_figures_come_out_of_the_raw_records(q3: dict) -> None:
    assert (round(q3["sales"] / 1e4), round(q3["sales_target"] / 1e4)) == (380, 500)
    assert _pct(q3["sales"] / q3["sales_target"]) == "76%"
    assert (q3["new"], q3["new_target"], _pct(q3["new"] / q3["new_target"])) == (12, 20, "60%")
    assert (_pct(q3["repurchase"]), _pct(q3["repurchase_target"])) == ("65%", "60%")
    assert _pct(q3["repurchase"] / q3["repurchase_target"]) == "108%"
    assert (q3["cycle"], q3["cycle_target"]) == (22.0, 15)
    assert (q3["leads"], q3["won"], _pct(q3["won"] / q3["leads"])) == (60, 12, "20%")


# ------------------------------------------------------------------ the four tables
def test_kpi_review_table(plan: dict, q3: dict) -> None:
    table = slide(plan, "销售业绩数据复盘表")["table"]
    assert table["columns"] == ["指标类别", "指标", "目标值", "实际值", "达成率", "差距",
                                "差异分析（简要说明）"]
    gap_pts = round((q3["repurchase"] - q3["repurchase_target"]) * 100)
    expected = [
        ["整体业绩", "销售额", f"{q3['sales_target'] / 1e4:.0f}万元",
         f"{q3['sales'] / 1e4:.0f}万元", _pct(q3["sales"] / q3["sales_target"]),
         f"{MINUS}{(q3['sales_target'] - q3['sales']) / 1e4:.0f}万元"],
        ["客户开发", "新客户数量", f"{q3['new_target']:.0f}", str(q3["new"]),
         _pct(q3["new"] / q3["new_target"]), f"{MINUS}{q3['new_target'] - q3['new']:.0f}"],
        ["客户维护", "老客户复购率", _pct(q3["repurchase_target"]), _pct(q3["repurchase"]),
         _pct(q3["repurchase"] / q3["repurchase_target"]), f"+{gap_pts}个百分点"],
        # lower is better: no plain achievement rate
        ["过程效率", "平均跟进周期", _days(q3["cycle_target"]), _days(q3["cycle"]), "—",
         "+" + _days(q3["cycle"] - q3["cycle_target"])],
    ]
    assert [row[:6] for row in table["rows"]] == expected
    assert expected[0][2:5] == ["500万元", "380万元", "76%"]
    assert expected[3][2:5] == ["15天", "22天", "—"]
    assert all(row[6] for row in table["rows"])
    # actual, achievement and gap read as worse / better; the follow-up cycle as worse
    assert [s[3:6] for s in table["states"]] == [["bad"] * 3, ["bad"] * 3, ["good"] * 3,
                                                 ["bad"] * 3]


def test_root_cause_table_quotes_computed_figures(plan: dict, q3: dict, facts: dict) -> None:
    table = slide(plan, "问题根因分析表")["table"]
    assert table["columns"] == ["问题描述", "可能原因（初步）", "根本原因（深挖后）", "验证方法"]
    rows = table["rows"]
    assert len(rows) == len(facts["root_causes"]) == 3
    assert not any("{{" in cell for row in rows for cell in row)
    q2 = _figures(Q2)
    aov_drop = round((1 - q3["old_aov"] / q2["old_aov"]) * 100)
    assert rows[0][0] == (f"新客户线索转化率低（{_pct(q3['won'] / q3['leads'])}，"
                          f"目标{_pct(q3['conversion_target'])}）")
    assert rows[1][0] == f"老客户客单价下降{aov_drop}%"
    assert rows[2][0] == (f"跟进周期{_days(q3['cycle'])}，"
                          f"超目标{_days(q3['cycle'] - q3['cycle_target'])}")
    assert [r[1:] for r in rows] == [[c["preliminary"], c["root_cause"], c["check"]]
                                     for c in facts["root_causes"]]


def test_lessons_table(plan: dict, facts: dict) -> None:
    table = slide(plan, "经验教训总结表")["table"]
    assert table["columns"] == ["类型", "具体内容", "适用场景/可复制点"]
    assert [r[0] for r in table["rows"]] == ["成功经验"] * 3 + ["失败教训"] * 3
    assert [r[2] for r in table["rows"]] == [x["scope"] for x in facts["lessons"]]
    orders = _read("orders.csv", "order_date")
    new = orders[orders["customer_type"] == "新客户"]
    manufacturing = new.loc[new["industry"] == "制造业", "customer_id"].nunique()
    assert f"转化{manufacturing}家新客户" in table["rows"][1][1]
    assert table["rows"][0][1].endswith(f"复购率提升至{_pct(_figures()['repurchase'])}")


def test_action_tracker_flags_the_overdue_action(plan: dict, facts: dict) -> None:
    table = slide(plan, "行动计划跟踪表")["table"]
    assert table["columns"] == ["改进措施", "责任人", "完成时间", "所需资源", "检查节点（输出物）",
                                "当前状态"]
    actions = facts["actions"]
    overdue = [i for i, a in enumerate(actions)
               if a["status"] != "已完成" and dt.date.fromisoformat(a["due"]) < DECK_DAY]
    assert overdue == [0]
    assert table["highlight_rows"] == overdue
    assert [r[:6] for r in table["rows"]] == [
        [a["measure"], a["owner"], a["due"], a["resources"], a["checkpoint"],
         a["status"] + ("（逾期）" if i in overdue else "")] for i, a in enumerate(actions)]
    assert {a["status"] for a in actions} == {"进行中", "未开始", "已完成"}
    fills = [f[5] for f in table["fills"]]
    assert fills[0] == "negative_light"
    assert {fills[i] for i, a in enumerate(actions) if a["status"] == "已完成"} == {
        "positive_light"}
    assert table["states"][0][5] == "bad"


def test_no_table_is_long_enough_to_continue(plan: dict) -> None:
    titles = [s.get("title", "") for s in plan["slides"]]
    assert not any(t.endswith("（续）") for t in titles)
    assert all(len(s["table"]["rows"]) <= 7 for s in plan["slides"] if s.get("table"))


def test_gantt_five_why_and_fishbone(plan: dict, facts: dict) -> None:
    gantt = slide(plan, "行动计划甘特图")
    assert [t["task"] for t in gantt["tasks"]] == [a["measure"] for a in facts["actions"]]
    assert [t["state"] for t in gantt["tasks"]] == ["overdue", "done", "doing", "todo", "todo",
                                                    "doing"]
    assert gantt["date"] == DECK_DAY.isoformat()
    why = slide(plan, "5-Why分析")
    assert why["problem"] == "新客户开发数量不足（12家，目标20家）"
    assert len(why["steps"]) == 5 and why["steps"][0] == "线索转化率低：20%，目标50%"
    assert why["root_cause"] == facts["why"]["root_cause"]
    fish = slide(plan, "鱼骨图分析")
    assert list(fish["groups"]) == ["主观", "客观", "流程", "资源"]
    assert all(len(v) == 3 for v in fish["groups"].values())


def test_cards_and_funnel(plan: dict, q3: dict) -> None:
    goals = slide(plan, "复盘目标")["cards"]
    assert goals[0]["value"] == "76%" and "缺口120万元" in goals[0]["body"]
    funnel = slide(plan, "过程指标")["chart"]
    assert funnel["type"] == "funnel" and funnel["series"][0]["values"] == [60, 27, 12]
    compare = slide(plan, "数据与事实梳理")["cards"]
    q2 = _figures(Q2)
    assert compare[0]["value"] == f"{MINUS}{round((1 - q3['new'] / q2['new']) * 100)}%"
    assert compare[1]["value"] == f"+{round((q3['repurchase'] - q2['repurchase']) * 100)}个百分点"
    assert compare[2]["value"] == "+" + _days(q3["cycle"] - q2["cycle"])


# ------------------------------------------------------------------ the deck file
def test_the_deck_builds_and_reopens(tmp_path: Path, plan: dict) -> None:
    out = tmp_path / "activity.pptx"
    build(CONFIG, output=str(out))
    prs = Presentation(str(out))
    assert len(prs.slides) == len(plan["slides"]) == 19
    texts = ["\n".join(s.text_frame.text for s in sl.shapes if s.has_text_frame)
             for sl in prs.slides]
    for title in ("销售业绩数据复盘表", "问题根因分析表", "5-Why分析", "鱼骨图分析", "经验教训总结表",
                  "行动计划跟踪表", "行动计划甘特图"):
        assert sum(title in t for t in texts) == 1, title
    tables = [sh.table for sl in prs.slides for sh in sl.shapes if sh.has_table]
    assert len(tables) == 4
    kpi = tables[0]
    cells = [[kpi.cell(i, j).text for j in range(len(kpi.columns))] for i in range(len(kpi.rows))]
    assert cells[4][1:5] == ["平均跟进周期", "15天", "22天", "—"]

    def color(i: int, j: int) -> str:
        return str(kpi.cell(i, j).text_frame.paragraphs[0].runs[0].font.color.rgb)

    # the lower-is-better row reads as worse: the same colour as the missed sales target,
    # not the colour of the repurchase rate that beat its target
    assert color(4, 3) == color(4, 4) == color(1, 3) != color(3, 3)
    assert color(4, 4) != color(4, 2)


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(DATA / "generate.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    names = ["orders.csv", "accounts.csv", "leads.csv", "followups.csv", "targets.csv",
             "facts.yaml"]
    match, mismatch, errors = filecmp.cmpfiles(DATA, tmp_path, names, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert sum((DATA / n).stat().st_size for n in names) < 150_000
    check = subprocess.run([sys.executable, str(DATA / "generate.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
