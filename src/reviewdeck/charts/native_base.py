"""Shared parts of the native chart writers: creating the chart with its data embedded, and
styling fonts (with a:ea), axes, legends, fills and data labels from the theme."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.series import BarSeries, LineSeries
from pptx.enum.chart import XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.chart.datalabel import CT_DLbls
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Pt

from reviewdeck.charts import design
from reviewdeck.charts import native_xml as xml
from reviewdeck.plan.model import ChartSpec
from reviewdeck.render.primitives import (
    A_LN,
    A_NO_FILL,
    A_SOLID_FILL,
    A_SRGB_CLR,
    Canvas,
    child,
    children,
    parse_new,
    run_xml,
)

Box = tuple[Emu, Emu, Emu, Emu]
EMU_PER_PT = 12700

# Data labels and point fills are written with lxml (label(), fill_points()): python-pptx finds
# a point's c:dLbl and c:dPt by compiling an XPath per call, checks the point index against
# the category count with another, and places every child through qn() lookups; with about a
# hundred labels per deck that was a fifth of the render stage. The same elements go where
# python-pptx puts them: each new child before the first of its schema successors present.
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C_IDX, C_SP_PR = f"{_C}idx", f"{_C}spPr"
C_DPT, C_DLBLS, C_DLBL = f"{_C}dPt", f"{_C}dLbls", f"{_C}dLbl"
_C_NSDECLS = nsdecls("c", "a")
# the c:show* children of python-pptx's c:dLbl template
_DLBL_SHOW = ('<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
              '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>')


def _names(prefix: str, tags: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{t}" for t in tags.split())


# schema successors of a child, as python-pptx's element classes list them
_SER_SP_PR_SUCCESSORS = _names(_C, "invertIfNegative pictureOptions marker explosion dPt dLbls "
                                   "trendline errBars cat val xVal yVal shape smooth bubbleSize "
                                   "bubble3D extLst")
_SER_DPT_SUCCESSORS = _names(_C, "dLbls trendline errBars cat val xVal yVal shape smooth "
                                 "bubbleSize bubble3D extLst")
_SER_DLBLS_SUCCESSORS = _SER_DPT_SUCCESSORS[1:]
_DPT_SP_PR_SUCCESSORS = _names(_C, "pictureOptions extLst")
_SP_PR_FILL_SUCCESSORS = _names(_A, "ln effectLst effectDag scene3d sp3d extLst")
_SP_PR_LN_SUCCESSORS = _SP_PR_FILL_SUCCESSORS[1:]
_LN_FILL_SUCCESSORS = _names(_A, "prstDash custDash round bevel miter headEnd tailEnd extLst")
_FILL_CHOICES = _names(_A, "noFill solidFill gradFill blipFill pattFill grpFill")


@dataclass
class Ctx:
    """One chart being drawn: the slide canvas, the spec, its box and its derived styling."""

    c: Canvas
    spec: ChartSpec
    box: Box
    language: str
    pal: design.Palette = field(init=False)
    lay: dict[str, Any] = field(init=False)
    colors: list[list[str]] = field(init=False)
    shown: list[list[bool]] = field(init=False)

    def __post_init__(self) -> None:
        self.pal = design.Palette.from_look(self.c.look)
        self.lay = self.c.look["chart"]
        self.colors = design.point_colors(self.spec, self.pal)
        self.shown = design.shown_labels(self.spec)

    @property
    def fonts(self) -> tuple[str, str]:
        return self.c.look.font("body")

    @property
    def label_size(self) -> float:
        return design.label_size(self.spec, self.lay)

    def hex(self, name: str) -> str:
        return self.pal[name]

    def width_pt(self) -> float:
        return int(self.box[2]) / EMU_PER_PT

    def height_pt(self) -> float:
        return int(self.box[3]) / EMU_PER_PT

    def text_width_pt(self, text: str, size: float) -> float:
        return float(self.c.metrics.width(text, size))


def new_chart(ctx: Ctx, xl_type: Any, rows: list[tuple[str, list[float | None]]],
              unit: str | None = None) -> tuple[Any, Any]:
    """Add a chart whose embedded workbook holds rows (already in stored units)."""
    fmt = design.number_format(unit or ctx.spec.unit, ctx.language)
    data = CategoryChartData(number_format=fmt)
    data.categories = list(ctx.spec.categories)
    for name, values in rows:
        data.add_series(name, values)
    frame = ctx.c.slide.shapes.add_chart(xl_type, *ctx.box, data)
    frame.name = f"Chart: {ctx.spec.title or ctx.spec.type}"
    chart = frame.chart
    chart.has_title = False
    chart_font(ctx, chart.font, float(ctx.lay["axis_size"]), "muted")
    no_chart_border(chart)
    return frame, chart


def no_chart_border(chart: Any) -> None:
    """No outline or fill on the chart space, so the chart sits on the slide like a drawing."""
    space = chart._chartSpace
    for old in space.findall(qn("c:spPr")):
        space.remove(old)
    sp = etree.Element(qn("c:spPr"))
    etree.SubElement(sp, qn("a:noFill"))
    ln = etree.SubElement(sp, qn("a:ln"))
    etree.SubElement(ln, qn("a:noFill"))
    space.find(qn("c:chart")).addnext(sp)


def chart_font(ctx: Ctx, font: Any, size: float, color: str, bold: bool = False) -> None:
    """A chart-level or axis font: size, colour, and a:latin + a:ea + a:cs typefaces."""
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = ctx.c.look.color(color)
    latin, ea = ctx.fonts
    font.name = latin
    rPr = font._rPr if hasattr(font, "_rPr") else font._element
    for tag in ("a:ea", "a:cs"):
        for old in rPr.findall(qn(tag)):
            rPr.remove(old)
    etree.SubElement(rPr, qn("a:ea"), typeface=ea)
    etree.SubElement(rPr, qn("a:cs"), typeface=latin)


def label(ctx: Ctx, ser: Any, idx: int, text: str, size: float, color: str, bold: bool = True,
          position: Any = None, backdrop: bool = False) -> Any:
    """A data label on point idx of a series (its c:ser) with its own text (the plan's formatted
    label), fonts on every run; returns the c:dLbl.

    The c:dLbl is what python-pptx's point.data_label (has_text_frame, text_frame.text, the
    runs' fonts, position) makes of a new label: its template's c:idx and c:show* without
    c:spPr and c:txPr, c:tx/c:rich with an a:p per line ('\v' a line break, no run for an
    empty part) and c:dLblPos; it is written as XML, parsed once, and put in idx order in the
    series' c:dLbls. A point is labelled once: a label already there is replaced.
    """
    latin, ea = ctx.fonts
    color_hex = str(ctx.c.look.color(color))
    paras = []
    for line in text.split("\n"):
        runs = [run_xml(part, size, bold, color_hex, latin, ea, text) if part else ""
                for part in line.split("\v")]
        paras.append(f"<a:p>{'<a:br/>'.join(runs)}</a:p>")
    extra = ""
    if backdrop:  # a box behind the label, so a reference line passing behind never cuts it
        extra += (f'<c:spPr><a:solidFill><a:srgbClr val="{ctx.pal["background"]}"/>'
                  "</a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>")
    if position is not None:
        extra += f'<c:dLblPos val="{XL_LABEL_POSITION.to_xml(position)}"/>'
    dlbl = parse_new(f'<c:dLbl {_C_NSDECLS}><c:idx val="{idx}"/><c:tx><c:rich><a:bodyPr/>'
                     f'<a:lstStyle/>{"".join(paras)}</c:rich></c:tx>{extra}{_DLBL_SHOW}'
                     "</c:dLbl>")
    _place_label(ser, idx, dlbl)
    return dlbl


def _place_label(ser: Any, idx: int, dlbl: Any) -> None:
    """dlbl in the series' c:dLbls (added where python-pptx adds it), in idx order."""
    dlbls = child(ser, C_DLBLS)
    if dlbls is None:
        dlbls = _insert(ser, CT_DLbls.new_dLbls(), _SER_DLBLS_SUCCESSORS)
    labels = list(dlbls.iterchildren(C_DLBL))  # c:idx is each one's first child
    for old in labels:
        if old[0].get("val") == str(idx):
            old.addnext(dlbl)
            dlbls.remove(old)
            return
    later = [d for d in labels if int(d[0].get("val")) > idx]
    if later:
        later[0].addprevious(dlbl)
    elif labels:
        labels[-1].addnext(dlbl)
    else:
        dlbls.insert(0, dlbl)


def fill_points(series: Any, colors: list[str], line: str | None = None,
                series_color: str | None = None) -> None:
    """Each point's fill; the series' own fill (its legend swatch) in series_color.

    series is a python-pptx series; its c:ser is written with lxml as series.format.fill and
    series.points[i].format.fill/.line write it (c:spPr, then one c:dPt per point in order).
    """
    ser = series._element
    if series_color:
        _solid(_get_or_add(ser, C_SP_PR, _SER_SP_PR_SUCCESSORS), _rgb_hex(series_color))
    line_hex = _rgb_hex(line) if line else None
    for i, color in enumerate(colors):
        sp_pr = _get_or_add(_data_point(ser, i), C_SP_PR, _DPT_SP_PR_SUCCESSORS)
        _solid(sp_pr, _rgb_hex(color))
        ln = _get_or_add(sp_pr, A_LN, _SP_PR_LN_SUCCESSORS)
        if line_hex:
            _solid(ln, line_hex, _LN_FILL_SUCCESSORS)
        else:
            _no_fill(ln, _LN_FILL_SUCCESSORS)


def _data_point(ser: Any, idx: int) -> Any:
    """The c:dPt of point idx, added after the series' others as python-pptx adds it."""
    for dpt in ser.iterchildren(C_DPT):
        if dpt[0].get("val") == str(idx):
            return dpt
    dpt = etree.SubElement(ser, C_DPT)
    etree.SubElement(dpt, C_IDX, val=str(idx))
    return _insert(ser, dpt, _SER_DPT_SUCCESSORS)


def _insert(parent: Any, el: Any, successors: tuple[str, ...]) -> Any:
    """el as parent's child before the first of its schema successors found (in the order
    they are listed, as python-pptx's insert_element_before looks), else last."""
    for tag in successors:
        found = child(parent, tag)
        if found is not None:
            found.addprevious(el)
            return el
    parent.append(el)
    return el


def _get_or_add(parent: Any, tag: str, successors: tuple[str, ...]) -> Any:
    found = child(parent, tag)
    if found is not None:
        return found
    return _insert(parent, etree.SubElement(parent, tag), successors)


def _solid(parent: Any, color_hex: str, successors: tuple[str, ...] = ()) -> None:
    """fill.solid() and fill.fore_color.rgb on an a:spPr (default successors) or an a:ln."""
    fill = child(parent, A_SOLID_FILL)
    if fill is None:
        _drop_fills(parent)
        fill = _insert(parent, etree.SubElement(parent, A_SOLID_FILL),
                       successors or _SP_PR_FILL_SUCCESSORS)
    clr = child(fill, A_SRGB_CLR)
    if clr is None:
        for old in list(fill):
            fill.remove(old)
        clr = etree.SubElement(fill, A_SRGB_CLR)
    clr.set("val", color_hex)


def _no_fill(parent: Any, successors: tuple[str, ...]) -> None:
    """fill.background() on an a:ln."""
    if child(parent, A_NO_FILL) is None:
        _drop_fills(parent)
        _insert(parent, etree.SubElement(parent, A_NO_FILL), successors)


def _drop_fills(parent: Any) -> None:
    for tag in _FILL_CHOICES:
        for old in children(parent, tag):
            parent.remove(old)


def _rgb_hex(hex_: str) -> str:
    return str(_rgb(hex_))


def invisible(series: Any) -> None:
    series.format.fill.background()
    series.format.line.fill.background()


def legend(ctx: Ctx, chart: Any, show: bool, hidden: list[int] | None = None) -> None:
    chart.has_legend = show
    if not show:
        return
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart_font(ctx, chart.legend.font, float(ctx.lay["legend_size"]), "muted")
    if hidden:
        xml.hide_legend_entries(chart, hidden)


def category_axis(ctx: Ctx, chart: Any, size: float | None = None, color: str = "text",
                  bold: bool = False, line: bool = True) -> None:
    ca = chart.category_axis
    ca.has_major_gridlines = False
    ca.major_tick_mark = _none_tick()
    ca.minor_tick_mark = _none_tick()
    chart_font(ctx, ca.tick_labels.font, size or float(ctx.lay["axis_size"]), color, bold)
    if line:
        ca.format.line.color.rgb = ctx.c.look.color("line")
        ca.format.line.width = Pt(1)
    else:
        ca.format.line.fill.background()


def value_axis(ctx: Ctx, chart: Any, visible: bool, lo: float, hi: float,
               unit: str | None = None) -> None:
    """The primary value axis: fixed range; ticks and light gridlines only when visible."""
    va = chart.value_axis
    va.minimum_scale = lo
    va.maximum_scale = hi
    step = design.axis_step(ctx.spec, ctx.language)
    if step:
        va.major_unit = step
    va.major_tick_mark = _none_tick()
    va.minor_tick_mark = _none_tick()
    if not visible:
        va.has_major_gridlines = False
        va.visible = False
        return
    va.visible = True
    va.has_major_gridlines = True
    va.major_gridlines.format.line.color.rgb = ctx.c.look.color("line")
    va.major_gridlines.format.line.width = Pt(0.75)
    va.format.line.fill.background()
    va.tick_labels.number_format = design.number_format(unit or ctx.spec.unit, ctx.language)
    va.tick_labels.number_format_is_linked = False
    chart_font(ctx, va.tick_labels.font, float(ctx.lay["axis_size"]), "muted")


def ser_elements(chart: Any, tag: str) -> list[Any]:
    el = xml.plot_area(chart).find(qn(tag))
    return [] if el is None else el.findall(qn("c:ser"))


def line_series(ser_el: Any) -> LineSeries:
    return LineSeries(ser_el)


def bar_series(ser_el: Any) -> BarSeries:
    return BarSeries(ser_el)


def point_label_color(ctx: Ctx, fill_hex: str) -> str:
    """Text on a filled bar: white on dark fills, body text on light ones."""
    return "on_dark" if design.is_dark(fill_hex) else "text"


def _rgb(hex_: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_)


def _none_tick() -> Any:
    from pptx.enum.chart import XL_TICK_MARK

    return XL_TICK_MARK.NONE


def accent_point_row(n: int, index: int | None,
                     values: list[float | None]) -> tuple[str, list[float | None]]:
    """A helper series holding one point (the latest, the highlighted), drawn as a marker."""
    row: list[float | None] = [None] * n
    if index is not None:
        row[index] = values[index]
    return "_marker", row


def accent_point(ctx: Ctx, ser_el: Any, size: int) -> None:
    """Style a helper series as a lone accent marker. A series' own marker is used rather than
    a data point's, whose colour LibreOffice takes from the line instead."""
    xml.line_style(ser_el, None, 0)
    xml.marker(ser_el, "circle", size, ctx.pal["accent"], ctx.pal["background"])
