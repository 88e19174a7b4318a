"""Charts PowerPoint has no plain type for, built from standard parts so every viewer opens them:

- waterfall: a stacked column whose first series is an invisible base; a change that crosses
  zero is split over a second visible series; labels ride on an invisible line series at each
  bar's top (or bottom, below zero);
- funnel: a stacked bar centred by an invisible base of half the missing width;
- bullet: actual columns and the target as a marker-only line series (a wide dash);
- sparkline: a line chart with both axes deleted, no legend, the latest point marked.
"""

from __future__ import annotations

from typing import Any

from pptx.enum.chart import XL_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from reviewdeck.charts import design
from reviewdeck.charts import native_xml as xml
from reviewdeck.charts.native_base import (
    Ctx,
    accent_point,
    accent_point_row,
    bar_series,
    category_axis,
    fill_points,
    invisible,
    label,
    legend,
    line_series,
    new_chart,
    point_label_color,
    ser_elements,
    value_axis,
)


def _type(name: str) -> Any:
    from pptx.enum.chart import XL_CHART_TYPE

    return {"stacked": XL_CHART_TYPE.COLUMN_STACKED, "bar_stacked": XL_CHART_TYPE.BAR_STACKED,
            "column": XL_CHART_TYPE.COLUMN_CLUSTERED, "line": XL_CHART_TYPE.LINE}[name]


def waterfall(ctx: Ctx) -> Any:
    spec = ctx.spec
    k = design.scale(spec.unit, ctx.language)
    spans = [(lo / k, hi / k) for lo, hi in design.waterfall_spans(spec)]
    base: list[float | None] = []
    up: list[float | None] = []
    down: list[float | None] = []
    carrier: list[float | None] = []
    below: list[bool] = []
    for lo, hi in spans:
        if lo >= 0:
            base.append(lo)
            up.append(hi - lo)
            down.append(None)
            carrier.append(hi)
            below.append(False)
        elif hi <= 0:
            base.append(hi)
            up.append(lo - hi)
            down.append(None)
            carrier.append(lo)
            below.append(True)
        else:  # crosses zero: one part above, one below, no base
            base.append(None)
            up.append(hi)
            down.append(lo)
            carrier.append(hi)
            below.append(False)
    split = any(v is not None for v in down)
    rows: list[tuple[str, list[float | None]]] = [("_base", base), (spec.series[0].name, up)]
    if split:
        rows.append(("_below", down))
    rows.append(("_labels", carrier))
    frame, chart = new_chart(ctx, _type("stacked"), rows)
    plot = chart.plots[0]
    plot.gap_width = int(ctx.lay["waterfall_gap_width"])
    plot.overlap = 100
    lo, hi = design.value_range(spec, ctx.language)
    value_axis(ctx, chart, False, lo, hi)
    category_axis(ctx, chart)
    legend(ctx, chart, False)
    sers = ser_elements(chart, "c:barChart")
    invisible(bar_series(sers[0]))
    colors = ctx.colors[0]
    for ser_el in sers[1:-1]:
        ser = bar_series(ser_el)
        ser.invert_if_negative = False
        fill_points(ser, colors)
    line_el = xml.move_to_line_chart(chart, [len(rows) - 1])
    carrier_el = line_el.findall(qn("c:ser"))[0]
    xml.line_style(carrier_el, None, 0)
    xml.marker(carrier_el, "none", 2, None, None)
    size = ctx.label_size
    for i, text in enumerate(spec.series[0].labels):
        if not ctx.shown[0][i]:
            continue
        color = "text" if spec.steps[i] == "total" else (
            "negative" if (spec.series[0].values[i] or 0) < 0 else "positive")
        label(ctx, carrier_el, i, text, size, color, True,
              XL_LABEL_POSITION.BELOW if below[i] else XL_LABEL_POSITION.ABOVE)
    return frame


def funnel(ctx: Ctx) -> Any:
    spec = ctx.spec
    values = [v or 0 for v in spec.series[0].values]
    k = design.scale(spec.unit, ctx.language)
    top = max(values, default=0)
    rows: list[tuple[str, list[float | None]]] = [
        ("_base", [((top - v) / 2) / k for v in values]),
        (spec.series[0].name, [v / k for v in values])]
    frame, chart = new_chart(ctx, _type("bar_stacked"), rows)
    legend(ctx, chart, False)
    plot = chart.plots[0]
    plot.gap_width = int(ctx.lay["funnel_gap_width"])
    plot.overlap = 100
    base, main = plot.series[0], plot.series[1]
    invisible(base)
    chart.category_axis.reverse_order = True
    value_axis(ctx, chart, False, 0, top / k if top else 1)
    category_axis(ctx, chart, float(ctx.lay["axis_size"]) + 1, "text", True, line=False)
    colors = ctx.colors[0]
    fill_points(main, colors)
    for i, text in enumerate(spec.series[0].labels):
        if ctx.shown[0][i]:
            label(ctx, main._element, i, text, ctx.label_size,
                  point_label_color(ctx, colors[i]), True, XL_LABEL_POSITION.CENTER)
    return frame


def bullet(ctx: Ctx) -> Any:
    spec = ctx.spec
    actual, target = spec.series[0], spec.series[1]
    rows = [(actual.name, design.scaled(actual.values, spec.unit, ctx.language)),
            (target.name, design.scaled(target.values, spec.unit, ctx.language))]
    frame, chart = new_chart(ctx, _type("column"), rows)
    plot = chart.plots[0]
    gap = int(ctx.lay["bullet_gap_width"])
    plot.gap_width = gap
    lo, hi = design.value_range(spec, ctx.language)
    value_axis(ctx, chart, True, lo, hi)
    category_axis(ctx, chart)
    legend(ctx, chart, True)
    bar = bar_series(ser_elements(chart, "c:barChart")[0])
    bar.invert_if_negative = False
    fill_points(bar, ctx.colors[0], series_color=ctx.pal["secondary"])
    size = ctx.label_size
    for i, text in enumerate(actual.labels):
        if ctx.shown[0][i]:
            label(ctx, bar._element, i, text, size - 1, point_label_color(ctx, ctx.colors[0][i]),
                  True, XL_LABEL_POSITION.INSIDE_END)
    line_el = xml.move_to_line_chart(chart, [1])
    ser_el = line_el.findall(qn("c:ser"))[0]
    xml.line_style(ser_el, None, 0)
    n = max(1, len(spec.categories))
    column_pt = ctx.width_pt() * 0.88 / n / (1 + gap / 100)
    xml.marker(ser_el, "dash", int(column_pt * float(ctx.lay["bullet_marker_scale"])),
               ctx.pal.target, ctx.pal.target)
    return frame


def sparkline(ctx: Ctx) -> Any:
    spec = ctx.spec
    s = spec.series[0]
    unit = s.unit or spec.unit
    values = design.scaled(s.values, unit, ctx.language)
    last = max((i for i, v in enumerate(values) if v is not None), default=None)
    frame, chart = new_chart(ctx, _type("line"), [
        (s.name, values), accent_point_row(len(values), last, values)], unit)
    legend(ctx, chart, False)
    lo, hi = design.value_range(spec, ctx.language)
    value_axis(ctx, chart, False, lo, hi)
    chart.category_axis.visible = False
    chart.category_axis.has_major_gridlines = False
    lay = ctx.lay["sparkline"]
    line_el, mark_el = ser_elements(chart, "c:lineChart")[:2]
    xml.line_style(line_el, ctx.pal["secondary"], int(Pt(float(lay["line_width"]))))
    xml.marker(line_el, "none", 2, None, None)
    line_series(line_el).smooth = False
    accent_point(ctx, mark_el, int(lay["marker_size"]))
    xml.manual_layout(xml.plot_area(chart), 0.03, 0.08, 0.94, 0.84)
    return frame
