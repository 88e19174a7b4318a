"""Write a deck atomically with deterministic bytes: temp file in the target folder, then rename."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from reviewdeck.errors import OutputError
from reviewdeck.ooxml_fixes import fix_part

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _pin_zip(data: bytes, stamp: dt.datetime | None = None, fix: bool = False) -> bytes:
    """Rewrite a zip (a deck, or a chart's embedded workbook) with fixed entry times and dates.

    With fix, each part of the deck also goes through the fixes PowerPoint needs (ooxml_fixes).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        first = [n for n in names if n == "[Content_Types].xml"]
        for name in first + [n for n in names if n != "[Content_Types].xml"]:
            body = src.read(name)
            if fix:
                body = fix_part(name, body, names)
            if name.endswith(".xlsx"):
                body = _pin_zip(body, stamp)
            elif name == "docProps/core.xml" and stamp is not None:
                when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                body = _W3CDTF.sub(lambda m: m.group(1) + when + m.group(2), body)
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, body)
    return out.getvalue()


def deterministic_bytes(prs: Any, stamp: dt.datetime, title: str, author: str) -> bytes:
    """Save prs to bytes with pinned core-properties dates and zip entry times."""
    props = prs.core_properties
    props.title = title[:255]
    props.author = author
    props.last_modified_by = author
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    props.last_printed = stamp
    raw = io.BytesIO()
    prs.save(raw)
    return _pin_zip(raw.getvalue(), stamp, fix=True)


def write_atomic(data: bytes, target: Path) -> Path:
    """Put data at target without ever leaving a half-written or clobbered file behind."""
    target = target.expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder {folder}: {exc.strerror}") from None
    if target.is_dir():
        raise OutputError(f"{target} is a directory; give a file name ending in .pptx")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write into {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"cannot write {target}: {exc.strerror} (is it open in another "
                          "program?)") from None
    return target
