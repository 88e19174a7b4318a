"""Text is wrapped like the renderers do, shrunk, and cut with '…' so it never overflows."""

from __future__ import annotations

import itertools
import random
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewdeck.render.fonts import FontMetrics, find_font_file
from reviewdeck.render.textfit import (
    ELLIPSIS,
    NO_LINE_END,
    NO_LINE_START,
    FitResult,
    fit_text,
    fits_single_line,
    line_width_em,
    wrap,
)
from tests.needs import soffice_or_skip

ZH = ("本月整体销售表现稳定，华东区域贡献最大，占全国销售额的百分之三十二。新品上市首月即进入品类"
      "前三，渠道库存处于健康水平（周转天数约二十八天）。下一步将重点推进华南与西南市场的渠道下沉，"
      "同时优化促销资源配置，提升单店产出。“降本增效”项目已完成阶段性目标：采购成本下降，物流时效"
      "提升。请各区域负责人于月底前提交《第四季度行动计划》，并确认重点客户名单、费用预算与人员安排！")
MIX = "2025年11月完成销售额128万元，较上月增长15%，其中线上渠道GMV达到56.3万元，同比提升23.5%。"
EN = ("Sales grew steadily this month, led by the East region, which contributed thirty-two "
      "percent of national revenue. The new product line entered the category top three in its "
      "first month, and channel inventory remains healthy at about twenty-eight days of cover.")


@pytest.fixture(scope="module")
def metrics() -> FontMetrics:
    ref = find_font_file()
    if ref is None:
        pytest.skip("no CJK font installed (fc-list :lang=zh lists none of "
                    "CJK_FONT_CANDIDATES); install fonts-noto-cjk to run this test")
    return FontMetrics.load(ref)


def _fits(fit: FitResult, metrics: FontMetrics, width: float, height: float,
          spacing: float = 1.2, paragraph_space: float = 0.0, safety: float = 0.95) -> bool:
    """Re-measure a fit result independently of how fit_text decided."""
    lines = [line for p in fit.paragraphs for line in wrap(p, metrics, fit.size_pt,
                                                           width * safety)]
    too_wide = any(metrics.width(line.rstrip(), fit.size_pt) > width * safety
                   for line in lines if len(line.rstrip()) > 1)
    total = (len(lines) * fit.size_pt * spacing
             + paragraph_space * max(len(fit.paragraphs) - 1, 0))
    return not too_wide and total <= height + 1e-6 and len(lines) == fit.lines


# ------------------------------------------------------------------------------- measuring


def test_chinese_string_is_one_em_per_character(metrics: FontMetrics) -> None:
    text = "华东区域销售额同比增长"
    assert metrics.width(text, 20) == pytest.approx(len(text) * 20, rel=0.01)


def test_latin_is_narrower_than_chinese(metrics: FontMetrics) -> None:
    assert metrics.width("Revenue", 20) < metrics.width("营业收入增长率", 20)


def test_mixed_line_counts_the_gap_between_chinese_and_latin(metrics: FontMetrics) -> None:
    # LibreOffice sets "额128万" a quarter em wider on each side of the digits
    plain = metrics.em_width("销售额128万元")
    assert line_width_em("销售额128万元", metrics) == pytest.approx(plain + 0.5, abs=0.01)
    assert line_width_em("Sales 128", metrics) == pytest.approx(metrics.em_width("Sales 128"))


# ------------------------------------------------------------------------------- wrapping


def test_no_line_starts_with_closing_punctuation(metrics: FontMetrics) -> None:
    # four ideographs fill the line; the comma must not start the next one
    lines = wrap("一二三四，五六七", metrics, 10, 45)
    assert lines == ["一二三", "四，五六", "七"]


def test_no_line_ends_with_opening_punctuation(metrics: FontMetrics) -> None:
    lines = wrap("一二三（四五六）", metrics, 10, 45)
    assert lines == ["一二三", "（四五", "六）"]


def test_kinsoku_holds_for_many_texts_and_widths(metrics: FontMetrics) -> None:
    rnd = random.Random(5)
    for _ in range(300):
        src = rnd.choice([ZH, MIX, EN])
        start = rnd.randrange(len(src) // 2)
        text = src[start:start + rnd.randrange(5, 120)]
        size = rnd.choice([10, 12, 14, 18, 24])
        width = rnd.uniform(3, 30) * size
        lines = wrap(text, metrics, size, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for before, after in itertools.pairwise(lines):
            if len(before) > 1:
                assert after[:1] not in NO_LINE_START, (text, width, lines)
                assert before[-1:] not in NO_LINE_END, (text, width, lines)
        for line in lines:
            if len(line) > 1:
                assert metrics.width(line, size) <= width, (line, width)


def test_english_breaks_between_words(metrics: FontMetrics) -> None:
    lines = wrap(EN, metrics, 14, 200)
    assert len(lines) > 3
    words = EN.split()
    assert " ".join(lines).split() == words  # no word was cut in two
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)
    assert all(metrics.width(line, 14) <= 200 for line in lines)


def test_hyphenated_words_may_break_after_the_hyphen(metrics: FontMetrics) -> None:
    lines = wrap("about twenty-eight days", metrics, 10, 70)
    assert lines[0].endswith("twenty-")


def test_long_english_word_breaks_by_character(metrics: FontMetrics) -> None:
    word = "Internationalization"
    lines = wrap(word, metrics, 14, 60)
    assert len(lines) >= 3
    assert "".join(lines) == word
    assert all(metrics.width(line, 14) <= 60 for line in lines)


def test_explicit_newline_starts_a_new_line(metrics: FontMetrics) -> None:
    assert wrap("第一行\n第二行", metrics, 14, 500) == ["第一行", "第二行"]
    assert wrap("第一行\r\n\n第三行", metrics, 14, 500) == ["第一行", "", "第三行"]


def test_every_line_fits_the_box(metrics: FontMetrics) -> None:
    for text in (ZH, MIX, EN):
        for width in (60, 100, 173.5, 300):
            for line in wrap(text, metrics, 12, width):
                assert metrics.width(line, 12) <= width


def test_empty_text_is_one_empty_line(metrics: FontMetrics) -> None:
    assert wrap("", metrics, 12, 100) == [""]


# Line counts LibreOffice 7.4 drew for these (text, box width pt, size pt) with Noto Sans CJK SC,
# zero insets and hangingPunct="0" (docs/dev/text-fitting.md); the model predicts the same.
LIBREOFFICE_LINES = [
    (("华南与西南市场的渠道下沉，同时优化促销资源配置，提升单店产出。“降本增效”项目已完成阶段性目标："
      "采购成本下降，物流时效提升。请各区域负责人于月底前提交《第四季度行动计划》，并确"), 400, 16, 4),
    (("献最大，占全国销售额的百分之三十二。新品上市首月即进入品类前三，渠道库存处于健康水平（周转天数约"
      "二十八天）。下一步将重点推进华南与西南"), 288, 10, 3),
    (("处于健康水平（周转天数约二十八天）。下一步将重点推进华南与西南市场的渠道下沉，同时优化促销资源"
      "配置，提升单店产出。"), 200, 16, 5),
    ("前完成率约68%；ROI为1:3.2，高于行业均值。华", 200, 28, 4),
    (("门店贡献了41%的销量，SKU数量由356个精简至298个，客单价提升至￥186.5元。团队采用 Python 与 "
      "SQL 完成 ETL"), 200, 12, 4),
    (("0万元，目前完成率约68%；ROI为1:3.2，高于行业均值。华东区TOP 10门店贡献了41%的销量，SKU数量由"
      "356个精"), 100, 12, 8),
    ("cent of national revenue. The new produc", 200, 28, 4),
    ("onal revenue. The new p", 72, 20, 4),
    ("ty-eight days of cover. Next, we will expand distribution in the South", 200, 14, 3),
    (("”随后补充道……“尤其是《年度经营计划》里的重点项目。”市场份额·华东：32%；华南：21%；其他（含"
      "海外）：47%。【重点】"), 600, 20, 3),
    ("是《年度经营计划》", 72, 20, 3),
    (("份额·华东：32%；华南：21%；其他（含海外）：47%。【重点】渠道『下沉』与「数字化」同步推进，温度"
      "控制在25℃以内，合格率≥99."), 288, 10, 3),
]


@pytest.mark.parametrize(("text", "width", "size", "rendered"), LIBREOFFICE_LINES)
def test_line_count_matches_libreoffice(metrics: FontMetrics, text: str, width: float,
                                        size: float, rendered: int) -> None:
    if metrics.family != "Noto Sans CJK SC":
        pytest.skip(f"measured with Noto Sans CJK SC, this machine has {metrics.family}")
    assert len(wrap(text, metrics, size, width)) == rendered


# ------------------------------------------------------------------------------- fitting


def test_short_text_keeps_its_size(metrics: FontMetrics) -> None:
    fit = fit_text(["销售额同比增长15%"], metrics, 300, 40, 18, 10)
    assert fit == FitResult(18, ["销售额同比增长15%"], 1, truncated=False, shrunk=False)


def test_longer_text_shrinks_to_the_largest_size_that_fits(metrics: FontMetrics) -> None:
    width, height = 260, 90
    fit = fit_text([ZH[:120]], metrics, width, height, 20, 10)
    assert 10 < fit.size_pt < 20
    assert fit.shrunk and not fit.truncated
    assert fit.paragraphs == [ZH[:120]]
    assert _fits(fit, metrics, width, height)
    one_up = FitResult(fit.size_pt + 1, fit.paragraphs, 0, False, True)
    lines_up = sum(len(wrap(p, metrics, one_up.size_pt, width * 0.95)) for p in fit.paragraphs)
    assert lines_up * one_up.size_pt * 1.2 > height  # one point larger would overflow


def test_very_long_text_is_cut_with_an_ellipsis_and_fits(metrics: FontMetrics) -> None:
    text = (ZH * 10)[:2000]
    width, height = 400, 120
    fit = fit_text([text], metrics, width, height, 18, 12)
    assert fit.truncated and fit.shrunk
    assert fit.size_pt == 12
    (cut,) = fit.paragraphs
    assert cut.endswith(ELLIPSIS)
    assert text.startswith(cut[:-1])
    assert _fits(fit, metrics, width, height)
    # nearly all of the box is used: one more character would not fit
    longer = FitResult(12, [text[:len(cut)] + ELLIPSIS], 0, True, True)
    lines = len(wrap(longer.paragraphs[0], metrics, 12, width * 0.95))
    assert lines * 12 * 1.2 > height or lines == fit.lines


def test_cut_keeps_whole_paragraphs_and_drops_the_rest(metrics: FontMetrics) -> None:
    paragraphs = ["第一段：销售额增长。", "第二段：" + ZH, "第三段不会出现。"]
    fit = fit_text(paragraphs, metrics, 300, 80, 14, 14, paragraph_space_pt=6)
    assert fit.truncated
    assert fit.paragraphs[0] == paragraphs[0]
    assert len(fit.paragraphs) == 2
    assert fit.paragraphs[1].startswith("第二段") and fit.paragraphs[1].endswith(ELLIPSIS)
    assert _fits(fit, metrics, 300, 80, paragraph_space=6)


def test_cut_does_not_leave_a_comma_before_the_ellipsis(metrics: FontMetrics) -> None:
    for height in range(20, 120, 3):
        fit = fit_text([ZH], metrics, 150, height, 12, 12)
        if fit.truncated and len(fit.paragraphs[0]) > 1:
            assert fit.paragraphs[0][-2] not in "，、；：（《“ "


def test_paragraph_spacing_counts_between_paragraphs(metrics: FontMetrics) -> None:
    three = ["第一段", "第二段", "第三段"]
    fit = fit_text(three, metrics, 200, 3 * 12 * 1.2 + 2 * 6, 12, 12, paragraph_space_pt=6)
    assert not fit.truncated and fit.lines == 3
    tight = fit_text(three, metrics, 200, 3 * 12 * 1.2 + 2 * 6 - 1, 12, 12,
                     paragraph_space_pt=6)
    assert tight.truncated


def test_english_text_shrinks_and_cuts_at_words_width(metrics: FontMetrics) -> None:
    fit = fit_text([EN], metrics, 300, 100, 16, 9)
    assert fit.shrunk and not fit.truncated
    assert _fits(fit, metrics, 300, 100)
    cut = fit_text([EN * 5], metrics, 300, 100, 16, 12)
    assert cut.truncated and cut.paragraphs[0].endswith(ELLIPSIS)
    assert _fits(cut, metrics, 300, 100)


def test_empty_text_fits(metrics: FontMetrics) -> None:
    assert fit_text([], metrics, 100, 20, 14, 10) == FitResult(14, [], 0, False, False)
    assert fit_text([""], metrics, 100, 20, 14, 10) == FitResult(14, [""], 1, False, False)


def test_box_too_small_for_anything_gives_a_lone_ellipsis(metrics: FontMetrics) -> None:
    fit = fit_text([ZH], metrics, 5, 5, 14, 10)
    assert fit.paragraphs == [ELLIPSIS] and fit.truncated and fit.size_pt == 10


def test_line_spacing_changes_what_fits(metrics: FontMetrics) -> None:
    loose = fit_text([ZH[:80]], metrics, 200, 100, 16, 8, line_spacing=1.5)
    tight = fit_text([ZH[:80]], metrics, 200, 100, 16, 8, line_spacing=1.0)
    assert loose.size_pt < tight.size_pt
    assert _fits(loose, metrics, 200, 100, spacing=1.5)


# ------------------------------------------------------------------------------- one line


def test_title_that_fits_keeps_its_size(metrics: FontMetrics) -> None:
    fit = fits_single_line("2025年11月经营回顾", metrics, 26, 400, 18)
    assert fit == FitResult(26, ["2025年11月经营回顾"], 1, False, False)


def test_long_title_shrinks_onto_one_line(metrics: FontMetrics) -> None:
    title = "华东区域2025年第四季度销售经营回顾与展望"
    fit = fits_single_line(title, metrics, 26, 450, 18)
    assert 18 <= fit.size_pt < 26 and not fit.truncated
    assert metrics.width(title, fit.size_pt) <= 450 * 0.95


def test_too_long_title_is_cut_with_an_ellipsis(metrics: FontMetrics) -> None:
    title = "华东区域2025年第四季度销售经营回顾与展望（含渠道、品类、客户与费用专题分析）"
    fit = fits_single_line(title, metrics, 26, 300, 18)
    assert fit.truncated and fit.size_pt == 18
    (cut,) = fit.paragraphs
    assert cut.endswith(ELLIPSIS) and title.startswith(cut[:-1])
    assert metrics.width(cut, 18) <= 300 * 0.95
    assert fits_single_line("", metrics, 26, 300, 18).paragraphs == [""]


# ------------------------------------------------------------------------------- LibreOffice


@dataclass
class _Box:
    text: list[str]
    width: float  # inner width, pt
    height: float  # inner height, pt
    size: float
    min_size: float


def _render_boxes(boxes: Sequence[_Box], fits: Sequence[FitResult], family: str,
                  tmp: Path) -> list[list[tuple[float, float, str, float]]]:
    """Draw each fitted box on its own slide as the renderer should, and read back its glyphs."""
    pymupdf = pytest.importorskip("pymupdf")
    from lxml import etree
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    inset = 4.32  # 0.06 in
    prs = Presentation()
    for box, fit in zip(boxes, fits):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        shape = slide.shapes.add_textbox(Pt(36), Pt(36), Pt(box.width + 2 * inset),
                                         Pt(box.height + 2 * inset))
        tf = shape.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = Pt(inset)
        for i, text in enumerate(fit.paragraphs):
            para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            para.line_spacing = Pt(fit.size_pt * 1.2)
            para._p.get_or_add_pPr().set("hangingPunct", "0")
            run = para.add_run()
            run.text = text
            run.font.size = Pt(fit.size_pt)
            rpr = run._r.get_or_add_rPr()
            rpr.set("lang", "zh-CN")
            for tag in ("a:latin", "a:ea", "a:cs"):
                etree.SubElement(rpr, qn(tag), typeface=family)
    pptx = tmp / "fit.pptx"
    prs.save(str(pptx))
    profile = (tmp / "lo_profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(pptx)],
                   check=True, capture_output=True, timeout=300)
    pages = []
    with pymupdf.open(str(tmp / "fit.pdf")) as doc:
        for page in doc:
            raw = page.get_text("rawdict", flags=pymupdf.TEXT_INHIBIT_SPACES)
            pages.append([(c["origin"][0], c["origin"][1], c["c"], span["size"])
                          for block in raw["blocks"] for line in block.get("lines", [])
                          for span in line["spans"] for c in span["chars"]])
    return pages


@pytest.mark.soffice
def test_fitted_text_stays_inside_its_box_in_libreoffice(metrics: FontMetrics,
                                                         tmp_path: Path) -> None:
    soffice_or_skip()
    boxes = [
        _Box([ZH[:30]], 300, 60, 18, 10),
        _Box([ZH], 300, 120, 18, 10),
        _Box([ZH * 4], 300, 120, 18, 10),
        _Box([MIX], 150, 80, 16, 9),
        _Box([MIX * 6], 150, 80, 16, 9),
        _Box([EN], 220, 90, 16, 9),
        _Box([EN * 4], 220, 90, 16, 9),
        _Box(["第一段：" + MIX, "第二段：" + ZH, "第三段：" + EN], 400, 150, 16, 10),
        _Box([ZH], 72, 200, 14, 10),
        _Box(["增长率"], 40, 20, 12, 8),
    ]
    fits = [fit_text(b.text, metrics, b.width, b.height, b.size, b.min_size) for b in boxes]
    pages = _render_boxes(boxes, fits, metrics.family, tmp_path)
    for box, fit, glyphs in zip(boxes, fits, pages):
        assert glyphs, f"nothing drawn for {box}"
        left, top = 36 + 4.32, 36 + 4.32
        baselines = sorted({round(y, 1) for _, y, _, _ in glyphs})
        assert len(baselines) <= fit.lines, (box, fit, baselines)
        # descent below the last baseline is 0.2 em at exact spacing (see the doc)
        assert baselines[-1] + 0.2 * fit.size_pt <= top + box.height + 0.5, (box, fit)
        for x, _, ch, size in glyphs:
            if ch == " ":
                continue  # spaces at the end of a line may hang past the edge
            right = x + metrics.advance(ch) * size
            assert left - 0.5 <= x and right <= left + box.width + 0.5, (box, ch, x)
        drawn = "".join(ch for _, _, ch, _ in sorted(glyphs, key=lambda g: (g[1], g[0])))
        assert drawn.replace(" ", "") == "".join(fit.paragraphs).replace(" ", "")
