"""What every content slide shares: title with its colon subtitle, 第N页 tag, rules, footer, logo."""

from __future__ import annotations

from pathlib import Path

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.primitives import Canvas


def page_label(page: int, language: str) -> str:
    return f"Page {page}" if language == "en" else f"第{page}页"


def content_chrome(c: Canvas, spec: SlideSpec, language: str) -> None:
    if c.template is not None:  # the template's placeholders, footer and number instead
        from reviewdeck.render.template_slides import content_chrome as on_template

        on_template(c, spec, language)
        return
    look = c.look
    title = spec.title
    if spec.subtitle:
        title += (": " if language == "en" else "：") + spec.subtitle
    c.text(look.box(look["common.title"]), title, look.style(look["common.title"]), "Title",
           anchor="middle", single_line=False)
    if spec.page is not None:
        tag = look["common.page_tag"]
        c.text(look.box(tag), page_label(spec.page, language), look.style(tag), "Page tag",
               anchor="middle", single_line=True, shape=MSO_SHAPE.ROUNDED_RECTANGLE,
               fill=tag["fill"])
    rule = look["common.rule"]
    c.rect(look.box(rule), rule["color"], "Title rule")
    accent = look["common.rule_accent"]
    c.rect(look.box(accent), accent["color"], "Title accent")
    if c.footer:
        foot = look["common.footer"]
        c.text(look.box(foot), c.footer, look.style(foot), "Footer", single_line=True)
    logo = look.theme.get("logo")
    if logo and Path(logo).exists():
        box = look["common.logo"]
        pic = c.slide.shapes.add_picture(str(logo), Inches(box["x"]), Inches(box["y"]),
                                         height=Inches(box["h"]))
        pic.name = "Logo"


def insight_bar(c: Canvas, text: str) -> None:
    """The one-sentence takeaway across the bottom of a slide."""
    if not text:
        return
    look = c.look
    spec = look["common.insight"]
    x, y, w, h = look.box(spec)
    c.rect((x, y, w, h), spec["fill"], "Insight background")
    c.rect((x, y, Inches(0.08), h), spec["bar"], "Insight bar")
    c.text((x + Inches(0.2), y, w - Inches(0.25), h), text, look.style(spec), "Insight",
           anchor="middle")
