"""Table slide: a styled table with conditional colours and status chips; long ones continue."""

from __future__ import annotations

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.chrome import content_chrome, insight_bar
from reviewdeck.render.grid import draw_table
from reviewdeck.render.primitives import Canvas


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    content_chrome(c, spec, language)
    if spec.table is not None and spec.table.columns:
        top = float(c.look["table.table.y"])
        bottom = float(c.look["common.insight.y"]) - 0.2 if spec.insight else 6.8
        draw_table(c, spec.table, "table", bottom - top)
    insight_bar(c, spec.insight)
