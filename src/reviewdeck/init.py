"""`reviewdeck init`: start a new user with a working config, its sample data and its schema.

The config is one of the bundled ones (configs/, shipped as reviewdeck.bundled), with its data
paths pointed at a data/ folder beside it, a comment on every key, and a first line that tells
YAML editors (the yaml-language-server in VS Code and others) where the JSON Schema is, so they
complete and check keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from reviewdeck.config.models import closest
from reviewdeck.errors import ReviewDeckError

SCHEMA_FILE = "reviewdeck.schema.json"
DATA_DIR = "data"
DEFAULT_KIND = "monthly_review"


@dataclass
class InitResult:
    config: Path
    schema: Path
    data: list[Path] = field(default_factory=list)


def bundled_configs() -> dict[str, Path]:
    """The bundled configs by name: configs/ in a checkout, package data when installed."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "configs").is_dir():
            folder = parent / "configs"
            break
    else:
        folder = Path(str(resources.files("reviewdeck") / "bundled"))
    return {p.stem: p for p in sorted(folder.glob("*.yaml")) if not p.name.startswith(".")}


def resolve_kind(kind: str) -> Path:
    """A bundled config by its name or the start of it (monthly → monthly_review), with
    hyphens or spaces for its underscores (half-year → half_year_report)."""
    configs = bundled_configs()
    kind = "_".join(kind.strip().replace("-", " ").split()) or kind
    if kind in configs:
        return configs[kind]
    starts = sorted((name for name in configs if name.startswith(kind)), key=len)
    if starts and all(name.startswith(starts[0]) for name in starts):
        return configs[starts[0]]  # half_year: half_year_report rather than ..._en
    raise ReviewDeckError(
        f"no sample config named '{kind}'{closest(kind, list(configs))}; choose one of: "
        f"{', '.join(configs)}")


def schema_text() -> str:
    from reviewdeck.config.models import Deck

    return json.dumps(Deck.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def _config_text(source: Path, schema_name: str) -> tuple[str, list[str]]:
    """The bundled config for a new folder: data/ paths, out/ output, comments, schema line."""
    from reviewdeck import samples
    from reviewdeck.config.comments import annotate
    from reviewdeck.config.models import Deck

    text = source.read_text(encoding="utf-8")
    files = samples.referenced(text)
    text = text.replace(samples.PREFIX, f"{DATA_DIR}/").replace("../sample_inputs", DATA_DIR)
    text = text.replace("../out/", "out/")
    text = text.replace(f"configs/{source.name}", source.name)
    text = annotate(text, Deck.model_json_schema())
    head = (f"# yaml-language-server: $schema=./{schema_name}\n"
            f"# Made by `reviewdeck init {source.stem}`. Build the deck with:\n"
            f"#   reviewdeck build {source.name}\n"
            f"# Point the files under data: at your own exports (same columns) to use your "
            f"numbers.\n")
    return head + text, files


def init(kind: str, folder: Path, force: bool = False) -> InitResult:
    """Write <folder>/<kind>.yaml, its data files under data/ and the schema; nothing is
    overwritten unless force."""
    from reviewdeck import samples
    from reviewdeck.write import write_atomic

    source = resolve_kind(kind)
    text, files = _config_text(source, SCHEMA_FILE)
    config = folder / source.name
    schema = folder / SCHEMA_FILE
    data = [folder / DATA_DIR / name for name in files]
    if folder.exists() and not folder.is_dir():
        raise ReviewDeckError(f"{folder} is a file; give a folder to write the config into")
    existing = [p for p in (config, schema, *data) if p.exists()]
    if existing and not force:
        raise ReviewDeckError(
            f"{existing[0]} already exists" + (f" (and {len(existing) - 1} more)"
                                               if len(existing) > 1 else "")
            + "; nothing was written. Choose another folder or add --force to replace them")
    contents = []
    for name in files:
        try:
            contents.append(samples.read(name))
        except FileNotFoundError:
            raise ReviewDeckError(f"the sample file {name} for {source.stem} is not in this "
                                  "installation of reviewdeck") from None
    for path, body in zip(data, contents):
        write_atomic(body, path)
    write_atomic(schema_text().encode("utf-8"), schema)
    write_atomic(text.encode("utf-8"), config)
    return InitResult(config, schema, data)
