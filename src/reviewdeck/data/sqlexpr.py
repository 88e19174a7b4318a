"""Metric questions as SQL expression trees (sqlglot), rendered for DuckDB or a warehouse.

sqlglot builds the trees and renders them in each database's dialect; every value that comes
from a config (a filter's 张伟, a window's first day) is a bound parameter, so the SQL text holds
only quoted identifiers and keywords and no value is ever formatted into it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect

from reviewdeck.config.models import closest
from reviewdeck.data.filters import OPERATORS
from reviewdeck.errors import DataError

# Column kinds as the pushdown sees them: how values compare and what a filter value becomes.
NUMBER, TEXT, DATE, BOOL, OTHER = "number", "text", "date", "bool", "other"
_NO_MATCH = object()


class Binds:
    """The values of one query's parameters, named p0, p1, ... in the order they are bound."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def __call__(self, value: Any) -> exp.Placeholder:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return exp.Placeholder(this=name)


_GENERATORS: dict[tuple[str, str], type] = {}


def _marker(style: str, name: str, position: int) -> str:
    return {"qmark": "?", "numeric": f":{position}", "named": f":{name}", "format": "%s",
            "pyformat": f"%({name})s"}[style]


def _generator(dialect: str, style: str) -> type:
    """The dialect's generator, writing each placeholder in the driver's parameter style."""
    key = (dialect, style)
    if key not in _GENERATORS:
        base = type(Dialect.get_or_raise(dialect).generator())

        def placeholder_sql(self: Any, expression: exp.Placeholder) -> str:
            self.bound.append(expression.name)
            return _marker(style, expression.name, len(self.bound))

        _GENERATORS[key] = type(f"Bound{base.__name__}", (base,),
                                {"placeholder_sql": placeholder_sql})
    return _GENERATORS[key]


def render(tree: exp.Expr, binds: Binds, dialect: str,
           style: str = "qmark") -> tuple[str, list[Any] | dict[str, Any]]:
    """SQL text in the dialect and its parameters, positional or named as the driver wants."""
    if style in ("format", "pyformat") and any(
            "%" in lit.this for lit in tree.find_all(exp.Literal) if lit.is_string):
        raise DataError("internal: a literal '%' cannot go to a format-style driver")
    gen = _generator(dialect, style)(dialect=dialect)
    gen.bound = []
    sql = gen.generate(tree)
    if style in ("named", "pyformat"):
        return sql, {name: binds.values[name] for name in gen.bound}
    return sql, [binds.values[name] for name in gen.bound]


# ---------------------------------------------------------------- building blocks
def ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def column(name: str, kind: str | None = None, declared: str | None = None) -> exp.Expr:
    """A column as pandas sees it after loading: a declared text column is trimmed text."""
    col: exp.Expr = exp.Column(this=ident(name))
    if declared == "text" and kind != TEXT:
        col = exp.Cast(this=col, to=exp.DataType.build("VARCHAR"))
    if declared == "text":
        col = exp.Trim(this=col)
    return col


def month_index(date: exp.Expr, dialect: str) -> exp.Expr:
    """year * 12 + month - 1 of a date: the same month numbers as metrics.period.Window.first."""
    if dialect == "sqlite":  # no EXTRACT; dates are ISO text
        def part(fmt: str) -> exp.Expr:
            return exp.Cast(this=exp.Anonymous(this="strftime", expressions=[
                exp.Literal.string(fmt), date]), to=exp.DataType.build("INT"))
        year, month = part("%Y"), part("%m")
    else:
        year = exp.Extract(this=exp.var("YEAR"), expression=date)
        month = exp.Extract(this=exp.var("MONTH"), expression=date)
    return exp.Sub(this=exp.Add(this=exp.Mul(this=exp.paren(year), expression=exp.Literal.number(12)),
                                expression=exp.paren(month)),
                   expression=exp.Literal.number(1))


def case_when(cond: exp.Expr | None, then: exp.Expr, otherwise: exp.Expr | None = None) -> exp.Expr:
    if cond is None:
        return then
    case = exp.Case().when(cond, then)
    return case.else_(otherwise) if otherwise is not None else case


def conjunction(parts: list[exp.Expr]) -> exp.Expr | None:
    if not parts:
        return None
    return exp.and_(*[exp.paren(p) for p in parts]) if len(parts) > 1 else parts[0]


# ---------------------------------------------------------------- filters
def canonical(column: str, cond: Any) -> str:
    """A stable text of one filter condition, so equal conditions share one aggregate."""
    return json.dumps([column, cond], ensure_ascii=False, sort_keys=True, default=str)


def _value(kind: str, value: Any) -> Any:
    """A filter value as pandas would compare it with a column of this kind (_coerce_like)."""
    if kind == NUMBER:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, (int, float)):
            return value
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                return _NO_MATCH
        return _NO_MATCH
    if kind == DATE and not isinstance(value, (list, dt.date)):
        from pandas import Timestamp

        try:
            return Timestamp(value).to_pydatetime()
        except (ValueError, TypeError):
            return _NO_MATCH
    if kind == TEXT:
        return value if isinstance(value, str) else _NO_MATCH
    return value


def _is_in(col: exp.Expr, values: list[Any], kind: str, bind: Binds) -> exp.Expr:
    kept = [v for v in (_value(kind, v) for v in values) if v is not _NO_MATCH and v is not None]
    test: exp.Expr = exp.In(this=col, expressions=[bind(v) for v in kept]) if kept else exp.false()
    if any(v is None for v in values):
        test = exp.or_(exp.paren(test), exp.Is(this=col, expression=exp.Null()))
    return test


def condition(name: str, cond: Any, kind: str, declared: str | None, bind: Binds) -> exp.Expr:
    """One column's filter with the meaning filters.mask gives it (NULL never equals, and
    '!=' / not_in keep empty cells as pandas does)."""
    col = column(name, kind, declared)
    if declared == "text":
        kind = TEXT
    is_null = exp.Is(this=col, expression=exp.Null())
    if isinstance(cond, dict):
        parts: list[exp.Expr] = []
        for op, raw in cond.items():
            if op not in OPERATORS:
                raise DataError(
                    f"unknown filter operator '{op}' on {name}; use one of "
                    f"{', '.join(OPERATORS)}{closest(str(op), list(OPERATORS))}")
            if op in ("in", "not_in"):
                test = _is_in(col, raw if isinstance(raw, list) else [raw], kind, bind)
                parts.append(test if op == "in" else exp.or_(exp.not_(exp.paren(test)), is_null))
                continue
            if op == "between":
                if not isinstance(raw, list) or len(raw) != 2:
                    raise DataError(f"'between' on {name} needs [low, high]")
                low, high = (_value(kind, v) for v in raw)
                if _NO_MATCH in (low, high):
                    raise DataError(f"'between' on {name}: {raw} are not values of that column")
                parts.append(exp.Between(this=col, low=bind(low), high=bind(high)))
                continue
            value = _value(kind, raw)
            if op in ("==", "!="):
                same = exp.false() if value is _NO_MATCH else exp.EQ(this=col, expression=bind(value))
                if op == "==":
                    parts.append(same)
                elif declared == "text":  # pandas' string dtype: an empty cell is not '!='
                    parts.append(exp.and_(exp.not_(exp.paren(same)), exp.not_(is_null)))
                else:
                    parts.append(exp.or_(exp.not_(exp.paren(same)), is_null))
                continue
            if value is _NO_MATCH:
                raise DataError(f"filter {name} {op} {raw!r}: cannot compare that column with "
                                f"{raw!r}")
            klass = {">": exp.GT, ">=": exp.GTE, "<": exp.LT, "<=": exp.LTE}[op]
            parts.append(klass(this=col, expression=bind(value)))
        return conjunction(parts) or exp.true()
    if isinstance(cond, list):
        return _is_in(col, cond, kind, bind)
    if cond is None:
        text = col if kind == TEXT else exp.Cast(this=col, to=exp.DataType.build("VARCHAR"))
        blank = exp.EQ(this=exp.Trim(this=text), expression=exp.Literal.string(""))
        return exp.or_(is_null, blank)
    value = _value(kind, cond)
    return exp.false() if value is _NO_MATCH else exp.EQ(this=col, expression=bind(value))


def check_columns(where: dict[str, Any] | None, kinds: dict[str, str], table: str) -> None:
    """The same error as filters.mask for a filter on a column the source does not have."""
    for name in where or {}:
        if name not in kinds:
            raise DataError(f"filter on column '{name}', which {table} does not have"
                            f"{closest(name, list(kinds))}")
