"""Fixes applied to a saved deck's parts so PowerPoint opens it without offering to repair it.

python-pptx writes a few things the Open XML schema or PowerPoint reject: native charts carry
negative axis ids (`c:axId`/`c:crossAx` are unsigned ints, and PowerPoint reads them as signed
32-bit values, so they must lie in 0..2147483647), and a deck edited through its API can end
up with a content-type override for a part that is no longer in the package, or with two
shapes on one slide sharing an id. Each fix works on one part's bytes and returns them
unchanged when there is nothing to fix, so the output stays byte-for-byte deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

_CHART_PART = re.compile(r"^ppt/charts/chart[^/]*\.xml$")
_SLIDE_PART = re.compile(r"^ppt/slides/slide[^/]*\.xml$")
_NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MAX_AXIS_ID = 2**31 - 1


def _serialize(root: Any) -> bytes:
    """The part written back the way python-pptx writes parts."""
    from lxml import etree

    return bytes(etree.tostring(root, encoding="UTF-8", standalone=True))


def _parse(body: bytes) -> Any:
    from lxml import etree

    return etree.fromstring(body, etree.XMLParser(resolve_entities=False, huge_tree=True))


def fix_axis_ids(body: bytes) -> bytes:
    """Renumber axis ids outside 0..2147483647 within one chart part, keeping them distinct."""
    root = _parse(body)
    elements = [el for tag in ("axId", "crossAx") for el in root.iter(f"{{{_NS_C}}}{tag}")]
    values = {int(el.get("val")) for el in elements if _is_int(el.get("val"))}
    bad = sorted(v for v in values if not 0 <= v <= MAX_AXIS_ID)
    if not bad:
        return body
    used = {v for v in values if 0 <= v <= MAX_AXIS_ID}
    mapping: dict[int, int] = {}
    for value in bad:
        new = value & MAX_AXIS_ID
        while new in used:
            new = (new + 1) & MAX_AXIS_ID
        used.add(new)
        mapping[value] = new
    for el in elements:
        val = el.get("val")
        if _is_int(val) and int(val) in mapping:
            el.set("val", str(mapping[int(val)]))
    return _serialize(root)


def _is_int(text: str | None) -> bool:
    return text is not None and re.fullmatch(r"-?\d+", text) is not None


def drop_orphan_overrides(body: bytes, names: Collection[str]) -> bytes:
    """Remove content-type overrides for parts the package does not hold."""
    root = _parse(body)
    present = {"/" + n.lstrip("/").lower() for n in names}  # part names ignore case
    orphans = [el for el in root.iter(f"{{{_NS_CT}}}Override")
               if (el.get("PartName") or "").lower() not in present]
    if not orphans:
        return body
    for el in orphans:
        root.remove(el)
    return _serialize(root)


def unique_shape_ids(body: bytes) -> bytes:
    """Give a later shape that repeats an id on its slide the next free id.

    Left alone when the slide refers to shapes by id (animations, connectors), where a new id
    would break the reference; the deck checker reports such a slide instead.
    """
    if b"<p:timing" in body or b"stCxn" in body or b"endCxn" in body:
        return body
    root = _parse(body)
    tree = root.find(f"{{{_NS_P}}}cSld/{{{_NS_P}}}spTree")
    if tree is None:
        return body
    cnv = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag.endswith("}cNvPr")]
    ids = [el.get("id", "") for el in cnv]
    if len(set(ids)) == len(ids):
        return body
    numbers = [int(i) for i in ids if i.isdigit()]
    next_id = max(numbers, default=0) + 1
    seen: set[str] = set()
    for el, value in zip(cnv, ids):
        if value in seen or not value.isdigit():
            el.set("id", str(next_id))
            next_id += 1
        seen.add(value)
    return _serialize(root)


def fix_part(name: str, body: bytes, names: Collection[str]) -> bytes:
    """The fixed bytes of one part of the package (name as in the zip, names: all entries)."""
    if _CHART_PART.match(name):
        return fix_axis_ids(body)
    if name == "[Content_Types].xml":
        return drop_orphan_overrides(body, names)
    if _SLIDE_PART.match(name):
        return unique_shape_ids(body)
    return body
