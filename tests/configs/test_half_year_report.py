"""configs/half_year_report.yaml: seed 004's structure, and its H1 2025 figures out of the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewdeck.deck import build, plan_deck
from reviewdeck.errors import Diagnostics

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "configs" / "half_year_report.yaml"
SLIDES = 40  # cover, 2 contents, 8 chapter dividers, 28 content pages, closing


def plan_of(period: str | None = None) -> dict:
    diag = Diagnostics()
    _, plan, _ = plan_deck(CONFIG, period=period, diag=diag)
    out = plan.to_dict()
    out["_warnings"] = list(diag.warnings)
    return out


@pytest.fixture(scope="module")
def plan() -> dict:
    return plan_of()


def page(plan: dict, title: str) -> dict:
    found = [s for s in plan["slides"] if s.get("page") and s["title"] == title]
    assert found, f"no content slide titled {title!r}"
    return found[0]


def text(slide: dict) -> str:
    """Every word on a slide: cards, points, chart labels, table cells and the insight."""
    parts = [slide.get("title", ""), slide.get("subtitle", ""), slide.get("insight", "")]
    for key in ("cards", "points"):
        for c in slide.get(key) or []:
            parts += [c.get("heading", ""), c.get("value", ""), c.get("body", ""),
                      c.get("insight", "")]
    table = slide.get("table")
    if table:
        parts += table["columns"] + [cell for row in table["rows"] for cell in row]
    chart = slide.get("chart")
    if chart:
        parts += chart["categories"] + [lab for s in chart["series"] for lab in s["labels"]]
    return " ".join(p for p in parts if p)


def test_it_follows_the_seed_structure(plan: dict) -> None:
    kinds = [s["kind"] for s in plan["slides"]]
    assert len(kinds) == SLIDES
    assert kinds[0] == "cover" and kinds[-1] == "closing"
    cover = plan["slides"][0]
    assert cover["title"] == "2025年上半年营销工作汇报"
    assert cover["presenter"] and cover["date"] == "2025年7月1日"
    contents = [s for s in plan["slides"] if s["kind"] == "contents"]
    assert [s["subtitle"] for s in contents] == ["01–04", "05–08"]
    assert [e["number"] for s in contents for e in s["entries"]] == [f"{i:02d}" for i in range(1, 9)]
    chapters = [s for s in plan["slides"] if s["kind"] == "chapter"]
    assert [c["number"] for c in chapters] == [f"{i:02d}" for i in range(1, 9)]
    assert chapters[0]["title"] == "引言：汇报背景与核心目标"
    assert chapters[7]["title"] == "2025年下半年战略规划与执行路径"
    pages = [s for s in plan["slides"] if s.get("page")]
    assert [s["page"] for s in pages] == list(range(1, 29))
    kinds_used = {s["kind"] for s in pages}
    assert {"points", "cards", "chart", "kpi_table", "table", "timeline"} <= kinds_used
    assert sum(s["kind"] == "points" for s in pages) >= 10
    assert all(len(s["points"]) == 4 for s in pages if s["kind"] == "points")
    assert plan["theme"] == "evergreen"
    assert plan["_warnings"] == []


def test_the_overview_slides_carry_the_seed_figures(plan: dict) -> None:
    kpi = text(page(plan, "核心业绩指标与战略定位"))
    for figure in ("完成目标的112%", "线上渠道占比35%", "华东区域目标完成率128%",
                   "旗舰A系列占销售额48%", "客户满意率92%", "B系列占30%",
                   "新品C系列占22%，复购率70%"):
        assert figure in kpi, figure
    growth = text(page(plan, "总体销售业绩与增长分析"))
    for figure in ("完成目标1.13亿元的112%", "线上渠道贡献占比升至35%", "华东占总销售额40%",
                   "目标完成率128%", "华南完成率95%", "中西部销售额同比增长56%",
                   "C系列占22%、复购率70%"):
        assert figure in growth, figure


def test_the_growth_bridge_adds_up_by_region(plan: dict) -> None:
    bridge = page(plan, "销售增长来源")
    chart = bridge["chart"]
    assert chart["type"] == "waterfall"
    assert chart["categories"] == ["去年同期", "中西部", "华东", "华南", "华北", "上半年"]
    assert chart["series"][0]["labels"][0] == "1.07亿" and chart["series"][0]["labels"][-1] == "1.26亿"
    assert "同比增长18%" in text(bridge) and "占全部增量的52%" in text(bridge)


def test_the_region_product_and_channel_charts(plan: dict) -> None:
    region = page(plan, "区域市场表现对比")
    assert region["chart"]["categories"] == ["华东", "华南", "中西部", "华北"]
    words = text(region)
    for figure in ("华东：占比40%", "完成率128%", "华南：完成率95%", "中西部：同比+56%"):
        assert figure in words, figure
    product = page(plan, "产品线贡献度分析")
    assert product["chart"]["type"] == "pie"
    assert product["chart"]["series"][0]["labels"] == ["48%", "30%", "22%"]
    assert "复购率70%" in text(product)
    channel = page(plan, "渠道效能评估与趋势")
    assert channel["chart"]["categories"] == ["线上", "线下", "合作伙伴"]
    assert [s["labels"] for s in channel["chart"]["series"]] == [["35%", "50%", "15%"],
                                                                 ["27%", "60%", "13%"]]
    assert "较去年同期+8个百分点" in text(channel)


def test_the_kpi_table_compares_targets_and_actuals(plan: dict) -> None:
    rows = {r[0]: r[1:] for r in page(plan, "核心经营指标达成")["table"]["rows"]}
    assert rows["销售额"][:3] == ["1.13亿元", "1.26亿元", "112%"]
    assert rows["线上渠道占比"][1] == "35%"
    assert rows["客户满意度（分）"][1] == "85"
    assert rows["重点客户续约率"][1] == "92%"
    assert rows["营销活动ROI"][:2] == ["1:3.0", "1:4.2"]


def test_the_campaigns_and_their_roi(plan: dict) -> None:
    cards = text(page(plan, "重点营销活动效果评估"))
    for figure in ("520万元", "8场", "平均ROI 1:4.2", "“618新品直播周”ROI 1:6.8",
                   "“华东区域巡展”ROI 1:2.1", "未达基准1:3"):
        assert figure in cards, figure
    roi = page(plan, "营销活动ROI对比")
    chart = roi["chart"]
    assert chart["type"] == "bar" and "基准1:3" in chart["categories"]
    assert len(chart["categories"]) == 9  # 8 campaigns and the benchmark
    labels = dict(zip(chart["categories"], chart["series"][0]["labels"]))
    assert labels["618新品直播周"] == "1:6.8" and labels["华东区域巡展"] == "1:2.1"
    assert "7/8场活动达到基准1:3" in text(roi)


def test_customers_satisfaction_and_team(plan: dict) -> None:
    customers = page(plan, "客户结构与新增客户质量")
    assert customers["chart"]["categories"] == ["大型", "中型", "小型", "个人"]
    assert customers["chart"]["series"][0]["labels"] == ["50%", "20%", "20%", "10%"]
    assert "华东 40%、华南 25%、中西部 22%、华北 13%" in text(customers)
    assert "续约率92%" in text(page(plan, "重点客户维护与价值挖掘"))
    sat = page(plan, "客户满意度与忠诚度")
    assert sat["chart"]["series"][0]["labels"] == ["85", "88", "82", "79"]
    assert "较去年同期+3分" in text(sat)
    team = page(plan, "团队结构与关键人才")
    assert team["chart"]["series"][0]["values"] == [18, 15, 12, 7]
    for figure in ("团队共52人", "高潜人才9人", "占团队17%"):
        assert figure in text(team), figure


def test_the_next_half_targets_fill_the_seed_slots(plan: dict) -> None:
    goals = text(page(plan, "核心目标设定与分解"))
    # the seed's "[具体金额]万元, 同比增长[X]%" comes from the targets file and H2 2024's sales
    for figure in ("2025年下半年销售目标1.48亿元", "同比增长26%", "占全年目标的57%",
                   "线上占比提升至40%"):
        assert figure in goals, figure
    regions = page(plan, "区域目标分解")["table"]
    assert regions["columns"][:4] == ["区域", "上半年实际", "达成率", "下半年目标"]
    row = dict((r[0], r) for r in regions["rows"])["华东"]
    assert row[2:4] == ["128%", "5550万元"]
    lines = page(plan, "产品线目标分解")["table"]
    assert [r[0] for r in lines["rows"]] == ["A系列", "B系列", "C系列"]


def test_notes_say_where_the_figures_came_from(plan: dict) -> None:
    notes = "\n".join(page(plan, "核心业绩指标与战略定位")["notes"])
    assert "orders.csv" in notes and "2025-01-01..2025-06-30" in notes


def test_another_half_year_plans_with_its_own_figures() -> None:
    other = plan_of("2024H2")
    assert other["slides"][0]["title"] == "2024年下半年营销工作汇报"
    assert len(other["slides"]) == SLIDES
    growth = text(page(other, "总体销售业绩与增长分析"))
    assert "完成目标1.07亿元的110%" in growth and "目标完成率118%" in growth
    words = json.dumps([text(s) for s in other["slides"] if s.get("page")], ensure_ascii=False)
    assert "—" not in words  # every figure has data behind it in H2 2024
    assert "2025年上半年战略规划与执行路径" in [s["title"] for s in other["slides"]]


def test_the_deck_builds_and_reopens(tmp_path: Path) -> None:
    from pptx import Presentation

    result = build(CONFIG, output=str(tmp_path / "half_year.pptx"))
    assert result.slides == SLIDES
    deck = Presentation(str(result.output))
    assert len(deck.slides) == SLIDES
    words = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    for figure in ("112%", "1:4.2", "618新品直播周", "团队共52人"):
        assert figure in words, figure
