"""Fishbone (Ishikawa): the problem at the head, cause groups on bones above and below the spine."""

from __future__ import annotations

from pptx.enum.shapes import MSO_CONNECTOR
from pptx.util import Inches, Pt

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.chrome import content_chrome
from reviewdeck.render.primitives import Canvas, plain


def _line(c: Canvas, x1: float, y1: float, x2: float, y2: float, color: str, width: float,
          name: str) -> None:
    line = c.slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(x1), Inches(y1),
                                        Inches(x2), Inches(y2))
    line.name = name
    line.line.color.rgb = c.look.color(color)
    line.line.width = Pt(width)
    plain(line)


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    lay = look["fishbone"]
    content_chrome(c, spec, language)
    area = lay["area"]
    x0, y0, w, h = float(area["x"]), float(area["y"]), float(area["w"]), float(area["h"])
    head_w = float(lay["head_w"])
    mid = y0 + h / 2
    spine_end = x0 + w - head_w - 0.1
    head = look.style(lay["head"])
    c.text((Inches(x0 + w - head_w), Inches(mid - 0.75), Inches(head_w), Inches(1.5)),
           spec.problem, head, "Problem", anchor="middle", fill=head.fill, inset=Inches(0.12))
    _line(c, x0, mid, spine_end, mid, lay["spine"], 4, "Spine")
    groups = list(spec.groups.items())
    top = (len(groups) + 1) // 2
    cols = max(top, len(groups) - top, 1)
    slot = (spine_end - x0) / cols
    group_style = look.style(lay["group"])
    cause_style = look.style(lay["cause"])
    label_h = 0.42
    for i, (name, causes) in enumerate(groups):
        upper = i < top
        col = i if upper else i - top
        bx = x0 + col * slot + 0.1
        gy = y0 if upper else y0 + h - label_h
        edge = gy + label_h if upper else gy
        # the bone runs from under the label's left end to the spine; causes sit to its right,
        # in the half of the way nearer the label, where the bone is still far to the left
        _line(c, bx + slot * 0.06, edge, bx + slot * 0.5, mid, lay["spine"], 2.25, f"Bone {name}")
        c.text((Inches(bx), Inches(gy), Inches(slot * 0.9), Inches(label_h)), name,
               group_style, f"Group {name}", anchor="middle", single_line=True,
               fill=group_style.fill)
        reach = abs(mid - edge) * 0.5
        ty = edge + 0.08 if upper else edge - 0.08 - reach
        c.text((Inches(bx + slot * 0.3), Inches(ty), Inches(slot * 0.64), Inches(reach)), causes,
               cause_style, f"Causes {name}", bullet="•", anchor="top" if upper else "bottom")
