"""Numbers as the review decks write them: 128万元, 23%, 增长15%, 1:4.2 — and in English."""

from __future__ import annotations

import pytest

from reviewdeck.metrics.values import NO_VALUE, Value
from reviewdeck.text.format import (
    FILTERS,
    LANGUAGE,
    absolute,
    count,
    days,
    format_value,
    hours,
    money,
    number,
    pct,
    points,
    roi,
    signed,
    signed_pct,
    trend,
    updown,
    wan,
    yuan,
)

M = "\u2212"  # the minus sign the decks print (a renderer never breaks a line after it)


@pytest.fixture
def english():
    token = LANGUAGE.set("en")
    yield
    LANGUAGE.reset(token)


def change(x: float | None, unit: str = "change") -> Value:
    return Value("c", x, unit)


# ---------------------------------------------------------------- money
@pytest.mark.parametrize("amount,text", [
    (1_280_000, "128万元"),
    (225_000, "22.5万元"),
    (80_000_000, "8000万元"),
    (920, "920元"),
    (0, "0元"),
    (10_000, "1万元"),
    (12_345, "1.2万元"),
    (-225_000, f"{M}22.5万元"),
    (150_000_000, "1.5亿元"),
    (126_041_200, "1.26亿元"),
    (999_000_000, "9.99亿元"),
    (1_234_567_890, "12.3亿元"),
])
def test_money_in_chinese(amount, text):
    assert money(amount) == text


def test_money_without_unit_and_with_more_digits():
    assert wan(1_280_000) == "128万"
    assert money(1_285_000, unit=False) == "128.5万"
    assert money(1_284_560, digits=2) == "128.46万元"


@pytest.mark.parametrize("amount,text", [(920, "920元"), (12_345.4, "12,345元"),
                                         (1_280_000, "1,280,000元")])
def test_yuan_keeps_every_yuan(amount, text):
    assert yuan(amount) == text


@pytest.mark.parametrize("amount,text", [
    (1_280_000, "¥1.28M"), (225_000, "¥225K"), (80_000_000, "¥80M"), (920, "¥920"),
    (2_500_000_000, "¥2.5B"), (-1_280_000, f"{M}¥1.28M"),
])
def test_money_in_english(english, amount, text):
    assert money(amount) == text


def test_yuan_in_english(english):
    assert yuan(920) == "¥920"
    assert yuan(12_345) == "¥12,345"


@pytest.mark.parametrize("amount,language,text", [
    (99_999_999, "zh-CN", "1亿元"),
    (9_999.6, "zh-CN", "1万元"),
    (999_999, "en", "¥1M"),
])
def test_money_rounding_carries_into_the_next_unit(amount, language, text):
    token = LANGUAGE.set(language)
    try:
        assert money(amount) == text
    finally:
        LANGUAGE.reset(token)


# ---------------------------------------------------------------- rates and changes
@pytest.mark.parametrize("rate,text", [
    (0.2301, "23%"), (0.236, "24%"), (0, "0%"), (1.05, "105%"), (0.3, "30%"),
])
def test_pct(rate, text):
    assert pct(rate) == text


def test_pct_with_a_decimal():
    assert pct(0.2351, 1) == "23.5%"
    assert pct(0.2301, 1) == "23%"  # no trailing .0


@pytest.mark.parametrize("formatter,x,text", [
    (pct, 0.125, "13%"),
    (signed_pct, 0.125, "+13%"),
    (yuan, 1280.5, "1,281元"),
])
def test_halves_round_up_like_a_spreadsheet(formatter, x, text):
    assert formatter(x) == text


@pytest.mark.parametrize("x,text", [(0.15, "+15%"), (-0.12, f"{M}12%"), (0.004, "0%"),
                                    (-0.004, "0%"), (1.5, "+150%")])
def test_signed_pct(x, text):
    assert signed_pct(x) == text


@pytest.mark.parametrize("x,text", [(0.08, "+8个百分点"), (-0.031, f"{M}3个百分点"),
                                    (0.001, "持平")])
def test_points(x, text):
    assert points(x) == text


def test_points_in_english(english):
    assert points(0.08) == "+8 pts"
    assert points(-0.031) == f"{M}3 pts"


@pytest.mark.parametrize("x,unit,text", [
    (0.15, "change", "增长15%"),
    (-0.12, "change", "下降12%"),
    (0.08, "points", "增长8个百分点"),
    (-0.031, "points", "下降3个百分点"),
])
def test_trend_in_chinese(x, unit, text):
    assert trend(change(x, unit)) == text


def test_trend_of_a_plain_number_is_a_relative_change():
    assert trend(-0.12) == "下降12%"


def test_trend_in_english(english):
    assert trend(change(0.15)) == "up 15%"
    assert trend(change(-0.12)) == "down 12%"
    assert trend(change(0.08, "points")) == "up 8 pts"


def test_updown_with_own_words():
    assert updown(0.1, "回升", "回落") == "回升"
    assert updown(-0.1, "回升", "回落") == "回落"


@pytest.mark.parametrize("x,text", [(4.2, "1:4.2"), (4.0, "1:4.0"), (0.5, "1:0.5"),
                                    (12.34, "1:12.3")])
def test_roi(x, text):
    assert roi(x) == text


# ---------------------------------------------------------------- signed values in their unit
@pytest.mark.parametrize("x,unit,text", [
    (-220_000, "money", f"{M}22万元"),
    (150_000, "money", "+15万元"),
    (3, "count", "+3"),
    (-9, "count", f"{M}9"),
    (0.05, "rate", "+5%"),
    (-0.2, "change", f"{M}20%"),
    (0.08, "points", "+8个百分点"),
    (1.2, "ratio", "+1.2"),
    (-0.45, "ratio", f"{M}0.5"),
    (0, "money", "0元"),
])
def test_signed(x, unit, text):
    assert signed(Value("g", x, unit)) == text


def test_absolute_keeps_the_unit():
    gap = absolute(Value("gap", -220_000, "money"))
    assert str(gap) == "22万元"
    assert absolute(-3) == 3


@pytest.mark.parametrize("formatter,x,text", [
    (count, -9, f"{M}9"),
    (yuan, -80, f"{M}80元"),
    (pct, -0.12, f"{M}12%"),
    (days, -1.5, f"{M}1.5天"),
    (number, -3.14, f"{M}3.1"),
])
def test_every_negative_number_uses_the_same_minus_sign(formatter, x, text):
    assert formatter(x) == text


# ---------------------------------------------------------------- other units
def test_counts_days_and_hours():
    assert count(1200) == "1,200"
    assert days(3.5) == "3.5天"
    assert days(4.0) == "4天"
    assert hours(12) == "12小时"


def test_days_and_hours_in_english(english):
    assert days(3.5) == "3.5 days"
    assert hours(12) == "12 h"


@pytest.mark.parametrize("unit,x,text", [
    ("money", 1_280_000, "128万元"), ("count", 1200, "1,200"), ("rate", 0.23, "23%"),
    ("change", 0.15, "+15%"), ("points", 0.08, "+8个百分点"), ("ratio", 4.2, "1:4.2"),
    ("days", 3.5, "3.5天"), ("hours", 72, "72小时"), ("number", 3.14159, "3.1"),
])
def test_a_value_prints_in_its_unit(unit, x, text):
    assert format_value(Value("v", x, unit)) == text
    assert str(Value("v", x, unit)) == text


# ---------------------------------------------------------------- no value
@pytest.mark.parametrize("name", sorted(set(FILTERS) - {"abs"}))
def test_no_value_prints_a_dash(name):
    assert NO_VALUE == "—"
    assert FILTERS[name](None) == "—"
    assert FILTERS[name](Value("x", None, "money")) == "—"
    assert FILTERS[name](float("nan")) == "—"


def test_no_value_prints_a_dash_in_english(english):
    assert money(None) == "—"
    assert str(Value("x", None, "rate")) == "—"


def test_language_is_reset_after_english(english):
    assert money(1_280_000) == "¥1.28M"
    token = LANGUAGE.set("zh-CN")
    try:
        assert money(1_280_000) == "128万元"
    finally:
        LANGUAGE.reset(token)
