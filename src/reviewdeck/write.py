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
_CONTENT_TYPES = "[Content_Types].xml"


def _pin_zip(data: bytes, stamp: dt.datetime | None = None, fix: bool = False) -> bytes:
    """Rewrite a zip (a deck, or a chart's embedded workbook) with fixed entry times and dates.

    With fix, each part of the deck also goes through the fixes PowerPoint needs (ooxml_fixes).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = [(name, src.read(name)) for name in src.namelist()]
    return _pinned_zip(entries, stamp, fix)


def _pinned_zip(entries: list[tuple[str, bytes]], stamp: dt.datetime | None,
                fix: bool) -> bytes:
    """A zip of (name, bytes) entries, [Content_Types].xml first, with fixed times and dates."""
    out = io.BytesIO()
    names = [name for name, _ in entries]
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() if stamp is not None else b""
    ordered = ([e for e in entries if e[0] == _CONTENT_TYPES]
               + [e for e in entries if e[0] != _CONTENT_TYPES])
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in ordered:
            if fix:
                body = fix_part(name, body, names)
            if name.endswith(".xlsx"):
                body = _pin_zip(body, stamp)
            elif name == "docProps/core.xml" and stamp is not None:
                body = _W3CDTF.sub(lambda m: m.group(1) + when + m.group(2), body)
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, body)
    return out.getvalue()


class _Entries(list[tuple[str, bytes]]):
    """Takes the place of python-pptx's zip writer: keeps each (name, bytes) it is given."""

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.append((pack_uri.membername, blob))


def package_entries(prs: Any) -> list[tuple[str, bytes]]:
    """The zip entries prs.save() writes, in its order, without zipping them.

    prs.save() compresses every part only for _pinned_zip to inflate and compress them again;
    the deck's parts are taken here from python-pptx's PackageWriter, calling the three steps
    of its _write() with a list in place of the zip (tests/render/test_write.py checks that the
    entries are exactly those of prs.save()).
    """
    from pptx.opc.serialized import PackageWriter

    package = prs.part.package
    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    entries = _Entries()
    writer._write_content_types_stream(entries)
    writer._write_pkg_rels(entries)
    writer._write_parts(entries)
    return list(entries)


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
    return _pinned_zip(package_entries(prs), stamp, fix=True)


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
