"""Small files for the security tests: a real PNG of any size, and a one-box deck to tamper with."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def tampered_deck(tmp_path: Path) -> Callable[..., Path]:
    """A one-slide deck with a text box reading 'x'; edit(part, bytes) may rewrite any part."""

    def make(edit: Callable[[str, bytes], bytes] | None = None) -> Path:
        from pptx import Presentation
        from pptx.util import Inches

        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = "x"
        raw = io.BytesIO()
        prs.save(raw)
        path = tmp_path / "tampered.pptx"
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in src.namelist():
                body = src.read(name)
                dst.writestr(name, edit(name, body) if edit else body)
        return path

    return make


def zip_bomb(path: Path, expanded: int) -> None:
    """A real zip bomb: one entry whose deflate stream inflates to `expanded` bytes of zeros.

    Made by repeating one fully flushed deflate block of 1 MiB of zeros (about 1 KB), so a
    bomb of gigabytes takes milliseconds to make and a few MB on disk.
    """
    mib = 1024**2
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = block.compress(b"\0" * mib) + block.flush(zlib.Z_FULL_FLUSH)
    stream = piece * (expanded // mib) + b"\x03\x00"  # an empty final block ends the stream
    crc = 0
    zeros = b"\0" * mib
    for _ in range(expanded // mib):
        crc = zlib.crc32(zeros, crc)
    entries = [("[Content_Types].xml", b"<Types/>", 0, zlib.crc32(b"<Types/>"), 8),
               ("ppt/media/image1.png", stream, 8, crc, expanded)]
    out = io.BytesIO()
    central = b""
    for name, data, method, crc32, size in entries:
        offset = out.tell()
        raw = name.encode()
        size = len(data) if method == 0 else size
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc32,
                              len(data), size, len(raw), 0) + raw + data)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21,
                               crc32, len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw
    start = out.tell()
    out.write(central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                                    len(central), start, 0))
    path.write_bytes(out.getvalue())


@pytest.fixture
def make_zip_bomb() -> Callable[[Path, int], None]:
    return zip_bomb
