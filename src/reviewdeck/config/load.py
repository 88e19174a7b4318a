"""Load a config file into a Deck model, turning every validation problem into a located message."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reviewdeck.config.models import Deck, closest
from reviewdeck.config.yamlfile import PathKey, YamlDoc, load_yaml
from reviewdeck.errors import ConfigError, ReviewDeckError

MAX_TEXT = 2000


@dataclass
class LoadedConfig:
    """The validated deck model, the file it came from and the positions of its values."""

    deck: Deck
    doc: YamlDoc
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def folder(self) -> Path:
        return self.doc.file.resolve().parent

    def resolve(self, relative: str) -> Path:
        """A path from the config, resolved against the config file's own folder, with its
        '..' steps taken (configs/../out/x.pptx is shown and used as out/x.pptx)."""
        path = Path(relative).expanduser()
        return path if path.is_absolute() else (self.folder / path).resolve()


def _yaml_path(raw: Any, loc: tuple[Any, ...]) -> PathKey:
    """Map a pydantic error location onto the YAML data, dropping union tags pydantic inserts."""
    path: list[str | int] = []
    node = raw
    tag_used: set[int] = set()
    for part in loc:
        if isinstance(node, dict) and node.get("kind") == part and id(node) not in tag_used:
            tag_used.add(id(node))
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif part == "from_" and isinstance(node, dict) and "from" in node:
            path.append("from")
            node = node["from"]
    return tuple(path)


def _message(err: Any) -> tuple[str, tuple[Any, ...]]:
    """A person's wording for one pydantic error, and any extra path element it points at."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    extra: tuple[Any, ...] = ()
    if kind == "unknown_key":
        extra = (ctx["key"],)
        return err["msg"], extra
    if kind == "union_tag_invalid":
        tag = ctx.get("tag")
        options = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        hint = closest(str(tag), options)
        return (f"'{tag}' is not a known kind; expected one of {', '.join(options)}{hint}",
                (ctx.get("discriminator", "'kind'").strip("'"),))
    if kind == "union_tag_not_found":
        return "missing 'kind' (what sort of slide or metric this is)", ()
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip()]
        given = err.get("input")
        return (f"'{given}' is not allowed; expected one of {', '.join(options)}"
                f"{closest(str(given), options)}", ())
    if kind == "missing":
        return "required key is missing", (err["loc"][-1],) if err["loc"] else ()
    if kind == "extra_forbidden":
        return "unknown key", ()
    msg = err["msg"]
    if kind.endswith("_type") or kind.endswith("_parsing"):
        given = err.get("input")
        shown = repr(given) if not isinstance(given, (dict, list)) else type(given).__name__
        return f"{msg[0].lower() + msg[1:]}, got {shown[:60]}", ()
    return msg[0].lower() + msg[1:] if msg else kind, ()


def _check_text(value: Any, path: PathKey, doc: YamlDoc, problems: list[ReviewDeckError]) -> None:
    """Reject control characters and absurdly long text anywhere in the config."""
    if isinstance(value, dict):
        for k, v in value.items():
            _check_text(v, path + (k,), doc, problems)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_text(v, path + (i,), doc, problems)
    elif isinstance(value, str):
        bad = [c for c in value if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0]
        odd = [c for c in value if 0xD800 <= ord(c) <= 0xDFFF or ord(c) in (0xFFFE, 0xFFFF)]
        if bad:
            problems.append(ReviewDeckError(
                f"control character U+{ord(bad[0]):04X} in text; remove it", doc.location(path)))
        elif odd:  # a lone surrogate or a non-character: no .pptx can store it
            problems.append(ReviewDeckError(
                f"character U+{ord(odd[0]):04X} cannot be stored in a deck; remove it",
                doc.location(path)))
        if len(value) > MAX_TEXT:
            problems.append(ReviewDeckError(
                f"text is {len(value)} characters long; at most {MAX_TEXT} fit on a slide",
                doc.location(path)))


def validate(doc: YamlDoc) -> Deck:
    """Validate parsed YAML into a Deck, collecting every problem before failing."""
    if not isinstance(doc.data, dict):
        raise ConfigError([ReviewDeckError(
            "expected a mapping of keys (title, period, data, metrics, chapters) at the top",
            doc.location(()))])
    problems: list[ReviewDeckError] = []
    _check_text(doc.data, (), doc, problems)
    try:
        deck = Deck.model_validate(doc.data)
    except ValidationError as exc:
        seen = set()
        for err in exc.errors():
            msg, extra = _message(err)
            path = _yaml_path(doc.data, tuple(err["loc"])) + extra
            key = (path, msg)
            if key in seen:
                continue
            seen.add(key)
            problems.append(ReviewDeckError(msg, doc.location(path)))
        raise ConfigError(problems) from None
    if problems:
        raise ConfigError(problems)
    return deck


def load_config(file: str | Path) -> LoadedConfig:
    """Read and validate a config file; raises ConfigError naming file:line:column on problems."""
    doc = load_yaml(Path(file))
    return LoadedConfig(deck=validate(doc), doc=doc)
