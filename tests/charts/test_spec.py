"""The chart spec both renderers draw: categories, labels in the seed's conventions, highlight,
benchmark, waterfall steps, months; and the config errors a chart can cause."""

from __future__ import annotations

import pytest

from reviewdeck.charts import design
from reviewdeck.charts.spec import ChartDataError, ChartInputs, make_spec, month_labels
from reviewdeck.metrics.values import Series, Value

M = "\u2212"


def series(name, items, unit="money", dimension="region", label=""):
    return Series(name, items, unit, "higher", label or name, f"{name} source", dimension)


REGIONS = series("region_sales", [("华东", 680000.0), ("华北", 380000.0), ("华南", 220000.0)],
                 label="区域销售额")


def spec(type_, *main, **kw):
    return make_spec(ChartInputs(type=type_, series=list(main),
                                 names=[s.label for s in main], **kw))


def test_money_labels_are_written_in_wan_and_the_largest_is_highlighted() -> None:
    s = spec("column", REGIONS, title="区域销售额")
    assert s.series[0].labels == ["68万", "38万", "22万"]
    assert s.highlight == 0
    assert s.alt_text == "区域销售额：华东 68万，华北 38万，华南 22万"


def test_small_amounts_keep_their_yuan_and_rates_are_percentages() -> None:
    aov = series("aov", [("10月", 984.79), ("11月", 920.29)])
    assert spec("column", aov).series[0].labels == ["985元", "920元"]
    conv = series("conv", [("直销", 0.30137), ("线上广告", 0.1793)], unit="rate")
    assert spec("column", conv).series[0].labels == ["30%", "18%"]


def test_a_benchmark_is_a_line_on_columns_and_a_ranked_grey_bar_on_bars() -> None:
    conv = series("conv", [("经销商", 0.22), ("直销", 0.30), ("线上广告", 0.18)], unit="rate")
    col = spec("column", conv, benchmark=0.25, benchmark_label="行业平均")
    assert col.benchmark_style == "line" and col.categories == ["经销商", "直销", "线上广告"]
    assert col.benchmark_text == "25%" and col.alt_text.endswith("；行业平均 25%")
    bar = spec("bar", conv, benchmark=0.25, benchmark_label="行业平均", highlight="min")
    assert bar.benchmark_style == "category"
    assert bar.categories == ["直销", "行业平均", "经销商", "线上广告"]
    assert bar.series[0].values == [0.30, 0.25, 0.22, 0.18]
    assert bar.highlight == 3  # the minimum, never the benchmark itself


def test_a_100_percent_stack_labels_each_layer_with_its_share() -> None:
    a = series("a", [("1月", 30.0), ("2月", 10.0)], dimension="x", label="线上")
    b = series("b", [("1月", 70.0), ("2月", 30.0)], dimension="x", label="线下")
    s = spec("stacked_column_100", a, b)
    assert [x.labels for x in s.series] == [["30%", "25%"], ["70%", "75%"]]
    assert s.total_labels == []
    stacked = spec("stacked_column", a, b)
    assert stacked.total_labels == ["100元", "40元"]


def test_months_read_as_months_and_show_the_year_where_it_changes() -> None:
    assert month_labels(["2025-01", "2025-02", "2025-11"], "zh-CN") == ["1月", "2月", "11月"]
    assert month_labels(["2024-12", "2025-01", "2025-02"], "zh-CN") == [
        "24年12月", "25年1月", "2月"]
    assert month_labels(["2024-12", "2025-01"], "en") == ["Dec 24", "Jan 25"]
    sales = series("sales_m", [("2025-10", 1112814.31), ("2025-11", 1280117.35)],
                   dimension="month")
    assert spec("line", sales).categories == ["10月", "11月"]


def test_a_waterfall_runs_from_start_through_sorted_changes_to_end() -> None:
    delta = series("delta", [("手环", -40929.0), ("智能手表", 110000.0), ("耳机", 68000.0)],
                   label="变化")
    start = Value("prev", 1112814.31, "money", label="10月销售额")
    end = Value("now", 1280117.35, "money", label="11月销售额")
    s = spec("waterfall", delta, start=start, end=end)
    assert s.categories == ["10月销售额", "智能手表", "耳机", "手环", "其他", "11月销售额"]
    assert s.steps == ["total", "delta", "delta", "delta", "delta", "total"]
    assert s.series[0].labels[:4] == ["111.3万", "+11万", "+6.8万", f"{M}4.1万"]
    other = s.series[0].values[4]
    assert other == pytest.approx(1280117.35 - 1112814.31 - 110000 - 68000 + 40929)
    spans = design.waterfall_spans(s)
    assert spans[0] == (0.0, 1112814.31) and spans[-1] == (0.0, 1280117.35)
    assert spans[3] == pytest.approx((1112814.31 + 178000 - 40929, 1112814.31 + 178000))


def test_a_waterfall_of_rates_is_refused() -> None:
    with pytest.raises(ChartDataError, match="adds up amounts"):
        spec("waterfall", series("r", [("a", 0.1)], unit="rate"))


def test_a_doughnut_shows_shares_on_the_ring_amounts_beside_it_and_the_total_inside() -> None:
    s = spec("doughnut", REGIONS, highlight="none")
    assert s.series[0].labels == ["53%", "30%", "17%"]
    assert s.legend_labels == ["68万", "38万", "22万"]
    assert (s.center_label, s.center_caption) == ("128万", "合计")
    assert "华东 68万（53%）" in s.alt_text
    pie = spec("pie", REGIONS)
    assert pie.series[0].labels[0] == "68万（53%）" and pie.center_label == ""


def test_a_bullet_pairs_each_actual_with_its_target() -> None:
    actual = series("a", [("2025-10", 1112814.0), ("2025-11", 1280117.0)], dimension="month")
    target = series("t", [("2025-10", 1200000.0), ("2025-11", 1500000.0)], dimension="month")
    s = spec("bullet", actual, target=target)
    assert [x.role for x in s.series] == ["", "target"]
    assert s.series[1].labels == ["120万", "150万"]
    assert "11月 128万（目标150万，85%）" in s.alt_text
    flat = spec("bullet", actual, target=Value("t", 1500000.0, "money"))
    assert flat.series[1].values == [1500000.0, 1500000.0]


def test_a_combo_line_keeps_its_own_unit() -> None:
    sales = series("sales", [("2025-10", 1112814.0), ("2025-11", 1280117.0)], dimension="month")
    rate = series("ach", [("2025-10", 0.93), ("2025-11", 0.853)], unit="rate", dimension="month",
                  label="达成率")
    s = spec("combo", sales, line=rate, line_name="达成率", benchmark=1.0,
             benchmark_label="目标线")
    assert [(x.role, x.unit) for x in s.series] == [("", ""), ("line", "rate")]
    assert s.series[1].labels == ["93%", "85%"] and s.benchmark_text == "100%"
    lo, hi = design.value_range(s, "zh-CN", secondary=True)
    assert lo < 0.853 and 1.0 < hi  # the line runs in a band above the columns


def test_sparkline_tiles_carry_the_latest_value_and_its_change() -> None:
    sales = series("s", [("2025-10", 1112814.31), ("2025-11", 1280117.35)], dimension="month",
                   label="销售额")
    share = series("p", [("2025-10", 0.25), ("2025-11", 0.38)], unit="rate", dimension="month",
                   label="促销占比")
    s = spec("sparkline", sales, share)
    assert [(x.headline, x.change) for x in s.series] == [("128万", "+15%"),
                                                          ("38%", "+13个百分点")]


def test_end_labels_of_close_lines_are_pushed_apart_inside_the_plot() -> None:
    offsets = design.end_label_offsets([100.0, 101.0, None, 150.0], 0.0, 160.0, 200.0, 12.0)
    positions = [v / 160 * 200 + d for v, d in zip([100.0, 101.0, 0.0, 150.0], offsets)]
    assert offsets[2] == 0.0
    assert positions[1] - positions[0] >= 14.4 - 1e-9
    assert positions[3] + 12 * 0.6 <= 200 + 1e-9


# ------------------------------------------------------------------ config errors
CHART_DECK = """\
title: 图表
period: 2025-11
data:
  orders: {path: orders.csv, date_column: order_date, columns: {amount: money}}
metrics:
  sales: {kind: total, source: orders, column: amount}
  by_rep: {kind: total, source: orders, column: amount, by: rep}
chapters:
  - title: 图表
    slides:
      - kind: chart
        title: 图
        chart: CHART
"""


@pytest.mark.parametrize("chart, message", [
    ("{type: combo, metric: by_rep}", "a combo chart needs 'line'"),
    ("{type: bullet, metric: by_rep}", "a bullet chart needs 'target'"),
    ("{type: line}", "give either 'metric' or 'series'"),
    ("{type: line, series: [by_rep, sales]}", "'sales' is a single value"),
    ("{type: waterfall, metric: by_rep, start: by_rep}",
     "'start' of a waterfall chart cannot be the series metric 'by_rep'"),
    ("{type: stacked_colum, metric: by_rep}", "did you mean 'stacked_column'?"),
])
def test_a_chart_that_cannot_be_drawn_is_a_located_config_error(
        chart, message, tmp_path, write_config, run_cli, user_error, orders_csv,
        line_of) -> None:
    text = CHART_DECK.replace("CHART", chart)
    config = write_config(tmp_path, text, {"orders.csv": orders_csv})
    err = user_error(run_cli("build", config, "--plan"))
    assert message in err
    assert f"{config}:{line_of(text, 'chart:')}:" in err, err
