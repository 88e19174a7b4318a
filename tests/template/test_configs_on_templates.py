"""Every shipped config builds on each company template that was not made for reviewdeck and
renders cleanly in LibreOffice: one page per slide, every title shown, no text outside its box,
nothing drawn over the template's bands, valid Open XML."""

from __future__ import annotations

import os

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches

from tests.pdf_overflow import overflowing_text
from tests.template.conftest import CASES, Built

IDS = [f"{c}-{t}" for c, t in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_deck_builds_without_cut_text_or_checker_findings(
        template_decks: dict[tuple[str, str], Built], case: tuple[str, str]) -> None:
    built = template_decks[case]
    assert built.deck.is_file()
    bad = [w for w in built.result.warnings
           if "was cut" in w or w.startswith("check:") or "placeholder" in w]
    assert bad == []


@pytest.mark.soffice
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_libreoffice_shows_one_page_per_slide_with_its_title_and_no_overflow(
        template_pdfs: dict[tuple[str, str], Built], case: tuple[str, str]) -> None:
    import pymupdf

    built = template_pdfs[case]
    assert built.pdf is not None
    with pymupdf.open(built.pdf) as doc:
        assert doc.page_count == built.result.slides
        texts = ["".join(page.get_text().split()) for page in doc]
    for spec in built.result.plan.slides:
        if spec.title:
            assert any("".join(spec.title.split())[:4] in t for t in texts), spec.title
    problems, checked = overflowing_text(built.deck, built.pdf, template=True)
    assert checked > 20
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize("config", sorted({c for c, _ in CASES}))
def test_content_stays_clear_of_the_blue_curve_footer_band(
        template_decks: dict[tuple[str, str], Built], config: str) -> None:
    prs = Presentation(str(template_decks[(config, "blue_curve")].deck))
    band_top = min(Emu(s.top) for s in prs.slides[4].slide_layout.slide_master.shapes
                   if not s.is_placeholder and Emu(s.top) > Inches(5))
    for index, slide in enumerate(prs.slides, start=1):
        if slide.slide_layout.name != "Title Only":
            continue
        for shape in slide.shapes:
            if shape.is_placeholder or shape.name in ("Footer", "Page tag"):
                continue
            assert shape.top + shape.height <= band_top, (index, shape.name)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_deck_is_valid_open_xml(template_decks: dict[tuple[str, str], Built],
                                    case: tuple[str, str]) -> None:
    if os.environ.get("CI"):
        import openxml_audit
    else:
        openxml_audit = pytest.importorskip("openxml_audit")
    result = openxml_audit.validate_pptx(str(template_decks[case].deck))
    assert [str(e) for e in result.errors] == []
