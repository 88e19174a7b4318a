"""What a chart looks like, decided once for both renderers: colours per point, which labels
show, value-axis range and number format, waterfall spans.

Everything here is plain data (hex colours, floats), so the image renderer can run it in
another process and the two renderers cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from reviewdeck.plan.model import ChartSpec

ROLE_NAMES = ("primary", "secondary", "accent", "positive", "negative", "text", "muted", "line",
              "light", "background", "on_dark")


@dataclass(frozen=True)
class Palette:
    """The theme's colours as RRGGBB strings, plus the chart section of the layout."""

    series: tuple[str, ...]
    roles: dict[str, str]
    benchmark: str
    compare: str
    target: str

    def __getitem__(self, name: str) -> str:
        return self.roles.get(name, name)

    @classmethod
    def from_look(cls, look: Any) -> Palette:
        def hexof(name: str) -> str:
            return str(look.color(name))

        lay = look["chart"]
        return cls(series=tuple(str(c) for c in look.chart_colors),
                   roles={n: hexof(n) for n in ROLE_NAMES},
                   benchmark=hexof(lay["benchmark_color"]), compare=hexof(lay["compare_color"]),
                   target=hexof(lay["target_color"]))


# --------------------------------------------------------------------------- numbers
def scale(unit: str, language: str) -> float:
    """Money is stored in the chart's data in 万 (zh) or thousands (en), as its labels show it."""
    if unit == "money":
        return 1e4 if language == "zh-CN" else 1e3
    return 1.0


def number_format(unit: str, language: str) -> str:
    """The Excel number format of stored values (axis ticks, the embedded sheet)."""
    if unit == "money":
        return '#,##0"万"' if language == "zh-CN" else '"¥"#,##0"K"'
    if unit == "rate":
        return "0%"
    if unit == "change":
        return "+0%;-0%;0%"
    if unit == "ratio":
        return '"1:"0.0'
    if unit in ("days", "hours"):
        return "0.0"
    return "#,##0"


def tick_text(v: float, unit: str, language: str) -> str:
    """A value-axis tick as number_format would print it (for the image renderer)."""
    if unit == "money":
        return f"{v:,.0f}万" if language == "zh-CN" else f"¥{v:,.0f}K"
    if unit == "rate":
        return f"{v * 100:.0f}%"
    if unit == "change":
        return f"{v * 100:+.0f}%" if v else "0%"
    if unit == "ratio":
        return f"1:{v:.1f}"
    if unit in ("days", "hours"):
        return f"{v:.1f}"
    return f"{v:,.0f}"


def scaled(values: list[float | None], unit: str, language: str) -> list[float | None]:
    k = scale(unit, language)
    return [None if v is None else v / k for v in values]


def nice_ceiling(x: float) -> float:
    """The next round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n) at or above x."""
    if x <= 0:
        return 0.0
    exp = math.floor(math.log10(x))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * 10 ** exp >= x * (1 - 1e-9):
            return float(step * 10 ** exp)
    return float(10 ** (exp + 1))


def value_range(spec: ChartSpec, language: str, secondary: bool = False) -> tuple[float, float]:
    """(min, max) of a value axis in stored units, with room above for labels."""
    lo, hi, _step = _value_scale(spec, language, secondary)
    return lo, hi


def axis_step(spec: ChartSpec, language: str) -> float | None:
    """The tick spacing of a visible value axis (None: the axis is hidden)."""
    return _value_scale(spec, language, False)[2]


def _value_scale(spec: ChartSpec, language: str,
                 secondary: bool) -> tuple[float, float, float | None]:
    """(min, max, tick step) of a value axis in stored units.

    A combo keeps its layers apart: the columns fill the lower 60% of the plot and the line
    runs in a band above them, so neither hides the other's labels. A sparkline spans its own
    data range.
    """
    rows = [s for s in spec.series if (s.role == "line") == secondary and s.role != "target"]
    if spec.type == "bullet":
        rows = list(spec.series)
    unit = _unit(spec, rows[0]) if rows else spec.unit
    values: list[float] = []
    if spec.type == "stacked_column":
        for i in range(len(spec.categories)):
            values.append(sum(s.values[i] or 0 for s in rows))
    elif spec.type == "waterfall":
        for lo, hi in waterfall_spans(spec):
            values += [lo, hi]
    else:
        values = [v for s in rows for v in s.values if v is not None]
    bench_here = spec.benchmark is not None and spec.benchmark_style == "line" and (
        secondary == (spec.type == "combo"))
    if bench_here:
        values.append(float(spec.benchmark))  # type: ignore[arg-type]
    k = scale(unit, language)
    values = [v / k for v in values]
    if spec.type == "stacked_column_100":
        return 0.0, 1.0, None
    hi = max(values + [0.0])
    lo = min(values + [0.0])
    if spec.type == "sparkline":
        vmin, vmax = min(values, default=0.0), max(values, default=1.0)
        pad = (vmax - vmin) * 0.12 or abs(vmax) * 0.1 or 1.0
        return vmin - pad, vmax + pad, None
    if spec.type == "combo" and secondary:
        vmin, vmax = min(values, default=0.0), max(values, default=1.0)
        span = (vmax - vmin) / 0.22 or abs(vmax) * 2 or 1.0
        bottom = vmin - 0.68 * span
        return bottom, bottom + span, None
    if spec.type == "combo":
        return min(lo, 0.0), (hi / 0.6 if hi > 0 else 1.0), None
    if axis_visible(spec):
        bullet = spec.type == "bullet"  # labels sit inside its bars: little room needed above
        return nice_scale(lo if bullet else min(values, default=0.0), hi, zero=bullet,
                          ticks=7 if bullet else 5, headroom=0.02 if bullet else 0.08)
    head = 1.12 if spec.type in ("bar", "funnel") else 1.15
    top = hi * head if hi > 0 else 0.0
    bottom = lo * head if lo < 0 else 0.0
    if top == bottom:
        top = 1.0
    return bottom, top, None


def nice_scale(vmin: float, vmax: float, zero: bool, ticks: int = 5,
               headroom: float = 0.08) -> tuple[float, float, float]:
    """Round axis ends and step: from zero, unless the data sit far above it (a line of
    sales between 95万 and 152万 gets 80–160万, not 0–160万)."""
    if zero or vmin <= 0.5 * vmax or vmin <= 0:
        vmin = min(vmin, 0.0)
    span = (vmax - vmin) or abs(vmax) or 1.0
    step = _nice_step(span / (ticks - 1))
    lo = math.floor(vmin / step + 1e-9) * step
    hi = math.ceil(vmax / step - 1e-9) * step
    if hi - vmax < headroom * (hi - lo):  # room for the labels above the highest point
        hi += step
    return lo, hi, step


def _nice_step(raw: float) -> float:
    exp = math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * 10 ** exp >= raw * (1 - 1e-9):
            return float(m * 10 ** exp)
    return float(10 ** (exp + 1))


def axis_visible(spec: ChartSpec) -> bool:
    """Only line and bullet charts show a value axis; the others carry data labels instead."""
    return spec.type in ("line", "bullet")


def _unit(spec: ChartSpec, series: Any) -> str:
    return series.unit or spec.unit


# --------------------------------------------------------------------------- colours
def point_colors(spec: ChartSpec, pal: Palette) -> list[list[str]]:
    """The fill (or line) colour of every point of every series."""
    n = len(spec.categories)
    out: list[list[str]] = []
    t = spec.type
    if t in ("pie", "doughnut"):
        others = [c for c in pal.series if c != pal["accent"]] or list(pal.series)
        colors = []
        k = 0
        for i in range(n):
            if i == spec.highlight:
                colors.append(pal["accent"])
            else:
                colors.append(others[k % len(others)])
                k += 1
        return [colors]
    if t == "funnel":
        return [[pal.series[min(i, 1) % len(pal.series)] if i < n - 1 else pal["accent"]
                 for i in range(n)]]
    if t == "waterfall":
        colors = []
        for v, step in zip(spec.series[0].values, spec.steps):
            if step == "total":
                colors.append(pal["primary"])
            else:
                colors.append(pal["negative"] if (v or 0) < 0 else pal["positive"])
        return [colors]
    if t == "bullet":  # the target marker shows the gap; the bars stay calm
        return [[pal["secondary"]] * n, [pal.target] * n]
    plain = [s for s in spec.series if s.role == ""]
    single = len(plain) == 1
    for si, s in enumerate(spec.series):
        if s.role == "compare":
            out.append([pal.compare] * n)
            continue
        if s.role == "line":
            out.append([pal["primary"]] * n)
            continue
        if single:
            base = pal["secondary"]
        else:
            base = pal.series[si % len(pal.series)]
        colors = []
        for i, v in enumerate(s.values):
            c = base
            if t not in ("stacked_column", "stacked_column_100", "sparkline"):
                if single and si == 0 and spec.highlight == i:
                    c = pal["accent"]
                if v is not None and v < 0 and t != "line":
                    c = pal["negative"]
                if spec.benchmark_style == "category" and spec.categories[i] == \
                        spec.benchmark_label and si == 0:
                    c = pal.benchmark
            colors.append(c)
        out.append(colors)
    return out


def series_color(spec: ChartSpec, si: int, pal: Palette) -> str:
    """A series' own colour (legend swatch, line colour)."""
    s = spec.series[si]
    if s.role == "compare":
        return pal.compare
    if s.role == "line":
        return pal["primary"]
    if s.role == "target":
        return pal.target
    plain = [x for x in spec.series if x.role == ""]
    if len(plain) == 1 and spec.type not in ("stacked_column", "stacked_column_100"):
        return pal["secondary"]
    return pal.series[si % len(pal.series)]


# --------------------------------------------------------------------------- labels
def shown_labels(spec: ChartSpec) -> list[list[bool]]:
    """Which points carry their data label, so neither renderer clutters a chart."""
    mode = spec.label_mode
    n = len(spec.categories)
    out: list[list[bool]] = []
    for si, s in enumerate(spec.series):
        has = [bool(lab) and v is not None for lab, v in zip(s.labels, s.values)]
        last = max((i for i in range(n) if has[i]), default=None)
        if spec.type == "sparkline" or s.role == "target" or mode == "none":
            out.append([False] * n)
        elif mode == "last":
            out.append([i == last for i in range(n)])
        elif mode == "all":
            out.append(has)
        elif spec.type == "line":
            single = len(spec.series) == 1
            if single and n <= 12:
                out.append(has)
            else:
                out.append([has[i] and (i == last or (si == 0 and i == spec.highlight))
                            for i in range(n)])
        elif s.role == "compare":
            out.append([h and n <= 6 for h in has])
        elif spec.type == "stacked_column":
            top = max((sum(x.values[i] or 0 for x in spec.series) for i in range(n)), default=0)
            out.append([h and (s.values[i] or 0) >= 0.07 * top for i, h in enumerate(has)])
        elif spec.type == "stacked_column_100":
            totals = [sum(x.values[i] or 0 for x in spec.series) for i in range(n)]
            out.append([h and bool(totals[i]) and (s.values[i] or 0) / totals[i] >= 0.06
                        for i, h in enumerate(has)])
        else:
            out.append(has)
    return out


# --------------------------------------------------------------------------- waterfall
def waterfall_spans(spec: ChartSpec) -> list[tuple[float, float]]:
    """(low, high) of each waterfall bar in data units: totals from zero, changes from the
    running total."""
    spans: list[tuple[float, float]] = []
    running = 0.0
    for v, step in zip(spec.series[0].values, spec.steps):
        v = v or 0.0
        if step == "total":
            running = v
            spans.append((min(0.0, v), max(0.0, v)))
        else:
            after = running + v
            spans.append((min(running, after), max(running, after)))
            running = after
    return spans


def label_size(spec: ChartSpec, lay: dict[str, Any]) -> float:
    """Data-label size: the layout's, a step smaller on crowded charts."""
    size = float(lay["label_size"])
    n = len(spec.categories)
    if n > 8 or (spec.type in ("stacked_column", "stacked_column_100", "combo") and n > 5):
        size -= 2
    return size


def is_dark(hex_: str) -> bool:
    """Whether white text reads better than dark text on this fill (relative luminance)."""
    r, g, b = (int(hex_[i:i + 2], 16) / 255 for i in (0, 2, 4))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return lum < 0.179  # where white and near-black text have equal contrast


def approx_width_pt(text: str, size: float) -> float:
    """A text's width estimated from East-Asian widths (1 em wide, 0.55 em otherwise)."""
    import unicodedata

    lines = text.split("\n") or [""]
    return max(sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.56
                   for ch in line) for line in lines) * size


def end_label_offsets(values: list[float | None], lo: float, hi: float, plot_h_pt: float,
                      size_pt: float) -> list[float]:
    """Vertical offsets in points (up is positive) that keep the end labels of several lines
    from overlapping: each label at least 1.2 lines from its neighbour, all inside the plot."""
    span = (hi - lo) or 1.0
    pos = [None if v is None else (v - lo) / span * plot_h_pt for v in values]
    order = sorted((p, i) for i, p in enumerate(pos) if p is not None)
    gap = size_pt * 1.2
    placed: list[tuple[float, int]] = []
    for p, i in order:
        if placed and p - placed[-1][0] < gap:
            p = placed[-1][0] + gap
        placed.append((p, i))
    excess = placed[-1][0] + size_pt * 0.6 - plot_h_pt if placed else 0.0
    if excess > 0:
        placed = [(p - excess, i) for p, i in placed]
    out = [0.0] * len(values)
    for p, i in placed:
        out[i] = p - (pos[i] or 0.0)
    return out


def doughnut_boxes(w_pt: float, h_pt: float) -> tuple[tuple[float, float, float, float],
                                                      tuple[float, float, float, float]]:
    """(ring, legend) boxes as fractions (x, y from the top-left, w, h) of the chart box: the
    ring a square on the left, the legend table to its right."""
    side = min(h_pt * 0.92, w_pt * 0.5)
    ring_x = max(0.0, (w_pt * 0.5 - side) / 2)
    ring = (ring_x / w_pt, (h_pt - side) / 2 / h_pt, side / w_pt, side / h_pt)
    lx = (ring_x + side) / w_pt + 0.05
    legend = (lx, 0.1, min(0.5, 0.97 - lx), 0.8)
    return ring, legend
