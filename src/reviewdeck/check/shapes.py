"""The shapes of a slide as the checks see them: kind, id, name, where on the slide, placeholder.

Positions are resolved the way PowerPoint resolves them: a shape inside a group is mapped
through the group's child coordinate space, a rotated shape counts by its bounding box, and a
placeholder without its own position takes it from the matching layout, then master
placeholder.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
P = f"{{{NS['p']}}}"
A = f"{{{NS['a']}}}"
LEAF_KINDS = ("sp", "pic", "graphicFrame", "cxnSp", "contentPart")
EMU_PER_PT = 12700
EMU_PER_IN = 914400

Rect = tuple[float, float, float, float]  # x, y, w, h in EMU

# The checks look elements up with child() and find() below rather than lxml's find(): that
# parses its path argument in Python on every call, and a deck's check makes thousands.
TX_BODY, NV_PR, PH, CNV_PR = f"{P}txBody", f"{P}nvPr", f"{P}ph", f"{P}cNvPr"
BODY_PR, LST_STYLE, A_P, A_PPR, A_RPR, DEF_RPR = (
    f"{A}bodyPr", f"{A}lstStyle", f"{A}p", f"{A}pPr", f"{A}rPr", f"{A}defRPr")
A_R, A_FLD, A_BR, A_T, END_PARA_RPR = f"{A}r", f"{A}fld", f"{A}br", f"{A}t", f"{A}endParaRPr"
XFRM, OFF, EXT = f"{A}xfrm", f"{A}off", f"{A}ext"


def child(el: Any, tag: str) -> Any | None:
    """el.find(tag) for a Clark name: its first child with that tag."""
    return next(el.iterchildren(tag), None)


def find(el: Any, *path: str) -> Any | None:
    """el.find("step/step/...") for child steps given as Clark names: the same first match in
    document order (the first child of the first step that has the rest of the path)."""
    if len(path) == 1:
        return next(el.iterchildren(path[0]), None)
    for step in el.iterchildren(path[0]):
        found = find(step, *path[1:])
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Placeholder:
    type: str
    idx: int | None


@dataclass
class Shape:
    """A leaf shape of a slide (groups are walked, not returned)."""

    element: Any
    kind: str  # sp, pic, graphicFrame, cxnSp, contentPart
    id: int | None
    name: str
    rect: Rect | None  # on the slide, in EMU; None when nothing gives it a position
    placeholder: Placeholder | None
    hidden: bool
    rotation: float = 0.0  # degrees, clockwise

    @property
    def cnvpr(self) -> Any:
        return _cnvpr(self.element)

    @property
    def txbody(self) -> Any:
        return child(self.element, TX_BODY)

    @property
    def graphic_uri(self) -> str | None:
        data = self.element.find(f"{A}graphic/{A}graphicData")
        return None if data is None else data.get("uri")


def _cnvpr(el: Any) -> Any:
    for child in el:
        if isinstance(child.tag, str) and child.tag.startswith(P + "nv"):
            found = next(child.iterchildren(CNV_PR), None)
            if found is not None:
                return found
    return None


def _placeholder(el: Any) -> Placeholder | None:
    for child in el:
        if isinstance(child.tag, str) and child.tag.startswith(P + "nv"):
            ph = find(child, NV_PR, PH)
            if ph is not None:
                idx = ph.get("idx")
                return Placeholder(ph.get("type", "obj"), int(idx) if idx and idx.isdigit()
                                   else None)
    return None


def _xfrm(el: Any) -> Any:
    if el.tag == P + "graphicFrame":
        return child(el, f"{P}xfrm")
    return find(el, f"{P}spPr", XFRM) if el.tag != P + "grpSp" else \
        find(el, f"{P}grpSpPr", XFRM)


def _num(el: Any, attr: str, default: float = 0.0) -> float:
    if el is None:
        return default
    try:
        return float(el.get(attr, default))
    except (TypeError, ValueError):
        return default


def own_rect(el: Any) -> tuple[Rect, float] | None:
    """(x, y, cx, cy) from the shape's own xfrm, and its rotation in degrees; None if absent."""
    xfrm = _xfrm(el)
    if xfrm is None:
        return None
    off, ext = child(xfrm, OFF), child(xfrm, EXT)
    if off is None or ext is None:
        return None
    return ((_num(off, "x"), _num(off, "y"), _num(ext, "cx"), _num(ext, "cy")),
            _num(xfrm, "rot") / 60000.0)


def _rotated_bounds(rect: Rect, degrees: float) -> Rect:
    x, y, w, h = rect
    if not degrees % 360:
        return rect
    t = math.radians(degrees)
    bw = abs(w * math.cos(t)) + abs(h * math.sin(t))
    bh = abs(w * math.sin(t)) + abs(h * math.cos(t))
    cx, cy = x + w / 2, y + h / 2
    return (cx - bw / 2, cy - bh / 2, bw, bh)


Transform = tuple[float, float, float, float]  # scale x, scale y, shift x, shift y


def _group_transform(grp: Any, outer: Transform) -> Transform:
    xfrm = _xfrm(grp)
    if xfrm is None:
        return outer
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    choff, chext = xfrm.find(f"{A}chOff"), xfrm.find(f"{A}chExt")
    sx = _num(ext, "cx") / _num(chext, "cx", 1.0) if _num(chext, "cx") else 1.0
    sy = _num(ext, "cy") / _num(chext, "cy", 1.0) if _num(chext, "cy") else 1.0
    # child point p maps to off + (p - chOff) * s inside the group, then through outer
    gx = _num(off, "x") - _num(choff, "x") * sx
    gy = _num(off, "y") - _num(choff, "y") * sy
    osx, osy, ox, oy = outer
    return (osx * sx, osy * sy, ox + osx * gx, oy + osy * gy)


def _apply(t: Transform, rect: Rect) -> Rect:
    sx, sy, dx, dy = t
    x, y, w, h = rect
    return (dx + sx * x, dy + sy * y, sx * w, sy * h)


class Inheritance:
    """Finds the layout and master placeholders a slide placeholder inherits from."""

    def __init__(self, layout: Any | None, master: Any | None) -> None:
        self.layout = layout
        self.master = master
        # placeholders of the layout and master, found once: every placeholder of the slide,
        # and every paragraph in one, asks for them
        self._layout_phs = self._placeholders(layout)
        self._master_phs = self._placeholders(master)

    @staticmethod
    def _placeholders(root: Any | None) -> list[tuple[Placeholder, Any]]:
        if root is None:
            return []
        tree = root.find(f"{P}cSld/{P}spTree")
        if tree is None:
            return []
        out = []
        for el in tree.iter(f"{P}sp", f"{P}pic", f"{P}graphicFrame"):
            ph = _placeholder(el)
            if ph is not None:
                out.append((ph, el))
        return out

    def layout_match(self, ph: Placeholder) -> Any | None:
        found = self._layout_phs
        if ph.idx is not None:
            for other, el in found:
                if other.idx == ph.idx:
                    return el
        for other, el in found:
            if other.type == ph.type:
                return el
        return None

    def master_match(self, ph: Placeholder) -> Any | None:
        kind = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(ph.type, ph.type)
        for other, el in self._master_phs:
            if {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(
                    other.type, other.type) == kind:
                return el
        return None

    def chain(self, ph: Placeholder | None) -> list[Any]:
        """The layout and master placeholder elements this placeholder inherits from."""
        if ph is None:
            return []
        out = []
        layout_el = self.layout_match(ph)
        if layout_el is not None:
            out.append(layout_el)
            layout_ph = _placeholder(layout_el)
            master_el = self.master_match(layout_ph or ph)
        else:
            master_el = self.master_match(ph)
        if master_el is not None:
            out.append(master_el)
        return out


def walk(sld: Any, inherit: Inheritance) -> Iterator[Shape]:
    """Every leaf shape of a slide's shape tree, in drawing order, with slide coordinates."""
    tree = sld.find(f"{P}cSld/{P}spTree")
    if tree is None:
        return
    yield from _walk(tree, (1.0, 1.0, 0.0, 0.0), inherit, False)


def _children(container: Any) -> Iterator[Any]:
    for child in container:
        if not isinstance(child.tag, str):
            continue
        if child.tag == f"{{{NS['mc']}}}AlternateContent":
            choice = child.find(f"{{{NS['mc']}}}Choice")
            fallback = child.find(f"{{{NS['mc']}}}Fallback")
            chosen = choice if choice is not None else fallback
            if chosen is not None:
                yield from _children(chosen)
            continue
        yield child


def _walk(container: Any, t: Transform, inherit: Inheritance, hidden: bool) -> Iterator[Shape]:
    for child in _children(container):
        local = child.tag[len(P):] if child.tag.startswith(P) else None
        if local == "grpSp":
            cnv = _cnvpr(child)
            is_hidden = hidden or (cnv is not None and cnv.get("hidden") in ("1", "true"))
            yield from _walk(child, _group_transform(child, t), inherit, is_hidden)
        elif local in LEAF_KINDS:
            cnv = _cnvpr(child)
            ph = _placeholder(child)
            found = own_rect(child)
            if found is None:
                for parent in inherit.chain(ph):
                    found = own_rect(parent)
                    if found is not None:
                        break
            rect = None
            rotation = 0.0
            if found is not None:
                rect = _apply(t, _rotated_bounds(*found))
                rotation = found[1]
            sid = cnv.get("id") if cnv is not None else None
            yield Shape(
                element=child, kind=local, id=int(sid) if sid and sid.isdigit() else None,
                name=cnv.get("name", "") if cnv is not None else "", rect=rect,
                placeholder=ph,
                hidden=hidden or (cnv is not None and cnv.get("hidden") in ("1", "true")),
                rotation=rotation)


def all_ids(sld: Any) -> list[tuple[str, str]]:
    """(id, name) of every cNvPr in the shape tree, the tree itself and groups included."""
    tree = sld.find(f"{P}cSld/{P}spTree")
    if tree is None:
        return []
    return [(el.get("id", ""), el.get("name", "")) for el in tree.iter(f"{P}cNvPr")]
