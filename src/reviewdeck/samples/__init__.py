"""Sample data for `reviewdeck init`: the sample_inputs/ files the bundled configs read, shipped
xz-compressed (about a tenth of their size) so that a plain pip install can start a new user.

In a checkout the files come straight from sample_inputs/; `python -m reviewdeck.samples`
refreshes the compressed copies after sample_inputs/ or configs/ change.
"""

from __future__ import annotations

import lzma
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
PREFIX = "../sample_inputs/"
_REFERENCE = re.compile(r"""(?:^|\s)(?:path|facts):\s*["']?\.\./sample_inputs/([^\s"'#]+)""",
                        re.M)


def checkout_root() -> Path | None:
    """The repository root when running from a checkout (sample_inputs/ beside pyproject)."""
    for parent in HERE.parents:
        if (parent / "pyproject.toml").exists() and (parent / "sample_inputs").is_dir():
            return parent
    return None


def referenced(config_text: str) -> list[str]:
    """Files under sample_inputs/ a config reads (data paths and facts), in order, once each."""
    return list(dict.fromkeys(m.group(1) for m in _REFERENCE.finditer(config_text)))


def read(name: str) -> bytes:
    """A sample file by its path under sample_inputs/ (checkout first, else shipped copy)."""
    root = checkout_root()
    if root is not None and (root / "sample_inputs" / name).is_file():
        return (root / "sample_inputs" / name).read_bytes()
    packed = HERE / f"{name}.xz"
    if not packed.is_file():
        raise FileNotFoundError(name)
    return lzma.decompress(packed.read_bytes())


def pack(configs: list[Path] | None = None) -> list[Path]:
    """Write an .xz copy of every sample file the configs read; drop copies no config reads."""
    root = checkout_root()
    if root is None:
        raise RuntimeError("packing needs a checkout with sample_inputs/")
    configs = configs or sorted(p for p in (root / "configs").glob("*.yaml")
                                if not p.name.startswith("."))
    wanted = {name for c in configs for name in referenced(c.read_text(encoding="utf-8"))}
    written = []
    for name in sorted(wanted):
        raw = (root / "sample_inputs" / name).read_bytes()
        target = HERE / f"{name}.xz"
        if target.is_file() and lzma.decompress(target.read_bytes()) == raw:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(lzma.compress(raw, preset=9 | lzma.PRESET_EXTREME))
        written.append(target)
    for old in HERE.rglob("*.xz"):
        if str(old.relative_to(HERE))[:-3] not in wanted:
            old.unlink()
    return written
