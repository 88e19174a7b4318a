"""The written monthly deck, reopened: slides, titles, figures, fonts, notes, bytes, atomicity."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from reviewdeck.deck import build
from reviewdeck.errors import ReviewDeckError
from reviewdeck.render.primitives import has_cjk

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "configs" / "monthly_review.yaml"


@pytest.fixture()
def deck(monthly_deck: Path) -> Path:
    return monthly_deck


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(c.text for row in shape.table.rows for c in row.cells)
    return "\n".join(parts)


def test_the_deck_has_every_planned_slide(deck: Path) -> None:
    prs = Presentation(str(deck))
    assert len(prs.slides) == 27
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000  # 16:9
    texts = [slide_text(s) for s in prs.slides]
    assert "2025年11月个人销售业绩复盘" in texts[0]
    assert "汇报人：张伟" in texts[0]
    assert "CONTENTS" in texts[1] and "01" in texts[1] and "05" in texts[2]
    assert "第一章" in texts[3]
    assert "第1页" in texts[4] and "业绩概览" in texts[4]
    assert "感谢聆听" in texts[-1]


def test_figures_are_on_the_slides(deck: Path) -> None:
    prs = Presentation(str(deck))
    text = "\n".join(slide_text(s) for s in prs.slides)
    for figure in ("128万元", "增长15%", "华东最高（68万元，占比53%）", "转化率23%", "920元",
                   "偏差−22万元", "−15户"):
        assert figure in text, figure


def test_every_cjk_run_names_an_east_asian_font(deck: Path) -> None:
    prs = Presentation(str(deck))
    checked = 0
    for slide in prs.slides:
        for r in slide._element.iter(qn("a:r")):
            text = r.findtext(qn("a:t")) or ""
            if has_cjk(text):
                ea = r.find(qn("a:rPr") + "/" + qn("a:ea"))
                assert ea is not None and ea.get("typeface"), text
                checked += 1
    assert checked > 100
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert b'<a:ea typeface="Microsoft YaHei"/>' in theme


def test_content_slides_carry_speaker_notes_with_sources(deck: Path) -> None:
    prs = Presentation(str(deck))
    notes = prs.slides[4].notes_slide.notes_text_frame.text
    assert "销售额 = 128万元" in notes and "orders.csv" in notes


def test_charts_are_native_and_described(deck: Path) -> None:
    prs = Presentation(str(deck))
    charts = [sh for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert len(charts) == 3
    funnel = charts[0]
    values = list(funnel.chart.plots[0].series[1].values)
    assert values == [1200 / 1, 540, 360, 276]
    descr = funnel._element.nvGraphicFramePr.cNvPr.get("descr")
    assert "1,200" in descr and "276" in descr


def test_the_same_inputs_give_the_same_bytes(deck: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pptx"
    build(CONFIG, output=str(again))
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(
        deck.read_bytes()).hexdigest()


def test_a_failed_build_leaves_the_previous_deck_alone(deck: Path, tmp_path: Path) -> None:
    target = tmp_path / "keep.pptx"
    shutil.copy(deck, target)
    before = target.read_bytes()
    with pytest.raises(ReviewDeckError):
        build(CONFIG, output=str(target), period="2031-01", strict=True)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pptx"]


@pytest.mark.soffice
def test_libreoffice_renders_one_page_per_slide(monthly_pdf: Path) -> None:
    import pymupdf

    with pymupdf.open(monthly_pdf) as doc:
        assert doc.page_count == 27
        page = doc[4].get_text().replace(" ", "")  # LibreOffice spaces CJK from digits
    assert "128万元" in page and "业绩概览" in page
