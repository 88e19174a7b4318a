"""A native table (KPI table, matrix): header band, zebra rows, cell states coloured by the theme."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from reviewdeck.plan.model import TableSpec
from reviewdeck.render.primitives import (
    ALIGN, EMU_PER_PT, Canvas, add_runs, font_metrics, no_hanging,
)
from reviewdeck.render.textfit import fit_text, wrap
from reviewdeck.render.theme import TextStyle

STATE_COLOR = {"good": "positive", "bad": "negative"}
PAD_X, PAD_Y = 0.08, 0.03  # cell margins (inches)
BREATH = 0.24  # room above and below the text of a row that wraps (inches)
STRETCH = 0.25  # at most this much is added to each body row of a short table (inches)
LONG_CELL = 12  # a column with a longer text is left-aligned throughout


def _cell_text(c: Canvas, cell: object, text: str, style: TextStyle, width: float, height: float,
               color: str, bold: bool, align: str, where: str) -> None:
    pad = PAD_X
    cell.margin_left = cell.margin_right = Inches(pad)
    cell.margin_top = cell.margin_bottom = Inches(PAD_Y)
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


def _text_height(c: Canvas, text: str, style: TextStyle, width: float, bold: bool) -> float:
    """Inches the text takes at its full size in a cell `width` wide, margins included."""
    metrics = font_metrics(c.look.font(style.font)[1], bold)[0]
    lines = max(1, len(wrap(text, metrics, style.size, (width - 2 * PAD_X) * 72 * 0.95)))
    return lines * style.size * c.look.line_spacing / 72 + 2 * PAD_Y


def row_heights(c: Canvas, spec: TableSpec, head: TextStyle, body: TextStyle,
                widths: list[float], row_h: float, max_h: float) -> list[float]:
    """Header and body row heights: the layout's row height, taller where text wraps.

    A row whose text needs more lines than the layout's row height holds grows, with some
    room above and below; a short table's body rows grow a little more (up to STRETCH) into
    the space left. If the rows need more than max_h, every row gives up height in proportion
    to what it asked for beyond row_h, and the text shrinks to fit.
    """
    def need(cells: list[str], style: TextStyle) -> float:  # measured bold: the wider face
        tallest = max((_text_height(c, t, style, widths[j], True)
                       for j, t in enumerate(cells) if t), default=0.0)
        return max(row_h, tallest + BREATH)

    wanted = [need(list(spec.columns), head)] + [need(r, body) for r in spec.rows]
    if sum(wanted) <= max_h:  # a short table spreads out a little rather than end high up
        spare = min(STRETCH, (max_h - sum(wanted)) / max(1, len(spec.rows)))
        return wanted[:1] + [h + spare for h in wanted[1:]]
    base = min(row_h, max_h / len(wanted))
    extra = [w - base for w in wanted]
    room = max_h - base * len(wanted)
    scale = room / sum(extra) if sum(extra) else 0.0
    return [base + e * scale for e in extra]


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
    head = look.style(lay["header"])
    body = look.style(lay["cell"])
    heights = row_heights(c, spec, head, body, widths, row_h, max_h)
    shape = c.slide.shapes.add_table(n_rows, len(spec.columns), Inches(box["x"]),
                                     Inches(box["y"]), Inches(box["w"]), Inches(sum(heights)))
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
        table.rows[i].height = Inches(heights[i])
    # one alignment per column: left for the first and for any column with a long text
    aligns = ["left" if j == 0 or any(len(r[j]) > LONG_CELL for r in spec.rows if j < len(r))
              else "center" for j in range(len(spec.columns))]
    for j, name in enumerate(spec.columns):
        cell = table.cell(0, j)
        cell.fill.solid()
        cell.fill.fore_color.rgb = look.color(head.fill or "primary")
        _cell_text(c, cell, name, head, widths[j], heights[0], head.color, True,
                   aligns[j], f"header {name}")
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
            _cell_text(c, cell, text, body, widths[j], heights[i], color,
                       j == 0 or bool(state) or is_hl, aligns[j], f"row {i} col {j + 1}")


def _emu(value: float) -> int:
    return int(round(value * 914400))


__all__ = ["draw_table", "EMU_PER_PT"]
