"""Find a CJK-capable font on this machine and read the metrics text fitting measures with.

Only the small tables are read (head, hhea, cmap, hmtx; name and OS/2 when scanning files),
and cmap/hmtx are looked up straight from their bytes: decoding them through fontTools would
build glyph names from the CFF table of Noto Sans CJK, which costs 0.3-0.9 s for its 65,535
glyphs, where reading them raw takes a few milliseconds. The four tables are found through the
file's table directory here too, so a build never imports fontTools (about 15 ms); it reads
name tables only when scanning font folders on a machine without fontconfig.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

CJK_FONT_CANDIDATES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Droid Sans Fallback",
)

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

# File-name fragments (lower case, no spaces) under which each family usually ships, for
# machines without fontconfig; the face is then confirmed by its name table.
_FILE_HINTS: dict[str, tuple[str, ...]] = {
    "noto sans cjk sc": ("notosanscjk", "notosanssc"),
    "source han sans sc": ("sourcehansans",),
    "source han sans cn": ("sourcehansans",),
    "wenquanyi micro hei": ("wqy-microhei", "wqymicrohei"),
    "wenquanyi zen hei": ("wqy-zenhei", "wqyzenhei"),
    "microsoft yahei": ("msyh", "microsoftyahei"),
    "pingfang sc": ("pingfang",),
    "simhei": ("simhei",),
    "droid sans fallback": ("droidsansfallback",),
}

# Line pitch of single-spaced text as a multiple of the font size (LibreOffice, PowerPoint).
SINGLE_LINE_PITCH = 1.2

_FC_TIMEOUT_S = 10.0
_FONT_ERRORS = (OSError, ValueError, KeyError, IndexError, struct.error)
_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_REGULAR_WEIGHT_FC, _BOLD_WEIGHT_FC = 80, 200  # fontconfig's weight scale
_REGULAR_WEIGHT_OS2, _BOLD_WEIGHT_OS2 = 400, 700  # OS/2 usWeightClass scale


@dataclass(frozen=True)
class FontRef:
    """One face of a font file (a .ttc holds several), named by the family it was found for."""

    path: Path
    index: int
    family: str


# --------------------------------------------------------------------------- finding a font


def _is_wide(ch: str) -> bool:
    """Whether a character is full-width in East Asian typesetting (CJK ideographs, kana, ...)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _norm(name: str) -> str:
    """A family name folded for comparison: lower case, single spaces."""
    return " ".join(name.lower().split())


@dataclass(frozen=True)
class _Face:
    """One face fontconfig knows about."""

    path: Path
    index: int
    families: tuple[str, ...]
    weight: float
    slanted: bool


@lru_cache(maxsize=1)
def _fc_faces() -> tuple[_Face, ...] | None:
    """Every face fontconfig lists (one subprocess per run), or None without a usable fc-list."""
    exe = shutil.which("fc-list")
    if exe is None:
        return None
    fmt = "%{file}\\t%{index}\\t%{family}\\t%{weight}\\t%{slant}\\n"
    try:
        proc = subprocess.run([exe, "-f", fmt], capture_output=True, timeout=_FC_TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    faces: list[_Face] = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or not parts[0]:
            continue
        path, index, families, weight, slant = parts
        try:
            idx = int(index) & 0xFFFF  # variable-font named instances keep the face in the low bits
        except ValueError:
            idx = 0
        try:
            wt = float(weight)
        except ValueError:  # a variable font lists a weight range such as "[40 210]"
            wt = float(_REGULAR_WEIGHT_FC + 50)
        faces.append(_Face(Path(path), idx, tuple(_norm(f) for f in families.split(",") if f),
                           wt, slant.strip() not in ("", "0")))
    return tuple(faces)


def _pick_fc(family: str, bold: bool, faces: Sequence[_Face]) -> FontRef | None:
    """The upright face of `family` whose weight is closest to regular (or bold)."""
    want = _norm(family)
    target = _BOLD_WEIGHT_FC if bold else _REGULAR_WEIGHT_FC
    matches = [f for f in faces if want in f.families and f.path.suffix.lower() in FONT_SUFFIXES
               and _face_count(f.path) > f.index]
    if not matches:
        return None
    best = min(matches, key=lambda f: (f.slanted, abs(f.weight - target), str(f.path), f.index))
    return FontRef(best.path, best.index, family)


def _font_dirs() -> list[Path]:
    """Where fonts usually live on Linux, macOS and Windows."""
    home = Path.home()
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local/share/fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
            home / "Library/Fonts", Path("C:/Windows/Fonts")]
    windir = os.environ.get("WINDIR")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft/Windows/Fonts")
    return dirs


def _walk_font_files(dirs: Sequence[Path]) -> Iterator[Path]:
    """Font files below the given directories, in a stable order."""
    for root in dirs:
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.lower().endswith(FONT_SUFFIXES):
                    yield Path(dirpath) / name


def _face_count(path: Path) -> int:
    """How many faces a font file holds (a TrueType/OpenType collection has several)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
    except OSError:
        return 0
    if head[:4] == b"ttcf" and len(head) == 12:
        return int(struct.unpack(">I", head[8:12])[0])
    return 1


def _face_names(path: Path, index: int) -> tuple[set[str], int] | None:
    """A face's family names (every language, typographic and legacy) and its weight class."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(str(path), fontNumber=index, lazy=True)
    except (*_FONT_ERRORS, TTLibError):  # a damaged or unsupported file is not a candidate
        return None
    try:
        names = {_norm(rec.toUnicode()) for rec in font["name"].names if rec.nameID in (1, 16)}
        weight = int(font["OS/2"].usWeightClass) if "OS/2" in font else _REGULAR_WEIGHT_OS2
    except (*_FONT_ERRORS, TTLibError):
        return None
    finally:
        font.close()
    return names, weight


@lru_cache(maxsize=1)
def _scanned_files() -> tuple[Path, ...]:
    """All font files in the usual directories (walked once per run)."""
    return tuple(_walk_font_files(_font_dirs()))


def _pick_scan(family: str, bold: bool, files: Sequence[Path]) -> FontRef | None:
    """The face of `family` among files named like it, confirmed by the name table."""
    want = _norm(family)
    hints = _FILE_HINTS.get(want, (want.replace(" ", ""),))
    target = _BOLD_WEIGHT_OS2 if bold else _REGULAR_WEIGHT_OS2
    best: tuple[bool, int, str, int] | None = None
    for path in files:
        stem = path.name.lower().replace(" ", "").replace("_", "")
        if not any(h in stem for h in hints):
            continue
        for index in range(_face_count(path)):
            info = _face_names(path, index)
            if info is None:
                continue
            names, weight = info
            exact = want in names  # "Microsoft YaHei" before "Microsoft YaHei UI"
            if not exact and not any(n.startswith(want + " ") for n in names):
                continue
            key = (not exact, abs(weight - target), str(path), index)
            if best is None or key < best:
                best = key
    if best is None:
        return None
    return FontRef(Path(best[2]), best[3], family)


@lru_cache(maxsize=32)
def _find_cached(families: tuple[str, ...], bold: bool) -> FontRef | None:
    faces = _fc_faces()
    for family in families:
        if faces is not None:
            ref = _pick_fc(family, bold, faces)
        else:
            ref = _pick_scan(family, bold, _scanned_files())
        if ref is not None:
            return ref
    return None


def find_font_file(families: Sequence[str] | None = None, bold: bool = False) -> FontRef | None:
    """The face of the first installed family (fontconfig if present, else a directory scan)."""
    chosen = tuple(families) if families is not None else CJK_FONT_CANDIDATES
    return _find_cached(chosen, bool(bold))


# --------------------------------------------------------------------------- reading metrics


def _sfnt_tables(path: Path, index: int, tags: Sequence[bytes]) -> dict[bytes, bytes]:
    """The bytes of some tables of a TrueType/OpenType face (face `index` of a collection).

    Raises KeyError for a table the face lacks and ValueError for a file that is no font.
    """
    with path.open("rb") as fh:
        header = fh.read(12)
        if header[:4] == b"ttcf":  # a collection: the offset of each face's table directory
            (count,) = struct.unpack_from(">I", header, 8)
            if not 0 <= index < count:
                raise ValueError(f"{path}: the collection has no face {index}")
            fh.seek(12 + 4 * index)
            (start,) = struct.unpack(">I", fh.read(4))
            fh.seek(start)
            header = fh.read(12)
        if len(header) < 12 or header[:4] not in _SFNT_VERSIONS:
            raise ValueError(f"{path}: not a TrueType or OpenType font")
        (n_tables,) = struct.unpack_from(">H", header, 4)
        directory = fh.read(16 * n_tables)
        places: dict[bytes, tuple[int, int]] = {}
        for i in range(n_tables):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", directory, 16 * i)
            places[tag] = (offset, length)
        found: dict[bytes, bytes] = {}
        for tag in tags:
            if tag not in places:
                raise KeyError(f"{path}: the font has no '{tag.decode()}' table")
            offset, length = places[tag]
            fh.seek(offset)
            found[tag] = fh.read(length)
    return found


class _Cmap:
    """Character-to-glyph lookups read directly from a cmap subtable of format 12 or 4."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._lookup: Callable[[int], int] = lambda cp: 0
        subtables: dict[tuple[int, int], int] = {}
        if len(data) >= 4:
            (count,) = struct.unpack_from(">H", data, 2)
            for i in range(count):
                pos = 4 + 8 * i
                if pos + 8 > len(data):
                    break
                pid, eid, off = struct.unpack_from(">HHI", data, pos)
                subtables.setdefault((pid, eid), off)
        for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0), (3, 0)):
            off = subtables.get(key)
            if off is None or off + 2 > len(data):
                continue
            (fmt,) = struct.unpack_from(">H", data, off)
            if fmt == 12:
                self._init_12(off)
                return
            if fmt == 4:
                self._init_4(off, symbol=key == (3, 0))
                return

    def _init_12(self, off: int) -> None:
        (n_groups,) = struct.unpack_from(">I", self._data, off + 12)
        raw = array("I", self._data[off + 16: off + 16 + 12 * n_groups])
        if sys.byteorder == "little":
            raw.byteswap()
        starts, ends, gids = raw[0::3], raw[1::3], raw[2::3]

        def lookup(cp: int) -> int:
            i = bisect_right(starts, cp) - 1
            if i < 0 or cp > ends[i]:
                return 0
            return int(gids[i] + (cp - starts[i]))

        self._lookup = lookup

    def _init_4(self, off: int, symbol: bool) -> None:
        data = self._data
        (seg_x2,) = struct.unpack_from(">H", data, off + 6)
        n = seg_x2 // 2

        def words(pos: int, signed: bool = False) -> array[int]:
            arr = array("h" if signed else "H", data[pos: pos + 2 * n])
            if sys.byteorder == "little":
                arr.byteswap()
            return arr

        ends = words(off + 14)
        starts = words(off + 16 + 2 * n)
        deltas = words(off + 16 + 4 * n, signed=True)
        ro_pos = off + 16 + 6 * n
        offsets = words(ro_pos)

        def lookup(cp: int) -> int:
            if symbol and cp < 0x100:
                cp += 0xF000  # symbol fonts map their characters into the private use area
            if cp > 0xFFFF:
                return 0
            i = bisect_left(ends, cp)
            if i >= n or starts[i] > cp:
                return 0
            if offsets[i] == 0:
                return (cp + deltas[i]) & 0xFFFF
            pos = ro_pos + 2 * i + offsets[i] + 2 * (cp - starts[i])
            if pos + 2 > len(data):
                return 0
            gid = int(struct.unpack_from(">H", data, pos)[0])
            return (gid + deltas[i]) & 0xFFFF if gid else 0

        self._lookup = lookup

    def glyph(self, cp: int) -> int:
        """The glyph id of a code point (0, the missing glyph, when the font has none)."""
        return self._lookup(cp)


def _estimate(ch: str) -> float:
    """A width in em for a character the font has no glyph for."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0.0
    return 1.0 if _is_wide(ch) else 0.6


class FontMetrics:
    """Advance widths and vertical metrics of one face, in em, with a per-character cache."""

    def __init__(self, family: str, glyph_advance: Callable[[str], float | None],
                 ascender: float, descender: float, line_gap: float) -> None:
        """Metrics from a per-character advance source (None: no glyph) and em-scaled heights."""
        self.family = family
        self.ascender = ascender
        self.descender = descender  # positive: distance below the baseline
        self.line_gap = line_gap
        self._glyph_advance = glyph_advance
        self._cache: dict[str, float] = {}
        self._lock = threading.Lock()

    _loaded: ClassVar[dict[tuple[str, int], FontMetrics]] = {}
    _load_lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def load(cls, ref: FontRef) -> FontMetrics:
        """Read a face's metrics once per (path, index); later calls return the same object."""
        key = (str(ref.path), ref.index)
        with cls._load_lock:
            found = cls._loaded.get(key)
            if found is None:
                found = cls._read(ref)
                cls._loaded[key] = found
        return found

    @classmethod
    def _read(cls, ref: FontRef) -> FontMetrics:
        tables = _sfnt_tables(ref.path, ref.index, (b"head", b"hhea", b"cmap", b"hmtx"))
        (upm_units,) = struct.unpack_from(">H", tables[b"head"], 18)  # head.unitsPerEm
        upm = float(upm_units)
        # hhea: ascent, descent, lineGap (FWORD) at 4, 6, 8; numberOfHMetrics at 34
        ascent, descent, gap = struct.unpack_from(">hhh", tables[b"hhea"], 4)
        (n_metrics,) = struct.unpack_from(">H", tables[b"hhea"], 34)
        ascender = ascent / upm
        descender = -descent / upm
        line_gap = gap / upm
        cmap = _Cmap(tables[b"cmap"])
        hmtx = tables[b"hmtx"]
        n_metrics = min(n_metrics, len(hmtx) // 4)
        if n_metrics == 0:
            raise ValueError(f"{ref.path}: the font has no horizontal metrics")

        def glyph_advance(ch: str) -> float | None:
            gid = cmap.glyph(ord(ch))
            if gid == 0:
                return None
            pos = 4 * min(gid, n_metrics - 1)
            return float(struct.unpack_from(">H", hmtx, pos)[0]) / upm

        return cls(ref.family, glyph_advance, ascender, descender, line_gap)

    def advance(self, ch: str) -> float:
        """The advance width of one character in em (an estimate when the font lacks it)."""
        try:
            return self._cache[ch]
        except KeyError:
            pass
        if ch == "\t":
            value = 4.0  # tab stops are not modelled; four em is a generous stand-in
        else:
            measured = self._glyph_advance(ch)
            value = _estimate(ch) if measured is None else measured
        with self._lock:
            self._cache[ch] = value
        return value

    def em_width(self, text: str) -> float:
        """The advance width of a string in em (the sum of its characters' advances)."""
        cache = self._cache
        total = 0.0
        for ch in text:
            adv = cache.get(ch)
            total += self.advance(ch) if adv is None else adv
        return total

    def width(self, text: str, size_pt: float) -> float:
        """The width of a string set on one line at `size_pt`, in points (no kerning)."""
        return self.em_width(text) * size_pt

    # LibreOffice lays PPTX text out with font-independent line spacing: single spacing was
    # measured at exactly 1.2 x size for Noto Sans CJK SC (and DejaVu Sans), although Noto's
    # hhea/win metrics (ascender 1.16 + descender 0.288 em = 1.448 em) would give far taller
    # lines; PowerPoint's single spacing is also about 1.2 x size.  The font's own values stay
    # available as `ascender`, `descender` and `line_gap` (hhea, in em).
    def line_height(self, size_pt: float) -> float:
        """The pitch of single-spaced lines in points, as PowerPoint and LibreOffice set them."""
        return SINGLE_LINE_PITCH * size_pt


def fallback_metrics() -> FontMetrics:
    """Estimated metrics for a machine without any CJK font, so fitting still works roughly."""

    def estimate(ch: str) -> float | None:
        if ch == " ":
            return 0.28
        if _is_wide(ch):
            return 1.0
        if ch.isascii() and ch.isalnum():
            return 0.58
        return None

    return FontMetrics("fallback estimate", estimate, ascender=1.0, descender=0.2, line_gap=0.0)
