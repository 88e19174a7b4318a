"""Every deck we write is valid Open XML (openxml-audit, a Python port of the Open XML SDK's
validator), passes the checker, and lacks what makes PowerPoint offer a repair; the fixes
applied after saving do what they say."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from reviewdeck.check import check_deck
from reviewdeck.ooxml_fixes import (
    MAX_AXIS_ID,
    drop_orphan_overrides,
    fix_axis_ids,
    slide_size_type,
    unique_shape_ids,
)
from reviewdeck.write import deterministic_bytes

CONFIGS = sorted((Path(__file__).resolve().parents[2] / "configs").glob("*.yaml"))

if os.environ.get("CI"):
    import openxml_audit
else:
    openxml_audit = pytest.importorskip("openxml_audit", reason="pip install -e '.[test]'")


def audit(path):
    """openxml-audit's findings for a deck, as readable strings (empty when valid)."""
    result = openxml_audit.validate_pptx(str(path))
    return [str(e) for e in result.errors]


# ---------------------------------------------------------------- the validator works
def test_the_validator_flags_python_pptx_charts_as_they_are_saved(maker, tmp_path):
    maker.chart()
    raw = tmp_path / "raw.pptx"
    maker.prs.save(raw)  # straight from python-pptx: negative c:axId values
    errors = audit(raw)
    assert errors and all("less than minimum 0" in e for e in errors), errors


def test_the_validator_flags_duplicate_shape_ids(maker):
    a = maker.text(1, 1, 2, 1, "A")
    b = maker.text(4, 1, 2, 1, "B")
    b._element.nvSpPr.cNvPr.set("id", str(a.shape_id))
    assert any("Duplicate shape ID" in e for e in audit(maker.save()))


# ---------------------------------------------------------------- our decks
@pytest.mark.parametrize("name", [c.stem for c in CONFIGS])
def test_every_config_deck_is_valid_open_xml(config_decks, name):
    assert audit(config_decks[name].output) == []


@pytest.mark.parametrize("name", [c.stem for c in CONFIGS])
def test_every_config_deck_passes_the_checker(config_decks, name):
    result = config_decks[name]
    assert [w for w in result.warnings if w.startswith("check:")] == []
    report = check_deck(result.output)
    assert report.ok, report.to_text()
    assert report.slides == result.slides


def test_a_chart_saved_through_the_writer_is_valid(maker, tmp_path):
    maker.chart()
    data = deterministic_bytes(maker.prs, dt.datetime(2025, 11, 30), "t", "a")
    path = tmp_path / "fixed.pptx"
    path.write_bytes(data)
    assert audit(path) == []
    assert check_deck(path).ok


# ---------------------------------------------------------------- the fixes themselves
CHART = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
         b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
         b'<c:chart><c:plotArea><c:barChart><c:axId val="-2068027336"/>'
         b'<c:axId val="-2113994440"/></c:barChart>'
         b'<c:catAx><c:axId val="-2068027336"/><c:crossAx val="-2113994440"/></c:catAx>'
         b'<c:valAx><c:axId val="-2113994440"/><c:crossAx val="-2068027336"/></c:valAx>'
         b"</c:plotArea></c:chart></c:chartSpace>")


def _axis_ids(body: bytes) -> list[int]:
    return [int(v) for v in re.findall(rb'<c:(?:axId|crossAx) val="(-?\d+)"', body)]


def test_axis_ids_become_non_negative_and_keep_their_pairing():
    fixed = fix_axis_ids(CHART)
    ids = _axis_ids(fixed)
    assert all(0 <= v <= MAX_AXIS_ID for v in ids)
    cat, val = ids[0], ids[1]
    assert cat != val
    assert ids == [cat, val, cat, val, val, cat]


def test_axis_ids_do_not_collide_with_ids_already_in_range():
    taken = -2068027336 & MAX_AXIS_ID
    body = CHART.replace(b'<c:axId val="-2113994440"/></c:barChart>',
                         b'<c:axId val="%d"/></c:barChart>' % taken)
    ids = set(_axis_ids(fix_axis_ids(body)))
    assert len(ids) == 3  # the untouched id, and two renumbered ones that avoid it
    assert taken in ids


def test_a_chart_with_valid_ids_is_left_byte_for_byte():
    good = fix_axis_ids(CHART)
    assert fix_axis_ids(good) is good


def test_overrides_for_missing_parts_are_dropped():
    types = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Override PartName="/ppt/slides/slide1.xml" ContentType="x"/>'
             b'<Override PartName="/ppt/slides/slide2.xml" ContentType="x"/></Types>')
    fixed = drop_orphan_overrides(types, ["[Content_Types].xml", "ppt/slides/slide1.xml"])
    assert b"slide1.xml" in fixed
    assert b"slide2.xml" not in fixed
    assert drop_orphan_overrides(fixed, ["ppt/slides/slide1.xml"]) is fixed


SLIDE = (b'<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
         b'<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/></p:nvGrpSpPr>'
         b'<p:sp><p:nvSpPr><p:cNvPr id="2" name="A"/></p:nvSpPr></p:sp>'
         b'<p:sp><p:nvSpPr><p:cNvPr id="2" name="B"/></p:nvSpPr></p:sp>'
         b'<p:sp><p:nvSpPr><p:cNvPr id="3" name="C"/></p:nvSpPr></p:sp>'
         b"</p:spTree></p:cSld></p:sld>")


def test_a_repeated_shape_id_gets_the_next_free_one():
    fixed = unique_shape_ids(SLIDE)
    assert re.findall(rb'id="(\d+)" name="(\w*)"', fixed) == [
        (b"1", b""), (b"2", b"A"), (b"4", b"B"), (b"3", b"C")]


def test_shape_ids_are_left_alone_where_animations_refer_to_them():
    animated = SLIDE.replace(b"</p:sld>", b"<p:timing/></p:sld>")
    assert unique_shape_ids(animated) is animated


def test_the_writer_fixes_the_deck_in_one_place(maker):
    a = maker.text(1, 1, 2, 1, "A")
    b = maker.text(4, 1, 2, 1, "B")
    b._element.nvSpPr.cNvPr.set("id", str(a.shape_id))
    maker.chart()
    data = deterministic_bytes(maker.prs, dt.datetime(2025, 11, 30), "t", "a")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        chart = z.read("ppt/charts/chart1.xml")
        slide = z.read("ppt/slides/slide1.xml")
    assert all(v >= 0 for v in _axis_ids(chart))
    ids = re.findall(rb'<p:cNvPr id="(\d+)"', slide)
    assert len(ids) == len(set(ids))
    assert data == deterministic_bytes(maker.prs, dt.datetime(2025, 11, 30), "t", "a")


def test_a_widescreen_deck_is_not_labelled_4_by_3(maker):
    data = deterministic_bytes(maker.prs, dt.datetime(2025, 11, 30), "t", "a")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        size = re.search(rb"<p:sldSz[^>]*>", z.read("ppt/presentation.xml")).group(0)
    assert b"cy=\"6858000\"" in size
    assert b"type=" not in size


def test_a_4_by_3_deck_keeps_its_label():
    body = (b'<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/'
            b'main"><p:sldSz cx="9144000" cy="6858000" type="screen4x3"/></p:presentation>')
    assert slide_size_type(body) is body
