"""Chapter divider: the big 01, 第一章 and the chapter title."""

from __future__ import annotations

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.cover import background
from reviewdeck.render.primitives import Canvas


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    background(c, look["chapter.background"])
    c.text(look.box(look["chapter.number"]), spec.number, look.style(look["chapter.number"]),
           "Chapter number", anchor="bottom", single_line=True)
    c.text(look.box(look["chapter.label"]), spec.chapter, look.style(look["chapter.label"]),
           "Chapter label", single_line=True)
    c.text(look.box(look["chapter.title"]), spec.title, look.style(look["chapter.title"]),
           "Chapter title")
    bar = look["chapter.accent_bar"]
    c.rect(look.box(bar), bar["color"], "Accent bar")
