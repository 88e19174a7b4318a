"""The metric vocabulary over small hand-made tables, for the period 2025-11 unless told."""

from __future__ import annotations

import pytest

from reviewdeck.errors import DataError, MetricError
from reviewdeck.metrics.values import Series, Value

M = "\u2212"  # the minus sign the decks print (it never breaks from its number)

# November 2025: 600 + 300 + 100 + 1,000 = 2,000 over 4 orders, customers C1 C2 C1 C3.
ORDERS = [
    {"date": "2025-11-02", "rep": "张伟", "region": "华南", "product": "手表", "amount": 600.0,
     "cust": "C1", "promo": 1},
    {"date": "2025-11-05", "rep": "张伟", "region": "华东", "product": "手环", "amount": 300.0,
     "cust": "C2", "promo": 0},
    {"date": "2025-11-09", "rep": "李娜", "region": "华东", "product": "手表", "amount": 100.0,
     "cust": "C1", "promo": 0},
    {"date": "2025-11-20", "rep": "李娜", "region": "华北", "product": "配件", "amount": 1000.0,
     "cust": "C3", "promo": 1},
    # other months
    {"date": "2025-10-09", "rep": "张伟", "region": "华东", "product": "手表", "amount": 500.0,
     "cust": "C4", "promo": 0},
    {"date": "2025-10-19", "rep": "李娜", "region": "华南", "product": "手环", "amount": 300.0,
     "cust": "C1", "promo": 0},
    {"date": "2025-09-10", "rep": "张伟", "region": "华东", "product": "手表", "amount": 200.0,
     "cust": "C5", "promo": 0},
    {"date": "2025-07-07", "rep": "王芳", "region": "西南", "product": "手表", "amount": 700.0,
     "cust": "C6", "promo": 0},
    {"date": "2025-01-15", "rep": "王芳", "region": "西南", "product": "手表", "amount": 100.0,
     "cust": "C6", "promo": 0},
    {"date": "2025-12-01", "rep": "王芳", "region": "西南", "product": "手表", "amount": 9999.0,
     "cust": "C7", "promo": 0},
    {"date": "2024-11-11", "rep": "张伟", "region": "华东", "product": "手表", "amount": 1600.0,
     "cust": "C1", "promo": 0},
]
TARGETS = [
    {"date": "2025-11-01", "metric": "sales", "target": 2500.0},
    {"date": "2025-11-01", "metric": "zero", "target": 0.0},
    {"date": "2025-11-01", "metric": "days", "target": 5.0},
    {"date": "2025-11-01", "metric": "spend", "target": 400.0},
    {"date": "2025-11-01", "metric": "spend", "target": 100.0},
]
# November: 10 leads whose furthest stages are 4 线索, 2 初步意向, 1 深度沟通, 3 成交;
# October: 5 leads, 1 成交; September: 5 leads, 1 成交.
STAGES = ["线索", "初步意向", "深度沟通", "成交"]
LEADS = (
    [{"date": "2025-11-03", "stage": s, "days": d}
     for s, d in zip(["线索"] * 4 + ["初步意向"] * 2 + ["深度沟通"] + ["成交"] * 3,
                     [2, 4, 6, 4, 3, 5, 4, 3, 5, 4], strict=True)]
    + [{"date": "2025-10-03", "stage": s, "days": 1} for s in ["线索"] * 4 + ["成交"]]
    + [{"date": "2025-09-03", "stage": s, "days": 1} for s in ["线索"] * 4 + ["成交"]]
)

METRICS = {
    "sales": {"kind": "total", "source": "orders", "column": "amount", "label": "销售额"},
    "n": {"kind": "count", "source": "orders"},
    "customers": {"kind": "distinct", "source": "orders", "column": "cust"},
    "mean_order": {"kind": "mean", "source": "orders", "column": "amount"},
    "per_rep": {"kind": "average", "source": "orders", "column": "amount", "per": "rep"},
    "region_sales": {"kind": "total", "source": "orders", "column": "amount", "by": "region"},
    "target": {"kind": "total", "source": "targets", "column": "target",
               "where": {"metric": "sales"}},
    "leads": {"kind": "count", "source": "leads"},
    "won": {"kind": "count", "source": "leads", "where": {"stage": "成交"}},
    "conversion": {"kind": "ratio", "numerator": "won", "denominator": "leads"},
}


@pytest.fixture
def engine(make_engine, table):
    """An engine over orders, targets and leads with METRICS plus any extra metrics."""

    def go(extra=None, period="2025-11"):
        tables = [table("orders", ORDERS), table("targets", TARGETS), table("leads", LEADS)]
        return make_engine({**METRICS, **(extra or {})}, tables, period)

    return go


def value(eng, name):
    result = eng.get(name)
    assert isinstance(result, Value), result
    return result.value


# ---------------------------------------------------------------- row metrics
def test_total_count_distinct_mean_and_average_per(engine):
    eng, diag = engine()
    assert value(eng, "sales") == 2000
    assert str(eng.get("sales")) == "2,000元"
    assert value(eng, "n") == 4
    assert str(eng.get("n")) == "4"
    assert value(eng, "customers") == 3
    assert value(eng, "mean_order") == 500
    # 张伟 900, 李娜 1,100: the average rep sold 1,000
    assert value(eng, "per_rep") == 1000
    assert diag.warnings == []


def test_filters_with_operators(engine):
    eng, _ = engine({
        "big": {"kind": "count", "source": "orders", "where": {"amount": {">=": 600}}},
        "east_north": {"kind": "count", "source": "orders", "where": {"region": ["华东", "华北"]}},
        "mid": {"kind": "total", "source": "orders", "column": "amount",
                "where": {"amount": {"between": [300, 600]}}},
        "not_watch": {"kind": "count", "source": "orders",
                      "where": {"product": {"not_in": ["手表"]}}},
        "promo": {"kind": "total", "source": "orders", "column": "amount", "where": {"promo": 1}},
        "zhang_small": {"kind": "total", "source": "orders", "column": "amount",
                        "where": {"rep": "张伟", "amount": {"<": 500}}},
    })
    assert value(eng, "big") == 2
    assert value(eng, "east_north") == 3
    assert value(eng, "mid") == 900
    assert value(eng, "not_watch") == 2
    assert value(eng, "promo") == 1600
    assert value(eng, "zhang_small") == 300


def test_unknown_filter_operator_suggests_the_nearest(engine):
    eng, _ = engine({"x": {"kind": "count", "source": "orders", "where": {"amount": {">==": 1}}}})
    with pytest.raises(DataError, match="unknown filter operator '>==' on amount.*did you mean"):
        eng.get("x")


def test_by_orders_a_series_by_value_descending(engine):
    eng, _ = engine()
    series = eng.get("region_sales")
    assert isinstance(series, Series)
    assert series.items == [("华北", 1000.0), ("华南", 600.0), ("华东", 400.0)]
    assert series.top.category == "华北"
    assert series.bottom.category == "华东"
    assert str(series["华南"]) == "600元"


def test_by_with_ascending_order_and_an_explicit_category_list(engine):
    eng, _ = engine({
        "asc": {"kind": "total", "source": "orders", "column": "amount", "by": "region",
                "order": "asc"},
        "listed": {"kind": "total", "source": "orders", "column": "amount", "by": "region",
                   "order": ["西南", "华东", "华北", "华南"]},
        "count_by": {"kind": "count", "source": "orders", "by": "rep"},
        "mean_by": {"kind": "mean", "source": "orders", "column": "amount", "by": "rep"},
        "distinct_by": {"kind": "distinct", "source": "orders", "column": "cust", "by": "rep"},
    })
    assert eng.get("asc").items == [("华东", 400.0), ("华南", 600.0), ("华北", 1000.0)]
    # a listed category without rows is a zero total, not a missing one
    assert eng.get("listed").items == [("西南", 0.0), ("华东", 400.0), ("华北", 1000.0),
                                       ("华南", 600.0)]
    assert eng.get("count_by").items == [("张伟", 2.0), ("李娜", 2.0)]
    assert eng.get("mean_by").items == [("李娜", 550.0), ("张伟", 450.0)]
    assert eng.get("distinct_by").items == [("张伟", 2.0), ("李娜", 2.0)]


def test_order_none_keeps_categories_as_found(engine):
    eng, _ = engine({"found": {"kind": "total", "source": "orders", "column": "amount",
                               "by": "region", "order": "none"}})
    # rows of November appear as 华南, 华东, 华东, 华北
    assert eng.get("found").categories == ["华南", "华东", "华北"]


def test_by_on_average_is_refused(engine):
    eng, _ = engine({"bad": {"kind": "average", "source": "orders", "column": "amount",
                             "per": "rep", "by": "region"}})
    with pytest.raises(MetricError, match="'by:' is not supported for kind 'average'"):
        eng.get("bad")


def test_no_rows_in_the_window_gives_no_value_and_a_warning(engine):
    eng, diag = engine(period="2025-05")
    assert value(eng, "sales") is None
    assert str(eng.get("sales")) == "—"
    assert value(eng, "n") is None
    assert ("metric 'sales' (2025-05): orders.csv has no rows in 2025-05-01..2025-05-31"
            in diag.warnings)


def test_rows_but_none_matching_is_zero_not_missing(engine):
    eng, diag = engine({"overseas": {"kind": "count", "source": "orders",
                                     "where": {"region": "海外"}}})
    assert value(eng, "overseas") == 0
    assert diag.warnings == []


def test_mean_of_no_matching_rows_warns(engine):
    eng, diag = engine({"m": {"kind": "mean", "source": "orders", "column": "amount",
                              "where": {"region": "海外"}}})
    assert value(eng, "m") is None
    assert diag.warnings == ["metric 'm' (2025-11): no rows match, so there is no average"]


# ---------------------------------------------------------------- ratio, roi, difference
def test_ratio(engine):
    eng, _ = engine({"aov": {"kind": "ratio", "numerator": "sales", "denominator": "n",
                             "unit": "money"}})
    assert value(eng, "aov") == 500
    assert str(eng.get("aov")) == "500元"
    assert value(eng, "conversion") == pytest.approx(0.3)
    assert str(eng.get("conversion")) == "30%"


def test_ratio_with_zero_denominator_is_no_value_and_a_warning(engine):
    eng, diag = engine({
        "overseas": {"kind": "count", "source": "orders", "where": {"region": "海外"}},
        "per_overseas": {"kind": "ratio", "numerator": "sales", "denominator": "overseas"},
    })
    assert value(eng, "per_overseas") is None
    assert str(eng.get("per_overseas")) == "—"
    assert diag.warnings == ["metric 'per_overseas' (2025-11): no value: the denominator is zero"]


def test_series_ratio_with_a_zero_category_names_it(engine):
    eng, diag = engine({
        "promo_by": {"kind": "total", "source": "orders", "column": "amount", "by": "region",
                     "where": {"promo": 1}, "order": ["华北", "华东", "华南"]},
        "ratio": {"kind": "ratio", "numerator": "region_sales", "denominator": "promo_by"},
    })
    assert eng.get("ratio").items == [("华北", 1.0), ("华南", 1.0), ("华东", None)]
    assert diag.warnings == ["metric 'ratio' (2025-11): no value for 华东: the denominator is zero"]


def test_roi_and_difference(engine):
    eng, _ = engine({
        "spend": {"kind": "total", "source": "targets", "column": "target",
                  "where": {"metric": "spend"}},
        "roi": {"kind": "roi", "revenue": "sales", "cost": "spend"},
        "short": {"kind": "difference", "a": "sales", "b": "target"},
    })
    assert value(eng, "roi") == 4.0
    assert str(eng.get("roi")) == "1:4.0"
    assert value(eng, "short") == -500
    assert str(eng.get("short")) == f"{M}500元"


# ---------------------------------------------------------------- achievement
def test_achievement_rate_gap_and_gap_rate(engine):
    eng, diag = engine({"ach": {"kind": "achievement", "actual": "sales", "target": "target"}})
    ach = eng.get("ach")
    assert ach.value == pytest.approx(0.8)
    assert str(ach) == "80%"
    assert ach.gap.value == -500
    assert str(ach.gap) == f"{M}500元"
    assert ach.gap_rate.value == pytest.approx(-0.2)
    assert str(ach.gap_rate) == f"{M}20%"
    assert ach.actual.value == 2000 and ach.target.value == 2500
    assert diag.warnings == []


def test_achievement_against_a_zero_target(engine):
    eng, diag = engine({
        "zero_t": {"kind": "total", "source": "targets", "column": "target",
                   "where": {"metric": "zero"}},
        "ach": {"kind": "achievement", "actual": "sales", "target": "zero_t"},
    })
    ach = eng.get("ach")
    assert ach.value is None
    assert ach.gap.value == 2000
    assert ach.gap_rate.value is None
    assert diag.warnings == [
        "metric 'ach' (2025-11): the target 'zero_t' is zero, so there is no achievement rate"]


def test_lower_is_better_has_no_plain_rate_and_a_positive_gap_rate_when_better(engine):
    eng, _ = engine({
        "follow": {"kind": "mean", "source": "leads", "column": "days", "direction": "lower",
                   "unit": "days"},
        "days_t": {"kind": "total", "source": "targets", "column": "target",
                   "where": {"metric": "days"}, "unit": "days"},
        "ach": {"kind": "achievement", "actual": "follow", "target": "days_t"},
    })
    ach = eng.get("ach")
    assert eng.get("follow").value == 4.0
    assert ach.value is None  # 80% of the target days would read as a failure
    assert ach.gap.value == -1
    assert ach.gap.unit == "days"
    assert ach.gap_rate.value == pytest.approx(0.2)  # 20% better than the target


def test_lower_is_better_series_achievement_gives_no_false_warning(engine):
    eng, diag = engine({
        "days_by": {"kind": "mean", "source": "leads", "column": "days", "by": "stage",
                    "direction": "lower"},
        "days_t": {"kind": "total", "source": "targets", "column": "target",
                   "where": {"metric": "days"}},
        "ach": {"kind": "achievement", "actual": "days_by", "target": "days_t"},
    })
    assert all(v is None for v in eng.get("ach").values)
    assert diag.warnings == []


# ---------------------------------------------------------------- change
def test_change_vs_previous_and_last_year_is_relative(engine):
    eng, _ = engine({
        "mom": {"kind": "change", "metric": "sales", "vs": "previous"},
        "yoy": {"kind": "change", "metric": "sales", "vs": "last_year"},
    })
    mom, yoy = eng.get("mom"), eng.get("yoy")
    assert mom.value == pytest.approx(2000 / 800 - 1)
    assert str(mom) == "+150%"
    assert mom.prior.value == 800 and mom.now.value == 2000
    assert yoy.value == pytest.approx(0.25)
    assert str(yoy) == "+25%"
    assert yoy.prior.value == 1600


def test_change_of_a_rate_is_in_points(engine):
    eng, _ = engine({"conv_mom": {"kind": "change", "metric": "conversion", "vs": "previous"}})
    change = eng.get("conv_mom")
    # 3 of 10 in November against 1 of 5 in October
    assert change.value == pytest.approx(0.1)
    assert change.unit == "points"
    assert str(change) == "+10个百分点"
    assert str(change.prior) == "20%"


def test_change_of_a_rate_can_be_asked_relative(engine):
    eng, _ = engine({"conv_mom": {"kind": "change", "metric": "conversion", "mode": "relative"}})
    assert eng.get("conv_mom").value == pytest.approx(0.5)
    assert str(eng.get("conv_mom")) == "+50%"


def test_change_from_zero_is_no_value_and_a_warning(engine):
    eng, diag = engine({
        "north": {"kind": "count", "source": "orders", "where": {"region": "华北"}},
        "north_mom": {"kind": "change", "metric": "north"},
    })
    assert value(eng, "north_mom") is None
    assert diag.warnings == ["metric 'north_mom' (2025-11): no value: the denominator is zero"]


def test_change_of_a_series_matches_categories(engine):
    eng, _ = engine({
        "by_product": {"kind": "total", "source": "orders", "column": "amount", "by": "product"},
        "product_mom": {"kind": "change", "metric": "by_product"},
    })
    # November 配件 1,000 · 手表 700 · 手环 300; October 手表 500 · 手环 300
    assert eng.get("product_mom").items == [("配件", None), ("手表", pytest.approx(0.4)),
                                            ("手环", 0.0)]


# ---------------------------------------------------------------- share and rank
def test_share_of_a_series_total(engine):
    eng, _ = engine({"region_share": {"kind": "share", "metric": "region_sales"}})
    share = eng.get("region_share")
    assert share.items == [("华北", 0.5), ("华南", 0.3), ("华东", 0.2)]
    assert str(share["华南"]) == "30%"


def test_share_of_a_scalar(engine):
    eng, _ = engine({
        "promo": {"kind": "total", "source": "orders", "column": "amount", "where": {"promo": 1}},
        "promo_share": {"kind": "share", "metric": "promo", "of": "sales"},
    })
    assert value(eng, "promo_share") == pytest.approx(0.8)
    assert str(eng.get("promo_share")) == "80%"


def test_share_of_a_single_value_needs_of(engine):
    eng, _ = engine({"bad": {"kind": "share", "metric": "sales"}})
    with pytest.raises(MetricError, match="share of 'sales' needs 'of:'"):
        eng.get("bad")


def test_rank_top_and_bottom(engine):
    eng, _ = engine({
        "top2": {"kind": "rank", "metric": "region_sales", "top": 2},
        "worst": {"kind": "rank", "metric": "region_sales", "bottom": 1},
    })
    assert eng.get("top2").items == [("华北", 1000.0), ("华南", 600.0)]
    assert eng.get("worst").items == [("华东", 400.0)]


def test_rank_of_a_single_value_is_refused(engine):
    eng, _ = engine({"bad": {"kind": "rank", "metric": "sales", "top": 1}})
    with pytest.raises(MetricError, match="rank needs a series metric"):
        eng.get("bad")


# ---------------------------------------------------------------- funnel
def test_funnel_counts_rows_that_reached_each_stage(engine):
    eng, diag = engine({"funnel": {"kind": "funnel", "source": "leads", "column": "stage",
                                   "stages": STAGES}})
    funnel = eng.get("funnel")
    assert funnel.items == [("线索", 10.0), ("初步意向", 6.0), ("深度沟通", 4.0), ("成交", 3.0)]
    assert funnel.conversions.items == [
        ("线索→初步意向", pytest.approx(0.6)), ("初步意向→深度沟通", pytest.approx(4 / 6)),
        ("深度沟通→成交", pytest.approx(0.75))]
    assert [str(v) for v in funnel.conversions] == ["60%", "67%", "75%"]
    assert funnel.overall.value == pytest.approx(0.3)
    assert diag.warnings == []


def test_funnel_warns_about_stages_it_does_not_know(make_engine, table):
    rows = LEADS + [{"date": "2025-11-04", "stage": "流失", "days": 1}]
    eng, diag = make_engine({"funnel": {"kind": "funnel", "source": "leads", "column": "stage",
                                        "stages": STAGES}}, [table("leads", rows)])
    assert eng.get("funnel")[0].value == 10
    assert diag.warnings == ["metric 'funnel' (2025-11): stage values not in 'stages': 流失"]


# ---------------------------------------------------------------- windows
@pytest.mark.parametrize("window,expected", [
    ("current", 2000.0),
    ("previous", 800.0),
    ("last_year", 1600.0),
    ("trailing_3", 3000.0),          # Sep-Nov
    ("qtd", 2800.0),                 # Oct-Nov
    ("ytd", 3800.0),                 # Jan-Nov
    ("quarter", 12799.0),            # Oct-Dec, including December's 9,999
    ("last_quarter", 900.0),         # Jul-Sep
    ("year", 13799.0),
])
def test_windows(engine, window, expected):
    eng, _ = engine({"w": {"kind": "total", "source": "orders", "column": "amount",
                           "window": window}})
    assert value(eng, "w") == expected


def test_a_ratio_over_a_window_computes_both_sides_over_it(engine):
    eng, _ = engine({"conv_3m": {"kind": "ratio", "numerator": "won", "denominator": "leads",
                                 "window": "trailing_3"}})
    # Sep-Nov: 3 + 1 + 1 won of 10 + 5 + 5 leads
    assert value(eng, "conv_3m") == pytest.approx(0.25)
    assert value(eng, "conversion") == pytest.approx(0.3)  # its parts stay in November


def test_quarter_period_compares_with_the_previous_quarter(engine):
    eng, _ = engine({"qoq": {"kind": "change", "metric": "sales"}}, period="2025Q4")
    assert value(eng, "sales") == 12799
    assert eng.get("qoq").prior.value == 900  # Jul-Sep


# ---------------------------------------------------------------- definition errors
def test_cycle_between_metrics_is_a_metric_error(engine):
    eng, _ = engine({
        "a": {"kind": "ratio", "numerator": "b", "denominator": "sales"},
        "b": {"kind": "difference", "a": "sales", "b": "a"},
    })
    with pytest.raises(MetricError, match="metrics refer to each other in a cycle: a -> b -> a"):
        eng.get("a")


def test_unknown_metric_suggests_the_nearest(engine):
    eng, _ = engine({"aov": {"kind": "ratio", "numerator": "slaes", "denominator": "n"}})
    with pytest.raises(MetricError, match=r"unknown metric 'slaes'; did you mean 'sales'\?"):
        eng.get("aov")
    with pytest.raises(MetricError, match=r"'conversoin'; did you mean 'conversion'"):
        eng.get("conversoin")


def test_unknown_source_suggests_the_nearest(engine):
    eng, _ = engine({"x": {"kind": "count", "source": "order"}})
    with pytest.raises(MetricError, match=r"unknown source 'order'; did you mean 'orders'\?"):
        eng.get("x")


def test_unknown_column_suggests_the_nearest(engine):
    eng, _ = engine({"x": {"kind": "total", "source": "orders", "column": "amont"}})
    with pytest.raises(DataError, match=r"orders.csv has no column 'amont'; did you mean 'amount'"):
        eng.get("x")


def test_unknown_metric_in_a_config_names_its_line(tmp_path, basic_config, orders_csv,
                                                  write_config, run_cli, user_error, line_of):
    text = basic_config.replace(
        "  sales: {kind: total",
        "  aov: {kind: ratio, numerator: salse, denominator: sales}\n  sales: {kind: total")
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    err = user_error(run_cli("validate", cfg))
    line = line_of(text, "numerator: salse")
    col = text.splitlines()[line - 1].index("numerator") + 1
    assert (f"{cfg}:{line}:{col} metrics.aov.numerator: "
            "unknown metric 'salse'; did you mean 'sales'?") in err


def test_cycle_in_a_config_exits_2(tmp_path, basic_config, orders_csv, write_config, run_cli,
                                   user_error):
    text = basic_config.replace(
        "  sales: {kind: total",
        "  a: {kind: difference, a: b, b: sales}\n  b: {kind: difference, a: a, b: sales}\n"
        "  sales: {kind: total")
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    err = user_error(run_cli("validate", cfg))
    assert "metrics refer to each other in a cycle: a -> b -> a" in err
