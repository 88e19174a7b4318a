"""Reporting periods as users write them, their labels in zh-CN and en, and derived windows."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewdeck.errors import ReviewDeckError
from reviewdeck.metrics.period import Period, Window


@pytest.mark.parametrize("text,kind,canonical,start,end", [
    ("2025-11", "month", "2025-11", dt.date(2025, 11, 1), dt.date(2025, 12, 1)),
    ("2025-1", "month", "2025-01", dt.date(2025, 1, 1), dt.date(2025, 2, 1)),
    ("2025-12", "month", "2025-12", dt.date(2025, 12, 1), dt.date(2026, 1, 1)),
    (" 2025-11 ", "month", "2025-11", dt.date(2025, 11, 1), dt.date(2025, 12, 1)),
    ("2025Q4", "quarter", "2025Q4", dt.date(2025, 10, 1), dt.date(2026, 1, 1)),
    ("2025q1", "quarter", "2025Q1", dt.date(2025, 1, 1), dt.date(2025, 4, 1)),
    ("2025 Q2", "quarter", "2025Q2", dt.date(2025, 4, 1), dt.date(2025, 7, 1)),
    ("2025H1", "half", "2025H1", dt.date(2025, 1, 1), dt.date(2025, 7, 1)),
    ("2025h2", "half", "2025H2", dt.date(2025, 7, 1), dt.date(2026, 1, 1)),
    ("2025", "year", "2025", dt.date(2025, 1, 1), dt.date(2026, 1, 1)),
])
def test_parse(text, kind, canonical, start, end):
    period = Period.parse(text)
    assert period.kind == kind
    assert str(period) == canonical
    assert (period.current.start, period.current.end) == (start, end)
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize("text,canonical", [
    ("2025/11", "2025-11"), ("2025.11", "2025-11"), ("2025年11月", "2025-11"),
    ("2025 年 1 月", "2025-01"), ("Nov 2025", "2025-11"), ("November 2025", "2025-11"),
    ("2025-Q4", "2025Q4"), ("Q4 2025", "2025Q4"), ("2025年第4季度", "2025Q4"),
    ("2025年第四季度", "2025Q4"), ("2025年Q3", "2025Q3"), ("2025-H1", "2025H1"),
    ("H2 2025", "2025H2"), ("2025年上半年", "2025H1"), ("2025年下半年", "2025H2"),
    ("2025年", "2025"), ("2025年度", "2025"),
])
def test_the_ways_a_deck_writes_a_period_are_read_back(text, canonical):
    assert str(Period.parse(text)) == canonical
    label = Period.parse(canonical)
    assert Period.parse(label.label("zh-CN")) == label  # 2025年11月, 2025年第4季度, 2025年上半年
    assert Period.parse(label.label("en")) == label  # Nov 2025, Q4 2025, H1 2025


@pytest.mark.parametrize("text", [
    "2025-13", "2025-0", "2025-00", "2025Q5", "2025Q0", "2025H3", "25-11", "2025/13",
    "2025-11-01", "Q5 2025", "2025年13月", "2025年第五季度", "2025-H3", "Nov", "", "  ",
    "latest",
])
def test_bad_periods_are_explained(text):
    with pytest.raises(ReviewDeckError) as info:
        Period.parse(text)
    assert info.value.exit_code == 2
    assert str(info.value) == (f"'{text}' is not a period; write 2025-11 (month), 2025Q4, "
                               "2025H1 or 2025 (year)")


@pytest.mark.parametrize("text,zh,en", [
    ("2025-11", "2025年11月", "Nov 2025"),
    ("2025-01", "2025年1月", "Jan 2025"),
    ("2025Q4", "2025年第4季度", "Q4 2025"),
    ("2025H1", "2025年上半年", "H1 2025"),
    ("2025H2", "2025年下半年", "H2 2025"),
    ("2025", "2025年", "2025"),
])
def test_labels_in_both_languages(text, zh, en):
    period = Period.parse(text)
    assert period.label() == zh
    assert period.label("zh-CN") == zh
    assert period.label("en") == en


@pytest.mark.parametrize("window,start,end,zh,en", [
    ("current", "2025-11-01", "2025-11-30", "2025年11月", "Nov 2025"),
    ("previous", "2025-10-01", "2025-10-31", "2025年10月", "Oct 2025"),
    ("last_year", "2024-11-01", "2024-11-30", "2024年11月", "Nov 2024"),
    ("trailing_3", "2025-09-01", "2025-11-30", "2025年9–11月", "Sep 2025–Nov 2025"),
    ("trailing_12", "2024-12-01", "2025-11-30", "2024年12月–2025年11月", "Dec 2024–Nov 2025"),
    ("qtd", "2025-10-01", "2025-11-30", "2025年10–11月", "Oct 2025–Nov 2025"),
    ("ytd", "2025-01-01", "2025-11-30", "2025年1–11月", "Jan 2025–Nov 2025"),
    ("quarter", "2025-10-01", "2025-12-31", "2025年10–12月", "Oct 2025–Dec 2025"),
    ("last_quarter", "2025-07-01", "2025-09-30", "2025年7–9月", "Jul 2025–Sep 2025"),
    ("year", "2025-01-01", "2025-12-31", "2025年1–12月", "Jan 2025–Dec 2025"),
])
def test_windows_of_a_month(window, start, end, zh, en):
    win = Period.parse("2025-11").window(window)
    assert win.describe() == f"{start}..{end}"
    assert win.label() == zh
    assert win.label("en") == en


@pytest.mark.parametrize("window,described", [
    ("previous", "2024-12-01..2024-12-31"),
    ("trailing_3", "2024-11-01..2025-01-31"),
    ("ytd", "2025-01-01..2025-01-31"),
    ("qtd", "2025-01-01..2025-01-31"),
    ("last_quarter", "2024-10-01..2024-12-31"),
])
def test_windows_of_january_cross_the_year(window, described):
    assert Period.parse("2025-01").window(window).describe() == described


@pytest.mark.parametrize("period,window,described", [
    ("2025Q4", "previous", "2025-07-01..2025-09-30"),
    ("2025Q4", "last_year", "2024-10-01..2024-12-31"),
    ("2025Q4", "ytd", "2025-01-01..2025-12-31"),
    ("2025Q1", "previous", "2024-10-01..2024-12-31"),
    ("2025H1", "previous", "2024-07-01..2024-12-31"),
    ("2025H1", "quarter", "2025-04-01..2025-06-30"),
    ("2025", "previous", "2024-01-01..2024-12-31"),
])
def test_windows_of_longer_periods(period, window, described):
    assert Period.parse(period).window(window).describe() == described


def test_window_shift_and_length():
    nov = Period.parse("2025-11").current
    assert nov.months == 1
    assert nov.shift(-11) == Window((2025 * 12) + 11 - 1 - 11, 1)
    assert nov.shift(-11).label() == "2024年12月"
    assert nov.shift(2).label("en") == "Jan 2026"


def test_unknown_window_name():
    with pytest.raises(ReviewDeckError, match="unknown window 'fortnight'"):
        Period.parse("2025-11").window("fortnight")


def test_period_labels_reach_the_deck_in_english(tmp_path, basic_config, orders_csv,
                                                 write_config, run_cli, plan_json):
    text = (basic_config.replace("title: 测试复盘", 'title: "Review {{ period.label }}"')
            .replace("period: 2025-11", "period: 2025-11\nlanguage: en")
            .replace('value: "{{ sales }}"',
                     'value: "{{ sales }}"\n            body: "vs {{ period.previous }}"'))
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    plan = plan_json(run_cli("build", cfg, "--plan", "--period", "2025Q4"))
    assert plan["title"] == "Review Q4 2025"
    assert plan["period"] == "Q4 2025"
    card = next(s for s in plan["slides"] if s["kind"] == "cards")["cards"][0]
    assert card["body"] == "vs Jul 2025–Sep 2025"
    assert card["value"] == "¥3.9K"  # October's 400 and November's 3,500 both fall in Q4


def test_period_label_reaches_the_deck_in_chinese(tmp_path, basic_config, orders_csv,
                                                  write_config, run_cli, plan_json):
    text = basic_config.replace("title: 测试复盘", 'title: "{{ period.label }}个人销售业绩复盘"')
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    plan = plan_json(run_cli("build", cfg, "--plan"))
    assert plan["title"] == "2025年11月个人销售业绩复盘"
    cover = plan["slides"][0]
    assert cover["kind"] == "cover"
    assert cover["date"] == "2025年12月1日"  # first weekday after the period
