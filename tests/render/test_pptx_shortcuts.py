"""Where compose() takes a shorter way than python-pptx's API (speaker notes copied from the
first notes slide, slides added with each layout's placeholders found once), the package is
byte for byte the one python-pptx makes."""

from __future__ import annotations

import datetime as dt

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from reviewdeck.render.deck import SlideAdder, SpeakerNotes
from reviewdeck.write import _pin_zip, package_entries

STAMP = dt.datetime(2025, 11, 30)

NOTES = [None, ["数据来源：orders", "第二行"], ["second"], None, ["a\vb", "", "A & <b> \x07\v"],
         ["last"]]


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


def _entries(prs: Presentation) -> list[tuple[str, bytes]]:
    """package_entries() with each chart workbook's dates pinned as the writer pins them: the
    workbook records the second it was made, and the two decks compared are not made in the
    same second every time."""
    return [(name, _pin_zip(body, STAMP) if name.endswith(".xlsx") else body)
            for name, body in package_entries(prs)]


def test_copied_notes_slides_equal_python_pptx_notes_slides() -> None:
    def by_python_pptx(slide, lines):
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)

    expected = _entries(_deck(by_python_pptx))
    assert _entries(_deck(SpeakerNotes().write)) == expected
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


# ------------------------------------------------------------------ text boxes and shapes
# The reference: primitives.py's Canvas.text/rect and their helpers as they were written with
# python-pptx's API before the shortcuts.
def _ref_plain(shape):
    from pptx.oxml.ns import qn

    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _ref_run_fonts(run, latin, east_asian, text):
    from lxml import etree
    from pptx.oxml.ns import qn

    from reviewdeck.render.primitives import has_cjk

    rPr = run._r.get_or_add_rPr()
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rPr.findall(qn(tag)):
            rPr.remove(old)
    etree.SubElement(rPr, qn("a:latin"), typeface=latin)
    etree.SubElement(rPr, qn("a:ea"), typeface=east_asian)
    etree.SubElement(rPr, qn("a:cs"), typeface=latin)
    rPr.set("lang", "zh-CN" if has_cjk(text) else "en-US")
    rPr.set("altLang", "en-US")


def _ref_bullet(para, char, indent_emu):
    from lxml import etree
    from pptx.oxml.ns import qn

    pPr = para._p.get_or_add_pPr()
    pPr.set("marL", str(indent_emu))
    pPr.set("indent", str(-indent_emu))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in pPr.findall(qn(tag)):
            pPr.remove(old)
    etree.SubElement(pPr, qn("a:buChar")).set("char", char)


def _ref_runs(para, text, size_pt, bold, color, latin, east_asian):
    from pptx.util import Pt

    for k, line in enumerate(text.split("\n")):
        if k:
            para.add_line_break()
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size_pt)
        run.font.bold = bold
        run.font.color.rgb = color
        _ref_run_fonts(run, latin, east_asian, line)


def _reference_text(c, box, content, style, name, anchor="top", single_line=False, shape=None,
                    fill=None, inset=None, bullet=None):
    """Canvas.text as it was written with python-pptx's API, before the shortcuts."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    from reviewdeck.render.primitives import EMU_PER_PT, font_metrics
    from reviewdeck.render.textfit import fit_text, fits_single_line

    align = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
    anchors = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
    paragraphs = [content] if isinstance(content, str) else list(content)
    paragraphs = [p for p in paragraphs if p is not None]
    x, y, w, h = box
    pad = c.look.inset if inset is None else inset
    indent = round(style.size * 1.2 * EMU_PER_PT) if bullet else 0
    para_space = round(style.size * 0.3, 1) if bullet else 0.0
    width_pt = (w - 2 * pad - indent) / EMU_PER_PT
    height_pt = (h - 2 * pad) / EMU_PER_PT
    spacing = c.look.line_spacing
    metrics = font_metrics(c.look.font(style.font)[1], style.bold)[0]
    if single_line:
        fit = fits_single_line(" ".join(paragraphs), metrics, style.size, width_pt,
                               style.min_size)
    else:
        fit = fit_text(paragraphs, metrics, width_pt, height_pt, style.size, style.min_size,
                       line_spacing=spacing, paragraph_space_pt=para_space)
    if shape is not None or fill is not None:
        sp = c.slide.shapes.add_shape(shape or MSO_SHAPE.RECTANGLE, x, y, w, h)
        color = fill or style.fill
        if color:
            sp.fill.solid()
            sp.fill.fore_color.rgb = c.look.color(color)
        else:
            sp.fill.background()
        sp.line.fill.background()
        _ref_plain(sp)
    else:
        sp = c.slide.shapes.add_textbox(x, y, w, h)
    sp.name = name
    tf = sp.text_frame
    tf.word_wrap = not single_line
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = pad
    tf.vertical_anchor = anchors[anchor]
    latin, east_asian = c.look.font(style.font)
    for i, text in enumerate(fit.paragraphs or [""]):
        para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        para.alignment = align.get(style.align, PP_ALIGN.LEFT)
        para.line_spacing = Pt(fit.size_pt * spacing)
        para._p.get_or_add_pPr().set("hangingPunct", "0")
        if bullet:
            _ref_bullet(para, bullet, indent)
            para.space_before = Pt(para_space) if i else Pt(0)
        _ref_runs(para, text, fit.size_pt, style.bold, c.look.color(style.color), latin,
                  east_asian)
    return sp


def _reference_rect(c, box, color, name, shape=None, line=None):
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    sp = c.slide.shapes.add_shape(shape or MSO_SHAPE.RECTANGLE, *box)
    sp.name = name
    if color:
        sp.fill.solid()
        sp.fill.fore_color.rgb = c.look.color(color)
    else:
        sp.fill.background()
    if line:
        sp.line.color.rgb = c.look.color(line)
        sp.line.width = Pt(0.75)
    else:
        sp.line.fill.background()
    _ref_plain(sp)
    return sp


def test_canvas_text_and_rect_write_what_python_pptx_wrote() -> None:
    from lxml import etree
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu

    from reviewdeck.errors import Diagnostics
    from reviewdeck.render.primitives import Canvas
    from reviewdeck.render.theme import Look

    look = Look.load()

    def style(**kw):
        return look.style({"size": 14, "min_size": 9, **kw})

    box = (Inches(1), Inches(1), Inches(4), Inches(1.5))
    texts = [
        ({"content": "Revenue grew 15% in Q4", "style": style(), "name": "Plain"}),
        ({"content": ["销售额同比增长12%", "第二段\n换行", ""], "style": style(bold=True),
          "name": "Cards & <more>", "bullet": "•", "anchor": "bottom"}),
        ({"content": 'A & B <c> "q" \'s\'\ttab\x07bell', "style": style(align="right"),
          "name": 'Quote "name"\ttab', "single_line": True}),
        ({"content": "", "style": style(), "name": "Empty"}),
        ({"content": [], "style": style(), "name": "No paragraphs"}),
        ({"content": "\n\nx\n", "style": style(), "name": "Blank lines"}),
        ({"content": "第12页", "style": style(align="center", fill="primary"), "name": "Tag",
          "shape": MSO_SHAPE.ROUNDED_RECTANGLE, "fill": "primary", "single_line": True,
          "anchor": "middle", "inset": Emu(0)}),
        ({"content": "No fill", "style": style(), "name": "Shape", "shape": MSO_SHAPE.OVAL,
          "inset": Emu(91440)}),
        ({"content": "Fill only", "style": style(color="on_dark"), "name": "Filled",
          "fill": "accent", "inset": Emu(45720)}),
        ({"content": "很长的文字" * 40, "style": style(), "name": "Cut"}),
    ]
    rects = [("primary", "Bar", None, None), (None, "Frame", MSO_SHAPE.ROUNDED_RECTANGLE, "line"),
             ("light", "Dot", MSO_SHAPE.OVAL, None)]

    def draw(text, rect):
        prs = Presentation()
        prs.slide_width, prs.slide_height = look.slide_emu()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        canvas = Canvas(slide, look, Diagnostics(), "slide 1")
        for kw in texts:
            text(canvas, box, **kw)
        for color, name, shape, line in rects:
            rect(canvas, box, color, name, shape=shape, line=line)
        return etree.tostring(slide.shapes._spTree)

    def new_text(c, box, **kw):
        return c.text(box, **kw)

    def new_rect(c, box, color, name, shape=None, line=None):
        return c.rect(box, color, name, **({"shape": shape} if shape else {}), line=line)

    assert draw(new_text, new_rect) == draw(_reference_text, _reference_rect)


# ------------------------------------------------------------------ chart labels and fills
def _ref_label(ctx, point, text, size, color, bold=True, position=None, backdrop=False):
    """native_base.label() as it was written with python-pptx's API, with the box behind the
    label as native_xml.label_background() wrote it."""
    from lxml import etree
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    dl = point.data_label
    dl.has_text_frame = True
    dl.text_frame.text = text
    latin, ea = ctx.fonts
    for para in dl.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = ctx.c.look.color(color)
            _ref_run_fonts(run, latin, ea, text)
    if position is not None:
        dl.position = position
    if backdrop:
        dlbl = dl._dLbl
        sp = etree.Element(qn("c:spPr"))
        etree.SubElement(etree.SubElement(sp, qn("a:solidFill")), qn("a:srgbClr"),
                         val=ctx.pal["background"])
        etree.SubElement(etree.SubElement(sp, qn("a:ln")), qn("a:noFill"))
        anchor = next(dlbl.find(qn(t)) for t in ("c:numFmt", "c:tx", "c:layout", "c:idx")
                      if dlbl.find(qn(t)) is not None)
        anchor.addnext(sp)


def _ref_fill_points(series, colors, line=None, series_color=None):
    from pptx.dml.color import RGBColor

    if series_color:
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(series_color)
    for i, color in enumerate(colors):
        pt = series.points[i]
        pt.format.fill.solid()
        pt.format.fill.fore_color.rgb = RGBColor.from_string(color)
        if line:
            pt.format.line.color.rgb = RGBColor.from_string(line)
        else:
            pt.format.line.fill.background()


def test_data_labels_and_point_fills_write_what_python_pptx_wrote() -> None:
    from types import SimpleNamespace

    from lxml import etree
    from pptx.enum.chart import XL_LABEL_POSITION as POS

    from reviewdeck.charts.native_base import fill_points, label
    from reviewdeck.render.theme import Look

    look = Look.load()
    ctx = SimpleNamespace(fonts=("Microsoft YaHei", "Noto Sans CJK SC"),
                          c=SimpleNamespace(look=look), pal={"background": "FFFFFF"})
    labels = [  # series, point, text, size, colour, bold, position, backdrop
        (0, 2, "1,234万", 10, "text", True, POS.OUTSIDE_END, False),
        (0, 0, "A & B <c>", 9, "muted", False, None, True),
        (0, 1, "华东\n36%", 11, "positive", True, POS.CENTER, True),
        (1, 3, "x\vy", 10, "accent", True, POS.ABOVE, False),
        (1, 0, "line\v", 10, "text", True, POS.RIGHT, False),
        (1, 0, "again 'q' \"d\"\t", 8, "negative", False, POS.BELOW, True),
    ]

    def chart(write_label, write_fill):
        data = CategoryChartData()
        data.categories = ["一月", "二月", "三月", "四月"]
        data.add_series("实际", [1.0, 2.0, 3.0, 4.0])
        data.add_series("目标", [2.0, 2.0, None, 5.0])
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        plot = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(6),
                                      Inches(4), data).chart.plots[0]
        write_fill(plot.series[0], ["2F6DB5", "F28C28", "2F6DB5", "2F6DB5"], None, "2F6DB5")
        write_fill(plot.series[1], ["E5E7EB"] * 4, "1F2937", None)
        for si, idx, *rest in labels:
            write_label(plot.series[si], idx, *rest)
        return etree.tostring(plot._element.getparent().getparent())

    def new_label(series, idx, *rest):
        label(ctx, series._element, idx, *rest)

    def ref_label(series, idx, *rest):
        _ref_label(ctx, series.points[idx], *rest)

    assert chart(new_label, fill_points) == chart(ref_label, _ref_fill_points)
