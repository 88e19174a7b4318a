"""Closing: thanks and Q&A."""

from __future__ import annotations

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.cover import background
from reviewdeck.render.primitives import Canvas


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    background(c, look["closing.background"])
    c.text(look.box(look["closing.title"]), spec.title, look.style(look["closing.title"]),
           "Title", anchor="bottom")
    bar = look["closing.accent_bar"]
    c.rect(look.box(bar), bar["color"], "Accent bar")
    if spec.subtitle:
        c.text(look.box(look["closing.subtitle"]), spec.subtitle,
               look.style(look["closing.subtitle"]), "Subtitle")
