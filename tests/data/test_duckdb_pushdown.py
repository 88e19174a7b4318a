"""A big file aggregated in place by DuckDB gives the numbers pandas gives from every row:
every metric kind, filters with each operator, by:, windows, funnel, average per, distinct."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest

from reviewdeck.config.load import load_config
from reviewdeck.data.pushdown import PushedTable
from reviewdeck.data.sources import load_tables
from reviewdeck.errors import DataError, Diagnostics
from reviewdeck.metrics.engine import MetricEngine
from reviewdeck.metrics.period import Period

pytest.importorskip("duckdb")

STAGES = ["线索", "初步意向", "深度沟通", "成交"]


def _orders(n: int = 4000, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2024-01-01", "2025-12-31", freq="D")
    frame = pd.DataFrame({
        "order_date": np.sort(rng.choice(days, n)),
        "customer_id": [f"C{i:04d}" for i in rng.integers(0, 600, n)],
        "region": rng.choice(["华东", "华南", "华北", "西南", ""], n, p=[.4, .25, .2, .1, .05]),
        "rep": rng.choice(["张伟", "李娜", "王芳", "赵强"], n),
        "product_line": rng.choice(["智能手表", "手环", "耳机"], n),
        "channel": rng.choice(["线上", "线下", "分销"], n),
        "amount": np.round(rng.lognormal(6.5, 0.8, n), 2),
        "is_promo": rng.integers(0, 2, n),
        "stage": rng.choice(STAGES + ["流失"], n, p=[.4, .25, .15, .15, .05]),
        "days": rng.integers(1, 15, n).astype(float),
    })
    frame.loc[rng.random(n) < 0.03, "amount"] = np.nan  # empty cells are skipped alike
    frame.loc[rng.random(n) < 0.02, "days"] = np.nan
    frame["paid_date"] = frame["order_date"] + pd.to_timedelta(rng.integers(0, 60, n), unit="D")
    return frame


METRICS = """\
sales: {kind: total, source: orders, column: amount}
n: {kind: count, source: orders}
customers: {kind: distinct, source: orders, column: customer_id}
customers_by_region: {kind: distinct, source: orders, column: customer_id, by: region}
mean_order: {kind: mean, source: orders, column: amount}
mean_days: {kind: mean, source: orders, column: days, direction: lower, unit: days}
per_rep: {kind: average, source: orders, column: amount, per: rep}
region_sales: {kind: total, source: orders, column: amount, by: region}
region_asc: {kind: total, source: orders, column: amount, by: region, order: asc}
region_found: {kind: total, source: orders, column: amount, by: region, order: none}
region_listed: {kind: total, source: orders, column: amount, by: region, order: [西南, 华东, 东北]}
rep_count: {kind: count, source: orders, by: rep}
rep_mean: {kind: mean, source: orders, column: amount, by: rep}
promo: {kind: total, source: orders, column: amount, where: {is_promo: 1}}
promo_str: {kind: total, source: orders, column: amount, where: {is_promo: "1"}}
small: {kind: count, source: orders, where: {amount: {"<": 500}}}
big: {kind: total, source: orders, column: amount, where: {amount: {">=": 2000}}}
gt: {kind: count, source: orders, where: {amount: {">": 700, "<=": 900}}}
mid: {kind: total, source: orders, column: amount, where: {amount: {between: [300, 600]}}}
not_east: {kind: count, source: orders, where: {region: {"!=": 华东}}}
east_eq: {kind: count, source: orders, where: {region: {"==": 华东}}}
south_north: {kind: count, source: orders, where: {region: [华南, 华北]}}
in_op: {kind: total, source: orders, column: amount, where: {channel: {in: [线上, 分销]}}}
not_in_op: {kind: total, source: orders, column: amount, where: {product_line: {not_in: [手环]}}}
blank_region: {kind: count, source: orders, where: {region: null}}
zhang_small: {kind: total, source: orders, column: amount, where: {rep: 张伟, amount: {"<": 800}}}
nobody: {kind: count, source: orders, where: {region: 海外}}
nobody_mean: {kind: mean, source: orders, column: amount, where: {region: 海外}}
sales_mom: {kind: change, metric: sales, vs: previous}
sales_yoy: {kind: change, metric: sales, vs: last_year}
region_mom: {kind: change, metric: region_sales}
aov: {kind: ratio, numerator: sales, denominator: n, unit: money}
aov_mom: {kind: change, metric: aov}
promo_share: {kind: share, metric: promo, of: sales}
promo_share_mom: {kind: change, metric: promo_share}
region_share: {kind: share, metric: region_sales}
top2: {kind: rank, metric: region_sales, top: 2}
bottom1: {kind: rank, metric: region_sales, bottom: 1}
ach: {kind: achievement, actual: sales, target: big}
roi: {kind: roi, revenue: sales, cost: promo}
gap: {kind: difference, a: sales, b: promo}
sales_3m: {kind: total, source: orders, column: amount, window: trailing_3}
sales_ytd: {kind: total, source: orders, column: amount, window: ytd}
sales_qtd: {kind: total, source: orders, column: amount, window: qtd}
sales_year: {kind: total, source: orders, column: amount, window: year}
sales_lq: {kind: total, source: orders, column: amount, window: last_quarter}
customers_ytd: {kind: distinct, source: orders, column: customer_id, window: ytd}
aov_3m: {kind: ratio, numerator: sales, denominator: n, window: trailing_3}
funnel: {kind: funnel, source: orders, column: stage, stages: [线索, 初步意向, 深度沟通, 成交]}
funnel_east: {kind: funnel, source: orders, column: stage, stages: [线索, 初步意向, 深度沟通, 成交], where: {region: 华东}}
monthly: {kind: total, source: orders, column: amount, by_month: true, window: trailing_12}
monthly_n: {kind: count, source: orders, by_month: true, window: ytd, where: {channel: 线上}}
sales_all: {kind: total, source: orders, column: amount, window: all}
monthly_all: {kind: total, source: orders, column: amount, by_month: true, window: all}
mine: {kind: total, source: mine, column: amount}
mine_n: {kind: count, source: mine, where: {rep: 李娜}}
mine_by: {kind: total, source: mine, column: amount, by: product_line}
mine_customers: {kind: distinct, source: mine, column: customer_id}
mine_per_rep: {kind: average, source: mine, column: amount, per: rep}
new_customers: {kind: count, source: first_orders}
new_by_region: {kind: count, source: first_orders, by: region}
new_mom: {kind: change, metric: new_customers}
new_only: {kind: count, source: first_only}
new_only_ytd: {kind: count, source: first_only, window: ytd}
paid: {kind: total, source: paid, column: amount}
paid_by: {kind: count, source: paid, by: channel}
online: {kind: total, source: online, column: amount}
"""

DATA = """\
orders:
  path: {path}
  engine: {engine}
  date_column: order_date
  columns: {{amount: money, days: number, region: text}}
mine: {{from: orders, where: {{rep: [张伟, 李娜], amount: {{">": 100}}}}}}
first_orders: {{from: orders, first_per: customer_id}}
first_only: {{from: orders, first_per: customer_id}}
paid: {{from: orders, date_column: paid_date, where: {{is_promo: 0}}}}
online: {{from: big_orders, where: {{channel: 线上}}}}
big_orders: {{from: orders, where: {{amount: {{">=": 1000}}}}}}
"""


def _config(tmp_path, path, engine, period="2025-11", metrics=METRICS, data=DATA):
    text = (f"title: t\nperiod: {period}\ndata:\n"
            + textwrap.indent(data.format(path=path, engine=engine), "  ")
            + "metrics:\n" + textwrap.indent(metrics, "  ")
            + "chapters:\n  - title: c\n    slides:\n      - {kind: points, title: p, "
              "points: [{heading: h}]}\n")
    cfg = tmp_path / f"{engine}_{path.replace('.', '_')}.yaml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def _compute(cfg, period="2025-11"):
    loaded = load_config(cfg)
    diag = Diagnostics()
    per = Period.parse(period)
    span = (pd.Timestamp(per.window("trailing_12").start), pd.Timestamp(per.current.end))
    tables = load_tables(loaded, diag, span)
    engine = MetricEngine(loaded.deck.metrics, tables, per, diag, loaded.doc)
    results = {name: _plain(r) for name, r in engine.all().items()}
    warnings = sorted(w.replace(str(cfg), "config") for w in diag.warnings)
    return results, warnings, tables


def _plain(result):
    out = result.to_json()
    out.pop("name", None)
    extras = getattr(result, "extras", {}) or {}
    out["extras"] = {k: v.value for k, v in extras.items()}
    return out


def _same(a, b):
    assert a.keys() == b.keys()
    for name in a:
        x, y = a[name], b[name]
        assert x.get("unit") == y.get("unit"), name
        if "items" in x:
            assert [c for c, _ in x["items"]] == [c for c, _ in y["items"]], name
            for (_, v), (_, w) in zip(x["items"], y["items"]):
                assert (v is None) == (w is None) and (v is None or v == pytest.approx(w, rel=1e-9,
                                                                                   abs=1e-9)), name
        else:
            v, w = x["value"], y["value"]
            assert (v is None) == (w is None) and (v is None or v == pytest.approx(w, rel=1e-9,
                                                                               abs=1e-9)), name
        for key in x["extras"]:
            v, w = x["extras"][key], y["extras"][key]
            assert (v is None) == (w is None) and (v is None or v == pytest.approx(w, rel=1e-9)), \
                (name, key)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    frame = _orders()
    out = frame.copy()
    for col in ("order_date", "paid_date"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    out.to_csv(folder / "orders.csv", index=False)
    frame.to_parquet(folder / "orders.parquet", index=False)
    return folder


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("period", ["2025-11", "2025-01", "2025Q3"])
def test_every_metric_kind_gives_the_pandas_numbers(files, fmt, period):
    path = f"orders.{fmt}"
    pandas_cfg = _config(files, path, "pandas", period)
    duck_cfg = _config(files, path, "duckdb", period)
    expected, warnings, tables = _compute(pandas_cfg, period)
    got, duck_warnings, duck_tables = _compute(duck_cfg, period)
    assert not any(isinstance(t, PushedTable) for t in tables.values())
    assert all(isinstance(t, PushedTable) for t in duck_tables.values())
    _same(got, expected)
    assert duck_warnings == warnings


def test_one_query_answers_the_whole_source(files):
    _, _, tables = _compute(_config(files, "orders.parquet", "duckdb"))
    summary = tables["orders"].summary
    # one summary query, plus one per distinct metric and window (they do not add up):
    # customers, customers_by_region, customers_ytd and mine_customers
    assert summary.queries == 1
    assert summary.distinct_queries == 4
    # counting rows (reviewdeck -v) is a COUNT(*) of its own, never a wider summary
    assert len(tables["orders"]) == 4000 and len(tables["first_orders"]) == 600
    assert summary.queries == 1
    assert len(summary.frame) < 20_000


def test_a_month_outside_the_planned_span_widens_the_query(files):
    loaded = load_config(_config(files, "orders.parquet", "duckdb"))
    diag = Diagnostics()
    per = Period.parse("2025-11")
    tables = load_tables(loaded, diag, (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-01")))
    engine = MetricEngine(loaded.deck.metrics, tables, per, diag, loaded.doc)
    engine.get("sales")
    from reviewdeck.metrics.period import Window

    far = engine.get("sales", Window(2024 * 12 + 1, 1))  # 2024-02, not planned
    frame = pd.read_parquet(files / "orders.parquet")
    feb = frame[(frame.order_date >= "2024-02-01") & (frame.order_date < "2024-03-01")]
    assert far.value == pytest.approx(feb["amount"].sum())


def test_auto_keeps_small_files_on_pandas(files):
    _, _, tables = _compute(_config(files, "orders.csv", "auto"))
    assert not isinstance(tables["orders"], PushedTable)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_auto_switches_to_duckdb_from_the_row_threshold(files, monkeypatch, fmt):
    from reviewdeck.data import pushdown

    assert 3000 < pushdown.estimate_rows(files / f"orders.{fmt}", fmt) < 5000  # 4,000 rows
    monkeypatch.setattr(pushdown, "AUTO_ROWS", 3000)
    _, _, tables = _compute(_config(files, f"orders.{fmt}", "auto"))
    assert isinstance(tables["orders"], PushedTable)


def test_text_amounts_fall_back_to_pandas_under_auto_and_are_explained_under_duckdb(tmp_path):
    csv = "order_date,amount\n2025-11-01,\"1,280.50\"\n2025-11-02,128万\n"
    (tmp_path / "o.csv").write_text(csv, encoding="utf-8")
    data = "orders: {{path: {path}, engine: {engine}, date_column: order_date, " \
           "columns: {{amount: money}}}}\n"
    metrics = "sales: {kind: total, source: orders, column: amount}\n"
    from reviewdeck.data import pushdown

    pushdown.AUTO_ROWS, old = 1, pushdown.AUTO_ROWS
    try:
        got, _, tables = _compute(_config(tmp_path, "o.csv", "auto", metrics=metrics, data=data))
    finally:
        pushdown.AUTO_ROWS = old
    assert not isinstance(tables["orders"], PushedTable)
    assert got["sales"]["value"] == pytest.approx(1_281_280.5)
    with pytest.raises(DataError, match="column 'amount' holds values DuckDB does not read as "
                                        "money; use engine: pandas"):
        _compute(_config(tmp_path, "o.csv", "duckdb", metrics=metrics, data=data))


def test_gbk_files_stay_on_pandas_under_auto(tmp_path, monkeypatch):
    from reviewdeck.data import pushdown

    monkeypatch.setattr(pushdown, "AUTO_ROWS", 1)
    (tmp_path / "o.csv").write_bytes("order_date,金额\n2025-11-01,5\n".encode("gbk"))
    data = "orders: {{path: {path}, engine: {engine}, date_column: order_date}}\n"
    metrics = "sales: {kind: total, source: orders, column: 金额}\n"
    got, _, tables = _compute(_config(tmp_path, "o.csv", "auto", metrics=metrics, data=data))
    assert got["sales"]["value"] == 5
    assert not isinstance(tables["orders"], PushedTable)


def test_errors_name_the_metric_as_the_pandas_path_does(files):
    metrics = (
        "x: {kind: total, source: orders, column: amonut}\n"
        "y: {kind: count, source: orders, where: {regoin: 华东}}\n"
        "z: {kind: count, source: orders, where: {amount: {'>==': 1}}}\n"
    )
    for name, message in (("x", "has no column 'amonut'; did you mean 'amount'?"),
                          ("y", "filter on column 'regoin'"),
                          ("z", "unknown filter operator '>==' on amount")):
        for engine in ("pandas", "duckdb"):
            loaded = load_config(_config(files, "orders.parquet", engine, metrics=metrics))
            diag = Diagnostics()
            tables = load_tables(loaded, diag, (pd.Timestamp("2025-01-01"),
                                                pd.Timestamp("2025-12-01")))
            eng = MetricEngine(loaded.deck.metrics, tables, Period.parse("2025-11"), diag,
                               loaded.doc)
            with pytest.raises(DataError, match=message) as err:
                eng.get(name)
            assert err.value.location is not None and f"metrics.{name}" in str(err.value)


def test_a_pushed_source_still_gives_its_rows_to_whoever_asks(files):
    _, _, tables = _compute(_config(files, "orders.parquet", "duckdb"))
    assert len(tables["mine"].frame) == len(tables["mine"])
    assert set(tables["mine"].frame["rep"]) == {"张伟", "李娜"}


def test_a_total_row_at_the_end_keeps_a_file_off_duckdb(tmp_path, monkeypatch):
    """DuckDB would add 合计 to the data; under auto pandas reads the file (and drops the row,
    with a warning); under engine: duckdb the build stops and says why."""
    from reviewdeck.data import pushdown

    monkeypatch.setattr(pushdown, "AUTO_ROWS", 1)
    (tmp_path / "o.csv").write_text("order_date,amount\n2025-11-01,5\n2025-11-02,7\n合计,12\n",
                                    encoding="utf-8")
    data = "orders: {{path: {path}, engine: {engine}, date_column: order_date}}\n"
    metrics = "sales: {kind: total, source: orders, column: amount}\n"
    got, warnings, tables = _compute(_config(tmp_path, "o.csv", "auto", metrics=metrics,
                                             data=data))
    assert got["sales"]["value"] == 12
    assert not isinstance(tables["orders"], PushedTable)
    assert any("total row" in w for w in warnings)
    with pytest.raises(DataError, match="ends with 合计/Total or blank rows"):
        _compute(_config(tmp_path, "o.csv", "duckdb", metrics=metrics, data=data))
