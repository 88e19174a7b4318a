"""Render stage: one module per slide kind, chosen from one table; geometry from layouts/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

KINDS = ("cover", "contents", "chapter", "cards", "points", "chart", "kpi_table", "swot",
         "matrix", "table", "timeline", "five_why", "fishbone", "closing")


def renderer(kind: str) -> Callable[..., Any]:
    """The render function of a slide kind (imported on first use to keep start-up cheap)."""
    from reviewdeck.render import (
        cards, chapter, chart, closing, contents, cover, fishbone, five_why, kpi, matrix, points,
        swot, table, timeline,
    )

    kinds: dict[str, Callable[..., Any]] = {
        "cover": cover.render, "contents": contents.render, "chapter": chapter.render,
        "cards": cards.render, "points": points.render, "chart": chart.render,
        "kpi_table": kpi.render, "swot": swot.render, "matrix": matrix.render,
        "table": table.render, "timeline": timeline.render, "five_why": five_why.render,
        "fishbone": fishbone.render, "closing": closing.render,
    }
    return kinds[kind]
