"""A company's own PowerPoint template (.pptx/.potx) as the base of a deck.

Its masters, layouts, backgrounds, logo and footer stay; its slides go. Each slide kind takes the
template layout named for it (cover, chapter, contents, content, closing), and the title,
subtitle, footer and slide-number placeholders are filled where the layout has them. What the
template lacks is drawn with layouts/ geometry. The theme's colour scheme and fonts become the
palette and fonts, except where the config's own theme sets them. A template of another size is
scaled to the deck's 16:9 or 4:3 slide, so layouts/ geometry holds as it is.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu

from reviewdeck.config.models import closest
from reviewdeck.errors import Location, ReviewDeckError
from reviewdeck.render.template_colors import is_cjk_font, palette_from_scheme, scheme_hex

SLOTS = ("cover", "contents", "chapter", "content", "closing")

# Layout names tried for each slot, after the config's own choice: PowerPoint's English and
# Chinese names, LibreOffice's export names, then looser fallbacks.
DEFAULT_LAYOUTS: dict[str, tuple[str, ...]] = {
    "cover": ("Title Slide", "标题幻灯片", "Title", "Centered Text"),
    "closing": ("Closing", "End", "结束页", "Title Slide", "标题幻灯片", "Title"),
    "chapter": ("Section Header", "Section Title", "Section", "节标题", "Title Slide",
                "标题幻灯片"),
    "contents": ("Agenda", "Contents", "目录", "Title Only", "仅标题", "Title and Content",
                 "标题和内容", "Title, Content"),
    "content": ("Title Only", "仅标题", "Title and Content", "标题和内容", "Title, Content"),
}
# Slots that sit on the template's title master (the master of its first slide, if any).
_TITLE_SLOTS = ("cover", "chapter", "closing")

_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PRESENTATION_CT = b"presentationml.presentation.main+xml"  # of application/vnd.openxml...
_TEMPLATE_CT = b"presentationml.template.main+xml"


def _norm(name: str) -> str:
    return re.sub(r"[\s,，_\-]+", "", name).lower()


def _size_emu(width: int, height: int) -> tuple[tuple[int, int], str]:
    """The deck size for a template: PowerPoint's 16:9 or 4:3, whichever is nearer its shape."""
    ratio = width / height
    if abs(ratio - 4 / 3) < abs(ratio - 16 / 9):
        return (9144000, 6858000), "4:3"
    return (12192000, 6858000), "16:9"


# ------------------------------------------------------------------ scaling a template
_SZ_TAGS = {qn("a:rPr"), qn("a:defRPr"), qn("a:endParaRPr")}
_PPR_X = ("marL", "marR", "indent", "defTabSz")


def _scale_int(el: Any, attr: str, factor: float, minimum: int = 0) -> None:
    value = el.get(attr)
    if value is not None and re.fullmatch(r"-?\d+", value):
        el.set(attr, str(max(minimum, round(int(value) * factor))))


def scale_xml(root: Any, fx: float, fy: float) -> None:
    """Scale positions, sizes, margins and font sizes in a master, layout or slide part."""
    fs = min(fx, fy)
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in (qn("a:off"), qn("a:chOff")):
            _scale_int(el, "x", fx)
            _scale_int(el, "y", fy)
        elif tag in (qn("a:ext"), qn("a:chExt")):
            _scale_int(el, "cx", fx)
            _scale_int(el, "cy", fy)
        elif tag in _SZ_TAGS:
            _scale_int(el, "sz", fs, 100)
        elif tag == qn("a:spcPts"):
            _scale_int(el, "val", fs)
        elif tag == qn("a:bodyPr"):
            _scale_int(el, "lIns", fx)
            _scale_int(el, "rIns", fx)
            _scale_int(el, "tIns", fy)
            _scale_int(el, "bIns", fy)
        elif tag == qn("a:ln"):
            _scale_int(el, "w", fs)
        elif tag == qn("a:tab"):
            _scale_int(el, "pos", fx)
        elif tag == qn("a:gridCol"):
            _scale_int(el, "w", fx)
        elif tag == qn("a:tr"):
            _scale_int(el, "h", fy)
        elif tag == qn("a:tcPr"):
            _scale_int(el, "marL", fx)
            _scale_int(el, "marR", fx)
            _scale_int(el, "marT", fy)
            _scale_int(el, "marB", fy)
        elif tag == qn("a:pPr") or re.fullmatch(r"\{[^}]+\}lvl\dpPr", tag):
            for attr in _PPR_X:
                _scale_int(el, attr, fx)


# ------------------------------------------------------------------ the template
@dataclass
class Template:
    """A template file read once: its package bytes, colour scheme, fonts, size and layouts."""

    path: Path
    blob: bytes
    scheme: dict[str, str]
    fonts: dict[str, str]
    size: tuple[int, int]
    masters: list[list[str]]  # layout names per master
    background: str | None = None  # RRGGBB the content slides show, when it can be told
    title_master: int = 0
    content_master: int = 0
    slots: dict[str, str] = field(default_factory=dict)
    where: Location | None = None

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(cls, path: Path, slots: dict[str, str] | None = None,
             where: Location | None = None) -> "Template":
        path = Path(path)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            raise ReviewDeckError(f"template file not found: {path}", where) from None
        return _load_cached(path.resolve(), stamp, tuple(sorted((slots or {}).items())), where)

    # ---------------------------------------------------------------- look
    @property
    def deck_size(self) -> tuple[int, int]:
        return _size_emu(*self.size)[0]

    @property
    def aspect(self) -> str:
        return _size_emu(*self.size)[1]

    def layout_overrides(self, overrides: dict[str, Any] | None) -> dict[str, Any]:
        """The config's layout overrides with the slide shape of the template."""
        out = dict(overrides or {})
        out["slide"] = dict(out.get("slide") or {}, size=self.aspect)
        return out

    def adapt(self, look: Any, theme_name: str, folder: Path | None) -> Any:
        """The look with the template's colours and fonts where the config's theme sets none."""
        from reviewdeck.config.yamlfile import load_yaml
        from reviewdeck.render.theme import Look, layouts_dir, resolve_file

        user: dict[str, Any] = {}
        path = resolve_file(theme_name, "theme", folder)
        if path != layouts_dir() / "themes" / "default.yaml":
            user = load_yaml(path, "theme").data or {}
        theme = dict(look.theme)
        mine = palette_from_scheme(self.scheme, self.background, theme["palette"])
        user_palette = user.get("palette") or {}
        theme["palette"] = dict(theme["palette"], **{k: v for k, v in mine.items()
                                                     if k not in user_palette})
        fonts = dict(theme["fonts"])
        user_fonts = user.get("fonts") or {}
        wanted = {"latin": self.fonts.get("minor_latin"),
                  "heading_latin": self.fonts.get("major_latin"),
                  "east_asian": self.fonts.get("minor_ea"),
                  "heading_east_asian": self.fonts.get("major_ea")}
        for key, value in wanted.items():
            if not value or key in user_fonts:
                continue
            if "east_asian" in key and not is_cjk_font(value):
                continue  # Chinese text keeps the brand's CJK font
            fonts[key] = value
        theme["fonts"] = fonts
        return Look(look.layout, theme, look.layout_file, f"{look.theme_file} + {self.path.name}")

    def unreadable(self, look: Any) -> list[str]:
        """Warnings for text colours of the look that hardly show on the template's
        background (a config's own theme on a dark template, say)."""
        from reviewdeck.render.template_colors import contrast

        if self.background is None:
            return []
        out = []
        for name in ("text", "primary"):
            color = str(look.theme["palette"].get(name) or "")
            if len(color) == 6 and contrast(color, self.background) < 3:
                out.append(
                    f"the theme's {name} colour {color} hardly shows on the background of "
                    f"template {self.path.name} ({self.background}, contrast "
                    f"{contrast(color, self.background):.1f}:1), so text in it will be hard to "
                    f"read; leave {name} out of the theme's palette to take one made for the "
                    "template, or choose one that stands out from its background")
        return out

    # ---------------------------------------------------------------- presentation
    def open(self, target: tuple[int, int]) -> Any:
        """A fresh Presentation of the template: its slides removed, scaled to target EMU."""
        prs = Presentation(io.BytesIO(self.blob))
        _remove_slides(prs)
        width, height = self.size
        fx, fy = target[0] / width, target[1] / height
        if abs(fx - 1) > 1e-4 or abs(fy - 1) > 1e-4:
            for master in prs.slide_masters:
                scale_xml(master.part._element, fx, fy)
                for layout in master.slide_layouts:
                    scale_xml(layout.part._element, fx, fy)
            default_style = prs.part._element.find(qn("p:defaultTextStyle"))
            if default_style is not None:
                scale_xml(default_style, fx, fy)
        _add_missing_parts(prs)
        sld_sz = prs.part._element.find(qn("p:sldSz"))
        if sld_sz is not None and "type" in sld_sz.attrib:
            del sld_sz.attrib["type"]
        prs.slide_width, prs.slide_height = Emu(target[0]), Emu(target[1])
        return prs

    def layout_for(self, prs: Any, slot: str) -> Any:
        """The layout a slot uses: the config's name, else the first default name found,
        on the master the template's own slides use for such slides when it has some."""
        masters = list(prs.slide_masters)
        preferred = self.title_master if slot in _TITLE_SLOTS else self.content_master
        order = [masters[preferred]] + [m for i, m in enumerate(masters) if i != preferred]
        names = ([self.slots[slot]] if slot in self.slots else []) + list(DEFAULT_LAYOUTS[slot])
        for name in names:
            for master in order:
                for layout in master.slide_layouts:
                    if _norm(layout.name) == _norm(name):
                        return layout
        for master in order:  # nothing by name: the layout with the fewest placeholders
            return min(master.slide_layouts, key=lambda lay: len(lay.placeholders))
        raise ReviewDeckError(f"template {self.path.name} has no slide layouts", self.where)


def _add_missing_parts(prs: Any) -> None:
    """View and table-style properties, which some exporters (LibreOffice) leave out and
    without which PowerPoint offers to repair the file: python-pptx's own defaults."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    have = {rel.reltype for rel in prs.part.rels.values()}
    default = None
    for reltype, name in ((RT.VIEW_PROPS, "/ppt/viewProps.xml"),
                          (RT.TABLE_STYLES, "/ppt/tableStyles.xml")):
        if reltype in have:
            continue
        default = default or Presentation()
        source = default.part.part_related_by(reltype)
        part = Part(PackURI(name), source.content_type, prs.part.package, source.blob)
        prs.part.relate_to(part, reltype)


def _remove_slides(prs: Any) -> None:
    """Drop the template's own slides, and the sections and custom shows that list them."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        ids.remove(sld_id)
        prs.part.drop_rel(sld_id.rId)
    root = prs.part._element
    for el in root.findall(qn("p:custShowLst")):
        root.remove(el)
    ext_lst = root.find(qn("p:extLst"))
    if ext_lst is not None:
        for ext in list(ext_lst):
            if any(str(child.tag).endswith("}sectionLst") for child in ext):
                ext_lst.remove(ext)
        if not len(ext_lst):
            root.remove(ext_lst)


@lru_cache(maxsize=8)
def _load_cached(path: Path, _stamp: int, slots: tuple[tuple[str, str], ...],
                 where: Location | None) -> Template:
    if path.suffix.lower() not in (".pptx", ".potx"):
        raise ReviewDeckError(f"template {path.name} must be a .pptx or .potx file", where)
    try:
        raw = path.read_bytes()
        blob = _as_presentation(raw)
        prs = Presentation(io.BytesIO(blob))
    except ReviewDeckError:
        raise
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReviewDeckError(f"template {path.name} cannot be read as a PowerPoint file "
                              f"({type(exc).__name__}: {exc})", where) from None
    masters = list(prs.slide_masters)
    if not masters:
        raise ReviewDeckError(f"template {path.name} has no slide master", where)
    index = {id(m.part): i for i, m in enumerate(masters)}
    used = [index.get(id(s.slide_layout.slide_master.part), 0) for s in prs.slides]
    names = [[lay.name for lay in m.slide_layouts] for m in masters]
    template = Template(
        path=path, blob=blob, scheme=_scheme(masters[0]), fonts=_fonts(masters[0]),
        size=(int(prs.slide_width or 12192000), int(prs.slide_height or 6858000)),
        masters=names,
        title_master=used[0] if used else 0,
        content_master=used[1] if len(used) > 1 else (used[0] if used else 0),
        slots=dict(slots), where=where)
    template.background = _background(template.layout_for(prs, "content"), template.scheme)
    every = sorted({n for group in names for n in group})
    for slot, name in slots:
        if not any(_norm(name) == _norm(n) for n in every):
            raise ReviewDeckError(
                f"template {path.name} has no layout named '{name}' (for {slot} slides)"
                f"{closest(name, every)}; its layouts: {', '.join(every)}", where)
    return template


def _as_presentation(raw: bytes) -> bytes:
    """A .potx is a .pptx whose main part has the template content type: relabel it."""
    with zipfile.ZipFile(io.BytesIO(raw)) as src:
        types = src.read("[Content_Types].xml")
        if _TEMPLATE_CT not in types:
            return raw
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(_TEMPLATE_CT, _PRESENTATION_CT)
                dst.writestr(info, body)
    return out.getvalue()


# ------------------------------------------------------------------ background colour
_PRESET = {"white": "FFFFFF", "black": "000000"}


def _color(el: Any, scheme: dict[str, str], clr_map: dict[str, str]) -> str | None:
    """RRGGBB of a DrawingML colour element (srgbClr, schemeClr through the colour map,
    sysClr, prstClr), with its lumMod/lumOff, tint and shade applied."""
    tag = etree.QName(el).localname
    value: str | None = None
    if tag == "srgbClr":
        value = str(el.get("val", "")).upper()
    elif tag == "sysClr":
        value = str(el.get("lastClr", "")).upper() or None
    elif tag == "prstClr":
        value = _PRESET.get(str(el.get("val")))
    elif tag == "schemeClr":
        name = str(el.get("val"))
        value = scheme.get(clr_map.get(name, name))
    if not value or not re.fullmatch(r"[0-9A-F]{6}", value):
        return None
    from reviewdeck.render.template_colors import luminance_scaled, mix

    for mod in el:
        kind, amount = etree.QName(mod).localname, int(mod.get("val", "100000")) / 100000
        if kind == "tint":
            value = mix(value, "FFFFFF", 1 - amount)
        elif kind == "shade":
            value = mix(value, "000000", 1 - amount)
        elif kind == "lumMod":
            value = luminance_scaled(value, mod=amount)
        elif kind == "lumOff":
            value = luminance_scaled(value, off=amount)
    return value


def _picture_color(fill: Any, part: Any) -> str | None:
    """The mean colour of a picture fill's image (Pillow, which python-pptx already needs);
    None when the picture cannot be read."""
    blip = fill.find(qn("a:blip"))
    rid = blip.get(qn("r:embed")) if blip is not None else None
    if not rid or part is None:
        return None
    try:
        from PIL import Image

        with Image.open(io.BytesIO(part.related_part(rid).blob)) as image:
            rgb = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    except Exception:  # noqa: BLE001 - a picture we cannot read tells no colour
        return None
    return "".join(f"{c:02X}" for c in rgb)  # type: ignore[union-attr]


def _fill_color(fill: Any, scheme: dict[str, str], clr_map: dict[str, str],
                part: Any = None) -> str | None:
    """The colour a background fill shows: a solid fill's, a gradient's stops blended, a
    pattern's foreground, a picture's mean colour (part: where its image is related); None
    for anything else."""
    from reviewdeck.render.template_colors import mix

    kind = etree.QName(fill).localname
    if kind == "blipFill":
        return _picture_color(fill, part)
    if kind in ("solidFill", "bgRef"):
        return next((c for c in (_color(e, scheme, clr_map) for e in fill) if c), None)
    if kind == "gradFill":
        stops = [c for gs in fill.iter(qn("a:gs")) for c in
                 (_color(e, scheme, clr_map) for e in gs) if c]
        if not stops:
            return None
        blended = stops[0]
        for n, stop in enumerate(stops[1:], start=2):
            blended = mix(blended, stop, 1 / n)
        return blended
    if kind == "pattFill":
        fg = fill.find(qn("a:fgClr"))
        return None if fg is None else next(
            (c for c in (_color(e, scheme, clr_map) for e in fg) if c), None)
    return None


def _background(layout: Any, scheme: dict[str, str]) -> str | None:
    """The colour slides on this layout show behind their content: the layout's background,
    else its master's, read through the master's colour map (and the layout's override);
    None when it cannot be told (the palette then stays light)."""
    master = layout.slide_master._element
    mapping = master.find(qn("p:clrMap"))
    clr_map = dict(mapping.attrib) if mapping is not None else {}
    override = layout._element.find(f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}")
    if override is not None:
        clr_map.update(override.attrib)
    for el, part in ((layout._element, layout.part), (master, layout.slide_master.part)):
        bg = el.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is None:
            continue
        ref = bg.find(qn("p:bgRef"))
        if ref is not None:
            return _fill_color(ref, scheme, clr_map)
        props = bg.find(qn("p:bgPr"))
        fill = next((e for e in props if etree.QName(e).localname.endswith("Fill")), None) \
            if props is not None else None
        return None if fill is None else _fill_color(fill, scheme, clr_map, part)
    return _color(etree.fromstring(  # no background anywhere: PowerPoint shows bg1
        f'<a:schemeClr xmlns:a="{_A_NS}" val="bg1"/>'), scheme, clr_map)


def _theme_root(master: Any) -> Any:
    return etree.fromstring(master.part.part_related_by(RT.THEME).blob)


def _scheme(master: Any) -> dict[str, str]:
    root = _theme_root(master)
    scheme = root.find(".//" + qn("a:clrScheme"))
    out: dict[str, str] = {}
    if scheme is None:
        return out
    for el in scheme:
        name = etree.QName(el).localname
        value = scheme_hex(el)
        if value and re.fullmatch(r"[0-9A-F]{6}", value):
            out[name] = value
    return out


def _fonts(master: Any) -> dict[str, str]:
    root = _theme_root(master)
    out: dict[str, str] = {}
    for block, prefix in (("a:majorFont", "major"), ("a:minorFont", "minor")):
        el = root.find(".//" + qn(block))
        if el is None:
            continue
        for script in ("latin", "ea"):
            face = el.find(qn(f"a:{script}"))
            if face is not None and face.get("typeface"):
                out[f"{prefix}_{script}"] = str(face.get("typeface"))
    return out
