"""Effective text properties of a shape, paragraph and run, inherited as PowerPoint does.

A run's size, weight and fonts come from the run itself, else its paragraph's level in the
shape's list styles, then (for placeholders) the layout and master placeholders and the
master's title/body/other text styles, then the presentation's default text style. Body
properties (wrap, autofit, insets, anchor) come from the shape, then the placeholders it
inherits from, then the defaults of the spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewdeck.check.shapes import (
    A_PPR,
    A_RPR,
    BODY_PR,
    DEF_RPR,
    LST_STYLE,
    NS,
    TX_BODY,
    A,
    Inheritance,
    P,
    Shape,
    child,
    find,
)

_NO_AUTOFIT, _NORM_AUTOFIT, _SP_AUTOFIT = f"{A}noAutofit", f"{A}normAutofit", f"{A}spAutoFit"
_LEVELS = tuple(f"{A}lvl{n}pPr" for n in range(1, 10))
_FACES = {tag: f"{A}{tag}" for tag in ("latin", "ea", "cs")}

DEFAULT_SIZE_PT = 18.0
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # left, top, right, bottom in EMU
_TITLE_TYPES = ("title", "ctrTitle")
_BODY_TYPES = ("body", "subTitle", "obj")


@dataclass(frozen=True)
class Body:
    """What decides how text is laid out in its box."""

    wrap: bool
    autofit: str  # none, shrink (normAutofit), grow (spAutoFit)
    font_scale: float  # normAutofit fontScale as a fraction
    spacing_reduction: float  # normAutofit lnSpcReduction as a fraction
    insets: tuple[float, float, float, float]
    anchor: str  # t, ctr, b (just/dist count as t)
    vertical: bool
    columns: int


class TextStyles:
    """Property lookups for the text of one slide."""

    def __init__(self, inherit: Inheritance, master: Any | None, presentation: Any | None,
                 theme: Any | None) -> None:
        self.inherit = inherit
        self.master = master
        self.default_style = None if presentation is None else \
            presentation.find(f"{P}defaultTextStyle")
        self.theme = theme
        self._theme_fonts: dict[tuple[bool, str, str | None], str] = {}

    # ------------------------------------------------------------------ body properties
    def _body_chain(self, shape: Shape) -> list[Any]:
        chain = []
        for el in [shape.element, *self.inherit.chain(shape.placeholder)]:
            body = find(el, TX_BODY, BODY_PR)
            if body is not None:
                chain.append(body)
        return chain

    def body(self, shape: Shape) -> Body:
        chain = self._body_chain(shape)

        def attr(name: str, default: str) -> str:
            for el in chain:
                if el.get(name) is not None:
                    return str(el.get(name))
            return default

        autofit, scale, reduction = "none", 1.0, 0.0
        for el in chain:
            if child(el, _NO_AUTOFIT) is not None:
                break
            norm = child(el, _NORM_AUTOFIT)
            if norm is not None:
                autofit = "shrink"
                scale = _pct(norm.get("fontScale"), 1.0)
                reduction = _pct(norm.get("lnSpcReduction"), 0.0)
                break
            if child(el, _SP_AUTOFIT) is not None:
                autofit = "grow"
                break
        insets = tuple(_float(attr(n, str(d)), d) for n, d in
                       zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS))
        anchor = attr("anchor", "t")
        return Body(
            wrap=attr("wrap", "square") != "none", autofit=autofit, font_scale=scale,
            spacing_reduction=reduction, insets=insets,  # type: ignore[arg-type]
            anchor=anchor if anchor in ("t", "ctr", "b") else "t",
            vertical=attr("vert", "horz") not in ("horz", ""),
            columns=max(int(_float(attr("numCol", "1"), 1)), 1))

    # ------------------------------------------------------------------ list styles
    def _master_style(self, shape: Shape) -> Any | None:
        if self.master is None or shape.placeholder is None:
            return None
        kind = shape.placeholder.type
        name = "titleStyle" if kind in _TITLE_TYPES else \
            "bodyStyle" if kind in _BODY_TYPES else "otherStyle"
        return self.master.find(f"{P}txStyles/{P}{name}")

    def level_chain(self, shape: Shape, level: int) -> list[Any]:
        """The a:lvlNpPr elements that apply to a paragraph of this level, nearest first."""
        tag = _LEVELS[level]
        chain = []
        for el in [shape.element, *self.inherit.chain(shape.placeholder)]:
            found = find(el, TX_BODY, LST_STYLE, tag)
            if found is not None:
                chain.append(found)
        for style in (self._master_style(shape), self.default_style):
            if style is not None:
                found = child(style, tag)
                if found is not None:
                    chain.append(found)
        return chain

    def paragraph_chain(self, shape: Shape, para: Any) -> list[Any]:
        """The paragraph's own a:pPr, then its level's inherited ones."""
        ppr = child(para, A_PPR)
        level = int(_float(ppr.get("lvl", "0"), 0)) if ppr is not None else 0
        chain = self.level_chain(shape, min(max(level, 0), 8))
        return ([ppr] if ppr is not None else []) + chain

    def cell_paragraph_chain(self, tx_body: Any, para: Any) -> list[Any]:
        """A table cell paragraph's own a:pPr, then its level in the cell's list style and in
        the presentation's default text style (table text takes no master text style)."""
        ppr = child(para, A_PPR)
        level = int(_float(ppr.get("lvl", "0"), 0)) if ppr is not None else 0
        tag = _LEVELS[min(max(level, 0), 8)]
        chain = [] if ppr is None else [ppr]
        for style in (child(tx_body, LST_STYLE), self.default_style):
            found = child(style, tag) if style is not None else None
            if found is not None:
                chain.append(found)
        return chain

    def run_chain(self, run: Any, para_chain: list[Any]) -> list[Any]:
        """rPr elements from the run out to the defaults (a:defRPr of each paragraph level)."""
        chain = []
        rpr = child(run, A_RPR)
        if rpr is not None:
            chain.append(rpr)
        for ppr in para_chain:
            d = child(ppr, DEF_RPR)
            if d is not None:
                chain.append(d)
        return chain

    @staticmethod
    def first(chain: list[Any], attr: str) -> str | None:
        for el in chain:
            if el.get(attr) is not None:
                return str(el.get(attr))
        return None

    def size_pt(self, run_chain: list[Any]) -> float:
        sz = self.first(run_chain, "sz")
        return _float(sz, DEFAULT_SIZE_PT * 100) / 100 if sz else DEFAULT_SIZE_PT

    def bold(self, run_chain: list[Any]) -> bool:
        return self.first(run_chain, "b") in ("1", "true")

    def typeface(self, run_chain: list[Any], tag: str) -> str | None:
        """The nearest a:latin/a:ea/a:cs typeface given for the run, theme references kept."""
        for el in run_chain:
            found = child(el, _FACES.get(tag) or f"{A}{tag}")
            if found is not None and found.get("typeface") is not None:
                return str(found.get("typeface"))
        return None

    def theme_font(self, major: bool, script_tag: str, lang: str | None = None) -> str:
        """The theme's major/minor typeface for latin/ea/cs, or its font for the language's script."""
        key = (major, script_tag, lang)
        if key not in self._theme_fonts:  # asked for every run; the theme is searched once
            self._theme_fonts[key] = self._theme_font(major, script_tag, lang)
        return self._theme_fonts[key]

    def _theme_font(self, major: bool, script_tag: str, lang: str | None) -> str:
        if self.theme is None:
            return ""
        block = self.theme.find(f".//{A}fontScheme/{A}{'majorFont' if major else 'minorFont'}")
        if block is None:
            return ""
        el = block.find(f"{A}{script_tag}")
        face = "" if el is None else el.get("typeface", "")
        if face or not lang:
            return face
        script = _SCRIPTS.get(lang.split("-")[0].lower())
        if lang.lower() in ("zh-tw", "zh-hk", "zh-mo"):
            script = "Hant"
        if script:
            for font in block.findall(f"{A}font"):
                if font.get("script") == script:
                    return str(font.get("typeface", ""))
        return ""

    def is_title(self, shape: Shape) -> bool:
        return shape.placeholder is not None and shape.placeholder.type in _TITLE_TYPES


_SCRIPTS = {"zh": "Hans", "ja": "Jpan", "ko": "Hang"}


def _float(text: str | None, default: float) -> float:
    try:
        return float(text) if text is not None else default
    except ValueError:
        return default


def _pct(text: str | None, default: float) -> float:
    """A DrawingML percentage (100000 = 100 %, or '100%') as a fraction."""
    if text is None:
        return default
    if text.endswith("%"):
        return _float(text[:-1], default * 100) / 100
    return _float(text, default * 100000) / 100000


__all__ = ["NS", "A", "Body", "TextStyles"]
