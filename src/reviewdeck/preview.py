"""PDF and PNG previews through LibreOffice (headless, own profile folder, time-limited), and a
contact sheet: every slide of a deck as a thumbnail on one PNG."""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from reviewdeck.errors import ReviewDeckError

# Fonts a deck names that this machine may lack, mapped to what fonts-noto-cjk provides,
# so a preview on Linux shows the brand's East-Asian font's metrics, not a fallback.
ALIASES = {
    "Microsoft YaHei": "Noto Sans CJK SC", "微软雅黑": "Noto Sans CJK SC",
    "PingFang SC": "Noto Sans CJK SC", "SimHei": "Noto Sans CJK SC",
    "DengXian": "Noto Sans CJK SC", "等线": "Noto Sans CJK SC",
    # Source Han Sans is Noto Sans CJK under Adobe's name; its Latin is Source Sans
    "Source Han Sans SC": "Noto Sans CJK SC", "Source Han Sans CN": "Noto Sans CJK SC",
    "思源黑体": "Noto Sans CJK SC", "Source Sans Pro": "Noto Sans CJK SC",
    "Source Sans 3": "Noto Sans CJK SC",
}


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _fontconfig(folder: Path) -> Path:
    aliases = "".join(
        f"<alias binding=\"same\"><family>{src}</family><prefer><family>{dst}</family>"
        f"</prefer></alias>" for src, dst in ALIASES.items())
    conf = folder / "fonts.conf"
    conf.write_text(
        "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
        "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
        f"{aliases}</fontconfig>", encoding="utf-8")
    return conf


def require_tools(pdf: bool, png: bool) -> None:
    """Fail before any work when a preview was asked for and its tools are missing."""
    if (pdf or png) and find_soffice() is None:
        raise ReviewDeckError("LibreOffice is not installed; on Debian/Ubuntu: "
                              "apt-get install libreoffice-impress fonts-noto-cjk")
    if png and shutil.which("pdftoppm") is None:
        raise ReviewDeckError("pdftoppm is not installed; on Debian/Ubuntu: apt-get install "
                              "poppler-utils")


def to_pdf(deck: Path, out_dir: Path, timeout: float = 180) -> Path:
    """Convert deck to PDF in out_dir with a throwaway LibreOffice profile."""
    soffice = find_soffice()
    if soffice is None:
        raise ReviewDeckError("LibreOffice is not installed; on Debian/Ubuntu: "
                              "apt-get install libreoffice-impress fonts-noto-cjk")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reviewdeck-lo-") as tmp:
        tmp_path = Path(tmp)
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(tmp_path)), HOME=str(tmp_path))
        cmd = [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir), str(deck)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise ReviewDeckError(f"LibreOffice did not finish converting {deck.name} within "
                                  f"{timeout:.0f} s") from None
    pdf = out_dir / (deck.stem + ".pdf")
    if proc.returncode != 0 or not pdf.exists():
        raise ReviewDeckError(f"LibreOffice could not convert {deck.name}: "
                              f"{(proc.stderr or proc.stdout).strip()[:300]}")
    return pdf


def to_pdfs(decks: list[Path], out_dir: Path, timeout: float = 600) -> list[Path]:
    """Convert several decks in one LibreOffice run (it starts once), in a throwaway profile."""
    soffice = find_soffice()
    if soffice is None:
        raise ReviewDeckError("LibreOffice is not installed; on Debian/Ubuntu: "
                              "apt-get install libreoffice-impress fonts-noto-cjk")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reviewdeck-lo-") as tmp:
        tmp_path = Path(tmp)
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(tmp_path)), HOME=str(tmp_path))
        cmd = [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir),
               *map(str, decks)]
        try:
            subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                           check=False)
        except subprocess.TimeoutExpired:
            raise ReviewDeckError(f"LibreOffice did not finish converting {len(decks)} decks "
                                  f"within {timeout:.0f} s") from None
    pdfs = [out_dir / (deck.stem + ".pdf") for deck in decks]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise ReviewDeckError(f"LibreOffice did not convert {', '.join(missing)}")
    return pdfs


def to_png(pdf: Path, out_dir: Path, dpi: int = 80, width: int | None = None,
           timeout: float = 300) -> list[Path]:
    """Render each PDF page to PNG with pdftoppm (Debian package poppler-utils); width in
    pixels, when given, wins over dpi."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ReviewDeckError("pdftoppm is not installed; on Debian/Ubuntu: apt-get install "
                              "poppler-utils")
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / pdf.stem
    size = ["-scale-to-x", str(width), "-scale-to-y", "-1"] if width else ["-r", str(dpi)]
    try:
        proc = subprocess.run([exe, "-png", *size, str(pdf), str(prefix)], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ReviewDeckError(f"pdftoppm did not finish {pdf.name} within {timeout:.0f} s") \
            from None
    if proc.returncode != 0:
        raise ReviewDeckError(f"pdftoppm could not render {pdf.name}: {proc.stderr.strip()[:300]}")
    return sorted(out_dir.glob(f"{glob_escape(pdf.stem)}-*.png"))


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def make_previews(deck: Path, pdf: bool, png: bool, timeout: float = 180) -> list[Path]:
    """Write DECK.pdf and/or DECK_png/DECK-NN.png beside the deck; return what was written.

    Each file appears whole or not at all: LibreOffice and pdftoppm write into a temporary
    folder, and the results are moved into place.
    """
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="reviewdeck-preview-") as tmp:
        tmp_path = Path(tmp)
        made = to_pdf(deck, tmp_path / "pdf", timeout)
        if pdf:
            target = deck.with_suffix(".pdf")
            shutil.move(str(made), str(target))
            made = target
            written.append(target)
        if png:
            folder = deck.with_name(f"{deck.stem}_png")
            pages = to_png(made, tmp_path / "png", dpi=110)
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob(f"{glob_escape(deck.stem)}-*.png"):
                old.unlink()
            for page in pages:
                target = folder / page.name
                shutil.move(str(page), str(target))
                written.append(target)
    return written


def contact_sheet(deck: Path, output: Path | None = None, columns: int | None = None,
                  thumb_width: int = 480, timeout: float = 180) -> tuple[Path, int]:
    """All slides of deck as numbered thumbnails on one PNG; returns its path and the count."""
    from reviewdeck.write import write_atomic

    if not deck.is_file():
        raise ReviewDeckError(f"no such deck: {deck}")
    if deck.suffix.lower() not in (".pptx", ".potx", ".ppt", ".odp"):
        raise ReviewDeckError(f"{deck.name} is not a presentation (.pptx)")
    target = output or deck.with_name(f"{deck.stem}_sheet.png")
    if target.suffix.lower() != ".png":
        raise ReviewDeckError(f"the contact sheet is a PNG: give a name ending in .png, got "
                              f"'{target.name}'")
    require_tools(True, True)
    with tempfile.TemporaryDirectory(prefix="reviewdeck-sheet-") as tmp:
        tmp_path = Path(tmp)
        pdf = to_pdf(deck, tmp_path / "pdf", timeout)
        pages = to_png(pdf, tmp_path / "png", width=thumb_width)
        if not pages:
            raise ReviewDeckError(f"{deck.name} has no slides to show")
        data = _sheet_png(pages, columns, title=f"{deck.name} · {len(pages)} slides")
    return write_atomic(data, target), len(pages)


def _font(size: int) -> Any:
    """A CJK-capable font for labels (file names are often Chinese), else Pillow's own."""
    from PIL import ImageFont

    from reviewdeck.render.fonts import CJK_FONT_CANDIDATES, find_font_file

    ref = find_font_file(list(CJK_FONT_CANDIDATES))
    if ref is not None:
        try:
            return ImageFont.truetype(str(ref.path), size, index=ref.index)
        except OSError:
            pass
    return ImageFont.load_default(size)


def _sheet_png(pages: list[Path], columns: int | None, title: str) -> bytes:
    """Lay the page images out in a grid with a number under each, on a light background."""
    from PIL import Image, ImageDraw

    thumbs = [Image.open(p).convert("RGB") for p in pages]
    n = len(thumbs)
    cols = columns or max(1, min(5, math.ceil(math.sqrt(n * 1.2))))
    rows = math.ceil(n / cols)
    tw = max(t.width for t in thumbs)
    th = max(t.height for t in thumbs)
    margin, gap, label_h, head_h = 28, 20, 30, 56
    width = 2 * margin + cols * tw + (cols - 1) * gap
    height = margin + head_h + rows * (th + label_h) + (rows - 1) * gap + margin
    sheet = Image.new("RGB", (width, height), (238, 240, 243))
    draw = ImageDraw.Draw(sheet)
    draw.text((margin, margin), title, fill=(31, 41, 55), font=_font(24))
    label_font = _font(16)
    for i, thumb in enumerate(thumbs):
        r, c = divmod(i, cols)
        x = margin + c * (tw + gap)
        y = margin + head_h + r * (th + label_h + gap)
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=(190, 198, 208))
        sheet.paste(thumb, (x, y))
        draw.text((x + thumb.width // 2, y + thumb.height + 6), str(i + 1), fill=(75, 85, 99),
                  font=label_font, anchor="mt")
        thumb.close()
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()
