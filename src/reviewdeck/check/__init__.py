"""Deck checker: finds what makes a deck look broken or makes PowerPoint offer a repair.

`check_deck(path_or_bytes)` (in runner) returns a Report of Findings, one module per family
of checks. This package imports no python-pptx or lxml until a deck is actually checked.
"""

from __future__ import annotations

from reviewdeck.check.model import DeckUnreadable, Finding, Report

__all__ = ["DeckUnreadable", "Finding", "Report", "check_deck"]


def check_deck(source: object, name: str | None = None) -> Report:
    """Check a deck given as a path or as the bytes of a .pptx file."""
    from reviewdeck.check.runner import check_deck as run

    return run(source, name)  # type: ignore[arg-type]
