"""`reviewdeck check DECK`: a readable report or JSON; exit 0 clean, 1 problems, 2 unreadable."""

from __future__ import annotations

import io
import json
import zipfile


def test_a_clean_deck_exits_0(maker, run_cli):
    maker.text(1, 1, 6, 1, "Sales 1,280")
    deck = maker.save()
    result = run_cli("check", deck)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{deck}: 1 slides, no problems found\n"


def test_problems_exit_1_with_slide_shape_what_and_why(maker, run_cli):
    maker.text(12.5, 1, 2, 1, "Off", name="Stray")
    maker.picture(1, 1, 1, (400, 400), descr="")
    deck = maker.save()
    result = run_cli("check", deck)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"{deck}: 2 problem(s) in 1 slides",
        ("  slide 1, 'Picture 2': picture has no alt text (description); screen readers and "
         "search cannot tell what it shows [alt-text]"),
        ("  slide 1, 'Stray': the shape reaches off the slide: 1.17 in past the right edge "
         "[off-slide]"),
    ]


def test_json_lists_each_problem(maker, run_cli):
    maker.text(12.5, 1, 2, 1, "Off", name="Stray")
    deck = maker.save()
    result = run_cli("check", "--json", deck)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["file"] == str(deck)
    assert report["ok"] is False
    assert report["slides"] == 1
    assert report["problems"] == [{
        "check": "off-slide", "slide": 1, "shape": "Stray", "shape_id": 2,
        "message": "the shape reaches off the slide: 1.17 in past the right edge"}]


def test_json_of_a_clean_deck(maker, run_cli):
    result = run_cli("check", maker.save(), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["problems"] == []


def test_a_missing_file_exits_2(tmp_path, run_cli, user_error):
    missing = tmp_path / "nope.pptx"
    assert user_error(run_cli("check", missing)) == f"error: {missing}: no such file\n"


def test_a_directory_exits_2(tmp_path, run_cli, user_error):
    err = user_error(run_cli("check", tmp_path))
    assert err == f"error: {tmp_path}: is a directory, expected a .pptx file\n"


def test_a_text_file_named_pptx_exits_2(tmp_path, run_cli, user_error):
    fake = tmp_path / "fake.pptx"
    fake.write_text("not a deck", encoding="utf-8")
    err = user_error(run_cli("check", fake))
    assert err == f"error: {fake}: is not a PowerPoint deck (not a zip archive)\n"


def test_an_empty_file_exits_2(tmp_path, run_cli, user_error):
    empty = tmp_path / "empty.pptx"
    empty.write_bytes(b"")
    assert "the file is empty" in user_error(run_cli("check", empty))


def test_an_old_binary_or_encrypted_deck_exits_2(tmp_path, run_cli, user_error):
    old = tmp_path / "old.pptx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "an encrypted deck or an old binary .ppt" in user_error(run_cli("check", old))


def test_a_zip_that_is_not_an_office_file_exits_2(tmp_path, run_cli, user_error):
    plain = tmp_path / "photos.pptx"
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr("a.txt", "hello")
    err = user_error(run_cli("check", plain))
    assert "is a zip archive but not an Office document" in err


def test_a_word_document_named_pptx_exits_2(tmp_path, run_cli, user_error):
    doc = tmp_path / "report.pptx"
    with zipfile.ZipFile(doc, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", "<w:document/>")
    err = user_error(run_cli("check", doc))
    assert err == f"error: {doc}: is not a PowerPoint deck but a Word document\n"


def test_a_truncated_deck_exits_2(maker, tmp_path, run_cli, user_error):
    data = maker.save().read_bytes()
    cut = tmp_path / "cut.pptx"
    cut.write_bytes(data[: len(data) // 2])
    err = user_error(run_cli("check", cut))
    assert str(cut) in err


def test_a_deck_checked_from_bytes_in_memory(maker):
    from reviewdeck.check import check_deck

    data = maker.save().read_bytes()
    assert check_deck(data, name="in-memory.pptx").file == "in-memory.pptx"
    assert zipfile.is_zipfile(io.BytesIO(data))


def test_help_stays_cheap():
    import subprocess
    import sys

    code = ("import sys, reviewdeck.cli as c\n"
            "from click.testing import CliRunner\n"
            "CliRunner().invoke(c.main, ['check', '--help'])\n"
            "heavy = [m for m in ('pptx', 'lxml', 'pandas', 'fontTools') if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
