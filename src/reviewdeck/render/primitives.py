"""Drawing helpers shared by the slide kinds: shapes, and text that is measured so it fits."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu, Pt

from reviewdeck.errors import Diagnostics
from reviewdeck.render.fonts import (
    CJK_FONT_CANDIDATES, FontMetrics, fallback_metrics, find_font_file,
)
from reviewdeck.render.textfit import fit_text, fits_single_line
from reviewdeck.render.theme import Look, TextStyle

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
EMU_PER_PT = 12700


@lru_cache(maxsize=16)
def font_metrics(family: str = "", bold: bool = False) -> tuple[FontMetrics, bool]:
    """Metrics of the brand's font where installed, else of a CJK font found on the machine.

    Bold Latin is ~6% wider than regular, more than the fitting margin, so bold text is
    measured with a bold face.
    """
    families = ([family] if family else []) + list(CJK_FONT_CANDIDATES)
    ref = find_font_file(families, bold=bold) or find_font_file(families)
    if ref is None:
        return fallback_metrics(), False
    return FontMetrics.load(ref), True


def has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


def set_run_fonts(run: Any, latin: str, east_asian: str, text: str) -> None:
    """Write a:latin, a:ea and a:cs on a run so CJK text never falls back to a box-drawing font."""
    rPr = run._r.get_or_add_rPr()
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rPr.findall(qn(tag)):
            rPr.remove(old)
    etree.SubElement(rPr, qn("a:latin"), typeface=latin)
    etree.SubElement(rPr, qn("a:ea"), typeface=east_asian)
    etree.SubElement(rPr, qn("a:cs"), typeface=latin)
    rPr.set("lang", "zh-CN" if has_cjk(text) else "en-US")
    rPr.set("altLang", "en-US")


def plain(shape: Any) -> Any:
    """Drop the theme style reference python-pptx adds to shapes, so no renderer adds a shadow."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape


def set_bullet(para: Any, char: str, indent_emu: int) -> None:
    """A hanging bullet (a:buChar) instead of a typed '•', so wrapped lines align."""
    pPr = para._p.get_or_add_pPr()
    pPr.set("marL", str(indent_emu))
    pPr.set("indent", str(-indent_emu))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in pPr.findall(qn(tag)):
            pPr.remove(old)
    bu = etree.SubElement(pPr, qn("a:buChar"))
    bu.set("char", char)


def no_hanging(para: Any) -> None:
    """Turn off hanging punctuation, so '，。' stay inside the box as the fitting model assumes."""
    para._p.get_or_add_pPr().set("hangingPunct", "0")


def add_runs(para: Any, text: str, size_pt: float, bold: bool, color: Any, latin: str,
             east_asian: str) -> None:
    """Runs for text, with a:br line breaks for '\n' (a raw line feed is not a break in OOXML)."""
    for k, line in enumerate(text.split("\n")):
        if k:
            para.add_line_break()
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size_pt)
        run.font.bold = bold
        run.font.color.rgb = color
        set_run_fonts(run, latin, east_asian, line)


@dataclass
class Canvas:
    """One slide being drawn, with the look and a place to report text that had to be cut."""

    slide: Slide
    look: Look
    diag: Diagnostics
    where: str
    footer: str = ""
    template: Any = None  # the company template the slide is drawn on (render/template.py)
    slide_number: int | None = None

    def __post_init__(self) -> None:
        metrics, real = font_metrics(self.look.font("body")[1])
        self.metrics = metrics
        if not real:
            self.diag.warn("no CJK font found on this machine, so text was measured with an "
                           "estimate; install fonts-noto-cjk (Debian/Ubuntu) for exact fitting")

    # ------------------------------------------------------------------ shapes
    def rect(self, box: tuple[Emu, Emu, Emu, Emu], color: str | None, name: str,
             shape: Any = MSO_SHAPE.RECTANGLE, line: str | None = None) -> Any:
        sp = self.slide.shapes.add_shape(shape, *box)
        sp.name = name
        if color:
            sp.fill.solid()
            sp.fill.fore_color.rgb = self.look.color(color)
        else:
            sp.fill.background()
        if line:
            sp.line.color.rgb = self.look.color(line)
            sp.line.width = Pt(0.75)
        else:
            sp.line.fill.background()
        plain(sp)
        return sp

    # ------------------------------------------------------------------ text
    def text(self, box: tuple[Emu, Emu, Emu, Emu], content: str | Sequence[str], style: TextStyle,
             name: str, anchor: str = "top", single_line: bool = False,
             shape: Any = None, fill: str | None = None, inset: Emu | None = None,
             bullet: str | None = None) -> Any:
        """A text box whose text is shrunk (down to the style's minimum) or cut so it fits."""
        paragraphs = [content] if isinstance(content, str) else list(content)
        paragraphs = [p for p in paragraphs if p is not None]
        x, y, w, h = box
        pad = self.look.inset if inset is None else inset
        indent = int(round(style.size * 1.2 * EMU_PER_PT)) if bullet else 0
        para_space = round(style.size * 0.3, 1) if bullet else 0.0
        width_pt = (w - 2 * pad - indent) / EMU_PER_PT
        height_pt = (h - 2 * pad) / EMU_PER_PT
        spacing = self.look.line_spacing
        metrics = font_metrics(self.look.font(style.font)[1], style.bold)[0]
        if single_line:
            fit = fits_single_line(" ".join(paragraphs), metrics, style.size, width_pt,
                                   style.min_size)
        else:
            fit = fit_text(paragraphs, metrics, width_pt, height_pt, style.size,
                           style.min_size, line_spacing=spacing, paragraph_space_pt=para_space)
        if fit.truncated:
            self.diag.warn(f"{self.where}: text in '{name}' was too long for its box and was cut "
                           f"with '…' (starts: {''.join(paragraphs)[:30]!r})")
        if shape is not None or fill is not None:
            sp = self.slide.shapes.add_shape(shape or MSO_SHAPE.RECTANGLE, x, y, w, h)
            color = fill or style.fill
            if color:
                sp.fill.solid()
                sp.fill.fore_color.rgb = self.look.color(color)
            else:
                sp.fill.background()
            sp.line.fill.background()
            plain(sp)
        else:
            sp = self.slide.shapes.add_textbox(x, y, w, h)
        sp.name = name
        tf = sp.text_frame
        tf.word_wrap = not single_line
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = pad
        tf.vertical_anchor = ANCHOR[anchor]
        latin, east_asian = self.look.font(style.font)
        for i, text in enumerate(fit.paragraphs or [""]):
            para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            para.alignment = ALIGN.get(style.align, PP_ALIGN.LEFT)
            para.line_spacing = Pt(fit.size_pt * spacing)
            no_hanging(para)
            if bullet:
                set_bullet(para, bullet, indent)
                para.space_before = Pt(para_space) if i else Pt(0)
            add_runs(para, text, fit.size_pt, style.bold, self.look.color(style.color),
                     latin, east_asian)
        return sp
