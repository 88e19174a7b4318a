"""Contents: CONTENTS / 目录 panel and the numbered chapter list (one slide per four chapters)."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.primitives import Canvas


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    panel = look["contents.panel"]
    c.rect(look.box(panel), panel["color"], "Panel")
    c.text(look.box(look["contents.heading"]), "CONTENTS", look.style(look["contents.heading"]),
           "Heading", single_line=True)
    sub = "Agenda" if language == "en" else "目录"
    if spec.subtitle:
        sub += f"  {spec.subtitle}"
    c.text(look.box(look["contents.heading_sub"]), sub, look.style(look["contents.heading_sub"]),
           "Heading sub", single_line=True)
    area = look["contents.list"]
    num = look["contents.number"]
    per = int(look["contents.per_slide"])
    gap = float(look["contents.item_gap"])
    row_h = min(float(num["h"]) + gap, float(area["h"]) / per)
    total_h = row_h * len(spec.entries) - gap
    y0 = float(area["y"]) + max(0.0, (float(area["h"]) - total_h) / 2)
    for i, entry in enumerate(spec.entries):
        y = y0 + i * row_h
        c.text((Inches(area["x"]), Inches(y), Inches(num["w"]), Inches(num["h"])),
               entry["number"], look.style(num), f"Chapter {entry['number']} number",
               anchor="middle", single_line=True, shape=MSO_SHAPE.OVAL, fill=num["fill"])
        item_x = float(area["x"]) + float(num["w"]) + 0.35
        c.text((Inches(item_x), Inches(y), Inches(float(area["w"]) - item_x + float(area["x"])),
                Inches(num["h"])), entry["title"], look.style(look["contents.item"]),
               f"Chapter {entry['number']} title", anchor="middle")
