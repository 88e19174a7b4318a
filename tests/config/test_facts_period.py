"""A facts file says which period its text was written for: a deck for another period warns
(and --strict refuses it), and '{period}' in the facts: path takes each period's own file."""

from __future__ import annotations

import pytest

NOVEMBER = "# 11月的定性内容\nperiod: 2025-11\nnote: 十一月重点客户回款顺利\n"
OCTOBER = "period: 2025-10\nnote: 十月新品上市\n"


def _body(plan: dict) -> str:
    return next(s for s in plan["slides"] if s["kind"] == "cards")["cards"][0]["body"]


@pytest.fixture
def config(tmp_path, write_config, basic_config, orders_csv):
    """The basic deck reading a facts file, its card's body from facts.note."""
    def make(facts: str, files: dict[str, str]):
        text = basic_config.replace("period: 2025-11\n", f"period: 2025-11\nfacts: {facts}\n")
        text = text.replace('value: "{{ sales }}"',
                            'value: "{{ sales }}"\n            body: "{{ facts.note }}"')
        return write_config(tmp_path, text, {"orders.csv": orders_csv, **files})
    return make


def test_facts_written_for_the_decks_period_build_without_a_warning(
        config, run_cli, plan_json):
    cfg = config("facts.yaml", {"facts.yaml": NOVEMBER})
    result = run_cli("build", cfg, "--plan")
    assert _body(plan_json(result)) == "十一月重点客户回款顺利"
    assert "warning" not in result.stderr


def test_facts_for_another_period_warn_with_the_file_and_line(
        config, run_cli, plan_json):
    cfg = config("facts.yaml", {"facts.yaml": NOVEMBER})
    result = run_cli("build", cfg, "--plan", "--period", "2025-10")
    assert _body(plan_json(result)) == "十一月重点客户回款顺利"  # used as written
    assert "facts.yaml:2:1 period: the facts file is written for 2025-11, the deck is for " \
           "2025-10" in result.stderr, result.stderr


def test_strict_refuses_a_deck_with_another_periods_facts(
        config, tmp_path, run_cli, user_error):
    cfg = config("facts.yaml", {"facts.yaml": NOVEMBER})
    deck = tmp_path / "deck.pptx"
    err = user_error(run_cli("build", cfg, "--period", "2025-10", "--strict", "-o", deck))
    assert "written for 2025-11, the deck is for 2025-10" in err
    assert not deck.exists()


def test_period_in_the_facts_path_takes_each_periods_own_file(
        config, run_cli, plan_json):
    cfg = config("notes/{period}.yaml",
                 {"notes/2025-11.yaml": NOVEMBER, "notes/2025-10.yaml": OCTOBER})
    november = run_cli("build", cfg, "--plan")
    october = run_cli("build", cfg, "--plan", "--period", "2025-10")
    assert _body(plan_json(november)) == "十一月重点客户回款顺利"
    assert _body(plan_json(october)) == "十月新品上市"
    assert "warning" not in november.stderr + october.stderr


def test_a_missing_periods_facts_file_is_named(config, run_cli, user_error):
    cfg = config("notes/{period}.yaml", {"notes/2025-11.yaml": NOVEMBER})
    err = user_error(run_cli("build", cfg, "--plan", "--period", "2025-09"))
    assert "2025-09.yaml" in err, err


def test_a_facts_period_that_is_not_a_period_is_an_error_at_its_line(
        config, run_cli, user_error):
    cfg = config("facts.yaml", {"facts.yaml": "note: x\nperiod: 十一月\n"})
    err = user_error(run_cli("build", cfg, "--plan"))
    assert "facts.yaml:2:1" in err and "'十一月' is not a period" in err, err
