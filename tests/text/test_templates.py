"""Slide text templates: insight sentences, strict undefined names, the sandbox, tidy spacing."""

from __future__ import annotations

import pytest

from reviewdeck.errors import Location, TemplateError
from reviewdeck.metrics.values import Series, Value
from reviewdeck.text.format import LANGUAGE
from reviewdeck.text.insights import best_worst, biggest_gap, biggest_mover, items_text
from reviewdeck.text.templates import TextRenderer, tidy

M = "\u2212"  # the minus sign the decks print (a renderer never breaks a line after it)

REGION = Series("region_sales", [("华东", 680_000.0), ("华北", 300_000.0), ("华南", 220_000.0)],
                "money", label="区域销售额")
REGION_SHARE = Series("region_share", [("华东", 680 / 1200), ("华北", 300 / 1200),
                                       ("华南", 220 / 1200)], "rate")
CHANNEL_CONVERSION = Series("channel_conversion",
                            [("线上广告", 0.18), ("经销商", 0.22), ("直销", 0.30)], "rate")


def achievement(name: str, label: str, rate: float | None, gap: float | None, unit: str,
                gap_rate: float | None) -> Value:
    return Value(name, rate, "rate", label=label, extras={
        "gap": Value(name + ".gap", gap, unit), "gap_rate": Value(name + ".gap_rate", gap_rate,
                                                                  "change")})


SALES_ACH = achievement("sales_ach", "销售额", 0.85, -150_000, "money", -0.15)
HIGH_VALUE_ACH = achievement("high_value_ach", "高价值订单数", 0.7, -9, "count", -0.3)
NEW_CUSTOMERS_ACH = achievement("new_customers_ach", "新客户获取量", 1.1, 4, "count", 0.1)


@pytest.fixture
def english():
    token = LANGUAGE.set("en")
    yield
    LANGUAGE.reset(token)


@pytest.fixture
def renderer() -> TextRenderer:
    return TextRenderer({
        "sales": Value("sales", 1_280_000, "money", label="销售额"),
        "sales_mom": Value("sales_mom", 0.15, "change"),
        "conversion": Value("conversion", 0.2301, "rate"),
        "region_sales": REGION, "region_share": REGION_SHARE,
        "channel_conversion": CHANNEL_CONVERSION,
        "sales_ach": SALES_ACH, "high_value_ach": HIGH_VALUE_ACH,
        "new_customers_ach": NEW_CUSTOMERS_ACH,
        "facts": {"advantages": [{"heading": "续航", "body": "14天续航"}]},
    })


# ---------------------------------------------------------------- insight sentences
def test_best_worst_with_shares():
    assert best_worst(REGION, REGION_SHARE) == (
        "华东最高（68万元，占比57%），华南最低（22万元，占比18%）")


def test_best_worst_without_shares():
    assert best_worst(REGION) == "华东最高（68万元），华南最低（22万元）"


def test_best_worst_in_english(english):
    assert best_worst(REGION, REGION_SHARE) == ("华东 leads (¥680K, 57% share); "
                                                "华南 trails (¥220K, 18% share)")


def test_best_worst_of_nothing_is_empty():
    assert best_worst(Series("empty", [], "money")) == ""
    assert best_worst(Value("x", 1.0)) == ""


def test_biggest_gap_names_the_metric_furthest_below_target():
    assert biggest_gap(NEW_CUSTOMERS_ACH, SALES_ACH, HIGH_VALUE_ACH).startswith(
        f"差距最大的是高价值订单数：较目标{M}30%")
    assert biggest_gap(SALES_ACH, NEW_CUSTOMERS_ACH) == (
        f"差距最大的是销售额：较目标{M}15%（{M}15万元）。")


def test_biggest_gap_of_a_count_uses_one_minus_sign():
    assert biggest_gap(HIGH_VALUE_ACH) == f"差距最大的是高价值订单数：较目标{M}30%（{M}9）。"


def test_biggest_gap_in_english(english):
    assert biggest_gap(SALES_ACH, NEW_CUSTOMERS_ACH) == (
        f"The widest gap is 销售额: {M}15% vs target ({M}¥150K).")


def test_biggest_gap_skips_metrics_without_a_gap_rate():
    no_target = achievement("x", "无目标", None, None, "money", None)
    assert biggest_gap(no_target, NEW_CUSTOMERS_ACH) == (
        "差距最大的是新客户获取量：较目标+10%（4）。")
    assert biggest_gap(no_target) == ""


def test_items_text():
    assert items_text(CHANNEL_CONVERSION) == "线上广告 18%、经销商 22%、直销 30%"
    assert items_text(CHANNEL_CONVERSION, " / ") == "线上广告 18% / 经销商 22% / 直销 30%"
    assert items_text(Value("x", 1.0)) == ""


def test_items_text_in_english(english):
    assert items_text(CHANNEL_CONVERSION) == "线上广告 18%, 经销商 22%, 直销 30%"


def test_biggest_mover():
    moves = Series("mom", [("手表", 0.05), ("手环", -0.12), ("配件", None)], "change")
    assert biggest_mover(moves) == f"手环变化最大（{M}12%）"


# ---------------------------------------------------------------- rendering
def test_plain_text_passes_through_untouched(renderer):
    assert renderer.render("产品贡献不均衡。") == ("产品贡献不均衡。", [])
    assert renderer.render(None) == ("", [])


def test_metrics_and_filters_render_with_the_names_used(renderer):
    text, used = renderer.render("本月完成销售额{{ sales }}，较上月{{ sales_mom | trend }}，"
                                 "转化率{{ conversion }}。")
    assert text == "本月完成销售额128万元，较上月增长15%，转化率23%。"
    assert used == ["sales", "sales_mom", "conversion"]


def test_series_items_top_and_helpers_in_templates(renderer):
    text, used = renderer.render(
        "{{ region_sales.top.category }} {{ region_share[region_sales.top.category] }}；"
        "{{ best_worst(region_sales, region_share) }}；{{ items_text(channel_conversion) }}；"
        "{{ biggest_gap(sales_ach, new_customers_ach) }}")
    assert text == ("华东 57%；华东最高（68万元，占比57%），华南最低（22万元，占比18%）；"
                    "线上广告 18%、经销商 22%、直销 30%；"
                    f"差距最大的是销售额：较目标{M}15%（{M}15万元）。")
    assert "best_worst" not in used and "items_text" not in used
    assert used == ["region_sales", "region_share", "channel_conversion", "sales_ach",
                    "new_customers_ach"]


def test_achievement_parts_and_conditions(renderer):
    text, _ = renderer.render(
        "偏差{{ sales_ach.gap | signed }}，偏差率{{ sales_ach.gap_rate | signed }}，"
        "{% if sales_ach.gap_rate.value < 0 %}未达标{% else %}达标{% endif %}")
    assert text == f"偏差{M}15万元，偏差率{M}15%，未达标"


def test_facts_are_reachable(renderer):
    text, _ = renderer.render("{{ facts.advantages[0].heading }}：{{ facts.advantages[0].body }}")
    assert text == "续航：14天续航"


def test_undefined_name_is_an_error_with_a_suggestion_and_location(renderer):
    where = Location("deck.yaml", 17, 13, "chapters[0].slides[0].cards[0].value")
    with pytest.raises(TemplateError) as info:
        renderer.render("{{ salse }}", where)
    assert str(info.value) == ("deck.yaml:17:13 chapters[0].slides[0].cards[0].value: template "
                               "refers to something undefined: 'salse' is undefined; "
                               "did you mean 'sales'?")


def test_undefined_is_strict_even_in_conditions_and_loops(renderer):
    with pytest.raises(TemplateError, match="'vs_team' is undefined"):
        renderer.render("{% if vs_team %}x{% endif %}")
    with pytest.raises(TemplateError,
                       match="'regoin_sales' is undefined; did you mean 'region_sales'"):
        renderer.render("{% for r in regoin_sales %}{{ r }}{% endfor %}")


def test_undefined_attribute_is_an_error(renderer):
    with pytest.raises(TemplateError, match="has no attribute 'gap_rat'"):
        renderer.render("{{ sales_ach.gap_rat }}")


def test_syntax_error_and_failures_are_template_errors(renderer):
    with pytest.raises(TemplateError, match="template syntax error"):
        renderer.render("{{ sales }")
    with pytest.raises(TemplateError, match="template syntax error: No filter named 'yaun'"):
        renderer.render("{{ sales | yaun }}")
    with pytest.raises(TemplateError, match="template failed: division by zero"):
        renderer.render("{{ 1 / 0 }}")


@pytest.mark.parametrize("template", [
    "{{ ''.__class__.__mro__ }}",
    "{{ sales.__class__.__init__.__globals__ }}",
    "{{ region_sales._value('x', 1) }}",
])
def test_sandbox_refuses_python_internals(renderer, template):
    with pytest.raises(TemplateError, match="template is not allowed to do that"):
        renderer.render(template)


def test_no_python_builtins_are_reachable(renderer):
    with pytest.raises(TemplateError, match="'range' is undefined"):
        renderer.render("{{ range(10) | list }}")


# ---------------------------------------------------------------- tidy
@pytest.mark.parametrize("raw,tidied", [
    # YAML folding (>-) turns each line break into a space
    ("本月完成销售额128万元， 较上月增长15%； 团队人均90万元。",
     "本月完成销售额128万元，较上月增长15%；团队人均90万元。"),
    ("成交 ， 低于平均 。", "成交，低于平均。"),
    ("（ 注 ）", "（注）"),
    # a literal block (|) keeps line breaks; between Chinese characters they go
    ("增长质量需要\n继续夯实", "增长质量需要继续夯实"),
    ("  前后空白  ", "前后空白"),
    # English and numbers keep their spaces
    ("up 15%, down 12%", "up 15%, down 12%"),
    ("Q4 plan: 3 steps", "Q4 plan: 3 steps"),
])
def test_tidy(raw, tidied):
    assert tidy(raw) == tidied


def test_render_tidies_its_output(renderer):
    text, _ = renderer.render("本月完成销售额{{ sales }}， \n较上月{{ sales_mom | trend }}。")
    assert text == "本月完成销售额128万元，较上月增长15%。"


def _first_card(run_cli, plan_json, cfg):
    plan = plan_json(run_cli("build", cfg, "--plan"))
    return next(s for s in plan["slides"] if s["kind"] == "cards")["cards"][0]


def test_folded_yaml_template_reaches_the_plan_without_stray_spaces(tmp_path, basic_config,
                                                                   orders_csv, write_config,
                                                                   run_cli, plan_json):
    text = basic_config.replace('value: "{{ sales }}"', """value: "{{ sales }}"
            body: >-
              本月完成销售额{{ sales }}，
              较上月有所增长；
              后续继续跟进。
            insight: |-
              {{ sales.label }}增长质量需要
              继续夯实""")
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    card = _first_card(run_cli, plan_json, cfg)
    assert card["body"] == "本月完成销售额3,500元，较上月有所增长；后续继续跟进。"
    assert card["insight"] == "销售额增长质量需要继续夯实"


def test_folded_yaml_plain_text_is_tidied_too(tmp_path, basic_config, orders_csv, write_config,
                                             run_cli, plan_json):
    text = basic_config.replace('value: "{{ sales }}"', """value: "{{ sales }}"
            body: >-
              产品贡献不均衡，
              手环受竞品价格战冲击。
            insight: |-
              增长质量需要
              继续夯实""")
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    card = _first_card(run_cli, plan_json, cfg)
    assert card["body"] == "产品贡献不均衡，手环受竞品价格战冲击。"
    assert card["insight"] == "增长质量需要继续夯实"
