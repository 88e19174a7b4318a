"""Windows after the period (next, next_quarter, next_year): plans and next month's targets."""

from __future__ import annotations

import pytest

from reviewdeck.metrics.period import Period
from reviewdeck.metrics.values import Series, Value


@pytest.mark.parametrize("period,window,described", [
    ("2025-11", "next", "2025-12-01..2025-12-31"),
    ("2025-12", "next", "2026-01-01..2026-01-31"),
    ("2025Q4", "next", "2026-01-01..2026-03-31"),
    ("2025H1", "next", "2025-07-01..2025-12-31"),
    ("2025", "next", "2026-01-01..2026-12-31"),
    ("2025-11", "next_quarter", "2026-01-01..2026-03-31"),
    ("2025-08", "next_quarter", "2025-10-01..2025-12-31"),
    ("2025Q3", "next_quarter", "2025-10-01..2025-12-31"),
    ("2025-11", "next_year", "2026-01-01..2026-12-31"),
    ("2025H1", "next_year", "2026-01-01..2026-12-31"),
])
def test_windows_after_the_period(period, window, described):
    assert Period.parse(period).window(window).describe() == described


# Monthly targets: November and December 2025, and two quarters of 2026 by region.
TARGETS = [
    {"date": "2025-11-01", "region": "华东", "quarter": "Q4", "target": 700.0},
    {"date": "2025-12-01", "region": "华东", "quarter": "Q4", "target": 800.0},
    {"date": "2025-12-01", "region": "华南", "quarter": "Q4", "target": 200.0},
    {"date": "2025-01-01", "region": "华东", "quarter": "Q1", "target": 500.0},
    {"date": "2026-01-01", "region": "华东", "quarter": "Q1", "target": 900.0},
    {"date": "2026-02-01", "region": "华南", "quarter": "Q1", "target": 300.0},
    {"date": "2026-07-01", "region": "华东", "quarter": "Q3", "target": 1200.0},
]


@pytest.fixture
def engine(make_engine, table):
    def build(metrics, period="2025-11"):
        return make_engine(metrics, [table("targets", TARGETS)], period)
    return build


def test_next_month_target_and_the_growth_it_asks_for(engine):
    eng, diag = engine({
        "now": {"kind": "total", "source": "targets", "column": "target"},
        "next": {"kind": "total", "source": "targets", "column": "target", "window": "next"},
        "ask": {"kind": "achievement", "actual": "next", "target": "now"},
    })
    assert eng.get("now").value == 700.0
    assert eng.get("next").value == 1000.0
    assert eng.get("ask").gap_rate.value == pytest.approx(1000 / 700 - 1)
    assert diag.warnings == []


def test_next_year_by_quarter_and_its_change_on_this_year(engine):
    eng, _ = engine({
        "plan": {"kind": "total", "source": "targets", "column": "target", "by": "quarter",
                 "window": "next_year", "order": ["Q1", "Q2", "Q3", "Q4"]},
        "plan_vs": {"kind": "change", "metric": "plan", "vs": "previous"},
        "q1": {"kind": "total", "source": "targets", "column": "target",
               "window": "next_quarter"},
    })
    plan = eng.get("plan")
    assert isinstance(plan, Series)
    assert plan.items == [("Q1", 1200.0), ("Q2", 0.0), ("Q3", 1200.0), ("Q4", 0.0)]
    change = eng.get("plan_vs")
    # against 2025: Q1 500 -> 1,200; Q4 1,700 -> 0
    assert change["Q1"].value == pytest.approx(1200 / 500 - 1)
    assert change["Q4"].value == pytest.approx(-1.0)
    q1 = eng.get("q1")
    assert isinstance(q1, Value) and q1.value == 1200.0


def test_period_next_labels_the_next_period(tmp_path, basic_config, orders_csv, write_config,
                                            run_cli, plan_json):
    text = basic_config.replace('value: "{{ sales }}"',
                                'value: "{{ sales }}"\n            body: "{{ period.next }}目标"')
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    for period, label in (("2025-11", "2025年12月"), ("2025-12", "2026年1月"),
                          ("2025Q4", "2026年1–3月")):
        plan = plan_json(run_cli("build", cfg, "--plan", "--period", period))
        card = next(s for s in plan["slides"] if s["kind"] == "cards")["cards"][0]
        assert card["body"] == f"{label}目标"
