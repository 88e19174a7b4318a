"""Predict how PowerPoint/LibreOffice wrap text, then shrink or cut it so it never overflows.

The model is deliberately conservative: it allows a line break in fewer places than the
renderers do (no breaks after hyphens, kinsoku pushes a character down instead of letting
punctuation hang), ignores kerning, and measures against a slightly narrowed width, so it
predicts at least as many lines as LibreOffice draws.  See docs/dev/text-fitting.md.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reviewdeck.render.fonts import FontMetrics

ELLIPSIS = "…"

# A line may not start with these (closing brackets/quotes, sentence and clause punctuation).
NO_LINE_START = frozenset(
    "，。、；：！？）》」』】〉”’%·…"
    "．，！？％）］｝〕〗〙〛｠〉》」』】〞"
    ",.;:!?)]}‰℃°¢›»‥・"
)
# A line may not end with these (opening brackets/quotes, currency signs before amounts).
NO_LINE_END = frozenset(
    "（《「『【〈“‘"
    "（［｛〔〖〘〚｟〝"
    "([{‹«$￥¥£€"
)
# Stripped from the end of a cut text before the ellipsis is added ("销售额，…" reads badly).
_TRIM_BEFORE_ELLIPSIS = " \t\u3000，、；：,;:" + "".join(NO_LINE_END)

_EPS = 1e-6


@dataclass(frozen=True)
class FitResult:
    """The size to write, the (possibly cut) paragraphs, and how many lines they take."""

    size_pt: float
    paragraphs: list[str]
    lines: int
    truncated: bool
    shrunk: bool


@lru_cache(maxsize=4096)
def _breaks_anywhere(ch: str) -> bool:
    """Whether a line may break before and after this character (ideographs, kana, hangul)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _is_space(ch: str) -> bool:
    return ch == " " or ch == "\t" or ch == "\u3000"


def _segments(line: str) -> list[str]:
    """Split text without newlines into pieces between which a line break is allowed.

    A break is allowed after spaces and next to wide (CJK) characters, never inside a run of
    Latin letters/digits, never before NO_LINE_START and never after NO_LINE_END characters.
    Spaces stay at the end of the piece before them, where renderers let them hang.
    """
    segments: list[str] = []
    start = 0
    n = len(line)
    for i in range(1, n):
        prev, cur = line[i - 1], line[i]
        if _is_space(cur):
            continue  # spaces join the piece before them
        if _is_space(prev):
            allowed = True
        else:
            allowed = _breaks_anywhere(prev) or _breaks_anywhere(cur)
        if allowed and (cur in NO_LINE_START or prev in NO_LINE_END):
            allowed = False
        if allowed:
            segments.append(line[start:i])
            start = i
    if n:
        segments.append(line[start:])
    return segments


def _visible(text: str) -> str:
    """Text without the trailing spaces that hang past the right edge."""
    return text.rstrip(" \t\u3000")


def _split_long(segment: str, metrics: FontMetrics, limit_em: float) -> list[str]:
    """Break a piece wider than a line by characters (what renderers do with a long word)."""
    pieces: list[str] = []
    cur = ""
    cur_w = 0.0
    for ch in segment:
        adv = metrics.advance(ch)
        if cur and not _is_space(ch) and cur_w + adv > limit_em + _EPS:
            pieces.append(cur)
            cur, cur_w = "", 0.0
        cur += ch
        cur_w += adv
    if cur:
        pieces.append(cur)
    # kinsoku inside a forced break: pull the character before a closing mark down with it
    for k in range(1, len(pieces)):
        if pieces[k][:1] in NO_LINE_START and len(pieces[k - 1]) > 1:
            pieces[k] = pieces[k - 1][-1] + pieces[k]
            pieces[k - 1] = pieces[k - 1][:-1]
    return pieces


def _wrap_em(line: str, metrics: FontMetrics, limit_em: float) -> list[str]:
    """Greedy first-fit wrapping of one newline-free line against a width in em."""
    if not line:
        return [""]
    lines: list[str] = []
    cur = ""
    cur_w = 0.0  # width including trailing spaces
    for seg in _segments(line):
        seg_w = metrics.em_width(seg)
        seg_vis_w = metrics.em_width(_visible(seg))
        if cur and cur_w + seg_vis_w <= limit_em + _EPS:
            cur += seg
            cur_w += seg_w
            continue
        if cur:
            lines.append(_visible(cur))
            cur, cur_w = "", 0.0
        if seg_vis_w <= limit_em + _EPS:
            cur, cur_w = seg, seg_w
            continue
        pieces = _split_long(seg, metrics, limit_em)
        lines.extend(_visible(p) for p in pieces[:-1])
        cur = pieces[-1]
        cur_w = metrics.em_width(cur)
    if cur or not lines:
        lines.append(_visible(cur))
    return lines


def _normalize(text: str) -> str:
    """Line breaks of any style (CRLF, CR, vertical tab, U+2028) become '\\n'."""
    return (text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
            .replace("\u2028", "\n").replace("\u2029", "\n"))


def wrap(text: str, metrics: FontMetrics, size_pt: float, width_pt: float) -> list[str]:
    """Lines a renderer would break `text` into in a box `width_pt` wide (at least as many)."""
    if size_pt <= 0:
        raise ValueError(f"font size must be positive, got {size_pt}")
    limit_em = max(width_pt, 0.0) / size_pt
    lines: list[str] = []
    for part in _normalize(text).split("\n"):
        lines.extend(_wrap_em(part, metrics, limit_em))
    return lines


def _layout(paragraphs: Sequence[str], metrics: FontMetrics, size_pt: float, limit_pt: float,
            height_pt: float, line_spacing: float, paragraph_space_pt: float) -> tuple[int, bool]:
    """Total predicted lines of the paragraphs, and whether they fit the box."""
    total = 0
    too_wide = False
    limit_em = limit_pt / size_pt
    for para in paragraphs:
        for line in wrap(para, metrics, size_pt, limit_pt):
            total += 1
            if metrics.em_width(line) > limit_em + _EPS:
                too_wide = True  # a single character wider than the box
    height = total * size_pt * line_spacing + paragraph_space_pt * max(len(paragraphs) - 1, 0)
    return total, not too_wide and height <= height_pt + _EPS


def _sizes(size_pt: float, min_size_pt: float, step_pt: float) -> list[float]:
    """Sizes to try, largest first: size, size - step, ... and finally the minimum."""
    if step_pt <= 0:
        raise ValueError(f"step must be positive, got {step_pt}")
    floor = min(min_size_pt, size_pt)
    sizes: list[float] = []
    k = 0
    while True:
        s = round(size_pt - k * step_pt, 2)
        if s <= floor + _EPS:
            break
        sizes.append(s)
        k += 1
    sizes.append(round(floor, 2))
    return sizes


def _with_ellipsis(prefix: str) -> str:
    return prefix.rstrip(_TRIM_BEFORE_ELLIPSIS) + ELLIPSIS


def _cut_to_fit(kept: list[str], para: str, fits: callable) -> str | None:  # type: ignore[valid-type]
    """The longest prefix of `para` that, ended with '…' after `kept`, still fits (or None)."""
    text = _normalize(para)
    lo, hi = 0, len(text)  # invariant: prefix lengths <= lo fit (checked below), > hi do not
    if not fits(kept + [_with_ellipsis(text[:1])]) if text else True:
        return None
    lo = 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(kept + [_with_ellipsis(text[:mid])]):
            lo = mid
        else:
            hi = mid - 1
    cut = _with_ellipsis(text[:lo])
    return cut if cut != ELLIPSIS or text[:1] in _TRIM_BEFORE_ELLIPSIS else cut


def fit_text(paragraphs: Sequence[str], metrics: FontMetrics, width_pt: float, height_pt: float,
             size_pt: float, min_size_pt: float, line_spacing: float = 1.2,
             paragraph_space_pt: float = 0.0, step_pt: float = 1.0,
             safety: float = 0.95) -> FitResult:
    """Shrink the text step by step, then cut it with '…', so it fits the box's inner area.

    `line_spacing` is the line pitch as a multiple of the size; the renderer must write that
    same pitch as exact spacing (size x line_spacing points), see docs/dev/text-fitting.md.
    """
    paras = [_normalize(p) for p in paragraphs]
    limit = width_pt * safety
    sizes = _sizes(size_pt, min_size_pt, step_pt)
    for size in sizes:
        lines, ok = _layout(paras, metrics, size, limit, height_pt, line_spacing,
                            paragraph_space_pt)
        if ok:
            return FitResult(size, paras, lines, False, size < size_pt - _EPS)
    size = sizes[-1]

    def fits(candidate: list[str]) -> bool:
        return _layout(candidate, metrics, size, limit, height_pt, line_spacing,
                       paragraph_space_pt)[1]

    kept: list[str] = []
    for para in paras:
        if fits(kept + [para]):
            kept.append(para)
        else:
            break
    result: list[str] | None = None
    # cut the first paragraph that does not fit; if not even one character of it fits, end
    # the paragraph before it with the ellipsis instead, and so on backwards
    first_bad = len(kept)
    for i in range(first_bad, -1, -1):
        if i >= len(paras):
            continue
        cut = _cut_to_fit(paras[:i], paras[i], fits)
        if cut is not None and cut != ELLIPSIS:
            result = paras[:i] + [cut]
            break
    if result is None:
        result = [ELLIPSIS]
    lines, _ = _layout(result, metrics, size, limit, height_pt, line_spacing, paragraph_space_pt)
    return FitResult(size, result, lines, True, size < size_pt - _EPS)


def fits_single_line(text: str, metrics: FontMetrics, size_pt: float, width_pt: float,
                     min_size_pt: float, step_pt: float = 1.0, safety: float = 0.95) -> FitResult:
    """Shrink a title/label until it fits on one line, then cut it with '…' at the minimum."""
    one = " ".join(part.strip() for part in _normalize(text).split("\n") if part.strip())
    limit = width_pt * safety
    sizes = _sizes(size_pt, min_size_pt, step_pt)
    for size in sizes:
        if metrics.width(_visible(one), size) <= limit + _EPS:
            return FitResult(size, [one], 1, False, size < size_pt - _EPS)
    size = sizes[-1]
    limit_em = limit / size
    lo, hi = 0, len(one)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if metrics.em_width(_with_ellipsis(one[:mid])) <= limit_em + _EPS:
            lo = mid
        else:
            hi = mid - 1
    cut = _with_ellipsis(one[:lo]) if lo else ELLIPSIS
    return FitResult(size, [cut], 1, True, size < size_pt - _EPS)
