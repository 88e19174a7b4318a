"""Assemble a renderer-neutral ChartSpec from computed metrics: categories, aligned series,
labels in the seed's conventions (58万, 45%, +15%), highlight, benchmark and alt text.

The planner resolves metric names and templates; this module only arranges numbers, so both
renderers draw exactly the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewdeck.metrics.values import Series, Value
from reviewdeck.plan.model import ChartSeries, ChartSpec
from reviewdeck.text.format import format_number, money, pct, points, signed_pct, wan


class ChartDataError(Exception):
    """The metrics given to a chart cannot make that chart; the planner adds the location."""

    def __init__(self, message: str, key: str = "metric") -> None:
        super().__init__(message)
        self.key = key


@dataclass
class ChartInputs:
    """A chart config with its metrics computed and its templates rendered."""

    type: str
    series: list[Series]
    names: list[str]
    language: str = "zh-CN"
    title: str = ""
    note: str = ""
    compare: Series | None = None
    compare_name: str = ""
    line: Series | None = None
    line_name: str = ""
    target: Series | Value | None = None
    start: Value | None = None
    end: Value | None = None
    start_label: str = ""
    end_label: str = ""
    center: str = ""
    center_caption: str = ""
    benchmark: float | None = None
    benchmark_label: str = ""
    benchmark_as: str | None = None
    highlight: str = "max"
    labels: str = "auto"
    sort: bool | None = None
    renderer: str = "native"
    extra_alt: list[str] = field(default_factory=list)


def chart_label(v: float | None, unit: str, compact: bool = False) -> str:
    """A data label: money in 万 without 元 (58万; whole 万 when every value is large), rates
    as 45%, everything else as the text filters write it."""
    if unit == "money":
        from reviewdeck.text.format import LANGUAGE, yuan

        if LANGUAGE.get() == "en":
            return money(v)
        if v is not None and abs(v) < 1e4:
            return yuan(v)  # 920元, not a bare 920
        return wan(v, digits=0 if compact else 1)
    return format_number(v, unit)


def _compact(values: list[float | None], unit: str) -> bool:
    """Whole 万 when every non-zero amount is at least 10万 (labels such as 111万, not 111.3万)."""
    present = [abs(v) for v in values if v]
    return unit == "money" and bool(present) and min(present) >= 1e5


def labels_for(values: list[float | None], unit: str) -> list[str]:
    compact = _compact(values, unit)
    return [chart_label(v, unit, compact) for v in values]


def signed_label(v: float | None, unit: str, compact: bool) -> str:
    """A change in its own unit with its sign: +5万, −3万, +8个百分点, +12%."""
    if v is None:
        return chart_label(None, unit)
    if unit == "rate":
        return points(v)
    if unit == "change":
        return signed_pct(v)
    body = chart_label(abs(v), unit, compact)
    return ("+" if v > 0 else "\u2212" if v < 0 else "") + body


def month_labels(keys: list[str], language: str) -> list[str]:
    """2025-01.. as 1月, 2月 (24年12月 / 25年1月 where the year changes); Jan, Feb in English."""
    out = []
    years = {k[:4] for k in keys}
    prev_year = ""
    for k in keys:
        try:
            year, month = k[:4], int(k[5:7])
        except ValueError:
            out.append(k)
            continue
        show_year = len(years) > 1 and year != prev_year
        prev_year = year
        if language == "en":
            import calendar

            name = calendar.month_abbr[month]
            out.append(f"{name} {year[2:]}" if show_year else name)
        else:
            out.append(f"{year[2:]}年{month}月" if show_year else f"{month}月")
    return out


def _aligned(series: Series, categories: list[str]) -> list[float | None]:
    lookup = dict(series.items)
    return [lookup.get(c) for c in categories]


def _highlight(rule: str, categories: list[str], values: list[float | None],
               skip: int | None = None) -> int | None:
    present = [(i, v) for i, v in enumerate(values) if v is not None and i != skip]
    if rule == "max" and present:
        return max(present, key=lambda iv: iv[1])[0]
    if rule == "min" and present:
        return min(present, key=lambda iv: iv[1])[0]
    if rule not in ("none", "max", "min") and rule in categories:
        return categories.index(rule)
    return None


def _sep(language: str) -> tuple[str, str, str]:
    """(item separator, title colon, group separator)."""
    return (", ", ": ", "; ") if language == "en" else ("，", "：", "；")


def _alt(title: str, groups: list[tuple[str, list[str], list[str]]], language: str,
         extra: list[str]) -> str:
    """'Title: a 1, b 2; Series 2: a 3, b 4; Benchmark 25%' — what the chart shows, in words."""
    sep, colon, group_sep = _sep(language)
    parts = []
    for i, (name, cats, labels) in enumerate(groups):
        body = sep.join(f"{c} {lab}" for c, lab in zip(cats, labels) if lab)
        parts.append(body if i == 0 and len(groups) == 1 else f"{name}{colon}{body}")
    return title + colon + group_sep.join(parts + [e for e in extra if e])


def _display_categories(main: Series, language: str) -> list[str]:
    return month_labels(main.categories, language) if main.dimension == "month" else list(
        main.categories)


# --------------------------------------------------------------------------- per type
def make_spec(x: ChartInputs) -> ChartSpec:
    """The ChartSpec of one chart (raises ChartDataError when the metrics do not fit it)."""
    if not x.series:
        raise ChartDataError("a chart needs at least one series metric")
    builder = {
        "funnel": _funnel, "pie": _parts, "doughnut": _parts, "waterfall": _waterfall,
        "bullet": _bullet, "sparkline": _sparkline, "combo": _combo,
        "stacked_column": _stacked, "stacked_column_100": _stacked,
    }.get(x.type, _categorical)
    spec = builder(x)
    spec.renderer = x.renderer
    spec.note = x.note
    spec.label_mode = "" if x.labels == "auto" else x.labels
    if not spec.source_note:
        spec.source_note = x.series[0].source
    return spec


def _categorical(x: ChartInputs) -> ChartSpec:
    """column, bar, line: one or more series (and a muted comparison) over the same categories."""
    main = x.series[0]
    keys = list(main.categories)
    rows: list[tuple[str, list[float | None], str, str]] = [
        (name, _aligned(s, keys), s.unit, "") for s, name in zip(x.series, x.names)]
    if x.compare is not None:
        rows.append((x.compare_name, _aligned(x.compare, keys), x.compare.unit, "compare"))
    cats = _display_categories(main, x.language)
    sort = x.sort if x.sort is not None else x.type == "bar"
    if sort and main.dimension != "month":
        order = sorted(range(len(cats)), key=lambda i: (rows[0][1][i] is None,
                                                        -(rows[0][1][i] or 0)))
        cats = [cats[i] for i in order]
        rows = [(n, [v[i] for i in order], u, r) for n, v, u, r in rows]
    style = ""
    bench_index = None
    if x.benchmark is not None:
        style = x.benchmark_as or ("category" if x.type == "bar" else "line")
        if x.type == "line":
            style = "line"
        if style == "category":
            first = rows[0][1]
            pos = len(cats)
            if sort:  # keep the ranking: the benchmark bar sits where its value belongs
                pos = next((i for i, v in enumerate(first) if v is not None and v < x.benchmark),
                           len(cats))
            cats.insert(pos, x.benchmark_label)
            for _n, vals, _u, _r in rows:
                vals.insert(pos, x.benchmark if vals is first else None)
            bench_index = pos
    series = []
    for name, vals, unit, role in rows:
        series.append(ChartSeries(name, vals, labels_for(vals, unit), unit=unit
                                  if unit != main.unit else "", role=role))
    highlight = _highlight(x.highlight, cats, series[0].values, skip=bench_index)
    extra = list(x.extra_alt)
    if x.benchmark is not None and style == "line":
        extra.append(f"{x.benchmark_label} {chart_label(x.benchmark, main.unit)}")
    groups = [(s.name, cats, s.labels) for s in series]
    return ChartSpec(type=x.type, categories=cats, series=series, unit=main.unit,
                     title=x.title, highlight=highlight, benchmark=x.benchmark,
                     benchmark_label=x.benchmark_label if x.benchmark is not None else "",
                     benchmark_style=style,
                     benchmark_text=chart_label(x.benchmark, main.unit)
                     if x.benchmark is not None else "",
                     alt_text=_alt(x.title or main.label, groups, x.language, extra))


def _funnel(x: ChartInputs) -> ChartSpec:
    """Stages with their counts; each later stage also shows its conversion from the one before."""
    main = x.series[0]
    values = main.values
    labels = [format_number(v, main.unit) for v in values]
    conv = main.conversions.values
    labels = [labels[0]] + [f"{lab}（{pct(r)}）" if x.language != "en" else f"{lab} ({pct(r)})"
                            for lab, r in zip(labels[1:], conv)]
    cats = list(main.categories)
    series = [ChartSeries(x.names[0], list(values), labels)]
    return ChartSpec(type="funnel", categories=cats, series=series, unit=main.unit,
                     title=x.title, highlight=_highlight(x.highlight, cats, list(values)),
                     alt_text=_alt(x.title or main.label, [(x.names[0], cats, labels)],
                                   x.language, x.extra_alt))


def _parts(x: ChartInputs) -> ChartSpec:
    """pie, doughnut: slices labelled with their share (and their amount when not a rate)."""
    main = x.series[0]
    cats = _display_categories(main, x.language)
    values = list(main.values)
    if any(v is not None and v < 0 for v in values):
        raise ChartDataError(f"a {x.type} cannot show negative values ('{main.name}' has some)")
    total = sum(v for v in values if v)
    shares = [None if v is None or not total else v / total for v in values]
    amounts = labels_for(values, main.unit)
    legend_labels: list[str] = []
    if main.unit == "rate":
        labels = [pct(v) for v in values]
    elif x.type == "doughnut":  # shares on the ring, amounts in the legend beside it
        labels = [pct(s) for s in shares]
        legend_labels = amounts
    else:
        open_, close = (" (", ")") if x.language == "en" else ("（", "）")
        labels = [f"{a}{open_}{pct(s)}{close}" for a, s in zip(amounts, shares)]
    alt_labels = [f"{a}（{pct(s)}）" if x.language != "en" else f"{a} ({pct(s)})"
                  for a, s in zip(amounts, shares)] if legend_labels else labels
    highlight = _highlight(x.highlight, cats, values)
    center, caption = x.center, x.center_caption
    if x.type == "doughnut" and not center:
        if main.unit == "rate" and highlight is not None:
            center, caption = pct(values[highlight]), caption or cats[highlight]
        elif main.unit != "rate":
            center = chart_label(total, main.unit, _compact([total], main.unit))
            caption = caption or ("Total" if x.language == "en" else "合计")
    series = [ChartSeries(x.names[0], values, labels)]
    return ChartSpec(type=x.type, categories=cats, series=series, unit=main.unit,
                     title=x.title, highlight=highlight, center_label=center,
                     center_caption=caption if center else "", legend_labels=legend_labels,
                     alt_text=_alt(x.title or main.label, [(x.names[0], cats, alt_labels)],
                                   x.language, x.extra_alt))


def _stacked(x: ChartInputs) -> ChartSpec:
    """Stacked columns: each series one layer; 100%: the labels are each layer's share."""
    main = x.series[0]
    keys = list(main.categories)
    cats = _display_categories(main, x.language)
    rows = [(name, _aligned(s, keys)) for s, name in zip(x.series, x.names)]
    if any(v is not None and v < 0 for _n, vals in rows for v in vals):
        raise ChartDataError("a stacked column cannot show negative values", "series")
    totals: list[float | None] = [float(sum(vals[i] or 0 for _n, vals in rows))
                                  for i in range(len(keys))]
    compact = _compact([v for _n, vals in rows for v in vals], main.unit)
    series = []
    for name, vals in rows:
        if x.type == "stacked_column_100":
            labels = [pct(v / t) if v is not None and t else "" for v, t in zip(vals, totals)]
        else:
            labels = [chart_label(v, main.unit, compact) for v in vals]
        series.append(ChartSeries(name, vals, labels))
    total_labels = [] if x.type == "stacked_column_100" else [
        chart_label(t, main.unit, _compact(totals, main.unit)) for t in totals]
    extra = list(x.extra_alt)
    if total_labels:
        sep, colon, _ = _sep(x.language)
        word = "Total" if x.language == "en" else "合计"
        extra.append(word + colon + sep.join(f"{c} {t}" for c, t in zip(cats, total_labels)))
    groups = [(s.name, cats, s.labels) for s in series]
    return ChartSpec(type=x.type, categories=cats, series=series, unit=main.unit, title=x.title,
                     total_labels=total_labels,
                     alt_text=_alt(x.title or main.label, groups, x.language, extra))


def _combo(x: ChartInputs) -> ChartSpec:
    """Columns (e.g. sales) with a line on a secondary axis (e.g. achievement rate)."""
    assert x.line is not None
    spec = _categorical(ChartInputs(**{**x.__dict__, "type": "combo", "compare": None,
                                       "benchmark": None, "sort": False}))
    keys = list(x.series[0].categories)
    vals = _aligned(x.line, keys)
    spec.series.append(ChartSeries(x.line_name, vals, labels_for(vals, x.line.unit),
                                   unit=x.line.unit, role="line"))
    sep, colon, group_sep = _sep(x.language)
    spec.alt_text += group_sep + x.line_name + colon + sep.join(
        f"{c} {lab}" for c, lab in zip(spec.categories, spec.series[-1].labels) if lab)
    if x.benchmark is not None:
        spec.benchmark = x.benchmark
        spec.benchmark_label = x.benchmark_label
        spec.benchmark_style = "line"
        spec.benchmark_text = chart_label(x.benchmark, x.line.unit)
        spec.alt_text += group_sep + f"{x.benchmark_label} {chart_label(x.benchmark, x.line.unit)}"
    return spec


def _waterfall(x: ChartInputs) -> ChartSpec:
    """start → each change → end; a gap between start plus changes and end shows as 'other'."""
    deltas = x.series[0]
    unit = deltas.unit
    if unit in ("rate", "change"):
        raise ChartDataError(f"a waterfall adds up amounts; '{deltas.name}' is a {unit} — use a "
                             "change with mode: difference of an amount")
    en = x.language == "en"
    cats: list[str] = []
    values: list[float | None] = []
    steps: list[str] = []
    if x.start is not None:
        cats.append(x.start_label or x.start.label or x.start.name)
        values.append(x.start.value)
        steps.append("total")
    changes = list(zip(_display_categories(deltas, x.language), deltas.values))
    if x.sort is not False and deltas.dimension != "month":  # rises first, largest first
        changes.sort(key=lambda cv: -(cv[1] or 0.0))
    for c, v in changes:
        cats.append(c)
        values.append(v or 0.0)
        steps.append("delta")
    running = sum(v or 0.0 for v in values)
    if x.end is not None and x.end.value is not None:
        gap = x.end.value - running
        if abs(gap) > 0.005 * max(abs(x.end.value), 1.0):
            cats.append("Other" if en else "其他")
            values.append(gap)
            steps.append("delta")
        end_value: float | None = x.end.value
        end_name = x.end_label or x.end.label or x.end.name
    else:
        end_value = running
        end_name = x.end_label or ("End" if en else "合计")
    cats.append(end_name)
    values.append(end_value)
    steps.append("total")
    compact = _compact(values, unit)
    labels = [chart_label(v, unit, compact) if s == "total" else signed_label(v, unit, compact)
              for v, s in zip(values, steps)]
    series = [ChartSeries(x.names[0], values, labels)]
    return ChartSpec(type="waterfall", categories=cats, series=series, unit=unit, title=x.title,
                     steps=steps, source_note=deltas.source,
                     alt_text=_alt(x.title or deltas.label, [(x.names[0], cats, labels)],
                                   x.language, x.extra_alt))


def _bullet(x: ChartInputs) -> ChartSpec:
    """Actual columns against target markers; each label is the actual, the alt text adds the
    target and the achievement."""
    main = x.series[0]
    keys = list(main.categories)
    cats = _display_categories(main, x.language)
    actual = list(main.values)
    if isinstance(x.target, Series):
        target = _aligned(x.target, keys)
    elif isinstance(x.target, Value):
        target = [x.target.value] * len(keys)
    else:
        raise ChartDataError("a bullet chart needs 'target'", "target")
    compact = _compact(actual + target, main.unit)
    a_labels = [chart_label(v, main.unit, compact) for v in actual]
    t_labels = [chart_label(v, main.unit, compact) for v in target]
    series = [ChartSeries(x.names[0], actual, a_labels),
              ChartSeries("Target" if x.language == "en" else "目标", target, t_labels,
                          role="target")]
    sep, colon, _group_sep = _sep(x.language)
    word_t = "target" if x.language == "en" else "目标"
    items = []
    for c, a, t, av, tv in zip(cats, a_labels, t_labels, actual, target):
        rate = pct(av / tv) if av is not None and tv else "—"
        items.append(f"{c} {a}（{word_t}{t}，{rate}）" if x.language != "en"
                     else f"{c} {a} ({word_t} {t}, {rate})")
    alt = (x.title or main.label) + colon + sep.join(items)
    return ChartSpec(type="bullet", categories=cats, series=series, unit=main.unit,
                     title=x.title, highlight=None, alt_text=alt)


def _sparkline(x: ChartInputs) -> ChartSpec:
    """Small lines for KPI tiles: each series' latest value and its change from the one before."""
    main = x.series[0]
    keys = list(main.categories)
    cats = _display_categories(main, x.language)
    series = []
    _sep_item, colon, group_sep = _sep(x.language)
    alt_parts = []
    for s, name in zip(x.series, x.names):
        vals = _aligned(s, keys)
        labels = labels_for(vals, s.unit)
        present = [(i, v) for i, v in enumerate(vals) if v is not None]
        headline, change = "", ""
        if present:
            headline = labels[present[-1][0]]
        if len(present) >= 2:
            now, before = present[-1][1], present[-2][1]
            if s.unit == "rate":
                change = points(now - before)
            elif before:
                change = signed_pct(now / before - 1)
        series.append(ChartSeries(name, vals, labels, unit=s.unit if s.unit != main.unit else "",
                                  headline=headline, change=change))
        span = f"{cats[0]}–{cats[-1]}" if cats else ""
        alt_parts.append(f"{name} {headline}" + (f"（{change}）" if change and x.language != "en"
                                                 else f" ({change})" if change else "")
                         + (f"，{span}" if x.language != "en" else f", {span}"))
    alt = (x.title or main.label) + colon + group_sep.join(alt_parts)
    return ChartSpec(type="sparkline", categories=cats, series=series, unit=main.unit,
                     title=x.title, alt_text=alt)
