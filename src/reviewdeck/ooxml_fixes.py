"""Fixes applied to a saved deck's parts so PowerPoint opens it without offering to repair it.

python-pptx writes a few things the Open XML schema or PowerPoint reject: native charts carry
negative axis ids (`c:axId`/`c:crossAx` are unsigned ints, and PowerPoint reads them as signed
32-bit values, so they must lie in 0..2147483647), and a deck edited through its API can end
up with a content-type override for a part that is no longer in the package, or with two
shapes on one slide sharing an id; and a resized deck keeps its template's "screen4x3" label. Each fix works on one part's bytes and returns them
unchanged when there is nothing to fix, so the output stays byte-for-byte deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

_CHART_PART = re.compile(r"^ppt/charts/chart[^/]*\.xml$")
_SLIDE_PART = re.compile(r"^ppt/slides/slide[^/]*\.xml$")
_PRESENTATION_PART = "ppt/presentation.xml"
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


# The sizes PowerPoint's named slide-size types stand for (cx, cy in EMU).
_SIZE_TYPES = {
    "screen4x3": (9144000, 6858000), "screen16x9": (9144000, 5143500),
    "screen16x10": (9144000, 5715000), "letter": (9144000, 6858000),
    "A4": (9906000, 6858000), "35mm": (10287000, 6858000), "overhead": (9144000, 6858000),
    "banner": (7315200, 914400), "ledger": (12179300, 9134475), "A3": (14400213, 10801350),
    "B4ISO": (10826750, 8120063), "B5ISO": (7169150, 5376863), "hagakiCard": (3600450, 5327650),
}


def slide_size_type(body: bytes) -> bytes:
    """Drop a slide-size type that names other dimensions than the slide has.

    python-pptx's template says type="screen4x3"; a deck resized to 13.333 x 7.5 in keeps it,
    and PowerPoint then calls a widescreen deck 4:3 in its Slide Size dialog. Without the
    attribute the size is simply custom, as PowerPoint writes for widescreen.
    """
    if b'type="' not in body or b"sldSz" not in body:
        return body
    root = _parse(body)
    size = root.find(f"{{{_NS_P}}}sldSz")
    if size is None or size.get("type") is None:
        return body
    try:
        dims = (int(size.get("cx")), int(size.get("cy")))
    except (TypeError, ValueError):
        return body
    named = _SIZE_TYPES.get(size.get("type"))
    if named is None or named == dims:
        return body
    del size.attrib["type"]
    return _serialize(root)


def fix_part(name: str, body: bytes, names: Collection[str]) -> bytes:
    """The fixed bytes of one part of the package (name as in the zip, names: all entries)."""
    if _CHART_PART.match(name):
        return fix_axis_ids(body)
    if name == "[Content_Types].xml":
        return drop_orphan_overrides(body, names)
    if _SLIDE_PART.match(name):
        return unique_shape_ids(body)
    if name == _PRESENTATION_PART:
        return slide_size_type(body)
    return body
