"""Reading sales exports as they come: Chinese encodings, 1,280.50 / 128万 / 23%, odd dates,
合计 footers, Excel preambles, and clear errors naming file, row and column."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

ORDERS_SOURCE = """\
orders:
  path: {path}
  date_column: 日期
  columns: {{金额: money, 转化率: rate}}
"""
ORDER_METRICS = {
    "sales": "{kind: total, source: orders, column: 金额}",
    "n": "{kind: count, source: orders}",
    "rate": "{kind: mean, source: orders, column: 转化率, unit: rate}",
}
SHOW_RAW = {"sales": "{{ sales.value }}", "n": "{{ n }}", "rate": "{{ rate.value }}",
            "shown": "{{ sales }}"}

# Three November rows in three spellings of the date, one October row, a blank line and a
# 合计 footer that repeats the grand total (which must not be added a second time).
EXPORT = (
    "日期,销售员,金额,转化率\n"
    "2025/11/3,张伟,\"1,280.50\",23%\n"
    "2025年11月,李娜,128万,25%\n"
    "2025-11-30,王芳,\"3,000\",0.30\n"
    "2025/10/31,张伟,999,10%\n"
    "\n"
    "合计,,\"1,285,279.50\",\n"
)
NOV_SALES = 1280.50 + 1_280_000 + 3000


@pytest.fixture
def build_plan(tmp_path, write_config, figures_deck, run_cli):
    """Write data files and a figures deck over them, then run `build --plan`."""

    def go(files, data=None, metrics=None, show=None, *extra):
        text = figures_deck(data or ORDERS_SOURCE.format(path="orders.csv"),
                            metrics or ORDER_METRICS, show=show)
        cfg = write_config(tmp_path, text, files)
        return cfg, run_cli("build", cfg, "--plan", *extra)

    return go


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_encodings_with_chinese_headers_give_the_right_totals(build_plan, figures, encoding):
    cfg, result = build_plan({"orders.csv": EXPORT.encode(encoding)}, show=SHOW_RAW)
    got = figures(result)
    assert float(got["sales"]) == pytest.approx(NOV_SALES)
    assert got["shown"] == "128.4万元"
    assert got["n"] == "3"
    assert float(got["rate"]) == pytest.approx((0.23 + 0.25 + 0.30) / 3)


def test_gb18030_only_characters_are_decoded(build_plan, figures):
    # 𠮷 is outside GBK: only a GB18030 reading finds this rep.
    csv = "日期,销售员,金额\n2025-11-01,𠮷野,100\n2025-11-02,张伟,50\n"
    data = """\
    orders:
      path: orders.csv
      date_column: 日期
      columns: {金额: money}
    """
    metrics = {"yoshino": "{kind: total, source: orders, column: 金额, where: {销售员: 𠮷野}}"}
    _, result = build_plan({"orders.csv": csv.encode("gb18030")}, data, metrics,
                           {"yoshino": "{{ yoshino | yuan }}"})
    assert figures(result) == {"yoshino": "100元"}


def test_explicit_encoding_is_used(build_plan, figures):
    data = ORDERS_SOURCE.format(path="orders.csv") + "  encoding: gbk\n"
    _, result = build_plan({"orders.csv": EXPORT.encode("gbk")}, data, show={"n": "{{ n }}"})
    assert figures(result) == {"n": "3"}


def test_wrong_explicit_encoding_is_a_user_error(build_plan, user_error):
    data = ORDERS_SOURCE.format(path="orders.csv") + "  encoding: utf-8\n"
    _, result = build_plan({"orders.csv": EXPORT.encode("gbk")}, data)
    err = user_error(result)
    assert "orders.csv: not readable as utf-8" in err
    assert "set 'encoding:' on the source" in err


def test_amounts_rates_and_dates_are_coerced(build_plan, figures):
    _, result = build_plan({"orders.csv": EXPORT}, show={
        "sales": "{{ sales.value }}", "rate": "{{ rate }}", "n": "{{ n }}"})
    # 1,280.50 + 128万 + 3,000 (the October row and the 合计 footer are left out)
    assert figures(result) == {"sales": "1284280.5", "rate": "26%", "n": "3"}


def test_rates_written_as_plain_percent_numbers(build_plan, figures):
    csv = "日期,金额,转化率\n2025-11-01,1,23\n2025-11-02,1,0.25\n2025-11-03,1,27%\n"
    _, result = build_plan({"orders.csv": csv}, show={"rate": "{{ rate.value }}"})
    assert float(figures(result)["rate"]) == pytest.approx(0.25)


@pytest.mark.parametrize("period,expected", [("2025-11", "3"), ("2025-10", "1"), ("2025-09", "—")])
def test_dates_in_several_spellings_land_in_the_right_month(build_plan, figures, period, expected):
    _, result = build_plan({"orders.csv": EXPORT}, None, None, {"n": "{{ n }}"},
                           "--period", period)
    assert figures(result) == {"n": expected}


def test_total_footer_and_blank_rows_are_ignored_with_a_warning(build_plan, figures):
    _, result = build_plan({"orders.csv": EXPORT}, show={"sales": "{{ sales.value }}"})
    assert float(figures(result)["sales"]) == pytest.approx(NOV_SALES)
    assert "warning: orders.csv: ignored 1 total row(s) (合计/Total)" in result.stderr


def test_english_total_footer_is_ignored(build_plan, figures):
    csv = "日期,金额,转化率\n2025-11-01,100,1%\n2025-11-02,200,1%\nTotal,300,\n"
    _, result = build_plan({"orders.csv": csv}, show={"sales": "{{ sales | yuan }}"})
    assert figures(result) == {"sales": "300元"}
    assert "ignored 1 total row(s)" in result.stderr


def _excel_with_preamble(path, rows):
    """An export whose header is on row 3, below a title and an export-time line."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["华东区销售明细"])
    sheet.append(["导出时间：2025-12-01"])
    sheet.append(["日期", "销售员", "金额", "转化率"])
    for row in rows:
        sheet.append(row)
    book.save(path)


EXCEL_ROWS = [
    ["2025-11-01", "张伟", "1,280.50", "23%"],       # row 4
    ["2025/11/15", "李娜", 225000, 0.25],            # row 5
    ["2025-10-15", "张伟", 5, 0.1],                  # row 6 (October)
    ["合计", None, 226285.5, None],                  # row 7
]


def test_excel_with_header_on_row_3(tmp_path, build_plan, figures):
    _excel_with_preamble(tmp_path / "orders.xlsx", EXCEL_ROWS)
    data = ORDERS_SOURCE.format(path="orders.xlsx") + "  header_row: 3\n"
    _, result = build_plan({}, data, show={"sales": "{{ sales }}", "exact": "{{ sales.value }}",
                                           "n": "{{ n }}"})
    got = figures(result)
    assert got["sales"] == "22.6万元"
    assert float(got["exact"]) == pytest.approx(226280.5)
    assert got["n"] == "2"
    assert "orders.xlsx: ignored 1 total row(s)" in result.stderr


def test_excel_written_by_pandas_with_a_named_sheet(tmp_path, build_plan, figures):
    frame = pd.DataFrame({"日期": ["2025-11-02", "2025-11-09"], "金额": ["128万", "2万"],
                          "转化率": ["10%", "20%"]})
    with pd.ExcelWriter(tmp_path / "orders.xlsx") as writer:
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="说明", index=False)
        frame.to_excel(writer, sheet_name="明细", index=False)
    data = ORDERS_SOURCE.format(path="orders.xlsx") + "  sheet: 明细\n"
    _, result = build_plan({}, data, show={"sales": "{{ sales }}"})
    assert figures(result) == {"sales": "130万元"}


def test_excel_bad_cell_names_the_sheet_row(tmp_path, build_plan, user_error):
    bad_row = ["2025-11-20", "王芳", "abc", 0.1]  # row 7, below three good rows
    _excel_with_preamble(tmp_path / "orders.xlsx", EXCEL_ROWS[:3] + [bad_row])
    data = ORDERS_SOURCE.format(path="orders.xlsx") + "  header_row: 3\n"
    _, result = build_plan({}, data)
    err = user_error(result)
    assert "orders.xlsx, row 7, column '金额': 'abc' is not a valid money" in err


def test_parquet_source(tmp_path, build_plan, figures):
    pd.DataFrame({"日期": pd.to_datetime(["2025-11-02", "2025-10-09"]), "金额": [1_280_000.0, 5.0],
                  "转化率": [0.2, 0.3]}).to_parquet(tmp_path / "orders.parquet")
    _, result = build_plan({}, ORDERS_SOURCE.format(path="orders.parquet"),
                           show={"sales": "{{ sales }}"})
    assert figures(result) == {"sales": "128万元"}


# ---------------------------------------------------------------- errors
def test_missing_column_names_file_column_and_suggestion(build_plan, user_error, line_of):
    csv = "日期,金 额,转化率\n2025-11-01,100,1%\n"
    cfg, result = build_plan({"orders.csv": csv})
    err = user_error(result)
    line = line_of(cfg.read_text(encoding="utf-8"), "columns: {金额")
    assert f"{cfg}:{line}:15 data.orders.columns.金额:" in err
    assert "orders.csv: column '金额' is missing; did you mean '金 额'?" in err
    assert "the file has: 日期, 金 额, 转化率" in err


def test_missing_date_column_is_named(build_plan, user_error):
    csv = "date,金额,转化率\n2025-11-01,100,1%\n"
    _, result = build_plan({"orders.csv": csv})
    assert "orders.csv: date column '日期' is missing" in user_error(result)


def test_column_only_a_metric_uses_is_checked_too(build_plan, user_error):
    metrics = {"rate": "{kind: mean, source: orders, column: 转换率}"}
    cfg, result = build_plan({"orders.csv": EXPORT}, None, metrics)
    err = user_error(result)
    assert "metrics.rate.column: orders.csv has no column '转换率'; did you mean '转化率'?" in err


def test_undeclared_text_amounts_ask_for_a_column_type(build_plan, user_error):
    metrics = {"sales": "{kind: total, source: orders, column: 销售员}"}
    _, result = build_plan({"orders.csv": EXPORT}, None, metrics)
    err = user_error(result)
    assert ("column '销售员' of orders.csv is not numeric; "
            "declare it under the source's columns") in err


def test_non_numeric_cell_names_file_row_and_column(build_plan, user_error):
    csv = "日期,金额,转化率\n2025-11-01,100,1%\n2025-11-02,200,2%\n2025-11-03,abc,3%\n"
    cfg, result = build_plan({"orders.csv": csv})
    err = user_error(result)
    assert ("data.orders.columns.金额: orders.csv, row 4, column '金额': "
            "'abc' is not a valid money") in err


def test_non_numeric_cell_with_header_on_row_3(build_plan, user_error):
    csv = "销售报表\n导出时间 2025-12-01\n日期,金额,转化率\n2025-11-01,100,1%\n2025-11-03,100,多%\n"
    data = ORDERS_SOURCE.format(path="orders.csv") + "  header_row: 3\n"
    _, result = build_plan({"orders.csv": csv}, data)
    assert "orders.csv, row 5, column '转化率': '多%' is not a valid rate" in user_error(result)


@pytest.mark.parametrize("skipped_row", ["\n", "合计,300,\n"])
def test_bad_cell_row_counts_rows_dropped_above_it(build_plan, user_error, skipped_row):
    csv = ("日期,金额,转化率\n2025-11-01,100,1%\n2025-11-02,200,2%\n" + skipped_row
           + "2025-11-03,abc,3%\n")  # 'abc' is on line 5 of the file
    _, result = build_plan({"orders.csv": csv})
    assert "orders.csv, row 5, column '金额'" in user_error(result)


def test_bad_date_names_file_row_and_column(build_plan, user_error):
    csv = "日期,金额,转化率\n2025-11-01,100,1%\n2025-13-45,100,1%\n"
    _, result = build_plan({"orders.csv": csv})
    assert "orders.csv, row 3, column '日期': '2025-13-45' is not a date" in user_error(result)


def test_empty_file(tmp_path, build_plan, user_error):
    _, result = build_plan({"orders.csv": b""})
    assert user_error(result) == f"error: {tmp_path / 'orders.csv'}: the file is empty\n"


def test_header_only_file(build_plan, user_error):
    cfg, result = build_plan({"orders.csv": "日期,金额,转化率\n"})
    err = user_error(result)
    assert f"{cfg}:4:3 data.orders: orders.csv: has a header but no data rows" in err


def test_file_of_only_a_total_row(build_plan, user_error):
    _, result = build_plan({"orders.csv": "日期,金额,转化率\n合计,100,\n"})
    assert "orders.csv: has a header but no data rows" in user_error(result)


def test_missing_data_file_names_the_path(tmp_path, build_plan, user_error):
    cfg, result = build_plan({})
    err = user_error(result)
    assert f"data file not found: {tmp_path / 'orders.csv'}" in err
    assert f"{cfg}:4:3 data.orders:" in err


def test_unknown_suffix_asks_for_a_format(build_plan, user_error):
    _, result = build_plan({"orders.dat": EXPORT}, ORDERS_SOURCE.format(path="orders.dat"))
    assert "cannot tell the format from the suffix; set 'format:'" in user_error(result)


def test_view_of_an_undefined_source_suggests_the_nearest(build_plan, user_error):
    data = ORDERS_SOURCE.format(path="orders.csv") + "mine: {from: order, where: {销售员: 张伟}}\n"
    _, result = build_plan({"orders.csv": EXPORT}, data)
    err = user_error(result)
    assert "source 'mine' is a view of 'order', which is not defined; did you mean 'orders'?" in err


def test_filter_on_a_missing_column_suggests_the_nearest(build_plan, user_error):
    data = ORDERS_SOURCE.format(path="orders.csv") + "mine: {from: orders, where: {销售: 张伟}}\n"
    cfg, result = build_plan({"orders.csv": EXPORT}, data)
    err = user_error(result)
    assert "data.mine.where: filter on column '销售'" in err
    assert "did you mean '销售员'?" in err


def test_view_filters_rows(build_plan, figures):
    data = ORDERS_SOURCE.format(path="orders.csv") + "mine: {from: orders, where: {销售员: 张伟}}\n"
    metrics = {"mine_sales": "{kind: total, source: mine, column: 金额}"}
    _, result = build_plan({"orders.csv": EXPORT}, data, metrics,
                           {"s": "{{ mine_sales.value }}"})
    assert figures(result) == {"s": "1280.5"}  # 1,280.50 in November; 999 is October's


def test_view_with_its_own_date_column(build_plan, figures):
    data = """\
    raw:
      path: orders.csv
      columns: {金额: money}
    orders: {from: raw, date_column: 日期}
    """
    metrics = {"sales": "{kind: total, source: orders, column: 金额}"}
    _, result = build_plan({"orders.csv": EXPORT}, data, metrics, {"s": "{{ sales.value }}"})
    assert figures(result) == {"s": "1284280.5"}


def test_period_without_data_plans_with_dashes_and_a_warning(build_plan, figures):
    cfg, result = build_plan({"orders.csv": EXPORT}, None, None,
                             {"sales": "{{ sales }}", "n": "{{ n }}", "rate": "{{ rate }}"},
                             "--period", "2025-06")
    assert figures(result) == {"sales": "—", "n": "—", "rate": "—"}
    assert (f"warning: {cfg}:{_metric_line(cfg, 'sales')}:3 metrics.sales: metric 'sales' and "
            "2 more (n, rate) (2025-06): orders.csv has no rows in 2025-06-01..2025-06-30\n"
            ) in result.stderr
    assert "warning: no data for 2025-06: none of its sources has a row in " \
           "2025-06-01..2025-06-30 (orders.csv)" in result.stderr


def _metric_line(cfg, name):
    lines = cfg.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"  {name}:"))
