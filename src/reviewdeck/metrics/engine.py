"""Evaluate the config's metric vocabulary over loaded tables, per time window, never with eval."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reviewdeck.config import models as m
from reviewdeck.config.models import closest
from reviewdeck.config.yamlfile import YamlDoc
from reviewdeck.data.filters import describe
from reviewdeck.errors import DataError, Diagnostics, Location, MetricError
from reviewdeck.metrics.period import Period, Window
from reviewdeck.metrics.values import Result, Series, Value, clean

if TYPE_CHECKING:
    import pandas as pd

    from reviewdeck.data.sources import Table

# pandas is imported only where a metric reads a table loaded row by row (data/sources.py);
# metrics of sources aggregated in place (metrics/pushed.py) never need it

DEFAULT_UNITS = {
    "total": "money", "count": "count", "distinct": "count", "mean": "number",
    "average": "money", "ratio": "rate", "achievement": "rate", "share": "rate",
    "funnel": "count", "roi": "ratio",
}
AGG_WORD = {"total": "sum", "count": "count", "distinct": "distinct", "mean": "mean",
            "average": "average per"}

Operand = Value | Series
Op = Callable[[float, float], float | None]


def _div(a: float, b: float) -> float | None:
    return a / b if b else None


def provenance(spec: Any, table: Any, win: Window) -> str:
    """Where a row metric's number comes from, for speaker notes: aggregate, file, filter, dates."""
    col_text = f"({spec.column})" if getattr(spec, "column", None) else ""
    if spec.kind == "average":
        source = f"average over {spec.per} of sum({spec.column}) of {table.describe()}"
    else:
        source = f"{AGG_WORD.get(spec.kind, spec.kind)}{col_text} of {table.describe()}"
    where = describe(spec.where)
    if where:
        source += f" where {where}"
    if table.date_column:
        source += f", {table.date_column} in {win.describe()}"
    return source


class MetricEngine:
    """Computes named metrics for a period; results are cached per (metric, window)."""

    def __init__(self, metrics: dict[str, Any], tables: dict[str, Table], period: Period,
                 diag: Diagnostics, doc: YamlDoc | None = None) -> None:
        self.metrics = metrics
        self.tables = tables
        self.period = period
        self.diag = diag
        self.doc = doc
        self._cache: dict[tuple[str, Window], Result] = {}
        self._active: list[str] = []
        self._date_masks: dict[tuple[str, Window], pd.Series] = {}
        # each dated source a metric read over the deck's own period: whether it had rows there
        self.current_rows: dict[str, bool] = {}
        if any(hasattr(t, "summary") for t in tables.values()):
            from reviewdeck.data.pushdown import plan_queries

            plan_queries(metrics, tables, period)  # one query per pushed-down source

    # ------------------------------------------------------------------ public
    def get(self, name: str, window: Window | None = None, ref: tuple[Any, ...] = ()) -> Result:
        """The value of metric name, at its own window unless window is given."""
        if name not in self.metrics:
            raise MetricError(
                f"unknown metric '{name}'{closest(name, list(self.metrics))}", self._loc(ref))
        spec = self.metrics[name]
        win = window or self.period.window(spec.window)
        key = (name, win)
        if key in self._cache:
            return self._cache[key]
        if name in self._active:
            cycle = " -> ".join(self._active[self._active.index(name):] + [name])
            raise MetricError(f"metrics refer to each other in a cycle: {cycle}",
                              self._loc(("metrics", name)))
        self._active.append(name)
        try:
            result = self._compute(name, spec, win, window is not None)
        finally:
            self._active.pop()
        self._cache[key] = result
        return result

    def compare(self, actual: str, target: str) -> Value:
        """Achievement of one metric against another, for tables that pair them ad hoc."""
        spec = m.Achievement(kind="achievement", actual=actual, target=target)
        label = self.metrics[actual].label or actual
        result = self._achievement(f"{actual} vs {target}", spec, None, label)
        if not isinstance(result, Value):
            raise MetricError(f"'{actual}' and '{target}' must be single values to compare")
        return result

    def all(self) -> dict[str, Result]:
        return {name: self.get(name) for name in self.metrics}

    # ------------------------------------------------------------------ helpers
    def _loc(self, path: tuple[Any, ...]) -> Location | None:
        return self.doc.location(path) if self.doc and path else None

    def saw_rows(self, origin: str, win: Window, found: bool) -> None:
        """Note whether a metric over the deck's own period found rows of origin there."""
        if win == self.period.current:
            self.current_rows[origin] = self.current_rows.get(origin, False) or found

    def no_current_data(self) -> str | None:
        """When no metric found a single row in the deck's period, in any source: why the
        deck would show only '—' (a period the data does not reach, most likely)."""
        if not self.current_rows or any(self.current_rows.values()):
            return None
        return (f"no data for {self.period}: none of its sources has a row in "
                f"{self.period.current.describe()} ({', '.join(sorted(self.current_rows))}), "
                "so every figure would be '—'; check the period (--period, or period: in the "
                "config) and the dates in the data")

    def _warn(self, name: str, message: str) -> None:
        self.diag.warn(f"metric '{name}' ({self.period}): {message}",
                       self._loc(("metrics", name)))

    def _table(self, name: str, spec: Any) -> Table:
        if spec.source not in self.tables:
            raise MetricError(
                f"unknown source '{spec.source}'{closest(spec.source, list(self.tables))}",
                self._loc(("metrics", name, "source")))
        return self.tables[spec.source]

    def _rows(self, name: str, spec: Any, win: Window) -> tuple[pd.DataFrame, Table, bool]:
        import pandas as pd

        from reviewdeck.data.filters import mask

        table = self._table(name, spec)
        frame = table.frame
        in_window = True
        if table.date_column and not win.is_all:
            key = (table.name, win)
            if key not in self._date_masks:
                dates = frame[table.date_column]
                self._date_masks[key] = (dates >= pd.Timestamp(win.start)) & (
                    dates < pd.Timestamp(win.end))
            dmask = self._date_masks[key]
            frame = frame[dmask]
            in_window = bool(len(frame))
        try:
            frame = frame[mask(frame, spec.where, table.origin)]
        except DataError as exc:
            raise DataError(exc.message, self._loc(("metrics", name, "where"))) from None
        return frame, table, in_window

    def _column(self, name: str, frame: pd.DataFrame, table: Table, column: str,
                numeric: bool) -> pd.Series:
        import pandas as pd

        if column not in frame.columns:
            raise DataError(
                f"{table.origin} has no column '{column}'"
                f"{closest(column, [str(c) for c in frame.columns])}",
                self._loc(("metrics", name, "column")))
        col = frame[column]
        if numeric and not pd.api.types.is_numeric_dtype(col):
            raise DataError(
                f"column '{column}' of {table.origin} is not numeric; declare it under the "
                f"source's columns (e.g. {column}: money) so values like '1,280.50' are read",
                self._loc(("metrics", name, "column")))
        return col

    # ------------------------------------------------------------------ compute
    def _compute(self, name: str, spec: Any, win: Window, explicit: bool) -> Result:
        kind = spec.kind
        unit = spec.unit or DEFAULT_UNITS.get(kind, "number")
        direction = spec.direction or "higher"
        label = spec.label or name
        if isinstance(spec, m.RowMetric):
            return self._row_metric(name, spec, win, unit, direction, label)
        down = win if explicit or spec.window != "current" else None
        if isinstance(spec, m.Ratio):
            a = self.get(spec.numerator, down, ("metrics", name, "numerator"))
            b = self.get(spec.denominator, down, ("metrics", name, "denominator"))
            return self._combine(name, a, b, _div, unit, direction, label,
                                 f"{spec.numerator} / {spec.denominator}")
        if isinstance(spec, m.Roi):
            a = self.get(spec.revenue, down, ("metrics", name, "revenue"))
            b = self.get(spec.cost, down, ("metrics", name, "cost"))
            return self._combine(name, a, b, _div, spec.unit or "ratio", direction, label,
                                 f"{spec.revenue} / {spec.cost}")
        if isinstance(spec, m.Difference):
            a = self.get(spec.a, down, ("metrics", name, "a"))
            b = self.get(spec.b, down, ("metrics", name, "b"))
            return self._combine(name, a, b, lambda x, y: x - y, spec.unit or a.unit, direction,
                                 label, f"{spec.a} - {spec.b}")
        if isinstance(spec, m.Achievement):
            return self._achievement(name, spec, down, label)
        if isinstance(spec, m.Change):
            return self._change(name, spec, win if (explicit or spec.window != "current")
                                else None, label, direction)
        if isinstance(spec, m.Share):
            base = self.get(spec.metric, down, ("metrics", name, "metric"))
            if spec.of:
                whole = self.get(spec.of, down, ("metrics", name, "of"))
                text = f"{spec.metric} / {spec.of}"
            elif isinstance(base, Series):
                whole = base.total
                text = f"{spec.metric} / total of {spec.metric}"
            else:
                raise MetricError(f"share of '{spec.metric}' needs 'of:' (it is not a series)",
                                  self._loc(("metrics", name)))
            return self._combine(name, base, whole, _div, unit, direction, label, text)
        if isinstance(spec, m.Rank):
            base = self.get(spec.metric, down, ("metrics", name, "metric"))
            if not isinstance(base, Series):
                raise MetricError(f"rank needs a series metric (one with 'by:'); "
                                  f"'{spec.metric}' is a single value", self._loc(("metrics", name)))
            ranked = sorted([(c, v) for c, v in base.items if v is not None],
                            key=lambda cv: cv[1], reverse=True)
            if spec.bottom:
                ranked = list(reversed(ranked))[: spec.bottom]
            elif spec.top:
                ranked = ranked[: spec.top]
            return Series(name, ranked, base.unit, base.direction, label, base.source,
                          base.dimension)
        raise MetricError(f"metric kind '{kind}' is not implemented", self._loc(("metrics", name)))

    def _row_metric(self, name: str, spec: Any, win: Window, unit: str, direction: str,
                    label: str) -> Result:
        pushed = self._table(name, spec)
        if hasattr(pushed, "summary"):  # aggregated in place: see metrics/pushed.py
            from reviewdeck.metrics.pushed import row_metric

            return row_metric(self, name, spec, win, unit, direction, label, pushed)
        frame, table, in_window = self._rows(name, spec, win)
        kind = spec.kind
        source = provenance(spec, table, win)
        if table.date_column:
            self.saw_rows(table.origin, win, in_window)
        if not in_window:
            self._warn(name, f"{table.origin} has no rows in {win.describe()}")
        if isinstance(spec, m.Funnel):
            if spec.by_month:
                raise MetricError("'by_month' is not supported for a funnel",
                                  self._loc(("metrics", name, "by_month")))
            col = self._column(name, frame, table, spec.column, numeric=False)
            order = {stage: i for i, stage in enumerate(spec.stages)}
            idx = col.astype("string").map(order)
            unknown = col[idx.isna()].dropna().unique()
            if len(unknown):
                self._warn(name, f"stage values not in 'stages': {', '.join(map(str, unknown[:5]))}")
            items = [(stage, float((idx >= i).sum()) if in_window else None)
                     for i, stage in enumerate(spec.stages)]
            return Series(name, items, unit, direction, label, source, spec.column)

        def aggregate(rows: pd.DataFrame) -> float | None:
            if kind == "count":
                return float(len(rows))
            col = self._column(name, rows, table, spec.column, numeric=kind != "distinct")
            if kind == "total":
                return float(col.sum())
            if kind == "distinct":
                return float(col.nunique())
            if kind == "mean":
                return clean(col.mean())
            if kind == "average":
                self._column(name, rows, table, spec.per, numeric=False)
                per = rows.groupby(spec.per, sort=False)[spec.column].sum()
                return clean(per.mean())
            raise MetricError(f"unknown kind {kind}")

        if spec.by_month:
            return self._by_month(name, spec, win, frame, table, aggregate, unit, direction,
                                  label, source)
        if spec.by is None:
            value = aggregate(frame) if in_window else None
            if value is None and in_window and kind in ("mean", "average"):
                self._warn(name, "no rows match, so there is no average")
            return Value(name, value, unit, direction, label, source)
        self._column(name, frame, table, spec.by, numeric=False)
        if kind == "count":
            grouped = frame.groupby(spec.by, sort=False).size().astype(float)
        elif kind == "distinct":
            self._column(name, frame, table, spec.column, numeric=False)
            grouped = frame.groupby(spec.by, sort=False)[spec.column].nunique().astype(float)
        elif kind in ("total", "mean"):
            self._column(name, frame, table, spec.column, numeric=True)
            agg = "sum" if kind == "total" else "mean"
            grouped = frame.groupby(spec.by, sort=False)[spec.column].agg(agg)
        else:
            raise MetricError(f"'by:' is not supported for kind '{kind}'",
                              self._loc(("metrics", name, "by")))
        items = [(str(k), clean(v)) for k, v in grouped.items()]
        if isinstance(spec.order, list):
            found = dict(items)
            zero = 0.0 if kind in ("total", "count", "distinct") else None
            items = [(c, found.get(c, zero)) for c in spec.order]
        elif spec.order == "desc":
            items.sort(key=lambda cv: (cv[1] is None, -(cv[1] or 0)))
        elif spec.order == "asc":
            items.sort(key=lambda cv: (cv[1] is None, cv[1] or 0))
        # order "none": keep the categories in the order their rows first appear
        return Series(name, items, unit, direction, label, source, spec.by)

    def _by_month(self, name: str, spec: Any, win: Window, frame: pd.DataFrame, table: Table,
                  aggregate: Callable[[pd.DataFrame], float | None], unit: str, direction: str,
                  label: str, source: str) -> Series:
        """One value per calendar month of the window (2025-01, ...), in calendar order.

        A month in which the source has no rows at all has no value (a gap, with a warning);
        a month whose rows all fail the metric's 'where' counts as zero.
        """
        import pandas as pd

        if not table.date_column:
            raise MetricError(f"'by_month' needs a date column: give {table.name} a "
                              "'date_column'", self._loc(("metrics", name, "by_month")))
        all_dates = table.frame[table.date_column]
        first, months = win.first, win.months
        if months > 120:  # window 'all': the months the data covers
            present = all_dates.dropna()
            if present.empty:
                return Series(name, [], unit, direction, label, source + ", by month", "month")
            lo, hi = present.min(), present.max()
            first = max(first, lo.year * 12 + lo.month - 1)
            months = min(win.first + win.months, hi.year * 12 + hi.month) - first
        dates = frame[table.date_column]
        items: list[tuple[str, float | None]] = []
        missing = []
        for k in range(months):
            month = Window(first + k, 1)
            start, end = pd.Timestamp(month.start), pd.Timestamp(month.end)
            key = f"{month.start:%Y-%m}"
            if not ((all_dates >= start) & (all_dates < end)).any():
                items.append((key, None))
                missing.append(key)
                continue
            items.append((key, aggregate(frame[(dates >= start) & (dates < end)])))
        if missing and len(missing) < months:  # an empty window is warned about already
            self._warn(name, f"{table.origin} has no rows in {', '.join(missing)}, so "
                       f"{'that month has' if len(missing) == 1 else 'those months have'} "
                       "no value")
        return Series(name, items, unit, direction, label, source + ", by month", "month")

    def _combine(self, name: str, a: Operand, b: Operand, op: Op, unit: str, direction: str,
                 label: str, text: str) -> Result:
        def apply(x: float | None, y: float | None, cat: str | None = None) -> float | None:
            if x is None or y is None:
                return None
            out = op(x, y)
            if out is None:
                where = f" for {cat}" if cat else ""
                self._warn(name, f"no value{where}: the denominator is zero")
            return clean(out)

        source = f"{text}"
        if isinstance(a, Series):
            if isinstance(b, Series):
                lookup = dict(b.items)
                items = [(c, apply(v, lookup.get(c), c)) for c, v in a.items]
            else:
                items = [(c, apply(v, b.value, c)) for c, v in a.items]
            return Series(name, items, unit, direction, label, source, a.dimension)
        if isinstance(b, Series):
            items = [(c, apply(a.value, v, c)) for c, v in b.items]
            return Series(name, items, unit, direction, label, source, b.dimension)
        return Value(name, apply(a.value, b.value), unit, direction, label, source)

    def _achievement(self, name: str, spec: m.Achievement, down: Window | None,
                     label: str) -> Result:
        actual = self.get(spec.actual, down, ("metrics", name, "actual"))
        target = self.get(spec.target, down, ("metrics", name, "target"))
        lower = self.metrics[spec.actual].direction == "lower"
        text = f"{spec.actual} / {spec.target}"
        if isinstance(actual, Series) or isinstance(target, Series):
            if lower:  # no plain rate for lower-is-better, and nothing to warn about
                base = actual if isinstance(actual, Series) else target
                return Series(name, [(c, None) for c in base.categories], "rate", "higher",
                              label, text, base.dimension)
            return self._combine(name, actual, target, _div, "rate", "higher", label, text)
        a, t = actual.value, target.value
        if a is not None and t is not None and t == 0:
            self._warn(name, f"the target '{spec.target}' is zero, so there is no achievement rate")
        rate = None if lower or a is None or not t else a / t
        gap = a - t if a is not None and t is not None else None
        gap_rate = (a / t - 1) if a is not None and t else None
        if lower and gap_rate is not None:
            gap_rate = -gap_rate  # positive = better, for a lower-is-better metric
        extras = {
            "actual": actual,
            "target": target,
            "gap": Value(name + ".gap", gap, actual.unit, actual.direction, label, text),
            "gap_rate": Value(name + ".gap_rate", gap_rate, "change", "higher", label, text),
        }
        return Value(name, clean(rate), "rate", "higher", label, text, extras)

    def _change(self, name: str, spec: m.Change, win: Window | None, label: str,
                direction: str) -> Result:
        base_spec = self.metrics.get(spec.metric)
        if base_spec is None:
            raise MetricError(f"unknown metric '{spec.metric}'"
                              f"{closest(spec.metric, list(self.metrics))}",
                              self._loc(("metrics", name, "metric")))
        base_win = win or self.period.window(base_spec.window)
        shift = -base_win.months if spec.vs == "previous" else -12
        now = self.get(spec.metric, base_win, ("metrics", name, "metric"))
        before = self.get(spec.metric, base_win.shift(shift), ("metrics", name, "metric"))
        mode = spec.mode
        if mode == "auto":
            mode = "points" if now.unit in ("rate", "change") else "relative"
        if mode == "relative":
            op: Op = lambda x, y: (x / y - 1) if y else None  # noqa: E731
            unit = "change"
        else:
            op = lambda x, y: x - y  # noqa: E731
            unit = "points" if mode == "points" else now.unit
        result = self._combine(name, now, before, op, spec.unit or unit,
                               spec.direction or now.direction, label,
                               f"{spec.metric} vs {spec.vs} ({base_win.shift(shift).describe()})")
        if isinstance(result, Value) and isinstance(before, Value):
            result.extras["prior"] = before
            result.extras["now"] = now
        return result
