"""One config, one deck per value of a column: the data is read once, each deck sees its slice.

The parent process loads the config and every table, then hands them to worker processes once
(as initializer arguments); each task filters the sliced source and every view made from it to
`column == value`, computes metrics, plans, renders and writes one deck. A slice that fails
reports its error and the others go on.

A source aggregated in place (DuckDB, a database table) is never read row by row for a batch:
its summary is grouped by the slice column as well, so one query answers every slice, and
each distinct count is one query grouped by the slice column (prepare_pushed). The workers get
the fetched summaries, without a database connection.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reviewdeck.config.load import LoadedConfig
from reviewdeck.config.models import closest
from reviewdeck.errors import Diagnostics, Location, ReviewDeckError
from reviewdeck.metrics.period import Period

Progress = Callable[[str], None]
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


@dataclass(frozen=True)
class SliceSpec:
    """What to slice: a column, the source it is read from, and the views derived from that."""

    column: str
    source: str
    tables: tuple[str, ...]  # the source and every view made (transitively) from it
    values: tuple[Any, ...]
    found: tuple[Any, ...] = ()  # every value the source has


@dataclass
class SliceResult:
    """How one deck of a batch went: where it was written, or the error that stopped it."""

    value: str
    output: Path | None = None
    slides: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    previews: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchResult:
    results: list[SliceResult]
    spec: SliceSpec
    load_seconds: float = 0.0
    seconds: float = 0.0
    workers: int = 1
    load_warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[SliceResult]:
        return [r for r in self.results if not r.ok]

    @property
    def written(self) -> list[SliceResult]:
        return [r for r in self.results if r.ok]


# ---------------------------------------------------------------------- slicing
def derived_tables(cfg: LoadedConfig, source: str) -> tuple[str, ...]:
    """source and every view made from it, directly or through other views, in config order."""
    sources = cfg.deck.data
    members = {source}
    changed = True
    while changed:
        changed = False
        for name, src in sources.items():
            if name not in members and src.from_ in members:
                members.add(name)
                changed = True
    return tuple(n for n in sources if n in members)


def _columns(table: Any) -> list[str]:
    return list(table.columns) if _pushed(table) else [str(c) for c in table.frame.columns]


def _pushed(table: Any) -> bool:
    return hasattr(table, "summary")


def _base_sources_with(cfg: LoadedConfig, tables: dict[str, Any], column: str) -> list[str]:
    return [n for n, s in cfg.deck.data.items()
            if not s.from_ and n in tables and column in _columns(tables[n])]


def _plain(value: Any) -> Any:
    """numpy scalars as Python values (for templates, pickling and file names)."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def slice_spec(cfg: LoadedConfig, tables: dict[str, Any], column: str, source: str | None,
               values: list[Any] | None, where: Location | None = None) -> SliceSpec:
    """Check the column and source; the values to build (given, or all found, sorted)."""
    if source is None:
        having = _base_sources_with(cfg, tables, column)
        if not having:
            columns = sorted({c for t in tables.values() for c in _columns(t)})
            raise ReviewDeckError(f"no data source has a column '{column}' to make one deck per "
                                  f"value of{closest(column, columns)}", where)
        if len(having) > 1:
            raise ReviewDeckError(
                f"several sources have a column '{column}' ({', '.join(having)}); say which one "
                "to slice with 'source:' in the batch block or --each-source", where)
        source = having[0]
    if source not in cfg.deck.data:
        raise ReviewDeckError(f"batch source '{source}' is not one of the config's data sources"
                              f"{closest(source, list(cfg.deck.data))}", where)
    table = tables[source]
    if column not in _columns(table):
        raise ReviewDeckError(f"source '{source}' has no column '{column}'"
                              f"{closest(column, _columns(table))}", where)
    if _pushed(table):
        found = table.values(column)
    else:
        found = [_plain(v) for v in table.frame[column].dropna().unique()]
    if values is None:
        chosen = sorted(found, key=lambda v: (str(type(v)), v))
    else:
        chosen = list(dict.fromkeys(values))
    if not chosen:
        raise ReviewDeckError(f"column '{column}' of '{source}' holds no values to slice by", where)
    return SliceSpec(column, source, derived_tables(cfg, source), tuple(chosen), tuple(found))


def slice_tables(tables: dict[str, Any], spec: SliceSpec, value: Any) -> dict[str, Any]:
    """The tables with the sliced source and its views cut to `column == value`.

    A view is its base's rows filtered by its own `where`; filtering a view by the slice
    gives the same rows as rebuilding it from the sliced base, so each is filtered in place.
    """
    from reviewdeck.data.filters import mask

    out = dict(tables)
    condition = {spec.column: value}
    for name in spec.tables:
        table = tables[name]
        text = "; ".join(t for t in (table.filter_text, f"{spec.column}={value}") if t)
        if _pushed(table):  # the same summary, read for this slice only
            out[name] = table.sliced(spec.column, value, text)
            continue
        rows = mask(table.frame, condition, f"source '{name}'")
        out[name] = as_rows(table, table.frame[rows].reset_index(drop=True), text)
    source = tables[spec.source]
    if _pushed(source):
        empty = value not in spec.found
    else:
        empty = not len(out[spec.source].frame)
    if empty:
        found = sorted(str(v) for v in spec.found)
        hint = closest(str(value), found) or f"; values in the data: {', '.join(found[:12])}"
        raise ReviewDeckError(f"no rows in '{spec.source}' have {spec.column} = {value!r}{hint}")
    return out


def as_rows(table: Any, frame: Any = None, filter_text: str | None = None) -> Any:
    """A plain pandas Table of a loaded source, whether read with pandas or aggregated in
    place (a pushed-down source gives its rows on request)."""
    from reviewdeck.data.sources import Table

    return Table(table.name, table.frame if frame is None else frame, table.origin,
                 table.date_column, table.filter_text if filter_text is None else filter_text,
                 table.first_data_line, dict(table.columns_declared))


def _portable(tables: dict[str, Any]) -> dict[str, Any]:
    """Tables that can travel to worker processes: a source aggregated in place (DuckDB, a
    warehouse) holds a connection, so it travels as its fetched summary (prepare_pushed)."""
    return {name: t.detached() if _pushed(t) else t for name, t in tables.items()}


def prepare_pushed(cfg: LoadedConfig, per: Period, tables: dict[str, Any],
                   spec: SliceSpec) -> None:
    """Make every pushed-down source answer all slices from what one round of queries fetches:
    the slice column joins each sliced summary's groups, and each distinct count (which does
    not add up across groups) is fetched once per window, grouped by the slice column."""
    from reviewdeck.config import models as m
    from reviewdeck.data.pushdown import distinct_asks, metric_windows, plan_queries

    sliced = [n for n in spec.tables if _pushed(tables[n])]
    if not sliced:
        return
    # --only, or values: in the batch block: a summary read by sliced tables alone need not
    # hold the other values' rows (one also read unsliced, by the source a view slices, must)
    some = set(spec.values) != set(spec.found)
    unsliced = {id(t.summary) for n, t in tables.items() if _pushed(t) and n not in sliced}
    for name in sliced:
        summary = tables[name].summary
        summary.need_dims([spec.column])
        if some and id(summary) not in unsliced:
            summary.restrict(spec.column, spec.values)
    plan_queries(cfg.deck.metrics, tables, per)
    for table in tables.values():
        if _pushed(table):
            table.summary.table()
    windows = metric_windows(cfg.deck.metrics, per)
    for name, metric in cfg.deck.metrics.items():
        if not isinstance(metric, m.Distinct) or metric.source not in sliced:
            continue
        table = tables[metric.source]
        scope = table.scope.plus(metric.where)
        for first, months, by in distinct_asks(metric, windows.get(name, ())):
            table.summary.distinct_slices(scope, metric.column, first, months, by, spec.column,
                                          spec.values)


def file_part(value: Any) -> str:
    """A slice value as part of a file name: path separators and spaces become '_'."""
    text = _UNSAFE.sub("_", str(value)).strip("._")
    return text or "_"


def slice_output(cfg: LoadedConfig, pattern: str | None, cli_output: str | None, per: Period,
                 value: Any) -> Path:
    """Where one slice's deck goes: -o or batch.output with {value} and {period} filled in,
    else the deck's usual output with _<value> before .pptx."""
    from reviewdeck.deck import is_folder, output_path

    if cli_output and is_folder(cli_output):  # into that folder, under the usual names
        usual = slice_output(cfg, pattern, None, per, value)
        return Path(cli_output).expanduser() / usual.name
    part = file_part(value)
    chosen = cli_output or pattern
    if chosen and "{value}" in chosen:
        filled = chosen.replace("{value}", part).replace("{period}", str(per))
        path = Path(filled) if cli_output else cfg.resolve(filled)
    else:
        if cli_output:
            base = Path(cli_output)
        elif pattern:
            base = cfg.resolve(pattern.replace("{period}", str(per)))
        else:
            base = output_path(cfg, None, per)
        path = base.with_name(f"{base.stem}_{part}{base.suffix}")
    if path.suffix.lower() != ".pptx":
        raise ReviewDeckError(f"the output file must end in .pptx, got '{path.name}'")
    return path


# ---------------------------------------------------------------------- one slice
@contextmanager
def slice_variables(value: Any) -> Iterator[None]:
    """Make `{{ slice }}` available to every template while one slice is planned."""
    from reviewdeck.text.templates import EXTRA_VARIABLES

    token = EXTRA_VARIABLES.set({"slice": value})
    try:
        yield
    finally:
        EXTRA_VARIABLES.reset(token)


@dataclass
class _Job:
    """Everything a worker needs, sent to each worker process once."""

    cfg: LoadedConfig
    per: Period
    facts: dict[str, Any]
    tables: dict[str, Any]
    spec: SliceSpec
    targets: dict[str, Path]
    strict: bool
    previews: tuple[str, ...]


_JOB: _Job | None = None


def _init_worker(job: _Job) -> None:
    global _JOB
    _JOB = job


def build_slice(job: _Job, value: Any) -> SliceResult:
    """Plan, render, check and write one slice's deck; a user error becomes the result's error."""
    from reviewdeck.deck import finish, plan_tables

    start = time.perf_counter()
    shown = str(value)
    diag = Diagnostics()
    try:
        tables = slice_tables(job.tables, job.spec, value)
        with slice_variables(value):
            plan = plan_tables(job.cfg, job.per, job.facts, tables, diag)
        result = finish(job.cfg, plan, job.per, job.targets[shown], job.strict, diag)
        previews: list[Path] = []
        if job.previews and result.output is not None:
            from reviewdeck.preview import make_previews

            previews = make_previews(result.output, "pdf" in job.previews,
                                     "png" in job.previews)
        return SliceResult(shown, result.output, result.slides, list(diag.warnings),
                           seconds=time.perf_counter() - start, previews=previews)
    except ReviewDeckError as exc:
        return SliceResult(shown, warnings=list(diag.warnings), error=str(exc),
                           seconds=time.perf_counter() - start)


def _run_in_worker(value: Any) -> SliceResult:
    assert _JOB is not None, "worker started without its job"
    try:
        return build_slice(_JOB, value)
    except Exception as exc:  # a bug in one slice must not hide the others' results
        return SliceResult(str(value), error=f"internal error ({type(exc).__name__}: {exc}); "
                           "this is a bug in reviewdeck")


def plan_slice(config: Any, value: str, each: str | None = None,
               source: str | None = None, period: str | None = None,
               template: str | None = None) -> tuple[Any, Diagnostics]:
    """The plan of one slice (for `build --plan --only VALUE`), and its warnings."""
    from reviewdeck.deck import load_inputs, plan_tables

    diag = Diagnostics()
    cfg, per, facts, tables = load_inputs(config, period, diag, None, None, template)
    batch = cfg.deck.batch
    column = each or (batch.each if batch else None)
    if not column:
        raise ReviewDeckError("nothing to slice by: give --each COLUMN or a 'batch:' block")
    from_config = batch is not None and (each is None or each == batch.each)
    spec = slice_spec(cfg, tables, column, source or (batch.source if from_config and batch
                                                      else None), None)
    known = {str(v): v for v in spec.values}
    if value not in known:
        raise ReviewDeckError(f"--only {value!r} is not a value of {column} in '{spec.source}'"
                              f"{closest(value, list(known))}; values: {', '.join(known)}")
    prepare_pushed(cfg, per, tables, replace(spec, values=(known[value],)))
    with slice_variables(known[value]):
        plan = plan_tables(cfg, per, facts, slice_tables(tables, spec, known[value]), diag)
    return plan, diag


# ---------------------------------------------------------------------- the batch
# Imported once in the forkserver, so each worker starts with them loaded.
_PRELOAD = ["reviewdeck.batch", "reviewdeck.deck", "reviewdeck.render.deck",
            "reviewdeck.plan.build", "reviewdeck.metrics.engine", "reviewdeck.metrics.pushed",
            "reviewdeck.check", "reviewdeck.write", "pptx"]


def _context(rows: bool = True) -> Any:
    """forkserver where there is one (a clean, single-threaded parent to fork from), else spawn.
    rows: some table is read row by row, so the workers need pandas."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD + (["pandas"] if rows else []))
        return ctx
    return multiprocessing.get_context("spawn")


def run_batch(config: Any, each: str | None = None, source: str | None = None,
              output: str | None = None, period: str | None = None, strict: bool = False,
              workers: int | None = None, only: list[str] | None = None,
              previews: tuple[str, ...] = (), template: str | None = None,
              progress: Progress | None = None,
              on_start: Callable[[int, int], None] | None = None,
              on_done: Callable[[SliceResult], None] | None = None) -> BatchResult:
    """Load once, then build one deck per slice, in parallel when there is more than one."""
    from reviewdeck.deck import load_inputs

    start = time.perf_counter()
    diag = Diagnostics()
    cfg, per, facts, tables = load_inputs(config, period, diag, progress, None, template)
    batch = cfg.deck.batch
    column = each or (batch.each if batch else None)
    if not column:
        raise ReviewDeckError("nothing to slice by: give --each COLUMN or a 'batch:' block")
    from_config = batch is not None and (each is None or each == batch.each)
    where = cfg.doc.location(("batch",)) if from_config else None
    values = list(batch.values) if from_config and batch and batch.values else None
    spec = slice_spec(cfg, tables, column, source or (batch.source if from_config and batch
                                                      else None), values, where)
    if only:
        known = {str(v): v for v in spec.values}
        missing = [o for o in only if o not in known]
        if missing:
            raise ReviewDeckError(
                f"--only {missing[0]!r} is not a value of {column} in '{spec.source}'"
                f"{closest(missing[0], list(known))}; values: {', '.join(known)}")
        spec = replace(spec, values=tuple(known[o] for o in only))
    pattern = batch.output if from_config and batch else None
    targets = {str(v): slice_output(cfg, pattern, output, per, v) for v in spec.values}
    clashes = _clashes(targets)
    if clashes:
        raise ReviewDeckError(f"slices {clashes} would be written to the same file; put "
                              "{value} in the output pattern")
    want = workers or (batch.workers if from_config and batch else None) or os.cpu_count() or 1
    n_workers = max(1, min(want, len(spec.values)))
    prepare_pushed(cfg, per, tables, spec)
    if n_workers > 1:
        tables = _portable(tables)
    load_seconds = time.perf_counter() - start
    job = _Job(cfg, per, facts, tables, spec, targets, strict, previews)
    if on_start:
        on_start(len(spec.values), n_workers)
    results: dict[str, SliceResult] = {}
    if n_workers == 1:
        for value in spec.values:
            res = build_slice(job, value)
            results[res.value] = res
            if on_done:
                on_done(res)
    else:
        with ProcessPoolExecutor(max_workers=n_workers, mp_context=_context(
                                     any(not _pushed(t) for t in tables.values())),
                                 initializer=_init_worker, initargs=(job,)) as pool:
            futures: dict[Future[SliceResult], Any] = {
                pool.submit(_run_in_worker, v): v for v in spec.values}
            for fut in as_completed(futures):
                try:
                    res = fut.result()
                except Exception as exc:  # the worker process itself died
                    res = SliceResult(str(futures[fut]),
                                      error=f"the worker building it stopped: {exc}")
                results[res.value] = res
                if on_done:
                    on_done(res)
    ordered = [results[str(v)] for v in spec.values]
    return BatchResult(ordered, spec, load_seconds, time.perf_counter() - start, n_workers,
                       list(diag.warnings))


def _clashes(targets: dict[str, Path]) -> str:
    seen: dict[Path, str] = {}
    for value, path in targets.items():
        key = path.resolve()
        if key in seen:
            return f"{seen[key]!r} and {value!r}"
        seen[key] = value
    return ""


def summary(result: BatchResult) -> list[str]:
    """Lines for the end of a batch: decks written, failures, warnings, time."""
    n = len(result.results)
    warnings = sum(len(r.warnings) for r in result.results) + len(result.load_warnings)
    per_deck = result.seconds / n if n else 0.0
    head = (f"batch: {len(result.written)} of {n} decks written"
            f"{f', {len(result.failed)} failed' if result.failed else ''}, "
            f"{warnings} warning(s), {result.seconds:.1f} s "
            f"({per_deck:.1f} s per deck, data read once in {result.load_seconds:.1f} s, "
            f"{result.workers} worker{'s' if result.workers != 1 else ''})")
    return [head]

