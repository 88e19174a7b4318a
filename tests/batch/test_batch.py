"""One config, one deck per region: data read once, slices equal filtered decks, failures
contained, output the same whether built in parallel or one after another."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import Result

from tests.batch.conftest import ORDERS, REGIONS, regional_config, run, slide_texts


def test_a_batch_writes_one_deck_per_region_with_the_region_in_its_title(
        regional_batch: tuple[Path, Result]) -> None:
    folder, result = regional_batch
    assert result.exit_code == 0, result.output
    for region in REGIONS:
        deck = folder / "out" / f"review_{region}.pptx"
        assert deck.is_file(), region
        assert f"2025年11月{region}区域销售复盘" in slide_texts(deck)[0]
    assert "batch: 5 of 5 decks written" in result.stderr
    assert "per deck" in result.stderr


def test_each_slice_shows_the_same_figures_as_a_deck_filtered_to_that_region(
        regional_batch: tuple[Path, Result], tmp_path: Path) -> None:
    folder, _ = regional_batch
    for region in ("华东", "西南"):
        config = regional_config(tmp_path, title=region, where=region)
        single = tmp_path / f"single_{region}.pptx"
        assert run("build", config, "-o", single).exit_code == 0
        assert slide_texts(folder / "out" / f"review_{region}.pptx") == slide_texts(single)


def test_slices_differ_and_add_up_to_the_whole(regional_batch: tuple[Path, Result]) -> None:
    folder, _ = regional_batch
    orders = pd.read_csv(Path(__file__).resolve().parents[2] / "sample_inputs" / "orders.csv")
    nov = orders[orders["order_date"].str.startswith("2025-11")]
    counts = nov.groupby("region").size()
    for region in REGIONS:
        body = next(t for t in slide_texts(folder / "out" / f"review_{region}.pptx")
                    if "订单=" in t)
        shown = body.split("订单=")[1].split("|")[0]
        assert shown.replace(",", "").rstrip("笔单个") == str(counts[region]), (region, shown)


def test_the_data_is_read_once_for_all_slices(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    original = pd.read_csv

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", counting)
    monkeypatch.chdir(tmp_path)  # without an output key, decks go to the working folder
    config = regional_config(tmp_path)
    result = run("build", config, "--each", "region", "--workers", 1,
                 "--only", "华东", "--only", "华南")
    assert result.exit_code == 0, result.output
    assert len(reads) == 1
    assert sorted(p.name for p in tmp_path.glob("*.pptx")) == [
        "regional_2025-11_华东.pptx", "regional_2025-11_华南.pptx"]


def test_parallel_and_serial_batches_write_identical_bytes(
        regional_batch: tuple[Path, Result], tmp_path: Path) -> None:
    folder, _ = regional_batch
    config = folder / "regional.yaml"  # the same file: speaker notes name it
    result = run("build", config, "--each", "region", "--workers", 1, "--only", "华北",
                 "-o", tmp_path / "serial_{value}.pptx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "serial_华北.pptx").read_bytes() == \
        (folder / "out" / "review_华北.pptx").read_bytes()


def test_a_failing_slice_is_reported_and_the_others_are_still_written(tmp_path: Path) -> None:
    config = regional_config(tmp_path, batch="""\
        batch:
          each: region
          values: [华东, 华西, 华南]
          output: "decks/{period}/review_{value}.pptx"
        """)
    result = run("build", config, "--workers", 2)
    assert result.exit_code == 1, result.output
    assert "✗ 华西: error: no rows in 'orders' have region = '华西'" in result.stderr
    assert "values in the data: 华东, 华中, 华北, 华南, 西南" in result.stderr
    assert "batch: 2 of 3 decks written, 1 failed" in result.stderr
    written = sorted(p.name for p in (tmp_path / "decks" / "2025-11").iterdir())
    assert written == ["review_华东.pptx", "review_华南.pptx"]


def test_strict_fails_only_the_slices_with_warnings(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # 张伟 sells in 华东, 华北 and 华南 only: elsewhere his average order has no denominator
    config = regional_config(tmp_path, extra=(
        "  - title: 张伟\n"
        "    slides:\n"
        "      - kind: points\n"
        "        title: 客单价\n"
        "        points: [{heading: 客单价, body: '{{ zw_aov }}'}]\n"))
    result = run("build", config, "--each", "region", "--strict", "--workers", 2,
                 "--only", "华东", "--only", "西南")
    assert result.exit_code == 1, result.output
    assert "✗ 西南: error: --strict" in result.stderr
    assert "✓ 华东" in result.stderr
    assert (tmp_path / "regional_2025-11_华东.pptx").is_file()
    assert not (tmp_path / "regional_2025-11_西南.pptx").exists()


def test_plan_shows_one_slice(tmp_path: Path) -> None:
    import json

    config = regional_config(tmp_path)
    result = run("build", config, "--each", "region", "--only", "华南", "--plan")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["slides"][0]["title"] == "2025年11月华南区域销售复盘"
    assert not list(tmp_path.glob("*.pptx"))


def test_slice_is_undefined_outside_a_batch(tmp_path: Path) -> None:
    config = regional_config(tmp_path)
    result = run("build", config, "--plan")
    assert result.exit_code == 2
    assert "'slice' is undefined" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--each", "regoin"], "no data source has a column 'regoin'"),
    (["--each", "region", "--each-source", "ordres"], "did you mean 'orders'?"),
    (["--each", "region", "--only", "华西"], "--only '华西' is not a value of region"),
    (["--each", "region", "-o", "same.pptx", "--plan"], "name its slice with one --only"),
])
def test_batch_mistakes_are_user_errors(tmp_path: Path, args: list[str], message: str) -> None:
    config = regional_config(tmp_path)
    result = run("build", config, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not list(tmp_path.glob("*.pptx"))


def test_a_column_in_several_sources_needs_the_source_named(tmp_path: Path) -> None:
    config = regional_config(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "  promo:", f"  orders2:\n    path: {tmp_path / 'o2.csv'}\n  promo:")
    (tmp_path / "o2.csv").write_text("region,amount\n华东,1\n", encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    result = run("build", config, "--each", "region")
    assert result.exit_code == 2
    assert "several sources have a column 'region' (orders, orders2)" in result.stderr


def _two_slices_like_the_csv_batch(regional_batch: tuple[Path, Result], tmp_path: Path,
                                   old: str, new: str) -> None:
    """The regional config with its orders source rewritten (old -> new), batched over two
    regions with two workers: each deck shows what the CSV batch's deck of that region shows."""
    folder, _ = regional_batch
    config = regional_config(tmp_path)
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("build", config, "--each", "region", "--workers", 2, "--only", "华东",
                 "--only", "西南", "-o", tmp_path / "slice_{value}.pptx")
    assert result.exit_code == 0, result.output
    for region in ("华东", "西南"):
        assert slide_texts(tmp_path / f"slice_{region}.pptx") == \
            slide_texts(folder / "out" / f"review_{region}.pptx")


def test_a_source_aggregated_in_place_is_sliced_like_one_read_with_pandas(
        regional_batch: tuple[Path, Result], tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    _two_slices_like_the_csv_batch(regional_batch, tmp_path, "    date_column: order_date\n",
                                   "    date_column: order_date\n    engine: duckdb\n")


PUSHED = """\
title: "{{{{ slice }}}}客户复盘"
period: 2025-11
data:
  orders:
    path: {orders}
    date_column: order_date
    engine: {engine}
    columns: {{amount: money, region: text, rep: text}}
  first_orders: {{from: orders, first_per: customer_id}}
metrics:
  customers: {{kind: distinct, source: orders, column: customer_id}}
  customers_ytd: {{kind: distinct, source: orders, column: customer_id, window: ytd}}
  customers_by_line: {{kind: distinct, source: orders, column: customer_id, by: product_line}}
  customers_m: {{kind: distinct, source: orders, column: customer_id, by_month: true,
                 window: qtd}}
  new_customers: {{kind: count, source: first_orders}}
  per_rep: {{kind: average, source: orders, column: amount, per: rep}}
chapters:
  - title: 客户
    slides:
      - kind: cards
        title: 客户
        cards:
          - heading: 数字
            body: "客户={{{{ customers }}}}|累计={{{{ customers_ytd }}}}|新客={{{{ new_customers }}}}|人均={{{{ per_rep }}}}"
      - kind: chart
        title: 产品线客户
        chart: {{type: bar, metric: customers_by_line}}
      - kind: chart
        title: 每月客户
        chart: {{type: column, metric: customers_m}}
"""


def test_distinct_counts_and_first_orders_slice_alike_in_place_and_from_rows(
        tmp_path: Path) -> None:
    """Each worker reads every slice's figures from summaries fetched once by the parent."""
    pytest.importorskip("duckdb")
    decks = {}
    for engine in ("pandas", "duckdb"):
        config = tmp_path / f"{engine}.yaml"
        config.write_text(PUSHED.format(orders=ORDERS, engine=engine), encoding="utf-8")
        result = run("build", config, "--each", "region", "--workers", 2, "--only", "华东",
                     "--only", "西南", "-o", tmp_path / f"{engine}_{{value}}.pptx")
        assert result.exit_code == 0, result.output
        decks[engine] = {r: (slide_texts(tmp_path / f"{engine}_{r}.pptx"),
                             _chart_data(tmp_path / f"{engine}_{r}.pptx")) for r in ("华东", "西南")}
    assert decks["duckdb"] == decks["pandas"]
    assert decks["duckdb"]["华东"] != decks["duckdb"]["西南"]
    by_line, by_month = decks["duckdb"]["华东"][1]
    assert by_line[1] and all(v > 0 for v in by_line[1][0])
    assert by_month[0][-1].endswith("11月") and len(by_month[0]) == 2  # qtd: Oct, Nov


def _chart_data(deck: Path) -> list[tuple[list[str], list[list[float]]]]:
    """Categories and series values of every chart, slide by slide."""
    from pptx import Presentation

    out = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                out.append((list(plot.categories),
                            [[round(v or 0, 6) for v in s.values] for s in plot.series]))
    return out


def test_slicing_a_view_in_place_leaves_its_source_whole(tmp_path: Path) -> None:
    """--each-source zw slices only the view; 'orders' (which zw reads through the same
    summary) keeps every region in the card's figures, as with pandas."""
    pytest.importorskip("duckdb")
    texts = {}
    for engine in ("pandas", "duckdb"):
        folder = tmp_path / engine
        folder.mkdir()
        config = regional_config(folder)
        if engine == "duckdb":
            config.write_text(config.read_text(encoding="utf-8").replace(
                "    date_column: order_date\n", "    date_column: order_date\n"
                "    engine: duckdb\n", 1), encoding="utf-8")
        result = run("build", config, "--each", "region", "--each-source", "zw", "--only",
                     "华东", "--workers", 2, "-o", folder / "{value}.pptx")
        assert result.exit_code == 0, result.output
        texts[engine] = slide_texts(folder / "华东.pptx")
    assert texts["duckdb"] == texts["pandas"]


def test_the_plan_of_one_slice_in_place_is_the_plan_from_rows(tmp_path: Path) -> None:
    """`build --each region --only 华东 --plan` on a DuckDB source: the same figures."""
    pytest.importorskip("duckdb")
    import json

    plans = {}
    for engine in ("pandas", "duckdb"):
        config = tmp_path / f"{engine}.yaml"
        config.write_text(PUSHED.format(orders=ORDERS, engine=engine), encoding="utf-8")
        result = run("build", config, "--each", "region", "--only", "华东", "--plan")
        assert result.exit_code == 0, result.output
        plan = json.loads(result.stdout)
        plans[engine] = [(s.get("cards"), s.get("chart", {}).get("series"))
                         for s in plan["slides"]]
    assert plans["duckdb"] == plans["pandas"]


def test_a_database_table_is_sliced_in_place_like_its_csv(
        regional_batch: tuple[Path, Result], tmp_path: Path) -> None:
    """A SQLite `table:` source, two workers: each worker reads the summary the parent
    fetched (it holds no connection) and prints what the CSV batch printed."""
    pytest.importorskip("sqlalchemy")
    import sqlite3

    db = tmp_path / "sales.sqlite"
    with sqlite3.connect(db) as conn:
        pd.read_csv(ORDERS).to_sql("orders", conn, index=False)
    _two_slices_like_the_csv_batch(regional_batch, tmp_path, f"    path: {ORDERS}\n",
                                   f"    url: sqlite:///{db}\n    table: orders\n")


@pytest.mark.parametrize("existing", [True, False])
def test_output_to_a_folder_writes_each_deck_there_under_its_usual_name(
        tmp_path: Path, existing: bool) -> None:
    config = regional_config(tmp_path, batch="""
        batch:
          each: region
          values: [华东, 西南]
        """)
    folder = tmp_path / "decks"
    if existing:
        folder.mkdir()
    target = str(folder) if existing else f"{folder}/"  # a new folder ends in a slash
    result = run("build", config, "-o", target)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["regional_2025-11_华东.pptx",
                                                        "regional_2025-11_西南.pptx"]
    single = run("build", config, "--only", "华东", "-o", f"{tmp_path}/one/")
    assert single.exit_code == 0, single.output
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["regional_2025-11_华东.pptx"]
