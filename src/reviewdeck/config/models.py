"""Typed models of a review config; each field's description is what `reviewdeck schema` shows."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

ColumnType = Literal["text", "number", "money", "rate", "int", "bool", "date", "month"]
Unit = Literal["money", "count", "rate", "days", "hours", "ratio", "number", "points"]
Direction = Literal["higher", "lower"]
WindowName = Literal[
    "current", "previous", "last_year", "trailing_3", "trailing_6", "trailing_12",
    "qtd", "ytd", "quarter", "last_quarter", "year", "next", "next_quarter", "next_year", "all",
]
ChartType = Literal[
    "column", "bar", "pie", "doughnut", "line", "funnel", "stacked_column", "stacked_column_100",
    "combo", "waterfall", "bullet", "sparkline",
]


def closest(name: str, options: list[str]) -> str:
    """A ' did you mean ...?' hint for a misspelt name, or ''."""
    match = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


class Strict(BaseModel):
    """Base of every config model: unknown keys are errors that suggest the nearest valid key."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="wrap")
    @classmethod
    def _unknown_keys(cls, data: Any, handler: Any) -> Any:
        if not isinstance(data, dict):
            return handler(data)
        valid = {info.alias or name for name, info in cls.model_fields.items()}
        unknown = [str(k) for k in data if k not in valid]
        if not unknown:
            return handler(data)
        errors: list[Any] = [
            {"type": PydanticCustomError("unknown_key", "unknown key '{key}'{hint}",
                                         {"key": k, "hint": closest(k, sorted(valid))}),
             "loc": (), "input": data}
            for k in unknown
        ]
        try:  # validate what is left, so its own problems are reported in the same run
            handler({k: v for k, v in data.items() if k in valid})
        except ValidationError as exc:
            for e in exc.errors():
                if e["type"] == "missing" and closest(str(e["loc"][-1]), unknown):
                    continue  # 'title' missing is explained by the misspelt 'titel'
                errors.append({"type": PydanticCustomError(e["type"], e["msg"], e.get("ctx")),
                               "loc": e["loc"], "input": e["input"]})
        raise ValidationError.from_exception_data(cls.__name__, errors)


# ----------------------------------------------------------------- data sources
class Source(Strict):
    """A named table: a file (CSV, Excel, Parquet), a SQL query, or a filtered view of another source."""

    path: str | None = Field(None, description="File path, relative to the config file's folder.")
    format: Literal["csv", "excel", "parquet", "sql"] | None = Field(
        None, description="File format; guessed from the file suffix when omitted."
    )
    encoding: str | None = Field(
        None, description="CSV text encoding; detected (UTF-8, UTF-8-BOM, GBK/GB18030) when omitted."
    )
    sheet: str | int | None = Field(None, description="Excel sheet name or 0-based index.")
    header_row: int = Field(1, ge=1, description="1-based row that holds the column names.")
    date_column: str | None = Field(
        None, description="Column that places each row in time; periods filter on it."
    )
    columns: dict[str, ColumnType] = Field(
        default_factory=dict, description="Columns that must exist, and how to read their values."
    )
    url: str | None = Field(
        None, description="SQLAlchemy URL of a database, e.g. ${SALES_DB_URL}: credentials come "
        "only from environment variables and are never shown."
    )
    query: str | None = Field(
        None, description="SQL query of a url source, with :start and :end bound parameters."
    )
    table: str | None = Field(
        None, description="Table (or schema.table) of a url source; metrics are computed in "
        "the database, only the small aggregates come back."
    )
    engine: Literal["auto", "pandas", "duckdb"] = Field(
        "auto", description="How a CSV or Parquet file is read: pandas loads every row; duckdb "
        "aggregates in place (for big files); auto picks duckdb from some 200,000 rows on."
    )
    from_: str | None = Field(None, alias="from", description="Another source this one filters.")
    where: dict[str, Any] | None = Field(None, description="Row filter: column -> value/list/ops.")
    first_per: str | None = Field(
        None, description="A view keeping only each value's earliest row by date, e.g. "
        "customer_id: each customer's first order, to count new customers."
    )

    @model_validator(mode="after")
    def _one_origin(self) -> "Source":
        origins = [x for x in (self.path, self.url, self.from_) if x]
        if len(origins) != 1:
            raise PydanticCustomError(
                "source_origin", "a source needs exactly one of 'path', 'url' or 'from'"
            )
        if self.url and (self.query is None) == (self.table is None):
            raise PydanticCustomError(
                "source_sql", "a url source needs exactly one of 'query' or 'table'"
            )
        if self.first_per and not self.from_:
            raise PydanticCustomError("source_first", "'first_per' belongs on a view ('from')")
        return self


# ----------------------------------------------------------------- metrics
class MetricBase(Strict):
    label: str | None = Field(None, description="Name shown in tables and speaker notes.")
    unit: Unit | None = Field(None, description="Unit; decides how the value is written.")
    direction: Direction | None = Field(None, description="Whether higher or lower is better.")
    window: WindowName = Field("current", description="Time window relative to the deck period.")


class RowMetric(MetricBase):
    source: str = Field(description="Name of the data source.")
    where: dict[str, Any] | None = Field(None, description="Row filter: column -> value/list/ops.")
    by: str | None = Field(None, description="Group by this column: the metric becomes a series.")
    order: list[str] | Literal["desc", "asc", "none"] = Field(
        "desc", description="Order of a series: by value, as found, or an explicit category list."
    )
    by_month: bool = Field(
        False, description="Group by calendar month of the source's date column over the window "
        "(e.g. window: trailing_12): a series of months (2025-01, ...) in calendar order."
    )

    @model_validator(mode="after")
    def _one_grouping(self) -> "RowMetric":
        if self.by and self.by_month:
            raise PydanticCustomError("by_and_by_month", "give 'by' or 'by_month', not both")
        return self


class Total(RowMetric):
    """Sum of a column."""

    kind: Literal["total"]
    column: str


class Count(RowMetric):
    """Number of rows."""

    kind: Literal["count"]


class Distinct(RowMetric):
    """Number of distinct values of a column (customers, products)."""

    kind: Literal["distinct"]
    column: str


class Mean(RowMetric):
    """Average of a column over rows (follow-up days, response hours)."""

    kind: Literal["mean"]
    column: str


class AveragePer(RowMetric):
    """Average over groups of a per-group total (e.g. the team average of each rep's sales)."""

    kind: Literal["average"]
    column: str
    per: str = Field(description="Column whose groups are averaged (e.g. rep).")


class Ratio(MetricBase):
    """numerator / denominator (AOV, conversion rate); a zero denominator gives no value."""

    kind: Literal["ratio"]
    numerator: str
    denominator: str


class Achievement(MetricBase):
    """actual / target, with the gap; a lower-is-better metric gets no plain rate."""

    kind: Literal["achievement"]
    actual: str
    target: str


class Change(MetricBase):
    """Change of a metric against the previous period or the same period last year."""

    kind: Literal["change"]
    metric: str
    vs: Literal["previous", "last_year"] = "previous"
    mode: Literal["auto", "relative", "points", "difference"] = Field(
        "auto", description="auto: rates change in points, everything else relatively."
    )


class Share(MetricBase):
    """Each category's share of a series' total, or one metric's share of another."""

    kind: Literal["share"]
    metric: str
    of: str | None = Field(None, description="Whole to divide by; default: the series' own total.")


class Rank(MetricBase):
    """The top or bottom n categories of a series."""

    kind: Literal["rank"]
    metric: str
    top: int | None = None
    bottom: int | None = None


class Funnel(RowMetric):
    """Rows that reached at least each stage, from a 'furthest stage reached' column."""

    kind: Literal["funnel"]
    column: str
    stages: list[str] = Field(min_length=2)


class Roi(MetricBase):
    """Return on investment written 1:x: revenue / cost."""

    kind: Literal["roi"]
    revenue: str
    cost: str


class Difference(MetricBase):
    """a - b (a gap)."""

    kind: Literal["difference"]
    a: str
    b: str


Metric = Annotated[
    Union[Total, Count, Distinct, Mean, AveragePer, Ratio, Achievement, Change, Share, Rank,
          Funnel, Roi, Difference],
    Field(discriminator="kind"),
]


# ----------------------------------------------------------------- slides
class Card(Strict):
    heading: str = Field(description="Card heading (template).")
    value: str | None = Field(None, description="Optional big figure (template), e.g. '{{ sales }}'.")
    body: str = Field("", description="Data sentences (template).")
    insight: str | None = Field(None, description="One sentence saying what the numbers mean.")


class SlideBase(Strict):
    title: str = Field(description="Slide title (template).")
    subtitle: str | None = Field(None, description="Text after the title's colon (template).")
    notes: str | None = Field(None, description="Extra speaker notes (template).")


class FromFactsMixin(Strict):
    from_: str | None = Field(
        None, alias="from", description="Take the items from this key of the facts file."
    )
    item_insight: str | None = Field(
        None, description="Insight sentence template added to every item taken 'from' facts."
    )


class CardsSlide(SlideBase, FromFactsMixin):
    kind: Literal["cards"]
    cards: list[Card] | None = Field(None, description="3 to 5 cards (or use 'from').")

    @model_validator(mode="after")
    def _cards_or_from(self) -> "CardsSlide":
        if (self.cards is None) == (self.from_ is None):
            raise PydanticCustomError("cards_or_from", "give either 'cards' or 'from', not both")
        if self.cards is not None and not 1 <= len(self.cards) <= 5:
            raise PydanticCustomError("cards_count", "a cards slide holds 1 to 5 cards")
        return self


class Point(Strict):
    heading: str
    body: str = ""


class PointsSlide(SlideBase, FromFactsMixin):
    kind: Literal["points"]
    points: list[Point] | None = Field(None, description="Up to 5 numbered points (or 'from').")

    @model_validator(mode="after")
    def _points_or_from(self) -> "PointsSlide":
        if (self.points is None) == (self.from_ is None):
            raise PydanticCustomError("points_or_from", "give either 'points' or 'from', not both")
        return self


class ChartConfig(Strict):
    """One chart: its type, the metrics it draws, and how it is labelled and highlighted."""

    type: ChartType = Field(description="Chart type.")
    metric: str | None = Field(
        None, description="A series metric (categories and values); or give 'series'."
    )
    series: list[str] | None = Field(
        None, description="Several series metrics over the same categories (stacked, line, "
        "sparkline tiles); the first one's categories are used."
    )
    series_names: list[str] | None = Field(
        None, description="Legend names of 'series' (templates); default: each metric's label."
    )
    compare: str | None = Field(None, description="A second series metric (e.g. last month).")
    line: str | None = Field(
        None, description="combo: the metric drawn as a line on a secondary axis (e.g. an "
        "achievement rate) over the columns of 'metric'."
    )
    target: str | None = Field(
        None, description="bullet: the target metric (a series over the same categories, or "
        "one value for every category), drawn as a marker."
    )
    start: str | None = Field(
        None, description="waterfall: the single-value metric of the first bar (e.g. last "
        "month's sales or the target); 'metric' holds the changes that lead from it."
    )
    end: str | None = Field(
        None, description="waterfall: the single-value metric of the last bar (e.g. this "
        "month's sales); a gap to start plus the changes is shown as '其他'."
    )
    start_label: str | None = Field(None, description="waterfall: name of the first bar.")
    end_label: str | None = Field(None, description="waterfall: name of the last bar.")
    center: str | None = Field(
        None, description="doughnut: the figure in the hole (template); default: the total, "
        "or for shares the highlighted category's share."
    )
    center_caption: str | None = Field(None, description="doughnut: the words under that figure.")
    benchmark: float | None = Field(
        None, description="A reference value (e.g. 0.25 for an industry 25%, 3 for ROI 1:3); "
        "on a combo it belongs to the line's axis."
    )
    benchmark_label: str | None = Field(None, description="Name of the benchmark (行业平均).")
    benchmark_as: Literal["line", "category"] | None = Field(
        None, description="Draw the benchmark as a dashed line (column, line, combo) or as an "
        "extra grey category (bar and the default for bar)."
    )
    title: str | None = Field(None, description="Chart title (template).")
    note: str | None = Field(
        None, description="Source or footnote under the chart (template), e.g. '数据来源：CRM'."
    )
    series_name: str | None = Field(None, description="Legend name of 'metric' (template).")
    compare_name: str | None = Field(None, description="Legend name of 'compare' (template).")
    highlight: Literal["max", "min", "none"] | str = Field(
        "max", description="Category drawn in the accent colour: max, min, none or a name."
    )
    labels: Literal["auto", "all", "last", "none"] = Field(
        "auto", description="Which data labels to show: auto (by chart type), all, the last "
        "point of each series, or none."
    )
    sort: bool | None = Field(
        None, description="Sort categories by value, largest first (default: yes for bar)."
    )
    renderer: Literal["native", "image"] | None = Field(
        None, description="native (an editable chart) or image (a picture); default: the deck's."
    )

    @model_validator(mode="after")
    def _what_to_draw(self) -> "ChartConfig":
        if (self.metric is None) == (self.series is None):
            raise PydanticCustomError("metric_or_series", "give either 'metric' or 'series'")
        needs = {"combo": "line", "bullet": "target"}
        key = needs.get(self.type)
        if key and getattr(self, key) is None:
            raise PydanticCustomError("chart_needs", "a {type} chart needs '{key}'",
                                      {"type": self.type, "key": key})
        return self


class ChartSlide(SlideBase):
    kind: Literal["chart"]
    chart: ChartConfig
    side: list[Card] | None = Field(None, description="Cards beside the chart (2-3).")
    insight: str | None = Field(None, description="Insight line under the chart (template).")


class KpiRow(Strict):
    label: str
    actual: str = Field(description="Metric with the actual value.")
    target: str = Field(description="Metric with the target value.")
    note: str | None = Field(None, description="Comment column (template).")
    category: str | None = Field(
        None, description="Metric category (指标类别, e.g. 整体业绩); any row with one adds a "
        "first column.")


class KpiTableSlide(SlideBase):
    kind: Literal["kpi_table"]
    rows: list[KpiRow] = Field(min_length=1)
    note_header: str | None = Field(
        None, description="Header of the comment column (template); default 说明 / Comment.")
    insight: str | None = None


class SwotSlide(SlideBase):
    kind: Literal["swot"]
    from_: str | None = Field(None, alias="from", description="Facts key holding the SWOT.")
    strengths: list[str] | None = None
    weaknesses: list[str] | None = None
    opportunities: list[str] | None = None
    threats: list[str] | None = None


class MatrixSlide(SlideBase):
    kind: Literal["matrix"]
    source: str = Field(description="Data source whose rows become matrix rows.")
    row: str = Field(description="Column naming each row (e.g. brand).")
    row_header: str | None = Field(None, description="Header of the first column.")
    columns: dict[str, str] = Field(description="Header -> column of the source.")
    highlight_row: str | None = Field(None, description="Row drawn in the accent colour (us).")
    insight: str | None = None


class TableColumn(Strict):
    """One column of a table slide: where its values come from and how they are written."""

    header: str = Field(description="Column header (template).")
    field: str | None = Field(None, description="Key of each row (facts items or source rows).")
    metric: str | None = Field(None, description="A series metric; its categories are the rows.")
    format: Literal["auto", "text", "money", "wan", "yuan", "pct", "signed", "count", "number",
                    "days", "roi", "date", "status"] = Field("auto", description="How to write it.")
    good_when: str | None = Field(
        None, description="Condition for the positive colour, e.g. '>= 1' (else negative).")
    width: float | None = Field(None, description="Relative width of the column.")


class TableSlide(SlideBase):
    """Rows from the facts file, a data source, or series metrics; continues on a next slide."""

    kind: Literal["table"]
    from_: str | None = Field(None, alias="from", description="Facts key holding a list of rows.")
    source: str | None = Field(None, description="Data source whose rows are listed.")
    where: dict[str, Any] | None = Field(None, description="Filter on the source's rows.")
    window: WindowName | None = Field(
        None, description="Only the source's rows dated in this window (e.g. current, next); "
        "needs the source's date_column.")
    columns: list[TableColumn] = Field(min_length=1)
    rows_per_slide: int | None = Field(None, ge=1, le=20, description="Rows before '(续)'.")
    status_field: str | None = Field(None, description="Row key holding a status chip text.")
    due_field: str | None = Field(None, description="Row key holding a due date (overdue check).")
    done_status: list[str] = Field(default_factory=lambda: ["已完成", "Done", "done"])
    insight: str | None = None


class TimelineSlide(SlideBase):
    """Action plan as a Gantt: one bar per task between its start and due dates."""

    kind: Literal["timeline"]
    from_: str = Field(alias="from", description="Facts key holding the tasks.")
    task: str = Field("measure", description="Key of the task text.")
    owner: str | None = Field("owner", description="Key of the owner.")
    start: str = Field("start", description="Key of the start date.")
    end: str = Field("due", description="Key of the due date.")
    status: str | None = Field("status", description="Key of the status.")
    insight: str | None = None


class FiveWhySlide(SlideBase):
    """A problem, the chain of 'why' answers, and the root cause."""

    kind: Literal["five_why"]
    from_: str | None = Field(None, alias="from", description="Facts key with problem/whys/root.")
    problem: str | None = None
    whys: list[str] | None = None
    root_cause: str | None = None


class FishboneSlide(SlideBase):
    """Ishikawa diagram: a problem at the head, causes grouped on bones (主观/客观/流程/资源)."""

    kind: Literal["fishbone"]
    from_: str | None = Field(None, alias="from", description="Facts key with problem/causes.")
    problem: str | None = None
    causes: dict[str, list[str]] | None = None


Slide = Annotated[
    Union[CardsSlide, PointsSlide, ChartSlide, KpiTableSlide, SwotSlide, MatrixSlide,
          TableSlide, TimelineSlide, FiveWhySlide, FishboneSlide],
    Field(discriminator="kind"),
]


class Chapter(Strict):
    title: str = Field(description="Chapter title (template).")
    slides: list[Slide] = Field(min_length=1)


class Closing(Strict):
    title: str = Field("感谢聆听", description="Closing slide title.")
    subtitle: str | None = Field("Q & A", description="Closing slide subtitle.")


# ----------------------------------------------------------------- batch and template
TemplateSlot = Literal["cover", "contents", "chapter", "content", "closing"]


class Batch(Strict):
    """One deck per value of a column (region, rep, product line); the data is read once."""

    each: str = Field(description="Column whose values each get their own deck, e.g. region.")
    source: str | None = Field(
        None, description="Data source to slice (every view made 'from' it is sliced too); "
        "default: the one source that has the column."
    )
    values: list[str | int] | None = Field(
        None, description="Only these values, in this order; default: every value in the source."
    )
    output: str | None = Field(
        None, description="Where each deck is written, relative to the config: {value} is the "
        "slice, {period} the period, e.g. out/{period}/review_{value}.pptx."
    )
    workers: int | None = Field(
        None, ge=1, description="Decks rendered at the same time; default: one per CPU core."
    )


class Deck(Strict):
    """A review deck: data sources, metrics over them, and chapters of slides."""

    title: str = Field(description="Deck title (template), shown on the cover.")
    subtitle: str | None = None
    presenter: str | None = None
    date: dt.date | Literal["today", "auto"] = "auto"
    period: str = Field(description="Reporting period: 2025-11, 2025Q4, 2025H1 or 2025 (also "
                        "written 2025年11月, 2025/11, Q4 2025, 2025年上半年, …).")
    language: Literal["zh-CN", "en"] = "zh-CN"
    theme: str = Field("default", description="Theme name in layouts/themes or a YAML path.")
    layout: str = Field("default", description="Layout name in layouts/ or a YAML path.")
    layout_overrides: dict[str, Any] | None = Field(
        None, description="Changes to the layout for this deck only (same keys as the layout).")
    renderer: Literal["native", "image"] = Field("native", description="Default chart renderer.")
    output: str | None = Field(None, description="Where the deck is written (relative to config).")
    facts: str | None = Field(None, description=(
        "YAML file of qualitative items (scenarios, SWOT); {period} in the path takes the "
        "period's own file, and a period: key in the file warns when the deck is for another."))
    data: dict[str, Source] = Field(description="Named data sources.")
    metrics: dict[str, Metric] = Field(default_factory=dict)
    display_names: dict[str, str] = Field(
        default_factory=dict, description="Names shown for data values that are categories of "
        "series metrics (charts, table rows, templates), e.g. 华东: East China for an English "
        "deck; filters and 'order' lists still name the data's own values."
    )
    chapters: list[Chapter] = Field(min_length=1)
    closing: Closing = Field(default_factory=Closing)
    template: str | None = Field(
        None, description="Your own PowerPoint file (.pptx or .potx, relative to the config) to "
        "build on: its masters, layouts, theme colours and fonts, logo and footer; its slides "
        "are dropped."
    )
    template_layouts: dict[TemplateSlot, str] | None = Field(
        None, description="Layout of the template used for each kind of slide, by name; "
        "defaults: cover and closing 'Title Slide', chapter 'Section Header', content and "
        "contents 'Title Only' (with common alternatives tried after them)."
    )
    batch: Batch | None = Field(
        None, description="Build one deck per value of a column instead of one deck."
    )

    @field_validator("period", mode="before")
    @classmethod
    def _period_text(cls, value: Any) -> Any:
        """`period: 2025` reaches us as a YAML integer; a year is a valid period. `2025.10`
        reaches us as the number 2025.1, its month lost, so it is refused with the fix."""
        if isinstance(value, float):
            raise PydanticCustomError(
                "period_number", "{value} is read as a number by YAML, which drops a month's "
                "trailing zero; write 2025-10 (or put the period in quotes)", {"value": value})
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value
