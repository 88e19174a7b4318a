"""configs/dept_monthly_summary.yaml: the department's monthly summary of seed 002, every section
of the template with its X% slots filled; the figures are recomputed here with plain pandas."""

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
    signed,
    text,
    wan,
)

CONFIG = ROOT / "configs" / "dept_monthly_summary.yaml"
CHAPTERS = ["业绩整体回顾：成果与趋势洞察", "重点业务板块：细分维度的表现拆解", "问题与不足：深层矛盾的诊断",
            "改进策略与行动计划", "下月目标与规划", "总结与展望"]
KINDS = [
    ["cards", "kpi_table", "chart", "cards", "chart", "chart"],
    ["table", "cards", "chart", "chart", "chart"],
    ["cards", "five_why", "fishbone"],
    ["points", "table"],
    ["cards", "table", "table"],
    ["cards"],
]
PRODUCTS = ["智能手表", "手环", "耳机", "配件"]


# ---------------------------------------------------------------- raw data with pandas
@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    return month_of(pd.read_csv(SAMPLE / "orders.csv"), "order_date")


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    df = pd.read_csv(DEPT / "targets.csv", keep_default_na=False)
    return df.assign(target=df["target"].astype(float), m=df["month"])


@pytest.fixture(scope="module")
def leads() -> pd.DataFrame:
    df = month_of(pd.read_csv(DEPT / "leads.csv", keep_default_na=False), "created_date")
    return df.assign(won=df["stage_reached"] == "成交")


@pytest.fixture(scope="module")
def renewals() -> pd.DataFrame:
    df = month_of(pd.read_csv(DEPT / "renewals.csv", keep_default_na=False), "due_date")
    return df.assign(lost=df["outcome"] == "流失")


@pytest.fixture(scope="module")
def plan() -> dict:
    return plan_of(CONFIG)


# ---------------------------------------------------------------- structure
def test_every_section_of_the_template_in_order(plan: dict) -> None:
    slides = plan["slides"]
    assert slides[0]["kind"] == "cover" and slides[-1]["kind"] == "closing"
    assert slides[0]["title"] == "2025年11月销售部门月度业绩总结"
    assert [s["title"] for s in slides if s["kind"] == "chapter"] == CHAPTERS
    assert [len(s["entries"]) for s in slides if s["kind"] == "contents"] == [4, 2]
    kinds: list[list[str]] = []
    for s in slides[3:-1]:
        if s["kind"] == "chapter":
            kinds.append([])
        else:
            kinds[-1].append(s["kind"])
    assert kinds == KINDS
    assert [s["page"] for s in pages(plan)] == list(range(1, 21))
    assert len(slides) == 1 + 2 + 6 + 20 + 1
    assert plan.get("warnings", []) == []


# ---------------------------------------------------------------- overall review
def test_target_completion_overall_and_per_product_line(plan: dict, orders: pd.DataFrame,
                                                       targets: pd.DataFrame) -> None:
    nov = orders[orders["m"] == "2025-11"]
    goal = targets[(targets["m"] == "2025-11") & (targets["metric"] == "sales")]
    sales = nov["amount"].sum()
    by_product = nov.groupby("product_line")["amount"].sum()
    product_goal = goal.groupby("product_line")["target"].sum()
    ach = by_product / product_goal
    first = text(page(plan, "目标达成全景"))
    assert f"本月整体销售目标完成率为{pct(sales / goal['target'].sum())}" in first
    assert f"核心产品线{ach.idxmax()}完成{pct(ach.max())}" in first
    assert f"{ach.idxmin()}因市场竞争加剧仅完成{pct(ach.min())}" in first
    rows = {r[0]: r for r in page(plan, "关键指标目标对比")["table"]["rows"]}
    for p in PRODUCTS:
        assert rows[p][1:4] == [wan(product_goal[p]), wan(by_product[p]), pct(ach[p])]
    churn_row = rows["客户流失率"]
    assert churn_row[1] == "8%" and churn_row[3] == "—"  # lower is better: no plain rate
    gaps = (by_product - product_goal).sort_values(ascending=False)
    chart = page(plan, "从目标到实际")["chart"]
    assert chart["type"] == "waterfall"
    assert chart["categories"] == ["目标", *gaps.index, "实际"]
    assert chart["series"][0]["values"] == pytest.approx(
        [goal["target"].sum(), *gaps.tolist(), sales])


def test_core_metrics_new_vs_returning_customers_churn_conversion(
        plan: dict, orders: pd.DataFrame, leads: pd.DataFrame, renewals: pd.DataFrame) -> None:
    nov, oct_ = (orders[orders["m"] == m] for m in ("2025-11", "2025-10"))

    def share(d: pd.DataFrame) -> float:
        return d.loc[d["customer_type"] == "新客", "amount"].sum() / d["amount"].sum()

    body = text(page(plan, "核心指标动态"))
    assert f"占比{pct(share(nov))}（{points(share(nov) - share(oct_))}）" in body
    new = nov.loc[nov["customer_type"] == "新客", "customer_id"].nunique()
    won_new = leads[(leads["m"] == "2025-11") & (leads["customer_type"] == "新客")]
    assert len(won_new) == new  # every new customer came in through one won lead
    head = (won_new["customer_size"] == "大型").mean()
    assert f"本月新增客户{new}家，其中行业头部客户占比{pct(head)}" in body
    smb = renewals[renewals["customer_size"] != "大型"]
    rate = smb.groupby("m")["lost"].mean()
    assert f"中小客户流失率为{pct(rate['2025-11'])}，较上月{points(rate['2025-11'] - rate['2025-10'])}" \
        in body
    conv = leads.groupby("m")["won"].mean()
    cycle = pd.to_numeric(leads.loc[leads["won"], "cycle_days"]).groupby(leads["m"]).mean()
    assert f"转化率{pct(conv['2025-11'])}，较上月{points(conv['2025-11'] - conv['2025-10'])}" in body
    assert (f"平均成交周期{half_up(cycle['2025-11'], 1)}天，"
            f"较上月+{half_up(cycle['2025-11'] - cycle['2025-10'], 1)}天") in body


# ---------------------------------------------------------------- business segments
def test_product_lines_volume_profit_and_feedback(plan: dict, orders: pd.DataFrame,
                                                  targets: pd.DataFrame) -> None:
    ship = month_of(pd.read_csv(DEPT / "shipments.csv"), "ship_date")
    fb = month_of(pd.read_csv(DEPT / "feedback.csv"), "feedback_date")
    sales = orders.groupby(["m", "product_line"])["amount"].sum()
    units = ship.groupby(["m", "product_line"])["units"].sum()
    gm = 1 - ship.groupby(["m", "product_line"])["cost"].sum() / sales
    goal = targets[(targets["m"] == "2025-11") & (targets["metric"] == "sales")] \
        .groupby("product_line")["target"].sum()
    nov_fb = fb[fb["m"] == "2025-11"]
    sat = (nov_fb["score"] >= 4).groupby(nov_fb["product_line"]).mean()
    expected = []
    for p in sales["2025-11"].sort_values(ascending=False).index:
        expected.append([p, wan(sales["2025-11"][p]), pct(sales["2025-11"][p] / goal[p]),
                         f"{units['2025-11'][p]:,}",
                         signed(units["2025-11"][p] / units["2024-11"][p] - 1),
                         pct(gm["2025-11"][p]), points(gm["2025-11"][p] - gm["2025-10"][p]),
                         pct(sat[p])])
    assert page(plan, "产品线三维分析")["table"]["rows"] == expected
    buds = text(page(plan, "产品线表现拆解"))
    slow = (nov_fb.loc[nov_fb["product_line"] == "耳机", "topic"] == "功能迭代慢").mean()
    yoy = units["2025-11"]["耳机"] / units["2024-11"]["耳机"] - 1
    assert f"耳机本月销量同比增长{pct(yoy)}" in buds
    assert f"较上月{points(gm['2025-11']['耳机'] - gm['2025-10']['耳机'])}" in buds
    assert f"客户反馈“功能迭代慢”的占比达{pct(slow)}" in buds


def test_industries_regions_and_channels(plan: dict, orders: pd.DataFrame,
                                         leads: pd.DataFrame) -> None:
    conv = leads.groupby(["m", "industry"])["won"].agg(["mean", "sum"])
    chart = page(plan, "行业客户成交表现")["chart"]
    got = dict(zip(chart["categories"], chart["series"][0]["values"], strict=True))
    assert got == pytest.approx(conv.loc["2025-11", "mean"].to_dict())
    body = text(page(plan, "行业客户成交表现"))
    made = conv.loc["2025-11", "mean"]["制造业"], conv.loc["2025-10", "mean"]["制造业"]
    assert f"制造业客户成交率{pct(made[0])}，较上月{points(made[0] - made[1])}" in body
    won = conv.loc["2025-11", "sum"]["服务业"], conv.loc["2025-10", "sum"]["服务业"]
    assert f"签约量{won[0]}单，较上月下降{pct(1 - won[0] / won[1])}" in body

    nov = orders[orders["m"] == "2025-11"]
    share = nov.groupby("region")["amount"].sum() / nov["amount"].sum()
    new = nov[nov["customer_type"] == "新客"].groupby("region")["customer_id"].nunique()
    regions = text(page(plan, "地域客户分布"))
    assert f"{share.idxmax()}区域销售额占比{pct(share.max())}" in regions
    assert f"{new.idxmin()}区域新增客户不足" in regions

    spend = month_of(pd.read_csv(DEPT / "marketing_spend.csv"), "spend_date")
    roi = (nov.groupby("channel")["amount"].sum()
           / spend[spend["m"] == "2025-11"].groupby("channel")["cost"].sum())
    chart = page(plan, "销售渠道效能对比")["chart"]
    got = dict(zip(chart["categories"], chart["series"][0]["values"], strict=True))
    assert got == pytest.approx(roi.to_dict())
    won_src = leads[leads["won"]].groupby(["m", "source_channel"]).size()
    private = [won_src[m]["私域社群"] / won_src[m].sum() for m in ("2025-11", "2025-10")]
    cac = {m: spend[(spend["m"] == m) & (spend["sub_channel"] == "线下展会")]["cost"].sum()
           / ((leads["m"] == m) & (leads["customer_type"] == "新客")
              & (leads["source_channel"] == "线下展会")).sum() for m in ("2025-11", "2025-10")}
    channels = text(page(plan, "销售渠道效能对比"))
    assert f"私域社群成交占比提升至{pct(private[0])}（{points(private[0] - private[1])}）" in channels
    assert f"较上月增长{pct(cac['2025-11'] / cac['2025-10'] - 1)}" in channels


# ---------------------------------------------------------------- problems, actions, next month
def test_problems_are_quantified(plan: dict, leads: pd.DataFrame, renewals: pd.DataFrame) -> None:
    nov = leads[leads["m"] == "2025-11"]
    body = text(page(plan, "显性问题梳理"))
    rn = renewals[renewals["m"] == "2025-11"]
    assert f"老客户续约率{pct(1 - rn['lost'].mean())}" in body
    valid = (nov["stage_reached"] != "线索").mean()
    assert f"线索池有效率仅{pct(valid)}" in body
    lost_big = ((nov["lost_reason"] == "内部协作延误") & (nov["customer_size"] == "大型")).sum()
    assert lost_big == 3 and f"导致{lost_big}个潜在大单流失" in body


def test_actions_have_owners_and_deadlines(plan: dict) -> None:
    table = page(plan, "行动计划拆解")["table"]
    assert table["columns"][:4] == ["行动任务", "责任人", "开始时间", "完成时限"]
    assert all(r[1] and r[3].startswith("2025-") for r in table["rows"])
    assert [r[4] for r in table["rows"]].count("进行中（逾期）") == 1


def test_next_month_targets_resources_and_risks(plan: dict, orders: pd.DataFrame,
                                                targets: pd.DataFrame) -> None:
    sales = orders.loc[orders["m"] == "2025-11", "amount"].sum()
    dec = targets[targets["m"] == "2025-12"]
    goal = dec.loc[dec["metric"] == "sales", "target"].sum()
    new = int(dec.loc[dec["metric"] == "new_customers", "target"].sum())
    churn = dec.loc[dec["metric"] == "churn_rate", "target"].mean()
    body = text(page(plan, "目标体系构建"))
    assert f"下月销售额目标{wan(goal)}，较本月实际{wan(sales)}增长{pct(goal / sales - 1)}" in body
    assert f"下月新客户目标{new}家" in body
    assert f"客户流失率控制在{pct(churn)}以内" in body
    res = pd.read_csv(DEPT / "resources.csv")
    res_dec = res[res["month"] == "2025-12"]
    slide = page(plan, "资源与支持需求")
    assert [r[1] for r in slide["table"]["rows"]] == res_dec["item"].tolist()
    budget = res_dec.loc[res_dec["request_type"] == "预算", "amount"].sum()
    assert f"预留{pct(budget / goal)}的目标销售额（{wan(budget)}）用于新渠道拓展" in slide["insight"]
    risks = pd.read_csv(DEPT / "risks.csv")
    rows = page(plan, "风险预判与应对")["table"]["rows"]
    assert [(r[0], r[4]) for r in rows] == list(
        risks.loc[risks["month"] == "2025-12", ["risk", "response"]].itertuples(index=False, name=None))


# ---------------------------------------------------------------- the files
def test_the_deck_builds_and_reopens(tmp_path: Path, plan: dict) -> None:
    result, prs = build_and_reopen(CONFIG, tmp_path / "summary.pptx")
    assert layout_warnings(result) == []
    assert len(prs.slides) == len(plan["slides"]) == 30


def test_another_month_builds_with_its_own_rows(tmp_path: Path, orders: pd.DataFrame,
                                                targets: pd.DataFrame) -> None:
    oct_plan = plan_of(CONFIG, "2025-10")
    # the only warning: the notes were written for November
    [warning] = oct_plan.get("warnings", [])
    assert "summary_notes.yaml:4:1 period: the facts file is written for 2025-11, the deck " \
           "is for 2025-10" in warning
    sales = orders.loc[orders["m"] == "2025-10", "amount"].sum()
    goal = targets[(targets["m"] == "2025-10") & (targets["metric"] == "sales")]["target"].sum()
    assert f"本月整体销售目标完成率为{pct(sales / goal)}" in text(page(oct_plan, "目标达成全景"))
    res = pd.read_csv(DEPT / "resources.csv")
    assert [r[1] for r in page(oct_plan, "资源与支持需求")["table"]["rows"]] == \
        res.loc[res["month"] == "2025-11", "item"].tolist()
    result, prs = build_and_reopen(CONFIG, tmp_path / "oct.pptx", period="2025-10")
    assert len(prs.slides) == result.slides == 30
