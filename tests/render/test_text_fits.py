"""No text overflows its box: every line LibreOffice draws lies inside the shape it belongs to."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

EMU_PER_PT = 12700
TOLERANCE_PT = 2.0
# CJK line-end punctuation may hang into the margin (PowerPoint and LibreOffice both do this)
HANGING = set("，。、；：！？）》」』】”’")
BULLETS = {"•", "▪", "–"}


def _norm(text: str) -> str:
    return "".join(text.split())


def _text_boxes(slide) -> tuple[list[tuple[str, tuple[float, float, float, float]]], list]:
    """(text, rect in points) for every text shape and table cell; rects of charts to ignore."""
    boxes, charts = [], []
    for shape in slide.shapes:
        x, y = Emu(shape.left).pt, Emu(shape.top).pt
        w, h = Emu(shape.width).pt, Emu(shape.height).pt
        if shape.has_chart:
            charts.append((x, y, x + w, y + h))
        elif shape.has_table:
            table = shape.table
            cy = y
            for row in table.rows:
                cx = x
                rh = Emu(row.height).pt
                for col, cell in zip(table.columns, row.cells):
                    cw = Emu(col.width).pt
                    boxes.append((_norm(cell.text), (cx, cy, cx + cw, cy + rh)))
                    cx += cw
                cy += rh
        elif shape.has_text_frame and shape.text_frame.text.strip():
            boxes.append((_norm(shape.text_frame.text), (x, y, x + w, y + h)))
    return boxes, charts


@pytest.mark.soffice
def test_no_text_overflows_its_box(monthly_deck: Path, monthly_pdf: Path) -> None:
    import pymupdf

    prs = Presentation(str(monthly_deck))
    slide_w_pt = prs.slide_width / EMU_PER_PT
    problems, checked = [], 0
    with pymupdf.open(monthly_pdf) as doc:
        assert doc.page_count == len(prs.slides)
        for index, (slide, page) in enumerate(zip(prs.slides, doc), start=1):
            scale = slide_w_pt / page.rect.width
            boxes, charts = _text_boxes(slide)
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
                        checked += 1
                        hang = (y1 - y0) if text[-1] in HANGING else 0.0
                        inside = any(r[0] - TOLERANCE_PT <= x0
                                     and x1 <= r[2] + TOLERANCE_PT + hang
                                     and r[1] <= cy <= r[3] for r in owners)
                        if not inside:
                            problems.append(f"slide {index}: {span['text']!r} at "
                                            f"({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f})")
    assert checked > 300
    assert not problems, "\n".join(problems[:20])
