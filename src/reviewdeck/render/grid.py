"""A native table (KPI table, matrix): header band, zebra rows, cell states coloured by the theme."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from reviewdeck.plan.model import TableSpec
from reviewdeck.render.primitives import (
    ALIGN, EMU_PER_PT, Canvas, add_runs, font_metrics, no_hanging,
)
from reviewdeck.render.textfit import fit_text
from reviewdeck.render.theme import TextStyle

STATE_COLOR = {"good": "positive", "bad": "negative"}


def _cell_text(c: Canvas, cell: object, text: str, style: TextStyle, width: float, height: float,
               color: str, bold: bool, align: str, where: str) -> None:
    pad = 0.08
    cell.margin_left = cell.margin_right = Inches(pad)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    metrics = font_metrics(c.look.font(style.font)[1], bold)[0]
    fit = fit_text([text], metrics, (width - 2 * pad) * 72, (height - 0.06) * 72, style.size,
                   style.min_size, line_spacing=c.look.line_spacing)
    if fit.truncated:
        c.diag.warn(f"{c.where}: table cell '{where}' was cut to fit ({text[:30]!r})")
    tf = cell.text_frame
    tf.word_wrap = True
    para = tf.paragraphs[0]
    para.alignment = ALIGN.get(align, PP_ALIGN.LEFT)
    para.line_spacing = Pt(fit.size_pt * c.look.line_spacing)
    no_hanging(para)
    latin, ea = c.look.font(style.font)
    add_runs(para, fit.paragraphs[0] if fit.paragraphs else "", fit.size_pt, bold,
             c.look.color(color), latin, ea)


def draw_table(c: Canvas, spec: TableSpec, section: str, max_h: float) -> None:
    look = c.look
    lay = look[section]
    box = lay["table"]
    n_rows = len(spec.rows) + 1
    row_h = min(float(lay["row_h"]), max_h / n_rows)
    widths = list(lay.get("widths") or [])
    if spec.widths and any(spec.widths):
        widths = [w or 1.0 for w in spec.widths]
    if len(widths) != len(spec.columns):
        first = min(2.6, float(box["w"]) * 0.22)
        rest = (float(box["w"]) - first) / max(1, len(spec.columns) - 1)
        widths = [first] + [rest] * (len(spec.columns) - 1)
    scale = float(box["w"]) / sum(widths)
    widths = [w * scale for w in widths]
    shape = c.slide.shapes.add_table(n_rows, len(spec.columns), Inches(box["x"]),
                                     Inches(box["y"]), Inches(box["w"]), Inches(row_h * n_rows))
    shape.name = "Table"
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    tbl_pr = table._tbl.tblPr
    style_id = tbl_pr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}tableStyleId")
    if style_id is not None:
        tbl_pr.remove(style_id)
    for j, w in enumerate(widths):
        table.columns[j].width = _emu(w)
    for i in range(n_rows):
        table.rows[i].height = Inches(row_h)
    head = look.style(lay["header"])
    body = look.style(lay["cell"])
    for j, name in enumerate(spec.columns):
        cell = table.cell(0, j)
        cell.fill.solid()
        cell.fill.fore_color.rgb = look.color(head.fill or "primary")
        _cell_text(c, cell, name, head, widths[j], row_h, head.color, True,
                   "left" if j == 0 else "center", f"header {name}")
    highlight = lay.get("highlight") or {}
    for i, row in enumerate(spec.rows, start=1):
        states = spec.states[i - 1] if i - 1 < len(spec.states) else []
        is_hl = (i - 1) in spec.highlight_rows
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.fill.solid()
            fill = spec.fills[i - 1][j] if i - 1 < len(spec.fills) and j < len(
                spec.fills[i - 1]) else ""
            if fill:
                cell.fill.fore_color.rgb = look.color(fill)
            elif is_hl and highlight:
                cell.fill.fore_color.rgb = look.color(highlight["fill"])
            else:
                cell.fill.fore_color.rgb = look.color(lay["band"] if i % 2 == 0 else "background")
            state = states[j] if j < len(states) else ""
            color = STATE_COLOR.get(state, highlight.get("color", body.color) if is_hl else body.color)
            _cell_text(c, cell, text, body, widths[j], row_h, color,
                       j == 0 or bool(state) or is_hl, "left" if j == 0 or len(text) > 12
                       else "center", f"row {i} col {j + 1}")


def _emu(value: float) -> int:
    return int(round(value * 914400))


__all__ = ["draw_table", "EMU_PER_PT"]
