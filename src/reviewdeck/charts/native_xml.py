"""Chart XML that python-pptx has no API for, written from standard DrawingML chart parts only
(no chartEx), so the result opens in PowerPoint 2013, LibreOffice, WPS and Keynote.

The one construction used throughout: a chart is created by python-pptx as a bar chart holding
every series (so every series' data is in the embedded workbook), and chosen `c:ser` elements
are then moved into a `c:lineChart` added to the same `c:plotArea`. That line chart either
shares the bar chart's axes (target markers, label carriers, a benchmark on a line chart) or
gets a secondary pair: a hidden category axis over the same categories and a value axis on
the right (a combo's rate line, a full-width benchmark line).

Schema order matters and is kept: in `c:plotArea` every chart element precedes every axis; in
a line `c:ser`: idx, order, tx, spPr, marker, dPt*, dLbls, trendline, errBars, cat, val,
smooth.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

# Fixed ids keep decks byte-identical from run to run.
SECONDARY_CAT_ID = "50010"
SECONDARY_VAL_ID = "50020"

_LINE_SER_ORDER = ("c:idx", "c:order", "c:tx", "c:spPr", "c:marker", "c:dPt", "c:dLbls",
                   "c:trendline", "c:errBars", "c:cat", "c:val", "c:smooth", "c:extLst")


def _el(tag: str, **attrs: str) -> Any:
    el = etree.Element(qn(tag))
    for k, v in attrs.items():
        el.set(k, v)
    return el


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    el = etree.SubElement(parent, qn(tag))
    for k, v in attrs.items():
        el.set(k, v)
    return el


def plot_area(chart: Any) -> Any:
    return chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))


def _axis_ids(chart_el: Any) -> list[str]:
    return [a.get("val") for a in chart_el.findall(qn("c:axId"))]


def _as_line_ser(ser: Any) -> Any:
    """A bar c:ser turned into a valid line c:ser (bar-only children dropped, order kept)."""
    for tag in ("c:invertIfNegative", "c:pictureOptions", "c:shape"):
        for old in ser.findall(qn(tag)):
            ser.remove(old)
    if ser.find(qn("c:marker")) is None:
        marker = _el("c:marker")
        _sub(marker, "c:symbol", val="none")
        ser.append(marker)
    if ser.find(qn("c:smooth")) is None:
        ser.append(_el("c:smooth", val="0"))
    rank = {qn(t): i for i, t in enumerate(_LINE_SER_ORDER)}
    children = sorted(ser, key=lambda e: rank.get(e.tag, len(rank)))
    for child in children:
        ser.remove(child)
        ser.append(child)
    return ser


def move_to_line_chart(chart: Any, series_idx: list[int], secondary: bool = False,
                       on_ticks: bool = False) -> Any:
    """Move the series with these c:idx values from the first (bar or line) chart of the plot
    area into a new c:lineChart placed right after it.

    secondary: the line gets its own axes (hidden category axis, value axis on the right);
    on_ticks: its points sit on the category edges, so a constant series spans the whole
    plot (a benchmark line). Returns the new c:lineChart element.
    """
    area = plot_area(chart)
    bar = area.find(qn("c:barChart"))
    if bar is None:
        bar = area.find(qn("c:lineChart"))
    line = _el("c:lineChart")
    _sub(line, "c:grouping", val="standard")
    _sub(line, "c:varyColors", val="0")
    for ser in list(bar.findall(qn("c:ser"))):
        if int(ser.find(qn("c:idx")).get("val")) in series_idx:
            bar.remove(ser)
            line.append(_as_line_ser(ser))
    _sub(line, "c:marker", val="1")
    if secondary:
        ids = [SECONDARY_CAT_ID, SECONDARY_VAL_ID]
    else:
        ids = _axis_ids(bar)
    for axis_id in ids:
        _sub(line, "c:axId", val=axis_id)
    bar.addnext(line)
    if secondary:
        _add_secondary_axes(area, _axis_ids(bar), on_ticks)
    return line


def _add_secondary_axes(area: Any, primary_ids: list[str], on_ticks: bool) -> None:
    """A hidden category axis and a right-hand value axis crossing it at its maximum."""
    last_axis = area.findall(qn("c:valAx"))[-1]
    cat = _el("c:catAx")
    _sub(cat, "c:axId", val=SECONDARY_CAT_ID)
    scaling = _sub(cat, "c:scaling")
    _sub(scaling, "c:orientation", val="minMax")
    # kept (not deleted) but invisible: a deleted secondary category axis makes PowerPoint
    # place the series on the primary one, losing 'on tick marks'
    _sub(cat, "c:delete", val="0")
    _sub(cat, "c:axPos", val="b")
    _sub(cat, "c:majorTickMark", val="none")
    _sub(cat, "c:minorTickMark", val="none")
    _sub(cat, "c:tickLblPos", val="none")
    sp = _sub(cat, "c:spPr")
    _sub(_sub(sp, "a:ln"), "a:noFill")
    _sub(cat, "c:crossAx", val=SECONDARY_VAL_ID)
    _sub(cat, "c:crosses", val="autoZero")
    _sub(cat, "c:auto", val="1")
    _sub(cat, "c:lblAlgn", val="ctr")
    _sub(cat, "c:lblOffset", val="100")
    _sub(cat, "c:noMultiLvlLbl", val="0")
    val = _el("c:valAx")
    _sub(val, "c:axId", val=SECONDARY_VAL_ID)
    scaling = _sub(val, "c:scaling")
    _sub(scaling, "c:orientation", val="minMax")
    _sub(val, "c:delete", val="0")
    _sub(val, "c:axPos", val="r")
    _sub(val, "c:numFmt", formatCode="General", sourceLinked="1")
    _sub(val, "c:majorTickMark", val="none")
    _sub(val, "c:minorTickMark", val="none")
    _sub(val, "c:tickLblPos", val="nextTo")
    _sub(val, "c:crossAx", val=SECONDARY_CAT_ID)
    _sub(val, "c:crosses", val="max")
    _sub(val, "c:crossBetween", val="midCat" if on_ticks else "between")
    last_axis.addnext(cat)
    cat.addnext(val)


def secondary_value_axis(chart: Any) -> Any:
    for ax in plot_area(chart).findall(qn("c:valAx")):
        if ax.find(qn("c:axId")).get("val") == SECONDARY_VAL_ID:
            return ax
    return None


def set_scale(axis_el: Any, lo: float, hi: float) -> None:
    """Fix an axis' minimum and maximum (c:scaling: orientation, max, min in schema order)."""
    scaling = axis_el.find(qn("c:scaling"))
    for tag in ("c:max", "c:min"):
        for old in scaling.findall(qn(tag)):
            scaling.remove(old)
    _sub(scaling, "c:max", val=_num(hi))
    _sub(scaling, "c:min", val=_num(lo))


def set_number_format(axis_el: Any, fmt: str) -> None:
    num = axis_el.find(qn("c:numFmt"))
    if num is None:
        num = _el("c:numFmt")
        axis_el.find(qn("c:majorTickMark")).addprevious(num)
    num.set("formatCode", fmt)
    num.set("sourceLinked", "0")


def hide_axis(axis_el: Any) -> None:
    axis_el.find(qn("c:delete")).set("val", "1")
    for old in axis_el.findall(qn("c:majorGridlines")):
        axis_el.remove(old)


def quiet_axis(axis_el: Any) -> None:
    """An axis that stays in the chart (so its series keep their scale) but draws nothing."""
    axis_el.find(qn("c:delete")).set("val", "0")
    for old in axis_el.findall(qn("c:majorGridlines")):
        axis_el.remove(old)
    axis_el.find(qn("c:tickLblPos")).set("val", "none")
    axis_line(axis_el, None)


def axis_line(axis_el: Any, color: str | None, width_emu: int = 9525) -> None:
    """The axis' own line: a colour, or none; tick labels keep their text properties."""
    for old in axis_el.findall(qn("c:spPr")):
        axis_el.remove(old)
    sp = _el("c:spPr")
    ln = _sub(sp, "a:ln", w=str(width_emu))
    if color:
        fill = _sub(ln, "a:solidFill")
        _sub(fill, "a:srgbClr", val=color)
    else:
        _sub(ln, "a:noFill")
    # c:spPr follows numFmt/majorTickMark/minorTickMark/tickLblPos and precedes txPr/crossAx
    anchor = axis_el.find(qn("c:tickLblPos"))
    anchor.addnext(sp)


def axis_text(axis_el: Any, size_pt: float, color: str, latin: str, east_asian: str) -> None:
    """Tick-label font of an axis python-pptx does not wrap (the secondary one)."""
    for old in axis_el.findall(qn("c:txPr")):
        axis_el.remove(old)
    tx = _el("c:txPr")
    _sub(tx, "a:bodyPr")
    _sub(tx, "a:lstStyle")
    p = _sub(tx, "a:p")
    ppr = _sub(p, "a:pPr")
    rpr = _sub(ppr, "a:defRPr", sz=str(round(size_pt * 100)))
    fill = _sub(rpr, "a:solidFill")
    _sub(fill, "a:srgbClr", val=color)
    _sub(rpr, "a:latin", typeface=latin)
    _sub(rpr, "a:ea", typeface=east_asian)
    _sub(rpr, "a:cs", typeface=latin)
    _sub(p, "a:endParaRPr", lang="zh-CN")
    anchor = axis_el.find(qn("c:spPr"))
    if anchor is None:
        anchor = axis_el.find(qn("c:tickLblPos"))
    anchor.addnext(tx)


def manual_layout(area: Any, x: float, y: float, w: float, h: float) -> None:
    """Place the inner plot area at fractions of the chart frame."""
    for old in area.findall(qn("c:layout")):
        area.remove(old)
    layout = _el("c:layout")
    ml = _sub(layout, "c:manualLayout")
    _sub(ml, "c:layoutTarget", val="inner")
    _sub(ml, "c:xMode", val="edge")
    _sub(ml, "c:yMode", val="edge")
    _sub(ml, "c:x", val=_num(x))
    _sub(ml, "c:y", val=_num(y))
    _sub(ml, "c:w", val=_num(w))
    _sub(ml, "c:h", val=_num(h))
    area.insert(0, layout)


def hide_legend_entries(chart: Any, series_idx: list[int]) -> None:
    """Leave helper series (label carriers, invisible bases) out of the legend."""
    legend = chart._chartSpace.find(qn("c:chart")).find(qn("c:legend"))
    if legend is None:
        return
    pos = legend.find(qn("c:legendPos"))
    for idx in sorted(series_idx, reverse=True):
        entry = _el("c:legendEntry")
        _sub(entry, "c:idx", val=str(idx))
        _sub(entry, "c:delete", val="1")
        pos.addnext(entry)


def marker(ser: Any, symbol: str, size: int, fill: str | None, line: str | None) -> None:
    """A line series' marker (symbol none|circle|dash|...; size 2-72 points)."""
    for old in ser.findall(qn("c:marker")):
        ser.remove(old)
    m = _el("c:marker")
    _sub(m, "c:symbol", val=symbol)
    if symbol != "none":
        _sub(m, "c:size", val=str(max(2, min(72, int(size)))))
        sp = _sub(m, "c:spPr")
        if fill:
            _sub(_sub(sp, "a:solidFill"), "a:srgbClr", val=fill)
        else:
            _sub(sp, "a:noFill")
        ln = _sub(sp, "a:ln", w="9525")
        if line:
            _sub(_sub(ln, "a:solidFill"), "a:srgbClr", val=line)
        else:
            _sub(ln, "a:noFill")
    anchor = ser.find(qn("c:spPr"))
    if anchor is None:
        anchor = ser.find(qn("c:tx"))
    anchor.addnext(m)


def line_style(ser: Any, color: str | None, width_emu: int, dash: str | None = None) -> None:
    """A line series' stroke: colour (None: no line), width and an optional preset dash."""
    for old in ser.findall(qn("c:spPr")):
        ser.remove(old)
    sp = _el("c:spPr")
    ln = _sub(sp, "a:ln", w=str(width_emu), cap="rnd")
    if color:
        _sub(_sub(ln, "a:solidFill"), "a:srgbClr", val=color)
        if dash:
            _sub(ln, "a:prstDash", val=dash)
        _sub(ln, "a:round")
    else:
        _sub(ln, "a:noFill")
    ser.find(qn("c:tx")).addnext(sp)


def hole_size(chart: Any, percent: int) -> None:
    dough = plot_area(chart).find(qn("c:doughnutChart"))
    if dough is None:
        return
    hole = dough.find(qn("c:holeSize"))
    if hole is None:
        hole = _sub(dough, "c:holeSize")
    hole.set("val", str(percent))


def _num(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def label_offset(dlbl: Any, dx: float, dy: float) -> None:
    """Move a data label from its position by fractions of the chart's width and height."""
    for old in dlbl.findall(qn("c:layout")):
        dlbl.remove(old)
    layout = _el("c:layout")
    ml = _sub(layout, "c:manualLayout")
    _sub(ml, "c:x", val=_num(dx))
    _sub(ml, "c:y", val=_num(dy))
    dlbl.find(qn("c:idx")).addnext(layout)
