"""5-Why chain: the problem, each 'why' answer in turn, and the root cause, left to right."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from reviewdeck.plan.model import SlideSpec
from reviewdeck.render.chrome import content_chrome
from reviewdeck.render.primitives import Canvas


def render(c: Canvas, spec: SlideSpec, language: str) -> None:
    look = c.look
    lay = look["five_why"]
    content_chrome(c, spec, language)
    area = lay["area"]
    x0, y0, w, h = float(area["x"]), float(area["y"]), float(area["w"]), float(area["h"])
    gap = float(lay["gap"])
    boxes = [("problem", "问题" if language != "en" else "Problem", spec.problem)]
    boxes += [("step", f"Why {i + 1}", t) for i, t in enumerate(spec.steps)]
    boxes.append(("root", "根本原因" if language != "en" else "Root cause", spec.root_cause))
    boxes = [b for b in boxes if b[2]]
    n = len(boxes)
    bw = (w - gap * (n - 1)) / n
    label_h = 0.45
    box_h = min(float(lay["box_h"]), h - label_h - 0.1)
    y0 += (h - label_h - 0.1 - box_h) / 2
    for i, (kind, label, text) in enumerate(boxes):
        x = x0 + i * (bw + gap)
        style = look.style(lay[kind])
        c.text((Inches(x), Inches(y0), Inches(bw), Inches(label_h)), label,
               look.style(lay["label"]), f"{label} label", anchor="bottom", single_line=True)
        c.text((Inches(x), Inches(y0 + label_h + 0.1), Inches(bw), Inches(box_h)),
               text, style, f"{label} text", anchor="middle",
               shape=MSO_SHAPE.RECTANGLE, fill=style.fill,
               inset=Inches(0.12))
        if i < n - 1:
            c.rect((Inches(x + bw + gap * 0.15), Inches(y0 + label_h + 0.1 + box_h / 2 - 0.12),
                    Inches(gap * 0.7), Inches(0.24)), "accent", f"Arrow {i + 1}",
                   shape=MSO_SHAPE.RIGHT_ARROW)
