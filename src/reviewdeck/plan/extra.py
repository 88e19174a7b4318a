"""Planning of the review-template kinds: tables that continue, timelines, 5-Why, fishbone."""

from __future__ import annotations

import datetime as dt
import operator
import re
from typing import TYPE_CHECKING, Any

from reviewdeck.config import models as m
from reviewdeck.config.models import closest
from reviewdeck.errors import DataError, TemplateError
from reviewdeck.metrics.values import Series, clean
from reviewdeck.plan.model import SlideSpec, TableSpec
from reviewdeck.text import format as fmt

if TYPE_CHECKING:
    from reviewdeck.plan.build import Planner

DEFAULT_ROWS_PER_SLIDE = 7
_CONDITION = re.compile(r"^\s*(>=|<=|>|<|==|!=)\s*(-?[\d.]+)\s*(%?)\s*$")
_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
        "==": operator.eq, "!=": operator.ne}
STATUS_FILL = {"done": "positive_light", "doing": "accent_light", "todo": "muted_light",
               "overdue": "negative_light"}


def continued(title: str, language: str) -> str:
    return f"{title} (cont.)" if language == "en" else f"{title}（续）"


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):  # pandas' Timestamp is a datetime
        return value
    from reviewdeck.data.coerce import parse_date

    return parse_date(value) if value not in (None, "") else None


def _cell(value: Any, column: m.TableColumn, unit: str | None) -> str:
    """One cell's text in the column's format (metric units decide 'auto')."""
    if value is None or (isinstance(value, float) and value != value):
        return fmt.NO_VALUE if column.format != "text" else ""
    kind = column.format
    if kind == "auto":
        if isinstance(value, dt.date):
            kind = "date"
        elif unit is not None and clean(value) is not None:
            return fmt.format_number(clean(value), unit)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            kind = "number"
        else:
            kind = "text"
    if kind == "date":
        day = _as_date(value)
        return day.isoformat() if day else str(value)
    if kind in ("text", "status"):
        return str(value)
    number = clean(value)
    if number is None:
        return str(value)
    writer = {"money": fmt.money, "wan": fmt.wan, "yuan": fmt.yuan, "pct": fmt.pct,
              "signed": fmt.signed_pct, "count": fmt.count, "number": fmt.number,
              "days": fmt.days, "roi": fmt.roi}[kind]
    return writer(number)


def _state(value: Any, condition: str | None) -> str:
    if not condition:
        return ""
    match = _CONDITION.match(condition)
    number = clean(value)
    if not match or number is None:
        return ""
    threshold = float(match.group(2)) / (100 if match.group(3) else 1)
    return "good" if _OPS[match.group(1)](number, threshold) else "bad"


def _status_kind(text: str, done: list[str]) -> str:
    if text in done:
        return "done"
    if text in ("进行中", "In progress", "in progress", "Doing", "doing"):
        return "doing"
    return "todo"


def table_slides(p: "Planner", s: m.TableSlide, path: tuple[Any, ...],
                 base: SlideSpec) -> list[SlideSpec]:
    """One table slide, split into several with a repeated header and （续） when long."""
    loc = p.cfg.doc.location
    rows: list[dict[str, Any]] = []
    units: dict[int, str | None] = {}
    metric_cols = [c for c in s.columns if c.metric]
    if metric_cols:
        first = p._metric(metric_cols[0].metric or "", path + ("columns",))
        if not isinstance(first, Series):
            p.problems.append(TemplateError(
                f"table columns with 'metric' need series metrics (with 'by:'); "
                f"'{metric_cols[0].metric}' is a single value", loc(path + ("columns",))))
            return [base]
        lookups = {}
        for i, col in enumerate(s.columns):
            if col.metric:
                series = p._metric(col.metric, path + ("columns", i, "metric"))
                if isinstance(series, Series):
                    lookups[i] = dict(series.items)
                    units[i] = series.unit
        for category in first.categories:
            rows.append({"__category": category, **{f"__m{i}": lk.get(category)
                                                     for i, lk in lookups.items()}})
    elif s.from_:
        items = p._facts_items(s.from_, path)
        rows = [it for it in items if isinstance(it, dict)]
    elif s.source:
        table = p.tables.get(s.source)
        if table is None:
            p.problems.append(TemplateError(
                f"unknown source '{s.source}'{closest(s.source, list(p.tables))}",
                loc(path + ("source",))))
            return [base]
        import pandas as pd  # a table slide lists rows: its source is read row by row

        from reviewdeck.data.filters import mask

        frame = table.frame
        try:
            frame = frame[mask(frame, s.where, table.origin)]
        except DataError as exc:
            p.problems.append(TemplateError(exc.message, loc(path + ("where",))))
            return [base]
        if s.window:
            if not table.date_column:
                p.problems.append(TemplateError(
                    f"'window' needs a date column: give {s.source} a 'date_column'",
                    loc(path + ("window",))))
                return [base]
            win = p.engine.period.window(s.window)
            dates = frame[table.date_column]
            frame = frame[(dates >= pd.Timestamp(win.start)) & (dates < pd.Timestamp(win.end))]
            if frame.empty:
                p.diag.warn(f"table '{base.title}': {table.origin} has no rows in "
                            f"{win.describe()}", loc(path + ("window",)))
        rows = frame.to_dict("records")
        p._used.append(f"source:{s.source}")
    else:
        p.problems.append(TemplateError("a table needs 'from', 'source' or metric columns",
                                        loc(path)))
        return [base]

    headers = [p.t(c.header, path + ("columns", i, "header")) for i, c in enumerate(s.columns)]
    cells, states, fills, highlight = [], [], [], []
    for r, row in enumerate(rows):
        line, line_states, line_fills = [], [], []
        for i, col in enumerate(s.columns):
            if col.metric:
                value = row.get(f"__m{i}")
            elif col.field:
                if col.field not in row and not metric_cols:
                    p.problems.append(TemplateError(
                        f"rows have no '{col.field}'"
                        f"{closest(col.field, [str(k) for k in row])}",
                        loc(path + ("columns", i, "field"))))
                    return [base]
                value = row.get(col.field, row.get("__category"))
                if s.from_ and isinstance(value, str):  # facts cells are templates, like cards
                    value = p.t(value, path + ("from",))
            else:
                value = row.get("__category", "")
            declared = None
            if s.source and col.field and s.source in p.tables:
                declared = p.tables[s.source].columns_declared.get(col.field)
                declared = declared if declared in ("money", "rate") else None
            line.append(_cell(value, col, units.get(i, declared)))
            line_states.append(_state(value, col.good_when))
            line_fills.append("")
        if s.status_field:
            status = str(row.get(s.status_field, ""))
            kind = _status_kind(status, s.done_status)
            due = _as_date(row.get(s.due_field)) if s.due_field else None
            if due is not None and kind != "done" and due < p.deck_day:
                kind = "overdue"
                highlight.append(r)
                late = " overdue" if p.language == "en" else "（逾期）"
                for i, col in enumerate(s.columns):
                    if col.field == s.status_field:
                        line[i] = status + late
            for i, col in enumerate(s.columns):
                if col.field == s.status_field:
                    line_fills[i] = STATUS_FILL[kind]
                    line_states[i] = "bad" if kind == "overdue" else ""
        cells.append(line)
        states.append(line_states)
        fills.append(line_fills)
    insight = p.t(s.insight, path + ("insight",))
    per = s.rows_per_slide or DEFAULT_ROWS_PER_SLIDE
    widths = [c.width or 0.0 for c in s.columns]
    out = []
    for k in range(0, max(len(cells), 1), per):
        spec = SlideSpec(kind="table", title=base.title if k == 0 else continued(
            base.title, p.language), subtitle=base.subtitle)
        chunk = range(k, min(k + per, len(cells)))
        spec.table = TableSpec(
            columns=headers, rows=[cells[i] for i in chunk], states=[states[i] for i in chunk],
            fills=[fills[i] for i in chunk], widths=widths,
            highlight_rows=[i - k for i in highlight if i in chunk])
        if k + per >= len(cells):
            spec.insight = insight
        out.append(spec)
    return out


def timeline(p: "Planner", s: m.TimelineSlide, path: tuple[Any, ...], spec: SlideSpec) -> None:
    tasks = []
    for i, item in enumerate(p._facts_items(s.from_, path)):
        if not isinstance(item, dict):
            continue
        start = _as_date(item.get(s.start))
        end = _as_date(item.get(s.end))
        if end is None:
            p.problems.append(TemplateError(
                f"task {i + 1} under '{s.from_}' has no valid '{s.end}' date",
                p.cfg.doc.location(path + ("end",))))
            continue
        start = start or min(end, p.deck_day)
        status = str(item.get(s.status, "")) if s.status else ""
        kind = _status_kind(status, ["已完成", "Done", "done"])
        if kind != "done" and end < p.deck_day:
            kind = "overdue"
        tasks.append({"task": str(item.get(s.task, "")), "owner": str(item.get(s.owner, ""))
                      if s.owner else "", "start": start.isoformat(), "end": end.isoformat(),
                      "status": status, "state": kind})
    spec.tasks = tasks
    spec.date = p.deck_day.isoformat()
    spec.insight = p.t(s.insight, path + ("insight",))


def five_why(p: "Planner", s: m.FiveWhySlide, path: tuple[Any, ...], spec: SlideSpec) -> None:
    data: dict[str, Any] = {}
    if s.from_:
        items = p._facts_items(s.from_, path)
        data = items[0] if items and isinstance(items[0], dict) else {}
    spec.problem = p.t(s.problem or str(data.get("problem", "")), path + ("problem",))
    spec.steps = [p.t(str(w), path + ("whys", i)) for i, w in enumerate(s.whys or
                                                                        data.get("whys", []))]
    spec.root_cause = p.t(s.root_cause or str(data.get("root_cause", "")),
                          path + ("root_cause",))
    if not spec.problem or not spec.steps:
        p.problems.append(TemplateError("a five_why slide needs a problem and at least one why",
                                        p.cfg.doc.location(path)))


def fishbone(p: "Planner", s: m.FishboneSlide, path: tuple[Any, ...], spec: SlideSpec) -> None:
    data: dict[str, Any] = {}
    if s.from_:
        items = p._facts_items(s.from_, path)
        data = items[0] if items and isinstance(items[0], dict) else {}
    spec.problem = p.t(s.problem or str(data.get("problem", "")), path + ("problem",))
    causes = s.causes or data.get("causes") or {}
    spec.groups = {str(k): [p.t(str(v), path + ("causes", str(k))) for v in vs]
                   for k, vs in causes.items()}
    if not spec.problem or not spec.groups:
        p.problems.append(TemplateError("a fishbone slide needs a problem and causes",
                                        p.cfg.doc.location(path)))
