"""Predict how PowerPoint/LibreOffice wrap text, then shrink or cut it so it never overflows.

The model was tuned against LibreOffice and errs on the safe side: it allows a line break in
fewer places than the renderers do, pushes a character down instead of letting punctuation
hang (kinsoku), ignores kerning, adds the gap LibreOffice puts between Chinese and Latin text,
and leaves a little room at the end of each line, so it predicts at least as many lines as
LibreOffice draws.  Measurements and the settings the renderer must write are in
docs/dev/text-fitting.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
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

_SPACES = " \t\u3000"
_WEAK, _ASIAN, _WESTERN = 0, 1, 2
# LibreOffice widens the boundary between CJK and Latin/digit runs by about a quarter em
# ("autospace", on for every paragraph it imports from PPTX; measured 0.23-0.256 em).
ASIAN_WESTERN_GAP_EM = 0.25

# A line must leave a little room: LibreOffice sets glyphs up to ~0.4 % wider than their
# advances (unit rounding), so five 20 pt ideographs do not fit a 100 pt line.
_REL_TOLERANCE = 0.005
_ABS_TOLERANCE_EM = 0.01
_HYPHENS = frozenset("-\u2010")
_DASHES = frozenset("\u2013\u2014")
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


@lru_cache(maxsize=8192)
def _script(ch: str) -> int:
    """Asian (wide), Western (Latin-1 and other scripts below U+2000) or weak.

    Weak characters (spaces, general punctuation such as curly quotes, "…", "—", and symbols
    from U+2000 on such as "≥", "℃", "→") take the script of the text before them, as in
    LibreOffice, where they were measured.
    """
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _ASIAN
    if ch in _SPACES or ch == "\u00a0":
        return _WEAK
    if ord(ch) >= 0x2000 and unicodedata.category(ch)[0] in "PSNZC":
        return _WEAK
    return _WESTERN


def _resolved_scripts(line: str) -> list[int]:
    """Every character's script, weak ones resolved to the strong script before them.

    Weak characters at the start count as Western: LibreOffice puts the gap between a
    paragraph's opening "”" and the ideograph after it.
    """
    scripts = [_script(ch) for ch in line]
    current = _WESTERN
    for i, s in enumerate(scripts):
        if s == _WEAK:
            scripts[i] = current
        else:
            current = s
    return scripts


def _advances(line: str, metrics: FontMetrics) -> tuple[list[float], list[float]]:
    """Each character's advance in em, and the Asian/Western gap after it (0 where none).

    Punctuation and symbols of ambiguous width set inside Chinese text count at least one em:
    LibreOffice draws "——" two em wide although Noto's em dash advances 0.894 em.
    """
    adv = [metrics.advance(ch) for ch in line]
    scripts = _resolved_scripts(line)
    for i, ch in enumerate(line):
        if scripts[i] == _ASIAN and adv[i] < 1.0 and _is_ambiguous_symbol(ch):
            adv[i] = 1.0
    gaps = [0.0] * len(line)
    for i in range(len(line) - 1):
        if scripts[i] != scripts[i + 1]:
            gaps[i] = ASIAN_WESTERN_GAP_EM
    return adv, gaps


@lru_cache(maxsize=8192)
def _is_ambiguous_symbol(ch: str) -> bool:
    return (unicodedata.east_asian_width(ch) == "A"
            and unicodedata.category(ch)[0] in "PSN")


@lru_cache(maxsize=4096)
def line_width_em(text: str, metrics: FontMetrics) -> float:
    """The width of one line of text in em, as LibreOffice sets it (with Asian/Western gaps).

    Memoized: a title is measured at every size tried, and the checker measures again the
    lines the renderer fitted.
    """
    visible = _visible(text)
    if not visible:
        return 0.0
    adv, gaps = _advances(visible, metrics)
    return sum(adv) + sum(gaps[:-1])


def _break_points(line: str) -> tuple[list[int], list[int]]:
    """Where a line may break: (normal breaks, last-resort breaks), as indices before which.

    Normal: after spaces, after a hyphen between letters or after a dash, and next to wide
    (CJK) characters; never elsewhere inside a run of Latin letters/digits, never before
    NO_LINE_START and never after NO_LINE_END characters.  Spaces stay at the end of the
    piece before them, where renderers let them hang.
    Last resort, used only inside a piece wider than the line: between full-width
    punctuation and Latin text.  LibreOffice keeps "，SKU" and "、Beijing" together when the
    Latin word would fit on the next line, but breaks there rather than inside a word.
    """
    normal: list[int] = []
    last_resort: list[int] = []
    for i in range(1, len(line)):
        prev, cur = line[i - 1], line[i]
        if cur in _SPACES or cur in NO_LINE_START or prev in NO_LINE_END:
            continue
        if prev in _SPACES:
            normal.append(i)
        elif prev in _HYPHENS:
            if i >= 2 and line[i - 2].isalpha() and cur.isalpha():
                normal.append(i)
        elif prev in _DASHES:
            if i >= 2 and line[i - 2] not in _SPACES and cur not in _DASHES:
                normal.append(i)
        elif _breaks_anywhere(prev):
            if _breaks_anywhere(cur) or prev not in NO_LINE_START:
                normal.append(i)
            else:
                last_resort.append(i)
        elif _breaks_anywhere(cur):
            if cur not in NO_LINE_END:
                normal.append(i)
            else:
                last_resort.append(i)
    return normal, last_resort


def _visible(text: str) -> str:
    """Text without the trailing spaces that hang past the right edge."""
    return text.rstrip(_SPACES)


def _visible_end(line: str, start: int, end: int) -> int:
    """The end index of line[start:end] without its trailing spaces."""
    while end > start and line[end - 1] in _SPACES:
        end -= 1
    return end


_Piece = tuple[int, int, int]  # start, end, end without trailing spaces


@dataclass(frozen=True)
class _Prepared:
    """What wrapping needs of one newline-free line, independent of the font size."""

    text: str
    adv: list[float]
    gaps: list[float]
    prefix: list[float]  # prefix[i]: width of text[:i] with gaps
    pieces: list[tuple[_Piece, list[_Piece]]]  # unbreakable pieces with last-resort parts

    def width(self, a: int, b: int) -> float:
        """Width of text[a:b] set on one line (the gap after the last character hangs)."""
        return self.prefix[b] - self.prefix[a] - self.gaps[b - 1] if b > a else 0.0


def _cut(text: str, starts: list[int], end: int) -> list[_Piece]:
    ends = [*starts[1:], end]
    return [(s, e, _visible_end(text, s, e)) for s, e in zip(starts, ends)]


@lru_cache(maxsize=4096)
def _prepare(text: str, metrics: FontMetrics) -> _Prepared:
    """Measure a line once; fitting then wraps it at many sizes without measuring again."""
    adv, gaps = _advances(text, metrics)
    prefix = [0.0]
    total = 0.0
    for a, g in zip(adv, gaps):
        total += a + g
        prefix.append(total)
    normal, last_resort = _break_points(text)
    pieces = []
    for piece in _cut(text, [0, *normal], len(text)):
        s, e, _ = piece
        inner = [i for i in last_resort if s < i < e]
        pieces.append((piece, _cut(text, [s, *inner], e) if inner else [piece]))
    return _Prepared(text, adv, gaps, prefix, pieces)


def _split_long(prep: _Prepared, start: int, end: int, room: float) -> list[int]:
    """Where to cut a piece wider than a line, by characters (as renderers do with long words).

    Returns the start indices of the second and later pieces.
    """
    text, adv, gaps = prep.text, prep.adv, prep.gaps
    cuts: list[int] = []
    width = 0.0  # of text[piece_start:i], gaps included
    piece_start = start
    for i in range(start, end):
        if i > piece_start and text[i] not in _SPACES and width + adv[i] > room:
            # kinsoku: pull characters down so the new line does not start with a closing
            # mark and the old one does not end with an opening mark
            cut = i
            while cut - 1 > piece_start and (text[cut] in NO_LINE_START
                                             or text[cut - 1] in NO_LINE_END):
                cut -= 1
            cuts.append(cut)
            piece_start = cut
            width = prep.prefix[i] - prep.prefix[cut]
        width += adv[i] + gaps[i]
    return cuts


def _room(limit_em: float) -> float:
    """The widest line (in em, as measured) that LibreOffice reliably fits in limit_em."""
    return (limit_em - _ABS_TOLERANCE_EM) / (1.0 + _REL_TOLERANCE)


def _wrap_ranges(prep: _Prepared, limit_em: float) -> list[tuple[int, int]]:
    """Greedy first-fit wrapping: each line as (start, end) in prep.text, trailing spaces cut.

    A piece wider than a line starts a new line and is broken at its last-resort points,
    and a part still too wide is broken by characters.
    """
    text = prep.text
    if not text:
        return [(0, 0)]
    room = _room(limit_em)
    width = prep.width
    lines: list[tuple[int, int]] = []

    def fill(units: list[_Piece], cur: int, parts: list[list[_Piece]] | None) -> int:
        for k, (s, e, vis) in enumerate(units):
            if cur >= 0 and width(cur, vis) <= room:
                continue  # the unit joins the current line
            if 0 <= cur < s:
                lines.append((cur, _visible_end(text, cur, s)))
            cur = s
            if width(s, vis) > room:
                if parts is not None and len(parts[k]) > 1:
                    cur = fill(parts[k], cur, None)
                else:
                    for cut in _split_long(prep, s, e, room):
                        lines.append((cur, _visible_end(text, cur, cut)))
                        cur = cut
        return cur

    cur = fill([p for p, _ in prep.pieces], -1, [parts for _, parts in prep.pieces])
    lines.append((cur, _visible_end(text, cur, len(text))))
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
        prep = _prepare(part, metrics)
        lines.extend(part[a:b] for a, b in _wrap_ranges(prep, limit_em))
    return lines


def _layout(paragraphs: Sequence[str], metrics: FontMetrics, size_pt: float, limit_pt: float,
            height_pt: float, line_spacing: float, paragraph_space_pt: float) -> tuple[int, bool]:
    """Total predicted lines of the (normalized) paragraphs, and whether they fit the box."""
    if size_pt <= 0:
        raise ValueError(f"font size must be positive, got {size_pt}")
    total = 0
    too_wide = False
    limit_em = max(limit_pt, 0.0) / size_pt
    for para in paragraphs:
        for part in para.split("\n"):
            prep = _prepare(part, metrics)
            ranges = _wrap_ranges(prep, limit_em)
            total += len(ranges)
            if not too_wide:  # only a line of one character can be wider than the box
                too_wide = any(prep.width(a, b) > limit_em + _EPS for a, b in ranges)
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


def _cut_to_fit(kept: list[str], para: str, fits: Callable[[list[str]], bool]) -> str | None:
    """The longest prefix of `para` that, ended with '…' after `kept`, still fits (or None)."""
    if not para or not fits(kept + [_with_ellipsis(para[:1])]):
        return None
    lo, hi = 1, len(para)  # a prefix of length lo fits; none longer than hi is known to
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(kept + [_with_ellipsis(para[:mid])]):
            lo = mid
        else:
            hi = mid - 1
    return _with_ellipsis(para[:lo])


def fit_text(paragraphs: Sequence[str], metrics: FontMetrics, width_pt: float, height_pt: float,
             size_pt: float, min_size_pt: float, line_spacing: float = 1.2,
             paragraph_space_pt: float = 0.0, step_pt: float = 1.0,
             safety: float = 0.95) -> FitResult:
    """Shrink the text step by step, then cut it with '…', so it fits the box's inner area.

    Line pitch is size x line_spacing, which the renderer writes as exact spacing.
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
        if line_width_em(one, metrics) <= _room(limit / size):
            return FitResult(size, [one], 1, False, size < size_pt - _EPS)
    size = sizes[-1]
    limit_em = limit / size
    lo, hi = 0, len(one)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_width_em(_with_ellipsis(one[:mid]), metrics) <= _room(limit_em):
            lo = mid
        else:
            hi = mid - 1
    cut = _with_ellipsis(one[:lo]) if lo else ELLIPSIS
    return FitResult(size, [cut], 1, True, size < size_pt - _EPS)
