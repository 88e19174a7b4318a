"""Compose a Presentation from a DeckPlan: slide size, theme fonts, every slide, speaker notes."""

from __future__ import annotations

import re
from typing import Any

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from reviewdeck.errors import Diagnostics
from reviewdeck.plan.model import DeckPlan
from reviewdeck.render import renderer
from reviewdeck.render.primitives import Canvas
from reviewdeck.render.theme import Look

BLANK_LAYOUT = 6


def _set_theme_fonts(prs: Presentation, look: Look) -> None:
    """Put the brand's Latin and East-Asian typefaces into the theme's major and minor fonts."""
    master_part = prs.slide_master.part
    theme_part = master_part.part_related_by(RT.THEME)
    xml = theme_part.blob.decode("utf-8")
    for block, role in (("majorFont", "heading"), ("minorFont", "body")):
        latin, ea = look.font(role)

        def fix(match: re.Match[str], latin: str = latin, ea: str = ea) -> str:
            body = match.group(2)
            body = re.sub(r'<a:latin typeface="[^"]*"', f'<a:latin typeface="{latin}"', body, 1)
            body = re.sub(r'<a:ea typeface="[^"]*"', f'<a:ea typeface="{ea}"', body, 1)
            body = re.sub(r'<a:font script="Hans" typeface="[^"]*"/>',
                          f'<a:font script="Hans" typeface="{ea}"/>', body)
            return match.group(1) + body + match.group(3)

        xml = re.sub(rf"(<a:{block}>)(.*?)(</a:{block}>)", fix, xml, count=1, flags=re.S)
    theme_part._blob = xml.encode("utf-8")


def compose(plan: DeckPlan, look: Look, diag: Diagnostics, template: Any = None) -> Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = look.slide_emu()
    _set_theme_fonts(prs, look)
    layout = prs.slide_layouts[BLANK_LAYOUT]
    footer = plan.title if plan.period in plan.title else f"{plan.title} · {plan.period}"
    for index, spec in enumerate(plan.slides, start=1):
        slide = prs.slides.add_slide(layout)
        where = f"slide {index} ({spec.kind}{', ' + spec.origin if spec.origin else ''})"
        canvas = Canvas(slide, look, diag, where, footer=footer)
        renderer(spec.kind)(canvas, spec, plan.language)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(spec.notes)
    return prs
