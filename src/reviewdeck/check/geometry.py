"""Shapes that reach past the slide's edges, and text that lands on other text.

Overlap is judged on the area text actually covers (its lines as laid out in the box, after
alignment and anchoring), not on the boxes: a wide title box with a short title does not
collide with a tag drawn at its right end, but two paragraphs printed over each other do.
"""

from __future__ import annotations

from reviewdeck.check.model import Finding
from reviewdeck.check.shapes import EMU_PER_IN, EMU_PER_PT, Rect, Shape
from reviewdeck.check.text import TextLayout

EDGE_TOLERANCE_EMU = 0.01 * EMU_PER_IN
OVERLAP_MIN_PT = 2.0


def off_slide(shape: Shape, width: float, height: float) -> Finding | None:
    """The shape's bounding box leaves the slide by more than a hundredth of an inch."""
    if shape.rect is None:
        return None
    x, y, w, h = shape.rect
    if x + w <= 0 or y + h <= 0 or x >= width or y >= height:
        return Finding("off-slide", "the shape lies entirely outside the slide",
                       shape=shape.name, shape_id=shape.id)
    over = {"left": -x, "top": -y, "right": x + w - width, "bottom": y + h - height}
    past = {side: d for side, d in over.items() if d > EDGE_TOLERANCE_EMU}
    if not past:
        return None
    sides = ", ".join(f"{d / EMU_PER_IN:.2f} in past the {side} edge" for side, d in past.items())
    return Finding("off-slide", f"the shape reaches off the slide: {sides}",
                   shape=shape.name, shape_id=shape.id)


def _intersection(a: Rect, b: Rect) -> tuple[float, float]:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w, h


def overlapping_text(layouts: list[TextLayout]) -> list[Finding]:
    """Pairs of shapes whose visible text covers the same area of the slide."""
    found = []
    shown = [lay for lay in layouts if lay.text.strip() and not lay.shape.hidden]
    for i, upper in enumerate(shown):
        for lower in shown[:i]:
            w, h = _intersection(upper.extent, lower.extent)
            if w / EMU_PER_PT > OVERLAP_MIN_PT and h / EMU_PER_PT > OVERLAP_MIN_PT:
                found.append(Finding(
                    "overlap",
                    f"its text overlaps the text of '{lower.shape.name}' "
                    f"({w / EMU_PER_PT:.0f} x {h / EMU_PER_PT:.0f} pt)",
                    shape=upper.shape.name, shape_id=upper.shape.id))
    return found
