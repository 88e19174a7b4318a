"""What an image file really is: its format from its first bytes and its size in pixels.

Read from the header only, never decoded, so a huge or hostile file costs nothing to inspect.
Used to refuse a logo that is not an image and to judge a picture's resolution in a deck.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ImageInfo:
    format: str  # png, jpeg, gif, bmp, tiff, webp, emf, wmf, svg
    width: int | None  # pixels; None for vector formats
    height: int | None

    @property
    def vector(self) -> bool:
        return self.format in ("emf", "wmf", "svg")


def _png(data: bytes) -> ImageInfo | None:
    if len(data) >= 24 and data[12:16] == b"IHDR":
        w, h = struct.unpack(">II", data[16:24])
        return ImageInfo("png", w, h)
    return None


def _jpeg(data: bytes) -> ImageInfo | None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if pos + 9 > len(data):
                return None
            h, w = struct.unpack(">HH", data[pos + 5:pos + 9])
            return ImageInfo("jpeg", w, h)
        pos += 2 + length
    return None


def _gif(data: bytes) -> ImageInfo | None:
    if len(data) >= 10:
        w, h = struct.unpack("<HH", data[6:10])
        return ImageInfo("gif", w, h)
    return None


def _bmp(data: bytes) -> ImageInfo | None:
    if len(data) >= 26:
        w, h = struct.unpack("<ii", data[18:26])
        return ImageInfo("bmp", abs(w), abs(h))
    return None


def _tiff(data: bytes) -> ImageInfo | None:
    return ImageInfo("tiff", *_pillow_size(data))


def _webp(data: bytes) -> ImageInfo | None:
    return ImageInfo("webp", *_pillow_size(data))


def _pillow_size(data: bytes) -> tuple[int | None, int | None]:
    """Size of formats whose headers are not read here, from Pillow's header parser."""
    import io
    import warnings

    try:
        from PIL import Image
    except ImportError:
        return None, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as im:
                return int(im.size[0]), int(im.size[1])
        except Exception:  # noqa: BLE001 - any failure means "size unknown", never a crash
            return None, None


def sniff(data: bytes) -> ImageInfo | None:
    """The image's format and pixel size from its header, or None if it is not an image."""
    head = data[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(data)
    if head.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _gif(data)
    if head.startswith(b"BM"):
        return _bmp(data)
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return _tiff(data)
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if len(data) >= 44 and data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return ImageInfo("emf", None, None)
    if head[:4] in (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"):
        return ImageInfo("wmf", None, None)
    text = data[:1024].lstrip()
    if text.startswith((b"<?xml", b"<svg")) and b"<svg" in data[:4096]:
        return ImageInfo("svg", None, None)
    return None


MAX_IMAGE_BYTES = 20 * 1024**2
MAX_IMAGE_PIXELS = 50_000_000
EMBEDDABLE = ("png", "jpeg", "gif", "bmp", "tiff")


def image_problem(path: Path) -> str | None:
    """Why a file given as a picture (a theme logo) cannot go into a deck, or None if it can.

    The file must really be a PNG, JPEG, GIF, BMP or TIFF (whatever its name says), at most
    20 MB, and at most 50 million pixels: a logo needs far less, and a bigger file is more
    likely a mistake, or a decompression bomb, than a picture.
    """
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return (f"is {size / 1024**2:.0f} MB; a picture for a deck must be at most "
                    f"{MAX_IMAGE_BYTES // 1024**2} MB")
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    info = sniff(head)
    if info is None or info.format not in EMBEDDABLE:
        what = "an empty file" if not head else \
            f"an {info.format.upper()} drawing" if info is not None else "not a picture"
        return f"is {what}, whatever its name says; give a PNG or JPEG file"
    if info.width is not None and info.height is not None and \
            info.width * info.height > MAX_IMAGE_PIXELS:
        return (f"is {info.width} x {info.height} pixels, more than "
                f"{MAX_IMAGE_PIXELS // 1_000_000} million; scale it down")
    if not info.width or not info.height:
        return "is a damaged picture (no size in its header); save it again as PNG or JPEG"
    return None
