"""SWOT: a 2x2 of strengths, weaknesses, opportunities and threats."""

from __future__ import annotations

from pptx.util import Inches

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.chrome import content_chrome, insight_bar
from reviewdeck.render.primitives import Canvas

ORDER = ("strengths", "weaknesses", "opportunities", "threats")
NAMES = {
    "zh-CN": {"strengths": "优势 Strengths", "weaknesses": "劣势 Weaknesses",
              "opportunities": "机会 Opportunities", "threats": "威胁 Threats"},
    "en": {"strengths": "Strengths", "weaknesses": "Weaknesses",
           "opportunities": "Opportunities", "threats": "Threats"},
}


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    content_chrome(c, spec, language)
    area = look["swot.area"]
    gap = float(look["swot.gap"])
    total_h = float(area["h"]) - (0.0 if not spec.insight else 0.0)
    w = (float(area["w"]) - gap) / 2
    h = (total_h - gap) / 2
    header_h = float(look["swot.header_h"])
    for i, key in enumerate(ORDER):
        x = float(area["x"]) + (i % 2) * (w + gap)
        y = float(area["y"]) + (i // 2) * (h + gap)
        color = look["swot.colors"][key]
        c.rect((Inches(x), Inches(y), Inches(w), Inches(h)), "light", f"{key} background")
        c.rect((Inches(x), Inches(y), Inches(w), Inches(header_h)), color, f"{key} header")
        c.text((Inches(x + 0.15), Inches(y), Inches(0.8), Inches(header_h)), key[0].upper(),
               look.style(look["swot.letter"]), f"{key} letter", anchor="middle",
               single_line=True)
        c.text((Inches(x + 0.95), Inches(y), Inches(w - 1.1), Inches(header_h)),
               NAMES.get(language, NAMES["zh-CN"])[key], look.style(look["swot.heading"]),
               f"{key} heading", anchor="middle", single_line=True)
        items = spec.quadrants.get(key, [])
        c.text((Inches(x + 0.25), Inches(y + header_h + 0.1), Inches(w - 0.5),
                Inches(h - header_h - 0.2)), items,
               look.style(look["swot.body"]), f"{key} items", bullet="•")
    insight_bar(c, spec.insight)
