"""configs/sales_meeting.yaml: the sales meeting deck of seed 001 (7 chapters, from preparation
to action plan), with its figures recomputed here from the raw files with plain pandas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.configs.seed_figures import (
    DEPT,
    ROOT,
    SAMPLE,
    build_and_reopen,
    half_up,
    layout_warnings,
    month_of,
    page,
    pages,
    pct,
    plan_of,
    points,
    text,
    wan,
)

CONFIG = ROOT / "configs" / "sales_meeting.yaml"
CHAPTERS = ["会议前的准备工作", "会议开场与议程介绍", "销售业绩回顾与分析", "市场动态与竞争态势",
            "销售策略调整与优化", "销售目标设定与任务分解", "行动计划制定与激励机制"]
# content slides per chapter, by kind
KINDS = [
    ["points", "cards", "table", "points"],
    ["cards", "chart", "table", "table"],
    ["points", "chart", "chart", "cards", "chart", "cards"],
    ["cards", "chart", "matrix", "chart"],
    ["cards", "cards", "chart", "points"],
    ["points", "chart", "table", "chart", "table", "chart"],
    ["table", "timeline", "table", "points"],
]


# ---------------------------------------------------------------- the raw data, read with pandas
@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    return month_of(pd.read_csv(SAMPLE / "orders.csv"), "order_date")


@pytest.fixture(scope="module")
def plan_rows() -> pd.DataFrame:
    df = pd.read_csv(DEPT / "targets.csv", keep_default_na=False)
    df = df[df["metric"] == "sales"].assign(target=lambda d: d["target"].astype(float))
    return df.assign(m=df["month"])


@pytest.fixture(scope="module")
def leads() -> pd.DataFrame:
    df = month_of(pd.read_csv(DEPT / "leads.csv", keep_default_na=False), "created_date")
    return df.assign(won=df["stage_reached"] == "成交")


@pytest.fixture(scope="module")
def agenda() -> pd.DataFrame:
    return pd.read_csv(DEPT / "agenda.csv")


# ---------------------------------------------------------------- the plan
@pytest.fixture(scope="module")
def plan() -> dict:
    return plan_of(CONFIG)


# ---------------------------------------------------------------- structure
def test_seven_chapters_in_the_seed_order_with_the_seed_slide_kinds(plan: dict) -> None:
    slides = plan["slides"]
    assert slides[0]["kind"] == "cover" and slides[-1]["kind"] == "closing"
    assert slides[0]["presenter"].startswith("周建国")
    contents = [s for s in slides if s["kind"] == "contents"]
    assert [[e["title"] for e in s["entries"]] for s in contents] == [CHAPTERS[:4], CHAPTERS[4:]]
    assert [s["title"] for s in slides if s["kind"] == "chapter"] == CHAPTERS
    kinds: list[list[str]] = []
    for s in slides[3:-1]:
        if s["kind"] == "chapter":
            kinds.append([])
        else:
            kinds[-1].append(s["kind"])
    assert kinds == KINDS
    assert [s["page"] for s in pages(plan)] == list(range(1, 33))
    assert len(slides) == 1 + 2 + 7 + 32 + 1
    assert plan.get("warnings", []) == []


def test_smart_targets_are_five_numbered_points(plan: dict) -> None:
    smart = page(plan, "2026年总体销售目标（SMART原则）")
    assert [p["heading"][0] for p in smart["points"]] == list("SMART")


# ---------------------------------------------------------------- opening: agenda and attendees
def test_agenda_time_split_comes_from_the_items_minutes(plan: dict, agenda: pd.DataFrame) -> None:
    nov = agenda[agenda["month"] == "2025-11"]
    core = nov[nov["item_type"] == "核心议题"].groupby("section", sort=False)["minutes"].sum()
    order = ["业绩复盘", "市场动态", "策略调整", "目标分解", "行动计划"]
    shares = core[order] / core.sum()
    assert [pct(x) for x in shares] == ["20%", "15%", "25%", "25%", "15%"]  # the seed's split
    slide = page(plan, "会议议程与时间分配")
    chart = slide["chart"]
    assert chart["type"] == "doughnut"
    assert chart["categories"] == order
    assert chart["series"][0]["values"] == [float(core[s]) for s in order]
    assert "、".join(f"{s} {pct(shares[s])}" for s in order) in text(slide)
    total, buffer = nov["minutes"].sum(), nov.loc[nov["item_type"] == "缓冲", "minutes"].sum()
    assert f"全程{total}分钟" in text(slide)
    assert f"预留缓冲{buffer}分钟（核心议题时长的{pct(buffer / core.sum())}）" in text(slide)
    rows = [r for s in pages(plan) if s["title"].startswith("议程明细") for r in s["table"]["rows"]]
    assert [r[2] for r in rows] == nov.sort_values("seq")["item"].tolist()


def test_attendees_and_their_replies(plan: dict) -> None:
    people = pd.read_csv(DEPT / "attendees.csv")
    nov = people[people["month"] == "2025-11"]
    table = page(plan, "参会人员与角色分工")["table"]
    assert [r[0] for r in table["rows"]] == nov["name"].tolist()
    confirmed = (nov["rsvp"] == "已确认").sum()
    cards = text(page(plan, "参会人员的确定与邀请"))
    assert f"共邀请{len(nov)}人，已确认{confirmed}人，确认率{pct(confirmed / len(nov))}" in cards


# ---------------------------------------------------------------- performance review
def test_sales_against_target_and_product_lines(plan: dict, orders: pd.DataFrame,
                                                plan_rows: pd.DataFrame) -> None:
    nov = orders[orders["m"] == "2025-11"]
    target = plan_rows[plan_rows["m"] == "2025-11"]
    sales, goal = nov["amount"].sum(), target["target"].sum()
    assert (wan(sales), wan(goal), pct(sales / goal)) == ("675.3万元", "750万元", "90%")
    oct_sales = orders.loc[orders["m"] == "2025-10", "amount"].sum()
    first = page(plan, "整体销售数据与目标对比")["points"][0]["body"]
    assert f"本月销售额{wan(sales)}，目标{wan(goal)}，完成{pct(sales / goal)}" in first
    assert f"较上月增长{pct(sales / oct_sales - 1)}" in first
    ach = nov.groupby("product_line")["amount"].sum() / target.groupby("product_line")["target"].sum()
    chart = page(plan, "产品线销售完成率对比")["chart"]
    got = dict(zip(chart["categories"], chart["series"][0]["values"], strict=True))
    assert got == pytest.approx(ach.to_dict())
    assert ach.idxmin() == "手环" and pct(ach.min()) == "78%"
    assert f"手环占比{pct(nov.loc[nov['product_line'] == '手环', 'amount'].sum() / sales)}，仅完成78%" \
        in text(page(plan, "整体销售数据与目标对比"))


def test_funnel_conversion_and_cycle_time(plan: dict, leads: pd.DataFrame) -> None:
    nov, oct_ = (leads[leads["m"] == m] for m in ("2025-11", "2025-10"))
    stages = ["线索", "初步意向", "深度沟通", "成交"]
    level = nov["stage_reached"].map(stages.index)
    funnel = [float((level >= i).sum()) for i in range(4)]
    assert page(plan, "销售漏斗与阶段转化")["chart"]["series"][0]["values"] == funnel
    cycle = pd.to_numeric(nov.loc[nov["won"], "cycle_days"]).mean()
    cycle_oct = pd.to_numeric(oct_.loc[oct_["won"], "cycle_days"]).mean()
    body = text(page(plan, "客户转化率与留存率统计"))
    assert f"平均成交周期{half_up(cycle, 1)}天（+{half_up(cycle - cycle_oct, 1)}天）" in body
    change = points(nov["won"].mean() - oct_["won"].mean())
    assert f"转化率较上月{change}" in text(page(plan, "销售漏斗与阶段转化"))


def test_churn_from_contract_renewals(plan: dict) -> None:
    rn = month_of(pd.read_csv(DEPT / "renewals.csv", keep_default_na=False), "due_date")
    nov = rn[rn["m"] == "2025-11"]
    lost = nov["outcome"] == "流失"
    reasons = nov.loc[lost, "churn_reason"].value_counts()
    body = text(page(plan, "客户转化率与留存率统计"))
    assert f"到期{len(nov)}份合同续约{(~lost).sum()}份，流失率{pct(lost.mean())}" in body
    assert f"首要原因{reasons.index[0]}（{pct(reasons.iloc[0] / lost.sum())}）" in body


# ---------------------------------------------------------------- next year's targets
def test_next_year_targets_by_quarter_month_region_and_rep(plan: dict,
                                                          plan_rows: pd.DataFrame) -> None:
    y26 = plan_rows[plan_rows["m"].str[:4] == "2026"]
    y25 = plan_rows[plan_rows["m"].str[:4] == "2025"]
    total = y26["target"].sum()
    assert wan(total) == "9600万元"
    smart = text(page(plan, "2026年总体销售目标（SMART原则）"))
    assert f"全年目标{wan(total)}，较本年目标增长{pct(total / y25['target'].sum() - 1)}" in smart
    q1_east = y26[(y26["quarter"] == "Q1") & (y26["region"] == "华东")]["target"].sum()
    assert f"一季度华东区域销售额目标{wan(q1_east)}" in smart

    by_month = y26.groupby("m")["target"].sum()
    chart = page(plan, "目标的时间维度分解（季度 → 月度）")["chart"]
    assert chart["series"][0]["values"] == by_month.tolist()

    quarters = page(plan, "季度目标与上年对比")["table"]["rows"]
    q26, q25 = (d.groupby("quarter")["target"].sum() for d in (y26, y25))
    assert quarters == [[q, wan(q26[q]), pct(q26[q] / total), wan(q25[q]),
                         f"+{pct(q26[q] / q25[q] - 1)}"] for q in ("Q1", "Q2", "Q3", "Q4")]

    regions = y26.groupby("region")["target"].sum().sort_values(ascending=False)
    chart = page(plan, "目标的组织维度分解（区域 → 团队 → 个人）")["chart"]
    assert chart["categories"] == regions.index.tolist()
    assert chart["series"][0]["values"] == regions.tolist()
    teams = y26.groupby("team")["target"].sum()
    assert f"大客户组（张伟、刘洋）{wan(teams['大客户组'])}，占{pct(teams['大客户组'] / total)}" \
        in text(page(plan, "目标的组织维度分解（区域 → 团队 → 个人）"))

    reps = y26.groupby("rep")["target"].sum().sort_values(ascending=False)
    q1 = y26[y26["quarter"] == "Q1"].groupby("rep")["target"].sum()
    rows = page(plan, "团队与个人目标分解")["table"]["rows"]
    assert [r[:4] for r in rows] == [[rep, wan(v), pct(v / total), wan(q1[rep])]
                                     for rep, v in reps.items()]


# ---------------------------------------------------------------- action plan and incentives
def test_action_plan_with_owners_status_chips_and_overdue(plan: dict) -> None:
    table = page(plan, "具体行动计划与责任人")["table"]
    overdue = [r for r in table["rows"] if r[4].endswith("（逾期）")]
    assert overdue == [["线索24小时首响与超时预警上线", "孙悦", "2025-11-20", "2025-11-28",
                        "进行中（逾期）"]]
    assert table["highlight_rows"] == [1]
    tasks = page(plan, "行动计划时间表")["tasks"]
    assert len(tasks) == len(table["rows"]) and tasks[1]["state"] == "overdue"


def test_incentive_table_ranks_reps_by_sales(plan: dict, orders: pd.DataFrame,
                                             plan_rows: pd.DataFrame) -> None:
    nov = orders[orders["m"] == "2025-11"]
    sales = nov.groupby("rep")["amount"].sum().sort_values(ascending=False)
    goal = plan_rows[plan_rows["m"] == "2025-11"].groupby("rep")["target"].sum()
    new = nov[nov["customer_type"] == "新客"].groupby("rep")["customer_id"].nunique()
    rows = page(plan, "激励评估：本月个人达成")["table"]["rows"]
    assert [r[:5] for r in rows] == [[rep, wan(v), wan(goal[rep]), pct(v / goal[rep]),
                                      str(new[rep])] for rep, v in sales.items()]


# ---------------------------------------------------------------- the files
def test_the_deck_builds_and_reopens(tmp_path: Path, plan: dict) -> None:
    result, prs = build_and_reopen(CONFIG, tmp_path / "meeting.pptx")
    assert layout_warnings(result) == []
    assert len(prs.slides) == len(plan["slides"]) == 43
    texts = " ".join(sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame)
    assert "高效销售会议" in texts


def test_another_month_builds_with_its_own_figures(tmp_path: Path, orders: pd.DataFrame,
                                                   agenda: pd.DataFrame) -> None:
    oct_plan = plan_of(CONFIG, "2025-10")
    oct_sales = orders.loc[orders["m"] == "2025-10", "amount"].sum()
    assert f"本月销售额{wan(oct_sales)}" in text(page(oct_plan, "整体销售数据与目标对比"))
    minutes = agenda[agenda["month"] == "2025-10"]["minutes"].sum()
    assert f"全程{minutes}分钟" in text(page(oct_plan, "会议议程与时间分配"))
    # the only warning: the meeting notes were written for November
    [warning] = oct_plan.get("warnings", [])
    assert "meeting_notes.yaml:3:1 period: the facts file is written for 2025-11, the deck " \
           "is for 2025-10" in warning
    result, prs = build_and_reopen(CONFIG, tmp_path / "oct.pptx", period="2025-10")
    assert len(prs.slides) == result.slides
