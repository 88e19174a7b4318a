"""Native, editable PowerPoint charts from a ChartSpec, styled from the theme."""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Emu, Pt

from reviewdeck.plan.model import ChartSpec
from reviewdeck.render.primitives import Canvas, set_run_fonts

TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "funnel": XL_CHART_TYPE.BAR_STACKED,
}


def scale_for(unit: str, language: str) -> float:
    """Money is stored in the chart's data in 万 (zh) or thousands (en), as the labels show it."""
    if unit == "money":
        return 1e4 if language == "zh-CN" else 1e3
    if unit in ("rate", "change"):
        return 0.01
    return 1.0


def _font(c: Canvas, tf_or_font: Any, size: float, color: str, bold: bool = False) -> None:
    font = tf_or_font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = c.look.color(color)
    latin, ea = c.look.font("body")
    font.name = latin
    rPr = font._rPr if hasattr(font, "_rPr") else font._element
    from lxml import etree
    from pptx.oxml.ns import qn

    for tag in ("a:ea", "a:cs"):
        for old in rPr.findall(qn(tag)):
            rPr.remove(old)
    etree.SubElement(rPr, qn("a:ea"), typeface=ea)
    etree.SubElement(rPr, qn("a:cs"), typeface=latin)


def _label(c: Canvas, point: Any, text: str, size: float, color: str, bold: bool = True,
           position: Any = None) -> None:
    dl = point.data_label
    dl.has_text_frame = True
    dl.text_frame.text = text
    for para in dl.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = c.look.color(color)
            latin, ea = c.look.font("body")
            set_run_fonts(run, latin, ea, text)
    if position is not None:
        dl.position = position


def draw(c: Canvas, spec: ChartSpec, box: tuple[Emu, Emu, Emu, Emu], language: str) -> Any:
    """Add the chart to the slide in box; returns the graphic frame."""
    look = c.look
    lay = look["chart"]
    scale = scale_for(spec.unit, language)
    data = CategoryChartData()
    categories = list(spec.categories)
    series = spec.series
    if spec.type == "funnel":
        top = max((v or 0) for v in series[0].values) if series else 0
        data.categories = categories
        data.add_series("_base", [((top - (v or 0)) / 2) / scale for v in series[0].values])
        data.add_series(series[0].name, [(v or 0) / scale for v in series[0].values])
    else:
        data.categories = categories
        for s in series:
            data.add_series(s.name, [None if v is None else v / scale for v in s.values])
    frame = c.slide.shapes.add_chart(TYPES[spec.type], *box, data)
    frame.name = f"Chart: {spec.title or spec.type}"
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(lay["axis_size"])
    _font(c, chart.font, lay["axis_size"], "muted")
    palette = look.chart_colors
    accent = look.color("accent")
    muted = look.color(lay["benchmark_color"])
    plot = chart.plots[0]
    label_size = float(lay["label_size"])

    if spec.type in ("pie", "doughnut"):
        chart.has_legend = False
        pts = plot.series[0].points
        for i in range(len(categories)):
            pts[i].format.fill.solid()
            pts[i].format.fill.fore_color.rgb = palette[i % len(palette)]
            pts[i].format.line.color.rgb = look.color("background")
            label = f"{categories[i]} {series[0].labels[i]}"
            _label(c, pts[i], label, label_size, "text", True, XL_LABEL_POSITION.OUTSIDE_END
                   if spec.type == "pie" else None)
        if spec.type == "pie":
            plot.vary_by_categories = True
        return frame

    if spec.type == "funnel":
        chart.has_legend = False
        base, main = plot.series[0], plot.series[1]
        base.format.fill.background()
        base.format.line.fill.background()
        plot.gap_width = 35
        plot.overlap = 100
        chart.category_axis.reverse_order = True
        chart.value_axis.visible = False
        chart.value_axis.has_major_gridlines = False
        chart.category_axis.format.line.fill.background()
        _font(c, chart.category_axis.tick_labels.font, lay["axis_size"] + 1, "text", True)
        for i in range(len(categories)):
            pt = main.points[i]
            pt.format.fill.solid()
            shade = palette[min(i, 1)] if i < len(categories) - 1 else accent
            pt.format.fill.fore_color.rgb = shade
            _label(c, pt, series[0].labels[i], label_size, "on_dark", True,
                   XL_LABEL_POSITION.CENTER)
        return frame

    # column, bar, line
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        _font(c, chart.legend.font, lay["legend_size"], "muted")
    va = chart.value_axis
    va.has_major_gridlines = True
    va.major_gridlines.format.line.color.rgb = look.color("line")
    va.format.line.fill.background()
    va.tick_labels.font.size = Pt(lay["axis_size"])
    va.visible = spec.type == "line"
    ca = chart.category_axis
    ca.format.line.color.rgb = look.color("line")
    ca.has_major_gridlines = False
    _font(c, ca.tick_labels.font, lay["axis_size"], "text")
    if spec.type == "bar":
        ca.reverse_order = True
    if spec.type in ("column", "bar"):
        plot.gap_width = 60
        if len(series) > 1:
            plot.overlap = -10
    for si, s in enumerate(plot.series):
        base_color = palette[si % len(palette)] if si else look.color("secondary")
        if spec.type == "line":
            s.format.line.color.rgb = palette[si % len(palette)]
            s.format.line.width = Pt(2.5)
            s.smooth = False
        for i in range(len(categories)):
            pt = s.points[i]
            if spec.type != "line":
                pt.format.fill.solid()
                color = base_color
                if si == 0 and spec.highlight == i:
                    color = accent
                if spec.benchmark_label and categories[i] == spec.benchmark_label:
                    color = muted
                if si > 0:
                    color = look.color("line") if len(series) == 2 else palette[si % len(palette)]
                pt.format.fill.fore_color.rgb = color
            text = spec.series[si].labels[i]
            if text:
                _label(c, pt, text, label_size if si == 0 else label_size - 1,
                       "text" if si == 0 else "muted", si == 0,
                       XL_LABEL_POSITION.OUTSIDE_END if spec.type != "line" else
                       XL_LABEL_POSITION.ABOVE)
    return frame
