"""Chart slide: the chart on the left, two or three insight cards on the right, a takeaway below."""

from __future__ import annotations

from pptx.util import Inches

from reviewdeck.charts import native
from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.cards import draw_card
from reviewdeck.render.chrome import content_chrome, insight_bar
from reviewdeck.render.primitives import Canvas


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    content_chrome(c, spec, language)
    area = dict(look["chart.chart"])
    if not spec.cards:
        area["w"] = float(look["common.rule.w"])
    if spec.chart is not None:
        x, y, w, h = float(area["x"]), float(area["y"]), float(area["w"]), float(area["h"])
        if spec.chart.title:
            style = look.style({"size": look["chart.title_size"], "min_size": 10, "bold": True,
                                "color": "text"})
            c.text((Inches(x), Inches(y), Inches(w), Inches(0.42)), spec.chart.title, style,
                   "Chart title", single_line=True)
            y += 0.45
            h -= 0.45
        frame = native.draw(c, spec.chart, (Inches(x), Inches(y), Inches(w), Inches(h)), language)
        frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.chart.alt_text)
    if spec.cards:
        side = look["chart.side"]
        gap = float(look["chart.side_gap"])
        n = len(spec.cards)
        h = (float(side["h"]) - gap * (n - 1)) / n
        for i, card in enumerate(spec.cards):
            draw_card(c, float(side["x"]), float(side["y"]) + i * (h + gap), float(side["w"]), h,
                      card, i + 1, section="chart_cards")
    insight_bar(c, spec.insight)
