"""Customising through YAML: a user's theme file, layout overrides in the config, 4:3 slides."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from reviewdeck.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_inputs"

CONFIG = f"""title: 主题测试
period: 2025-11
theme: brand.yaml
layout_overrides:
  cards: {{gap: 0.5}}
  common: {{title: {{size: 30}}}}
data:
  orders: {{path: {SAMPLE / 'orders.csv'}, date_column: order_date, columns: {{amount: money}}}}
metrics:
  sales: {{kind: total, source: orders, column: amount}}
chapters:
  - title: 业绩
    slides:
      - kind: cards
        title: 概览
        cards:
          - {{heading: 销售额, value: "{{{{ sales }}}}", body: 团队本月销售额。}}
          - {{heading: 说明, body: 主题与版式来自YAML。}}
"""

THEME = """name: brand
palette:
  primary: "0F4C5C"
  accent: "E36414"
fonts:
  latin: Arial
  east_asian: Noto Sans CJK SC
"""


def run(tmp_path: Path, config: str, theme: str) -> tuple[int, str]:
    (tmp_path / "deck.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "brand.yaml").write_text(theme, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "deck.yaml"), "-o",
                                       str(tmp_path / "out.pptx")])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_a_brand_theme_and_overrides_reach_the_deck(tmp_path: Path) -> None:
    code, out = run(tmp_path, CONFIG, THEME)
    assert code == 0, out
    prs = Presentation(str(tmp_path / "out.pptx"))
    slide = prs.slides[3]
    title = next(s for s in slide.shapes if s.name == "Title")
    run0 = title.text_frame.paragraphs[0].runs[0]
    assert str(run0.font.color.rgb) == "0F4C5C"
    assert run0.font.size.pt == 30
    ea = run0._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
    assert ea.get("typeface") == "Noto Sans CJK SC"
    cards = sorted((s for s in slide.shapes if s.name.endswith("background")),
                   key=lambda s: s.left)
    gap = cards[1].left - (cards[0].left + cards[0].width)
    assert abs(gap - 0.5 * 914400) < 2000


def test_four_by_three_slides_squeeze_the_layout(tmp_path: Path) -> None:
    code, out = run(tmp_path, CONFIG.replace("layout_overrides:\n",
                                             "layout_overrides:\n  slide: {size: '4:3'}\n"),
                    THEME)
    assert code == 0, out
    prs = Presentation(str(tmp_path / "out.pptx"))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width + 12700, shape.name


@pytest.mark.parametrize("theme,config_change,expected", [
    (THEME.replace('"E36414"', '"E3641"'), None,
     "brand.yaml:4:3 palette.accent: colour 'E3641' is not RRGGBB hex"),
    (THEME.replace("latin: Arial", "latn: Arial"), None,
     "brand.yaml:6:3 fonts.latn: unknown key 'fonts.latn'; did you mean 'latin'?"),
    (THEME.replace("  primary:", "  primery:"), None,
     "palette.primery: unknown colour name 'primery'; did you mean 'primary'?"),
    (THEME, ("cards: {gap: 0.5}", "cards: {gapp: 0.5}"),
     "deck.yaml:5:11 layout_overrides.cards.gapp: unknown key 'cards.gapp'; did you mean 'gap'?"),
    (THEME, ("common: {title: {size: 30}}", "common: {title: {size: big}}"),
     "layout_overrides.common.title.size: 'common.title.size' must be a number, got 'big'"),
])
def test_a_wrong_key_or_value_is_named_with_its_line(tmp_path: Path, theme: str,
                                                     config_change: tuple[str, str] | None,
                                                     expected: str) -> None:
    config = CONFIG.replace(*config_change) if config_change else CONFIG
    code, out = run(tmp_path, config, theme)
    assert code == 2
    assert expected in out
    assert not (tmp_path / "out.pptx").exists()
