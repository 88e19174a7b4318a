"""The plan of configs/monthly_review.yaml: the seed's structure and figures, and a golden copy."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reviewdeck.deck import plan_deck
from reviewdeck.errors import Diagnostics

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "configs" / "monthly_review.yaml"
GOLDEN = Path(__file__).with_name("golden") / "monthly_review_2025-11.json"


@pytest.fixture(scope="module")
def plan() -> dict:
    _, p, _ = plan_deck(CONFIG, diag=Diagnostics())
    return p.to_dict()


def content(plan: dict) -> list[dict]:
    return [s for s in plan["slides"] if s.get("page")]


def test_it_follows_the_seed_structure(plan: dict) -> None:
    kinds = [s["kind"] for s in plan["slides"]]
    assert kinds[0] == "cover" and kinds[-1] == "closing"
    # 7 chapters: more than 4, so the contents is split over two slides (01-04, 05-07)
    contents = [s for s in plan["slides"] if s["kind"] == "contents"]
    assert [len(s["entries"]) for s in contents] == [4, 3]
    assert kinds.count("chapter") == 7
    pages = content(plan)
    assert [s["page"] for s in pages] == list(range(1, 17))
    assert [c["heading"] for c in pages[0]["cards"]] == [
        "整体销售额表现", "关键产品线贡献分析", "区域销售分布差异"]
    assert [c["heading"] for c in pages[2]["cards"]] == [
        "销售额偏差分解", "高价值订单数偏差分解", "新客户获取量偏差分解"]
    assert pages[15]["kind"] == "swot"


def test_the_headline_figures_come_out_of_the_data(plan: dict) -> None:
    p1, p2, p3 = content(plan)[:3]
    text1 = " ".join(c["body"] for c in p1["cards"])
    for figure in ("128万元", "增长15%", "团队人均135", "58万元", "45%", "30万元", "下降12%",
                   "华东最高（68万元，占比53%）", "华南最低（22万元，占比17%）"):
        assert figure in text1, figure
    text2 = " ".join(c["body"] for c in p2["cards"])
    for figure in ("1,200条", "转化率23%", "28%", "18%（上月22%）", "5.2天", "32%",
                   "985元降至920元", "25%升至38%"):
        assert figure in text2, figure
    text3 = " ".join(c["body"] for c in p3["cards"])
    for figure in ("目标150万元", "偏差−22万元", "偏差率−15%", "目标45单，实际38单",
                   "目标80户，实际65户", "偏差率−19%"):
        assert figure in text3, figure


def test_the_funnel_chart_is_coherent(plan: dict) -> None:
    funnel = content(plan)[6]["chart"]
    assert funnel["type"] == "funnel"
    assert funnel["categories"] == ["线索", "初步意向", "深度沟通", "成交"]
    assert funnel["series"][0]["values"] == [1200, 540, 360, 276]
    assert "线索 1,200" in funnel["alt_text"]


def test_every_content_slide_says_where_its_figures_came_from(plan: dict) -> None:
    p1 = content(plan)[0]
    notes = "\n".join(p1["notes"])
    assert "销售额 = 128万元" in notes
    assert "orders.csv where rep=张伟" in notes
    assert "2025-11-01..2025-11-30" in notes
    assert "monthly_review.yaml:" in notes


def test_another_period_gives_other_figures_from_the_same_config() -> None:
    _, p, _ = plan_deck(CONFIG, period="2025-10", diag=Diagnostics())
    first = content(p.to_dict())[0]
    assert "2025年10月" in first["subtitle"]
    assert "128万元" not in first["cards"][0]["body"]


def test_the_plan_matches_the_golden_copy(plan: dict) -> None:
    """The whole plan is stable: a change to figures or wording shows up as a diff here."""
    plan = json.loads(json.dumps(plan))
    for s in plan["slides"]:
        s.pop("notes", None)  # they carry config line numbers; checked above
        s.pop("origin", None)  # an absolute path, different on every machine
    if os.environ.get("REVIEWDECK_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert plan == expected
