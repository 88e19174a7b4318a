"""Drawing helpers shared by the slide kinds: shapes, and text that is measured so it fits."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.shapes.autoshape import AutoShapeType, Shape
from pptx.slide import Slide
from pptx.util import Emu, Pt

from reviewdeck.errors import Diagnostics
from reviewdeck.render.fonts import (
    CJK_FONT_CANDIDATES, FontMetrics, fallback_metrics, find_font_file,
)
from reviewdeck.render.textfit import fit_text, fits_single_line
from reviewdeck.render.theme import Look, TextStyle

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
EMU_PER_PT = 12700

# Text boxes, their paragraphs and runs are written here with lxml rather than through
# python-pptx's properties (tf.margin_left, para.line_spacing, run.font.color.rgb, ...): those
# look every child up by XPath and qn() on each access, which made drawing text most of the
# render stage. The elements, attributes and their order are exactly the ones python-pptx
# writes (so decks stay byte-identical), including its rule that an attribute set to its
# schema default is left out. Names are Clark names, spelled out once.
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A_BODY_PR, A_NO_AUTOFIT, A_SP_AUTOFIT = f"{_A}bodyPr", f"{_A}noAutofit", f"{_A}spAutoFit"
A_P, A_PPR, A_R, A_RPR, A_T, A_BR = (f"{_A}p", f"{_A}pPr", f"{_A}r", f"{_A}rPr", f"{_A}t",
                                     f"{_A}br")
A_END_PARA_RPR = f"{_A}endParaRPr"
A_LN_SPC, A_SPC_BEF, A_SPC_PTS = f"{_A}lnSpc", f"{_A}spcBef", f"{_A}spcPts"
A_BU_CHAR, A_BU_NONE, A_BU_AUTONUM = f"{_A}buChar", f"{_A}buNone", f"{_A}buAutoNum"
A_SOLID_FILL, A_NO_FILL, A_SRGB_CLR, A_LN = (f"{_A}solidFill", f"{_A}noFill", f"{_A}srgbClr",
                                             f"{_A}ln")
A_LST_STYLE = f"{_A}lstStyle"
A_LATIN, A_EA, A_CS = f"{_A}latin", f"{_A}ea", f"{_A}cs"
P_STYLE, P_SP_PR, P_TX_BODY = f"{_P}style", f"{_P}spPr", f"{_P}txBody"
P_NV_SP_PR, P_C_NV_PR = f"{_P}nvSpPr", f"{_P}cNvPr"
_ALGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR_XML = {"top": "t", "middle": "ctr", "bottom": "b"}
# bodyPr insets python-pptx leaves out when set to these, their schema defaults
_INSET_DEFAULTS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))
_CONTROL_CHARS = re.compile(r"([\x00-\x08\x0B-\x1F])")


def escape_ctrl_chars(text: str) -> str:
    """Control characters as python-pptx writes them into a:t ("_x0007_"); tab and LF kept."""
    return _CONTROL_CHARS.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)


def _centipoints(size_pt: float) -> str:
    """A size in points as python-pptx writes sz and spcPts: Pt() in EMU, floored to 1/100 pt."""
    return str(Pt(size_pt).centipoints)


def child(parent: Any, tag: str) -> Any:
    """parent.find(tag) for a Clark name: the first child with that tag, or None.

    Looked up by iterating the children in C; find() parses its argument as an ElementPath
    in Python first, which costs a few microseconds a call.
    """
    return next(parent.iterchildren(tag), None)


def children(parent: Any, tag: str) -> list[Any]:
    """parent.findall(tag) for a Clark name (see child())."""
    return list(parent.iterchildren(tag))


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
    set_rpr_fonts(run._r.get_or_add_rPr(), latin, east_asian, text)


def set_rpr_fonts(rPr: Any, latin: str, east_asian: str, text: str) -> None:
    """set_run_fonts on an a:rPr element."""
    for tag in (A_LATIN, A_EA, A_CS):
        for old in children(rPr, tag):
            rPr.remove(old)
    etree.SubElement(rPr, A_LATIN, typeface=latin)
    etree.SubElement(rPr, A_EA, typeface=east_asian)
    etree.SubElement(rPr, A_CS, typeface=latin)
    rPr.set("lang", "zh-CN" if has_cjk(text) else "en-US")
    rPr.set("altLang", "en-US")


def plain(shape: Any) -> Any:
    """Drop the theme style reference python-pptx adds to shapes, so no renderer adds a shadow."""
    style = child(shape._element, P_STYLE)
    if style is not None:
        shape._element.remove(style)
    return shape


def set_bullet(para: Any, char: str, indent_emu: int) -> None:
    """A hanging bullet (a:buChar) instead of a typed '•', so wrapped lines align."""
    pPr = para._p.get_or_add_pPr()
    pPr.set("marL", str(indent_emu))
    pPr.set("indent", str(-indent_emu))
    for tag in (A_BU_NONE, A_BU_CHAR, A_BU_AUTONUM):
        for old in children(pPr, tag):
            pPr.remove(old)
    bu = etree.SubElement(pPr, A_BU_CHAR)
    bu.set("char", char)


def no_hanging(para: Any) -> None:
    """Turn off hanging punctuation, so '，。' stay inside the box as the fitting model assumes."""
    para._p.get_or_add_pPr().set("hangingPunct", "0")


def add_runs(para: Any, text: str, size_pt: float, bold: bool, color: Any, latin: str,
             east_asian: str) -> None:
    """Runs for text, with a:br line breaks for '\n' (a raw line feed is not a break in OOXML)."""
    _add_runs(para._p, text, size_pt, bold, str(color), latin, east_asian)


def _add_runs(p: Any, text: str, size_pt: float, bold: bool, color_hex: str, latin: str,
              east_asian: str) -> None:
    """add_runs on an a:p element: what para.add_line_break(), para.add_run(), run.text,
    run.font.size/.bold/.color.rgb and set_run_fonts write, in their order."""
    end = child(p, A_END_PARA_RPR)  # runs and breaks go before it, as python-pptx puts them
    sz = _centipoints(size_pt)
    for k, line in enumerate(text.split("\n")):
        if k:
            _before_end(p, etree.SubElement(p, A_BR), end)
        r = etree.SubElement(p, A_R)
        rPr = etree.SubElement(r, A_RPR, sz=sz, b="1" if bold else "0")
        fill = etree.SubElement(rPr, A_SOLID_FILL)
        etree.SubElement(fill, A_SRGB_CLR, val=color_hex)
        set_rpr_fonts(rPr, latin, east_asian, line)
        etree.SubElement(r, A_T).text = escape_ctrl_chars(line)
        _before_end(p, r, end)


def _before_end(p: Any, el: Any, end: Any) -> None:
    if end is not None:
        end.addprevious(el)


def _solid_fill(parent: Any, color_hex: str) -> None:
    """a:solidFill with an a:srgbClr appended to parent (fill.solid(); fill.fore_color.rgb)."""
    etree.SubElement(etree.SubElement(parent, A_SOLID_FILL), A_SRGB_CLR, val=color_hex)


def _shape_fill(sp: Any, color_hex: str | None, line_hex: str | None = None,
                line_emu: int = 0) -> None:
    """A new auto shape's fill and outline, appended to its spPr after the geometry, as
    sp.fill.solid()/.background() and sp.line.color.rgb/.width/.fill.background() write them.
    """
    spPr = child(sp._element, P_SP_PR)
    if color_hex:
        _solid_fill(spPr, color_hex)
    else:
        etree.SubElement(spPr, A_NO_FILL)
    ln = etree.SubElement(spPr, A_LN)
    if line_hex:
        _solid_fill(ln, line_hex)
        if line_emu:  # python-pptx leaves out w="0", the default
            ln.set("w", str(line_emu))
    else:
        etree.SubElement(ln, A_NO_FILL)


def _text_frame(sp: Any, wrap: bool, inset: int, anchor: str) -> Any:
    """A new shape's body properties as tf.word_wrap, tf.auto_size = NONE, the four margins and
    tf.vertical_anchor write them (a new text box's a:spAutoFit becomes a:noAutofit); returns
    the p:txBody."""
    body = child(sp._element, P_TX_BODY)
    body_pr = child(body, A_BODY_PR)
    body_pr.set("wrap", "square" if wrap else "none")
    for old in children(body_pr, A_SP_AUTOFIT):
        body_pr.remove(old)
    etree.SubElement(body_pr, A_NO_AUTOFIT)
    for attr, default in _INSET_DEFAULTS:
        if inset == default:
            body_pr.attrib.pop(attr, None)
        else:
            body_pr.set(attr, str(inset))
    body_pr.set("anchor", _ANCHOR_XML[anchor])
    return body


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
        # python-pptx's turbo-add: each new shape's id is the largest so far plus one, counted
        # here instead of by an XPath over the whole slide per shape. Every shape of a slide is
        # added through this slide.shapes, so the ids are the ones the XPath would find.
        self.slide.shapes.turbo_add_enabled = True

    # ------------------------------------------------------------------ shapes
    def _add_sp(self, box: tuple[Emu, Emu, Emu, Emu], name: str,
                shape: Any = None) -> Shape:
        """A new p:sp named name: python-pptx's add_textbox (shape None) or add_shape(shape).

        Made as those make it (same element, same id), without their asking the new shape
        through an XPath whether it is a placeholder (it never is) and finding its cNvPr through
        another to rename it.
        """
        shapes = self.slide.shapes
        sp_id = shapes._next_shape_id
        if shape is None:
            sp = shapes._spTree.add_textbox(sp_id, f"TextBox {sp_id - 1}", *box)
        else:
            kind = AutoShapeType(shape)
            sp = shapes._spTree.add_autoshape(sp_id, f"{kind.basename} {sp_id - 1}", kind.prst,
                                              *box)
        child(child(sp, P_NV_SP_PR), P_C_NV_PR).set("name", name)
        return Shape(sp, shapes)

    def rect(self, box: tuple[Emu, Emu, Emu, Emu], color: str | None, name: str,
             shape: Any = MSO_SHAPE.RECTANGLE, line: str | None = None) -> Any:
        sp = self._add_sp(box, name, shape)
        _shape_fill(sp, str(self.look.color(color)) if color else None,
                    str(self.look.color(line)) if line else None, Pt(0.75))
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
        w, h = box[2], box[3]
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
            sp = self._add_sp(box, name, shape or MSO_SHAPE.RECTANGLE)
            color = fill or style.fill
            _shape_fill(sp, str(self.look.color(color)) if color else None)
            plain(sp)
        else:
            sp = self._add_sp(box, name)
        body = _text_frame(sp, not single_line, int(pad), anchor)
        latin, east_asian = self.look.font(style.font)
        color_hex = str(self.look.color(style.color))
        algn = _ALGN.get(style.align, "l")
        line_pitch = _centipoints(fit.size_pt * spacing)
        for i, text in enumerate(fit.paragraphs or [""]):
            p = child(body, A_P) if i == 0 else etree.SubElement(body, A_P)
            pPr = p.get_or_add_pPr()
            pPr.set("algn", algn)
            etree.SubElement(etree.SubElement(pPr, A_LN_SPC), A_SPC_PTS, val=line_pitch)
            pPr.set("hangingPunct", "0")
            if bullet:  # as set_bullet() and para.space_before write them
                pPr.set("marL", str(indent))
                pPr.set("indent", str(-indent))
                space = _centipoints(para_space) if i else "0"
                etree.SubElement(etree.SubElement(pPr, A_SPC_BEF), A_SPC_PTS, val=space)
                etree.SubElement(pPr, A_BU_CHAR, char=bullet)
            _add_runs(p, text, fit.size_pt, style.bold, color_hex, latin, east_asian)
        return sp
