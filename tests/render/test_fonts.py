"""Finding a CJK font on the machine and reading the widths text fitting depends on."""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewdeck.render import fonts
from reviewdeck.render.fonts import (
    CJK_FONT_CANDIDATES,
    FontMetrics,
    FontRef,
    fallback_metrics,
    find_font_file,
)
from reviewdeck.render.textfit import fit_text, wrap


def _installed_candidates() -> list[str]:
    """Candidate families fontconfig lists on this machine ([] without fontconfig)."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    out = subprocess.run([exe, ":lang=zh", "family"], capture_output=True, text=True,
                         timeout=30, check=False).stdout
    names = {name.strip().lower() for line in out.splitlines() for name in line.split(",")}
    return [fam for fam in CJK_FONT_CANDIDATES if fam.lower() in names]


@pytest.fixture(scope="module")
def cjk_ref() -> FontRef:
    installed = _installed_candidates()
    ref = find_font_file()
    if ref is None:
        if installed:
            pytest.fail(f"fc-list shows {installed} but find_font_file() found nothing")
        pytest.skip("no CJK font installed (fc-list :lang=zh lists none of "
                    "CJK_FONT_CANDIDATES); install fonts-noto-cjk to run this test")
    return ref


@pytest.fixture
def no_fontconfig(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make find_font_file scan font directories as on a machine without fc-list."""
    fonts._find_cached.cache_clear()
    monkeypatch.setattr(fonts, "_fc_faces", lambda: None)
    yield
    fonts._find_cached.cache_clear()


def test_finds_an_installed_cjk_face_that_loads(cjk_ref: FontRef) -> None:
    assert cjk_ref.family in CJK_FONT_CANDIDATES
    assert cjk_ref.path.is_file()
    installed = _installed_candidates()
    if installed:
        assert cjk_ref.family == installed[0], "the first family in preference order wins"
    metrics = FontMetrics.load(cjk_ref)
    assert metrics.advance("中") == pytest.approx(1.0, abs=0.02)
    assert metrics.width("销售额", 20) == pytest.approx(60, rel=0.01)


def test_noto_collection_face_is_simplified_chinese(cjk_ref: FontRef) -> None:
    if cjk_ref.path.suffix.lower() not in (".ttc", ".otc"):
        pytest.skip(f"{cjk_ref.path.name} is not a font collection")
    from fontTools.ttLib import TTFont

    face = TTFont(str(cjk_ref.path), fontNumber=cjk_ref.index, lazy=True)
    try:
        names = {rec.toUnicode() for rec in face["name"].names if rec.nameID in (1, 16)}
    finally:
        face.close()
    assert cjk_ref.family in names


def test_tables_are_read_as_fonttools_reads_them(cjk_ref: FontRef) -> None:
    """Metrics come from the table directory read here; fontTools reads the same face."""
    from fontTools.ttLib import TTFont

    face = TTFont(str(cjk_ref.path), fontNumber=cjk_ref.index, lazy=True)
    try:
        upm = face["head"].unitsPerEm
        hhea = face["hhea"]
        expected = (hhea.ascent / upm, -hhea.descent / upm, hhea.lineGap / upm)
        raw = {tag: face.getTableData(tag) for tag in ("cmap", "hmtx")}
    finally:
        face.close()
    tables = fonts._sfnt_tables(cjk_ref.path, cjk_ref.index, (b"cmap", b"hmtx"))
    assert tables == {b"cmap": raw["cmap"], b"hmtx": raw["hmtx"]}
    metrics = FontMetrics._read(cjk_ref)
    assert (metrics.ascender, metrics.descender, metrics.line_gap) == expected


def test_a_file_that_is_no_font_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"not a font at all")
    with pytest.raises(ValueError):
        fonts._sfnt_tables(bogus, 0, (b"head",))


def test_directory_scan_finds_the_same_face_as_fontconfig(cjk_ref: FontRef,
                                                          no_fontconfig: None) -> None:
    scanned = find_font_file([cjk_ref.family])
    assert scanned is not None, f"{cjk_ref.family} not found by scanning font directories"
    assert (scanned.path.resolve(), scanned.index) == (cjk_ref.path.resolve(), cjk_ref.index)


def test_bold_face_is_found_and_sets_latin_wider(cjk_ref: FontRef) -> None:
    bold = find_font_file([cjk_ref.family], bold=True)
    assert bold is not None
    regular, heavy = FontMetrics.load(cjk_ref), FontMetrics.load(bold)
    if bold == cjk_ref:
        pytest.skip(f"{cjk_ref.family} has no separate bold face here")
    text = "Revenue grew 15% in Q4"
    assert heavy.width(text, 14) > regular.width(text, 14)


def test_unknown_family_is_not_found() -> None:
    assert find_font_file(["No Such Font Family 12345"]) is None
    assert find_font_file([]) is None


def test_unknown_family_is_not_found_by_scanning(no_fontconfig: None) -> None:
    assert find_font_file(["No Such Font Family 12345"]) is None


def test_a_font_is_loaded_once_and_measures_alike_every_time(cjk_ref: FontRef) -> None:
    """(How fast loading and measuring are is a benchmark's business, not a test's.)"""
    FontMetrics._loaded.pop((str(cjk_ref.path), cjk_ref.index), None)
    metrics = FontMetrics.load(cjk_ref)
    assert FontMetrics.load(cjk_ref) is metrics
    text = "2025年11月完成销售额128万元，较上月增长15%"
    widths = {metrics.width(text, 14) for _ in range(3)}
    assert len(widths) == 1 and widths.pop() > 0


def test_latin_is_narrower_than_chinese_and_digits_are_even(cjk_ref: FontRef) -> None:
    metrics = FontMetrics.load(cjk_ref)
    assert metrics.width("Sales", 20) < metrics.width("销售额增长", 20)
    assert metrics.advance("1") == metrics.advance("8")  # tabular figures
    assert metrics.advance(" ") < metrics.advance("a") < metrics.advance("中")


def test_characters_missing_from_the_font_are_estimated(cjk_ref: FontRef) -> None:
    metrics = FontMetrics.load(cjk_ref)
    assert metrics.advance("\U0002b740") == 1.0  # a CJK Extension C ideograph Noto lacks
    assert metrics.advance("ก") == 0.6  # Thai
    assert metrics.advance("\u200b") == 0.0  # zero-width space


def test_unknown_glyph_fallback_rule() -> None:
    blank = FontMetrics("no glyphs", lambda ch: None, 1.0, 0.2, 0.0)
    assert blank.advance("中") == 1.0
    assert blank.advance("，") == 1.0  # full-width punctuation
    assert blank.advance("Ａ") == 1.0  # full-width Latin
    assert blank.advance("a") == 0.6
    assert blank.advance("\u0301") == 0.0  # combining accent


def test_format_4_cmap_gives_the_same_glyphs(cjk_ref: FontRef) -> None:
    """Fonts such as SimHei carry only a format 4 cmap; its lookups must match format 12."""
    from fontTools.ttLib import TTFont

    face = TTFont(str(cjk_ref.path), fontNumber=cjk_ref.index, lazy=True)
    try:
        raw = face.getTableData("cmap")
    finally:
        face.close()
    count = struct.unpack_from(">H", raw, 2)[0]
    records = [struct.unpack_from(">HHI", raw, 4 + 8 * i) for i in range(count)]
    fmt4 = [off for pid, eid, off in records
            if (pid, eid) == (3, 1) and struct.unpack_from(">H", raw, off)[0] == 4]
    if not fmt4:
        pytest.skip("the font has no (3, 1) format 4 cmap")
    only4 = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + raw[fmt4[0]:]
    full, bmp = fonts._Cmap(raw), fonts._Cmap(only4)
    sample = "中文销售额，。（）《》“”…—%ABCxyz0123456789 ¥￥①℃가あア"
    assert [bmp.glyph(ord(c)) for c in sample] == [full.glyph(ord(c)) for c in sample]
    assert all(full.glyph(ord(c)) for c in "中文ABC123，")
    assert bmp.glyph(0x1F600) == 0  # beyond the BMP a format 4 table has nothing


def test_fallback_metrics_follow_the_documented_estimate() -> None:
    metrics = fallback_metrics()
    assert metrics.advance("中") == 1.0
    assert metrics.advance("，") == 1.0
    assert metrics.advance("a") == metrics.advance("7") == 0.58
    assert metrics.advance(" ") == 0.28
    assert metrics.advance("%") == 0.6
    assert metrics.line_height(10) == pytest.approx(12)


def test_fitting_works_without_any_font_file() -> None:
    metrics = fallback_metrics()
    text = "2025年11月完成销售额128万元，较上月增长15%。" * 8
    fit = fit_text([text], metrics, 200, 60, 16, 10)
    assert fit.size_pt >= 10
    lines = wrap(fit.paragraphs[0], metrics, fit.size_pt, 200 * 0.95)
    assert len(lines) * fit.size_pt * 1.2 <= 60


def test_line_height_is_the_single_spaced_pitch(cjk_ref: FontRef) -> None:
    metrics = FontMetrics.load(cjk_ref)
    assert metrics.line_height(20) == pytest.approx(24)
    # the font's own (taller) vertical metrics stay available
    assert metrics.ascender + metrics.descender > 1.0


def test_font_ref_is_a_path_and_face_index(cjk_ref: FontRef) -> None:
    assert isinstance(cjk_ref.path, Path)
    assert cjk_ref.index >= 0
