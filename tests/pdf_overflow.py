"""Text that LibreOffice draws outside the shape it belongs to (the PDF against shape boxes):
for our own decks strictly, for decks on a company template with some allowance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.util import Emu

EMU_PER_PT = 12700
TOLERANCE_PT = 2.0
HANGING = set("，。、；：！？）》」』】”’")
BULLETS = {"•", "▪", "–"}


def _norm(text: str) -> str:
    return "".join(text.split())


def _boxes(slide: Any) -> tuple[list[tuple[str, tuple[float, float, float, float]]], list]:
    boxes, charts = [], []
    for shape in slide.shapes:
        x, y = Emu(shape.left).pt, Emu(shape.top).pt
        w, h = Emu(shape.width).pt, Emu(shape.height).pt
        if shape.has_chart:
            charts.append((x, y, x + w, y + h))
        elif shape.has_table:
            cy = y
            for row in shape.table.rows:
                cx = x
                for col, cell in zip(shape.table.columns, row.cells):
                    cw = Emu(col.width).pt
                    boxes.append((_norm(cell.text), (cx, cy, cx + cw, cy + Emu(row.height).pt)))
                    cx += cw
                cy += Emu(row.height).pt
        elif shape.has_text_frame and shape.text_frame.text.strip():
            boxes.append((_norm(shape.text_frame.text), (x, y, x + w, y + h)))
    return boxes, charts


def overflowing_text(deck: Path, pdf: Path, template: bool = False) -> tuple[list[str], int]:
    """Lines drawn outside every shape holding that text; and how many lines were checked.

    On a template (template=True), text that is in no shape of the slide (the template's
    own master text) is skipped, and a line may sit TOLERANCE_PT above or below its box (the
    template's fonts and placeholders are not ours to fit); otherwise every line must lie
    within its box's height and belong to a shape.
    """
    import pymupdf

    prs = Presentation(str(deck))
    slide_w_pt = prs.slide_width / EMU_PER_PT
    problems, checked = [], 0
    with pymupdf.open(pdf) as doc:
        assert doc.page_count == len(prs.slides), (doc.page_count, len(prs.slides))
        for index, (slide, page) in enumerate(zip(prs.slides, doc), start=1):
            scale = slide_w_pt / page.rect.width
            boxes, charts = _boxes(slide)
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        text = _norm(span["text"])
                        if not text or text in BULLETS:
                            continue
                        x0, y0, x1, y1 = (v * scale for v in span["bbox"])
                        cy = (y0 + y1) / 2
                        if any(c[0] <= x0 and x1 <= c[2] and c[1] <= cy <= c[3] for c in charts):
                            continue
                        owners = [r for t, r in boxes if text in t]
                        if not owners and template:
                            continue
                        checked += 1
                        hang = (y1 - y0) if text[-1] in HANGING else 0.0
                        dy = TOLERANCE_PT if template else 0.0
                        inside = any(r[0] - TOLERANCE_PT <= x0
                                     and x1 <= r[2] + TOLERANCE_PT + hang
                                     and r[1] - dy <= cy <= r[3] + dy
                                     for r in owners)
                        if not inside:
                            problems.append(f"slide {index}: {span['text']!r} at "
                                            f"({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f})")
    return problems, checked
