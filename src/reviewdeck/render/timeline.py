"""Timeline / Gantt: a bar per task from start to due date, coloured by status, with today marked."""

from __future__ import annotations

import datetime as dt

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.chrome import content_chrome, insight_bar
from reviewdeck.render.primitives import Canvas

STATUS_WORDS = {
    "zh-CN": {"done": "已完成", "doing": "进行中", "todo": "未开始", "overdue": "已逾期"},
    "en": {"done": "Done", "doing": "In progress", "todo": "Not started", "overdue": "Overdue"},
}


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        out.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    lay = look["timeline"]
    content_chrome(c, spec, language)
    if not spec.tasks:
        return
    area = lay["area"]
    x0, y0, w, h = float(area["x"]), float(area["y"]), float(area["w"]), float(area["h"])
    if spec.insight:
        h = min(h, float(look["common.insight.y"]) - 0.15 - y0)
    label_w = float(lay["label_w"])
    header_h = float(lay["header_h"])
    starts = [dt.date.fromisoformat(t["start"]) for t in spec.tasks]
    ends = [dt.date.fromisoformat(t["end"]) for t in spec.tasks]
    today = dt.date.fromisoformat(spec.date) if spec.date else min(starts)
    months = _months(min(starts + [today]), max(ends + [today]))
    span_start = months[0]
    last = months[-1]
    span_end = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    total = (span_end - span_start).days
    gx, gw = x0 + label_w, w - label_w

    def xpos(day: dt.date) -> float:
        return gx + gw * (day - span_start).days / total

    axis = look.style(lay["axis"])
    for k, month in enumerate(months):
        nxt = months[k + 1] if k + 1 < len(months) else span_end
        mx, mw = xpos(month), xpos(nxt) - xpos(month)
        label = f"{month.year}年{month.month}月" if language != "en" else month.strftime("%b %Y")
        c.rect((Inches(mx), Inches(y0), Inches(mw), Inches(header_h)),
               "light" if k % 2 == 0 else "background", f"Month {k + 1}", line="line")
        c.text((Inches(mx), Inches(y0), Inches(mw), Inches(header_h)), label, axis,
               f"Month {k + 1} label", anchor="middle", single_line=True)
    rows = len(spec.tasks)
    gap = float(lay["row_gap"])
    row_h = min(0.8, (h - header_h - gap * rows) / rows)
    bar_h = min(float(lay["bar_h"]), row_h * 0.6)
    words = STATUS_WORDS.get(language, STATUS_WORDS["zh-CN"])
    for i, task in enumerate(spec.tasks):
        y = y0 + header_h + gap + i * (row_h + gap)
        c.text((Inches(x0), Inches(y), Inches(label_w - 0.15), Inches(row_h * 0.62)),
               task["task"], look.style(lay["task"]), f"Task {i + 1}", anchor="bottom")
        owner = task["owner"] + (" · " if task["owner"] else "") + words[task["state"]]
        c.text((Inches(x0), Inches(y + row_h * 0.62), Inches(label_w - 0.15),
                Inches(row_h * 0.38)), owner, look.style(lay["owner"]),
               f"Task {i + 1} owner", single_line=True)
        bx = xpos(dt.date.fromisoformat(task["start"]))
        bw = max(0.12, xpos(dt.date.fromisoformat(task["end"])) - bx)
        c.rect((Inches(bx), Inches(y + (row_h - bar_h) / 2), Inches(bw), Inches(bar_h)),
               lay["colors"][task["state"]], f"Task {i + 1} bar", shape=MSO_SHAPE.ROUNDED_RECTANGLE)
    tx = xpos(today)
    c.rect((Inches(tx), Inches(y0), Inches(0.03), Inches(header_h + rows * (row_h + gap) + gap)),
           lay["today"], "Today line")
    insight_bar(c, spec.insight)
