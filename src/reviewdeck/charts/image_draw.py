"""matplotlib drawing of each chart type onto a Figure, in the same colours, labels and value
ranges as the native charts (all decided in charts.design). Imported only by charts.image."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from reviewdeck.charts import design
from reviewdeck.plan.model import ChartSpec

PT = 1 / 72  # inches per point


class Canvas:
    """One figure being drawn: sizes in points and inches, palette lookups, shared margins."""

    def __init__(self, fig: Figure, spec: ChartSpec, style: Any, language: str) -> None:
        self.fig = fig
        self.spec = spec
        self.style = style
        self.language = language
        self.pal = style.palette
        self.lay = style.layout
        self.w_in, self.h_in = fig.get_size_inches()
        self.colors = design.point_colors(spec, self.pal)
        self.shown = design.shown_labels(spec)
        self.label_size = design.label_size(spec, self.lay)
        self.axis_size = float(self.lay["axis_size"])
        self.legend_size = float(self.lay["legend_size"])

    def c(self, name: str) -> str:
        return "#" + self.pal[name]

    def hexc(self, hex_: str) -> str:
        return "#" + hex_

    def axes(self, left_pt: float, bottom_pt: float, right_pt: float, top_pt: float) -> Any:
        """Axes inside margins given in points from each edge of the figure."""
        w, h = self.w_in / PT, self.h_in / PT
        rect = (left_pt / w, bottom_pt / h, max(0.05, 1 - (left_pt + right_pt) / w),
                max(0.05, 1 - (bottom_pt + top_pt) / h))
        ax = self.fig.add_axes(rect)
        ax.set_facecolor("none")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(self.c("line"))
        ax.spines["bottom"].set_linewidth(1.0)
        ax.tick_params(axis="both", length=0, labelsize=self.axis_size,
                       labelcolor=self.c("text"), pad=4)
        return ax

    def legend(self, handles: list[Any], names: list[str], top: bool = True) -> None:
        if top:
            self.fig.legend(handles, names, loc="upper left", bbox_to_anchor=(0.0, 1.0),
                            ncol=len(names), frameon=False, fontsize=self.legend_size,
                            labelcolor=self.c("muted"), handlelength=1.5, handleheight=0.8,
                            columnspacing=1.4, borderaxespad=0.2)
        else:
            self.fig.legend(handles, names, loc="center right", frameon=False,
                            fontsize=self.legend_size + 1, labelcolor=self.c("text"),
                            handlelength=1.0, handleheight=1.0, labelspacing=0.9,
                            borderaxespad=0.6)

    def text_pt(self, text: str, size: float) -> float:
        return design.approx_width_pt(text, size)

    def bench_label(self) -> str:
        return f"{self.spec.benchmark_label} {self.spec.benchmark_text}"


def draw(fig: Figure, spec: ChartSpec, style: Any, language: str) -> None:
    DRAWERS[spec.type](Canvas(fig, spec, style, language))


def _nan(values: list[float | None]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _annotate(ax: Any, text: str, x: float, y: float, size: float, color: str, bold: bool,
              dx: float = 0, dy: float = 3, ha: str = "center", va: str = "bottom",
              backdrop: str | None = None) -> None:
    box = {"boxstyle": "square,pad=0.12", "fc": backdrop, "ec": "none"} if backdrop else None
    ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                fontsize=size, color=color, fontweight="bold" if bold else "normal", bbox=box,
                annotation_clip=False)


def _ticks(cv: Canvas) -> tuple[float, float, list[float], list[str]]:
    """The value axis as the native chart has it: range, round ticks and their labels."""
    spec = cv.spec
    lo, hi = design.value_range(spec, cv.language)
    step = design.axis_step(spec, cv.language) or (hi - lo) / 4
    count = round((hi - lo) / step)
    ticks = [lo + step * k for k in range(count + 1)]
    return lo, hi, ticks, [design.tick_text(t, spec.unit, cv.language) for t in ticks]


def _legend_top_pt(cv: Canvas, show: bool) -> float:
    return cv.legend_size * 2.2 if show else cv.label_size * 1.2


def _bottom_pt(cv: Canvas) -> float:
    return cv.axis_size * 1.9


# --------------------------------------------------------------------------- bars
def _bars(cv: Canvas) -> None:
    """column (clustered), stacked_column, stacked_column_100."""
    spec = cv.spec
    rows = [(si, s) for si, s in enumerate(spec.series) if s.role in ("", "compare")]
    n = len(spec.categories)
    stacked = spec.type.startswith("stacked")
    bench = spec.benchmark is not None and spec.benchmark_style == "line"
    multi = len(rows) > 1
    right = cv.text_pt(cv.bench_label(), cv.label_size - 1) + 8 if bench else 4
    ax = cv.axes(4, _bottom_pt(cv), right, _legend_top_pt(cv, multi))
    lo, hi = design.value_range(spec, cv.language)
    ax.set_ylim(lo, hi)
    ax.set_xlim(-0.5, n - 0.5)
    ax.yaxis.set_visible(False)
    gap = float(cv.lay["gap_width"] if not multi or stacked else cv.lay["gap_width_multi"])
    group = 1 / (1 + gap / 100)
    width = group if stacked else group / len(rows)
    xs = list(range(n))
    totals = [sum(s.values[i] or 0 for _si, s in rows) for i in range(n)]
    bottoms = [0.0] * n
    handles = []
    for k, (si, s) in enumerate(rows):
        unit = s.unit or spec.unit
        vals = design.scaled(s.values, unit, cv.language)
        if spec.type == "stacked_column_100":
            vals = [None if v is None or not t else v / t for v, t in zip(s.values, totals)]
        off = 0.0 if stacked else (k - (len(rows) - 1) / 2) * width
        colors = [cv.hexc(c) for c in cv.colors[si]]
        heights = [v or 0.0 for v in vals]
        ax.bar([x + off for x in xs], heights, width * (0.94 if multi and not stacked else 1),
               bottom=bottoms if stacked else 0, color=colors, linewidth=0, zorder=2)
        handles.append(Patch(color=cv.hexc(design.series_color(spec, si, cv.pal))))
        for i, text in enumerate(s.labels):
            if not cv.shown[si][i] or vals[i] is None:
                continue
            if stacked:
                fill = cv.colors[si][i]
                ink = cv.c("on_dark") if design.is_dark(fill) else cv.c("text")
                _annotate(ax, text, i, bottoms[i] + heights[i] / 2, cv.label_size - 1, ink,
                          False, dy=0, va="center")
            else:
                compare = s.role == "compare"
                neg = heights[i] < 0
                _annotate(ax, text, i + off, heights[i], cv.label_size - (1 if compare else 0),
                          cv.c("muted") if compare else cv.c("text"), not compare,
                          dy=-3 if neg else 3, va="top" if neg else "bottom",
                          backdrop=cv.c("background") if bench else None)
        if stacked:
            bottoms = [b + h for b, h in zip(bottoms, heights)]
    if spec.total_labels:
        for i, text in enumerate(spec.total_labels):
            _annotate(ax, text, i, bottoms[i], cv.label_size, cv.c("text"), True)
    ax.set_xticks(xs, spec.categories)
    if bench:
        b = design.scaled([spec.benchmark], spec.unit, cv.language)[0]
        ax.axhline(b, color=cv.hexc(cv.pal.benchmark), lw=float(cv.lay["benchmark_width"]),
                   ls=(0, (4, 3)), zorder=3)
        _annotate(ax, cv.bench_label(), n - 0.5, b, cv.label_size - 1, cv.c("muted"), True,
                  dx=4, dy=0, ha="left", va="center")
    if multi:
        cv.legend(handles, [s.name for _si, s in rows])


def _bar(cv: Canvas) -> None:
    """Horizontal bars, first category on top, labels right of each bar."""
    spec = cv.spec
    s = spec.series[0]
    n = len(spec.categories)
    left = max(cv.text_pt(c, cv.axis_size) for c in spec.categories) + 10
    right = max(cv.text_pt(t, cv.label_size) for t in s.labels) + 8
    ax = cv.axes(left, 6, right, 6)
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(True)
    ax.spines["left"].set_color(cv.c("line"))
    lo, hi = design.value_range(spec, cv.language)
    ax.set_xlim(lo, hi)
    ax.set_ylim(n - 0.5, -0.5)
    ax.xaxis.set_visible(False)
    vals = [v or 0.0 for v in design.scaled(s.values, spec.unit, cv.language)]
    height = 1 / (1 + float(cv.lay["gap_width"]) / 100)
    ax.barh(range(n), vals, height, color=[cv.hexc(c) for c in cv.colors[0]], linewidth=0)
    for i, text in enumerate(s.labels):
        if cv.shown[0][i] and s.values[i] is not None:
            _annotate(ax, text, vals[i], i, cv.label_size, cv.c("text"), True, dx=4, dy=0,
                      ha="left", va="center")
    ax.set_yticks(range(n), spec.categories)


# --------------------------------------------------------------------------- lines
def _line_points(cv: Canvas, ax: Any, si: int, vals: list[float | None], color: str,
                 label_color: str) -> Any:
    spec = cv.spec
    s = spec.series[si]
    xs = range(len(vals))
    (handle,) = ax.plot(xs, _nan(vals), color=color, lw=float(cv.lay["line_width"]),
                        marker="o", ms=float(cv.lay["marker_size"]), mfc=color, mec="white",
                        mew=1.0, zorder=3, solid_capstyle="round")
    for i, text in enumerate(s.labels):
        if vals[i] is None:
            continue
        hl = si == 0 and i == spec.highlight and spec.type == "line" and len(spec.series) == 1
        if hl:
            ax.plot([i], [vals[i]], marker="o", ms=float(cv.lay["marker_size"]) + 3,
                    mfc=cv.c("accent"), mec="white", mew=1.0, zorder=4)
        if cv.shown[si][i]:
            _annotate(ax, text, i, vals[i], cv.label_size, cv.c("accent") if hl else label_color,
                      True, dy=5, backdrop=cv.c("background"))
    return handle


def _line(cv: Canvas) -> None:
    spec = cv.spec
    n = len(spec.categories)
    multi = len(spec.series) > 1
    bench = spec.benchmark is not None
    rights = [cv.text_pt(s.labels[-1], cv.label_size) + 10 for s in spec.series
              if multi and s.labels]
    if bench:
        rights.append(cv.text_pt(cv.bench_label(), cv.label_size - 1) + 8)
    right = max(rights + [12.0])
    lo, hi, ticks, tick_labels = _ticks(cv)
    left = max(cv.text_pt(t, cv.axis_size) for t in tick_labels) + 10
    top = _legend_top_pt(cv, multi) + 4
    ax = cv.axes(left, _bottom_pt(cv), right, top)
    ax.set_ylim(lo, hi)
    ax.set_xlim(-0.4, n - 0.6)
    ax.set_yticks(ticks, tick_labels)
    ax.tick_params(axis="y", labelcolor=cv.c("muted"))
    ax.grid(axis="y", color=cv.c("line"), lw=0.75, zorder=0)
    handles = []
    plot_h = cv.h_in / PT - _bottom_pt(cv) - top
    lasts = [design.scaled([s.values[-1]], s.unit or spec.unit, cv.language)[0]
             for s in spec.series]
    offsets = design.end_label_offsets(lasts, lo, hi, plot_h, cv.label_size)
    for si, s in enumerate(spec.series):
        color = cv.hexc(design.series_color(spec, si, cv.pal))
        vals = design.scaled(s.values, s.unit or spec.unit, cv.language)
        if multi:
            shown = cv.shown[si]
            cv.shown[si] = [False] * n
            handles.append(_line_points(cv, ax, si, vals, color, cv.c("text")))
            cv.shown[si] = shown
            if shown and shown[-1] and vals[-1] is not None:
                _annotate(ax, s.labels[-1], n - 1, vals[-1], cv.label_size, color, True,
                          dx=7, dy=offsets[si], ha="left", va="center")
        else:
            handles.append(_line_points(cv, ax, si, vals, color, cv.c("text")))
    ax.set_xticks(range(n), spec.categories)
    if bench:
        b = design.scaled([spec.benchmark], spec.unit, cv.language)[0]
        ax.axhline(b, color=cv.hexc(cv.pal.benchmark), lw=float(cv.lay["benchmark_width"]),
                   ls=(0, (4, 3)), zorder=2)
        _annotate(ax, cv.bench_label(), n - 0.6, b, cv.label_size - 1, cv.c("muted"), True,
                  dx=4, dy=0, ha="left", va="center")
    if multi:
        cv.legend(handles, [s.name for s in spec.series])


def _combo(cv: Canvas) -> None:
    spec = cv.spec
    n = len(spec.categories)
    cols = [(si, s) for si, s in enumerate(spec.series) if s.role == ""]
    lines = [(si, s) for si, s in enumerate(spec.series) if s.role == "line"]
    bench = spec.benchmark is not None
    right = cv.text_pt(cv.bench_label(), cv.label_size - 1) + 8 if bench else 4
    ax = cv.axes(4, _bottom_pt(cv), right, _legend_top_pt(cv, True))
    lo, hi = design.value_range(spec, cv.language)
    ax.set_ylim(lo, hi)
    ax.set_xlim(-0.5, n - 0.5)
    ax.yaxis.set_visible(False)
    group = 1 / (1 + float(cv.lay["gap_width"]) / 100)
    width = group / len(cols)
    handles, names = [], []
    for k, (si, s) in enumerate(cols):
        vals = design.scaled(s.values, s.unit or spec.unit, cv.language)
        off = (k - (len(cols) - 1) / 2) * width
        ax.bar([i + off for i in range(n)], [v or 0 for v in vals], width * 0.94,
               color=[cv.hexc(c) for c in cv.colors[si]], linewidth=0, zorder=2)
        handles.append(Patch(color=cv.hexc(design.series_color(spec, si, cv.pal))))
        names.append(s.name)
        for i, text in enumerate(s.labels):
            if cv.shown[si][i] and vals[i] is not None:
                _annotate(ax, text, i + off, vals[i], cv.label_size, cv.c("text"), False)
    ax.set_xticks(range(n), spec.categories)
    ax2 = ax.twinx()
    ax2.set_facecolor("none")
    for side in ("top", "right", "left", "bottom"):
        ax2.spines[side].set_visible(False)
    ax2.yaxis.set_visible(False)
    slo, shi = design.value_range(spec, cv.language, secondary=True)
    ax2.set_ylim(slo, shi)
    for si, s in lines:
        color = cv.hexc(design.series_color(spec, si, cv.pal))
        vals = design.scaled(s.values, s.unit or spec.unit, cv.language)
        handles.append(_line_points(cv, ax2, si, vals, color, cv.c("primary")))
        names.append(s.name)
    if bench:
        unit = lines[0][1].unit or spec.unit
        b = design.scaled([spec.benchmark], unit, cv.language)[0]
        ax2.axhline(b, color=cv.hexc(cv.pal.benchmark), lw=float(cv.lay["benchmark_width"]),
                    ls=(0, (4, 3)), zorder=2)
        _annotate(ax2, cv.bench_label(), n - 0.5, b, cv.label_size - 1, cv.c("muted"), True,
                  dx=4, dy=0, ha="left", va="center")
    cv.legend(handles, names)


# --------------------------------------------------------------------------- parts of a whole
def _parts(cv: Canvas) -> None:
    spec = cv.spec
    s = spec.series[0]
    vals = [max(0.0, v or 0.0) for v in s.values]
    colors = [cv.hexc(c) for c in cv.colors[0]]
    w, h = cv.w_in / PT, cv.h_in / PT
    wedge = {"edgecolor": cv.c("background"), "linewidth": 1.5}
    total = sum(vals) or 1.0
    if spec.type == "pie":
        side = min(h * 0.72, w * 0.6)
        ax = cv.fig.add_axes(((w - side) / 2 / w, (h - side) / 2 / h, side / w, side / h))
        ax.pie(vals, colors=colors, startangle=90, counterclock=False, wedgeprops=wedge)
        angle = 90.0
        for i, v in enumerate(vals):
            sweep = 360 * v / total
            mid = math.radians(angle - sweep / 2)
            angle -= sweep
            if not cv.shown[0][i]:
                continue
            x, y = math.cos(mid), math.sin(mid)
            side_ = "left" if x >= 0 else "right"
            ax.annotate(f"{spec.categories[i]}\n{s.labels[i]}", (0.98 * x, 0.98 * y),
                        xytext=(1.2 * x, 1.2 * y), ha=side_, va="center", multialignment=side_,
                        fontsize=cv.label_size, fontweight="bold", color=cv.c("text"),
                        annotation_clip=False, linespacing=1.3,
                        arrowprops={"arrowstyle": "-", "color": cv.c("muted"), "lw": 0.75})
        ax.set_aspect("equal")
        return
    ring_box, legend_box = design.doughnut_boxes(w, h)
    x, y, bw, bh = ring_box
    ax = cv.fig.add_axes((x, 1 - y - bh, bw, bh))
    ring = 1 - float(cv.lay["doughnut_hole"]) / 100
    ax.pie(vals, colors=colors, startangle=90, counterclock=False,
           wedgeprops={**wedge, "width": ring})
    ax.set_xlim(-1.01, 1.01)
    ax.set_ylim(-1.01, 1.01)
    angle = 90.0
    for i, v in enumerate(vals):
        sweep = 360 * v / total
        mid = math.radians(angle - sweep / 2)
        angle -= sweep
        if not cv.shown[0][i] or v / total < 0.04:
            continue
        r = 1 - ring / 2
        ink = cv.c("on_dark") if design.is_dark(cv.colors[0][i]) else cv.c("text")
        ax.text(r * math.cos(mid), r * math.sin(mid), s.labels[i], ha="center", va="center",
                fontsize=cv.label_size - 1, fontweight="bold", color=ink)
    ax.set_aspect("equal")
    center = cv.lay["center"]
    if spec.center_label:
        dy = 0.1 if spec.center_caption else 0.0
        ax.text(0, dy, spec.center_label, ha="center", va="center", fontweight="bold",
                fontsize=float(center["size"]), color=cv.c("primary"))
        if spec.center_caption:
            ax.text(0, -0.2, spec.center_caption, ha="center", va="center",
                    fontsize=float(center["caption_size"]), color=cv.c("muted"))
    _legend_table(cv, legend_box)


def _legend_table(cv: Canvas, box: tuple[float, float, float, float]) -> None:
    """The doughnut legend as the native one draws it: swatch, category, amount and share."""
    spec = cv.spec
    lay = cv.lay["legend_table"]
    n = len(spec.categories)
    h_in = cv.h_in
    row = min(float(lay["row_h"]), box[3] * h_in / max(1, n)) / h_in
    top = box[1] + (box[3] - row * n) / 2
    size = float(lay["size"])
    sw_w = float(lay["swatch"]) / cv.w_in
    sw_h = float(lay["swatch"]) / h_in
    x0, width = box[0], box[2]
    for i, cat in enumerate(spec.categories):
        yc = 1 - (top + (i + 0.5) * row)
        cv.fig.add_artist(Rectangle((x0, yc - sw_h / 2), sw_w, sw_h, edgecolor="none",
                                    facecolor=cv.hexc(cv.colors[0][i]),
                                    transform=cv.fig.transFigure))
        cv.fig.text(x0 + sw_w * 1.8, yc, cat, ha="left", va="center", fontsize=size,
                    color=cv.c("text"))
        value = spec.legend_labels[i] if i < len(spec.legend_labels) else ""
        text = f"{value}  {spec.series[0].labels[i]}" if value else spec.series[0].labels[i]
        cv.fig.text(x0 + width, yc, text, ha="right", va="center", fontsize=size,
                    fontweight="bold", color=cv.c("text"))
        if i < n - 1:
            y_rule = 1 - (top + (i + 1) * row)
            cv.fig.add_artist(_rule(cv, x0, x0 + width, y_rule))


def _rule(cv: Canvas, x0: float, x1: float, y: float) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=cv.fig.transFigure, color=cv.c("line"), lw=0.75)


# --------------------------------------------------------------------------- built types
def _waterfall(cv: Canvas) -> None:
    spec = cv.spec
    s = spec.series[0]
    n = len(spec.categories)
    k = design.scale(spec.unit, cv.language)
    spans = [(lo / k, hi / k) for lo, hi in design.waterfall_spans(spec)]
    ax = cv.axes(4, _bottom_pt(cv), 4, cv.label_size * 1.4)
    lo, hi = design.value_range(spec, cv.language)
    ax.set_ylim(lo, hi)
    ax.set_xlim(-0.5, n - 0.5)
    ax.yaxis.set_visible(False)
    width = 1 / (1 + float(cv.lay["waterfall_gap_width"]) / 100)
    colors = [cv.hexc(c) for c in cv.colors[0]]
    ax.bar(range(n), [b - a for a, b in spans], width, bottom=[a for a, _b in spans],
           color=colors, linewidth=0, zorder=2)
    running = 0.0
    for i, (v, step) in enumerate(zip(s.values, spec.steps)):
        level = (v or 0.0) / k if step == "total" else running + (v or 0.0) / k
        running = level
        if i < n - 1:
            ax.plot([i + width / 2, i + 1 - width / 2], [level, level], color=cv.c("muted"),
                    lw=0.75, ls=(0, (2, 2)), zorder=1)
    for i, text in enumerate(s.labels):
        if not cv.shown[0][i]:
            continue
        a, b = spans[i]
        below = b <= 0
        color = cv.c("text") if spec.steps[i] == "total" else (
            cv.c("negative") if (s.values[i] or 0) < 0 else cv.c("positive"))
        _annotate(ax, text, i, a if below else b, cv.label_size, color, True,
                  dy=-3 if below else 3, va="top" if below else "bottom")
    ax.set_xticks(range(n), spec.categories)


def _funnel(cv: Canvas) -> None:
    spec = cv.spec
    s = spec.series[0]
    n = len(spec.categories)
    vals = [v or 0.0 for v in s.values]
    top = max(vals, default=1.0) or 1.0
    left = max(cv.text_pt(c, cv.axis_size + 1) for c in spec.categories) + 12
    ax = cv.axes(left, 6, 6, 6)
    ax.spines["bottom"].set_visible(False)
    ax.set_xlim(0, top)
    ax.set_ylim(n - 0.5, -0.5)
    ax.xaxis.set_visible(False)
    height = 1 / (1 + float(cv.lay["funnel_gap_width"]) / 100)
    colors = [cv.hexc(c) for c in cv.colors[0]]
    ax.barh(range(n), vals, height, left=[(top - v) / 2 for v in vals], color=colors,
            linewidth=0)
    for i, text in enumerate(s.labels):
        if cv.shown[0][i]:
            ink = cv.c("on_dark") if design.is_dark(cv.colors[0][i]) else cv.c("text")
            ax.text(top / 2, i, text, ha="center", va="center", fontsize=cv.label_size,
                    fontweight="bold", color=ink)
    ax.set_yticks(range(n), spec.categories)
    ax.tick_params(axis="y", labelsize=cv.axis_size + 1)
    for lab in ax.get_yticklabels():
        lab.set_fontweight("bold")


def _bullet(cv: Canvas) -> None:
    spec = cv.spec
    actual, target = spec.series[0], spec.series[1]
    n = len(spec.categories)
    lo, hi, ticks, tick_labels = _ticks(cv)
    left = max(cv.text_pt(t, cv.axis_size) for t in tick_labels) + 10
    ax = cv.axes(left, _bottom_pt(cv), 8, _legend_top_pt(cv, True) + 4)
    ax.set_ylim(lo, hi)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_yticks(ticks, tick_labels)
    ax.tick_params(axis="y", labelcolor=cv.c("muted"))
    ax.grid(axis="y", color=cv.c("line"), lw=0.75, zorder=0)
    gap = float(cv.lay["bullet_gap_width"])
    width = 1 / (1 + gap / 100)
    a_vals = design.scaled(actual.values, spec.unit, cv.language)
    t_vals = design.scaled(target.values, spec.unit, cv.language)
    colors = [cv.hexc(c) for c in cv.colors[0]]
    ax.bar(range(n), [v or 0 for v in a_vals], width, color=colors, linewidth=0, zorder=2)
    marker_w = min(0.95, width * float(cv.lay["bullet_marker_scale"]))
    for i, t in enumerate(t_vals):
        if t is not None:
            ax.plot([i - marker_w / 2, i + marker_w / 2], [t, t], color=cv.hexc(cv.pal.target),
                    lw=4.5, solid_capstyle="butt", zorder=3)
    for i, text in enumerate(actual.labels):
        if cv.shown[0][i] and a_vals[i] is not None:
            ink = cv.c("on_dark") if design.is_dark(cv.colors[0][i]) else cv.c("text")
            _annotate(ax, text, i, a_vals[i], cv.label_size - 1, ink, True, dy=-4, va="top")
    ax.set_xticks(range(n), spec.categories)
    from matplotlib.lines import Line2D

    handles = [Patch(color=cv.c("secondary")),
               Line2D([], [], color=cv.hexc(cv.pal.target), lw=4.5)]
    cv.legend(handles, [actual.name, target.name])


def _sparkline(cv: Canvas) -> None:
    spec = cv.spec
    s = spec.series[0]
    unit = s.unit or spec.unit
    vals = design.scaled(s.values, unit, cv.language)
    ax = cv.fig.add_axes((0.03, 0.08, 0.94, 0.84))
    ax.set_axis_off()
    ax.set_facecolor("none")
    lo, hi = design.value_range(spec, cv.language)
    ax.set_ylim(lo, hi)
    ax.set_xlim(-0.3, len(vals) - 0.7)
    lay = cv.lay["sparkline"]
    ax.plot(range(len(vals)), _nan(vals), color=cv.c("secondary"), lw=float(lay["line_width"]),
            solid_capstyle="round", solid_joinstyle="round")
    last = max((i for i, v in enumerate(vals) if v is not None), default=None)
    if last is not None:
        ax.plot([last], [vals[last]], marker="o", ms=float(lay["marker_size"]),
                mfc=cv.c("accent"), mec="white", mew=1.0)


DRAWERS: dict[str, Callable[[Canvas], None]] = {
    "column": _bars, "stacked_column": _bars, "stacked_column_100": _bars, "bar": _bar,
    "line": _line, "combo": _combo, "pie": _parts, "doughnut": _parts,
    "waterfall": _waterfall, "funnel": _funnel, "bullet": _bullet, "sparkline": _sparkline,
}
