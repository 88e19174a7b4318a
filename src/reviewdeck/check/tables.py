"""Table text that needs taller rows than the table has.

A table row's height is a minimum: PowerPoint and LibreOffice grow a row until its tallest
cell's text fits, so text that is too long for its cell does not spill out of the cell, it
pushes everything below it down and the table ends lower than its frame, over what lies
beneath or off the slide. Each cell's text is laid out with the model text boxes are judged
with (check/text.py), in the cell's width less its margins; a cell spanning rows needs the
height of the rows it spans together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewdeck.check.model import Finding
from reviewdeck.check.shapes import EMU_PER_PT, A, Shape, child
from reviewdeck.check.styles import TextStyles
from reviewdeck.check.text import TOLERANCE_PT, flow, paragraphs

_TBL_PATH = (f"{A}graphic", f"{A}graphicData", f"{A}tbl")
_GRID, _GRID_COL, _TR, _TC = f"{A}tblGrid", f"{A}gridCol", f"{A}tr", f"{A}tc"
_TC_PR, _TX_BODY = f"{A}tcPr", f"{A}txBody"
# tcPr's margins when the cell gives none (ECMA-376 21.1.3.17): left, right, top, bottom
_MARGINS = (("marL", 91440), ("marR", 91440), ("marT", 45720), ("marB", 45720))


@dataclass
class _Cell:
    row: int  # first row, 0-based
    rows: int  # rows spanned
    needed: float  # EMU, margins included
    text: str


def _int(el: Any, attr: str, default: int) -> int:
    try:
        return int(el.get(attr, default))
    except (TypeError, ValueError):
        return default


def _table(shape: Shape) -> Any | None:
    el = shape.element
    for tag in _TBL_PATH:
        el = child(el, tag)
        if el is None:
            return None
    return el


def _cells(tbl: Any, widths: list[float], styles: TextStyles) -> list[_Cell]:
    """Every cell that starts a merge (or stands alone) with the height its text needs."""
    out = []
    for r, tr in enumerate(tbl.iterchildren(_TR)):
        col = 0
        for tc in tr.iterchildren(_TC):
            span = max(_int(tc, "gridSpan", 1), 1)
            first_col = col
            col += 1 if tc.get("hMerge") in ("1", "true") else span
            if tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"):
                continue  # covered by the cell the merge starts from
            body = child(tc, _TX_BODY)
            if body is None:
                continue
            pr = child(tc, _TC_PR)
            left, right, top, bottom = (
                _int(pr, name, default) if pr is not None else default
                for name, default in _MARGINS)
            if pr is not None and pr.get("vert", "horz") not in ("horz", ""):
                continue  # text turned sideways is not laid out here
            paras = paragraphs(body, styles,
                               lambda para, b=body: styles.cell_paragraph_chain(b, para))
            text = "\n".join(p.text for p in paras)
            if not text.strip():
                continue
            width = sum(widths[first_col:first_col + span]) - left - right
            _, needed_pt, _ = flow(paras, width / EMU_PER_PT, True)
            out.append(_Cell(r, max(_int(tc, "rowSpan", 1), 1),
                             needed_pt * EMU_PER_PT + top + bottom, text))
    return out


def table_overflow(shape: Shape, styles: TextStyles, slide_height: float) -> Finding | None:
    """A table whose rows must grow for their text, judged by how much taller it ends up."""
    tbl = _table(shape) if shape.kind == "graphicFrame" else None
    if tbl is None or shape.rect is None or shape.rotation % 180:
        return None
    grid = child(tbl, _GRID)
    widths = [float(_int(g, "w", 0)) for g in grid.iterchildren(_GRID_COL)] \
        if grid is not None else []
    drawn = [float(_int(tr, "h", 0)) for tr in tbl.iterchildren(_TR)]
    if not widths or not drawn:
        return None
    cells = _cells(tbl, widths, styles)
    grown = list(drawn)
    worst: tuple[float, _Cell] | None = None
    # single-row cells first, then cells spanning rows give any height still missing to the
    # last row they span, as the applications do
    for cell in sorted(cells, key=lambda c: c.rows):
        end = min(cell.row + cell.rows, len(grown))
        have = sum(grown[cell.row:end])
        if cell.needed > have:
            grown[end - 1] += cell.needed - have
            short = cell.needed - sum(drawn[cell.row:end])
            if worst is None or short > worst[0]:
                worst = (short, cell)
    growth = (sum(grown) - sum(drawn)) / EMU_PER_PT
    if worst is None or growth <= TOLERANCE_PT:
        return None
    short, cell = worst
    y = shape.rect[1]
    bottom = y + sum(grown)  # a table is as tall as its rows, whatever its frame says
    rows = sum(1 for g, d in zip(grown, drawn) if g > d)
    start = cell.text.strip().replace("\n", " ")
    start = start if len(start) <= 24 else start[:24] + "…"
    # the model's line pitch is PowerPoint's single spacing; LibreOffice's fallback fonts may
    # set lines further apart, so the growth is at least
    where = (f"ends at least {(bottom - slide_height) / EMU_PER_PT:.0f} pt below the slide"
             if bottom > slide_height + TOLERANCE_PT * EMU_PER_PT
             else f"ends at least {growth:.0f} pt lower than drawn")
    rows_text = f"{rows} rows grow" if rows > 1 else "a row grows"
    return Finding(
        "overflow",
        f"table text needs taller rows: row {cell.row + 1}'s text needs "
        f"{cell.needed / EMU_PER_PT:.0f} pt but the row is "
        f"{sum(drawn[cell.row:cell.row + cell.rows]) / EMU_PER_PT:.0f} pt tall (starts "
        f"{start!r}); PowerPoint and LibreOffice grow the row to fit, {rows_text} and the table "
        f"{where}; shorten the text, widen the column or make the font smaller",
        shape=shape.name, shape_id=shape.id)
