"""The DeckPlan: every slide's text, figures and chart data, with no python-pptx objects."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class CardSpec:
    heading: str
    body: str = ""
    value: str = ""
    insight: str = ""


@dataclass
class ChartSeries:
    """One series: values in the chart's categories and the label written at each point.

    role: '' (bars, lines, slices), 'compare' (a prior period, drawn muted), 'line' (a combo's
    line on the secondary axis), 'target' (a bullet's target markers). unit: when it differs
    from the chart's. headline and change: a sparkline tile's latest value and its change.
    """

    name: str
    values: list[float | None]
    labels: list[str]
    unit: str = ""
    role: str = ""
    headline: str = ""
    change: str = ""


@dataclass
class ChartSpec:
    """One chart, renderer-neutral: categories, series with formatted labels, highlight, benchmark.

    steps (waterfall): 'total' or 'delta' per category. total_labels (stacked): each column's
    total. legend_labels (doughnut): each category's amount, shown in the legend.
    center_label / center_caption (doughnut): the figure in the hole. benchmark_style: 'line'
    (a dashed reference line) or 'category' (an extra grey category); benchmark_text: its value
    as labelled. label_mode: '' (by type), 'all', 'last' or 'none'. note: a source line under
    the chart.
    """

    type: str
    categories: list[str]
    series: list[ChartSeries]
    unit: str
    title: str = ""
    highlight: int | None = None
    benchmark: float | None = None
    benchmark_label: str = ""
    renderer: str = "native"
    alt_text: str = ""
    source_note: str = ""
    benchmark_style: str = ""
    benchmark_text: str = ""
    steps: list[str] = field(default_factory=list)
    total_labels: list[str] = field(default_factory=list)
    legend_labels: list[str] = field(default_factory=list)
    center_label: str = ""
    center_caption: str = ""
    label_mode: str = ""
    note: str = ""


@dataclass
class TableSpec:
    """A table: header, rows of text cells, and a state per cell (good / bad / neutral)."""

    columns: list[str]
    rows: list[list[str]]
    states: list[list[str]] = field(default_factory=list)
    highlight_rows: list[int] = field(default_factory=list)
    fills: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


@dataclass
class SlideSpec:
    kind: str
    title: str = ""
    subtitle: str = ""
    page: int | None = None
    number: str = ""
    chapter: str = ""
    cards: list[CardSpec] = field(default_factory=list)
    points: list[CardSpec] = field(default_factory=list)
    chart: ChartSpec | None = None
    table: TableSpec | None = None
    quadrants: dict[str, list[str]] = field(default_factory=dict)
    entries: list[dict[str, str]] = field(default_factory=list)
    problem: str = ""
    steps: list[str] = field(default_factory=list)
    root_cause: str = ""
    groups: dict[str, list[str]] = field(default_factory=dict)
    tasks: list[dict[str, str]] = field(default_factory=list)
    insight: str = ""
    presenter: str = ""
    date: str = ""
    notes: list[str] = field(default_factory=list)
    origin: str = ""


@dataclass
class DeckPlan:
    title: str
    subtitle: str
    period: str
    language: str
    theme: str
    layout: str
    slides: list[SlideSpec]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _prune(asdict(self))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _prune(value: Any) -> Any:
    """Drop empty fields so the JSON reads as the slide's content and nothing else."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value
