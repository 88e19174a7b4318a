"""Keep every string of a DeckPlan to the characters a .pptx can store.

XML 1.0 cannot hold most C0 control characters, lone surrogates or U+FFFE/U+FFFF, and
python-pptx fails with an internal error when asked to write one. The config loader already
refuses them where a user typed them; data can still bring them in (a category name, a table
cell, a header), so the plan is cleaned once, in one place, before any slide is drawn, and the
user is told which slide lost which characters.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from reviewdeck.errors import Diagnostics

UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(value: Any, removed: list[str]) -> Any:
    """value with unstorable characters dropped from every string inside it."""
    if isinstance(value, str):
        found = UNSTORABLE.findall(value)
        if not found:
            return value
        removed.extend(found)
        return UNSTORABLE.sub("", value)
    if isinstance(value, list):
        return [_clean(v, removed) for v in value]
    if isinstance(value, tuple):
        return tuple(_clean(v, removed) for v in value)
    if isinstance(value, dict):
        return {_clean(k, removed): _clean(v, removed) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _clean(old, removed)
            if new is not old:
                setattr(value, f.name, new)
        return value
    return value


def _names(chars: list[str]) -> str:
    unique = sorted(set(chars))
    shown = ", ".join(f"U+{ord(c):04X}" for c in unique[:4])
    return shown + (", …" if len(unique) > 4 else "")


def make_storable(plan: Any, diag: Diagnostics) -> Any:
    """Drop unstorable characters from the plan in place, warning once per slide affected."""
    removed: list[str] = []
    for f in dataclasses.fields(plan):
        if f.name != "slides":
            setattr(plan, f.name, _clean(getattr(plan, f.name), removed))
    if removed:
        diag.warn(f"removed {len(removed)} character(s) a deck cannot store ({_names(removed)}) "
                  "from the deck's title or footer")
    for index, slide in enumerate(getattr(plan, "slides", []), start=1):
        removed = []
        _clean(slide, removed)
        if removed:
            origin = getattr(slide, "origin", "")
            where = f"slide {index}" + (f" ({origin})" if origin else "")
            diag.warn(f"{where}: removed {len(removed)} character(s) a deck cannot store "
                      f"({_names(removed)}) from its text, brought in by the data or facts")
    return plan
