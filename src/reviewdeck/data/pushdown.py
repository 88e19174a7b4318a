"""Which sources are aggregated in place (DuckDB, a database) and what their one query must hold.

A CSV or Parquet file of AUTO_ROWS rows or more (or with `engine: duckdb`) and a database
`table:` are never loaded row by row: they become PushedTables whose metrics read a Summary.
Smaller files stay on pandas: under some 200,000 rows pandas reads a file in a fraction of a
second, about what importing DuckDB and planning its query cost, and pandas gives the
row-and-column error messages that messy hand-made exports need. Rows are estimated without
reading the file: a Parquet footer holds the count; a CSV's size is divided by the mean length
of its first lines.

The one exception: when a build pushes a big file down anyway, its small companions (a targets
sheet of 168 rows) go to DuckDB too, if they are plain (UTF-8, numbers and ISO dates as
declared, no 合计 or blank rows at the end): importing pandas for them alone would cost more
(0.6 s, 70 MB) than the whole data stage. Anything DuckDB would read differently stays on pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from reviewdeck.config import models as m
from reviewdeck.config.models import Source, closest
from reviewdeck.data.sqlexpr import (
    BOOL,
    DATE,
    NUMBER,
    TEXT,
    Binds,
    condition,
    conjunction,
    ident,
)
from reviewdeck.data.summary import Scope, Summary
from reviewdeck.errors import DataError, Location

if TYPE_CHECKING:
    import pandas as pd

    from reviewdeck.config.load import LoadedConfig
    from reviewdeck.metrics.period import Period, Window

AUTO_ROWS = 200_000
_FITS = {"number": {NUMBER}, "money": {NUMBER}, "rate": {NUMBER}, "int": {NUMBER},
         "date": {DATE}, "month": {DATE}, "bool": {BOOL}}


@dataclass(eq=False)
class PushedTable:
    """A source whose rows stay where they are; metrics ask its Summary for aggregates."""

    name: str
    summary: Summary
    origin: str
    date_column: str | None
    scope: Scope = field(default_factory=Scope)
    filter_text: str = ""
    columns_declared: dict[str, str] = field(default_factory=dict)
    first_data_line: int = 2
    engine: str = "duckdb"

    @property
    def kinds(self) -> dict[str, str]:
        return self.summary.kinds

    @property
    def columns(self) -> list[str]:
        return list(self.summary.kinds)

    def describe(self) -> str:
        return f"{self.origin} where {self.filter_text}" if self.filter_text else self.origin

    def __len__(self) -> int:
        return self.summary.count(self.scope)

    def values(self, column: str) -> list[Any]:
        """The values of column in this source (a batch's slices)."""
        return self.summary.values(self.scope, column)

    def sliced(self, column: str, value: Any, filter_text: str) -> PushedTable:
        """The rows with column = value: the same summary, read through a narrower scope."""
        return replace(self, scope=self.scope.sliced(column, value), filter_text=filter_text,
                       load_rows=None, _rows=None)

    def detached(self) -> PushedTable:
        """Without its database connection, for a batch worker process (Summary.detached)."""
        return replace(self, summary=self.summary.detached(), load_rows=None, _rows=None)

    load_rows: Callable[[], pd.DataFrame] | None = None
    _rows: pd.DataFrame | None = None

    @property
    def frame(self) -> pd.DataFrame:
        """The rows themselves, read with pandas on first use; metrics never need them."""
        if self._rows is None:
            if self.load_rows is None:
                raise DataError(f"{self.origin} is aggregated in place ({self.engine}) and "
                                "its rows cannot be listed")
            self._rows = self.load_rows()
        return self._rows


def engine_for(source: Source, path: Path | None, fmt: str | None) -> str:
    """'pandas', 'duckdb' or 'warehouse' for a source that is not a view; 'small' for a file
    under AUTO_ROWS that may still join DuckDB when the build uses it for a bigger one."""
    if source.url:
        return "warehouse" if source.table else "pandas"
    if fmt not in ("csv", "parquet") or source.engine == "pandas":
        return "pandas"
    if source.engine == "duckdb":
        return "duckdb"
    try:
        rows = estimate_rows(path, fmt) if path is not None else 0
    except (OSError, ValueError):
        return "pandas"  # the pandas reader says what is wrong with the file
    return "duckdb" if rows >= AUTO_ROWS else "small"


def estimate_rows(path: Path, fmt: str) -> int:
    """Rows of a file without reading it: a Parquet footer's count, or a CSV's size over the
    mean length of its first lines."""
    if fmt == "parquet":
        from reviewdeck.data.relations import _duck

        try:
            found = _duck().execute("SELECT sum(num_rows) FROM parquet_file_metadata(?)",
                                    [str(path)]).fetchall()
        except Exception as exc:  # noqa: BLE001 - not a Parquet file: pandas explains
            raise ValueError(str(exc).splitlines()[0]) from None
        return int(found[0][0] or 0) if found else 0
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    lines = head.count(b"\n")
    return size // max(len(head) // max(lines, 1), 1)


def rows_read_by_slides(cfg: LoadedConfig) -> set[str]:
    """Sources whose rows a slide lists (matrix, table): those are loaded with pandas."""
    names: set[str] = set()
    for chapter in cfg.deck.chapters:
        for slide in chapter.slides:
            src = getattr(slide, "source", None)
            if isinstance(src, str):
                names.add(src)
    return names


def check_fit(kinds: dict[str, str], source: Source, origin: str,
              where: Callable[[tuple[str, ...]], Location | None]) -> str | None:
    """Why DuckDB cannot read this file as declared (text amounts like '1,280.50', dates that
    are not ISO), or None when it can."""
    for col, kind in source.columns.items():
        if col not in kinds:
            raise DataError(f"{origin}: column '{col}' is missing{closest(col, list(kinds))}; "
                            f"the file has: {', '.join(list(kinds)[:12])}",
                            where(("columns", col)))
        if kind in _FITS and kinds[col] not in _FITS[kind]:
            return f"column '{col}' holds values DuckDB does not read as {kind}"
    if source.date_column:
        if source.date_column not in kinds:
            raise DataError(f"{origin}: date column '{source.date_column}' is missing"
                            f"{closest(source.date_column, list(kinds))}",
                            where(("date_column",)))
        if kinds[source.date_column] != DATE:
            return f"date column '{source.date_column}' is not written as ISO dates"
    return None


def open_relation(cfg: LoadedConfig, name: str, source: Source, engine: str, path: Path | None,
                  fmt: str | None) -> Any:
    loc = cfg.doc.location(("data", name))
    if engine == "warehouse":
        from reviewdeck.data.relations import Warehouse
        from reviewdeck.data.sources import _sql_url

        url_loc = cfg.doc.location(("data", name, "url"))
        return Warehouse(name, _sql_url(name, source, url_loc), source.table or "", url_loc)
    from reviewdeck.data.relations import DuckFile
    from reviewdeck.data.sources import detect_encoding

    assert path is not None and fmt is not None
    if not path.is_file():
        raise DataError(f"data file not found: {path}", loc)
    if fmt == "csv":
        encoding = source.encoding or detect_encoding(path)
        if encoding.replace("-", "").lower() not in ("utf8", "utf8sig"):
            raise _NotForDuck(f"{path.name} is {encoding}, DuckDB reads UTF-8 only")
    try:
        return DuckFile(path, fmt, source.header_row)
    except Exception as exc:
        if type(exc).__module__.startswith("duckdb") or isinstance(exc, (OSError, ValueError)):
            raise _NotForDuck(str(exc).splitlines()[0][:200]) from None
        raise


class _NotForDuck(Exception):
    """The file cannot be aggregated by DuckDB as declared; auto falls back to pandas."""


def pushed_root(cfg: LoadedConfig, name: str, source: Source, engine: str, path: Path | None,
                fmt: str | None) -> PushedTable | None:
    """A PushedTable for the source, or None when `engine: auto` should fall back to pandas."""
    from reviewdeck.data.filters import describe

    def where(sub: tuple[str, ...]) -> Location | None:
        return cfg.doc.location(("data", name, *sub))

    try:
        if engine == "duckdb" and fmt == "csv" and path is not None and _ends_with_footer(path):
            raise _NotForDuck(f"{path.name} ends with 合计/Total or blank rows, which DuckDB "
                              "would count as data")
        relation = open_relation(cfg, name, source, engine, path, fmt)
    except _NotForDuck as exc:
        if source.engine == "duckdb":
            raise DataError(f"source '{name}': engine duckdb cannot read it: {exc}; use "
                            "engine: pandas", where(("engine",))) from None
        return None
    origin = relation.origin
    dates = [source.date_column, *(c for c, k in source.columns.items() if k in ("date", "month"))]
    _text_dates(relation, dates)
    if hasattr(relation, "parse_text_dates"):
        relation.parse_text_dates(dates)
    why = check_fit(relation.kinds, source, origin, where)
    if why:
        if engine == "duckdb" and source.engine == "auto":
            return None
        raise DataError(f"{origin}: {why}; "
                        + ("use engine: pandas, which reads such values"
                           if engine == "duckdb" else "convert it in the database or use query:"),
                        where(("columns",)))
    try:
        from reviewdeck.data.sqlexpr import check_columns

        check_columns(source.where, relation.kinds, origin)
        for c, v in (source.where or {}).items():
            condition(c, v, relation.kinds[c], source.columns.get(c), Binds())
    except DataError as exc:
        raise DataError(exc.message, where(("where",))) from None
    summary = Summary(relation, source.date_column, dict(source.columns),
                      base_where=source.where, origin=origin)
    return PushedTable(name, summary, origin, source.date_column, Scope(),
                       describe(source.where), dict(source.columns),
                       engine="DuckDB" if engine == "duckdb" else "the database")


def pushed_companion(cfg: LoadedConfig, name: str, source: Source, path: Path | None,
                     fmt: str | None) -> PushedTable | None:
    """A small file aggregated by DuckDB beside a big one, or None to read it with pandas: when
    its last lines are blank or totals (pandas drops them, with a warning), or DuckDB cannot
    read it as declared, pandas reads it and gives its row-and-column messages."""
    if path is None or fmt is None:
        return None
    try:
        return pushed_root(cfg, name, source, "duckdb", path, fmt)
    except DataError:
        return None


def _ends_with_footer(path: Path) -> bool:
    """Whether a CSV's last lines are blank rows or 合计/Total rows."""
    from reviewdeck.data.sources import TOTAL_MARKERS

    try:
        with path.open("rb") as fh:
            fh.seek(max(fh.seek(0, 2) - 4096, 0))
            tail = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return True
    lines = tail.replace("\r", "").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    for line in lines[-3:]:
        cells = [c.strip().strip('"').strip().lower() for c in line.split(",")]
        if not any(cells) or any(c in TOTAL_MARKERS for c in cells):
            return True
    return False


def _text_dates(relation: Any, columns: list[str | None]) -> None:
    """SQLite has no date type: its date columns are ISO text, which compares as dates do."""
    if relation.dialect == "sqlite":
        for col in columns:
            if col and relation.kinds.get(col) == TEXT:
                relation.kinds[col] = DATE


def pushed_view(cfg: LoadedConfig, name: str, source: Source, base: PushedTable) -> PushedTable:
    """A view of a pushed source: its filters join the scope; a new date column or first_per
    needs a summary of its own over the same relation."""
    from reviewdeck.data.filters import describe
    from reviewdeck.data.sqlexpr import check_columns

    try:
        check_columns(source.where, base.kinds, f"source '{base.name}'")
    except DataError as exc:
        raise DataError(exc.message, cfg.doc.location(("data", name, "where"))) from None
    text = "; ".join(t for t in (base.filter_text, describe(source.where)) if t)
    date_col = source.date_column or base.date_column
    scope = base.scope.plus(source.where)
    summary = base.summary
    if date_col != base.date_column:
        if date_col not in base.kinds:
            raise DataError(f"{base.origin}: date column '{date_col}' is missing"
                            f"{closest(date_col or '', base.columns)}",
                            cfg.doc.location(("data", name, "date_column")))
        _text_dates(base.summary.relation, [date_col])
        if base.kinds[date_col] != DATE:
            raise DataError(f"{base.origin}, column '{date_col}': not dates as read by "
                            f"{base.engine}", cfg.doc.location(("data", name, "date_column")))
        summary = Summary(base.summary.relation, date_col, base.summary.declared,
                          base=base.summary.base, base_where=base.summary.base_where,
                          origin=base.origin)
    if source.first_per:
        if source.first_per not in base.kinds:
            raise DataError(f"{base.origin} has no column '{source.first_per}'"
                            f"{closest(source.first_per, base.columns)}",
                            cfg.doc.location(("data", name, "first_per")))
        _want(summary, {source.first_per, date_col, *(c for c, _ in scope.conditions())})
        summary = _first_rows(summary, scope, source.first_per, date_col)
        scope = Scope()
    return PushedTable(name, summary, base.origin, date_col, scope, text, base.columns_declared,
                       base.first_data_line, base.engine)


def _first_rows(parent: Summary, scope: Scope, key: str, date_col: str | None) -> Summary:
    """A summary over each key's earliest row (by date, then file order) within scope.

    When the metrics read nothing of that row but its date (new customers per month), each
    key's MIN(date) is enough, a plain GROUP BY; otherwise ROW_NUMBER() over the key picks the
    row, reading only the columns the metrics use.
    """
    rel = parent.relation
    rowpos = rel.rowpos

    def base(binds: Binds, columns: set[str]) -> exp.Expr:
        parts = [condition(c, v, rel.kinds.get(c, ""), parent.declared.get(c), binds)
                 for c, v in [*(parent.base_where or {}).items(), *scope.conditions()]]
        cond = conjunction(parts)
        keycol = exp.Column(this=ident(key))
        rest = sorted(set(columns) - {key, date_col})
        if date_col and not rest:
            inner = exp.select(exp.alias_(keycol, key, quoted=True),
                               exp.alias_(exp.Min(this=exp.Column(this=ident(date_col))),
                                          date_col, quoted=True))
            if rowpos is not None:
                inner = inner.select(exp.alias_(exp.Min(this=rowpos), "_rd_pos"))
            inner = inner.from_(parent._from(binds, {key, date_col}))
            if cond is not None:
                inner = inner.where(cond)
            return inner.group_by(exp.Literal.number(1)).subquery("_rd_first")
        order = [exp.Ordered(this=exp.Column(this=ident(date_col)), nulls_first=False)] \
            if date_col else []
        if rowpos is not None:
            order.append(exp.Ordered(this=rowpos))
        window = exp.Window(this=exp.RowNumber(), partition_by=[keycol],
                            order=exp.Order(expressions=order) if order else None)
        keep = [key, *([date_col] if date_col else []), *rest]
        selects: list[exp.Expr] = [exp.Column(this=ident(c)) for c in keep]
        selects.append(exp.alias_(window, "_rd_rn"))
        if rowpos is not None:
            selects.append(exp.alias_(rowpos, "_rd_pos"))
        used = set(keep) | {c for c, _ in scope.conditions()} | set(parent.base_where or {})
        inner = exp.select(*selects).from_(parent._from(binds, used))
        if cond is not None:
            inner = inner.where(cond)
        outer = exp.select(exp.Star()).from_(inner.subquery("_rd_all")).where(
            exp.EQ(this=exp.Column(this=ident("_rd_rn")), expression=exp.Literal.number(1)))
        return outer.subquery("_rd_first")

    summary = Summary(rel, date_col, parent.declared, base=base, origin=parent.origin)
    summary.rowpos = exp.Column(this=ident("_rd_pos")) if rowpos is not None else None
    return summary


# ---------------------------------------------------------------- what the query must hold
def metric_windows(metrics: dict[str, Any], period: Period) -> dict[str, set[Window]]:
    """The windows each metric is computed over, following the engine's own rules for ratios,
    changes and shares, so one query can cover them all."""
    seen: dict[str, set[Window]] = {}

    def visit(name: str, window: Window | None, depth: int = 0) -> None:
        spec = metrics.get(name)
        if spec is None or depth > 20:
            return
        win = window or period.window(spec.window)
        if win in seen.setdefault(name, set()):
            return
        seen[name].add(win)
        explicit = window is not None
        down = win if explicit or spec.window != "current" else None
        if isinstance(spec, m.Change):
            base = metrics.get(spec.metric)
            if base is None:
                return
            base_win = down or period.window(base.window)
            shift = -base_win.months if spec.vs == "previous" else -12
            visit(spec.metric, base_win, depth + 1)
            visit(spec.metric, base_win.shift(shift), depth + 1)
            return
        for attr in ("numerator", "denominator", "revenue", "cost", "a", "b", "actual",
                     "target", "metric", "of"):
            ref = getattr(spec, attr, None)
            if isinstance(ref, str) and not isinstance(spec, m.RowMetric):
                visit(ref, down, depth + 1)

    for name in metrics:
        visit(name, None)
    return seen


def plan_queries(metrics: dict[str, Any], tables: dict[str, Any], period: Period) -> None:
    """Tell each pushed source's summary every dimension, filter, sum and month its metrics
    will ask for, so its first query answers them all."""
    windows = metric_windows(metrics, period)
    row_metrics = [(n, s) for n, s in metrics.items() if isinstance(s, m.RowMetric)
                   and isinstance(tables.get(s.source), PushedTable)]
    for _, spec in row_metrics:  # dimensions first: filters on them need no aggregate of their own
        table = tables[spec.source]
        table.summary.need_dims([spec.by, getattr(spec, "per", None),
                                 spec.column if isinstance(spec, m.Funnel) else None])
    for name, spec in row_metrics:
        table = tables[spec.source]
        summary = table.summary
        try:
            if isinstance(spec, m.Distinct):
                summary.need(table.scope)
                _want(summary, {spec.column, spec.by,
                                *(c for c, _ in table.scope.plus(spec.where).conditions())})
            else:
                col = getattr(spec, "column", None) if getattr(spec, "kind", "") in (
                    "total", "mean", "average") else None
                summary.need(table.scope.plus(spec.where),
                             col if col in summary.kinds else None,
                             first=spec.by is not None)
                summary.need(table.scope)
        except DataError:
            continue  # the engine reports it, with the metric's location
        for win in windows.get(name, ()):
            if win.months > 120:
                summary.need_months(0, 10000 * 12)
            else:
                summary.need_months(win.first, win.first + win.months)
    for table in tables.values():
        if isinstance(table, PushedTable):
            _want(table.summary, {*table.summary._columns(),
                                  *(c for c, _ in table.scope.conditions())})
    _prefetch(tables, row_metrics, windows)


def _prefetch(tables: dict[str, Any], row_metrics: list[tuple[str, Any]],
              windows: dict[str, set[Window]]) -> None:
    """Start the planned queries in the background (data/prefetch.py): each summary, then each
    distinct count, exactly as the metrics will ask for them."""
    from functools import partial

    from reviewdeck.data import prefetch

    jobs: list[Callable[[], Any]] = []
    seen: set[int] = set()
    for table in tables.values():
        if isinstance(table, PushedTable) and id(table.summary) not in seen:
            seen.add(id(table.summary))
            jobs.append(table.summary.table)
    for name, spec in row_metrics:
        # by month: only the months that have rows are asked for, known once the summary is in
        if isinstance(spec, m.Distinct) and not spec.by_month:
            table = tables[spec.source]
            scope = table.scope.plus(spec.where)
            for first, months, by in distinct_asks(spec, windows.get(name, ())):
                jobs.append(partial(table.summary.distinct, scope, spec.column, first, months,
                                    by))
    prefetch.start(jobs)


def distinct_asks(spec: Any, windows: Any) -> list[tuple[int, int, str | None]]:
    """(first month, months, by) of each Summary.distinct() call metrics/pushed.py makes for a
    distinct metric over these windows: by month, one per month (window 'all' excepted, whose
    months are known only from the data)."""
    out: list[tuple[int, int, str | None]] = []
    for win in sorted(windows, key=lambda w: (w.first, w.months)):
        if not spec.by_month:
            out.append((win.first, win.months, spec.by))
        elif win.months <= 120:
            out.extend((win.first + k, 1, None) for k in range(win.months))
    return out


def _want(summary: Summary, columns: set[str | None]) -> None:
    """Columns a CSV parsed into memory must keep (a first_per view reads its parent's)."""
    relation = summary.relation
    if hasattr(relation, "wanted"):
        relation.wanted |= {c for c in columns if c} | set(summary.base_where or {})


if TYPE_CHECKING:
    from collections.abc import Callable
