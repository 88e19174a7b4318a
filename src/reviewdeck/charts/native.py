"""Native, editable PowerPoint charts from a ChartSpec, styled from the theme.

One writer per chart type, chosen from WRITERS. Category charts (column, bar, stacked, line,
combo, pie, doughnut) live here; the ones built from standard parts (waterfall, funnel,
bullet, sparkline) in native_built.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reviewdeck.charts import design, native_built
from reviewdeck.charts import native_xml as xml
from reviewdeck.charts.native_base import (
    Box,
    Ctx,
    accent_point,
    accent_point_row,
    bar_series,
    category_axis,
    fill_points,
    label,
    legend,
    line_series,
    new_chart,
    point_label_color,
    ser_elements,
    value_axis,
)
from reviewdeck.plan.model import ChartSpec
from reviewdeck.render.primitives import Canvas

TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "stacked_column_100": XL_CHART_TYPE.COLUMN_STACKED_100,
    "combo": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "waterfall": XL_CHART_TYPE.COLUMN_STACKED,
    "funnel": XL_CHART_TYPE.BAR_STACKED,
    "bullet": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "sparkline": XL_CHART_TYPE.LINE,
}


def scale_for(unit: str, language: str) -> float:
    """Money is stored in the chart's data in 万 (zh) or thousands (en), as the labels show it."""
    return design.scale(unit, language)


def draw(c: Canvas, spec: ChartSpec, box: tuple[Emu, Emu, Emu, Emu], language: str) -> Any:
    """Add the chart to the slide in box; returns the graphic frame."""
    ctx = Ctx(c, spec, box, language)
    return WRITERS[spec.type](ctx)


def _rows(ctx: Ctx, roles: tuple[str, ...] = ("", "compare")) -> list[tuple[str, list[float | None]]]:
    spec = ctx.spec
    return [(s.name, design.scaled(s.values, s.unit or spec.unit, ctx.language))
            for s in spec.series if s.role in roles]


def _benchmark_row(ctx: Ctx, unit: str) -> tuple[str, list[float | None]]:
    spec = ctx.spec
    value = design.scaled([spec.benchmark], unit, ctx.language)[0]
    return spec.benchmark_label, [value] * len(spec.categories)


def _benchmark_line(ctx: Ctx, chart: Any, ser_el: Any, unit: str) -> None:
    """Dashed benchmark line with its name and value written at its right end."""
    spec = ctx.spec
    width = int(Pt(float(ctx.lay["benchmark_width"])))
    xml.line_style(ser_el, ctx.pal.benchmark, width, dash="dash")
    xml.marker(ser_el, "none", 2, None, None)
    n = len(spec.categories)
    text = f"{spec.benchmark_label} {spec.benchmark_text}"
    label(ctx, ser_el, n - 1, text, ctx.label_size - 1, "muted", True, XL_LABEL_POSITION.RIGHT)


def _right_margin(ctx: Ctx, text: str) -> float:
    """Fraction of the chart width a label right of the plot needs."""
    return min(0.35, (ctx.text_width_pt(text, ctx.label_size) + 10) / ctx.width_pt())


# --------------------------------------------------------------------------- bars
def _bars(ctx: Ctx) -> Any:
    """column, bar, stacked_column, stacked_column_100 (with benchmark line, stacked totals)."""
    spec = ctx.spec
    rows = _rows(ctx)
    n_main = len(rows)
    stacked = spec.type.startswith("stacked")
    bench = spec.benchmark is not None and spec.benchmark_style == "line" and spec.type == "column"
    totals = stacked and bool(spec.total_labels)
    extra: list[tuple[str, list[float | None]]] = []
    if totals:
        sums = [sum(v or 0 for _n, vals in rows for v in [vals[i]])
                for i in range(len(spec.categories))]
        extra.append(("合计" if ctx.language != "en" else "Total", list(sums)))
    if bench:
        extra.append(_benchmark_row(ctx, spec.unit))
    frame, chart = new_chart(ctx, TYPES[spec.type], rows + extra)
    plot = chart.plots[0]
    plot.gap_width = int(ctx.lay["gap_width"]) if n_main == 1 or stacked else int(
        ctx.lay["gap_width_multi"])
    plot.overlap = 100 if stacked else (-10 if n_main > 1 else 0)
    plot.vary_by_categories = False
    lo, hi = design.value_range(spec, ctx.language)
    value_axis(ctx, chart, False, lo, hi)
    category_axis(ctx, chart)
    if spec.type == "bar":
        chart.category_axis.reverse_order = True
    helper_idx = list(range(n_main, n_main + len(extra)))
    legend(ctx, chart, n_main > 1, hidden=helper_idx)
    size = ctx.label_size
    for si, ser_el in enumerate(ser_elements(chart, "c:barChart")[:n_main]):
        s = spec.series[si]
        ser = bar_series(ser_el)
        ser.invert_if_negative = False
        fill_points(ser, ctx.colors[si], series_color=design.series_color(spec, si, ctx.pal))
        for i, text in enumerate(s.labels):
            if not ctx.shown[si][i]:
                continue
            if stacked:
                label(ctx, ser_el, i, text, size - 1,
                      point_label_color(ctx, ctx.colors[si][i]), False, XL_LABEL_POSITION.CENTER)
            else:
                compare = s.role == "compare"
                label(ctx, ser_el, i, text, size - (1 if compare else 0),
                      "muted" if compare else "text", not compare, XL_LABEL_POSITION.OUTSIDE_END,
                      backdrop=bench)
    if extra:
        line_el = xml.move_to_line_chart(chart, [i for i in helper_idx if not bench or
                                                 i != helper_idx[-1]]) if totals else None
        if totals and line_el is not None:
            ser_el = line_el.findall(qn("c:ser"))[0]
            xml.line_style(ser_el, None, 0)
            xml.marker(ser_el, "none", 2, None, None)
            for i, text in enumerate(spec.total_labels):
                label(ctx, ser_el, i, text, size, "text", True, XL_LABEL_POSITION.ABOVE)
        if bench:
            bench_el = xml.move_to_line_chart(chart, [helper_idx[-1]], secondary=True,
                                              on_ticks=True)
            sec = xml.secondary_value_axis(chart)
            xml.set_scale(sec, lo, hi)
            xml.quiet_axis(sec)
            _benchmark_line(ctx, chart, bench_el.findall(qn("c:ser"))[0], spec.unit)
            text = f"{spec.benchmark_label} {spec.benchmark_text}"
            xml.manual_layout(xml.plot_area(chart), 0.02, 0.04 if n_main == 1 else 0.12,
                              0.96 - _right_margin(ctx, text), 0.84 if n_main == 1 else 0.76)
    return frame


# --------------------------------------------------------------------------- lines
def _line(ctx: Ctx) -> Any:
    """Lines over categories; several lines end in value labels in their own colour, moved
    apart where they would overlap."""
    spec = ctx.spec
    rows = _rows(ctx)
    n_main = len(rows)
    n = len(spec.categories)
    bench = spec.benchmark is not None
    hl = spec.highlight if n_main == 1 and spec.highlight is not None else None
    marks = [accent_point_row(n, hl, rows[0][1])] if hl is not None else []
    extra = [_benchmark_row(ctx, spec.unit)] if bench else []
    frame, chart = new_chart(ctx, TYPES["line"], rows + marks + extra)
    lo, hi = design.value_range(spec, ctx.language)
    value_axis(ctx, chart, True, lo, hi)
    category_axis(ctx, chart)
    helpers = list(range(n_main, n_main + len(marks) + len(extra)))
    legend(ctx, chart, n_main > 1, hidden=helpers)
    if marks:
        accent_point(ctx, ser_elements(chart, "c:lineChart")[n_main], int(ctx.lay["marker_size"])
                     + 3)
    width = int(Pt(float(ctx.lay["line_width"])))
    msize = int(ctx.lay["marker_size"])
    size = ctx.label_size
    ends = n_main > 1
    right_texts = [s.labels[-1] for s in spec.series if ends and s.labels] + (
        [f"{spec.benchmark_label} {spec.benchmark_text}"] if bench else [])
    right = max([_right_margin(ctx, t) for t in right_texts] + [0.03])
    top = 0.13 if n_main > 1 else 0.06
    tick_w = max(ctx.text_width_pt(design.tick_text(v, spec.unit, ctx.language),
                                   float(ctx.lay["axis_size"])) for v in (lo, hi))
    left = min(0.25, (tick_w + 8) / ctx.width_pt())
    plot_h = 1 - top - float(ctx.lay["axis_size"]) * 2.4 / ctx.height_pt()
    xml.manual_layout(xml.plot_area(chart), left, top, 0.98 - left - right, plot_h)
    offsets = [0.0] * n_main
    if ends:
        lasts = [design.scaled([s.values[-1]], s.unit or spec.unit, ctx.language)[0]
                 for s in spec.series[:n_main]]
        offsets = design.end_label_offsets(lasts, lo, hi, plot_h * ctx.height_pt(), size)
    for si, ser_el in enumerate(ser_elements(chart, "c:lineChart")[:n_main]):
        color = design.series_color(spec, si, ctx.pal)
        xml.line_style(ser_el, color, width)
        xml.marker(ser_el, "circle", msize, color, "FFFFFF")
        ser = line_series(ser_el)
        ser.smooth = False
        for i, text in enumerate(spec.series[si].labels):
            hl = si == 0 and i == spec.highlight and n_main == 1
            if not ctx.shown[si][i]:
                continue
            if ends and i == n - 1:
                dlbl = label(ctx, ser_el, i, text, size, color, True, XL_LABEL_POSITION.RIGHT)
                if offsets[si]:
                    xml.label_offset(dlbl, 0.0, -offsets[si] / ctx.height_pt())
            else:
                label(ctx, ser_el, i, text, size, "accent" if hl else "text", True,
                      XL_LABEL_POSITION.ABOVE, backdrop=True)
    if bench:
        bench_el = xml.move_to_line_chart(chart, [helpers[-1]], secondary=True, on_ticks=True)
        sec = xml.secondary_value_axis(chart)
        xml.set_scale(sec, lo, hi)
        xml.quiet_axis(sec)
        _benchmark_line(ctx, chart, bench_el.findall(qn("c:ser"))[0], spec.unit)
    return frame


def _combo(ctx: Ctx) -> Any:
    """Columns on the primary axis; the 'line' series (and a benchmark) on a secondary one."""
    spec = ctx.spec
    cols = _rows(ctx, ("",))
    line_s = [s for s in spec.series if s.role == "line"]
    line_unit = line_s[0].unit or spec.unit
    lines = [(s.name, design.scaled(s.values, line_unit, ctx.language)) for s in line_s]
    bench = spec.benchmark is not None
    extra = [_benchmark_row(ctx, line_unit)] if bench else []
    frame, chart = new_chart(ctx, TYPES["combo"], cols + lines + extra)
    plot = chart.plots[0]
    plot.gap_width = int(ctx.lay["gap_width"])
    plot.overlap = -10 if len(cols) > 1 else 0
    lo, hi = design.value_range(spec, ctx.language)
    value_axis(ctx, chart, False, lo, hi)
    category_axis(ctx, chart)
    n_cols = len(cols)
    line_idx = list(range(n_cols, n_cols + len(lines) + len(extra)))
    legend(ctx, chart, True, hidden=[line_idx[-1]] if bench else None)
    size = ctx.label_size
    for si, ser_el in enumerate(ser_elements(chart, "c:barChart")[:n_cols]):
        ser = bar_series(ser_el)
        ser.invert_if_negative = False
        fill_points(ser, ctx.colors[si], series_color=design.series_color(spec, si, ctx.pal))
        for i, text in enumerate(spec.series[si].labels):
            if ctx.shown[si][i]:
                label(ctx, ser_el, i, text, size, "text", False, XL_LABEL_POSITION.OUTSIDE_END)
    line_el = xml.move_to_line_chart(chart, line_idx, secondary=True)
    sec = xml.secondary_value_axis(chart)
    slo, shi = design.value_range(spec, ctx.language, secondary=True)
    xml.set_scale(sec, slo, shi)
    xml.quiet_axis(sec)
    sers = line_el.findall(qn("c:ser"))
    width = int(Pt(float(ctx.lay["line_width"])))
    msize = int(ctx.lay["marker_size"])
    for k, ser_el in enumerate(sers[:len(lines)]):
        si = n_cols + k
        color = design.series_color(spec, si, ctx.pal)
        xml.line_style(ser_el, color, width)
        xml.marker(ser_el, "circle", msize, color, "FFFFFF")
        ser = line_series(ser_el)
        for i, text in enumerate(spec.series[si].labels):
            if ctx.shown[si][i]:
                label(ctx, ser_el, i, text, size, "primary", True, XL_LABEL_POSITION.ABOVE)
    if bench:
        _benchmark_line(ctx, chart, sers[-1], line_unit)
        text = f"{spec.benchmark_label} {spec.benchmark_text}"
        xml.manual_layout(xml.plot_area(chart), 0.02, 0.12, 0.96 - _right_margin(ctx, text), 0.76)
    return frame


# --------------------------------------------------------------------------- parts of a whole
def _parts(ctx: Ctx) -> Any:
    spec = ctx.spec
    frame, chart = new_chart(ctx, TYPES[spec.type], _rows(ctx))
    plot = chart.plots[0]
    plot.vary_by_categories = True
    ser = plot.series[0]
    size = ctx.label_size
    colors = ctx.colors[0]
    chart.has_legend = False
    for i in range(len(spec.categories)):
        pt = ser.points[i]
        pt.format.fill.solid()
        pt.format.fill.fore_color.rgb = ctx.c.look.color(colors[i])
        pt.format.line.color.rgb = ctx.c.look.color("background")
        pt.format.line.width = Pt(1.5)
        if not ctx.shown[0][i]:
            continue
        if spec.type == "pie":
            label(ctx, ser._element, i, f"{spec.categories[i]}\n{spec.series[0].labels[i]}",
                  size, "text", True, XL_LABEL_POSITION.OUTSIDE_END)
        elif _share(spec, i) >= 0.04:
            label(ctx, ser._element, i, spec.series[0].labels[i], size - 1,
                  point_label_color(ctx, colors[i]), True)
    if spec.type == "pie":
        xml.manual_layout(xml.plot_area(chart), 0.2, 0.14, 0.6, 0.72)
        return frame
    xml.hole_size(chart, int(ctx.lay["doughnut_hole"]))
    w, h = ctx.width_pt(), ctx.height_pt()
    ring, legend_box = design.doughnut_boxes(w, h)
    xml.manual_layout(xml.plot_area(chart), *ring)
    if spec.center_label:
        _center_label(ctx, ring[0] + ring[2] / 2, ring[1] + ring[3] / 2, ring[2] * w * 0.5)
    _legend_table(ctx, legend_box)
    return frame


def _share(spec: ChartSpec, i: int) -> float:
    values = [v or 0.0 for v in spec.series[0].values]
    total = sum(values)
    return values[i] / total if total else 0.0


def _legend_table(ctx: Ctx, box: tuple[float, float, float, float]) -> None:
    """A doughnut's legend as a small table beside it: swatch, category, amount, share."""
    spec = ctx.spec
    look = ctx.c.look
    bx, by, bw, bh = (int(v) for v in ctx.box)
    lay = ctx.lay["legend_table"]
    n = len(spec.categories)
    row_h = min(float(lay["row_h"]) * 914400, box[3] * bh / max(1, n))
    x0 = bx + int(box[0] * bw)
    width = int(box[2] * bw)
    y0 = by + int(box[1] * bh + (box[3] * bh - row_h * n) / 2)
    sw = int(float(lay["swatch"]) * 914400)
    amount_w = int(width * 0.3)
    name_style = look.style({"size": lay["size"], "min_size": 9, "color": "text"})
    value_style = look.style({"size": lay["size"], "min_size": 9, "bold": True,
                              "color": "text", "align": "right"})
    for i, cat in enumerate(spec.categories):
        y = y0 + int(i * row_h)
        ctx.c.rect((Emu(x0), Emu(y + int((row_h - sw) / 2)), Emu(sw), Emu(sw)),
                   ctx.colors[0][i], f"Legend {i + 1} swatch")
        name_x = x0 + sw + int(sw * 0.8)
        ctx.c.text((Emu(name_x), Emu(y), Emu(x0 + width - amount_w - name_x), Emu(int(row_h))),
                   cat, name_style, f"Legend {i + 1} name", anchor="middle", single_line=True)
        value = spec.legend_labels[i] if i < len(spec.legend_labels) else ""
        text = f"{value}  {spec.series[0].labels[i]}" if value else spec.series[0].labels[i]
        ctx.c.text((Emu(x0 + width - amount_w), Emu(y), Emu(amount_w), Emu(int(row_h))),
                   text, value_style, f"Legend {i + 1} value", anchor="middle",
                   single_line=True)
        if i < n - 1:
            ctx.c.rect((Emu(x0), Emu(y + int(row_h) - 6350), Emu(width), Emu(6350)), "line",
                       f"Legend {i + 1} rule")


def _center_label(ctx: Ctx, cx: float, cy: float, width_pt: float) -> None:
    """The figure and its caption in the doughnut's hole, as one text box over the chart."""
    spec = ctx.spec
    bx, by, bw, bh = (int(v) for v in ctx.box)
    lay = ctx.lay["center"]
    h_pt = float(lay["size"]) * 1.3 + float(lay["caption_size"]) * 1.5
    x = bx + int(cx * bw - width_pt / 2 * 12700)
    y = by + int(cy * bh - h_pt / 2 * 12700)
    box = (Emu(x), Emu(y), Emu(int(width_pt * 12700)), Emu(int(h_pt * 12700)))
    look = ctx.c.look
    paragraphs = [spec.center_label] + ([spec.center_caption] if spec.center_caption else [])
    shape = ctx.c.text(box, paragraphs, look.style({
        "size": lay["size"], "min_size": float(lay["size"]) * 0.6, "bold": True,
        "color": "primary", "align": "center"}), "Chart centre label", anchor="middle",
        inset=Emu(0))
    if spec.center_caption and len(shape.text_frame.paragraphs) > 1:
        for run in shape.text_frame.paragraphs[1].runs:
            run.font.size = Pt(float(lay["caption_size"]))
            run.font.bold = False
            run.font.color.rgb = look.color("muted")


WRITERS: dict[str, Callable[[Ctx], Any]] = {
    "column": _bars, "bar": _bars, "stacked_column": _bars, "stacked_column_100": _bars,
    "line": _line, "combo": _combo, "pie": _parts, "doughnut": _parts,
    "waterfall": native_built.waterfall, "funnel": native_built.funnel,
    "bullet": native_built.bullet, "sparkline": native_built.sparkline,
}

__all__ = ["TYPES", "WRITERS", "Box", "draw", "scale_for"]
