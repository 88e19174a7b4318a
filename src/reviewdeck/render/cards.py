"""Cards: 3-5 side by side, each a heading, an optional big figure, data sentences, an insight."""

from __future__ import annotations

from pptx.util import Inches

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.chrome import content_chrome, insight_bar
from reviewdeck.render.primitives import Canvas


def draw_card(c: Canvas, x: float, y: float, w: float, h: float, card: object, idx: int,
              section: str = "cards") -> None:
    """One card in a box given in inches; also used beside charts."""
    look = c.look
    lay = look[section]
    pad = float(lay["padding"])
    c.rect((Inches(x), Inches(y), Inches(w), Inches(h)), lay["fill"], f"Card {idx} background")
    bar = lay["top_bar"]
    c.rect((Inches(x), Inches(y), Inches(w), Inches(bar["h"])), bar["color"], f"Card {idx} bar")
    inner_x, inner_w = x + pad, w - 2 * pad
    cy = y + float(bar["h"]) + pad * 0.6
    bottom = y + h - pad * 0.6
    head = lay["heading"]
    c.text((Inches(inner_x), Inches(cy), Inches(inner_w), Inches(head["h"])), card.heading,
           look.style(head), f"Card {idx} heading", anchor="middle")
    cy += float(head["h"])
    if getattr(card, "value", ""):
        val = lay["value"]
        c.text((Inches(inner_x), Inches(cy), Inches(inner_w), Inches(val["h"])), card.value,
               look.style(val), f"Card {idx} value", anchor="middle", single_line=True)
        cy += float(val["h"])
    insight_h = 0.0
    if getattr(card, "insight", ""):
        ins = lay["insight"]
        insight_h = float(ins["h"])
        iy = bottom - insight_h
        c.rect((Inches(inner_x), Inches(iy), Inches(inner_w), Inches(0.015)), ins["rule"],
               f"Card {idx} insight rule")
        c.text((Inches(inner_x), Inches(iy + 0.06), Inches(inner_w), Inches(insight_h - 0.06)),
               card.insight, look.style(ins), f"Card {idx} insight", anchor="middle")
    body_h = bottom - insight_h - cy - 0.05
    if card.body and body_h > 0.2:
        c.text((Inches(inner_x), Inches(cy), Inches(inner_w), Inches(body_h)), card.body,
               look.style(lay["body"]), f"Card {idx} body")


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    content_chrome(c, spec, language)
    area = look["cards.area"]
    gap = float(look["cards.gap"])
    n = max(1, len(spec.cards))
    height = float(area["h"]) - (0.0 if not spec.insight else 0.0)
    w = (float(area["w"]) - gap * (n - 1)) / n
    for i, card in enumerate(spec.cards):
        x = float(area["x"]) + i * (w + gap)
        draw_card(c, x, float(area["y"]), w, height, card, i + 1)
    insight_bar(c, spec.insight)
