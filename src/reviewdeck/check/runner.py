"""Run every check family over a deck, slide by slide, and collect one report.

The deck is read straight from its zip parts with lxml (not through python-pptx), so decks
that python-pptx would refuse, or that lack parts, can still be checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewdeck.check import charts, eastasian, geometry, ids, media, tables, text
from reviewdeck.check.model import Finding, Report
from reviewdeck.check.package import Package, open_package, package_findings, read_bytes
from reviewdeck.check.shapes import NS, Inheritance, P, walk
from reviewdeck.check.styles import TextStyles

DEFAULT_SLIDE = (9144000, 6858000)
_R_ID = f"{{{NS['r']}}}id"


def _slide_parts(pkg: Package, pres: Any) -> list[str | None]:
    rels = pkg.rels(pkg.main_part)
    parts: list[str | None] = []
    lst = pres.find(f"{P}sldIdLst")
    for sld_id in lst if lst is not None else []:
        rel = rels.get(sld_id.get(_R_ID) or "")
        parts.append(rel[1] if rel else None)
    return parts


def _slide_size(pres: Any) -> tuple[float, float]:
    size = pres.find(f"{P}sldSz")
    if size is None:
        return DEFAULT_SLIDE
    try:
        return float(size.get("cx")), float(size.get("cy"))
    except (TypeError, ValueError):
        return DEFAULT_SLIDE


def _layout_styles(pkg: Package, layout_part: str | None,
                   pres: Any) -> tuple[Inheritance, TextStyles]:
    """What a slide on this layout inherits: its layout and master placeholders, and the text
    styles of the master, its theme and the presentation."""
    layout = pkg.xml(layout_part) if layout_part else None
    master_part = pkg.related(layout_part, "slideMaster") if layout_part else None
    master = pkg.xml(master_part) if master_part else None
    theme_part = pkg.related(master_part, "theme") if master_part else None
    theme = pkg.xml(theme_part) if theme_part else None
    inherit = Inheritance(layout, master)
    return inherit, TextStyles(inherit, master, pres, theme)


def _check_slide(pkg: Package, part: str, number: int, size: tuple[float, float],
                 pres: Any, chart_users: dict[str, list[tuple[int, str]]],
                 layouts_seen: dict[str | None, tuple[Inheritance, TextStyles]]) -> list[Finding]:
    sld = pkg.xml(part)
    if sld is None:
        return [Finding("package", f"slide part '{part}' is missing or not well-formed XML",
                        slide=number)]
    layout_part = pkg.related(part, "slideLayout")
    if layout_part not in layouts_seen:  # slides share a few layouts
        layouts_seen[layout_part] = _layout_styles(pkg, layout_part, pres)
    inherit, styles = layouts_seen[layout_part]
    rels = pkg.rels(part)

    def blob_of(rid: str) -> bytes | None:
        rel = rels.get(rid)
        return pkg.blob(rel[1]) if rel else None

    found: list[Finding] = []
    layouts = []
    for shape in walk(sld, inherit):
        for finding in (
            geometry.off_slide(shape, *size),
            text.empty_placeholder(shape),
            eastasian.missing_ea_fonts(shape, styles),
            media.low_dpi(shape, blob_of),
            media.missing_alt_text(shape),
            tables.table_overflow(shape, styles, size[1]),
        ):
            if finding is not None:
                found.append(finding)
        lay = text.layout(shape, styles)
        if lay is not None:
            layouts.append(lay)
            over = text.overflow(lay)
            if over is not None:
                found.append(over)
        if shape.kind == "graphicFrame" and shape.graphic_uri in media.CHART_URIS:
            ref = shape.element.find(f".//{{{NS['c']}}}chart")
            rel = rels.get(ref.get(_R_ID) or "") if ref is not None else None
            if rel is None:
                continue
            chart_users.setdefault(rel[1].lower(), []).append((number, shape.name))
            chart = pkg.xml(rel[1])
            if chart is not None:
                for finding in (charts.nan_in_cache(shape, chart),
                                charts.bad_axis_ids(shape, chart)):
                    if finding is not None:
                        found.append(finding)
    found += geometry.overlapping_text(layouts)
    found += ids.duplicate_ids(sld)
    return [Finding(f.check, f.message, number, f.shape, f.shape_id) for f in found]


def check_deck(source: Path | str | bytes, name: str | None = None) -> Report:
    """Every problem the checks find in a deck (a path, or the bytes of a .pptx)."""
    label = name or ("deck" if isinstance(source, bytes) else str(source))
    data = read_bytes(source if isinstance(source, bytes) else Path(source), label)
    pkg = open_package(data, label)
    report = Report(label)
    report.findings += package_findings(pkg)
    pres = pkg.xml(pkg.main_part)
    if pres is None:
        report.findings.append(Finding("package", "the presentation part is not well-formed XML"))
        return report
    size = _slide_size(pres)
    parts = _slide_parts(pkg, pres)
    report.slides = len(parts)
    chart_users: dict[str, list[tuple[int, str]]] = {}
    layouts_seen: dict[str | None, tuple[Inheritance, TextStyles]] = {}
    for number, part in enumerate(parts, start=1):
        if part is None:
            report.findings.append(Finding("package", "the slide list refers to a slide that is "
                                           "not in the file", slide=number))
            continue
        report.findings += _check_slide(pkg, part, number, size, pres, chart_users,
                                        layouts_seen)
    for chart_part, users in sorted(chart_users.items()):
        if len(users) > 1:
            where = ", ".join(f"slide {n} '{s}'" for n, s in users)
            for n, shape_name in users:
                report.findings.append(Finding(
                    "shared-chart", f"{len(users)} charts share one chart part "
                    f"('/{chart_part}': {where}); PowerPoint offers to repair the deck",
                    slide=n, shape=shape_name))
    return report
