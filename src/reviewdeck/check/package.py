"""Open a deck safely and check its package: what it is, its size, content types, relationships.

A .pptx is a zip. Before anything is decompressed the central directory is read and the file
is refused if it would expand beyond what a deck can hold (a zip bomb renamed .pptx). Then
the problems no XML schema sees are looked for: content-type overrides for parts that are
not there, parts without a content type, relationships pointing at missing parts.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewdeck.check.model import DeckUnreadable, Finding

MAX_FILE_BYTES = 2 * 1024**3
MAX_ENTRIES = 20_000
MAX_EXPANDED_BYTES = 2 * 1024**3
MAX_RATIO = 200  # deflate rarely passes 20:1 on XML, never 200:1 on real content
RATIO_FLOOR_BYTES = 16 * 1024**2  # small parts may compress very well; only big ones count

_NS_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_NS_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
}
_OTHER_KINDS = {"wordprocessingml": "a Word document", "spreadsheetml": "an Excel workbook"}


@dataclass
class Package:
    """The deck's bytes, its zip entries, and where its main presentation part is."""

    name: str
    data: bytes
    entries: dict[str, zipfile.ZipInfo]
    content_types: Any  # the parsed [Content_Types].xml
    main_part: str

    def __post_init__(self) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(self.data))
        self._lower = {n.lower(): n for n in self.entries}
        # Parts are parsed once and the trees shared: every slide reads its layout, master and
        # theme and their relationships, which are the same few parts for the whole deck. The
        # checks only read the trees, never change them.
        self._xml: dict[str, Any] = {}
        self._rels: dict[str, dict[str, tuple[str, str]]] = {}

    def has(self, part: str) -> bool:
        return part.lower() in self._lower

    def blob(self, part: str) -> bytes | None:
        """A part's bytes, or None when the package lacks it or it cannot be inflated."""
        entry = self._lower.get(part.lower())
        if entry is None:
            return None
        try:
            return self._zip.read(entry)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None

    def xml(self, part: str) -> Any | None:
        """A part parsed as XML (entities never resolved), or None if absent or malformed.

        The same tree is returned for every call with the part: callers must not change it.
        """
        key = part.lower()
        if key not in self._xml:
            self._xml[key] = self._parse(part)
        return self._xml[key]

    def _parse(self, part: str) -> Any | None:
        from lxml import etree

        blob = self.blob(part)
        if blob is None:
            return None
        try:
            return etree.fromstring(blob, etree.XMLParser(resolve_entities=False,
                                                          no_network=True, huge_tree=True))
        except etree.XMLSyntaxError:
            return None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (type, target part name) for internal targets.

        The same mapping is returned for every call with the part: callers must not change it.
        """
        if part not in self._rels:
            self._rels[part] = self._read_rels(part)
        return self._rels[part]

    def _read_rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iter(f"{_NS_REL}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id") or ""] = (rel.get("Type") or "", path)
        return out

    def related(self, part: str, kind: str) -> str | None:
        """The first part related to `part` by a relationship type ending in /kind."""
        for rtype, target in self.rels(part).values():
            if rtype.endswith("/" + kind):
                return target
        return None


def read_bytes(source: Path | bytes, name: str) -> bytes:
    """The file's bytes, or DeckUnreadable naming the file and what is wrong with it."""
    if isinstance(source, bytes):
        return source
    path = Path(source)
    if not path.exists():
        raise DeckUnreadable(f"{name}: no such file")
    if path.is_dir():
        raise DeckUnreadable(f"{name}: is a directory, expected a .pptx file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DeckUnreadable(f"{name}: {size / 1024**3:.1f} GiB is larger than any deck "
                                 "this tool reads")
        return path.read_bytes()
    except OSError as exc:
        raise DeckUnreadable(f"{name}: cannot be read ({exc.strerror})") from None


def _not_a_zip(name: str, data: bytes) -> DeckUnreadable:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return DeckUnreadable(f"{name}: is not a .pptx but an encrypted deck or an old binary "
                              ".ppt; save it from PowerPoint as .pptx without a password")
    if not data:
        return DeckUnreadable(f"{name}: the file is empty")
    return DeckUnreadable(f"{name}: is not a PowerPoint deck (not a zip archive)")


def open_package(data: bytes, name: str) -> Package:
    """Read the zip directory and the main part's location, refusing anything unsafe."""
    from lxml import etree

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _not_a_zip(name, data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DeckUnreadable(f"{name}: is a damaged zip archive ({exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise DeckUnreadable(f"{name}: refused: {len(infos):,} entries is far more than a deck "
                             "holds (a zip bomb?)")
    expanded = sum(i.file_size for i in infos)
    if expanded > MAX_EXPANDED_BYTES:
        raise DeckUnreadable(f"{name}: refused: it would expand to {expanded / 1024**3:.1f} GiB "
                             "(a zip bomb?)")
    for info in infos:
        if info.file_size > RATIO_FLOOR_BYTES and \
                info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DeckUnreadable(
                f"{name}: refused: '{info.filename}' would expand "
                f"{info.file_size // max(info.compress_size, 1):,} times to "
                f"{info.file_size / 1024**2:,.0f} MiB (a zip bomb?)")
        if info.flag_bits & 0x1:
            raise DeckUnreadable(f"{name}: its parts are encrypted; save it without a password")
    entries = {i.filename: i for i in infos}
    parser = etree.XMLParser(resolve_entities=False, no_network=True)

    def xml(part: str) -> Any:
        try:
            return etree.fromstring(archive.read(part), parser)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DeckUnreadable(f"{name}: its part '{part}' is damaged ({exc})") from None

    if "[Content_Types].xml" not in entries:
        raise DeckUnreadable(f"{name}: is a zip archive but not an Office document "
                             "(no [Content_Types].xml)")
    if "_rels/.rels" not in entries:
        raise DeckUnreadable(f"{name}: is a zip archive but not an Office document "
                             "(no _rels/.rels)")
    types = xml("[Content_Types].xml")
    main = None
    for rel in xml("_rels/.rels").iter(f"{_NS_REL}Relationship"):
        if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT):
            main = (rel.get("Target") or "").lstrip("/")
    if main is None or main not in entries:
        raise DeckUnreadable(f"{name}: is a zip archive but has no main document part")
    kind = _content_type(types, main)
    if kind not in _MAIN_TYPES:
        what = next((v for k, v in _OTHER_KINDS.items() if k in (kind or "")), None)
        raise DeckUnreadable(f"{name}: is not a PowerPoint deck"
                             + (f" but {what}" if what else f" (its main part is {kind})"))
    return Package(name, data, entries, types, main)


def _content_type(types: Any, part: str) -> str | None:
    want = "/" + part.lower()
    for el in types.iter(f"{_NS_CT}Override"):
        if (el.get("PartName") or "").lower() == want:
            return str(el.get("ContentType"))
    ext = part.rsplit(".", 1)[-1].lower()
    for el in types.iter(f"{_NS_CT}Default"):
        if (el.get("Extension") or "").lower() == ext:
            return str(el.get("ContentType"))
    return None


def _rels_source(rels_name: str) -> str:
    """The part a .rels file belongs to: ppt/slides/_rels/slide1.xml.rels -> ppt/slides/slide1.xml."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def package_findings(pkg: Package) -> list[Finding]:
    """Overrides for missing parts, parts without a content type, relationships to nowhere."""
    from lxml import etree

    found: list[Finding] = []
    lower = {n.lower() for n in pkg.entries}
    for el in pkg.content_types.iter(f"{_NS_CT}Override"):
        part = (el.get("PartName") or "").lstrip("/")
        if part.lower() not in lower:
            found.append(Finding("content-types", f"a content type is declared for '/{part}', "
                                 "which is not in the file; PowerPoint offers to repair the deck"))
    # what _content_type() looks up, gathered once rather than searched for every entry
    overridden = {(el.get("PartName") or "").lower()
                  for el in pkg.content_types.iter(f"{_NS_CT}Override")}
    extensions = {(el.get("Extension") or "").lower()
                  for el in pkg.content_types.iter(f"{_NS_CT}Default")}
    for entry in pkg.entries:
        if entry.endswith("/") or entry == "[Content_Types].xml":
            continue
        if ("/" + entry.lower() not in overridden
                and entry.rsplit(".", 1)[-1].lower() not in extensions):
            found.append(Finding("content-types", f"part '{entry}' has no content type; "
                                 "PowerPoint offers to repair the deck"))
    archive = pkg._zip
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for entry in sorted(pkg.entries):
        if not entry.endswith(".rels"):
            continue
        try:
            rels = etree.fromstring(archive.read(entry), parser)
        except etree.XMLSyntaxError as exc:
            found.append(Finding("relationships", f"'{entry}' is not well-formed XML ({exc})"))
            continue
        source = _rels_source(entry)
        base = posixpath.dirname(source)
        for rel in rels.iter(f"{_NS_REL}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(base, target))
            if path.lower() not in lower:
                found.append(Finding(
                    "relationships", f"'{source or '(package)'}' refers to '{path}' "
                    f"({rel.get('Id')}), which is not in the file; PowerPoint offers to repair "
                    "the deck"))
    return found
