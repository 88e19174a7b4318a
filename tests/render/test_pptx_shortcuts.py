"""Where compose() takes a shorter way than python-pptx's API (speaker notes copied from the
first notes slide, slides added with each layout's placeholders found once), the package is
byte for byte the one python-pptx makes."""

from __future__ import annotations

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from reviewdeck.render.deck import SlideAdder, SpeakerNotes
from reviewdeck.write import package_entries

NOTES = [None, ["数据来源：orders", "第二行"], ["second"], None, ["a\vb", ""], ["last"]]


def _deck(write_notes) -> Presentation:
    prs = Presentation()
    layout = prs.slide_layouts[6]
    for i, lines in enumerate(NOTES):
        slide = prs.slides.add_slide(layout)
        if i % 2:
            data = CategoryChartData()
            data.categories = ["一月", "二月"]
            data.add_series("实际", [1.0, 2.0])
            slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1),
                                   Inches(4), Inches(3), data)
        if lines:
            write_notes(slide, lines)
    return prs


def test_copied_notes_slides_equal_python_pptx_notes_slides() -> None:
    def by_python_pptx(slide, lines):
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)

    expected = package_entries(_deck(by_python_pptx))
    assert package_entries(_deck(SpeakerNotes().write)) == expected
    assert sum(name.startswith("ppt/notesSlides/notesSlide") for name, _ in expected) == 4


def test_slides_added_with_placeholders_found_once_equal_add_slide() -> None:
    def deck(add) -> Presentation:
        prs = Presentation()
        for i in (6, 1, 1, 6, 5, 1):  # blank, title and content, title only
            slide = add(prs, prs.slide_layouts[i])
            slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1)).text = str(i)
        return prs

    adders: dict[int, SlideAdder] = {}

    def shortcut(prs, layout):
        return adders.setdefault(id(prs), SlideAdder(prs)).add(layout)

    expected = package_entries(deck(lambda prs, layout: prs.slides.add_slide(layout)))
    assert package_entries(deck(shortcut)) == expected
