"""Hostile or mistaken input is refused cleanly: template escapes, SQL credentials, files that
are not what they claim to be. Each refusal exits 2 with a message and writes nothing."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

THEMED = """\
title: 测试复盘
period: 2025-11
theme: brand.yaml
data:
  orders:
    path: orders.csv
    date_column: order_date
    columns: {amount: money}
metrics:
  sales: {kind: total, source: orders, column: amount, label: 销售额}
chapters:
  - title: 第一章
    slides:
      - kind: cards
        title: 概览
        cards:
          - heading: 销售额
            value: "{{ sales }}"
"""


def _deck_text(deck: Path) -> str:
    """Every XML part of a deck (slides, notes, properties, charts) as one string."""
    with zipfile.ZipFile(deck) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                         if n.endswith((".xml", ".rels")))


# ---------------------------------------------------------------- templates
@pytest.mark.parametrize("template", [
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{{ config }}{{ request }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
])
def test_template_escapes_fail_cleanly_and_write_nothing(tmp_path, basic_config, orders_csv,
                                                         write_config, run_cli, user_error,
                                                         template):
    text = basic_config.replace("{{ sales }}", template.replace('"', '\\"'))
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    out = tmp_path / "deck.pptx"
    err = user_error(run_cli("build", cfg, "-o", out))
    assert f"{cfg}:" in err
    assert "uid=" not in err
    assert not out.exists()


# ---------------------------------------------------------------- SQL credentials
SQL_DECK = """\
title: 数据库复盘
period: 2025-11
data:
  orders:
    url: ${SALES_DB_URL}
    query: "select order_date, amount from orders where order_date between :start and :end"
    date_column: order_date
    columns: {amount: money}
metrics:
  sales: {kind: total, source: orders, column: amount, label: 销售额}
chapters:
  - title: 第一章
    slides:
      - kind: cards
        title: 概览
        cards:
          - heading: 销售额
            value: "{{ sales }}"
            body: "本月销售额{{ sales }}。"
"""


@pytest.fixture
def sales_db(tmp_path, monkeypatch):
    """A SQLite database whose path plays the secret: the URL comes only from the environment."""
    pytest.importorskip("sqlalchemy", reason="SQL sources need SQLAlchemy (test extra)")
    secret_dir = tmp_path / "s3cr3t-host-name"
    secret_dir.mkdir()
    db = secret_dir / "hunter2-password.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("create table orders (order_date text, amount real)")
        conn.executemany("insert into orders values (?, ?)",
                         [("2025-11-03", 1000.0), ("2025-11-20", 2500.0), ("2025-10-15", 400)])
    url = f"sqlite:///{db}"
    monkeypatch.setenv("SALES_DB_URL", url)
    return url


def test_sql_url_from_the_environment_never_reaches_deck_notes_or_log(
        tmp_path, sales_db, write_config, run_cli):
    cfg = write_config(tmp_path, SQL_DECK)
    out = tmp_path / "deck.pptx"
    result = run_cli("-v", "build", cfg, "-o", out)
    assert result.exit_code == 0, result.output
    xml = _deck_text(out)
    assert "3,500元" in xml  # the figures did come from the database
    for secret in (sales_db, "s3cr3t-host-name", "hunter2-password", "SALES_DB_URL"):
        assert secret not in xml, secret
        assert secret not in result.stderr, secret
        assert secret not in result.stdout, secret


def test_a_failing_query_does_not_echo_the_url(tmp_path, sales_db, write_config, run_cli,
                                               user_error):
    cfg = write_config(tmp_path, SQL_DECK.replace("from orders", "from no_such_table"))
    err = user_error(run_cli("build", cfg, "-o", tmp_path / "deck.pptx"))
    assert "source 'orders': the SQL query failed" in err
    assert "hunter2-password" not in err and "s3cr3t-host-name" not in err
    assert not (tmp_path / "deck.pptx").exists()


def test_an_unset_url_variable_is_a_clear_error(tmp_path, write_config, run_cli, user_error,
                                                monkeypatch):
    monkeypatch.delenv("SALES_DB_URL", raising=False)
    cfg = write_config(tmp_path, SQL_DECK)
    err = user_error(run_cli("build", cfg, "-o", tmp_path / "deck.pptx"))
    assert "SALES_DB_URL" in err and "not set" in err


def test_a_password_written_into_the_config_is_refused(tmp_path, write_config, run_cli,
                                                       user_error):
    cfg = write_config(tmp_path, SQL_DECK.replace(
        "${SALES_DB_URL}", "postgresql://sales:hunter2@db.example/sales"))
    err = user_error(run_cli("build", cfg, "-o", tmp_path / "deck.pptx"))
    assert "data.orders.url" in err
    assert "environment variable" in err
    assert "hunter2" not in err
    assert not (tmp_path / "deck.pptx").exists()


def test_a_password_from_its_own_variable_is_fine_in_the_url(tmp_path, write_config, run_cli,
                                                             plan_json, monkeypatch):
    pytest.importorskip("sqlalchemy", reason="SQL sources need SQLAlchemy (test extra)")
    db = tmp_path / "sales.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("create table orders (order_date text, amount real)")
        conn.execute("insert into orders values ('2025-11-03', 1000.0)")
    monkeypatch.setenv("DB_PATH", str(db))
    cfg = write_config(tmp_path, SQL_DECK.replace("${SALES_DB_URL}", "sqlite:///${DB_PATH}"))
    plan = plan_json(run_cli("build", cfg, "--plan"))
    assert str(db) not in str(plan)


# ---------------------------------------------------------------- files that lie
def _themed(tmp_path, write_config, orders_csv, logo_name, logo_bytes):
    files = {"orders.csv": orders_csv, logo_name: logo_bytes,
             "brand.yaml": f"logo: {logo_name}\n"}
    return write_config(tmp_path, THEMED, files)


def test_a_text_file_named_png_as_logo_is_refused(tmp_path, orders_csv, write_config, run_cli,
                                                  user_error):
    cfg = _themed(tmp_path, write_config, orders_csv, "logo.png", b"just some text\n")
    out = tmp_path / "deck.pptx"
    err = user_error(run_cli("build", cfg, "-o", out))
    assert "logo.png" in err
    assert "not a picture, whatever its name says" in err
    assert "brand.yaml:1" in err
    assert not out.exists()


def test_a_50_mb_logo_is_refused(tmp_path, orders_csv, write_config, run_cli, user_error, png):
    big = png(64, 64)
    big = big[:-12] + b"\0" * (50 * 1024**2) + big[-12:]  # a real header, 50 MB of padding
    cfg = _themed(tmp_path, write_config, orders_csv, "logo.png", big)
    out = tmp_path / "deck.pptx"
    err = user_error(run_cli("build", cfg, "-o", out))
    assert "logo.png" in err and "is 50 MB" in err
    assert not out.exists()


def test_a_real_logo_is_drawn_and_described(tmp_path, orders_csv, write_config, run_cli, png):
    cfg = _themed(tmp_path, write_config, orders_csv, "logo.png", png(440, 160))
    out = tmp_path / "deck.pptx"
    result = run_cli("build", cfg, "-o", out)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    with zipfile.ZipFile(out) as z:
        assert any(n.startswith("ppt/media/") for n in z.namelist())


def test_a_coarse_logo_is_built_with_a_check_warning(tmp_path, orders_csv, write_config,
                                                      run_cli, png):
    cfg = _themed(tmp_path, write_config, orders_csv, "logo.png", png(44, 16))
    out = tmp_path / "deck.pptx"
    result = run_cli("build", cfg, "-o", out)
    assert result.exit_code == 0, result.output
    assert "warning: check: slide 4, 'Logo': picture is 40 DPI" in result.stderr
    assert out.exists()


def test_the_zip_bomb_is_real(tmp_path, make_zip_bomb):
    bomb = tmp_path / "small.pptx"
    make_zip_bomb(bomb, 8 * 1024**2)
    with zipfile.ZipFile(bomb) as z:
        assert z.testzip() is None
        assert z.read("ppt/media/image1.png") == b"\0" * (8 * 1024**2)


def test_a_zip_bomb_named_pptx_is_refused_by_check(tmp_path, run_cli, user_error,
                                                   make_zip_bomb):
    bomb = tmp_path / "bomb.pptx"
    make_zip_bomb(bomb, 3 * 1024**3)
    assert bomb.stat().st_size < 20 * 1024**2
    err = user_error(run_cli("check", bomb))
    assert f"{bomb}: refused: it would expand to 3.0 GiB (a zip bomb?)" in err


def test_one_highly_compressed_part_is_refused_by_check(tmp_path, run_cli, user_error,
                                                        make_zip_bomb):
    bomb = tmp_path / "ratio.pptx"
    make_zip_bomb(bomb, 512 * 1024**2)
    err = user_error(run_cli("check", bomb))
    assert "refused: 'ppt/media/image1.png' would expand" in err
    assert "(a zip bomb?)" in err


def test_xml_entities_in_a_deck_are_not_expanded(tampered_deck, run_cli):
    """A billion-laughs DOCTYPE in a slide must neither hang nor blow up the checker."""
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1
                                                        else b"&lol;") * 10)
                         for i in range(1, 10)) + b"]>")

    def bomb(name, body):
        if name == "ppt/slides/slide1.xml":
            return laughs + body.split(b"?>", 1)[1].replace(b"<a:t>x</a:t>", b"<a:t>&lol9;</a:t>")
        return body

    deck = tampered_deck(bomb)
    result = run_cli("check", deck)
    assert result.exit_code in (0, 1), result.output
    assert "lollollol" not in result.output


def test_a_deck_with_a_path_traversal_entry_is_only_read(tampered_deck, tmp_path, run_cli):
    deck = tampered_deck()
    with zipfile.ZipFile(deck, "a") as z:
        z.writestr("../../evil.txt", "x")
    result = run_cli("check", deck)
    assert result.exit_code == 1
    assert "'../../evil.txt' has no content type" in result.stdout
    assert not (tmp_path.parent.parent / "evil.txt").exists()
