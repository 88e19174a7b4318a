"""Native charts, reopened from the written deck: the chart parts each type is built from, the
data embedded in them, fonts, alt text, and no chartEx anywhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from chartdeck import TYPES, chart_slides
from pptx import Presentation
from pptx.oxml.ns import qn

from reviewdeck.render.primitives import has_cjk

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture(scope="module")
def slides(chart_deck):
    path, _result = chart_deck
    return chart_slides(Presentation(str(path)), "native")


@pytest.fixture(scope="module")
def specs(chart_deck):
    """The planned ChartSpec of each type, as drawn by the native renderer."""
    _path, result = chart_deck
    charts = [s.chart for s in result.plan.slides if s.chart is not None]
    return {c.type: c for c in charts if c.renderer == "native"}


def frames(slide):
    return [sh for sh in slide.shapes if sh.has_chart]


def plot_area(frame):
    return frame.chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))


def kinds(frame) -> list[str]:
    """The chart elements of the plot area, e.g. ['barChart', 'lineChart']."""
    return [el.tag.replace(C, "") for el in plot_area(frame) if el.tag.endswith("Chart")]


def series(frame, tag: str = "c:barChart") -> list[tuple[str, list[float | None]]]:
    el = plot_area(frame).find(qn(tag))
    out = []
    for ser in el.findall(qn("c:ser")):
        name = ser.find(qn("c:tx")).find(".//" + qn("c:v")).text
        count = int(ser.find(qn("c:val")).find(".//" + qn("c:ptCount")).get("val"))
        values: list[float | None] = [None] * count
        for pt in ser.find(qn("c:val")).iter(qn("c:pt")):
            values[int(pt.get("idx"))] = float(pt.find(qn("c:v")).text)
        out.append((name, values))
    return out


def val(el, tag: str) -> str | None:
    found = el.find(qn(tag))
    return None if found is None else found.get("val")


def wan(values):
    return [None if v is None else pytest.approx(v / 1e4) for v in values]


def test_every_type_is_drawn_as_native_chart(slides) -> None:
    assert set(slides) == set(TYPES)
    for kind, slide in slides.items():
        assert frames(slide), kind
        assert not [sh for sh in slide.shapes if sh.shape_type == 13], kind  # no picture


def test_a_column_chart_embeds_both_periods_in_wan(slides, specs) -> None:
    frame = frames(slides["column"])[0]
    assert kinds(frame) == ["barChart"]
    bar = plot_area(frame).find(qn("c:barChart"))
    assert val(bar, "c:barDir") == "col" and val(bar, "c:grouping") == "clustered"
    spec = specs["column"]
    (n1, v1), (n2, v2) = series(frame)
    assert (n1, n2) == ("本月", "上月")
    assert v1 == wan(spec.series[0].values) and v2 == wan(spec.series[1].values)
    assert tuple(frame.chart.plots[0].categories) == tuple(spec.categories)


def test_a_bar_chart_is_horizontal_sorted_with_its_benchmark_as_a_grey_bar(slides, specs):
    frame = frames(slides["bar"])[0]
    bar = plot_area(frame).find(qn("c:barChart"))
    assert val(bar, "c:barDir") == "bar"
    cats = list(frame.chart.plots[0].categories)
    assert "行业平均" in cats
    (_name, values), = series(frame)
    assert values == sorted(values, reverse=True)
    assert values[cats.index("行业平均")] == pytest.approx(0.25)


@pytest.mark.parametrize("kind, grouping", [("stacked_column", "stacked"),
                                            ("stacked_column_100", "percentStacked")])
def test_stacked_columns_hold_one_series_per_metric(slides, specs, kind, grouping) -> None:
    frame = frames(slides[kind])[0]
    bar = plot_area(frame).find(qn("c:barChart"))
    assert val(bar, "c:grouping") == grouping and val(bar, "c:overlap") == "100"
    got = series(frame)
    assert [n for n, _v in got] == ["手表", "手环"]
    assert [v for _n, v in got] == [wan(s.values) for s in specs[kind].series]
    if kind == "stacked_column":  # totals ride on an invisible line series
        (_name, totals), = series(frame, "c:lineChart")
        assert totals == pytest.approx([a + b for a, b in zip(got[0][1], got[1][1])])


def test_a_line_chart_has_a_line_per_metric_over_months(slides, specs) -> None:
    frame = frames(slides["line"])[0]
    assert kinds(frame) == ["lineChart"]
    got = series(frame, "c:lineChart")
    assert [n for n, _v in got] == ["本人", "团队人均"]
    assert tuple(frame.chart.plots[0].categories) == tuple(f"{m}月" for m in range(1, 12))
    assert got[0][1] == wan(specs["line"].series[0].values)


def test_a_combo_puts_its_line_on_a_secondary_axis(slides, specs) -> None:
    frame = frames(slides["combo"])[0]
    area = plot_area(frame)
    assert kinds(frame) == ["barChart", "lineChart"]
    bar_ids = [a.get("val") for a in area.find(qn("c:barChart")).findall(qn("c:axId"))]
    line_ids = [a.get("val") for a in area.find(qn("c:lineChart")).findall(qn("c:axId"))]
    assert set(bar_ids).isdisjoint(line_ids)
    axes = {a.find(qn("c:axId")).get("val"): a for a in area if a.tag.endswith("Ax")}
    assert set(axes) == set(bar_ids) | set(line_ids)
    secondary = axes[line_ids[1]]
    assert secondary.tag == qn("c:valAx")
    assert val(secondary, "c:axPos") == "r" and val(secondary, "c:crosses") == "max"
    assert axes[line_ids[0]].tag == qn("c:catAx")
    (name, rates), bench = series(frame, "c:lineChart")
    assert name == "达成率"
    assert rates == pytest.approx(specs["combo"].series[1].values)
    assert bench[1] == [pytest.approx(1.0)] * len(rates)
    # every element of the plot area precedes its axes (schema order)
    tags = [el.tag for el in area if el.tag != qn("c:layout")]
    first_axis = next(i for i, t in enumerate(tags) if t.endswith("Ax"))
    assert all(t.endswith("Ax") for t in tags[first_axis:])


def test_pie_and_doughnut(slides) -> None:
    pie = frames(slides["pie"])[0]
    assert kinds(pie) == ["pieChart"]
    dough = frames(slides["doughnut"])[0]
    assert kinds(dough) == ["doughnutChart"]
    assert int(val(plot_area(dough).find(qn("c:doughnutChart")), "c:holeSize")) >= 50
    texts = [sh.text_frame.text for sh in slides["doughnut"].shapes if sh.has_text_frame]
    assert any("本月销售额" in t and "万" in t for t in texts)  # the figure in the hole


def test_a_waterfall_is_a_stacked_column_on_an_invisible_base(slides, specs) -> None:
    frame = frames(slides["waterfall"])[0]
    assert kinds(frame) == ["barChart", "lineChart"]
    bar = plot_area(frame).find(qn("c:barChart"))
    assert val(bar, "c:grouping") == "stacked"
    (base_name, base), (_name, visible) = series(frame)[:2]
    assert base_name == "_base"
    base_fill = bar.find(qn("c:ser")).find(qn("c:spPr")).find(qn("a:noFill"))
    assert base_fill is not None
    spec = specs["waterfall"]
    assert spec.steps[0] == spec.steps[-1] == "total"
    start, end = spec.series[0].values[0], spec.series[0].values[-1]
    assert visible[0] == pytest.approx(start / 1e4) and visible[-1] == pytest.approx(end / 1e4)
    # each change sits on the running total
    running = start
    for i in range(1, len(spec.categories) - 1):
        change = spec.series[0].values[i]
        low = min(running, running + change)
        assert (base[i] or 0) == pytest.approx(low / 1e4)
        assert visible[i] == pytest.approx(abs(change) / 1e4)
        running += change
    assert running == pytest.approx(end)


def test_the_funnel_still_centres_its_bars(slides, specs) -> None:
    frame = frames(slides["funnel"])[0]
    (_b, base), (_n, values) = series(frame)
    assert values == specs["funnel"].series[0].values
    assert [b + v / 2 for b, v in zip(base, values)] == [values[0] / 2] * len(values)


def test_a_bullet_draws_its_target_as_dash_markers_without_a_line(slides, specs) -> None:
    frame = frames(slides["bullet"])[0]
    assert kinds(frame) == ["barChart", "lineChart"]
    line = plot_area(frame).find(qn("c:lineChart"))
    ser = line.find(qn("c:ser"))
    assert val(ser.find(qn("c:marker")), "c:symbol") == "dash"
    assert ser.find(qn("c:spPr")).find(qn("a:ln")).find(qn("a:noFill")) is not None
    (_name, targets), = series(frame, "c:lineChart")
    assert targets == wan(specs["bullet"].series[1].values)


def test_sparklines_are_small_line_charts_without_axes_or_legend(slides, specs) -> None:
    charts = frames(slides["sparkline"])
    assert len(charts) == len(specs["sparkline"].series) == 3
    for frame in charts:
        area = plot_area(frame)
        assert kinds(frame) == ["lineChart"]
        for axis in [a for a in area if a.tag.endswith("Ax")]:
            deleted = axis.find(qn("c:delete"))  # <c:delete/> means true
            assert deleted is not None and deleted.get("val", "1") in ("1", "true")
        assert frame.chart.has_legend is False
        assert frame.height < frame.width


def test_every_chart_is_described_with_its_numbers(slides, specs) -> None:
    for kind, slide in slides.items():
        for frame in frames(slide):
            descr = frame._element.nvGraphicFramePr.cNvPr.get("descr")
            assert descr and any(ch.isdigit() for ch in descr), kind
    descr = frames(slides["column"])[0]._element.nvGraphicFramePr.cNvPr.get("descr")
    assert specs["column"].series[0].labels[0] in descr


def test_cjk_text_in_charts_names_an_east_asian_font(slides) -> None:
    checked = 0
    for slide in slides.values():
        for frame in frames(slide):
            space = frame.chart._chartSpace
            for r in space.iter(qn("a:r")):
                if has_cjk(r.findtext(qn("a:t")) or ""):
                    assert r.find(qn("a:rPr")).find(qn("a:ea")) is not None
                    checked += 1
            for rpr in space.iter(qn("a:defRPr")):
                assert rpr.find(qn("a:ea")) is not None
    assert checked > 20


def test_no_chart_uses_chartex(chart_deck) -> None:
    path, _ = chart_deck
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
    assert not [n for n in names if "chartEx" in n or "chartex" in n.lower()]
    assert "chartex" not in types.lower()
    assert len([n for n in names if n.startswith("ppt/charts/chart")]) >= len(TYPES)


def test_the_deck_writes_no_warnings(chart_deck) -> None:
    assert chart_deck[1].warnings == []


def test_a_native_deck_does_not_import_matplotlib(tmp_path: Path) -> None:
    import subprocess
    import sys

    from chartdeck import deck_config, write_deck

    config = write_deck(tmp_path, deck_config(("native",), ["column", "line", "waterfall"]))
    code = ("import sys; from reviewdeck.deck import build; "
            f"build({str(config)!r}, output={str(tmp_path / 'n.pptx')!r}); "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
