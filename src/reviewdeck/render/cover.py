"""Cover: title, subtitle, presenter line and date on the brand background."""

from __future__ import annotations

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.primitives import Canvas


def background(c: Canvas, color: str) -> None:
    look = c.look
    w, h = look["slide.width"], look["slide.height"]
    c.rect(look.box({"x": 0, "y": 0, "w": w, "h": h}), color, "Background")


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    background(c, look["cover.background"])
    band = look["cover.band"]
    c.rect(look.box(band), band["color"], "Band")
    bar = look["cover.accent_bar"]
    c.rect(look.box(bar), bar["color"], "Accent bar")
    c.text(look.box(look["cover.title"]), spec.title, look.style(look["cover.title"]), "Title",
           anchor="bottom")
    if spec.subtitle:
        c.text(look.box(look["cover.subtitle"]), spec.subtitle,
               look.style(look["cover.subtitle"]), "Subtitle")
    if spec.presenter:
        who = f"Presented by {spec.presenter}" if language == "en" else f"汇报人：{spec.presenter}"
        c.text(look.box(look["cover.presenter"]), who, look.style(look["cover.presenter"]),
               "Presenter", single_line=True)
    if spec.date:
        c.text(look.box(look["cover.date"]), spec.date, look.style(look["cover.date"]), "Date",
               single_line=True)
