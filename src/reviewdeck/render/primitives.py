"""Drawing helpers shared by the slide kinds: shapes, and text that is measured so it fits."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
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

# Text boxes and shapes are written here as XML and parsed once, rather than made through
# python-pptx's API (add_textbox, tf.margin_left, para.line_spacing, run.font.color.rgb, ...):
# its properties look every child up by XPath and qn(), and each element it adds costs a
# Python-side class lookup, which made drawing text most of the render stage. The XML is
# exactly what python-pptx's templates and property setters produce (so decks stay
# byte-identical; tests/render/test_pptx_shortcuts.py compares the two), including its rule
# that an attribute set to its schema default is left out. Names below are Clark names.
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A_T, A_END_PARA_RPR = f"{_A}t", f"{_A}endParaRPr"
A_BU_CHAR, A_BU_NONE, A_BU_AUTONUM = f"{_A}buChar", f"{_A}buNone", f"{_A}buAutoNum"
A_SOLID_FILL, A_NO_FILL, A_SRGB_CLR, A_LN = (f"{_A}solidFill", f"{_A}noFill", f"{_A}srgbClr",
                                             f"{_A}ln")
A_LATIN, A_EA, A_CS = f"{_A}latin", f"{_A}ea", f"{_A}cs"
P_STYLE = f"{_P}style"
_ALGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR_XML = {"top": "t", "middle": "ctr", "bottom": "b"}
# bodyPr insets python-pptx leaves out when set to these, their schema defaults
_INSET_DEFAULTS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))
_CONTROL_CHARS = re.compile(r"([\x00-\x08\x0B-\x1F])")
_NSDECLS = nsdecls("a", "p")


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
    p = para._p
    end = child(p, A_END_PARA_RPR)  # runs and breaks go before it, as python-pptx puts them
    made = parse_new(f"<a:p {_NSDECLS}>"
                     f"{_runs_xml(text, size_pt, bold, str(color), latin, east_asian)}</a:p>")
    for el in list(made):
        if end is None:
            p.append(el)
        else:
            end.addprevious(el)


def _runs_xml(text: str, size_pt: float, bold: bool, color_hex: str, latin: str,
              east_asian: str) -> str:
    """What para.add_line_break() and a run for each line write (see run_xml())."""
    return "<a:br/>".join(run_xml(line, size_pt, bold, color_hex, latin, east_asian, line)
                          for line in text.split("\n"))


def run_xml(text: str, size_pt: float, bold: bool, color_hex: str, latin: str, east_asian: str,
            lang_of: str) -> str:
    """An a:r as para.add_run(), run.text, run.font.size/.bold/.color.rgb and
    set_run_fonts(run, latin, east_asian, lang_of) write it, in their order."""
    return (f'<a:r><a:rPr sz="{_centipoints(size_pt)}" b="{"1" if bold else "0"}" '
            f'lang="{"zh-CN" if has_cjk(lang_of) else "en-US"}" altLang="en-US">'
            f'<a:solidFill><a:srgbClr val="{color_hex}"/></a:solidFill>'
            f"<a:latin typeface={quoteattr(latin)}/><a:ea typeface={quoteattr(east_asian)}/>"
            f"<a:cs typeface={quoteattr(latin)}/></a:rPr>"
            f"<a:t>{escape(escape_ctrl_chars(text))}</a:t></a:r>")


def parse_new(xml: str) -> Any:
    """XML made here, parsed by python-pptx's parser (so elements get its classes).

    python-pptx sets every run's text, so an empty one is written <a:t></a:t>: the parser
    reads that as no text at all, which would serialize as <a:t/>.
    """
    el = parse_xml(xml)
    for t in el.iter(A_T):
        if t.text is None:
            t.text = ""
    return el


def _xfrm_xml(box: tuple[Emu, Emu, Emu, Emu]) -> str:
    x, y, cx, cy = (int(v) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _fill_xml(color_hex: str | None) -> str:
    """fill.solid() and fill.fore_color.rgb, or fill.background()."""
    if color_hex:
        return f'<a:solidFill><a:srgbClr val="{color_hex}"/></a:solidFill>'
    return "<a:noFill/>"


def _body_pr_xml(wrap: bool, inset: int, anchor: str, shape: bool) -> str:
    """a:bodyPr after tf.word_wrap, tf.auto_size = NONE, the four margins and
    tf.vertical_anchor: on a text box's template (wrap="none", a:spAutoFit) or on an auto
    shape's (rtlCol="0" anchor="ctr"), whose attributes keep their places."""
    insets = "".join(f' {attr}="{inset}"' for attr, default in _INSET_DEFAULTS
                     if inset != default)
    wrap_xml = f'wrap="{"square" if wrap else "none"}"'
    anchor_xml = f'anchor="{_ANCHOR_XML[anchor]}"'
    if shape:
        return f'<a:bodyPr rtlCol="0" {anchor_xml} {wrap_xml}{insets}><a:noAutofit/></a:bodyPr>'
    return f"<a:bodyPr {wrap_xml}{insets} {anchor_xml}><a:noAutofit/></a:bodyPr>"


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
    def _add_sp(self, xml: str) -> Shape:
        """A new p:sp from XML made by _sp_xml(), added where add_textbox()/add_shape() add."""
        sp = parse_new(xml)
        shapes = self.slide.shapes
        shapes._spTree.insert_element_before(sp, "p:extLst")
        return Shape(sp, shapes)

    def _sp_xml(self, box: tuple[Emu, Emu, Emu, Emu], name: str, shape: Any,
                fill_hex: str | None, line_xml: str, body_xml: str) -> str:
        """A p:sp as add_textbox() (shape None) or add_shape(shape) make it, with its id,
        renamed; an auto shape's fill and outline set and its p:style dropped (plain())."""
        sp_id = self.slide.shapes._next_shape_id
        if shape is None:
            nv = f'<p:cNvPr id="{sp_id}" name={quoteattr(name)}/><p:cNvSpPr txBox="1"/>'
            geometry = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        else:
            nv = f'<p:cNvPr id="{sp_id}" name={quoteattr(name)}/><p:cNvSpPr/>'
            geometry = (f'<a:prstGeom prst="{AutoShapeType(shape).prst}"><a:avLst/></a:prstGeom>'
                        f"{_fill_xml(fill_hex)}{line_xml}")
        return (f"<p:sp {_NSDECLS}><p:nvSpPr>{nv}<p:nvPr/></p:nvSpPr>"
                f"<p:spPr>{_xfrm_xml(box)}{geometry}</p:spPr>"
                f"<p:txBody>{body_xml}</p:txBody></p:sp>")

    def rect(self, box: tuple[Emu, Emu, Emu, Emu], color: str | None, name: str,
             shape: Any = MSO_SHAPE.RECTANGLE, line: str | None = None) -> Any:
        if line:  # sp.line.color.rgb, sp.line.width = Pt(0.75)
            line_xml = (f'<a:ln w="{int(Pt(0.75))}"><a:solidFill><a:srgbClr '
                        f'val="{self.look.color(line)}"/></a:solidFill></a:ln>')
        else:  # sp.line.fill.background()
            line_xml = "<a:ln><a:noFill/></a:ln>"
        body = '<a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p>'
        return self._add_sp(self._sp_xml(box, name, shape,
                                         str(self.look.color(color)) if color else None,
                                         line_xml, body))

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
        on_shape = shape is not None or fill is not None
        color = fill or style.fill
        latin, east_asian = self.look.font(style.font)
        color_hex = str(self.look.color(style.color))
        algn = _ALGN.get(style.align, "l")
        line_pitch = _centipoints(fit.size_pt * spacing)
        paras = []
        for i, text in enumerate(fit.paragraphs or [""]):
            ppr = f'<a:pPr algn="{algn}" hangingPunct="0"'
            spacing_xml = f'<a:lnSpc><a:spcPts val="{line_pitch}"/></a:lnSpc>'
            if bullet:  # as set_bullet() and para.space_before write them
                ppr += f' marL="{indent}" indent="{-indent}"'
                space = _centipoints(para_space) if i else "0"
                spacing_xml += (f'<a:spcBef><a:spcPts val="{space}"/></a:spcBef>'
                                f"<a:buChar char={quoteattr(bullet)}/>")
            runs = _runs_xml(text, fit.size_pt, style.bold, color_hex, latin, east_asian)
            paras.append(f"<a:p>{ppr}>{spacing_xml}</a:pPr>{runs}</a:p>")
        body = (_body_pr_xml(not single_line, int(pad), anchor, on_shape) + "<a:lstStyle/>"
                + "".join(paras))
        return self._add_sp(self._sp_xml(
            box, name, (shape or MSO_SHAPE.RECTANGLE) if on_shape else None,
            str(self.look.color(color)) if color else None, "<a:ln><a:noFill/></a:ln>", body))
