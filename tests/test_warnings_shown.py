"""Metrics that find no rows of one source in the same dates are printed as one warning line,
at the first one's place in the config, not one line each."""

from __future__ import annotations

from reviewdeck.errors import shown_warnings

LEADS = "lead_date,stage\n2025-10-02,won\n2025-10-09,lost\n"
DATA = """
orders: {path: orders.csv, date_column: order_date, columns: {amount: money}}
leads: {path: leads.csv, date_column: lead_date}
"""
METRICS = {
    "sales": "{kind: total, source: orders, column: amount}",
    "leads_n": "{kind: count, source: leads}",
    "won": "{kind: count, source: leads, where: {stage: won}}",
    "lost": "{kind: count, source: leads, where: {stage: lost}}",
}


def test_metrics_without_rows_of_one_source_make_one_line(tmp_path, write_config, orders_csv,
                                                          figures_deck, run_cli, line_of):
    text = figures_deck(DATA, METRICS)
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv, "leads.csv": LEADS})
    result = run_cli("build", cfg, "-o", tmp_path / "deck.pptx")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "has no rows" in line]
    at = line_of(text, "leads_n:")
    assert lines == [f"warning: {cfg}:{at}:3 metrics.leads_n: metric 'leads_n' and 2 more "
                     "(won, lost) (2025-11): leads.csv has no rows in 2025-11-01..2025-11-30"]
    assert result.stderr.rstrip().endswith("3 warning(s)")  # each metric is still counted


def test_the_plan_keeps_one_warning_per_metric(tmp_path, write_config, orders_csv,
                                               figures_deck, run_cli, plan_json):
    cfg = write_config(tmp_path, figures_deck(DATA, METRICS),
                       {"orders.csv": orders_csv, "leads.csv": LEADS})
    plan = plan_json(run_cli("build", cfg, "--plan"))
    assert sum("has no rows" in w for w in plan["warnings"]) == 3


def test_other_warnings_keep_their_place_and_a_lone_metric_its_words() -> None:
    lone = "c.yaml:9:3 metrics.a: metric 'a' (2025-11): x.csv has no rows in 2025-10-01..2025-10-31"
    twins = [f"c.yaml:{n}:3 metrics.{m}: metric '{m}' (2025-11): y.csv has no rows in "
             "2025-11-01..2025-11-30" for n, m in ((10, "b"), (11, "c"))]
    other = "c.yaml:12:3 metrics.d: metric 'd' (2025-11): target is zero"
    assert shown_warnings([twins[0], other, lone, twins[1]]) == [
        "c.yaml:10:3 metrics.b: metric 'b' and 1 more (c) (2025-11): y.csv has no rows in "
        "2025-11-01..2025-11-30", other, lone]
