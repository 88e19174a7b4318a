"""Row metrics (total, count, distinct, mean, average, funnel) of a source aggregated in place.

The same answers, warnings and series order as the engine's pandas path, read from the source's
Summary instead of its rows: counts and sums add up over the summary's groups, a mean is
sum / count, an average per rep sums per rep first, a distinct count is its own query.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from reviewdeck.config import models as m
from reviewdeck.config.models import closest
from reviewdeck.data.sqlexpr import NUMBER
from reviewdeck.data.summary import Rows, Scope, missing
from reviewdeck.errors import DataError, MetricError
from reviewdeck.metrics.engine import provenance
from reviewdeck.metrics.period import Window
from reviewdeck.metrics.values import Result, Series, Value, clean

if TYPE_CHECKING:
    from reviewdeck.data.pushdown import PushedTable
    from reviewdeck.metrics.engine import MetricEngine



def _column(eng: MetricEngine, name: str, table: PushedTable, column: str,
            numeric: bool) -> None:
    kinds = table.kinds
    if column not in kinds:
        raise DataError(f"{table.origin} has no column '{column}'{closest(column, list(kinds))}",
                        eng._loc(("metrics", name, "column")))
    if numeric and kinds[column] != NUMBER:
        raise DataError(
            f"column '{column}' of {table.origin} is not numeric; declare it under the "
            f"source's columns (e.g. {column}: money) so values like '1,280.50' are read",
            eng._loc(("metrics", name, "column")))


def row_metric(eng: MetricEngine, name: str, spec: Any, win: Window, unit: str,
               direction: str, label: str, table: PushedTable) -> Result:
    kind = spec.kind
    summary = table.summary
    scope = table.scope.plus(spec.where)
    source = provenance(spec, table, win)
    in_window = not table.date_column or bool(len(summary.rows(table.scope, win.first,
                                                                win.months)))
    if table.date_column:
        eng.saw_rows(table.origin, win, in_window)
    if not in_window:
        eng._warn(name, f"{table.origin} has no rows in {win.describe()}")
    sum_col = spec.column if kind in ("total", "mean", "average") else None
    if sum_col:
        _column(eng, name, table, sum_col, numeric=True)
    if kind == "distinct":
        _column(eng, name, table, spec.column, numeric=False)
    if kind == "average":
        _column(eng, name, table, spec.per, numeric=False)
    if spec.by is not None:
        _column(eng, name, table, spec.by, numeric=False)

    def rows(first: int, months: int, dims: tuple[str, ...] = (),
             first_seen: bool = False) -> Rows:
        try:
            return summary.rows(scope, first, months, sum_col, first_seen, dims)
        except DataError as exc:
            raise DataError(exc.message, eng._loc(("metrics", name, "where"))) from None

    if isinstance(spec, m.Funnel):
        if spec.by_month:
            raise MetricError("'by_month' is not supported for a funnel",
                              eng._loc(("metrics", name, "by_month")))
        _column(eng, name, table, spec.column, numeric=False)
        found = rows(win.first, win.months, (spec.column,))
        per_stage = _group_sum(found, spec.column, "_n")
        order = {stage: i for i, stage in enumerate(spec.stages)}
        reached = {k: order.get(str(k)) for k in per_stage}
        unknown = sorted((k for k, i in reached.items() if i is None), key=str)
        if unknown:
            eng._warn(name, f"stage values not in 'stages': {', '.join(map(str, unknown[:5]))}")
        items = [(stage, float(sum(n for k, n in per_stage.items()
                                   if reached[k] is not None and reached[k] >= i))
                  if in_window else None) for i, stage in enumerate(spec.stages)]
        return Series(name, items, unit, direction, label, source, spec.column)

    def aggregate(first: int, months: int) -> float | None:
        if kind == "distinct":
            try:
                return float(summary.distinct(scope, spec.column, first, months))
            except DataError as exc:
                raise DataError(exc.message, eng._loc(("metrics", name, "where"))) from None
        found = rows(first, months, (spec.per,) if kind == "average" else ())
        if kind == "count":
            return found.total("_n")
        if kind == "total":
            return found.total("s")
        if kind == "mean":
            n = found.total("c")
            return clean(found.total("s") / n) if n else None
        if kind == "average":
            per = list(_group_sum(found, spec.per, "s").values())
            return clean(math.fsum(per) / len(per)) if per else None  # in any order
        raise MetricError(f"unknown kind {kind}")

    def monthly(first: int, months: int) -> dict[int, float | None] | None:
        """count, total and mean of every month at once; None for kinds that need more."""
        if kind not in ("count", "total", "mean"):
            return None
        found = rows(first, months)
        sums = _group_sum(found, "_m", "_n" if kind == "count" else "s")
        counts = _group_sum(found, "_m", "c") if kind == "mean" else sums
        out: dict[int, float | None] = {}
        for k in range(first, first + months):
            if kind == "mean":
                n = counts.get(k, 0.0)
                out[k] = clean(sums.get(k, 0.0) / n) if n else None
            else:
                out[k] = sums.get(k, 0.0)
        return out

    if spec.by_month:
        return _by_month(eng, name, table, scope, win, aggregate, monthly, unit, direction,
                         label, source)
    if spec.by is None:
        value = aggregate(win.first, win.months) if in_window else None
        if value is None and in_window and kind in ("mean", "average"):
            eng._warn(name, "no rows match, so there is no average")
        return Value(name, value, unit, direction, label, source)
    if kind == "distinct":
        try:
            pairs = summary.distinct(scope, spec.column, win.first, win.months, spec.by)
        except DataError as exc:
            raise DataError(exc.message, eng._loc(("metrics", name, "where"))) from None
        items = [(str(k), clean(v)) for k, v in pairs]
    elif kind in ("count", "total", "mean"):
        found = rows(win.first, win.months, (spec.by,), first_seen=True)
        # categories in the order their rows first appear, as pandas' groupby keeps them (ties
        # in value keep it too); a database table has no row order, so there: by name
        first_at = _group_min(found, spec.by, "_first") if "_first" in found else {}
        if kind == "count":
            values = _group_sum(found, spec.by, "_n")
        elif kind == "total":
            values = _group_sum(found, spec.by, "s")
        else:
            sums, counts = _group_sum(found, spec.by, "s"), _group_sum(found, spec.by, "c")
            values = {k: (sums[k] / counts[k] if counts[k] > 0 else None) for k in sums}
        keys = sorted(values, key=lambda k: (first_at.get(k, math.inf), k) if first_at else k)
        items = [(str(k), clean(values[k])) for k in keys]
    else:
        raise MetricError(f"'by:' is not supported for kind '{kind}'",
                          eng._loc(("metrics", name, "by")))
    if isinstance(spec.order, list):
        present = dict(items)
        zero = 0.0 if kind in ("total", "count", "distinct") else None
        items = [(c, present.get(c, zero)) for c in spec.order]
    elif spec.order == "desc":
        items.sort(key=lambda cv: (cv[1] is None, -(cv[1] or 0)))
    elif spec.order == "asc":
        items.sort(key=lambda cv: (cv[1] is None, cv[1] or 0))
    return Series(name, items, unit, direction, label, source, spec.by)


def _by_month(eng: MetricEngine, name: str, table: PushedTable, scope: Scope, win: Window,
              aggregate: Any, monthly: Any, unit: str, direction: str, label: str,
              source: str) -> Series:
    """One value per calendar month of the window, as the engine's own by_month gives it."""
    if not table.date_column:
        raise MetricError(f"'by_month' needs a date column: give {table.name} a "
                          "'date_column'", eng._loc(("metrics", name, "by_month")))
    first, months = win.first, win.months
    if months > 120:
        present = table.summary.months_with_rows(table.scope)
    else:
        found = table.summary.rows(table.scope, first, months)
        present = sorted({int(x) for x in found["_m"] if x is not None})
    if months > 120:
        if not present:
            return Series(name, [], unit, direction, label, source + ", by month", "month")
        first = max(first, present[0])
        months = min(win.first + win.months, present[-1] + 1) - first
    have = set(present)
    per_month = monthly(first, months)  # all months from one read of the summary, when sums do
    items: list[tuple[str, float | None]] = []
    missing = []
    for k in range(months):
        month = Window(first + k, 1)
        key = f"{month.start:%Y-%m}"
        if month.first not in have:
            items.append((key, None))
            missing.append(key)
            continue
        items.append((key, per_month[month.first] if per_month is not None
                      else aggregate(month.first, 1)))
    if missing and len(missing) < months:
        eng._warn(name, f"{table.origin} has no rows in {', '.join(missing)}, so "
                  f"{'that month has' if len(missing) == 1 else 'those months have'} "
                  "no value")
    return Series(name, items, unit, direction, label, source + ", by month", "month")


def _group_sum(rows: Rows, key: str, column: str) -> dict[Any, float]:
    """Sum of column per value of key, in order of first appearance; rows without a key are
    left out and empty values count as 0 (pandas' groupby-sum). Sums are exact (fsum), as
    pandas' compensated sums nearly are, so both paths print the same figures."""
    parts: dict[Any, list[float]] = {}
    for k, v in zip(rows[key], rows[column]):
        if missing(k):
            continue
        bucket = parts.setdefault(k, [])
        if not missing(v):
            bucket.append(v)
    return {k: math.fsum(vs) for k, vs in parts.items()}


def _group_min(rows: Rows, key: str, column: str) -> dict[Any, Any]:
    """The smallest value of column per value of key."""
    out: dict[Any, Any] = {}
    for k, v in zip(rows[key], rows[column]):
        if not missing(k) and v is not None and (k not in out or v < out[k]):
            out[k] = v
    return out
