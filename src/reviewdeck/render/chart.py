"""Chart slide: the chart on the left, two or three insight cards on the right, a takeaway below.

The chart is drawn by its renderer: native (an editable chart) or image (a matplotlib
picture); an image chart that would need a CJK font the machine lacks is drawn natively, with
a warning. A sparkline chart is a row of KPI tiles, each with its own small line.
"""

from __future__ import annotations

import dataclasses
import io
import math
from typing import Any

from pptx.util import Emu, Inches

from reviewdeck.charts import native
from reviewdeck.plan.model import ChartSpec, SlideSpec
from reviewdeck.render.cards import draw_card
from reviewdeck.render.chrome import content_chrome, insight_bar
from reviewdeck.render.primitives import Canvas
from reviewdeck.text.format import MINUS

Box = tuple[Emu, Emu, Emu, Emu]


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    content_chrome(c, spec, language)
    area = dict(look["chart.chart"])
    if not spec.cards:
        area["w"] = float(look["common.rule.w"])
    if spec.chart is not None:
        draw_area(c, spec.chart, float(area["x"]), float(area["y"]), float(area["w"]),
                  float(area["h"]), language)
    if spec.cards:
        side = look["chart.side"]
        gap = float(look["chart.side_gap"])
        n = len(spec.cards)
        h = (float(side["h"]) - gap * (n - 1)) / n
        for i, card in enumerate(spec.cards):
            draw_card(c, float(side["x"]), float(side["y"]) + i * (h + gap), float(side["w"]), h,
                      card, i + 1, section="chart_cards")
    insight_bar(c, spec.insight)


def draw_area(c: Canvas, chart: ChartSpec, x: float, y: float, w: float, h: float,
              language: str) -> None:
    """A chart with its title above and its source note below, inside a box in inches."""
    look = c.look
    lay = look["chart"]
    if chart.title:
        title_h = float(lay["title_h"])
        style = look.style({"size": lay["title_size"], "min_size": 10, "bold": True,
                            "color": "text"})
        c.text((Inches(x), Inches(y), Inches(w), Inches(title_h)), chart.title, style,
               "Chart title", single_line=True)
        y += title_h + float(lay["title_gap"])
        h -= title_h + float(lay["title_gap"])
    if chart.note:
        note = lay["note"]
        note_h = float(note["h"])
        h -= note_h
        c.text((Inches(x), Inches(y + h), Inches(w), Inches(note_h)), chart.note,
               look.style(note), "Chart note", single_line=True, anchor="bottom")
    if chart.type == "sparkline":
        _tiles(c, chart, x, y, w, h, language)
    else:
        place(c, chart, (Inches(x), Inches(y), Inches(w), Inches(h)), language)


def place(c: Canvas, chart: ChartSpec, box: Box, language: str) -> Any:
    """Draw one chart in box with its renderer; the shape carries the alt text as descr."""
    renderer = chart.renderer
    if renderer == "image":
        from reviewdeck.charts import image

        problem = image.unavailable(chart)
        if problem:
            c.diag.warn(f"{c.where}: {problem}; the chart was drawn natively instead")
            renderer = "native"
    if renderer == "image":
        from reviewdeck.charts import image

        w_in, h_in = int(box[2]) / 914400, int(box[3]) / 914400
        png = image.render_png(chart, w_in, h_in, image.ImageStyle.from_look(c.look), language)
        shape = c.slide.shapes.add_picture(io.BytesIO(png), *box)
        shape.name = f"Chart image: {chart.title or chart.type}"
        shape._element.nvPicPr.cNvPr.set("descr", chart.alt_text)
        return shape
    frame = native.draw(c, chart, box, language)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text)
    return frame


def _tiles(c: Canvas, chart: ChartSpec, x: float, y: float, w: float, h: float,
           language: str) -> None:
    """One KPI tile per series: its name, latest value and change, and a sparkline beside
    them (or below them, in a tall tile)."""
    look = c.look
    lay = look["chart.sparkline"]
    n = len(chart.series)
    cols = max(1, min(n, int(lay["columns"])))
    rows = math.ceil(n / cols)
    gap, pad = float(lay["gap"]), float(lay["padding"])
    tw = (w - gap * (cols - 1)) / cols
    th = (h - gap * (rows - 1)) / rows
    span = f"{chart.categories[0]}–{chart.categories[-1]}" if chart.categories else ""
    for k, s in enumerate(chart.series):
        tx = x + (k % cols) * (tw + gap)
        ty = y + (k // cols) * (th + gap)
        c.rect((Inches(tx), Inches(ty), Inches(tw), Inches(th)), lay["fill"], f"Tile {k + 1}")
        bar = lay["top_bar"]
        c.rect((Inches(tx), Inches(ty), Inches(tw), Inches(bar["h"])), bar["color"],
               f"Tile {k + 1} bar")
        ix, iw = tx + pad, tw - 2 * pad
        cy = ty + float(bar["h"]) + pad * 0.5
        bottom = ty + th - pad * 0.5
        wide = tw / th >= float(lay["wide_ratio"])
        text_w = iw * float(lay["text_share"]) if wide else iw

        cy = _tile_text(c, k, "name", s.name, ix, cy, iw)
        line_top = cy
        cy = _tile_text(c, k, "value", s.headline, ix, cy, text_w)
        cy = _tile_text(c, k, "change", _change_text(s.change, language), ix, cy, text_w,
                        {"color": _change_color(s.change)})
        per = lay["period"]
        per_h = float(per["h"])
        line_x = ix + text_w if wide else ix
        line_w = iw - text_w if wide else iw
        if not wide:
            line_top = cy
        c.text((Inches(line_x), Inches(bottom - per_h), Inches(line_w), Inches(per_h)), span,
               look.style({**per, "align": "right" if wide else "left"}),
               f"Tile {k + 1} period", single_line=True, anchor="bottom")
        line_h = bottom - per_h - line_top
        if line_h <= 0.2 or line_w <= 0.4:
            continue
        one = dataclasses.replace(chart, series=[s], alt_text=_tile_alt(s, span, language))
        place(c, one, (Inches(line_x), Inches(line_top), Inches(line_w), Inches(line_h)),
              language)


def _tile_text(c: Canvas, k: int, key: str, text: str, x: float, top: float, width: float,
               extra: dict[str, Any] | None = None) -> float:
    """One line of a KPI tile (its style from layouts' chart.sparkline); returns the next top."""
    part = c.look["chart.sparkline"][key]
    if text:
        c.text((Inches(x), Inches(top), Inches(width), Inches(part["h"])), text,
               c.look.style({**part, **(extra or {})}), f"Tile {k + 1} {key}", single_line=True,
               anchor="middle")
    return top + float(part["h"])


def _change_text(change: str, language: str) -> str:
    if not change:
        return ""
    return f"vs previous {change}" if language == "en" else f"较上期 {change}"


def _change_color(change: str) -> str:
    if change.startswith("+"):
        return "positive"
    if change.startswith((MINUS, "-")):
        return "negative"
    return "muted"


def _tile_alt(s: Any, span: str, language: str) -> str:
    if language == "en":
        return f"{s.name}: {s.headline}" + (f" ({s.change})" if s.change else "") + f", {span}"
    return f"{s.name}：{s.headline}" + (f"（{s.change}）" if s.change else "") + f"，{span}"
