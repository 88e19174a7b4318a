"""Each check family finds its problem in a hand-made deck and stays quiet where there is none."""

from __future__ import annotations

import re

import pytest
from pptx.enum.text import MSO_AUTO_SIZE

from reviewdeck.check import Report, check_deck


def checks(report: Report) -> list[str]:
    """The check names of a report's findings, in order."""
    return [f.check for f in report.sorted()]


LONG_ZH = "本月销售额完成情况良好，华东区贡献最大，线上渠道增长明显，但客单价有所下降，需要关注促销力度。" * 3
LONG_EN = "Sales grew in every region this month, led by the east, while order value fell. " * 4


def test_a_clean_deck_has_no_findings(maker):
    maker.text(1, 1, 6, 1, "销售额 128万元", lang="zh-CN")
    maker.picture(8, 1, 2, (600, 600))
    maker.chart(1, 3)
    report = check_deck(maker.save())
    assert report.ok, report.to_text()
    assert report.slides == 1


# ---------------------------------------------------------------- geometry
def test_a_shape_past_the_right_edge_is_reported(maker):
    maker.text(12.5, 1, 2, 1, "Off the edge", name="Stray box")
    [finding] = check_deck(maker.save()).findings
    assert finding.check == "off-slide"
    assert (finding.slide, finding.shape) == (1, "Stray box")
    assert "1.17 in past the right edge" in finding.message


def test_a_shape_entirely_below_the_slide_is_reported(maker):
    maker.text(1, 8, 2, 1, "Gone", name="Lost")
    assert "entirely outside the slide" in check_deck(maker.save()).findings[0].message


def test_a_shape_touching_the_edge_is_fine(maker):
    maker.text(11.333, 6.5, 2, 1, "Corner")
    assert check_deck(maker.save()).ok


def test_a_rotated_shape_counts_by_its_turned_outline(maker):
    box = maker.text(1, 0.5, 3, 0.6, "Turned", name="Turned")
    box.rotation = 90  # 3 in tall once turned, centred 0.8 in from the top
    [finding] = check_deck(maker.save()).findings
    assert (finding.check, finding.shape) == ("off-slide", "Turned")
    assert "0.70 in past the top edge" in finding.message


def test_shapes_in_a_group_are_placed_through_the_group(maker):
    group = maker.slide.shapes.add_group_shape()
    box = group.shapes.add_textbox(0, 0, 914400, 914400)
    box.name = "Inside"
    box.text_frame.text = "x"
    # move the group so its child lands past the bottom edge: off (1 in, 7 in), ext 1 in
    xfrm = group._element.grpSpPr.get_or_add_xfrm()
    xfrm.off.x, xfrm.off.y = 914400, 914400 * 7
    [finding] = check_deck(maker.save()).findings
    assert (finding.check, finding.shape) == ("off-slide", "Inside")
    assert "0.50 in past the bottom edge" in finding.message


# ---------------------------------------------------------------- text overflow
def test_text_too_long_for_its_box_is_reported_with_lines_and_heights(maker):
    maker.text(1, 1, 3, 0.6, LONG_ZH, name="Body", lang="zh-CN")
    [finding] = check_deck(maker.save()).findings
    assert (finding.check, finding.shape) == ("overflow", "Body")
    assert re.search(r"\d+ line\(s\) at 18 pt need \d+ pt but the box is 43 pt tall",
                     finding.message), finding.message


def test_english_text_too_long_is_reported(maker):
    maker.text(1, 1, 4, 1, LONG_EN)
    assert checks(check_deck(maker.save())) == ["overflow"]


def test_text_that_fits_is_not_reported(maker):
    maker.text(1, 1, 6, 3, LONG_ZH[:60], lang="zh-CN")
    maker.text(7, 1, 5, 3, LONG_EN[:160])
    assert check_deck(maker.save()).ok


def test_exactly_filled_box_is_not_reported(maker):
    # ten 18 pt ideographs a line (183.6 pt inside); two lines at 1.2 pitch = 43.2 pt plus
    # the 3.6 pt top inset fit a 47 pt box
    maker.text(1, 1, 2.75, 47 / 72, "一二三四五六七八九十" * 2, lang="zh-CN")
    assert check_deck(maker.save()).ok


def test_one_line_more_than_the_box_holds_is_reported(maker):
    maker.text(1, 1, 2.75, 47 / 72, "一二三四五六七八九十" * 3, lang="zh-CN")
    assert "3 line(s) at 18 pt need 65 pt but the box is 47 pt tall" in \
        check_deck(maker.save()).findings[0].message


@pytest.mark.parametrize("autofit", [MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE,
                                     MSO_AUTO_SIZE.SHAPE_TO_FIT_TEXT])
def test_autofit_boxes_are_left_to_powerpoint(maker, autofit):
    maker.text(1, 1, 3, 0.6, LONG_ZH, autofit=autofit, lang="zh-CN")
    assert check_deck(maker.save()).ok


def test_boxes_without_word_wrap_are_not_judged(maker):
    maker.text(1, 1, 11, 0.6, LONG_EN[:60], wrap=False)
    assert check_deck(maker.save()).ok


def test_a_larger_font_makes_the_same_text_overflow(maker):
    maker.text(1, 1, 5, 1.2, LONG_EN[:150], size=14)
    maker.text(7, 1, 5, 1.2, LONG_EN[:150], size=24, name="Big")
    assert [(f.check, f.shape) for f in check_deck(maker.save()).findings] == [
        ("overflow", "Big")]


# ---------------------------------------------------------------- table text
def test_table_text_too_long_for_its_row_is_reported_with_how_far_the_table_grows(maker):
    maker.table(4, 3, 1, 1, 8, 0.4, {(1, 2): LONG_ZH})
    [finding] = check_deck(maker.save()).findings
    assert (finding.check, finding.shape) == ("overflow", "Table")
    assert re.search(r"row 2's text needs \d+ pt but the row is 29 pt tall \(starts '本月销售额",
                     finding.message), finding.message
    assert re.search(r"a row grows and the table ends at least \d+ pt lower than drawn",
                     finding.message), finding.message


def test_table_text_that_fits_its_rows_is_not_reported(maker):
    # two lines of 14 pt text (2 x 16.8 pt + 7.2 pt of margins) in a 0.6 in (43.2 pt) row
    maker.table(3, 3, 1, 1, 8, 0.6, {(1, 0): "一二三四五六七八九十" * 2})
    assert check_deck(maker.save()).ok


def test_a_table_pushed_past_the_slide_bottom_says_so(maker):
    maker.table(12, 3, 1, 1, 8, 0.4, {(1, 2): LONG_EN})
    [finding] = check_deck(maker.save()).findings
    assert re.search(r"the table ends at least \d+ pt below the slide", finding.message), \
        finding.message


def test_a_cell_merged_over_two_rows_has_both_rows_height(maker):
    text = "一二三四五六七八九十" * 3  # three lines in a 2.4 in column: 57.6 pt with margins
    merged = maker.table(4, 3, 1, 1, 7.2, 0.4, {(1, 2): text, (2, 2): ""})
    merged.table.cell(1, 2).merge(merged.table.cell(2, 2))  # (merge() moves text up)
    assert check_deck(maker.save()).ok  # 2 x 28.8 pt = 57.6 pt
    maker.table(4, 3, 1, 4, 7.2, 0.4, {(1, 2): text})
    assert [f.check for f in check_deck(maker.save()).findings] == ["overflow"]


@pytest.mark.soffice
def test_libreoffice_grows_the_rows_at_least_as_much_as_reported(maker, tmp_path):
    import pymupdf

    from reviewdeck.preview import to_pdf
    from tests.needs import soffice_or_skip

    soffice_or_skip()
    maker.table(4, 3, 1, 0.5, 8, 0.4, {(1, 2): LONG_ZH})  # reported: its second row grows
    maker.table(3, 3, 1, 5.5, 8, 0.4, {(1, 2): "短文本"}, label="t")  # not reported
    [finding] = check_deck(deck := maker.save()).findings
    growth = float(re.search(r"ends at least (\d+) pt lower", finding.message).group(1))
    with pymupdf.open(to_pdf(deck, tmp_path / "pdf")) as doc:
        page = doc[0]
        scale = 13.333 * 72 / page.rect.width
        tops = {span["text"].strip(): span["bbox"][1] * scale
                for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                for span in line["spans"]}
    # a row's first cell text is as far below the text of the row above as that row is tall
    drawn = 0.4 * 72
    assert tops["r2c0"] - tops["r1c0"] >= drawn + growth - 2, (tops, growth)
    assert abs(tops["t2c0"] - tops["t1c0"] - drawn) <= 2, tops


# ---------------------------------------------------------------- overlapping text
def test_text_printed_over_other_text_is_reported(maker):
    maker.text(1, 1, 5, 1, "第一段文字内容", name="First", lang="zh-CN")
    maker.text(1.5, 1.1, 5, 1, "第二段文字内容", name="Second", lang="zh-CN")
    [finding] = check_deck(maker.save()).findings
    assert (finding.check, finding.shape) == ("overlap", "Second")
    assert "overlaps the text of 'First'" in finding.message


def test_overlapping_boxes_whose_text_does_not_meet_are_fine(maker):
    maker.text(1, 1, 10, 1, "Short title", name="Title")
    tag = maker.text(9, 1, 2, 1, "Page 3", name="Tag")
    tag.text_frame.paragraphs[0].alignment = 3  # right
    assert check_deck(maker.save()).ok


# ---------------------------------------------------------------- placeholders
def test_an_empty_placeholder_is_reported(maker):
    slide = maker.prs.slides.add_slide(maker.prs.slide_layouts[1])
    slide.shapes.title.text = "Results"
    report = check_deck(maker.save())
    [finding] = report.findings
    assert (finding.check, finding.slide) == ("empty-placeholder", 2)
    assert finding.shape == "Content Placeholder 2"
    assert "obj placeholder is empty" in finding.message


def test_a_filled_placeholder_takes_its_box_from_the_layout(maker):
    slide = maker.prs.slides.add_slide(maker.prs.slide_layouts[1])
    slide.shapes.title.text = "Results"
    slide.placeholders[1].text = "Sales rose."
    assert check_deck(maker.save()).ok


# ---------------------------------------------------------------- East-Asian fonts
def test_chinese_run_without_any_east_asian_font_is_reported(maker):
    maker.text(1, 1, 6, 1, "华东区销售额", ea=None, name="No ea")
    [finding] = check_deck(maker.save()).findings
    assert (finding.check, finding.shape) == ("east-asian-font", "No ea")
    assert "'华东区销售额'" in finding.message


def test_chinese_run_with_a_theme_reference_and_an_empty_theme_font_is_reported(maker):
    maker.text(1, 1, 6, 1, "华东区", ea="+mn-ea")
    assert checks(check_deck(maker.save())) == ["east-asian-font"]


def test_theme_font_for_the_language_script_counts(maker):
    # python-pptx's theme has an empty ea font but <a:font script="Hans" typeface="宋体"/>
    maker.text(1, 1, 6, 1, "华东区", ea=None, lang="zh-CN")
    assert check_deck(maker.save()).ok


def test_theme_ea_font_counts_when_the_run_names_none(maker):
    def theme(name, body):
        if name.startswith("ppt/theme/"):
            return body.replace(b'<a:ea typeface=""/>', b'<a:ea typeface="Microsoft YaHei"/>')
        return body

    maker.text(1, 1, 6, 1, "华东区", ea=None)
    assert check_deck(maker.save(edit=theme)).ok


def test_latin_text_needs_no_east_asian_font(maker):
    maker.text(1, 1, 6, 1, "Sales 1,280", ea=None)
    assert check_deck(maker.save()).ok


# ---------------------------------------------------------------- pictures and charts
def test_a_coarse_picture_is_reported_with_its_resolution(maker):
    maker.picture(1, 1, 4, (200, 200), descr="Logo")
    [finding] = check_deck(maker.save()).findings
    assert finding.check == "low-dpi"
    assert "picture is 50 DPI at the size shown (200 x 200 px over 4.00 x 4.00 in)" in \
        finding.message
    assert "needs 600 x 600 px" in finding.message


def test_a_picture_of_150_dpi_is_fine(maker):
    maker.picture(1, 1, 2, (300, 300))
    assert check_deck(maker.save()).ok


def test_cropping_lowers_the_resolution(maker):
    pic = maker.picture(1, 1, 2, (400, 400))
    pic.crop_left = pic.crop_right = 0.25  # 200 px of width over 2 in
    assert checks(check_deck(maker.save())) == ["low-dpi"]


def test_a_picture_without_alt_text_is_reported(maker):
    maker.picture(1, 1, 1, (400, 400), descr="")
    [finding] = check_deck(maker.save()).findings
    assert finding.check == "alt-text"
    assert finding.message.startswith("picture has no alt text")


def test_a_chart_without_alt_text_is_reported(maker):
    maker.chart(descr=None)
    [finding] = check_deck(maker.save()).findings
    assert finding.check == "alt-text"
    assert finding.message.startswith("chart has no alt text")


def test_a_decorative_picture_needs_no_alt_text(maker):
    from lxml import etree

    pic = maker.picture(1, 1, 1, (400, 400), descr="")
    cnv = pic._element.nvPicPr.cNvPr
    ext_lst = etree.SubElement(cnv, "{http://schemas.openxmlformats.org/drawingml/2006/main}"
                                    "extLst")
    ext = etree.SubElement(ext_lst, "{http://schemas.openxmlformats.org/drawingml/2006/main}ext",
                           uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}"
                          "decorative", val="1")
    assert check_deck(maker.save()).ok


def test_nan_in_a_chart_cache_is_reported(maker):
    maker.chart()

    def nan(name, body):
        if name.startswith("ppt/charts/chart"):
            return body.replace(b"<c:v>2.0</c:v>", b"<c:v>NaN</c:v>")
        return body

    [finding] = check_deck(maker.save(edit=nan)).findings
    assert finding.check == "chart-nan"
    assert "series 'Sales' has 1 ('NaN')" in finding.message


def test_negative_chart_axis_ids_are_reported(maker):
    maker.chart()

    def negative(name, body):
        if name.startswith("ppt/charts/chart"):
            return re.sub(rb'<c:axId val="\d+"/>', b'<c:axId val="-5"/>', body, count=1)
        return body

    assert checks(check_deck(maker.save(edit=negative))) == ["chart-axis-id"]


def test_two_charts_sharing_one_part_are_reported(maker):
    import copy

    frame = maker.chart(descr="One")
    twin = copy.deepcopy(frame._element)
    twin.nvGraphicFramePr.cNvPr.set("id", "99")
    twin.nvGraphicFramePr.cNvPr.set("name", "Twin")
    twin.xfrm.off.x = 914400 * 7
    maker.slide.shapes._spTree.append(twin)
    report = check_deck(maker.save())
    assert checks(report) == ["shared-chart", "shared-chart"]
    assert "2 charts share one chart part ('/ppt/charts/chart1.xml'" in report.findings[0].message


# ---------------------------------------------------------------- package
def test_duplicate_shape_ids_on_a_slide_are_reported(maker):
    a = maker.text(1, 1, 2, 1, "A", name="A")
    b = maker.text(4, 1, 2, 1, "B", name="B")
    b._element.nvSpPr.cNvPr.set("id", str(a.shape_id))
    [finding] = check_deck(maker.save()).findings
    assert finding.check == "duplicate-id"
    assert f"2 shapes share id {a.shape_id} ('A', 'B')" in finding.message


def test_content_type_for_a_missing_part_is_reported(maker):
    def override(name, body):
        if name == "[Content_Types].xml":
            return body.replace(b"</Types>", b'<Override PartName="/ppt/slides/slide9.xml" '
                                b'ContentType="application/vnd.openxmlformats-officedocument.'
                                b'presentationml.slide+xml"/></Types>')
        return body

    [finding] = check_deck(maker.save(edit=override)).findings
    assert finding.check == "content-types"
    assert finding.slide is None
    assert "'/ppt/slides/slide9.xml', which is not in the file" in finding.message


def test_a_relationship_to_a_missing_part_is_reported(maker):
    maker.chart()
    report = check_deck(maker.save(edit=lambda n, b: None if n == "ppt/charts/chart1.xml"
                                   else b))
    assert "relationships" in checks(report)
    assert any("refers to 'ppt/charts/chart1.xml'" in f.message for f in report.findings)


# ---------------------------------------------------------------- the report
def test_report_text_names_slide_shape_what_and_why(maker):
    maker.text(12.5, 1, 2, 1, "Off", name="Stray")
    text = check_deck(maker.save()).to_text()
    assert text.splitlines()[1] == ("  slide 1, 'Stray': the shape reaches off the slide: "
                                    "1.17 in past the right edge [off-slide]")


def test_placeholders_that_shrink_their_text_do_not_spill_onto_others(maker):
    slide = maker.prs.slides.add_slide(maker.prs.slide_layouts[1])
    slide.shapes.title.text = ("A very long title that keeps going well past what one line "
                               "holds in this box, and then some more words")
    slide.placeholders[1].text = "\n".join(["A bullet point with some words"] * 15)
    assert check_deck(maker.save()).ok


def test_text_turned_sideways_is_not_judged(maker):
    box = maker.text(1, 3, 3, 0.6, LONG_ZH, lang="zh-CN")
    box.rotation = 90
    maker.text(6, 3, 3, 0.6, LONG_ZH, lang="zh-CN", name="Vertical").text_frame._bodyPr.set(
        "vert", "eaVert")
    assert check_deck(maker.save()).ok
