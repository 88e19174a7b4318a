"""configs/half_year_report_en.yaml: the half-year report in English over the same Chinese data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewdeck.deck import build, plan_deck
from reviewdeck.errors import Diagnostics

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "configs" / "half_year_report_en.yaml"
SLIDES = 40
CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def plan_of(period: str | None = None) -> dict:
    _, plan, _ = plan_deck(CONFIG, period=period, diag=Diagnostics())
    return plan.to_dict()


@pytest.fixture(scope="module")
def plan() -> dict:
    return plan_of()


def page(plan: dict, title: str) -> dict:
    return next(s for s in plan["slides"] if s.get("page") and s["title"] == title)


def words(slide: dict) -> str:
    parts = [slide.get("title", ""), slide.get("subtitle", ""), slide.get("insight", "")]
    for key in ("cards", "points"):
        for c in slide.get(key) or []:
            parts += [c.get("heading", ""), c.get("value", ""), c.get("body", ""),
                      c.get("insight", "")]
    if slide.get("table"):
        parts += slide["table"]["columns"] + [c for r in slide["table"]["rows"] for c in r]
    if slide.get("chart"):
        chart = slide["chart"]
        parts += [chart["title"]] + chart["categories"] + [s["name"] for s in chart["series"]]
    for entry in slide.get("entries") or []:
        parts.append(entry["title"])
    for task in slide.get("tasks") or []:
        parts += [task["task"], task["owner"], task["status"]]
    return " ".join(p for p in parts if p)


def test_the_same_structure_in_english(plan: dict) -> None:
    assert len(plan["slides"]) == SLIDES
    assert plan["language"] == "en" and plan["theme"] == "evergreen_en"
    cover = plan["slides"][0]
    assert cover["title"] == "H1 2025 Marketing Report" and cover["date"] == "July 1, 2025"
    assert [s["subtitle"] for s in plan["slides"] if s["kind"] == "contents"] == ["01–04", "05–08"]
    assert [s["page"] for s in plan["slides"] if s.get("page")] == list(range(1, 29))


def test_no_chinese_is_left_on_any_slide(plan: dict) -> None:
    for slide in plan["slides"]:
        text = words(slide)
        assert not CJK.search(text), (slide["title"], CJK.findall(text)[:5])


def test_the_seed_figures_in_english(plan: dict) -> None:
    growth = words(page(plan, "Sales and Growth"))
    for figure in ("Sales of ¥126.04M against a target of ¥112.5M: 112%", "Online reached 35%",
                   "East China made 40% of sales at 128% of target", "South China reached 95%",
                   "Central & West sales were up 56% year on year", "Line A 48%, Line B 30%",
                   "Line C repurchase 70%"):
        assert figure in growth, figure
    channel = page(plan, "Channels")
    assert channel["chart"]["categories"] == ["Online", "Offline", "Partners"]
    assert "+8 pts on a year earlier" in words(channel)
    campaigns = words(page(plan, "Campaign Results"))
    for figure in ("¥5.2M", "8 key campaigns", "average ROI 1:4.2",
                   "618 live-stream week: 1:6.8", "East China roadshow: 1:2.1, below 1:3"):
        assert figure in campaigns, figure
    customers = page(plan, "Customer Base")
    assert customers["chart"]["categories"] == ["Large", "Mid-size", "Small", "Individuals"]
    assert customers["chart"]["series"][0]["labels"] == ["50%", "20%", "20%", "10%"]
    sat = page(plan, "Customer Satisfaction")
    assert sat["chart"]["categories"] == ["Overall", "Product", "Service", "Price"]
    assert "+3 on a year earlier" in words(sat)
    assert "46 of 50 key-account contracts renewed: 92%" in words(page(plan, "Key Accounts"))
    team = page(plan, "Team Structure")
    assert team["chart"]["series"][0]["values"] == [18, 15, 12, 7]
    assert "52 people" in words(team)
    targets = words(page(plan, "Targets"))
    assert "¥148.3M: up 26% year on year" in targets


def test_another_half_year_in_english() -> None:
    other = plan_of("2024H2")
    assert other["slides"][0]["title"] == "H2 2024 Marketing Report"
    texts = [words(s) for s in other["slides"]]
    assert not any("—" in t for t in texts)
    assert not any(CJK.search(t) for t in texts)


def test_the_english_deck_builds_and_reopens(tmp_path: Path) -> None:
    from pptx import Presentation

    result = build(CONFIG, output=str(tmp_path / "half_year_en.pptx"))
    deck = Presentation(str(result.output))
    assert len(deck.slides) == SLIDES
    text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                    if shape.has_text_frame)
    assert "All five targets met" in text and "Page 28" in text
