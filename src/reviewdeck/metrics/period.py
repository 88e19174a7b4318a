"""Reporting periods (month, quarter, half-year, year) and the windows metrics compare across."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reviewdeck.errors import ReviewDeckError

_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})\s*[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})\s*[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})$"), "year"),
)
_LENGTH = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_CN_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}
_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# the ways a deck writes a period (Period.label, 2025年11月 / Nov 2025 / Q4 2025 / 2025年上半年)
# and other common spellings, each rewritten to the canonical form before it is parsed
_SPELLINGS = (
    (re.compile(r"^(\d{4})\s*[/.]\s*(\d{1,2})$"), r"\1-\2"),
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月$"), r"\1-\2"),
    (re.compile(r"^(\d{4})\s*-\s*([QqHh][1-4])$"), r"\1\2"),
    (re.compile(r"^([QqHh][1-4])\s+(\d{4})$"), r"\2\1"),
    (re.compile(r"^(\d{4})\s*年\s*(?:第\s*)?([1-4])\s*季度?$"), r"\1Q\2"),
    (re.compile(r"^(\d{4})\s*年\s*[Qq]([1-4])$"), r"\1Q\2"),
    (re.compile(r"^(\d{4})\s*年\s*上半年$"), r"\1H1"),
    (re.compile(r"^(\d{4})\s*年\s*下半年$"), r"\1H2"),
    (re.compile(r"^(\d{4})\s*年(?:度|全年)?$"), r"\1"),
)


def _canonical(raw: str) -> str:
    """raw in the canonical spelling when it is one of the other ways of writing a period."""
    text = "".join(_CN_DIGITS.get(ch, ch) for ch in raw)
    words = text.lower().split()
    if len(words) == 2 and words[0][:3] in _MONTHS_EN and words[1].isdigit():
        return f"{words[1]}-{_MONTHS_EN.index(words[0][:3]) + 1}"  # Nov 2025
    for pattern, replacement in _SPELLINGS:
        if pattern.match(text):
            return pattern.sub(replacement, text)
    return raw


@dataclass(frozen=True)
class Window:
    """A run of whole months: first month as an index (year*12 + month-1) and a length."""

    first: int
    months: int

    @property
    def is_all(self) -> bool:
        """The window 'all': every date the data has."""
        return self == ALL

    @property
    def start(self) -> dt.date:
        if self.is_all:
            return dt.date.min
        return dt.date(self.first // 12, self.first % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        """First day after the window (for 'all', the last day there is)."""
        if self.is_all:
            return dt.date.max
        last = self.first + self.months
        return dt.date(last // 12, last % 12 + 1, 1)

    def shift(self, months: int) -> "Window":
        return Window(self.first + months, self.months)

    def label(self, language: str = "zh-CN") -> str:
        if self.is_all:
            return "全部日期" if language == "zh-CN" else "all dates"
        y, m = self.first // 12, self.first % 12 + 1
        if self.months == 1:
            return f"{y}年{m}月" if language == "zh-CN" else dt.date(y, m, 1).strftime("%b %Y")
        end = self.first + self.months - 1
        ey, em = end // 12, end % 12 + 1
        if language == "zh-CN":
            return f"{y}年{m}月–{ey}年{em}月" if ey != y else f"{y}年{m}–{em}月"
        return f"{dt.date(y, m, 1):%b %Y}–{dt.date(ey, em, 1):%b %Y}"

    def describe(self) -> str:
        if self.is_all:
            return "all dates"
        last = self.end - dt.timedelta(days=1)
        return f"{self.start.isoformat()}..{last.isoformat()}"


ALL = Window(0, 10000 * 12)


@dataclass(frozen=True)
class Period:
    """The deck's reporting period and the windows derived from it."""

    kind: str
    year: int
    number: int  # month 1-12, quarter 1-4, half 1-2, or 1 for a year

    @classmethod
    def parse(cls, text: str) -> "Period":
        raw = _canonical(str(text).strip())
        for pattern, kind in _PATTERNS:
            match = pattern.match(raw)
            if match:
                year = int(match.group(1))
                number = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 1
                if kind == "month" and not 1 <= number <= 12:
                    break
                return cls(kind, year, number)
        raise ReviewDeckError(
            f"'{text}' is not a period; write 2025-11 (month), 2025Q4, 2025H1 or 2025 (year)"
        )

    @property
    def months(self) -> int:
        return _LENGTH[self.kind]

    @property
    def current(self) -> Window:
        return Window(self.year * 12 + (self.number - 1) * self.months, self.months)

    def window(self, name: str) -> Window:
        """The named window relative to this period (see config WindowName)."""
        cur = self.current
        last_month = cur.first + cur.months - 1
        if name == "current":
            return cur
        if name == "previous":
            return cur.shift(-cur.months)
        if name == "last_year":
            return cur.shift(-12)
        if name.startswith("trailing_"):
            n = int(name.split("_")[1])
            return Window(last_month - n + 1, n)
        if name == "ytd":
            return Window(self.year * 12, last_month - self.year * 12 + 1)
        if name == "qtd":
            q_first = last_month - last_month % 3
            return Window(q_first, last_month - q_first + 1)
        if name == "quarter":
            return Window(last_month - last_month % 3, 3)
        if name == "last_quarter":
            return Window(last_month - last_month % 3 - 3, 3)
        if name == "year":
            return Window(self.year * 12, 12)
        if name == "next":  # the period after this one, for next month's targets
            return cur.shift(cur.months)
        if name == "next_quarter":
            return Window(last_month - last_month % 3 + 3, 3)
        if name == "next_year":
            return Window((self.year + 1) * 12, 12)
        if name == "all":
            return ALL
        raise ReviewDeckError(f"unknown window '{name}'")

    def label(self, language: str = "zh-CN") -> str:
        if self.kind == "month":
            return self.current.label(language)
        if language == "zh-CN":
            return {"quarter": f"{self.year}年第{self.number}季度",
                    "half": f"{self.year}年{'上' if self.number == 1 else '下'}半年",
                    "year": f"{self.year}年"}[self.kind]
        return {"quarter": f"Q{self.number} {self.year}", "half": f"H{self.number} {self.year}",
                "year": str(self.year)}[self.kind]

    def __str__(self) -> str:
        return {"month": f"{self.year}-{self.number:02d}", "quarter": f"{self.year}Q{self.number}",
                "half": f"{self.year}H{self.number}", "year": str(self.year)}[self.kind]
