"""`by_month: true`: a metric becomes one value per calendar month of its window."""

from __future__ import annotations

import pytest

from reviewdeck.errors import MetricError
from reviewdeck.metrics.values import Series

# 2025-08 has no rows at all (a gap); 2025-09 has rows, none of them 张伟's (zero).
ORDERS = [
    {"date": "2025-06-03", "rep": "张伟", "amount": 100.0},
    {"date": "2025-07-09", "rep": "张伟", "amount": 200.0},
    {"date": "2025-07-30", "rep": "张伟", "amount": 50.0},
    {"date": "2025-09-12", "rep": "李娜", "amount": 70.0},
    {"date": "2025-10-01", "rep": "张伟", "amount": 300.0},
    {"date": "2025-11-30", "rep": "张伟", "amount": 400.0},
    {"date": "2025-11-02", "rep": "李娜", "amount": 10.0},
    {"date": "2025-12-01", "rep": "张伟", "amount": 999.0},
]


@pytest.fixture
def compute(make_engine, table):
    def go(metrics, name):
        engine, diag = make_engine(metrics, [table("orders", ORDERS)])
        return engine.get(name), diag

    return go


def test_a_total_by_month_lists_every_month_of_the_window_in_calendar_order(compute):
    result, diag = compute({"sales": {"kind": "total", "source": "orders", "column": "amount",
                                      "where": {"rep": "张伟"}, "by_month": True,
                                      "window": "trailing_6"}}, "sales")
    assert isinstance(result, Series) and result.dimension == "month"
    assert result.items == [("2025-06", 100.0), ("2025-07", 250.0), ("2025-08", None),
                            ("2025-09", 0.0), ("2025-10", 300.0), ("2025-11", 400.0)]
    assert diag.warnings == [
        "metric 'sales' (2025-11): orders.csv has no rows in 2025-08, so that month has no value"]
    assert "by month" in result.source


def test_counts_and_ratios_of_monthly_series_pair_up_by_month(compute):
    metrics = {
        "n": {"kind": "count", "source": "orders", "by_month": True, "window": "qtd"},
        "sales": {"kind": "total", "source": "orders", "column": "amount", "by_month": True,
                  "window": "qtd"},
        "aov": {"kind": "ratio", "numerator": "sales", "denominator": "n", "unit": "money"},
    }
    n, _ = compute(metrics, "n")
    assert n.items == [("2025-10", 1.0), ("2025-11", 2.0)]
    aov, _ = compute(metrics, "aov")
    assert aov.items == [("2025-10", 300.0), ("2025-11", 205.0)]


def test_by_and_by_month_together_are_a_config_error(make_engine, table):
    with pytest.raises(Exception, match="give 'by' or 'by_month', not both"):
        make_engine({"x": {"kind": "count", "source": "orders", "by": "rep", "by_month": True}},
                    [table("orders", ORDERS)])


def test_by_month_needs_a_date_column(make_engine, table):
    engine, _ = make_engine({"x": {"kind": "count", "source": "orders", "by_month": True}},
                            [table("orders", ORDERS, date_column=None)])
    with pytest.raises(MetricError, match="'by_month' needs a date column"):
        engine.get("x")


def test_window_all_lists_every_month_the_data_covers(compute):
    result, diag = compute({"sales": {"kind": "total", "source": "orders", "column": "amount",
                                      "by_month": True, "window": "all"}}, "sales")
    assert result.items == [("2025-06", 100.0), ("2025-07", 250.0), ("2025-08", None),
                            ("2025-09", 70.0), ("2025-10", 300.0), ("2025-11", 410.0),
                            ("2025-12", 999.0)]
    assert "in all dates, by month" in result.source
    total, _ = compute({"all": {"kind": "total", "source": "orders", "column": "amount",
                                "window": "all"}}, "all")
    assert total.value == 2129.0
