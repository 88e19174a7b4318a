"""Text that overflows its box, and placeholders left empty.

Text is laid out with the model the renderer fits text with (render/fonts.py for advance
widths, render/textfit.py for where lines break), using each paragraph's size, weight, margins
and line spacing as PowerPoint inherits them. Only boxes that wrap words and do not autofit
are judged: PowerPoint shrinks `normAutofit` text and grows `spAutoFit` boxes by itself. The
model predicts at least as many lines as a renderer draws, so a box is reported only when the
text leaves the shape's outline, not when it merely enters the bottom inset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reviewdeck.check.model import Finding
from reviewdeck.check.shapes import (
    A_BR,
    A_FLD,
    A_P,
    A_R,
    A_T,
    DEF_RPR,
    EMU_PER_PT,
    END_PARA_RPR,
    A,
    Rect,
    Shape,
    child,
)
from reviewdeck.check.styles import Body, TextStyles
from reviewdeck.render.fonts import (
    CJK_FONT_CANDIDATES,
    FontMetrics,
    fallback_metrics,
    find_font_file,
)
from reviewdeck.render.textfit import line_width_em, wrap

_SPACINGS = {tag: f"{A}{tag}" for tag in ("lnSpc", "spcBef", "spcAft")}
_SPC_PTS, _SPC_PCT = f"{A}spcPts", f"{A}spcPct"

TOLERANCE_PT = 1.5
SINGLE_PITCH = 1.2  # line pitch of single spacing, as a multiple of the size


@dataclass
class Paragraph:
    text: str
    size_pt: float
    bold: bool
    metrics: FontMetrics
    margin_pt: float  # marL
    pitch_pt: float  # one line
    before_pt: float
    after_pt: float
    align: str


@dataclass
class TextLayout:
    """Where a shape's text lands: its lines, the height they need and the area they cover."""

    shape: Shape
    body: Body
    paragraphs: list[Paragraph]
    lines: list[list[str]]
    needed_pt: float
    extent: Rect  # the area the text covers on the slide, in EMU

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


@lru_cache(maxsize=64)
def _face(families: tuple[str, ...], bold: bool) -> FontMetrics:
    ref = find_font_file(families, bold=bold)
    if ref is None:
        ref = find_font_file(bold=bold)
    if ref is None:
        return fallback_metrics()
    try:
        return FontMetrics.load(ref)
    except (OSError, ValueError):
        return fallback_metrics()


@lru_cache(maxsize=64)
def metrics_for(latin: str, east_asian: str, bold: bool) -> FontMetrics:
    """Advance widths for text set in these typefaces: the named fonts where this machine has
    them, else the first CJK font found (as the renderer measures)."""
    ea = _face(tuple(f for f in (east_asian,) if f) + CJK_FONT_CANDIDATES, bold)
    lat = _face(tuple(f for f in (latin, east_asian) if f) + CJK_FONT_CANDIDATES, bold)
    if lat is ea:
        return ea

    def advance(ch: str) -> float | None:
        return (ea if _is_wide(ch) else lat).advance(ch)

    return FontMetrics(f"{latin}/{east_asian}", advance, ea.ascender, ea.descender, ea.line_gap)


def _runs(para: Any) -> list[tuple[Any, str]]:
    out = []
    for el in para:
        if el.tag in (A_R, A_FLD):
            t = child(el, A_T)
            out.append((el, t.text or "" if t is not None else ""))
        elif el.tag == A_BR:
            out.append((el, "\n"))
    return out


def shape_text(shape: Shape) -> str:
    body = shape.txbody
    if body is None:
        return ""
    return "\n".join("".join(t for _, t in _runs(p)) for p in body.findall(f"{A}p"))


def _spacing(ppr_chain: list[Any], tag: str, size: float) -> float | None:
    for el in ppr_chain:
        sp = child(el, _SPACINGS[tag])
        if sp is None:
            continue
        pts = child(sp, _SPC_PTS)
        if pts is not None:
            return float(pts.get("val", "0")) / 100
        pct = child(sp, _SPC_PCT)
        if pct is not None:
            from reviewdeck.check.styles import _pct

            return _pct(pct.get("val"), 1.0) * size * (SINGLE_PITCH if tag == "lnSpc" else 1.0)
    return None


def _theme_face(styles: TextStyles, face: str | None, title: bool, tag: str) -> str:
    if not face:
        return styles.theme_font(title, tag)
    if face.startswith(("+mj-", "+mn-")):
        kind = {"lt": "latin", "ea": "ea", "cs": "cs"}.get(face[4:], "latin")
        return styles.theme_font(face.startswith("+mj-"), kind)
    return face


def paragraphs(body_el: Any, styles: TextStyles, chain_of: Callable[[Any], list[Any]],
               title: bool = False, font_scale: float = 1.0,
               spacing_reduction: float = 0.0) -> list[Paragraph]:
    """The paragraphs of a text body with the size, weight, faces and spacing each one gets;
    chain_of(a:p) gives the paragraph's a:pPr and the level properties it inherits."""
    out: list[Paragraph] = []
    for para in body_el.iterchildren(A_P):
        pchain = chain_of(para)
        runs = [(r, t) for r, t in _runs(para) if r.tag != A_BR or t]
        text = "".join(t for _, t in runs)
        sized = [(styles.run_chain(r, pchain), t) for r, t in runs if r.tag != A_BR]
        if not sized:
            end = child(para, END_PARA_RPR)
            chain = ([end] if end is not None else []) + [
                d for d in (child(p, DEF_RPR) for p in pchain) if d is not None]
            sized = [(chain, "")]
        size = max(styles.size_pt(c) for c, _ in sized) * font_scale
        bold = all(styles.bold(c) for c, t in sized if t.strip()) and any(
            t.strip() for _, t in sized)
        chain0 = sized[0][0]
        latin = _theme_face(styles, styles.typeface(chain0, "latin"), title, "latin")
        ea = _theme_face(styles, styles.typeface(chain0, "ea"), title, "ea")
        pitch = _spacing(pchain, "lnSpc", size)
        pitch = SINGLE_PITCH * size if pitch is None else pitch
        pitch *= 1.0 - spacing_reduction
        margin = float(TextStyles.first(pchain, "marL") or 0) / EMU_PER_PT
        out.append(Paragraph(
            text=text, size_pt=size, bold=bold, metrics=metrics_for(latin, ea, bold),
            margin_pt=margin, pitch_pt=pitch,
            before_pt=_spacing(pchain, "spcBef", size) or 0.0,
            after_pt=_spacing(pchain, "spcAft", size) or 0.0,
            align=TextStyles.first(pchain, "algn") or "l"))
    return out


def flow(paras: list[Paragraph], inner_w: float,
         wraps: bool) -> tuple[list[list[str]], float, float]:
    """Paragraphs set in a column inner_w points wide: their lines, the height they need and
    the widest line, in points."""
    lines: list[list[str]] = []
    needed = 0.0
    widest = 0.0
    for i, p in enumerate(paras):
        room = max(inner_w - p.margin_pt, 0.0)
        if wraps and room > 0 and p.size_pt > 0:
            plines = wrap(p.text, p.metrics, p.size_pt, room)
        else:
            plines = p.text.replace("\r", "\n").split("\n")
        lines.append(plines)
        needed += len(plines) * p.pitch_pt
        if i:
            needed += p.before_pt
        if i < len(paras) - 1:
            needed += p.after_pt
        for line in plines:
            width = line_width_em(line, p.metrics) * p.size_pt + p.margin_pt
            widest = max(widest, width)
    return lines, needed, widest


def layout(shape: Shape, styles: TextStyles) -> TextLayout | None:
    """The text of a shape laid out in its box; None for shapes without text or position."""
    body_el = shape.txbody
    if body_el is None or shape.rect is None or shape.rotation % 180:
        return None  # text turned sideways is not laid out here
    body = styles.body(shape)
    if body.vertical:
        return None
    paras = paragraphs(body_el, styles, lambda para: styles.paragraph_chain(shape, para),
                       styles.is_title(shape), body.font_scale, body.spacing_reduction)
    if not paras:
        return None
    x, y, w, h = shape.rect
    left, top, right, bottom = body.insets
    inner_w = (w - left - right) / EMU_PER_PT
    lines, needed, widest = flow(paras, inner_w, body.wrap)
    inner_h = (h - top - bottom) / EMU_PER_PT
    if body.anchor == "b":
        text_top = y + h - bottom - needed * EMU_PER_PT
    elif body.anchor == "ctr":
        text_top = y + top + (inner_h - needed) / 2 * EMU_PER_PT
    else:
        text_top = y + top
    align = paras[0].align
    span = min(widest, inner_w) if body.wrap else widest
    if align == "ctr":
        text_left = x + left + (inner_w - span) / 2 * EMU_PER_PT
    elif align == "r":
        text_left = x + w - right - span * EMU_PER_PT
    else:
        text_left = x + left
    extent = (text_left, text_top, span * EMU_PER_PT, needed * EMU_PER_PT)
    if body.autofit == "shrink":  # PowerPoint and LibreOffice shrink it into the box
        inner_top, inner_bottom = y + top, y + h - bottom
        clipped_top = max(text_top, inner_top)
        clipped_bottom = min(text_top + needed * EMU_PER_PT, inner_bottom)
        extent = (text_left, clipped_top, extent[2], max(clipped_bottom - clipped_top, 0.0))
    return TextLayout(shape, body, paras, lines, needed, extent)


def overflow(lay: TextLayout) -> Finding | None:
    """The text leaves its shape: judged only for word-wrapped boxes without autofit."""
    body, shape = lay.body, lay.shape
    if not body.wrap or body.autofit != "none" or body.columns > 1:
        return None
    if not lay.text.strip() or shape.rect is None:
        return None
    y, h = shape.rect[1], shape.rect[3]
    top = (lay.extent[1] - y) / EMU_PER_PT
    bottom = top + lay.needed_pt
    height = h / EMU_PER_PT
    if top >= -TOLERANCE_PT and bottom <= height + TOLERANCE_PT:
        return None
    n = sum(len(p) for p in lay.lines)
    sizes = sorted({round(p.size_pt, 1) for p in lay.paragraphs})
    size_text = "/".join(f"{s:g}" for s in sizes)
    start = lay.text.strip().replace("\n", " ")
    start = start if len(start) <= 24 else start[:24] + "…"
    return Finding(
        "overflow",
        f"text overflows its box: {n} line(s) at {size_text} pt need {lay.needed_pt:.0f} pt "
        f"but the box is {height:.0f} pt tall ({max(bottom - height, -top):.0f} pt outside; "
        f"starts {start!r}); shorten the text, make the box larger or the font smaller",
        shape=shape.name, shape_id=shape.id)


def empty_placeholder(shape: Shape) -> Finding | None:
    """A text placeholder with nothing in it: PowerPoint shows 'Click to add text' while editing."""
    if shape.placeholder is None or shape.kind != "sp":
        return None
    if shape_text(shape).strip():
        return None
    return Finding(
        "empty-placeholder",
        f"the {shape.placeholder.type} placeholder is empty; fill it or delete it",
        shape=shape.name, shape_id=shape.id)
