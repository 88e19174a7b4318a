"""Review-template slide kinds: long tables continue, status chips, overdue rows, Gantt, 5-Why, fishbone."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from reviewdeck.deck import build, plan_deck
from reviewdeck.errors import Diagnostics

CONFIG = Path(__file__).with_name("fixtures") / "review_kinds.yaml"


@pytest.fixture(scope="module")
def plan() -> dict:
    _, p, _ = plan_deck(CONFIG, diag=Diagnostics())
    return p.to_dict()


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Presentation:
    out = tmp_path_factory.mktemp("kinds") / "kinds.pptx"
    build(CONFIG, output=str(out))
    return Presentation(str(out))


def by_title(plan: dict, title: str) -> list[dict]:
    return [s for s in plan["slides"] if s.get("title", "").startswith(title)]


def test_a_long_table_continues_with_its_header_repeated(plan: dict) -> None:
    parts = by_title(plan, "销售代表业绩")
    assert [s["title"] for s in parts] == ["销售代表业绩", "销售代表业绩（续）"]
    assert [len(s["table"]["rows"]) for s in parts] == [3, 2]
    assert parts[0]["table"]["columns"] == parts[1]["table"]["columns"] == [
        "销售代表", "销售额", "环比", "订单数"]
    assert [s["page"] for s in parts] == [1, 2]
    assert "insight" not in parts[0] and parts[1]["insight"] == "表格可跨页续排。"


def test_table_cells_are_coloured_by_their_condition(plan: dict) -> None:
    rows = [r for s in by_title(plan, "销售代表业绩") for r in s["table"]["rows"]]
    states = [st for s in by_title(plan, "销售代表业绩") for st in s["table"]["states"]]
    zhang = rows.index(next(r for r in rows if r[0] == "张伟"))
    assert rows[zhang][1] == "128万元" and rows[zhang][2] == "+15%"
    assert states[zhang][2] == "good"
    falling = [i for i, r in enumerate(rows) if r[2].startswith("−")]
    assert falling and all(states[i][2] == "bad" for i in falling)


def test_overdue_actions_are_flagged_against_the_deck_date(plan: dict) -> None:
    (slide,) = by_title(plan, "行动计划跟踪")
    table = slide["table"]
    statuses = [r[3] for r in table["rows"]]
    assert statuses == ["已完成", "进行中（逾期）", "进行中", "未开始"]
    assert table["highlight_rows"] == [1]
    assert [f[3] for f in table["fills"]] == [
        "positive_light", "negative_light", "accent_light", "muted_light"]


def test_the_timeline_draws_one_bar_per_task(deck: Presentation, plan: dict) -> None:
    (slide,) = by_title(plan, "行动计划甘特图")
    assert [t["state"] for t in slide["tasks"]] == ["done", "overdue", "doing", "todo"]
    shapes = deck.slides[6].shapes
    bars = [s for s in shapes if s.name.startswith("Task") and s.name.endswith("bar")]
    assert len(bars) == 4
    # a later due date ends further right
    ends = [b.left + b.width for b in bars]
    assert ends[3] == max(ends)
    assert any(s.name == "Today line" for s in shapes)


def test_five_why_and_fishbone_carry_every_step(deck: Presentation, plan: dict) -> None:
    (why,) = by_title(plan, "5-Why")
    assert len(why["steps"]) == 5 and why["root_cause"].startswith("线索跟进")
    (fish,) = by_title(plan, "鱼骨图")
    assert list(fish["groups"]) == ["主观", "客观", "流程", "资源"]
    texts = {s.name: s.text_frame.text for s in deck.slides[8].shapes if s.has_text_frame}
    assert texts["Group 流程"] == "流程"
    assert "线索分配无时限" in texts["Causes 流程"]
    assert "新客户获取不足" in texts["Problem"]
