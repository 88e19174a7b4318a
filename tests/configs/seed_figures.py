"""What the seed-deck tests share: figures written as the decks write them (recomputed from the
raw files with plain pandas), and the plan read slide by slide."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from pptx import Presentation

from reviewdeck.deck import build, plan_deck
from reviewdeck.errors import Diagnostics

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_inputs"
DEPT = SAMPLE / "dept"
MINUS = "\u2212"


# ---------------------------------------------------------------- figures as the decks write them
def half_up(x: float, digits: int = 0) -> float:
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-digits),
                                                  rounding=ROUND_HALF_UP))


def pct(x: float) -> str:
    return f"{half_up(x * 100):.0f}%"


def signed(x: float) -> str:
    body = pct(abs(x))
    return body if body == "0%" else ("+" if x > 0 else MINUS) + body


def points(x: float) -> str:
    """A change of a rate: 0.04 -> +4个百分点, -0.03 -> −3个百分点, under half a point -> 持平."""
    n = half_up(abs(x) * 100)
    return "持平" if n == 0 else ("+" if x > 0 else MINUS) + f"{n:.0f}个百分点"


def wan(yuan: float) -> str:
    """Money as the decks write it: 6,753,117 -> 675.3万元."""
    return f"{half_up(yuan / 1e4, 1):.1f}".removesuffix(".0") + "万元"


def month_of(df: pd.DataFrame, col: str) -> pd.DataFrame:
    """The rows with their month (2025-11) in column m."""
    return df.assign(m=df[col].astype(str).str[:7])


# ---------------------------------------------------------------- the plan and the file
def plan_of(config: Path, period: str | None = None) -> dict[str, Any]:
    _, plan, _ = plan_deck(config, period=period, diag=Diagnostics())
    return plan.to_dict()


def pages(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in plan["slides"] if s.get("page")]


def page(plan: dict[str, Any], title: str) -> dict[str, Any]:
    return next(s for s in pages(plan) if s["title"] == title)


def text(slide: dict[str, Any]) -> str:
    """A slide's insight and its cards' and points' values, bodies and insights."""
    parts = [slide.get("insight") or ""]
    for key in ("cards", "points"):
        for c in slide.get(key) or []:
            parts += [c.get("value") or "", c.get("body") or "", c.get("insight") or ""]
    return " ".join(parts)


def build_and_reopen(config: Path, output: Path, period: str | None = None) -> tuple[Any, Any]:
    """The deck built to output and opened again with python-pptx: (build result, deck)."""
    result = build(config, output=str(output), period=period)
    return result, Presentation(str(result.output))


def layout_warnings(result: Any) -> list[str]:
    """Warnings that a text was cut to fit or that the deck checker found something."""
    return [w for w in result.warnings if "was cut" in w or w.startswith("check:")]
