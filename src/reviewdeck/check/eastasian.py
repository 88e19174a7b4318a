"""Chinese, Japanese or Korean text in a run that names no East-Asian font.

PowerPoint draws CJK characters with the run's `a:ea` typeface. When neither the run nor
anything it inherits names one, and the theme's ea font is empty, the text falls back to
whatever the viewer's machine picks: often a font without those glyphs, or one that clashes
with the brand. `+mn-ea`/`+mj-ea` (or nothing at all) resolve to the theme's minor/major
ea font, or to the theme's font for the run's language script (`<a:font script="Hans">`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reviewdeck.check.model import Finding
from reviewdeck.check.shapes import A_FLD, A_P, A_R, A_T, A, Shape, child
from reviewdeck.check.styles import TextStyles

_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x30FF),  # CJK punctuation, Hiragana, Katakana
    (0x3100, 0x31FF),  # Bopomofo, Hangul compatibility Jamo, Katakana extensions
    (0x3200, 0x4DBF),  # enclosed CJK, compatibility, extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F), (0xAC00, 0xD7FF),  # Hangul
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3FFFF),  # extensions B and later
)


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def _text_runs(txbody: Any) -> Iterator[tuple[Any, Any, str]]:
    for para in txbody.iter(A_P):
        for el in para:
            if el.tag in (A_R, A_FLD):
                t = child(el, A_T)
                if t is not None and t.text:
                    yield para, el, t.text


def _bodies(shape: Shape) -> Iterator[Any]:
    body = shape.txbody
    if body is not None:
        yield body
    if shape.kind == "graphicFrame":  # table cells
        yield from shape.element.iter(f"{A}txBody")


def missing_ea_fonts(shape: Shape, styles: TextStyles) -> Finding | None:
    """One finding per shape, naming the first CJK text without an East-Asian font."""
    bad: list[str] = []
    for body in _bodies(shape):
        for para, run, text in _text_runs(body):
            if not any(is_cjk(ch) for ch in text):
                continue
            pchain = styles.paragraph_chain(shape, para)
            chain = styles.run_chain(run, pchain)
            face = styles.typeface(chain, "ea")
            lang = TextStyles.first(chain, "lang")
            if face and not face.startswith("+"):
                continue
            major = face.startswith("+mj") if face else styles.is_title(shape)
            if styles.theme_font(major, "ea", lang):
                continue
            bad.append(text)
    if not bad:
        return None
    sample = bad[0] if len(bad[0]) <= 20 else bad[0][:20] + "…"
    return Finding(
        "east-asian-font",
        f"{len(bad)} run(s) of CJK text have no East-Asian font (no a:ea on the run and none "
        f"in the theme), starting {sample!r}; they will show in a fallback font",
        shape=shape.name, shape_id=shape.id)
