"""Shared parts of the native chart writers: creating the chart with its data embedded, and
styling fonts (with a:ea), axes, legends, fills and data labels from the theme."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.series import BarSeries, LineSeries
from pptx.enum.chart import XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reviewdeck.charts import design
from reviewdeck.charts import native_xml as xml
from reviewdeck.plan.model import ChartSpec
from reviewdeck.render.primitives import Canvas, set_run_fonts

Box = tuple[Emu, Emu, Emu, Emu]
EMU_PER_PT = 12700


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


def label(ctx: Ctx, point: Any, text: str, size: float, color: str, bold: bool = True,
          position: Any = None, backdrop: bool = False) -> None:
    """A data label with its own text (the plan's formatted label), fonts on every run."""
    dl = point.data_label
    dl.has_text_frame = True
    dl.text_frame.text = text
    latin, ea = ctx.fonts
    for para in dl.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = ctx.c.look.color(color)
            set_run_fonts(run, latin, ea, text)
    if position is not None:
        dl.position = position
    if backdrop:
        xml.label_background(dl._dLbl, ctx.pal["background"])


def fill_points(series: Any, colors: list[str], line: str | None = None,
                series_color: str | None = None) -> None:
    """Each point's fill; the series' own fill (its legend swatch) in series_color."""
    if series_color:
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(series_color)
    for i, color in enumerate(colors):
        pt = series.points[i]
        pt.format.fill.solid()
        pt.format.fill.fore_color.rgb = _rgb(color)
        if line:
            pt.format.line.color.rgb = _rgb(line)
        else:
            pt.format.line.fill.background()


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
