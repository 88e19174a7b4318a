"""Previews: build --pdf/--png through LibreOffice, and `reviewdeck preview` contact sheets;
a missing LibreOffice is named with the Debian package that provides it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reviewdeck.errors import ReviewDeckError
from tests.needs import soffice_or_skip


@pytest.fixture
def small_deck(tmp_path: Path, write_config, basic_config, orders_csv, run_cli) -> Path:
    config = write_config(tmp_path, basic_config, {"orders.csv": orders_csv})
    deck = tmp_path / "small.pptx"
    assert run_cli("build", config, "-o", deck).exit_code == 0
    return deck


@pytest.mark.soffice
def test_build_writes_a_pdf_and_one_png_per_slide_beside_the_deck(
        tmp_path: Path, write_config, basic_config, orders_csv, run_cli) -> None:
    soffice_or_skip(pdftoppm=True)
    import pymupdf

    config = write_config(tmp_path, basic_config, {"orders.csv": orders_csv})
    deck = tmp_path / "out" / "review.pptx"
    result = run_cli("build", config, "-o", deck, "--pdf", "--png")
    assert result.exit_code == 0, result.output
    with pymupdf.open(tmp_path / "out" / "review.pdf") as pdf:
        pages = pdf.page_count
    pngs = sorted((tmp_path / "out" / "review_png").glob("review-*.png"))
    assert pages == 5 and len(pngs) == 5  # cover, contents, chapter, cards, closing
    lines = result.stderr.splitlines()
    assert lines[-3:] == ["converting review.pptx with LibreOffice and pdftoppm …",
                          f"wrote {tmp_path / 'out' / 'review.pdf'}",
                          f"wrote {tmp_path / 'out' / 'review_png'}"]


@pytest.mark.soffice
def test_preview_makes_one_contact_sheet_of_every_slide(small_deck: Path, run_cli) -> None:
    soffice_or_skip(pdftoppm=True)
    from PIL import Image

    result = run_cli("preview", small_deck, "--columns", 3, "--width", 200)
    assert result.exit_code == 0, result.output
    sheet = small_deck.with_name("small_sheet.png")
    assert "(5 slides)" in result.stderr
    with Image.open(sheet) as img:
        # three thumbnails of 200 px a row with margins and gaps; two rows of 16:9 pages
        assert img.width == 2 * 28 + 3 * 200 + 2 * 20
        assert img.height == 28 + 56 + 2 * (113 + 30) + 20 + 28
        # the first thumbnail is the cover: the default brand's navy fills most of it
        cover = img.crop((28, 28 + 56, 28 + 200, 28 + 56 + 112)).convert("RGB")
        pixels = [cover.getpixel((x, y)) for x in range(0, 200, 4) for y in range(0, 112, 4)]
        navy = sum(1 for px in pixels if px[2] > 80 and px[0] < 60)
        assert navy > 0.5 * len(pixels)


def test_preview_without_libreoffice_names_the_package(small_deck: Path, run_cli, user_error,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    message = user_error(run_cli("preview", small_deck))
    assert "LibreOffice is not installed" in message
    assert "apt-get install libreoffice-impress" in message
    assert not small_deck.with_name("small_sheet.png").exists()


def test_build_with_png_but_no_pdftoppm_says_so_before_building(
        tmp_path: Path, write_config, basic_config, orders_csv, run_cli, user_error,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "pdftoppm" else real(name))
    config = write_config(tmp_path, basic_config, {"orders.csv": orders_csv})
    message = user_error(run_cli("build", config, "-o", tmp_path / "d.pptx", "--png"))
    assert "pdftoppm is not installed; on Debian/Ubuntu: apt-get install poppler-utils" in message
    assert not (tmp_path / "d.pptx").exists()


def test_a_libreoffice_that_hangs_is_stopped_with_a_clear_error(
        small_deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewdeck import preview

    monkeypatch.setattr(preview, "find_soffice", lambda: "/usr/bin/soffice")

    def hang(cmd, **kwargs):  # type: ignore[no-untyped-def]
        assert any(str(a).startswith("-env:UserInstallation=file://") for a in cmd)
        raise subprocess.TimeoutExpired(cmd, kwargs["timeout"])

    monkeypatch.setattr(subprocess, "run", hang)
    with pytest.raises(ReviewDeckError, match="did not finish converting small.pptx within 5 s"):
        preview.to_pdf(small_deck, tmp_path / "pdf", timeout=5)


@pytest.mark.parametrize(("name", "message"), [
    ("missing.pptx", "no such deck"),
    ("notes.txt", "is not a presentation"),
])
def test_preview_of_something_that_is_not_a_deck_is_a_user_error(
        tmp_path: Path, run_cli, user_error, name: str, message: str) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert message in user_error(run_cli("preview", tmp_path / name))
