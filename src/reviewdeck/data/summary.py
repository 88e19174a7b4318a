"""One aggregate query per source: rows counted and summed by month × the dimensions metrics use.

A pushed-down source is never loaded row by row. Its Summary is a small table grouped by month
and by every column a metric groups by (by, per, funnel stages); each filter a metric or view
applies (amount < 1000) becomes a conditional count and sum of its own, so the database
evaluates it and Python only adds up; text equality on a grouped column (channel: 线上) is read
off the groups. Every metric reads this table, held as plain Python lists sorted by month (a
few thousand rows: no pandas needed). Sums and counts add up across months and groups, so a
mean is sum / count; distinct counts do not add up, so each is its own query, per window.
The frame is fetched lazily and fetched again, wider, if a metric asks for something the first
plan did not foresee, so the plan only saves queries and never changes a number.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any

from sqlglot import exp

from reviewdeck.data import prefetch
from reviewdeck.data.sqlexpr import (
    DATE,
    TEXT,
    Binds,
    canonical,
    case_when,
    check_columns,
    column,
    condition,
    conjunction,
    ident,
    month_index,
)
from reviewdeck.errors import DataError

Where = dict[str, Any]
ALL_MONTHS = (0, 10000 * 12)


@dataclass(frozen=True)
class Scope:
    """The rows a metric reads: a source's (or view's) filters plus the metric's own, and the
    batch slice (column = value) it belongs to."""

    wheres: tuple[str, ...] = ()  # JSON of each where-dict, outermost view first
    # (column, value) of a batch slice: the column is a grouped dimension of the summary, so
    # every slice is read from the one summary, by equality on the values the database gave
    slices: tuple[tuple[str, Any], ...] = ()

    @staticmethod
    def of(*wheres: Where | None) -> Scope:
        return Scope(tuple(json.dumps(w, ensure_ascii=False, sort_keys=True, default=str)
                           for w in wheres if w))

    def plus(self, where: Where | None) -> Scope:
        """This scope narrowed by one more filter (a view's or a metric's)."""
        return Scope(self.wheres + Scope.of(where).wheres, self.slices)

    def sliced(self, column: str, value: Any) -> Scope:
        return Scope(self.wheres, self.slices + ((column, value),))

    def conditions(self) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        for text in self.wheres:
            out.extend(json.loads(text).items())
        return out


class Detached:
    """The stand-in for a relation in a batch worker: its columns, and no queries."""

    rowpos = None

    def __init__(self, origin: str, kinds: dict[str, str], dialect: str) -> None:
        self.origin = origin
        self.kinds = kinds
        self.dialect = dialect
        self.wanted: set[str] = set()

    def table(self, columns: Any = ()) -> Any:
        raise DataError(f"{self.origin}: a batch slice asked for figures that were not "
                        "prepared with the batch; run it with --workers 1")

    def fetch(self, tree: Any, binds: Any) -> Any:
        return self.table()


class Rows:
    """Rows of a summary as named columns of plain values."""

    __slots__ = ("columns", "size")

    def __init__(self, columns: dict[str, list[Any]], size: int) -> None:
        self.columns = columns
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, name: str) -> list[Any]:
        return self.columns[name]

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    def total(self, name: str) -> float:
        """Sum of a column, empty values left out (as pandas' sum does)."""
        return math.fsum(v for v in self.columns[name] if not missing(v))


def missing(value: Any) -> bool:
    """An empty value: NULL from the database, or a NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _taker(index: list[int]) -> Any:
    """A function picking the values at index out of a list (itemgetter does it in C)."""
    if len(index) > 1:
        get = itemgetter(*index)
        return lambda values: list(get(values))
    return lambda values: [values[i] for i in index]


def _number(value: Any) -> Any:
    return None if value is None else float(value)


def _as_declared(value: Any, kind: str) -> Any:
    """A grouped value as the pandas path holds a column declared as kind (so labels agree)."""
    if value is None:
        return None
    if kind in ("number", "money", "rate", "int"):
        return float(value)
    if kind == "bool":
        return bool(value)
    if kind in ("date", "month") and isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, 1 if kind == "month" else value.day)
    if kind == "text":
        return str(value).strip()
    return value


@dataclass
class Summary:
    """Aggregates of one relation (file or table) dated by one column, restricted by base_where."""

    relation: Any
    date_column: str | None
    declared: dict[str, str]
    base: Any = None  # binds -> an sqlglot FROM expression, when not the relation's table
    base_where: Where | None = None
    origin: str = ""
    dims: set[str] = field(default_factory=set)
    preds: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    sums: set[tuple[str, str]] = field(default_factory=set)
    firsts: set[str] = field(default_factory=set)
    span: tuple[int, int] | None = None
    frame: Rows | None = None
    queries: int = 0
    distinct_queries: int = 0
    _distinct: dict[Any, Any] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)
    rowpos: Any = "relation"  # expression of a row's position in the file, or None
    _dated: int = 0  # rows of frame with a month (they come first, in month order)

    def __post_init__(self) -> None:
        if self.rowpos == "relation":
            self.rowpos = self.relation.rowpos

    # ------------------------------------------------------------------ planning
    @property
    def kinds(self) -> dict[str, str]:
        return self.relation.kinds  # type: ignore[no-any-return]

    def _grow(self, changed: bool) -> None:
        if changed:
            self.frame = None

    def need_dims(self, columns: Sequence[str]) -> None:
        new = {c for c in columns if c and c in self.kinds} - self.dims
        self.dims |= new
        self._grow(bool(new))

    def need_months(self, first: int, end: int) -> None:
        lo, hi = self.span or (first, end)
        wanted = (min(lo, first), max(hi, end))
        if wanted != self.span:
            self.span = wanted
            self._grow(True)

    def _on_text_dim(self, col: str, cond: Any) -> set[str] | None:
        """The texts a filter keeps when it is plain text equality (channel: 线上, or a list of
        texts) on a grouped text column: those are read off the summary's groups, exactly as
        the database would compare them; any other filter is the database's to evaluate."""
        if col not in self.dims or self.kinds.get(col) != TEXT:
            return None
        if isinstance(cond, dict) and len(cond) == 1:
            op, cond = next(iter(cond.items()))
            if op not in ("==", "in"):
                return None
        if isinstance(cond, str):
            return {cond}
        if isinstance(cond, list) and cond and all(isinstance(v, str) for v in cond):
            return set(cond)
        return None

    def _key(self, scope: Scope) -> str:
        """Register scope's filters as one conditional aggregate; return its key."""
        residual = sorted({canonical(c, v): (c, v) for c, v in scope.conditions()
                           if self._on_text_dim(c, v) is None}.items())
        key = "|".join(k for k, _ in residual)
        if key not in self.preds:
            check_columns(dict(cv for _, cv in residual), self.kinds, self.origin)
            for _, (c, v) in residual:  # fail here, where the metric is named, not in the query
                condition(c, v, self.kinds.get(c, ""), self.declared.get(c), Binds())
            self.preds[key] = [cv for _, cv in residual]
            self._grow(True)
        return key

    def need(self, scope: Scope, sum_column: str | None = None, first: bool = False) -> str:
        key = self._key(scope)
        if sum_column and (key, sum_column) not in self.sums:
            self.sums.add((key, sum_column))
            self._grow(True)
        if first and key not in self.firsts:
            self.firsts.add(key)
            self._grow(True)
        return key

    # ------------------------------------------------------------------ the query
    def _from(self, binds: Binds, columns: set[str]) -> exp.Expr:
        """The FROM of a query that reads columns (a view's base may read only those)."""
        source: exp.Expr = (self.relation.table(columns) if self.base is None
                            else self.base(binds, columns))
        return source

    def _columns(self) -> set[str]:
        cols = set(self.dims) | {c for _, c in self.sums}
        cols |= {c for conds in self.preds.values() for c, _ in conds}
        cols |= set(self.base_where or {})
        return cols | ({self.date_column} if self.date_column else set())

    def _filters(self, binds: Binds, months: tuple[int, int] | None) -> list[exp.Expr]:
        parts = [condition(c, v, self.kinds.get(c, ""), self.declared.get(c), binds)
                 for c, v in (self.base_where or {}).items()]
        if self.date_column and months and months != ALL_MONTHS:
            from reviewdeck.metrics.period import Window

            lo = Window(months[0], 1).start
            hi = Window(months[1], 1).start
            date = exp.Column(this=ident(self.date_column))
            parts += [exp.GTE(this=date, expression=binds(lo)),
                      exp.LT(this=date, expression=binds(hi))]
        return parts

    def _alias(self, label: str) -> str:
        name = f"c{len(self._names)}"
        self._names[name] = label
        return name

    def _fetch(self) -> Rows:
        binds = Binds()
        self._names = {}
        selects: list[exp.Expr] = []
        if self.date_column:
            selects.append(exp.alias_(month_index(exp.Column(this=ident(self.date_column)),
                                                  self.relation.dialect), self._alias("_m")))
        dims = sorted(self.dims)
        for d in dims:
            selects.append(exp.alias_(column(d, self.kinds.get(d), self.declared.get(d)),
                                      self._alias(d)))
        groups = len(selects)
        for key, conds in self.preds.items():
            pred = conjunction([condition(c, v, self.kinds.get(c, ""), self.declared.get(c),
                                          binds) for c, v in conds])
            one = exp.Literal.number(1)
            selects.append(exp.alias_(exp.Sum(this=case_when(pred, one, exp.Literal.number(0))),
                                      self._alias(f"#n:{key}")))
            for k, col in sorted(self.sums):
                if k == key:
                    value = column(col, self.kinds.get(col))
                    selects.append(exp.alias_(exp.Sum(this=case_when(pred, value)),
                                              self._alias(f"#s:{key}:{col}")))
                    selects.append(exp.alias_(exp.Count(this=case_when(pred, value)),
                                              self._alias(f"#c:{key}:{col}")))
            if key in self.firsts and self.rowpos is not None:
                selects.append(exp.alias_(exp.Min(this=case_when(pred, self.rowpos)),
                                          self._alias(f"#f:{key}")))
        query = exp.select(*selects).from_(self._from(binds, self._columns()))
        where = conjunction(self._filters(binds, self.span))
        if where is not None:
            query = query.where(where)
        if groups:
            query = query.group_by(*[exp.Literal.number(i + 1) for i in range(groups)])
        names, records = self.relation.fetch(query, binds)
        self.queries += 1
        names = [self._names.get(c, c) for c in names]
        values = list(zip(*records)) if records else [()] * len(names)
        columns: dict[str, list[Any]] = {}
        for name, vals in zip(names, values):
            if name == "_m":
                columns[name] = [None if v is None else int(v) for v in vals]
            elif name.startswith("#"):
                columns[name] = [_number(v) for v in vals]
            elif name in self.declared:
                columns[name] = [_as_declared(v, self.declared[name]) for v in vals]
            else:
                columns[name] = list(vals)
        size = len(records)
        if "_m" not in columns:
            columns["_m"] = [0] * size
        month = columns["_m"]  # month order, undated rows last, so a window is one slice
        order = sorted(range(size), key=lambda i: (month[i] is None, month[i] or 0))
        for name, vals in columns.items():
            columns[name] = [vals[i] for i in order]
        self._dated = sum(1 for m in month if m is not None)
        return Rows(columns, size)

    def table(self) -> Rows:
        prefetch.wait()  # the query may be running in the background already
        if self.frame is None:
            if self.span is None:
                self.span = ALL_MONTHS
            self.frame = self._fetch()
        return self.frame

    # ------------------------------------------------------------------ answers
    def _covering(self, first: int, months: int) -> Rows:
        if self.date_column:
            self.need_months(first, first + months) if first + months <= ALL_MONTHS[1] \
                else self.need_months(*ALL_MONTHS)
        return self.table()

    def rows(self, scope: Scope, first: int, months: int, sum_column: str | None = None,
             first_seen: bool = False, extra_dims: Sequence[str] = ()) -> Rows:
        """Summary rows of scope in the window, with _n (rows), s / c (sum and count of
        sum_column) and _first (position of the first row); only groups that have rows."""
        prefetch.wait()  # before asking for more, which would change what is being fetched
        check_columns(dict.fromkeys(c for c, _ in scope.conditions()), self.kinds, self.origin)
        self.need_dims([*extra_dims, *(c for c, _ in scope.slices)])
        key = self.need(scope, sum_column, first_seen)
        frame = self._covering(first, months)
        lo, hi = 0, len(frame)
        if self.date_column:
            month = frame["_m"]
            lo = bisect_left(month, first, 0, self._dated)
            hi = bisect_left(month, first + months, lo, self._dated)
        counts = frame[f"#n:{key}"]
        index = [i for i in range(lo, hi) if counts[i]]  # NULL, 0 (or NaN: never) are out
        for col, cond in scope.conditions():  # equality on text groups: see _on_text_dim
            keep = self._on_text_dim(col, cond)
            if keep is not None:
                values = frame[col]
                index = [i for i in index if values[i] in keep]
        for col, value in scope.slices:
            if col not in frame:
                raise DataError(f"internal: {self.origin} is sliced by '{col}', which its "
                                "summary does not group by")
            values = frame[col]
            index = [i for i in index if values[i] == value]
        cols = {d: d for d in extra_dims if d}
        cols.update({f"#n:{key}": "_n", "_m": "_m"})
        if sum_column:
            cols.update({f"#s:{key}:{sum_column}": "s", f"#c:{key}:{sum_column}": "c"})
        if first_seen and f"#f:{key}" in frame:
            cols[f"#f:{key}"] = "_first"
        take = _taker(index)
        return Rows({new: take(frame[old]) for old, new in cols.items()}, len(index))

    def values(self, scope: Scope, col: str) -> list[Any]:
        """The distinct values of col within scope, over all dates, as the summary holds them
        (a batch's slices)."""
        prefetch.wait()
        binds = Binds()
        value = exp.alias_(column(col, self.kinds.get(col), self.declared.get(col)), "v")
        query = self._select([value], scope, binds, None, {col}).distinct()
        _, records = self.relation.fetch(query, binds)
        kind = self.declared.get(col)
        return [_as_declared(r[0], kind) if kind else r[0] for r in records
                if not missing(r[0])]

    def restrict(self, col: str, values: Sequence[Any]) -> None:
        """Read only the rows whose col is one of values (a batch of a few slices of a column
        with many values: the summary groups by it, and need not hold the others)."""
        if col in (self.base_where or {}):
            return  # the source filters that column itself
        self.base_where = {**(self.base_where or {}), col: list(values)}
        self.frame = None
        self._distinct.clear()

    def detached(self) -> Summary:
        """This summary, fetched, without its database: it travels to batch worker processes,
        where every metric reads what was fetched (and asking for more is an error)."""
        self.table()
        relation = Detached(self.origin, dict(self.kinds), self.relation.dialect)
        return replace(self, relation=relation, base=None)

    def _select(self, selects: list[exp.Expr], scope: Scope, binds: Binds,
                months: tuple[int, int] | None, columns: set[str]) -> exp.Select:
        """SELECT selects from this summary's rows in scope (its filters and batch slice, and
        within months when given); columns are those selects read."""
        conds = [*scope.conditions(), *scope.slices]
        used = set(columns) | {c for c, _ in conds} | set(self.base_where or {})
        query = exp.select(*selects).from_(self._from(binds, used))
        where = conjunction(self._filters(binds, months) + [
            condition(c, v, self.kinds.get(c, ""), self.declared.get(c), binds)
            for c, v in conds])
        return query if where is None else query.where(where)

    def count(self, scope: Scope) -> int:
        """Rows of scope over all dates: one COUNT(*), which a Parquet footer answers alone."""
        prefetch.wait()
        if ("count", scope) not in self._distinct:
            binds = Binds()
            query = self._select([exp.alias_(exp.Count(this=exp.Star()), "n")], scope, binds,
                                 None, set())
            _, records = self.relation.fetch(query, binds)
            self._distinct[("count", scope)] = int(records[0][0])
        return int(self._distinct[("count", scope)])

    def months_with_rows(self, scope: Scope) -> list[int]:
        """Months (as Window.first numbers) in which scope has rows, over the whole data."""
        frame = self.rows(scope, *ALL_MONTHS)
        return sorted({int(m) for m in frame["_m"] if m is not None})

    def distinct(self, scope: Scope, col: str, first: int, months: int,
                 by: str | None = None) -> Any:
        """COUNT(DISTINCT col) of scope in the window, per by-group when by is given."""
        check_columns(dict.fromkeys(c for c, _ in scope.conditions()), self.kinds, self.origin)
        cache_key = (scope, col, first, months, by)
        prefetch.wait()
        if cache_key not in self._distinct:
            found = self._distinct_query(scope, col, first, months, by, None)
            self._distinct[cache_key] = found.get(None, [] if by else 0.0)
        return self._distinct[cache_key]

    def distinct_slices(self, scope: Scope, col: str, first: int, months: int,
                        by: str | None, column: str, values: Sequence[Any]) -> None:
        """Answer distinct() for every batch slice column = value at once: one query grouped
        by the slice column, its results cached as each slice will ask for them."""
        check_columns(dict.fromkeys(c for c, _ in scope.conditions()), self.kinds, self.origin)
        found = self._distinct_query(scope, col, first, months, by, column)
        for value in values:  # as the summary holds them (what slices compare with)
            key = (scope.sliced(column, value), col, first, months, by)
            self._distinct[key] = found.get(value, [] if by else 0.0)

    def _distinct_query(self, scope: Scope, col: str, first: int, months: int,
                        by: str | None, per: str | None) -> dict[Any, Any]:
        """{per-value (None without per): count, or [(by-value, count), ...] in first-seen
        order}."""
        binds = Binds()
        value = column(col, self.kinds.get(col), self.declared.get(col))
        selects: list[exp.Expr] = [exp.alias_(exp.Count(this=exp.Distinct(expressions=[value])),
                                              "n")]
        groups = [g for g in (per, by) if g]
        for name, alias in ((per, "s"), (by, "k")):
            if name:
                selects.append(exp.alias_(column(name, self.kinds.get(name),
                                                 self.declared.get(name)), alias))
        if by and self.rowpos is not None:
            selects.append(exp.alias_(exp.Min(this=self.rowpos), "f"))
        dated = bool(self.date_column)
        query = self._select(selects, scope, binds, (first, first + months) if dated else None,
                             {col, *groups, *([self.date_column] if dated else [])})
        if groups:
            query = query.group_by(*[exp.Literal.number(i + 2) for i in range(len(groups))])
        names, records = self.relation.fetch(query, binds)
        self.distinct_queries += 1
        at = {name: i for i, name in enumerate(names)}
        out: dict[Any, Any] = {}
        if not by:
            for r in records:
                out[r[at["s"]] if per else None] = float(r[at["n"]])
            return out
        kept = [r for r in records if not missing(r[at["k"]])]
        kept.sort(key=lambda r: r[at["f"] if "f" in at else at["k"]])  # first seen, or name
        for r in kept:
            out.setdefault(r[at["s"]] if per else None, []).append((r[at["k"]], float(r[at["n"]])))
        return out


def date_kind_ok(kinds: dict[str, str], date_column: str | None) -> bool:
    return date_column is None or kinds.get(date_column) == DATE


__all__ = ["ALL_MONTHS", "DataError", "Scope", "Summary"]
