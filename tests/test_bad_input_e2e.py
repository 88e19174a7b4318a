"""Bad input end to end, through the CLI: each case builds correctly (maybe with a warning) or
exits 2 with a message naming the file, and never shows a traceback, leaves a partial file or
replaces a deck that was there.

Covered elsewhere and not repeated here: an Excel sheet whose header is on row 3 and dates
written 2025年11月 in a CSV (tests/data/test_loading.py), config syntax and schema mistakes
(tests/config/test_config_errors.py), hostile templates, SQL URLs and files that lie about
what they are (tests/security/).
"""

from __future__ import annotations

import contextlib
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.needs import soffice_or_skip

EMOJI_TITLE = "📈 11月复盘 🚀"
ARABIC = "مراجعة المبيعات الشهرية"
HEBREW = "סיכום מכירות"

WORLD_DECK = f"""\
title: "{EMOJI_TITLE}"
period: 2025-11
data:
  orders:
    path: orders.csv
    date_column: order_date
    columns: {{amount: money}}
metrics:
  sales: {{kind: total, source: orders, column: amount, label: 销售额}}
chapters:
  - title: "{ARABIC}"
    slides:
      - kind: cards
        title: "{HEBREW} 📊"
        cards:
          - heading: "增长 🔥 {ARABIC}"
            value: "{{{{ sales }}}}"
            body: "本月销售额{{{{ sales }}}}，✅ 完成目标；{HEBREW}。"
"""


READ_ONLY = stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH


def _leftovers(folder: Path) -> list[str]:
    """Temporary files a write may have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _slide_xml(deck: Path) -> str:
    with zipfile.ZipFile(deck) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist()
                       if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


@pytest.fixture
def basic(tmp_path, basic_config, orders_csv, write_config) -> Path:
    return write_config(tmp_path, basic_config, {"orders.csv": orders_csv})


def _set_dac_override(on: bool) -> bool:
    """Raise or lower CAP_DAC_OVERRIDE, the capability that lets root write through a chmod,
    in this thread's effective set (reading stays allowed). False if that cannot be done."""
    import ctypes
    import ctypes.util

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        return False
    bit = 1 << 1  # CAP_DAC_OVERRIDE
    data[0].effective = data[0].effective | bit if on else data[0].effective & ~bit
    return libc.capset(ctypes.byref(header), data) == 0


@contextlib.contextmanager
def unprivileged(probe: Path) -> Iterator[None]:
    """Honour file permissions even when running as root (as CI does): root writes through any
    chmod, so for a while drop the one capability that allows it. `probe` must be a folder
    this should make unwritable."""
    if os.geteuid() != 0:
        yield
        return
    if not _set_dac_override(False):
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE")
    try:
        try:
            (probe / ".probe").touch()
        except PermissionError:
            pass
        else:
            (probe / ".probe").unlink()
            pytest.skip("running as root: permissions are not enforced here")
        yield
    finally:
        _set_dac_override(True)


# ---------------------------------------------------------------- unusual text
def test_emoji_and_right_to_left_titles_build_check_and_keep_their_text(
        tmp_path, orders_csv, write_config, run_cli):
    cfg = write_config(tmp_path, WORLD_DECK, {"orders.csv": orders_csv})
    out = tmp_path / "world.pptx"
    result = run_cli("build", cfg, "-o", out)
    assert result.exit_code == 0, result.output
    xml = _slide_xml(out)
    for text in (EMOJI_TITLE, ARABIC, HEBREW, "📊", "🔥", "✅"):
        assert text in xml, text
    check = run_cli("check", out)
    assert check.exit_code == 0, check.output


@pytest.mark.soffice
def test_emoji_and_right_to_left_titles_render_in_libreoffice(tmp_path, orders_csv,
                                                              write_config, run_cli):
    soffice_or_skip()
    import pymupdf

    from reviewdeck.preview import to_pdf

    cfg = write_config(tmp_path, WORLD_DECK, {"orders.csv": orders_csv})
    out = tmp_path / "world.pptx"
    assert run_cli("build", cfg, "-o", out).exit_code == 0
    with pymupdf.open(to_pdf(out, tmp_path / "pdf")) as doc:
        assert doc.page_count == 5
        text = "".join(page.get_text() for page in doc).replace(" ", "")
    assert "11月复盘" in text
    assert "3,500元" in text


# ---------------------------------------------------------------- where the deck goes
def test_a_missing_output_folder_is_created(basic, tmp_path, run_cli):
    out = tmp_path / "a" / "b" / "deck.pptx"
    result = run_cli("build", basic, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert _leftovers(out.parent) == []


def test_an_output_folder_that_cannot_be_created_names_it(basic, tmp_path, run_cli,
                                                          user_error):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(READ_ONLY)
    target = locked / "new" / "deck.pptx"
    try:
        with unprivileged(locked):
            err = user_error(run_cli("build", basic, "-o", target))
    finally:
        locked.chmod(0o755)
    assert err == f"error: cannot create the output folder {locked / 'new'}: Permission denied\n"
    assert not (locked / "new").exists()


def test_an_unwritable_folder_leaves_the_old_deck_untouched(basic, tmp_path, run_cli,
                                                            user_error):
    folder = tmp_path / "decks"
    folder.mkdir()
    deck = folder / "deck.pptx"
    assert run_cli("build", basic, "-o", deck).exit_code == 0
    before = deck.read_bytes()
    folder.chmod(READ_ONLY)
    try:
        with unprivileged(folder):
            err = user_error(run_cli("build", basic, "-o", deck, "--period", "2025-10"))
    finally:
        folder.chmod(0o755)
    assert err == f"error: cannot write into {folder}: Permission denied\n"
    assert deck.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["deck.pptx"]


def test_a_directory_given_as_the_output_takes_the_deck_under_its_usual_name(
        basic, tmp_path, run_cli):
    folder = tmp_path / "decks"
    folder.mkdir()
    assert run_cli("build", basic, "-o", folder).exit_code == 0
    assert [p.name for p in folder.iterdir()] == ["config_2025-11.pptx"]
    new = run_cli("build", basic, "-o", f"{tmp_path}/new/")  # a slash: a folder to make
    assert new.exit_code == 0, new.output
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["config_2025-11.pptx"]


def test_a_directory_named_like_a_deck_given_as_the_output(basic, tmp_path, run_cli,
                                                           user_error):
    folder = tmp_path / "deck.pptx"
    folder.mkdir()
    err = user_error(run_cli("build", basic, "-o", folder))
    assert err == f"error: {folder} is a directory; give a file name ending in .pptx\n"
    assert list(folder.iterdir()) == []
    assert _leftovers(tmp_path) == []


def test_an_output_below_a_regular_file(basic, tmp_path, run_cli, user_error):
    err = user_error(run_cli("build", basic, "-o", tmp_path / "orders.csv" / "deck.pptx"))
    assert f"{tmp_path / 'orders.csv'}" in err
    assert "Not a directory" in err


def test_an_output_that_is_not_a_pptx(basic, tmp_path, run_cli, user_error):
    err = user_error(run_cli("build", basic, "-o", tmp_path / "deck.ppt"))
    assert err == "error: the output file must end in .pptx, got 'deck.ppt'\n"
    assert not (tmp_path / "deck.ppt").exists()


# ---------------------------------------------------------------- data files that are not data
@pytest.mark.parametrize(("name", "content", "message"), [
    ("orders.xlsx", b"order_date,amount\n2025-11-03,1\n", "Excel file format cannot be"),
    ("orders.parquet", b"order_date,amount\n", "cannot be read as parquet"),
    ("orders.csv", bytes(range(256)) * 8, "cannot tell the text encoding"),
])
def test_a_data_file_that_is_not_what_its_name_says(tmp_path, basic_config, write_config,
                                                    run_cli, user_error, name, content, message):
    cfg = write_config(tmp_path, basic_config.replace("path: orders.csv", f"path: {name}"),
                       {name: content})
    out = tmp_path / "deck.pptx"
    err = user_error(run_cli("build", cfg, "-o", out))
    assert str(tmp_path / name) in err
    assert message in err
    assert not out.exists()


def test_a_picture_renamed_to_a_config(tmp_path, run_cli, user_error):
    cfg = tmp_path / "config.yaml"
    cfg.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x04")
    err = user_error(run_cli("build", cfg, "-o", tmp_path / "deck.pptx"))
    assert err.startswith(f"error: {cfg}:1: is not UTF-8 text")
    assert not (tmp_path / "deck.pptx").exists()


# ---------------------------------------------------------------- characters no deck can store
@pytest.mark.parametrize(("escape", "code"), [("\\uFFFE", "U+FFFE"), ("\\uFFFF", "U+FFFF"),
                                              ("\\uD800", "U+D800")])
def test_a_character_no_deck_can_store_typed_in_the_config(tmp_path, basic_config, orders_csv,
                                                           write_config, run_cli, user_error,
                                                           escape, code):
    text = basic_config.replace("title: 测试复盘", f'title: "测试{escape}复盘"')
    cfg = write_config(tmp_path, text, {"orders.csv": orders_csv})
    out = tmp_path / "deck.pptx"
    err = user_error(run_cli("build", cfg, "-o", out))
    assert f"{cfg}:1:1 title: character {code} cannot be stored in a deck; remove it" in err
    assert not out.exists()


CHART_OF_REGIONS = """\
title: 区域复盘
period: 2025-11
data:
  orders:
    path: orders.csv
    date_column: order_date
    columns: {amount: money}
metrics:
  by_region: {kind: total, source: orders, column: amount, by: region, label: 区域销售额}
chapters:
  - title: 第一章
    slides:
      - kind: chart
        title: 区域
        chart: {type: column, metric: by_region}
"""


def test_control_characters_in_the_data_are_dropped_with_a_warning(tmp_path, write_config,
                                                                   run_cli):
    csv = ("order_date,region,amount\n2025-11-03,华\x07东,1000\n2025-11-20,华\ufffe南,2500\n"
           .encode("utf-8"))
    cfg = write_config(tmp_path, CHART_OF_REGIONS, {"orders.csv": csv})
    out = tmp_path / "deck.pptx"
    result = run_cli("build", cfg, "-o", out)
    assert result.exit_code == 0, result.output
    assert "character(s) a deck cannot store (U+0007, U+FFFE) from its text" in result.stderr
    with zipfile.ZipFile(out) as z:
        chart = z.read("ppt/charts/chart1.xml").decode("utf-8")
    assert "华东" in chart and "华南" in chart


def test_a_chart_with_no_data_in_the_period_builds_without_the_chart(tmp_path, write_config,
                                                                     run_cli):
    # November has orders, none from the channel the chart shows
    csv = "order_date,region,channel,amount\n2025-10-03,华东,线上,1000\n2025-11-03,华东,线下,500\n"
    text = CHART_OF_REGIONS.replace("by: region, label", "by: region, where: {channel: 线上}, label")
    cfg = write_config(tmp_path, text, {"orders.csv": csv})
    out = tmp_path / "deck.pptx"
    result = run_cli("build", cfg, "-o", out)
    assert result.exit_code == 0, result.output
    assert "chart of 'by_region': no data in this period, so the slide shows no chart" in \
        result.stderr
    assert run_cli("check", out).exit_code == 0


def test_a_deck_without_a_row_in_its_period_is_refused_with_the_sources(tmp_path, write_config,
                                                                        run_cli, user_error):
    csv = "order_date,region,amount\n2025-10-03,华东,1000\n"
    cfg = write_config(tmp_path, CHART_OF_REGIONS, {"orders.csv": csv})
    out = tmp_path / "deck.pptx"
    err = user_error(run_cli("build", cfg, "-o", out))
    assert err == (f"error: {cfg}:2:1 period: no data for 2025-11: none of its sources has a "
                   "row in 2025-11-01..2025-11-30 (orders.csv), so every figure would be '—'; "
                   "check the period (--period, or period: in the config) and the dates in "
                   "the data\n")
    assert not out.exists()
    err = user_error(run_cli("build", cfg, "-o", out, "--period", "2025-12"))
    assert err.startswith("error: no data for 2025-12: ")  # not the config's line
    plan = run_cli("build", cfg, "--plan")  # a plan is still shown, with the warning
    assert plan.exit_code == 0 and "warning: no data for 2025-11" in plan.stderr
    assert run_cli("build", cfg, "-o", out, "--period", "2025-10").exit_code == 0


def test_a_series_metric_printed_whole_reads_as_its_items(tmp_path, write_config, run_cli,
                                                          plan_json):
    text = CHART_OF_REGIONS.replace(
        '''      - kind: chart
        title: 区域
        chart: {type: column, metric: by_region}''', '''      - kind: cards
        title: 区域
        cards:
          - heading: 各区域
            value: "{{ by_region }}"''')
    csv = "order_date,region,amount\n2025-11-03,华东,680000\n2025-11-20,华南,320000\n"
    cfg = write_config(tmp_path, text, {"orders.csv": csv})
    plan = plan_json(run_cli("build", cfg, "--plan"))
    card = next(s for s in plan["slides"] if s["kind"] == "cards")["cards"][0]
    assert card["value"] == "华东 68万元、华南 32万元"
