"""Slides on a company template: placeholders filled in the template's own style and fitted to
their boxes; cover, chapter and closing on its layouts; what it lacks drawn with layouts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
_SUBTITLE_TYPES = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY)
_SLIDENUM_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def placeholder(slide: Any, types: tuple[Any, ...]) -> Any:
    for shape in slide.placeholders:
        if shape.placeholder_format.type in types:
            return shape
    return None


def _layout_match(shape: Any) -> Any:
    """The layout placeholder a slide placeholder inherits from, matched as PowerPoint and
    LibreOffice do: same type and index, else same type, else same index. (LibreOffice
    exports its title and subtitle both with index 0, so matching on the index alone, as
    python-pptx does, finds the title for the subtitle.)"""
    fmt = shape.placeholder_format
    candidates = list(shape.part.slide_layout.placeholders)
    same_type = [p for p in candidates if p.placeholder_format.type == fmt.type]
    for group in ([p for p in same_type if p.placeholder_format.idx == fmt.idx], same_type,
                  [p for p in candidates if p.placeholder_format.idx == fmt.idx]):
        if group:
            return group[0]
    return None


def _chain(shape: Any) -> list[Any]:
    """The slide placeholder, its layout placeholder and that one's master placeholder."""
    chain = [shape]
    base = _layout_match(shape)
    if base is not None:
        chain.append(base)
        try:
            master = base._base_placeholder
        except (AttributeError, KeyError, IndexError):
            master = None
        if master is not None:
            chain.append(master)
    return chain


def pin_box(shape: Any) -> None:
    """Give a slide placeholder its inherited position explicitly, so every reader agrees."""
    if shape._element.xfrm is not None:
        return
    base = _layout_match(shape)
    if base is None or base.left is None:
        return
    box = (base.left, base.top, base.width, base.height)
    shape.left, shape.top, shape.width, shape.height = box


def _inherited(shape: Any, attr: str) -> str | None:
    """An attribute of the first-level run properties, as the slide would inherit it:
    the shape, its layout placeholder, the master placeholder, then the master text styles."""
    chain = [s._element for s in _chain(shape)]
    paths = (f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}",
             f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:pPr')}/{qn('a:defRPr')}")
    for el in chain:
        for path in paths:
            found = el.find(path)
            if found is not None and found.get(attr) is not None:
                return str(found.get(attr))
    try:
        master = shape.part.slide_layout.slide_master
    except AttributeError:
        return None
    kind = shape.placeholder_format.type
    style = ("p:titleStyle" if kind in _TITLE_TYPES else
             "p:bodyStyle" if kind in _SUBTITLE_TYPES + (PP_PLACEHOLDER.OBJECT,) else
             "p:otherStyle")
    found = master._element.find(f"{qn('p:txStyles')}/{qn(style)}/{qn('a:lvl1pPr')}/"
                                 f"{qn('a:defRPr')}")
    if found is not None and found.get(attr) is not None:
        return str(found.get(attr))
    return None


def _insets(shape: Any) -> tuple[int, int, int, int]:
    """Left, top, right, bottom text insets in EMU, as inherited (OOXML defaults otherwise)."""
    values = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}
    chain = [s._element for s in _chain(shape)]
    for key in values:
        for el in chain:
            body = el.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            if body is not None and body.get(key) is not None:
                values[key] = int(body.get(key))
                break
    return values["lIns"], values["tIns"], values["rIns"], values["bIns"]


def fill(c: Any, shape: Any, paragraphs: list[str], role: str, name: str,
         min_ratio: float = 0.5, single_line: bool = False,
         min_pt: float | None = None) -> None:
    """Write paragraphs into a placeholder, in its own style, shrunk or cut to fit its box."""
    from reviewdeck.render.primitives import font_metrics, no_hanging, set_run_fonts
    from reviewdeck.render.textfit import fit_text, fits_single_line

    look = c.look
    pin_box(shape)
    size = int(_inherited(shape, "sz") or (3200 if role == "heading" else 1800)) / 100
    bold = (_inherited(shape, "b") or "0") in ("1", "true")
    latin, east_asian = look.font(role)
    metrics = font_metrics(east_asian, bold)[0]
    left, top, right, bottom = _insets(shape)
    width_pt = (int(shape.width) - left - right) / 12700
    height_pt = (int(shape.height) - top - bottom) / 12700
    low = min_pt if min_pt is not None else max(8.0, round(size * min_ratio, 1))
    low = min(low, size)
    if single_line:
        fit = fits_single_line(" ".join(paragraphs), metrics, size, width_pt, low)
    else:
        fit = fit_text(paragraphs, metrics, width_pt, height_pt, size, low,
                       line_spacing=look.line_spacing)
    if fit.truncated:
        c.diag.warn(f"{c.where}: text in the template's {name} placeholder was too long and "
                    f"was cut with '…' (starts: {''.join(paragraphs)[:30]!r})")
    shape.name = name
    tf = shape.text_frame
    tf.clear()
    tf.word_wrap = not single_line
    tf.auto_size = MSO_AUTO_SIZE.NONE
    for i, text in enumerate(fit.paragraphs or [""]):
        para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        para.line_spacing = look.pt(fit.size_pt * look.line_spacing)
        para.space_before = para.space_after = look.pt(0)  # the fit counts lines only
        no_hanging(para)
        for k, line in enumerate(text.split("\n")):
            if k:
                para.add_line_break()
            run = para.add_run()
            run.text = line
            run.font.size = look.pt(fit.size_pt)
            set_run_fonts(run, latin, east_asian, line)


def _ph_element(slide: Any, layout_ph: Any) -> Any:
    """A slide placeholder that inherits everything from a layout placeholder (footer, number)."""
    fmt = layout_ph.placeholder_format
    sp_id = slide.shapes._next_shape_id
    ph_type = {PP_PLACEHOLDER.FOOTER: "ftr", PP_PLACEHOLDER.SLIDE_NUMBER: "sldNum"}[fmt.type]
    names = {"ftr": "Footer", "sldNum": "Slide Number"}
    xml = (
        f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<p:nvSpPr><p:cNvPr id="{sp_id}" name="{names[ph_type]}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="{ph_type}" sz="quarter" idx="{fmt.idx}"/></p:nvPr></p:nvSpPr>'
        f'<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>')
    el = parse_xml(xml)
    slide.shapes._spTree.append(el)
    return slide.shapes[-1]


def _layout_ph(slide: Any, kind: Any) -> Any:
    for shape in slide.slide_layout.placeholders:
        if shape.placeholder_format.type == kind:
            return shape
    return None


def footer_and_number(c: Any, number: int | None) -> tuple[bool, bool]:
    """Fill the layout's footer and slide-number placeholders; say which ones exist."""
    slide = c.slide
    has_footer = has_number = False
    foot = _layout_ph(slide, PP_PLACEHOLDER.FOOTER)
    if foot is not None and c.footer:
        shape = _ph_element(slide, foot)
        fill(c, shape, [c.footer], "body", "Footer", single_line=True,
             min_pt=float(c.look["common.footer"].get("min_size", 8)))
        has_footer = True
    num = _layout_ph(slide, PP_PLACEHOLDER.SLIDE_NUMBER)
    if num is not None and number is not None:
        shape = _ph_element(slide, num)
        p = shape.text_frame.paragraphs[0]._p
        fld = etree.SubElement(p, qn("a:fld"), id=_SLIDENUM_FIELD, type="slidenum")
        etree.SubElement(fld, qn("a:rPr"), lang="zh-CN")
        etree.SubElement(fld, qn("a:t")).text = str(number)
        has_number = True
    return has_footer, has_number


def drop_empty_placeholders(slide: Any) -> None:
    """Remove placeholders nothing was written into (they would show 'Click to add text')."""
    for shape in list(slide.placeholders):
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            shape._element.getparent().remove(shape._element)


def _fallback_text(c: Any, key: str, text: str, color: str, name: str, **kw: Any) -> None:
    """Draw text with layouts/ geometry where the template has no placeholder for it."""
    look = c.look
    spec = dict(look[key], color=color)
    c.text(look.box(spec), text, look.style(spec), name, **kw)


# ------------------------------------------------------------------ slide kinds
def content_title(c: Any, title: str) -> None:
    """The slide title in the template's title placeholder, kept above the content area; drawn
    with layouts/ geometry when the layout has no title placeholder."""
    look = c.look
    ph = placeholder(c.slide, _TITLE_TYPES)
    if ph is None:
        style = dict(look["common.title"])
        c.text(look.box(style), title, look.style(style), "Title", anchor="middle")
        return
    pin_box(ph)
    band = Inches(float(look["common.rule"]["y"]) + float(look["common.rule"]["h"]))
    left, top, width, height = int(ph.left), int(ph.top), int(ph.width), int(ph.height)
    slide_w = look.slide_emu()[0]
    if top + height > band or left < 0 or left + width > slide_w:
        if 0 <= top < band - Inches(0.45) and 0 <= left and left + width <= slide_w:
            height = band - top
        else:
            left, top, width, height = look.box(look["common.title"])
        ph.left, ph.top, ph.width, ph.height = Emu(left), Emu(top), Emu(width), Emu(height)
    fill(c, ph, [title], "heading", "Title", min_ratio=0.45)


def content_chrome(c: Any, spec: Any, language: str) -> None:
    """Title, footer and slide number of a content slide on the template; the 第N页 tag only
    where the template has no slide number of its own, and no title rule (the template's
    own decoration takes its place)."""
    from reviewdeck.render.chrome import page_label

    look = c.look
    title = spec.title
    if spec.subtitle:
        title += (": " if language == "en" else "：") + spec.subtitle
    content_title(c, title)
    has_footer, has_number = footer_and_number(c, c.slide_number)
    if not has_footer and c.footer:
        foot = look["common.footer"]
        c.text(look.box(foot), c.footer, look.style(foot), "Footer", single_line=True)
    if not has_number and spec.page is not None:
        tag = look["common.page_tag"]
        c.text(look.box(tag), page_label(spec.page, language), look.style(tag), "Page tag",
               anchor="middle", single_line=True, shape=MSO_SHAPE.ROUNDED_RECTANGLE,
               fill=tag["fill"])
    logo = look.theme.get("logo")
    if logo and Path(logo).exists():
        box = look["common.logo"]
        pic = c.slide.shapes.add_picture(str(logo), Inches(box["x"]), Inches(box["y"]),
                                         height=Inches(box["h"]))
        pic.name = "Logo"


def _title_and_subtitle(c: Any, key: str, title: str, lines: list[str]) -> None:
    slide = c.slide
    ph = placeholder(slide, _TITLE_TYPES)
    if ph is not None:
        fill(c, ph, [title], "heading", "Title", min_ratio=0.45)
    else:
        _fallback_text(c, f"{key}.title", title, "primary", "Title", anchor="bottom")
    lines = [x for x in lines if x]
    if not lines:
        return
    sub = placeholder(slide, _SUBTITLE_TYPES)
    if sub is not None:
        fill(c, sub, lines, "body", "Subtitle", min_ratio=0.5)
    else:
        _fallback_text(c, f"{key}.subtitle", "\n".join(lines), "muted", "Subtitle")


def render_frame(c: Any, spec: Any, language: str) -> None:
    """Cover, chapter divider and closing on the template's own layouts."""
    if spec.kind == "cover":
        who = ""
        if spec.presenter:
            who = (f"Presented by {spec.presenter}" if language == "en"
                   else f"汇报人：{spec.presenter}")
        _title_and_subtitle(c, "cover", spec.title, [spec.subtitle or "", who, spec.date or ""])
    elif spec.kind == "chapter":
        _title_and_subtitle(c, "chapter", spec.title, [f"{spec.number}  {spec.chapter}"])
    else:
        _title_and_subtitle(c, "closing", spec.title, [spec.subtitle or ""])
    footer_and_number(c, None)


def render_contents(c: Any, spec: Any, language: str) -> None:
    """Contents as a content slide of the template: its title, then the numbered chapters."""
    look = c.look
    heading = f"{spec.title}  {'Agenda' if language == 'en' else '目录'}"
    content_title(c, f"{heading}  {spec.subtitle}" if spec.subtitle else heading)
    has_footer, _ = footer_and_number(c, c.slide_number)
    if not has_footer and c.footer:
        foot = look["common.footer"]
        c.text(look.box(foot), c.footer, look.style(foot), "Footer", single_line=True)
    num = look["contents.number"]
    per = int(look["contents.per_slide"])
    gap = float(look["contents.item_gap"])
    area = look["cards.area"]
    top = float(area["y"])
    bottom = top + float(area["h"])
    left = float(area["x"]) + 0.4
    width = float(area["w"]) - 0.8
    row_h = min(float(num["h"]) + gap, (bottom - top) / per)
    size = min(float(num["h"]), row_h - 0.1)
    total = row_h * len(spec.entries) - (row_h - size)
    y0 = top + max(0.0, (bottom - top - total) / 2)
    for i, entry in enumerate(spec.entries):
        y = y0 + i * row_h
        c.text((Inches(left), Inches(y), Inches(size), Inches(size)), entry["number"],
               look.style(num), f"Chapter {entry['number']} number", anchor="middle",
               single_line=True, shape=MSO_SHAPE.OVAL, fill=num["fill"])
        x = left + size + 0.35
        c.text((Inches(x), Inches(y), Inches(width - x + left), Inches(size)), entry["title"],
               look.style(look["contents.item"]), f"Chapter {entry['number']} title",
               anchor="middle")


def slot_of(kind: str) -> str:
    return kind if kind in ("cover", "contents", "chapter", "closing") else "content"


# ------------------------------------------------------------------ keeping clear of the design
_CHROME = ("Footer", "Logo", "Page tag")


def _box(shape: Any) -> tuple[int, int, int, int] | None:
    try:
        left, top, width, height = shape.left, shape.top, shape.width, shape.height
    except (AttributeError, KeyError, IndexError):
        return None
    if None in (left, top, width, height):
        return None
    return int(left), int(top), int(width), int(height)


def decorations(layout: Any) -> list[tuple[int, int, int, int]]:
    """Boxes a content slide on this layout shows besides ours: the master's and layout's
    drawings (bands, logos) and the footer and slide-number placeholders."""
    shown: list[Any] = []
    if layout._element.get("showMasterSp") not in ("0", "false"):
        shown += [s for s in layout.slide_master.shapes if not s.is_placeholder]
    for shape in layout.shapes:
        if not shape.is_placeholder or shape.placeholder_format.type in (
                PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            shown.append(shape)
    return [b for b in (_box(s) for s in shown) if b is not None]


def free_bottom(layout: Any, look: Any) -> int:
    """Where the content area must end on this layout: above any band, logo or footer of the
    template that reaches into the lower half of layouts/' content area."""
    top = Inches(float(look["common.rule"]["y"]) + float(look["common.rule"]["h"]))
    insight = look["common.insight"]
    bottom = Inches(float(insight["y"]) + float(insight["h"]))
    left = Inches(float(insight["x"]))
    right = left + Inches(float(insight["w"]))
    limit = int(bottom)
    for x, y, w, h in decorations(layout):
        if top + (bottom - top) / 2 < y < bottom and x < right and x + w > left:
            limit = min(limit, y - int(Inches(0.06)))
    return limit


def keep_clear(slide: Any, look: Any, limit: int, min_scale: float = 0.75) -> float:
    """Shrink what was drawn in the content area, about its top centre, so it ends at limit.

    Positions, sizes, font sizes and spacing shrink together, so text fitted for the full
    area still fits with the same line breaks.
    """
    from reviewdeck.render.template import scale_xml

    top = int(Inches(float(look["common.rule"]["y"]) + float(look["common.rule"]["h"])))
    insight = look["common.insight"]
    bottom = int(Inches(float(insight["y"]) + float(insight["h"])))
    if limit >= bottom:
        return 1.0
    scale = max(min_scale, (limit - top) / (bottom - top))
    centre = look.slide_emu()[0] / 2
    for shape in list(slide.shapes):
        box = _box(shape)
        if shape.is_placeholder or shape.name in _CHROME or box is None or box[1] < top:
            continue
        x, y, _w, _h = box
        scale_xml(shape._element, scale, scale)
        shape.left = Emu(round(centre + (x - centre) * scale))
        shape.top = Emu(round(top + (y - top) * scale))
    return scale
