"""One family of errors a user can cause; the CLI shows them and exits 2, anything else is a bug."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where in which file a problem is: file, 1-based line and column, and the YAML path."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.path:
            parts.append(self.path)
        return " ".join(parts)


class ReviewDeckError(Exception):
    """A problem in the user's input or environment, explained for a person (exit status 2)."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location and str(self.location):
            return f"{self.location}: {self.message}"
        return self.message


class ConfigError(ReviewDeckError):
    """The config (or a theme/layout file) is not valid; may carry several problems at once."""

    def __init__(self, problems: list[ReviewDeckError]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        head = f"{len(self.problems)} problems in the configuration:"
        return head + "".join(f"\n  - {p}" for p in self.problems)


class DataError(ReviewDeckError):
    """A data source cannot be read or does not hold what the config says it holds."""


class MetricError(ReviewDeckError):
    """A metric definition cannot be computed (unknown metric, cycle, wrong shape)."""


class TemplateError(ReviewDeckError):
    """A text template in the config is broken or refers to something that does not exist."""


class OutputError(ReviewDeckError):
    """The deck cannot be written where it was asked to go."""


@dataclass
class Diagnostics:
    """Warnings gathered while building; shown at the end, fatal under --strict."""

    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str, location: Location | None = None) -> None:
        text = f"{location}: {message}" if location and str(location) else message
        if text not in self.warnings:
            self.warnings.append(text)


_NO_ROWS = re.compile(r"^(?P<where>.+? metrics\.[^:]+: )?metric '(?P<name>[^']+)' "
                      r"\((?P<per>[^)]+)\): (?P<origin>.+) has no rows in "
                      r"(?P<when>\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d)$")


def shown_warnings(warnings: list[str]) -> list[str]:
    """Warnings as printed: metrics that find no rows of the same source in the same dates
    make one line (at the first one's place in the config) instead of one line each."""
    matches = [_NO_ROWS.match(w) for w in warnings]
    groups: dict[tuple[str, str, str], list[re.Match[str]]] = {}
    for found in matches:
        if found:
            groups.setdefault((found["per"], found["origin"], found["when"]), []).append(found)
    out = []
    for w, found in zip(warnings, matches):
        if not found:
            out.append(w)
            continue
        group = groups[(found["per"], found["origin"], found["when"])]
        if len(group) == 1:
            out.append(w)
        elif group[0] is found:
            others = [g["name"] for g in group[1:]]
            listed = ", ".join(others[:6]) + (", …" if len(others) > 6 else "")
            out.append(f"{found['where'] or ''}metric '{found['name']}' and {len(others)} more "
                       f"({listed}) ({found['per']}): {found['origin']} has no rows in "
                       f"{found['when']}")
    return out
