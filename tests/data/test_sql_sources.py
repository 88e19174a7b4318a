"""Database sources: a `table:` is aggregated in the database through the same pushdown as big
files, a `query:` gets :start and :end as bound parameters, and the URL's credentials come from
the environment and are never shown. PostgreSQL runs in CI (.ci/run); SQLite everywhere."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from test_duckdb_pushdown import METRICS, _compute, _orders, _same

from reviewdeck.data.pushdown import PushedTable

pytest.importorskip("sqlalchemy")

REPO = Path(__file__).resolve().parents[2]
PG_URL_VAR = "REVIEWDECK_PG_URL"

# The table: source sees only what a database has: no row order, so categories that tie keep
# name order and 'order: none' is by name; everything else must equal the CSV build exactly.
SQL_METRICS = "\n".join(line for line in METRICS.splitlines()
                        if not line.startswith(("region_found:", "first_")))

SQL_DATA = """\
orders:
  url: ${TEST_SALES_DB}
  table: orders
  date_column: order_date
  columns: {amount: money, days: number, region: text}
mine: {from: orders, where: {rep: [张伟, 李娜], amount: {">": 100}}}
first_orders: {from: orders, first_per: customer_id}
first_only: {from: orders, first_per: customer_id}
paid: {from: orders, date_column: paid_date, where: {is_promo: 0}}
online: {from: big_orders, where: {channel: 线上}}
big_orders: {from: orders, where: {amount: {">=": 1000}}}
"""
CSV_DATA = SQL_DATA.replace("  url: ${TEST_SALES_DB}\n  table: orders\n",
                            "  path: orders.csv\n  engine: pandas\n")


def _config(folder: Path, data: str, name: str, period: str = "2025-11",
            metrics: str = SQL_METRICS) -> Path:
    text = (f"title: t\nperiod: {period}\ndata:\n" + textwrap.indent(data, "  ")
            + "metrics:\n" + textwrap.indent(metrics + "\n", "  ")
            + "chapters:\n  - title: c\n    slides:\n      - {kind: points, title: p, "
              "points: [{heading: h}]}\n")
    cfg = folder / f"{name}.yaml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def _unordered(results):
    out = {}
    for name, r in results.items():
        r = dict(r)
        if "items" in r:
            r["items"] = sorted(r["items"], key=lambda cv: cv[0])
        out[name] = r
    return out


@pytest.fixture(scope="module")
def sales(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sql")
    frame = _orders()
    out = frame.copy()
    for col in ("order_date", "paid_date"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    out.to_csv(folder / "orders.csv", index=False)
    out["region"] = out["region"].replace("", None)  # an empty CSV cell is NULL in a database
    with sqlite3.connect(folder / "s3cr3t-sales.sqlite") as conn:
        out.to_sql("orders", conn, index=False)
    return folder


@pytest.mark.parametrize("period", ["2025-11", "2025Q3"])
def test_sqlite_table_gives_the_csv_numbers(sales, monkeypatch, period):


    monkeypatch.setenv("TEST_SALES_DB", f"sqlite:///{sales / 's3cr3t-sales.sqlite'}")
    expected, warnings, _ = _compute(_config(sales, CSV_DATA, "csv", period), period)
    got, sql_warnings, tables = _compute(_config(sales, SQL_DATA, "sql", period), period)
    assert isinstance(tables["orders"], PushedTable)
    _same(_unordered(got), _unordered(expected))
    assert [w.replace("SQL table 'orders'", "orders.csv") for w in sql_warnings] == warnings


def test_filter_values_are_bound_not_written_into_the_sql(sales, monkeypatch):
    monkeypatch.setenv("TEST_SALES_DB", f"sqlite:///{sales / 's3cr3t-sales.sqlite'}")
    evil = json.dumps("x'); DROP TABLE orders; --")
    data = SQL_DATA + f"evil: {{from: orders, where: {{rep: {evil}}}}}\n"
    metrics = (SQL_METRICS + "\nevil_n: {kind: count, source: evil}\n"
               f"evil_sales: {{kind: total, source: orders, column: amount, where: {{rep: {evil}}}}}")
    got, _, _ = _compute(_config(sales, data, "evil", metrics=metrics))
    assert got["evil_n"]["value"] is None  # the view has no rows at all
    assert got["evil_sales"]["value"] == 0
    with sqlite3.connect(sales / "s3cr3t-sales.sqlite") as conn:
        assert conn.execute("select count(*) from orders").fetchone()[0] == 4000


def test_the_pushed_query_text_holds_no_config_value():
    from sqlglot import exp

    from reviewdeck.data.sqlexpr import Binds, condition, render

    binds = Binds()
    tree = exp.select("*").from_("t").where(
        condition("rep", {"in": ["张伟", "O'Brien"], "!=": "x"}, "text", "text", binds))
    for dialect, style in (("duckdb", "qmark"), ("postgres", "pyformat"), ("sqlite", "qmark"),
                           ("mysql", "format"), ("snowflake", "named")):
        sql, params = render(tree, binds, dialect, style)
        assert "张伟" not in sql and "Brien" not in sql and "'x'" not in sql
        values = params.values() if isinstance(params, dict) else params
        assert sorted(values) == sorted(["张伟", "O'Brien", "x"])


def test_a_missing_table_is_named_without_the_url(sales, monkeypatch, tmp_path):
    monkeypatch.setenv("TEST_SALES_DB", f"sqlite:///{sales / 's3cr3t-sales.sqlite'}")
    from reviewdeck.errors import DataError

    cfg = _config(tmp_path, SQL_DATA.replace("table: orders", "table: ordres"), "missing")
    with pytest.raises(DataError) as err:
        _compute(cfg)
    message = str(err.value)
    assert "source 'orders': the database has no table 'ordres'" in message
    assert "s3cr3t" not in message and "sqlite" not in message
    assert "data.orders.url" in message


def test_a_mistyped_sqlite_path_is_named_and_no_empty_database_is_made(monkeypatch, tmp_path):
    from reviewdeck.errors import DataError

    missing = tmp_path / "slaes.sqlite"
    monkeypatch.setenv("TEST_SALES_DB", f"sqlite:///{missing}")
    with pytest.raises(DataError) as err:
        _compute(_config(tmp_path, SQL_DATA, "typo"))
    assert f"source 'orders': the SQLite database file {missing} does not exist" in \
        str(err.value)
    assert not missing.exists()  # SQLite itself would have made an empty one


def test_query_source_binds_start_and_end(sales, monkeypatch, tmp_path):
    monkeypatch.setenv("TEST_SALES_DB", f"sqlite:///{sales / 's3cr3t-sales.sqlite'}")
    data = ("orders:\n  url: ${TEST_SALES_DB}\n"
            "  query: select order_date, amount from orders "
            "where order_date >= :start and order_date < :end\n"
            "  date_column: order_date\n  columns: {amount: money}\n")
    text = ("title: t\nperiod: 2025-11\ndata:\n" + textwrap.indent(data, "  ")
            + "metrics:\n  sales: {kind: total, source: orders, column: amount}\n"
            + "chapters:\n  - title: c\n    slides:\n      - {kind: points, title: p, "
              "points: [{heading: h}]}\n")
    cfg = tmp_path / "q.yaml"
    cfg.write_text(text, encoding="utf-8")
    got, _, tables = _compute(cfg)
    frame = pd.read_csv(sales / "orders.csv")
    nov = frame[(frame.order_date >= "2025-11-01") & (frame.order_date < "2025-12-01")]
    assert got["sales"]["value"] == pytest.approx(nov["amount"].sum())
    assert not isinstance(tables["orders"], PushedTable)


# ---------------------------------------------------------------- PostgreSQL
def _pg_url() -> str:
    url = os.environ.get(PG_URL_VAR)
    if not url:
        if os.environ.get("REVIEWDECK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"REVIEWDECK_REQUIRE_POSTGRES=1 but {PG_URL_VAR} is not set")
        pytest.skip(f"no PostgreSQL: set {PG_URL_VAR} (.ci/run starts one)")
    pytest.importorskip("psycopg")
    return url


def _figures(plan: dict) -> str:
    """The plan without speaker notes (which name where each figure came from)."""
    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in ("notes", "sources")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node
    text = json.dumps(strip(plan), ensure_ascii=False, sort_keys=True, indent=1)
    return re.sub(r'[^"\s]*\.yaml:\d+:\d+', "CONFIG", text)  # the two configs differ in lines


def test_monthly_review_from_postgresql_equals_the_csv_build(tmp_path, run_cli, plan_json):
    _pg_url()
    text = (REPO / "configs" / "monthly_review.yaml").read_text(encoding="utf-8")
    for table in ("orders", "leads", "targets"):
        text = re.sub(rf"path: \.\./sample_inputs/{table}\.csv",
                      f"url: ${{{PG_URL_VAR}}}\n    table: {table}", text)
    assert text.count(f"${{{PG_URL_VAR}}}") == 3
    pg_cfg = REPO / "configs" / f".pg_test_{os.getpid()}.yaml"
    pg_cfg.write_text(text, encoding="utf-8")
    try:
        from_pg = run_cli("build", pg_cfg, "--plan")
    finally:
        pg_cfg.unlink()
    from_csv = run_cli("build", REPO / "configs" / "monthly_review.yaml", "--plan")
    # the same plan, but for where the numbers came from: a table, not a file
    got = re.sub(r"SQL table '(\w+)'", r"\1.csv", _figures(plan_json(from_pg)))
    assert got == _figures(plan_json(from_csv))
    assert os.environ[PG_URL_VAR] not in from_pg.output
