"""Pictures too coarse for the size they are shown at, and pictures and charts without alt text.

Resolution is the picture's pixels (after any crop) over the inches it covers on the slide;
below 150 DPI it looks soft when projected or printed. Vector pictures (EMF, WMF, SVG) and
linked ones are not judged. Alt text is the shape's `descr`; a shape marked decorative
(`a16:decorative`) needs none.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewdeck.check.model import Finding
from reviewdeck.check.shapes import EMU_PER_IN, NS, A, Shape
from reviewdeck.imagefile import sniff

MIN_DPI = 150
CHART_URIS = ("http://schemas.openxmlformats.org/drawingml/2006/chart",
              "http://schemas.microsoft.com/office/drawing/2014/chartex")
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_R_EMBED = f"{{{NS['r']}}}embed"


def low_dpi(shape: Shape, blob_of: Callable[[str], bytes | None]) -> Finding | None:
    """A raster picture shown at fewer than 150 pixels per inch."""
    if shape.kind != "pic" or shape.rect is None:
        return None
    blip = shape.element.find(f".//{A}blip")
    if blip is None or blip.get(_R_EMBED) is None:
        return None
    blob = blob_of(blip.get(_R_EMBED))
    if blob is None:
        return None
    info = sniff(blob)
    if info is None or info.vector or not info.width or not info.height:
        return None
    crop = shape.element.find(f".//{A}srcRect")

    def kept(a: str, b: str) -> float:
        if crop is None:
            return 1.0
        return max(1.0 - (float(crop.get(a, 0)) + float(crop.get(b, 0))) / 100000, 0.0)

    w_in, h_in = shape.rect[2] / EMU_PER_IN, shape.rect[3] / EMU_PER_IN
    if w_in <= 0 or h_in <= 0:
        return None
    dpi = min(info.width * kept("l", "r") / w_in, info.height * kept("t", "b") / h_in)
    if dpi >= MIN_DPI:
        return None
    need_w = round(MIN_DPI * w_in / kept("l", "r")) if kept("l", "r") else 0
    need_h = round(MIN_DPI * h_in / kept("t", "b")) if kept("t", "b") else 0
    return Finding(
        "low-dpi",
        f"picture is {dpi:.0f} DPI at the size shown ({info.width} x {info.height} px over "
        f"{w_in:.2f} x {h_in:.2f} in); at least {MIN_DPI} DPI needs {need_w} x {need_h} px",
        shape=shape.name, shape_id=shape.id)


def _decorative(shape: Shape) -> bool:
    cnv = shape.cnvpr
    if cnv is None:
        return False
    return any(el.get("val") in ("1", "true") for el in cnv.iter(_DECORATIVE))


def missing_alt_text(shape: Shape) -> Finding | None:
    """A picture or chart whose description (alt text) is empty."""
    is_chart = shape.kind == "graphicFrame" and shape.graphic_uri in CHART_URIS
    if shape.kind != "pic" and not is_chart:
        return None
    cnv = shape.cnvpr
    if cnv is not None and (cnv.get("descr") or "").strip():
        return None
    if _decorative(shape):
        return None
    what = "chart" if is_chart else "picture"
    return Finding(
        "alt-text",
        f"{what} has no alt text (description); screen readers and search cannot tell what "
        "it shows", shape=shape.name, shape_id=shape.id)
