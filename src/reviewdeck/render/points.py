"""Numbered points 01..05: a big number, a heading and a paragraph per row."""

from __future__ import annotations

from pptx.util import Inches

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.chrome import content_chrome, insight_bar
from reviewdeck.render.primitives import Canvas


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    content_chrome(c, spec, language)
    area = look["points.area"]
    gap = float(look["points.gap"])
    n = max(1, len(spec.points))
    total_h = float(area["h"]) - (0.6 if spec.insight else 0.0)
    row_h = (total_h - gap * (n - 1)) / n
    num, head, body = look["points.number"], look["points.heading"], look["points.body"]
    x0, w = float(area["x"]), float(area["w"])
    for i, point in enumerate(spec.points):
        y = float(area["y"]) + i * (row_h + gap)
        c.text((Inches(x0), Inches(y), Inches(num["w"]), Inches(row_h)), f"{i + 1:02d}",
               look.style(num), f"Point {i + 1} number", anchor="middle", single_line=True)
        hx = x0 + float(num["w"])
        c.text((Inches(hx), Inches(y), Inches(head["w"]), Inches(row_h)), point.heading,
               look.style(head), f"Point {i + 1} heading", anchor="middle")
        bx = hx + float(head["w"]) + 0.2
        c.text((Inches(bx), Inches(y), Inches(x0 + w - bx), Inches(row_h)), point.body,
               look.style(body), f"Point {i + 1} body", anchor="middle")
        if i < n - 1:
            c.rect((Inches(x0), Inches(y + row_h + gap / 2), Inches(w), Inches(0.012)),
                   look["points.rule"], f"Point {i + 1} rule")
    insight_bar(c, spec.insight)
