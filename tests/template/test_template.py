"""A company template as the base of a deck: its layouts per slide kind, its placeholders
filled, its slides gone, its colours and fonts used unless the config's theme says otherwise."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from tests.template.conftest import TEMPLATES

TEMPLATE_CONFIG = """\
title: 模板测试复盘
subtitle: 华东大区
presenter: 张伟
period: 2025-11
template: {template}
{extra}
data:
  orders:
    path: orders.csv
    date_column: order_date
    columns: {{amount: money}}
metrics:
  sales: {{kind: total, source: orders, column: amount, label: 销售额}}
  rep_sales: {{kind: total, source: orders, column: amount, by: rep, label: 代表销售额}}
chapters:
  - title: 业绩回顾
    slides:
      - kind: cards
        title: 概览
        cards:
          - heading: 销售额
            value: "{{{{ sales }}}}"
      - kind: chart
        title: 代表
        chart: {{type: column, metric: rep_sales}}
"""


@pytest.fixture
def deck_on(tmp_path: Path, write_config: Callable[..., Path], orders_csv: str,
            run_cli: Callable[..., Result]) -> Callable[..., tuple[Result, Path]]:
    """Build the small config on a template; returns the CLI result and the deck path."""

    def make(template: str | Path, extra: str = "",
             files: dict[str, str] | None = None) -> tuple[Result, Path]:
        config = write_config(tmp_path, TEMPLATE_CONFIG.format(template=template, extra=extra),
                              {"orders.csv": orders_csv, **(files or {})})
        deck = tmp_path / "deck.pptx"
        return run_cli("build", config, "-o", deck), deck

    return make


def _fills(prs: Presentation) -> set[str]:
    found = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            xml = shape._element.xml + (shape.chart.part.blob.decode() if shape.has_chart
                                        else "")
            found.update(re.findall(r'<a:srgbClr val="([0-9A-F]{6})"', xml))
    return found


def _theme(prs: Presentation, master: int = 0) -> str:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    return prs.slide_masters[master].part.part_related_by(RT.THEME).blob.decode()


def test_each_kind_of_slide_uses_the_template_layout_named_for_it(deck_on) -> None:
    result, deck = deck_on(TEMPLATES["pandoc"])
    assert result.exit_code == 0, result.output
    prs = Presentation(str(deck))
    kinds = [s.slide_layout.name for s in prs.slides]
    # cover, contents, chapter, cards, chart, closing
    assert kinds == ["Title Slide", "Title Only", "Section Header", "Title Only", "Title Only",
                     "Title Slide"]


def test_the_templates_own_slides_are_gone(deck_on) -> None:
    original = Presentation(str(TEMPLATES["pandoc"]))
    assert len(original.slides) == 4
    _, deck = deck_on(TEMPLATES["pandoc"])
    prs = Presentation(str(deck))
    assert len(prs.slides) == 6
    with zipfile.ZipFile(deck) as z:
        slides = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(slides) == 6


def test_title_subtitle_footer_and_slide_number_placeholders_are_filled(deck_on) -> None:
    _, deck = deck_on(TEMPLATES["pandoc"])
    prs = Presentation(str(deck))
    cover = prs.slides[0]
    title = next(p for p in cover.placeholders
                 if p.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE)
    assert title.text_frame.text == "模板测试复盘"
    sub = next(p for p in cover.placeholders
               if p.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    assert sub.text_frame.text.startswith("华东大区\n汇报人：张伟")
    content = prs.slides[3]
    types = {p.placeholder_format.type: p for p in content.placeholders}
    assert types[PP_PLACEHOLDER.TITLE].text_frame.text == "概览"
    assert types[PP_PLACEHOLDER.FOOTER].text_frame.text == "模板测试复盘 · 2025年11月"
    assert 'type="slidenum"' in types[PP_PLACEHOLDER.SLIDE_NUMBER]._element.xml
    # the template numbers the pages, so the 第N页 tag and the drawn title are not added
    names = {s.name for s in content.shapes}
    assert "Page tag" not in names and "Title rule" not in names


def test_the_theme_colours_become_the_palette(deck_on) -> None:
    _, deck = deck_on(TEMPLATES["pandoc"])
    fills = _fills(Presentation(str(deck)))
    # pandoc's reference: dk2 1F497D (headers, card bars), accent1 4F81BD (chart series),
    # accent6 F79646 (highlights; accent2 C0504D is a red that would read as 'worse')
    assert {"1F497D", "4F81BD", "F79646"} <= fills
    assert "1F3A68" not in fills  # the default brand's navy


def test_the_configs_theme_wins_over_the_template_colours(deck_on) -> None:
    theme = "palette:\n  primary: \"7A1F5C\"\n"
    result, deck = deck_on(TEMPLATES["pandoc"], extra="theme: brand.yaml",
                           files={"brand.yaml": theme})
    assert result.exit_code == 0, result.output
    fills = _fills(Presentation(str(deck)))
    assert "7A1F5C" in fills and "1F497D" not in fills
    assert "4F81BD" in fills  # what the theme does not set still comes from the template


def test_chinese_text_keeps_a_chinese_font_when_the_templates_is_latin_only(deck_on) -> None:
    _, deck = deck_on(TEMPLATES["blue_curve"])
    prs = Presentation(str(deck))
    for master in range(len(prs.slide_masters)):
        theme = _theme(prs, master)
        assert '<a:latin typeface="Arial"' in theme  # the template's Latin font stays
        assert '<a:ea typeface="Microsoft YaHei"' in theme  # not DejaVu Sans
    run = prs.slides[3].shapes.title.text_frame.paragraphs[0].runs[0]
    assert run._r.find("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr/"
                       "{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get(
        "typeface") == "Microsoft YaHei"


def test_title_slides_use_the_master_the_templates_own_title_slide_uses(deck_on) -> None:
    _, deck = deck_on(TEMPLATES["blue_curve"])
    prs = Presentation(str(deck))
    masters = [m.part.partname for m in prs.slide_masters]
    by_slide = [masters.index(s.slide_layout.slide_master.part.partname) for s in prs.slides]
    assert by_slide == [0, 1, 0, 1, 1, 0]


def test_a_smaller_template_is_scaled_to_the_16_9_deck(deck_on) -> None:
    assert Presentation(str(TEMPLATES["pandoc"])).slide_width == 9144000  # 10 in
    _, deck = deck_on(TEMPLATES["pandoc"])
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    footer = next(p for p in prs.slide_layouts.get_by_name("Title Only").placeholders
                  if p.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    assert Emu(footer.top).inches == pytest.approx(5.21 * 4 / 3, abs=0.02)


def test_a_4_3_template_gives_a_4_3_deck(deck_on, tmp_path: Path) -> None:
    plain = tmp_path / "four_three.pptx"
    Presentation().save(plain)  # python-pptx's own default: 10 x 7.5 in
    result, deck = deck_on(plain)
    assert result.exit_code == 0, result.output
    assert (Presentation(str(deck)).slide_width, Presentation(str(deck)).slide_height) == \
        (9144000, 6858000)


def test_a_potx_template_works_and_the_deck_is_a_presentation(deck_on, tmp_path: Path) -> None:
    potx = tmp_path / "brand.potx"
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATES["pandoc"]) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            dst.writestr(info, body)
    potx.write_bytes(out.getvalue())
    result, deck = deck_on(potx)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(deck) as z:
        assert b"presentationml.presentation.main+xml" in z.read("[Content_Types].xml")


def test_template_layouts_choose_other_layouts(deck_on) -> None:
    extra = 'template_layouts: {content: "Title and Content", closing: "Section Header"}'
    result, deck = deck_on(TEMPLATES["pandoc"], extra=extra)
    assert result.exit_code == 0, result.output
    names = [s.slide_layout.name for s in Presentation(str(deck)).slides]
    assert names[3:] == ["Title and Content", "Title and Content", "Section Header"]
    # the layout's empty content placeholder is not left behind
    assert all(p.placeholder_format.type != PP_PLACEHOLDER.OBJECT
               for p in Presentation(str(deck)).slides[3].placeholders)


def test_an_unknown_layout_name_is_a_user_error_listing_the_layouts(deck_on, user_error) -> None:
    result, deck = deck_on(TEMPLATES["pandoc"], extra='template_layouts: {content: "Title Onyl"}')
    message = user_error(result)
    assert "has no layout named 'Title Onyl' (for content slides); did you mean 'Title Only'?" \
        in message
    assert "Section Header" in message
    assert not deck.exists()


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("missing.pptx", None, "template file not found"),
    ("brand.key", b"x", "must be a .pptx or .potx file"),
    ("broken.pptx", b"not a zip", "cannot be read as a PowerPoint file"),
])
def test_a_bad_template_file_is_a_user_error(deck_on, user_error, tmp_path: Path, name: str,
                                             content: bytes | None, expected: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result, _ = deck_on(name)
    assert expected in user_error(result)


def test_the_template_option_overrides_the_config(tmp_path: Path, write_config, orders_csv,
                                                  basic_config, run_cli) -> None:
    config = write_config(tmp_path, basic_config, {"orders.csv": orders_csv})
    shutil.copy(TEMPLATES["blue_curve"], tmp_path / "brand.pptx")
    result = run_cli("build", config, "--template", tmp_path / "brand.pptx",
                     "-o", tmp_path / "d.pptx")
    assert result.exit_code == 0, result.output
    assert len(Presentation(str(tmp_path / "d.pptx")).slide_masters) == 2
