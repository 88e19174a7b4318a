"""Safe YAML reading that remembers where every value came from, so errors can name line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reviewdeck.errors import ConfigError, Location, ReviewDeckError

PathKey = tuple[str | int, ...]


def format_path(path: PathKey) -> str:
    """Render ('chapters', 2, 'slides', 1, 'title') as chapters[2].slides[1].title."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class YamlDoc:
    """A parsed YAML document and the line/column of every key and value in it."""

    file: Path
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: PathKey) -> Location:
        """The nearest known position for path (walking up to a parent when needed)."""
        probe = tuple(path)
        while probe and probe not in self.marks:
            probe = probe[:-1]
        line, col = self.marks.get(probe, (None, None))
        return Location(str(self.file), line, col, format_path(tuple(path)) or None)


def _problem(file: Path, message: str, line: int | None = None, col: int | None = None) -> ConfigError:
    return ConfigError([ReviewDeckError(message, Location(str(file), line, col))])


def read_text(file: Path, what: str = "config") -> str:
    """Read a UTF-8 text file (BOM allowed) or explain exactly why it cannot be read."""
    if not file.exists():
        raise _problem(file, f"{what} file not found")
    if file.is_dir():
        raise _problem(file, f"is a directory, expected a {what} file")
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _problem(
            file, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the {what} as UTF-8", line
        ) from None


# libyaml's parser is about ten times faster than PyYAML's pure-Python one and gives the same
# nodes and marks; a document it rejects is parsed again in Python, whose messages we explain
_FAST = getattr(yaml, "CSafeLoader", None)


def load_yaml(file: Path, what: str = "config") -> YamlDoc:
    """Parse one YAML document with safe loading; duplicate keys and syntax errors are reported."""
    text = read_text(file, what)
    if _FAST is not None:
        loader = _FAST(text)
        try:
            return _document(loader, file)
        except yaml.YAMLError:
            pass  # the pure-Python parser below says what and where
        finally:
            loader.dispose()
    return _load_slow(file, text)


def _load_slow(file: Path, text: str) -> YamlDoc:
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)
        return _document(loader, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = exc.problem or str(exc)
        if exc.context and exc.problem:
            msg = f"{exc.problem} ({exc.context})"
        raise _problem(
            file,
            f"invalid YAML: {msg}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:  # e.g. ReaderError for control characters
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        col = position - text.rfind("\n", 0, position) if isinstance(position, int) else None
        reason = getattr(exc, "reason", None) or str(exc)
        character = getattr(exc, "character", None)
        if isinstance(character, str):
            character = ord(character)
        if isinstance(character, int):
            reason = f"control character U+{character:04X} is not allowed in YAML text"
        raise _problem(file, f"invalid YAML: {reason}", line, col) from None
    finally:
        if loader is not None:
            loader.dispose()


def _document(loader: Any, file: Path) -> YamlDoc:
    """The loader's one document, with the position of every key and value."""
    node = loader.get_single_node()
    doc = YamlDoc(file=file, data=None)
    if node is not None:
        doc.data = _build(loader, node, (), doc)
    return doc


def _build(loader: Any, node: yaml.Node, path: PathKey, doc: YamlDoc) -> Any:
    doc.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "mapping keys must be plain text", key_node.start_mark
                )
            key = str(key) if not isinstance(key, str) else key
            if key in out:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            child = path + (key,)
            doc.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _build(loader, value_node, child, doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), doc) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
