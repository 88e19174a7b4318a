"""Config mistakes seen through the CLI: exit 2, one clear message, the place named."""

from __future__ import annotations

import pytest

MONEY_LINE = "    columns: {amount: money}"


@pytest.fixture
def cfg_run(tmp_path, basic_config, orders_csv, write_config, run_cli, user_error):
    """Validate a variant of the basic config; return (config path, stderr of the user error)."""

    def go(text: str, *extra: str) -> tuple[str, str]:
        cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
        return str(cfg), user_error(run_cli("validate", cfg, *extra))

    return go


def test_the_basic_config_is_valid(tmp_path, basic_config, orders_csv, write_config, run_cli):
    cfg = write_config(tmp_path, basic_config, {"orders.csv": orders_csv})
    result = run_cli("validate", cfg)
    assert result.exit_code == 0, result.output
    assert f"ok: {cfg} is valid for 2025-11 (5 slides)" in result.stderr


# ---------------------------------------------------------------- YAML syntax and encoding
def test_unclosed_bracket_names_line_and_column(cfg_run, basic_config, line_of):
    text = basic_config.replace(MONEY_LINE, "    columns: {amount: money")
    cfg, err = cfg_run(text)
    # PyYAML notices the missing '}' at the ':' of the next key, line 8 column 8.
    line = line_of(text, "metrics:")
    assert f"{cfg}:{line}:8: invalid YAML" in err
    assert "flow mapping" in err


def test_duplicate_key_names_the_second_occurrence(cfg_run, basic_config):
    text = basic_config.replace("period: 2025-11\n", "period: 2025-11\nperiod: 2025-10\n")
    cfg, err = cfg_run(text)
    assert f"{cfg}:3:1: invalid YAML: duplicate key 'period'" in err


def test_duplicate_key_deep_inside_a_card(cfg_run, basic_config, line_of):
    text = basic_config.replace('value: "{{ sales }}"',
                                'value: "{{ sales }}"\n            value: x')
    cfg, err = cfg_run(text)
    assert f"{cfg}:{line_of(text, 'value: x')}:13: invalid YAML: duplicate key 'value'" in err


def test_raw_control_character_in_title_names_line_and_column(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("title: 测试复盘", "title: 测试\x07复盘"))
    assert f"{cfg}:1:10:" in err
    assert "control character U+0007" in err


def test_raw_control_character_on_a_later_line_is_located(cfg_run, basic_config, line_of):
    text = basic_config.replace("heading: 销售额", "heading: 销售\x07额")
    cfg, err = cfg_run(text)
    assert f"{cfg}:{line_of(text, 'heading:')}:" in err
    assert "U+0007" in err


def test_escaped_control_character_is_refused_with_its_yaml_path(cfg_run, basic_config):
    # "\a" in a double-quoted YAML string is a legal escape for BEL: caught after parsing.
    cfg, err = cfg_run(basic_config.replace("title: 测试复盘", 'title: "测试\\a复盘"'))
    assert f"{cfg}:1:1 title: control character U+0007 in text; remove it" in err


def test_gbk_encoded_config_is_refused_naming_the_line(tmp_path, basic_config, orders_csv,
                                                      write_config, run_cli, user_error):
    text = basic_config.replace("title: 测试复盘", "title: Review")  # first Chinese on line 9
    cfg = write_config(tmp_path, "", {"orders.csv": orders_csv})
    cfg.write_bytes(text.encode("gbk"))
    err = user_error(run_cli("validate", cfg))
    assert f"{cfg}:9: is not UTF-8 text" in err
    assert "save the config as UTF-8" in err


def test_utf8_bom_config_is_accepted(tmp_path, basic_config, orders_csv, write_config, run_cli):
    cfg = write_config(tmp_path, "", {"orders.csv": orders_csv})
    cfg.write_bytes(b"\xef\xbb\xbf" + basic_config.encode("utf-8"))
    result = run_cli("validate", cfg)
    assert result.exit_code == 0, result.output


def test_empty_config_asks_for_a_mapping(cfg_run):
    cfg, err = cfg_run("")
    assert "expected a mapping of keys (title, period, data, metrics, chapters)" in err


# ---------------------------------------------------------------- the config file itself
def test_config_path_is_a_directory(tmp_path, run_cli, user_error):
    err = user_error(run_cli("validate", tmp_path))
    assert err == f"error: {tmp_path}: is a directory, expected a config file\n"


def test_config_that_does_not_exist(tmp_path, run_cli, user_error):
    missing = tmp_path / "nope.yaml"
    err = user_error(run_cli("validate", missing))
    assert err == f"error: {missing}: config file not found\n"


def test_build_of_a_missing_config_also_exits_2(tmp_path, run_cli, user_error):
    err = user_error(run_cli("build", tmp_path / "nope.yaml", "--plan"))
    assert "config file not found" in err


# ---------------------------------------------------------------- schema mistakes
def test_unknown_top_level_key_suggests_the_right_one(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("title: 测试复盘", "titel: 测试复盘"))
    assert f"{cfg}:1:1 titel: unknown key 'titel'; did you mean 'title'?" in err


def test_unknown_key_inside_a_metric_names_line_and_column(cfg_run, basic_config, line_of):
    text = basic_config.replace("label: 销售额}", "lable: 销售额}")
    cfg, err = cfg_run(text)
    line = line_of(text, "lable")
    col = text.splitlines()[line - 1].index("lable") + 1
    assert (f"{cfg}:{line}:{col} metrics.sales.lable: "
            "unknown key 'lable'; did you mean 'label'?") in err


def test_unknown_slide_kind_suggests_cards(cfg_run, basic_config, line_of):
    text = basic_config.replace("kind: cards", "kind: carsd")
    cfg, err = cfg_run(text)
    assert f"{cfg}:{line_of(text, 'carsd')}:9 chapters[0].slides[0].kind:" in err
    assert "'carsd' is not a known kind" in err
    assert "did you mean 'cards'?" in err


def test_unknown_metric_kind_suggests_total(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("kind: total", "kind: totl"))
    assert "metrics.sales.kind: 'totl' is not a known kind" in err
    assert "did you mean 'total'?" in err


CHART_SLIDE = """\
      - kind: chart
        title: 图
        chart: {type: colum, metric: sales}
"""
CARDS_SLIDE = """\
      - kind: cards
        title: 概览
        cards:
          - heading: 销售额
            value: "{{ sales }}"
"""


def test_chart_type_typo_suggests_column(cfg_run, basic_config, line_of):
    text = basic_config.replace(CARDS_SLIDE, CHART_SLIDE)
    cfg, err = cfg_run(text)
    line = line_of(text, "colum,")
    assert f"{cfg}:{line}:17 chapters[0].slides[0].chart.type:" in err
    assert "'colum' is not allowed; expected one of column, bar, pie, doughnut, line, funnel" in err
    assert "did you mean 'column'?" in err


def test_column_kind_typo_suggests_money(cfg_run, basic_config, line_of):
    text = basic_config.replace("{amount: money}", "{amount: mony}")
    cfg, err = cfg_run(text)
    assert f"{cfg}:{line_of(text, 'mony')}:15 data.orders.columns.amount:" in err
    assert "did you mean 'money'?" in err


def test_wrong_type_cards_is_a_number(cfg_run, basic_config, line_of):
    text = basic_config.replace(
        '        cards:\n          - heading: 销售额\n            value: "{{ sales }}"\n',
        "        cards: 5\n")
    cfg, err = cfg_run(text)
    assert f"{cfg}:{line_of(text, 'cards: 5')}:9 chapters[0].slides[0].cards:" in err
    assert "input should be a valid list, got 5" in err


def test_wrong_type_header_row_is_text(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("    path: orders.csv",
                                            "    path: orders.csv\n    header_row: three"))
    assert "data.orders.header_row" in err
    assert "got 'three'" in err


def test_missing_required_top_level_key(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("period: 2025-11\n", ""))
    assert f"{cfg}:1:1 period: required key is missing" in err


def test_missing_required_key_in_a_card_names_the_card(cfg_run, basic_config, line_of):
    text = basic_config.replace("          - heading: 销售额\n            value:",
                                "          - value:")
    cfg, err = cfg_run(text)
    assert (f"{cfg}:{line_of(text, '- value:')}:13 chapters[0].slides[0].cards[0].heading: "
            "required key is missing") in err


def test_source_needs_exactly_one_origin(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("    path: orders.csv\n", ""))
    assert "data.orders" in err
    assert "a source needs exactly one of 'path', 'url' or 'from'" in err


def test_title_of_2000_characters_fits(tmp_path, basic_config, orders_csv, write_config, run_cli):
    cfg = write_config(tmp_path, basic_config.replace("title: 测试复盘", "title: " + "长" * 2000),
                       {"orders.csv": orders_csv})
    assert run_cli("validate", cfg).exit_code == 0


def test_title_over_2000_characters_is_refused(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("title: 测试复盘", "title: " + "长" * 2001))
    assert f"{cfg}:1:1 title: text is 2001 characters long; at most 2000 fit on a slide" in err


def test_several_problems_are_listed_in_one_run(cfg_run, basic_config, line_of):
    text = (basic_config.replace("period: 2025-11\n", "")
            .replace("{amount: money}", "{amount: mony}")
            .replace("kind: cards", "kind: carsd"))
    cfg, err = cfg_run(text)
    assert err.startswith("error: 3 problems in the configuration:\n")
    assert f"  - {cfg}:1:1 period: required key is missing" in err
    assert f"  - {cfg}:{line_of(text, 'mony')}:15 data.orders.columns.amount:" in err
    assert f"  - {cfg}:{line_of(text, 'carsd')}:9 chapters[0].slides[0].kind:" in err


def test_an_unknown_key_does_not_hide_the_other_problems(cfg_run, basic_config):
    text = (basic_config.replace("title: 测试复盘", "titel: 测试复盘\nsubtitel: 副标题")
            .replace("{amount: money}", "{amount: mony}")
            .replace("kind: cards", "kind: carsd"))
    cfg, err = cfg_run(text)
    assert "unknown key 'titel'; did you mean 'title'?" in err
    assert "unknown key 'subtitel'; did you mean 'subtitle'?" in err
    assert "did you mean 'money'?" in err
    assert "did you mean 'cards'?" in err


def test_several_template_problems_are_listed_in_one_run(cfg_run, basic_config, line_of):
    text = basic_config.replace('value: "{{ sales }}"',
                                'value: "{{ salse }}"\n            body: "{{ slaes }}"')
    cfg, err = cfg_run(text)
    assert err.startswith("error: 2 problems in the configuration:\n")
    assert f"{cfg}:{line_of(text, 'salse')}:13 chapters[0].slides[0].cards[0].value:" in err
    assert f"{cfg}:{line_of(text, 'slaes')}:13 chapters[0].slides[0].cards[0].body:" in err


# ---------------------------------------------------------------- periods
def test_bad_period_on_the_command_line(cfg_run, basic_config):
    _, err = cfg_run(basic_config, "--period", "2025-13")
    assert err == ("error: '2025-13' is not a period; write 2025-11 (month), 2025Q4, 2025H1 or "
                   "2025 (year) (from --period)\n")


def test_a_period_yaml_reads_as_a_number_is_refused_with_the_fix(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("period: 2025-11", "period: 2025.10"))
    assert err == (f"error: {cfg}:2:1 period: 2025.1 is read as a number by YAML, which drops "
                   "a month's trailing zero; write 2025-10 (or put the period in quotes)\n")


def test_a_period_written_as_the_deck_writes_it_is_valid(tmp_path, basic_config, orders_csv,
                                                         write_config, run_cli):
    text = basic_config.replace("period: 2025-11", "period: 2025年11月")
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    result = run_cli("validate", cfg, "--period", "Oct 2025")
    assert result.exit_code == 0, result.output
    assert "is valid for 2025-10" in result.stderr
    assert "is valid for 2025-11" in run_cli("validate", cfg).stderr


def test_bad_period_in_the_config_names_its_line(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("period: 2025-11", "period: 2025Q5"))
    assert f"{cfg}:2:1 period: '2025Q5' is not a period" in err


@pytest.mark.parametrize("override", ["2025Q4", "2025H2", "2025", "2025-01"])
def test_good_period_overrides_validate(tmp_path, basic_config, orders_csv, write_config,
                                        run_cli, override):
    january = orders_csv + "2025-01-08,张伟,700\n"  # a row in every period tried
    cfg = write_config(tmp_path, basic_config, {"orders.csv": january})
    result = run_cli("validate", cfg, "--period", override)
    assert result.exit_code == 0, result.output
    assert f"is valid for {override}" in result.stderr


def test_year_period_written_plainly_in_yaml(tmp_path, basic_config, orders_csv, write_config,
                                             run_cli):
    cfg = write_config(tmp_path, basic_config.replace("period: 2025-11", "period: 2025"),
                       {"orders.csv": orders_csv})
    result = run_cli("validate", cfg)
    assert result.exit_code == 0, result.output
    assert "is valid for 2025 " in result.stderr


# ---------------------------------------------------------------- templates in the config
def test_misspelt_metric_in_template_suggests_and_names_config_line(cfg_run, basic_config,
                                                                    line_of):
    text = basic_config.replace("{{ sales }}", "{{ salse }}")
    cfg, err = cfg_run(text)
    assert f"{cfg}:{line_of(text, 'salse')}:13 chapters[0].slides[0].cards[0].value:" in err
    assert "'salse' is undefined; did you mean 'sales'?" in err


def test_misspelt_metric_in_title_names_line_1(cfg_run, basic_config):
    cfg, err = cfg_run(basic_config.replace("title: 测试复盘", "title: \"{{ sale }}复盘\""))
    assert f"{cfg}:1:1 title:" in err
    assert "did you mean 'sales'?" in err


def test_template_syntax_error_names_the_line(cfg_run, basic_config, line_of):
    text = basic_config.replace("{{ sales }}", "{{ sales }")
    cfg, err = cfg_run(text)
    assert f"{cfg}:{line_of(text, '{{ sales }')}:13" in err
    assert "template syntax error" in err


@pytest.mark.parametrize("template", [
    "{{ ''.__class__.__mro__ }}",
    "{{ sales.__class__ }}",
    "{{ {}|attr('__class__') }}",
])
def test_template_reaching_for_python_internals_fails_cleanly(cfg_run, basic_config, line_of,
                                                               template):
    text = basic_config.replace("{{ sales }}", template.replace('"', '\\"'))
    cfg, err = cfg_run(text)
    assert f"{cfg}:{line_of(text, 'value:')}:13" in err
    assert "template is not allowed to do that" in err
    assert "__class__" in err


def test_verbose_mode_still_shows_no_traceback_for_user_errors(tmp_path, basic_config,
                                                                orders_csv, write_config, run_cli,
                                                                user_error):
    cfg = write_config(tmp_path, basic_config.replace("kind: cards", "kind: carsd"),
                       {"orders.csv": orders_csv})
    err = user_error(run_cli("-v", "validate", cfg))
    assert "did you mean 'cards'?" in err


# ---------------------------------------------------------------- nothing written on error
def test_build_with_a_config_error_writes_no_deck(tmp_path, basic_config, orders_csv,
                                                 write_config, run_cli, user_error):
    cfg = write_config(tmp_path, basic_config.replace("kind: cards", "kind: carsd"),
                       {"orders.csv": orders_csv})
    out = tmp_path / "out" / "deck.pptx"
    err = user_error(run_cli("build", cfg, "-o", out))
    assert "did you mean 'cards'?" in err
    assert not out.exists()
    assert not out.parent.exists()


def test_build_with_a_template_error_writes_no_deck(tmp_path, basic_config, orders_csv,
                                                   write_config, run_cli, user_error):
    cfg = write_config(tmp_path, basic_config.replace("{{ sales }}", "{{ salse }}"),
                       {"orders.csv": orders_csv})
    out = tmp_path / "deck.pptx"
    user_error(run_cli("build", cfg, "-o", out))
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml", "orders.csv"]


ZERO_TARGET = """\
title: 测试复盘
period: 2025-11
data:
  orders:
    path: orders.csv
    date_column: order_date
    columns: {amount: money}
  targets:
    path: targets.csv
    date_column: month
    columns: {target: money}
metrics:
  sales: {kind: total, source: orders, column: amount, label: 销售额}
  target: {kind: total, source: targets, column: target, label: 销售额目标}
  ach: {kind: achievement, actual: sales, target: target, label: 销售额达成}
chapters:
  - title: 第一章
    slides:
      - kind: cards
        title: 概览
        cards:
          - heading: 达成率
            value: "{{ ach }}"
"""


def test_zero_target_is_a_warning_without_strict(tmp_path, orders_csv, write_config, run_cli,
                                                 plan_json, line_of):
    cfg = write_config(tmp_path, ZERO_TARGET,
                       {"orders.csv": orders_csv, "targets.csv": "month,target\n2025-11,0\n"})
    result = run_cli("build", cfg, "--plan")
    plan = plan_json(result)
    cards = next(s for s in plan["slides"] if s["kind"] == "cards")["cards"]
    assert cards[0]["value"] == "—"
    assert (f"warning: {cfg}:{line_of(ZERO_TARGET, '  ach:')}:3 metrics.ach: metric 'ach' "
            "(2025-11): the target 'target' is zero, so there is no achievement rate"
            ) in result.stderr


def test_strict_with_a_zero_target_exits_2_and_writes_nothing(tmp_path, orders_csv, write_config,
                                                             run_cli, user_error, needs_renderer):
    cfg = write_config(tmp_path, ZERO_TARGET,
                       {"orders.csv": orders_csv, "targets.csv": "month,target\n2025-11,0\n"})
    out = tmp_path / "deck.pptx"
    err = user_error(run_cli("build", cfg, "-o", out, "--strict"))
    assert "--strict: 1 warning(s), deck not written" in err
    assert "the target 'target' is zero" in err
    assert not out.exists()
    assert not list(tmp_path.glob("*.pptx"))
