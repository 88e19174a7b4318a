"""How readable a deck's text is: each run's colour against what lies behind it (WCAG
contrast ratio), read from the slide XML. Runs without a colour of their own (a template's
placeholders) are the template's business and are not judged."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
A = f"{{{NS['a']}}}"
P = f"{{{NS['p']}}}"


def luminance(hexa: str) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(int(hexa[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass
class Run:
    slide: int
    shape: str
    text: str
    color: str
    behind: str

    @property
    def contrast(self) -> float:
        return contrast(self.color, self.behind)


def _solid(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    clr = el.find(f"{A}solidFill/{A}srgbClr")
    return None if clr is None else str(clr.get("val")).upper()


def _runs(body: etree._Element) -> list[tuple[str, str]]:
    out = []
    for run in body.iter(f"{A}r"):
        color = _solid(run.find(f"{A}rPr"))
        text = "".join(run.itertext()).strip()
        if color and text:
            out.append((text, color))
    return out


def _rect(el: etree._Element) -> tuple[int, int, int, int] | None:
    off = el.find(f".//{A}off")
    ext = el.find(f".//{A}ext")
    if off is None or ext is None:
        return None
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def colored_runs(deck: bytes, background: str) -> list[Run]:
    """Every run with its own colour, and the colour behind it: its shape's or table cell's
    fill, else the fill of the last shape drawn below it that covers its middle, else the
    slide background given."""
    out: list[Run] = []
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        slides = sorted((n for n in z.namelist() if n.startswith("ppt/slides/slide")
                         and n.endswith(".xml")), key=lambda n: int(n[16:-4]))
        for number, name in enumerate(slides, start=1):
            tree = etree.fromstring(z.read(name)).find(f"{P}cSld/{P}spTree")
            filled: list[tuple[tuple[int, int, int, int], str]] = []
            for shape in tree.iter(f"{P}sp", f"{P}graphicFrame"):
                cnv = shape.find(f".//{P}cNvPr")
                label = cnv.get("name", "") if cnv is not None else ""
                rect = _rect(shape)
                if shape.tag == f"{P}graphicFrame":
                    for tc in shape.iter(f"{A}tc"):
                        fill = _solid(tc.find(f"{A}tcPr")) or background
                        out += [Run(number, label, t, c, fill) for t, c in _runs(tc)]
                    continue
                own = _solid(shape.find(f"{P}spPr"))
                behind = own
                if behind is None and rect is not None:
                    mx, my = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
                    behind = next((color for (x, y, w, h), color in reversed(filled)
                                   if x <= mx <= x + w and y <= my <= y + h), background)
                body = shape.find(f"{P}txBody")
                if body is not None:
                    out += [Run(number, label, t, c, behind or background)
                            for t, c in _runs(body)]
                if own is not None and rect is not None:
                    filled.append((rect, own))
    return out
