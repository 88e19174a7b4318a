"""What the checker reports: findings (slide, shape, what and why) and their text/JSON forms."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from reviewdeck.errors import ReviewDeckError


class DeckUnreadable(ReviewDeckError):
    """The file is missing, not a zip, not a PowerPoint deck, or refused as unsafe (exit 2)."""


@dataclass(frozen=True)
class Finding:
    """One problem: which check found it, where (1-based slide, shape name and id) and why."""

    check: str
    message: str
    slide: int | None = None
    shape: str | None = None
    shape_id: int | None = None

    def where(self) -> str:
        parts = []
        if self.slide is not None:
            parts.append(f"slide {self.slide}")
        else:
            parts.append("package")
        if self.shape is not None:
            parts.append(f"'{self.shape}'" if self.shape else f"shape id {self.shape_id}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message} [{self.check}]"


@dataclass
class Report:
    """Every finding of one deck, in slide order."""

    file: str
    slides: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (f.slide if f.slide is not None else -1,
                                                    f.check, f.shape or "", f.message))

    def to_text(self) -> str:
        if self.ok:
            return f"{self.file}: {self.slides} slides, no problems found"
        lines = [f"{self.file}: {len(self.findings)} problem(s) in {self.slides} slides"]
        lines += [f"  {f}" for f in self.sorted()]
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps({"file": self.file, "slides": self.slides, "ok": self.ok,
                           "problems": [asdict(f) for f in self.sorted()]},
                          ensure_ascii=False, indent=2)
