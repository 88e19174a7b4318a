"""A company template with dark slides: the palette turns round (light text and headings,
panels shaded from the background), so every run drawn on the slides stands out from what
lies behind it; a config theme whose own text colours would not is warned about."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reviewdeck.deck import build
from reviewdeck.render.template import Template
from reviewdeck.render.template_colors import DARK_BACKGROUND, contrast, luminance
from tests.readability import colored_runs
from tests.template.conftest import TEMPLATES

ROOT = Path(__file__).resolve().parents[2]
NAVY = "111827"
# the master's background, and its colour map turned round as dark templates do (text takes
# the scheme's light colour lt1, the background its dark dk1)
DARK_MAP = ('<p:clrMap bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2" accent1="accent1" '
            'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
            'accent6="accent6" hlink="hlink" folHlink="folHlink"/>')


def _darken(source: Path, target: Path, background: str) -> Path:
    """The template with `background` (a p:bg element) on every master and none on its
    layouts, and the dark colour map."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            body = src.read(name)
            if re.fullmatch(r"ppt/slide(Masters/slideMaster|Layouts/slideLayout)\d+\.xml", name):
                xml = re.sub(r"<p:bg>.*?</p:bg>", "", body.decode(), flags=re.DOTALL)
                if "slideMaster" in name:
                    xml = xml.replace("<p:cSld>", f"<p:cSld>{background}", 1)
                    xml = re.sub(r"<p:clrMap [^>]*/>", DARK_MAP, xml)
                body = xml.encode()
            out.writestr(name, body)
    return target


SOLID = (f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{NAVY}"/></a:solidFill><a:effectLst/>'
         "</p:bgPr></p:bg>")
# the theme's background fill style, coloured with bg1: through the dark map that is dk1
BY_REFERENCE = '<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'


@pytest.fixture(scope="module")
def dark_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _darken(TEMPLATES["pandoc"], tmp_path_factory.mktemp("dark") / "dark.pptx", SOLID)


@pytest.fixture(scope="module")
def dark_decks(dark_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("dark_decks")
    return {name: build(ROOT / "configs" / f"{name}.yaml", output=str(out / f"{name}.pptx"),
                        template=str(dark_template))
            for name in ("monthly_review", "sales_meeting")}


def test_the_background_is_read_from_the_masters_fill_or_the_colour_map(tmp_path):
    assert Template.load(TEMPLATES["pandoc"]).background == "FFFFFF"
    assert Template.load(TEMPLATES["blue_curve"]).background == "FFFFFF"
    solid = _darken(TEMPLATES["pandoc"], tmp_path / "solid.pptx", SOLID)
    assert Template.load(solid).background == NAVY
    by_ref = _darken(TEMPLATES["pandoc"], tmp_path / "ref.pptx", BY_REFERENCE)
    dk1 = Template.load(by_ref).scheme["dk1"]
    assert Template.load(by_ref).background == dk1
    assert luminance(dk1) < DARK_BACKGROUND


@pytest.mark.parametrize("name", ["monthly_review", "sales_meeting"])
def test_every_run_on_a_dark_template_stands_out_from_what_is_behind_it(dark_decks, name):
    result = dark_decks[name]
    runs = colored_runs(result.output.read_bytes(), NAVY)
    assert len(runs) > 150  # cards, tables, points, contents: the deck's own text
    faint = [(r.slide, r.shape, r.text[:20], r.color, r.behind, round(r.contrast, 1))
             for r in runs if r.contrast < 3.0]
    assert faint == []
    assert not [w for w in result.warnings if "hardly shows" in w]


@pytest.mark.parametrize("name", ["monthly_review", "sales_meeting"])
def test_the_same_decks_on_a_light_template_keep_their_light_palette(tmp_path, name):
    result = build(ROOT / "configs" / f"{name}.yaml", output=str(tmp_path / "light.pptx"),
                   template=str(TEMPLATES["pandoc"]))
    runs = colored_runs(result.output.read_bytes(), "FFFFFF")
    assert min(luminance(r.behind) for r in runs) > 0.02  # only header bands are dark
    assert max(luminance(r.color) for r in runs if r.behind == "FFFFFF") < 0.5
    assert [r for r in runs if r.contrast < 2.0] == []


def test_a_config_theme_whose_text_colour_vanishes_on_the_template_is_warned_about(
        dark_template, tmp_path):
    # the English half-year report sets its own evergreen palette: dark green text
    result = build(ROOT / "configs" / "half_year_report_en.yaml",
                   output=str(tmp_path / "hy.pptx"), template=str(dark_template))
    warned = [w for w in result.warnings if "hardly shows" in w]
    assert len(warned) == 2, result.warnings
    assert "the theme's text colour 1D2B2A hardly shows on the background of template " \
           "dark.pptx (111827, contrast 1.2:1)" in warned[0]
    assert "theme's primary colour" in warned[1]


def test_the_dark_palette_keeps_text_and_headings_readable_on_panels_and_bands() -> None:
    from reviewdeck.render.template_colors import palette_from_scheme

    scheme = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6",
              "accent1": "4472C4", "accent2": "ED7D31", "accent3": "A5A5A5",
              "accent4": "FFC000", "accent5": "5B9BD5", "accent6": "70AD47"}
    palette = palette_from_scheme(scheme, NAVY)
    for text in ("text", "primary", "positive", "negative"):
        for behind in ("background", "light"):
            assert contrast(palette[text], palette[behind]) >= 4.5, (text, behind)
    assert contrast(palette["on_dark"], palette["primary"]) >= 4.5  # table header bands
    assert contrast(palette["text"], palette["negative_light"]) >= 4.5  # overdue rows
    assert palette_from_scheme(scheme, "FFFFFF")["text"] == "000000"


@pytest.mark.parametrize(("xml", "expected"), [
    # PowerPoint's own picker: "Black, Text 1, Lighter 35%" and "White, Background 1, Darker 15%"
    ('<a:schemeClr val="tx1"><a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr>',
     "595959"),
    ('<a:schemeClr val="bg1"><a:lumMod val="85000"/></a:schemeClr>', "D9D9D9"),
    ('<a:srgbClr val="4472C4"><a:shade val="50000"/></a:srgbClr>', "223962"),
    ('<a:prstClr val="white"/>', "FFFFFF"),
])
def test_theme_colours_are_read_with_their_modifiers(xml: str, expected: str) -> None:
    from reviewdeck.render.template import _color

    wrapped = etree.fromstring(
        f'<w xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">{xml}</w>')
    light_map = {"tx1": "dk1", "bg1": "lt1"}
    assert _color(wrapped[0], {"dk1": "000000", "lt1": "FFFFFF"}, light_map) == expected


def _picture_background(source: Path, target: Path, rgb: tuple[int, int, int]) -> Path:
    """The template with a picture (a 16 x 9 image of one colour) as every master's
    background, and none on its layouts."""
    import io

    from PIL import Image
    from pptx import Presentation
    from pptx.oxml.ns import qn

    image = io.BytesIO()
    Image.new("RGB", (16, 9), rgb).save(image, format="PNG")
    prs = Presentation(str(source))
    for master in prs.slide_masters:
        _, rid = master.part.get_or_add_image_part(io.BytesIO(image.getvalue()))
        for el in [master._element] + [layout._element for layout in master.slide_layouts]:
            c_sld = el.find(qn("p:cSld"))
            old = c_sld.find(qn("p:bg"))
            if old is not None:
                c_sld.remove(old)
        bg = etree.fromstring(
            f'<p:bg xmlns:p="{NS_P}" xmlns:a="{NS_A}" xmlns:r="{NS_R}"><p:bgPr><a:blipFill>'
            f'<a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
            "<a:effectLst/></p:bgPr></p:bg>")
        master._element.find(qn("p:cSld")).insert(0, bg)
    prs.save(str(target))
    return target


NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_a_picture_background_counts_by_its_mean_colour(tmp_path):
    dark = _picture_background(TEMPLATES["pandoc"], tmp_path / "photo.pptx", (20, 30, 50))
    light = _picture_background(TEMPLATES["pandoc"], tmp_path / "paper.pptx", (245, 240, 230))
    assert Template.load(dark).background == "141E32"
    assert Template.load(light).background == "F5F0E6"
    result = build(ROOT / "configs" / "monthly_review.yaml", output=str(tmp_path / "m.pptx"),
                   template=str(dark))
    runs = colored_runs(result.output.read_bytes(), "141E32")
    assert [r for r in runs if r.contrast < 3.0] == []
