"""Write numbers the way the seed decks do (128万元, 23%, +15%, 1:4.2), in zh-CN or en."""

from __future__ import annotations

import contextvars
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reviewdeck.metrics.values import NO_VALUE, Value, clean

LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("language", default="zh-CN")
# U+2212: renderers may break a line after '-' ("偏差-" / "7单"), never after a minus sign
MINUS = "\u2212"


def _trim(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def _num(x: Any) -> float | None:
    return x.value if isinstance(x, Value) else clean(x)


def _round(x: float, digits: int = 0) -> float:
    """Round halves up, as a spreadsheet does (12.5% -> 13%), from the shortest repr of x."""
    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _fixed(x: float, digits: int) -> str:
    text = f"{_round(abs(x), digits):,.{digits}f}"
    if digits and "." in text:
        text = text.rstrip("0").rstrip(".")
    return MINUS + text if x < 0 and text.strip("0.,") else text


def money(x: Any, unit: bool = True, digits: int = 1) -> str:
    """Money: 1,280,000 -> 128万元 (zh) or ¥1.28M (en); at most one decimal in 万."""
    v = _num(x)
    if v is None:
        return NO_VALUE
    sign = MINUS if v < 0 else ""
    a = abs(v)
    if LANGUAGE.get() == "en":
        for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
            if _round(a / size, 2 if size > 1e3 else 1) >= 1:
                return f"{sign}¥{_fixed(a / size, 2 if size > 1e3 else 1)}{suffix}"
        return f"{sign}¥{_fixed(a, 0)}"
    yuan = "元" if unit else ""
    if _round(a / 1e4, digits) >= 1e4:
        # 1.26亿 rather than 1.3亿 below 10亿: one decimal of 亿 would hide up to 500万
        yi_digits = max(digits, 2 if _round(a / 1e8, 2) < 10 else 1)
        return f"{sign}{_fixed(a / 1e8, yi_digits).replace(',', '')}亿{yuan}"
    if _round(a) >= 1e4:
        return f"{sign}{_fixed(a / 1e4, digits).replace(',', '')}万{yuan}"
    return f"{sign}{_fixed(a, 0)}{yuan}"


def wan(x: Any, digits: int = 1) -> str:
    """Money in 万 without 元 (58万), as the seeds write it inside sentences."""
    return money(x, unit=False, digits=digits)


def yuan(x: Any) -> str:
    """Money in plain yuan with separators (920元 / ¥920)."""
    v = _num(x)
    if v is None:
        return NO_VALUE
    return f"¥{_fixed(v, 0)}" if LANGUAGE.get() == "en" else f"{_fixed(v, 0)}元"


def pct(x: Any, digits: int = 0) -> str:
    """A rate as a percentage: 0.23 -> 23%."""
    v = _num(x)
    if v is None:
        return NO_VALUE
    return f"{_fixed(v * 100, digits)}%"


def signed_pct(x: Any, digits: int = 0) -> str:
    """A change as a signed percentage: 0.15 -> +15%."""
    v = _num(x)
    if v is None:
        return NO_VALUE
    text = pct(abs(v), digits)
    if text in ("0%", "0.0%"):
        return text
    return ("+" if v > 0 else MINUS) + text


def points(x: Any, digits: int = 0) -> str:
    """A difference of two rates: 0.08 -> +8个百分点 / +8 pts."""
    v = _num(x)
    if v is None:
        return NO_VALUE
    body = _fixed(abs(v) * 100, digits)
    flat = float(body) == 0
    if flat and LANGUAGE.get() != "en":
        return "持平"  # "较上月持平", not "较上月0个百分点"
    sign = "" if flat else ("+" if v > 0 else MINUS)
    return f"{sign}{body} pts" if LANGUAGE.get() == "en" else f"{sign}{body}个百分点"


def count(x: Any) -> str:
    """A count with separators: 1200 -> 1,200."""
    v = _num(x)
    return NO_VALUE if v is None else _fixed(v, 0)


def number(x: Any, digits: int = 1) -> str:
    v = _num(x)
    return NO_VALUE if v is None else _fixed(v, digits)


def roi(x: Any) -> str:
    """Return on investment as 1:4.2."""
    v = _num(x)
    return NO_VALUE if v is None else f"1:{v:.1f}"


def days(x: Any) -> str:
    v = _num(x)
    if v is None:
        return NO_VALUE
    return f"{_fixed(v, 1)} days" if LANGUAGE.get() == "en" else f"{_fixed(v, 1)}天"


def hours(x: Any) -> str:
    v = _num(x)
    if v is None:
        return NO_VALUE
    return f"{_fixed(v, 1)} h" if LANGUAGE.get() == "en" else f"{_fixed(v, 1)}小时"


def updown(x: Any, up: str | None = None, down: str | None = None) -> str:
    """增长 / 下降 (up / down) by the sign of a change."""
    v = _num(x)
    en = LANGUAGE.get() == "en"
    up = up or ("up" if en else "增长")
    down = down or ("down" if en else "下降")
    if v is None:
        return NO_VALUE
    return up if v >= 0 else down


def trend(x: Any) -> str:
    """A change in words: 增长15% / 下降12% (up 15% / down 12%)."""
    v = _num(x)
    if v is None:
        return NO_VALUE
    unit = x.unit if isinstance(x, Value) else "change"
    amount = points(abs(v)) if unit == "points" else pct(abs(v))
    amount = amount.lstrip("+")
    sep = " " if LANGUAGE.get() == "en" else ""
    return f"{updown(v)}{sep}{amount}"


def signed(x: Any) -> str:
    """A value with its sign, in its own unit (+15%, -22万元, +8个百分点)."""
    v = _num(x)
    if v is None:
        return NO_VALUE
    unit = x.unit if isinstance(x, Value) else "number"
    if unit in ("change", "rate"):
        return signed_pct(v)
    if unit == "points":
        return points(v)
    # the gap between two ROIs (1:4.2 against 1:3.0) is a plain number: +1.2, not +1:1.2
    text = number(abs(v)) if unit == "ratio" else format_number(abs(v), unit)
    return ("+" if v > 0 else MINUS if v < 0 else "") + text


def absolute(x: Any) -> Any:
    """The magnitude of a value, keeping its unit (差距22万元 rather than 差距-22万元)."""
    if isinstance(x, Value):
        v = None if x.value is None else abs(x.value)
        return Value(x.name, v, x.unit, x.direction, x.label, x.source, category=x.category)
    v = clean(x)
    return None if v is None else abs(v)


def format_number(v: float | None, unit: str) -> str:
    """Default writing of a bare number in a unit."""
    return {
        "money": money, "count": count, "rate": pct, "change": signed_pct, "points": points,
        "ratio": roi, "days": days, "hours": hours,
    }.get(unit, number)(v)


def format_value(value: Value) -> str:
    """How a metric prints in a template when no filter is given."""
    return format_number(value.value, value.unit)


FILTERS = {
    "money": money, "wan": wan, "yuan": yuan, "pct": pct, "signed_pct": signed_pct,
    "pts": points, "count": count, "num": number, "roi": roi, "days": days, "hours": hours,
    "updown": updown, "trend": trend, "signed": signed, "abs": absolute,
}
