"""Read the values people put in sales exports: 1,280.50 · 128万 · 23% · 2025/11/3 · 2025年11月."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "千": 1e3}
_NUMBER = re.compile(
    r"^\s*(?P<sign>[-+−])?\s*[¥￥$]?\s*(?P<num>\d[\d,，]*(?:\.\d+)?|\.\d+)\s*"
    r"(?P<mult>万|亿|千|[kKmM])?\s*(?P<unit>元|%|％)?\s*$"
)
_DATE = re.compile(
    r"^\s*(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?:(?P<d>\d{1,2})\s*日?)?)?\s*$"
)
_TRUE = {"1", "true", "yes", "y", "是", "t", "√"}
_FALSE = {"0", "false", "no", "n", "否", "f", "×", ""}


def parse_number(text: Any) -> float | None:
    """One cell as a number, or None when it is not one; '23%' gives 0.23, '128万' 1,280,000."""
    if isinstance(text, (int, float, np.integer, np.floating)) and not isinstance(text, bool):
        return float(text)
    match = _NUMBER.match(str(text))
    if not match:
        return None
    value = float(match["num"].replace(",", "").replace("，", ""))
    if match["mult"]:
        value *= _MULTIPLIERS[match["mult"]]
    if match["unit"] in ("%", "％"):
        value /= 100
    if match["sign"] in ("-", "−"):
        value = -value
    return value


def parse_date(text: Any) -> dt.date | None:
    """One cell as a date; '2025年11月' and '2025-11' mean the first of that month."""
    if isinstance(text, (dt.date, pd.Timestamp)):
        return text.date() if isinstance(text, (dt.datetime, pd.Timestamp)) else text
    raw = str(text).strip()
    if " " in raw or "T" in raw:
        raw = raw.replace("T", " ").split(" ")[0]
    match = _DATE.match(raw)
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"] or 1))
    except ValueError:
        return None


def _first_bad(series: pd.Series, parsed: pd.Series) -> tuple[int, Any] | None:
    bad = parsed.isna() & series.notna() & (series.astype(str).str.strip() != "")
    if bad.any():
        idx = bad.idxmax()
        return int(series.index.get_loc(idx)), series.loc[idx]
    return None


def coerce_column(series: pd.Series, kind: str) -> tuple[pd.Series, tuple[int, Any] | None]:
    """Convert a column to its declared kind; also return (position, value) of the first bad cell."""
    if kind == "text":
        return series.astype("string").str.strip(), None
    if kind in ("number", "money", "rate", "int"):
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            out = series.astype(float)
            return out, None
        strings = series.astype("string")
        uniques = strings.dropna().unique()
        mapping = {u: parse_number(u) for u in uniques}
        out = strings.map(mapping).astype(float)
        if kind == "rate":
            plain = strings.notna() & ~strings.str.contains("%|％", regex=True, na=False)
            out = out.where(~(plain & (out > 1.5)), out / 100)
        return out, _first_bad(series, out)
    if kind == "bool":
        lowered = series.astype("string").str.strip().str.lower()
        out = lowered.map(lambda v: True if v in _TRUE else (False if v in _FALSE else None))
        bad = _first_bad(series, out)
        return out.fillna(False).astype(bool), bad
    if kind in ("date", "month"):
        if pd.api.types.is_datetime64_any_dtype(series):
            out = series.dt.normalize()
        else:
            strings = series.astype("string")
            uniques = strings.dropna().unique()
            mapping = {u: parse_date(u) for u in uniques}
            out = pd.to_datetime(strings.map(mapping), errors="coerce")
        if kind == "month":
            out = out.dt.to_period("M").dt.to_timestamp()
        return out, _first_bad(series, out)
    raise ValueError(f"unknown column kind {kind}")
