"""PDF and PNG previews through LibreOffice (headless, own profile folder, time-limited)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from reviewdeck.errors import ReviewDeckError

# Fonts a deck names that this machine may lack, mapped to what fonts-noto-cjk provides,
# so a preview on Linux shows the brand's East-Asian font's metrics, not a fallback.
ALIASES = {
    "Microsoft YaHei": "Noto Sans CJK SC", "微软雅黑": "Noto Sans CJK SC",
    "PingFang SC": "Noto Sans CJK SC", "SimHei": "Noto Sans CJK SC",
    "DengXian": "Noto Sans CJK SC", "等线": "Noto Sans CJK SC",
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


def to_png(pdf: Path, out_dir: Path, dpi: int = 80) -> list[Path]:
    """Render each PDF page to PNG with pdftoppm (Debian package poppler-utils)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ReviewDeckError("pdftoppm is not installed; on Debian/Ubuntu: apt-get install "
                              "poppler-utils")
    prefix = out_dir / pdf.stem
    subprocess.run([exe, "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True,
                   capture_output=True, timeout=300)
    return sorted(out_dir.glob(f"{pdf.stem}-*.png"))
