"""Charts whose cached numbers are not numbers (NaN, infinity, text).

PowerPoint draws a chart from the values cached in its XML; `NaN` there makes it show an
empty or broken chart, or refuse the part. An empty point is written by leaving it out.
"""

from __future__ import annotations

import math
from typing import Any

from reviewdeck.check.model import Finding
from reviewdeck.check.shapes import NS, Shape

C = f"{{{NS['c']}}}"


def _series_name(ser: Any) -> str:
    v = ser.find(f"{C}tx//{C}v")
    return v.text if v is not None and v.text else "(unnamed)"


def _bad(text: str | None) -> bool:
    try:
        return not math.isfinite(float(text or ""))
    except ValueError:
        return True


def nan_in_cache(shape: Shape, chart: Any) -> Finding | None:
    """Cached or literal numbers of a chart that are NaN, infinite or not numbers at all."""
    bad: list[str] = []
    for ser in chart.iter(f"{C}ser"):
        for cache in list(ser.iter(f"{C}numCache")) + list(ser.iter(f"{C}numLit")):
            values = [pt.findtext(f"{C}v") for pt in cache.iter(f"{C}pt")]
            wrong = [v for v in values if _bad(v)]
            if wrong:
                bad.append(f"series '{_series_name(ser)}' has {len(wrong)} ({wrong[0]!r})")
    if not bad:
        return None
    return Finding("chart-nan", "chart data cache holds values that are not numbers: "
                   + "; ".join(bad) + "; leave missing points out instead",
                   shape=shape.name, shape_id=shape.id)


MAX_AXIS_ID = 2**31 - 1


def bad_axis_ids(shape: Shape, chart: Any) -> Finding | None:
    """Axis ids outside 0..2147483647, as python-pptx writes them: schema-invalid in Office."""
    bad = sorted({el.get("val", "") for tag in ("axId", "crossAx")
                  for el in chart.iter(f"{C}{tag}") if not _axis_ok(el.get("val"))})
    if not bad:
        return None
    return Finding("chart-axis-id", f"chart axis ids {', '.join(bad)} are outside 0..{MAX_AXIS_ID}"
                   " (the schema wants an unsigned int); Office may refuse the chart",
                   shape=shape.name, shape_id=shape.id)


def _axis_ok(text: str | None) -> bool:
    try:
        return 0 <= int(text or "") <= MAX_AXIS_ID
    except ValueError:
        return False
