"""Compose a Presentation from a DeckPlan: slide size, theme fonts, every slide, speaker notes."""

from __future__ import annotations

import copy
import re
from typing import Any
from xml.sax.saxutils import escape

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import NotesSlidePart

from reviewdeck.errors import Diagnostics
from reviewdeck.plan.model import DeckPlan
from reviewdeck.render import renderer
from reviewdeck.render.primitives import (
    Canvas,
    child,
    children,
    escape_ctrl_chars,
    parse_new,
)
from reviewdeck.render.theme import Look

BLANK_LAYOUT = 6
A_P, P_TX_BODY = qn("a:p"), qn("p:txBody")


def _set_theme_fonts(prs: Presentation, look: Look) -> None:
    """Put the brand's Latin and East-Asian typefaces into the theme's major and minor fonts
    (of every master: a company template may have several)."""
    themes = {id(m.part.part_related_by(RT.THEME)): m.part.part_related_by(RT.THEME)
              for m in prs.slide_masters}
    for theme_part in themes.values():
        xml = theme_part.blob.decode("utf-8")
        for block, role in (("majorFont", "heading"), ("minorFont", "body")):
            latin, ea = look.font(role)

            def fix(match: re.Match[str], latin: str = latin, ea: str = ea) -> str:
                body = match.group(2)
                body = re.sub(r'<a:latin typeface="[^"]*"', f'<a:latin typeface="{latin}"',
                              body, 1)
                body = re.sub(r'<a:ea typeface="[^"]*"', f'<a:ea typeface="{ea}"', body, 1)
                body = re.sub(r'<a:font script="Hans" typeface="[^"]*"/>',
                              f'<a:font script="Hans" typeface="{ea}"/>', body)
                return match.group(1) + body + match.group(3)

            xml = re.sub(rf"(<a:{block}>)(.*?)(</a:{block}>)", fix, xml, count=1, flags=re.S)
        theme_part._blob = xml.encode("utf-8")


class SpeakerNotes:
    """Writes each slide's speaker notes.

    python-pptx's slide.notes_slide walks the whole package for a free part name and clones
    the notes master's placeholders into every new notes slide, about 2 ms a slide. Both come
    out the same for every notes slide of a deck, so the first one is made by python-pptx and
    the later ones are copies of it (taken before its text was written), named as
    package.next_partname() names them and related as NotesSlidePart.new() relates them. The
    text goes into the body placeholder as notes_text_frame.text writes it (set_plain_text).
    """

    _TEMPLATE = "/ppt/notesSlides/notesSlide%d.xml"

    def __init__(self) -> None:
        self._blank: Any = None  # the first notes slide's element, placeholders without text
        self._body_at = 0  # where in its shape tree the body (notes) placeholder is
        self._master: Any = None
        self._names: set[str] = set()  # notes part names in the package

    def write(self, slide: Any, lines: list[str]) -> None:
        if self._blank is None:
            notes = slide.notes_slide
            notes.notes_text_frame  # noqa: B018 (adds the placeholder's p:txBody if it has none)
            tree = notes._element.cSld.spTree
            self._body_at = tree.index(notes.notes_placeholder._element)
            self._blank = copy.deepcopy(notes._element)
            self._master = notes.part.part_related_by(RT.NOTES_MASTER)
            prefix = self._TEMPLATE.split("%d")[0]
            self._names = {str(p.partname) for p in slide.part.package.iter_parts()
                           if p.partname.startswith(prefix)}
            element = notes._element
        else:
            element = copy.deepcopy(self._blank)
            part = NotesSlidePart(self._next_partname(), CT.PML_NOTES_SLIDE,
                                  slide.part.package, element)
            part.relate_to(self._master, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
        body = element.cSld.spTree[self._body_at]
        set_plain_text(child(body, P_TX_BODY), "\n".join(lines))

    def _next_partname(self) -> PackURI:
        """package.next_partname(): the highest free number up to one past those taken."""
        for n in range(len(self._names) + 1, 0, -1):
            name = self._TEMPLATE % n
            if name not in self._names:
                self._names.add(name)
                return PackURI(name)
        raise AssertionError("no free notes slide name")  # the range always holds one


def set_plain_text(tx_body: Any, text: str) -> None:
    """A text body's paragraphs as TextFrame.text = text writes them: one a:p per line, a run
    for each part between '\v' line breaks (none for an empty part), no run properties."""
    for old in children(tx_body, A_P):
        tx_body.remove(old)
    paras = []
    for line in text.split("\n"):
        runs = [f"<a:r><a:t>{escape(escape_ctrl_chars(part))}</a:t></a:r>" if part else ""
                for part in line.split("\v")]
        paras.append(f"<a:p>{'<a:br/>'.join(runs)}</a:p>")
    made = parse_new(f"<p:txBody {nsdecls('a', 'p')}>{''.join(paras)}</p:txBody>")
    tx_body.extend(list(made))


class SlideAdder:
    """prs.slides.add_slide(layout), with each layout's placeholders to clone found once.

    python-pptx looks through the layout's shapes for them again (by XPath) for every slide,
    about 0.3 ms a slide even on the blank layout, which has none to clone. The steps are its
    own: the slide part, a clone of each placeholder, the slide id.
    """

    def __init__(self, prs: Any) -> None:
        self._prs = prs
        self._cloneable: dict[str, list[Any]] = {}

    def add(self, layout: Any) -> Any:
        key = str(layout.part.partname)
        if key not in self._cloneable:
            self._cloneable[key] = list(layout.iter_cloneable_placeholders())
        rid, slide = self._prs.part.add_slide(layout)
        for placeholder in self._cloneable[key]:
            slide.shapes.clone_placeholder(placeholder)
        self._prs.slides._sldIdLst.add_sldId(rid)
        return slide


def _footer(plan: DeckPlan) -> str:
    return plan.title if plan.period in plan.title else f"{plan.title} · {plan.period}"


def compose(plan: DeckPlan, look: Look, diag: Diagnostics, template: Any = None) -> Presentation:
    """The deck: on python-pptx's blank layout, or on a company template's own layouts."""
    if template is not None:
        return _compose_on_template(plan, look, diag, template)
    prs = Presentation()
    prs.slide_width, prs.slide_height = look.slide_emu()
    _set_theme_fonts(prs, look)
    layout = prs.slide_layouts[BLANK_LAYOUT]
    footer = _footer(plan)
    notes = SpeakerNotes()
    slides = SlideAdder(prs)
    for index, spec in enumerate(plan.slides, start=1):
        slide = slides.add(layout)
        where = f"slide {index} ({spec.kind}{', ' + spec.origin if spec.origin else ''})"
        canvas = Canvas(slide, look, diag, where, footer=footer)
        renderer(spec.kind)(canvas, spec, plan.language)
        if spec.notes:
            notes.write(slide, spec.notes)
    return prs


def _compose_on_template(plan: DeckPlan, look: Look, diag: Diagnostics,
                         template: Any) -> Presentation:
    """Each slide on the template layout of its kind; cover, chapter, closing and contents
    through the template's placeholders, content kinds drawn below its title."""
    from reviewdeck.render import template_slides as ts

    prs = template.open(look.slide_emu())
    _set_theme_fonts(prs, look)
    footer = _footer(plan)
    layouts: dict[str, Any] = {}
    limits: dict[str, int] = {}
    notes = SpeakerNotes()
    slides = SlideAdder(prs)
    for index, spec in enumerate(plan.slides, start=1):
        slot = ts.slot_of(spec.kind)
        if slot not in layouts:
            layouts[slot] = template.layout_for(prs, slot)
            limits[slot] = ts.free_bottom(layouts[slot], look)
        slide = slides.add(layouts[slot])
        where = f"slide {index} ({spec.kind}{', ' + spec.origin if spec.origin else ''})"
        canvas = Canvas(slide, look, diag, where, footer=footer, template=template,
                        slide_number=index)
        if spec.kind in ("cover", "chapter", "closing"):
            ts.render_frame(canvas, spec, plan.language)
        else:
            if spec.kind == "contents":
                ts.render_contents(canvas, spec, plan.language)
            else:
                renderer(spec.kind)(canvas, spec, plan.language)
            ts.keep_clear(slide, look, limits[slot])
        ts.drop_empty_placeholders(slide)
        if spec.notes:
            notes.write(slide, spec.notes)
    return prs
