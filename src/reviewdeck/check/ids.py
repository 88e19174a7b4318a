"""Shape ids repeated on one slide: PowerPoint then offers to repair the deck."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from reviewdeck.check.model import Finding
from reviewdeck.check.shapes import NS, P

_MC = f"{{{NS['mc']}}}"


def _cnvprs(el: Any) -> Iterator[Any]:
    """cNvPr elements below el, reading only the first branch of mc:AlternateContent."""
    if next(el.iterdescendants(f"{_MC}AlternateContent"), None) is None:
        yield from el.iterdescendants(f"{P}cNvPr")  # the usual tree: one pass inside lxml
        return
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == f"{_MC}AlternateContent":
            branch = child.find(f"{_MC}Choice")
            if branch is None:
                branch = child.find(f"{_MC}Fallback")
            if branch is not None:
                yield from _cnvprs(branch)
            continue
        if child.tag == f"{P}cNvPr":
            yield child
        yield from _cnvprs(child)


def duplicate_ids(sld: Any) -> list[Finding]:
    tree = sld.find(f"{P}cSld/{P}spTree")
    if tree is None:
        return []
    shapes = [(el.get("id", ""), el.get("name", "")) for el in _cnvprs(tree)]
    counts = Counter(i for i, _ in shapes)
    found = []
    for sid, n in sorted(counts.items(), key=lambda kv: kv[0]):
        if n > 1:
            names = ", ".join(repr(name) for i, name in shapes if i == sid)
            found.append(Finding(
                "duplicate-id", f"{n} shapes share id {sid} ({names}); PowerPoint offers to "
                "repair the deck", shape=next(name for i, name in shapes if i == sid),
                shape_id=int(sid) if sid.isdigit() else None))
    return found
