"""The deterministic writer takes a deck's parts straight from python-pptx: the entries must be
exactly those prs.save() writes, and the deck the same as pinning a saved one."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from reviewdeck.write import _pin_zip, deterministic_bytes, package_entries
from tests.images import png_bytes

STAMP = dt.datetime(2025, 11, 30)


def _deck() -> Presentation:
    """Text, a native chart with its workbook, a picture and speaker notes on two slides."""
    prs = Presentation()
    layout = prs.slide_layouts[6]
    first = prs.slides.add_slide(layout)
    first.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1)).text_frame.text = "销售额"
    data = CategoryChartData()
    data.categories = ["一月", "二月", "三月"]
    data.add_series("实际", [1.5, 2.25, None])
    first.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6),
                           Inches(4), data)
    first.notes_slide.notes_text_frame.text = "数据来源：orders"
    second = prs.slides.add_slide(layout)
    second.shapes.add_picture(io.BytesIO(png_bytes(4, 3)), Inches(1), Inches(1))
    second.notes_slide.notes_text_frame.text = "second"
    return prs


def test_package_entries_are_what_save_writes() -> None:
    prs = _deck()
    saved = io.BytesIO()
    prs.save(saved)
    with zipfile.ZipFile(saved) as z:
        expected = [(name, z.read(name)) for name in z.namelist()]
    assert package_entries(prs) == expected


def test_deterministic_bytes_equal_pinning_the_saved_deck() -> None:
    prs = _deck()
    data = deterministic_bytes(prs, STAMP, "Title", "Author")
    saved = io.BytesIO()
    prs.save(saved)
    assert data == _pin_zip(saved.getvalue(), STAMP, fix=True)
    assert data == deterministic_bytes(prs, STAMP, "Title", "Author")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2025-11-30T00:00:00Z" in z.read("docProps/core.xml")
