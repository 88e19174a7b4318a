"""Row filters written in YAML (column -> value, list, or operators), turned into boolean masks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reviewdeck.config.models import closest
from reviewdeck.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

OPERATORS = ("==", "!=", ">", ">=", "<", "<=", "in", "not_in", "between")


def describe(where: dict[str, Any] | None) -> str:
    """A short human description of a filter, for speaker notes."""
    if not where:
        return ""
    parts = []
    for column, cond in where.items():
        if isinstance(cond, dict):
            parts.extend(f"{column} {op} {val}" for op, val in cond.items())
        elif isinstance(cond, list):
            parts.append(f"{column} in {', '.join(map(str, cond))}")
        elif cond is None:
            parts.append(f"{column} is empty")
        else:
            parts.append(f"{column}={cond}")
    return "; ".join(parts)


def _coerce_like(series: pd.Series, value: Any) -> Any:
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series) and isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    if pd.api.types.is_datetime64_any_dtype(series) and not isinstance(value, list):
        return pd.Timestamp(value)
    return value


def mask(frame: pd.DataFrame, where: dict[str, Any] | None, table: str) -> pd.Series:
    """Rows of frame matching every condition in where; unknown columns are named with a hint."""
    import pandas as pd

    result = pd.Series(True, index=frame.index)
    if not where:
        return result
    for column, cond in where.items():
        if column not in frame.columns:
            raise DataError(
                f"filter on column '{column}', which {table} does not have"
                f"{closest(column, [str(c) for c in frame.columns])}"
            )
        col = frame[column]
        if isinstance(cond, dict):
            for op, raw in cond.items():
                if op not in OPERATORS:
                    raise DataError(
                        f"unknown filter operator '{op}' on {column}; use one of "
                        f"{', '.join(OPERATORS)}{closest(str(op), list(OPERATORS))}"
                    )
                value = (
                    [_coerce_like(col, v) for v in raw] if isinstance(raw, list)
                    else _coerce_like(col, raw)
                )
                if op == "==":
                    result &= col == value
                elif op == "!=":
                    result &= col != value
                elif op == ">":
                    result &= col > value
                elif op == ">=":
                    result &= col >= value
                elif op == "<":
                    result &= col < value
                elif op == "<=":
                    result &= col <= value
                elif op == "in":
                    result &= col.isin(value if isinstance(value, list) else [value])
                elif op == "not_in":
                    result &= ~col.isin(value if isinstance(value, list) else [value])
                elif op == "between":
                    if not isinstance(value, list) or len(value) != 2:
                        raise DataError(f"'between' on {column} needs [low, high]")
                    result &= col.between(value[0], value[1])
        elif isinstance(cond, list):
            result &= col.isin([_coerce_like(col, v) for v in cond])
        elif cond is None:
            result &= col.isna() | (col.astype("string").str.strip() == "")
        else:
            result &= col == _coerce_like(col, cond)
    return result.fillna(False).astype(bool)
