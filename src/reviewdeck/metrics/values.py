"""Computed metric values: a scalar or an ordered series, each knowing its unit and direction."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

NO_VALUE = "—"


def clean(x: Any) -> float | None:
    """A float, or None for missing / NaN / infinite."""
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


@dataclass
class Value:
    """One number (or no value) with what it means and where it came from."""

    name: str
    value: float | None
    unit: str = "number"
    direction: str = "higher"
    label: str = ""
    source: str = ""
    extras: dict[str, "Value"] = field(default_factory=dict)
    category: str | None = None

    def __getattr__(self, item: str) -> "Value":
        extras = self.__dict__.get("extras", {})
        if item in extras:
            return extras[item]
        raise AttributeError(item)

    @property
    def missing(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        from reviewdeck.text.format import format_value

        return format_value(self)

    def __float__(self) -> float:
        return float("nan") if self.value is None else self.value

    def _cmp(self, other: Any) -> tuple[float, float] | None:
        o = other.value if isinstance(other, Value) else clean(other)
        if self.value is None or o is None:
            return None
        return self.value, o

    def __lt__(self, other: Any) -> bool:
        pair = self._cmp(other)
        return pair is not None and pair[0] < pair[1]

    def __gt__(self, other: Any) -> bool:
        pair = self._cmp(other)
        return pair is not None and pair[0] > pair[1]

    def __le__(self, other: Any) -> bool:
        pair = self._cmp(other)
        return pair is not None and pair[0] <= pair[1]

    def __ge__(self, other: Any) -> bool:
        pair = self._cmp(other)
        return pair is not None and pair[0] >= pair[1]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "unit": self.unit,
                "category": self.category}


@dataclass
class Series:
    """Categories and their values in display order (e.g. sales by region)."""

    name: str
    items: list[tuple[str, float | None]]
    unit: str = "number"
    direction: str = "higher"
    label: str = ""
    source: str = ""
    dimension: str = ""

    def _value(self, category: str, value: float | None) -> Value:
        return Value(self.name, value, self.unit, self.direction,
                     f"{self.label}·{category}" if self.label else category, self.source,
                     category=category)

    def __iter__(self) -> Iterator[Value]:
        return (self._value(c, v) for c, v in self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, key: str | int) -> Value:
        if isinstance(key, int):
            c, v = self.items[key]
            return self._value(c, v)
        for c, v in self.items:
            if c == key:
                return self._value(c, v)
        return self._value(str(key), None)

    def __contains__(self, key: object) -> bool:
        return any(c == key for c, _ in self.items)

    def __str__(self) -> str:
        """'华东 68万元、华南 32万元' when a template prints the whole series."""
        from reviewdeck.text.insights import items_text

        return items_text(self)

    @property
    def categories(self) -> list[str]:
        return [c for c, _ in self.items]

    @property
    def values(self) -> list[float | None]:
        return [v for _, v in self.items]

    def _ranked(self) -> list[tuple[str, float]]:
        present = [(c, v) for c, v in self.items if v is not None]
        return sorted(present, key=lambda cv: cv[1], reverse=True)

    @property
    def top(self) -> Value:
        ranked = self._ranked()
        return self._value(*ranked[0]) if ranked else self._value("", None)

    @property
    def bottom(self) -> Value:
        ranked = self._ranked()
        return self._value(*ranked[-1]) if ranked else self._value("", None)

    @property
    def total(self) -> Value:
        present = [v for _, v in self.items if v is not None]
        return Value(self.name, sum(present) if present else None, self.unit, self.direction,
                     self.label, self.source)

    @property
    def conversions(self) -> "Series":
        """Stage-to-stage rates of a funnel: each value over the previous one."""
        items: list[tuple[str, float | None]] = []
        for (c0, v0), (c1, v1) in zip(self.items, self.items[1:]):
            rate = v1 / v0 if v0 and v1 is not None else None
            items.append((f"{c0}→{c1}", rate))
        return Series(self.name + ".conversions", items, "rate", "higher", self.label, self.source)

    @property
    def overall(self) -> Value:
        """Last stage over first stage of a funnel."""
        first, last = (self.items[0][1], self.items[-1][1]) if self.items else (None, None)
        rate = last / first if first and last is not None else None
        return Value(self.name + ".overall", rate, "rate", "higher", self.label, self.source)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "unit": self.unit,
                "items": [[c, v] for c, v in self.items]}


Result = Value | Series
