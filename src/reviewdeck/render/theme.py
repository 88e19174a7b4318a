"""Layouts (geometry per slide kind) and themes (palette, fonts) read from YAML, never from code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from reviewdeck.config.yamlfile import load_yaml
from reviewdeck.errors import ConfigError, ReviewDeckError


def layouts_dir() -> Path:
    """The bundled layouts folder: the repo's layouts/ in a checkout, package data when installed."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "layouts" / "default.yaml"
        if candidate.exists() and (parent / "pyproject.toml").exists():
            return parent / "layouts"
    return Path(str(resources.files("reviewdeck") / "layouts"))


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def resolve_file(name: str, kind: str, folder: Path | None) -> Path:
    """A theme or layout given by bundled name or by path relative to the config folder."""
    if name.endswith((".yaml", ".yml")):
        path = Path(name)
        if not path.is_absolute() and folder is not None:
            path = folder / path
        return path
    sub = layouts_dir() / ("themes" if kind == "theme" else "")
    path = sub / f"{name}.yaml"
    if not path.exists():
        options = sorted(p.stem for p in sub.glob("*.yaml"))
        raise ReviewDeckError(f"no bundled {kind} named '{name}'; available: {', '.join(options)}")
    return path


@dataclass(frozen=True)
class TextStyle:
    size: float
    min_size: float
    bold: bool
    color: str
    font: str
    align: str
    fill: str | None


class Look:
    """Geometry and brand of a deck: lookups by dotted name with clear errors for missing keys."""

    def __init__(self, layout: dict[str, Any], theme: dict[str, Any], layout_file: str,
                 theme_file: str) -> None:
        self.layout = layout
        self.theme = theme
        self.layout_file = layout_file
        self.theme_file = theme_file

    @classmethod
    def load(cls, layout: str = "default", theme: str = "default",
             folder: Path | None = None) -> "Look":
        base_file = layouts_dir() / "default.yaml"
        layout_data = load_yaml(base_file, "layout").data
        layout_path = resolve_file(layout, "layout", folder)
        if layout_path != base_file:
            layout_data = _deep_merge(layout_data, load_yaml(layout_path, "layout").data or {})
        theme_base = layouts_dir() / "themes" / "default.yaml"
        theme_data = load_yaml(theme_base, "theme").data
        theme_path = resolve_file(theme, "theme", folder)
        if theme_path != theme_base:
            theme_data = _deep_merge(theme_data, load_yaml(theme_path, "theme").data or {})
        return cls(layout_data, theme_data, str(layout_path), str(theme_path))

    # ---------------------------------------------------------------- lookups
    def __getitem__(self, dotted: str) -> Any:
        node: Any = self.layout
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigError([ReviewDeckError(
                    f"{self.layout_file}: layout has no key '{dotted}'")])
            node = node[part]
        return node

    def color(self, name: str) -> RGBColor:
        """A palette name (or a literal RRGGBB) as an RGBColor."""
        value = self.theme.get("palette", {}).get(name, name)
        text = str(value).lstrip("#")
        if len(text) != 6:
            raise ConfigError([ReviewDeckError(
                f"{self.theme_file}: colour '{name}' is neither a palette name nor RRGGBB")])
        try:
            return RGBColor.from_string(text.upper())
        except ValueError:
            raise ConfigError([ReviewDeckError(
                f"{self.theme_file}: colour '{name}' is not RRGGBB hex")]) from None

    @cached_property
    def chart_colors(self) -> list[RGBColor]:
        return [self.color(c) for c in self.theme["palette"]["chart"]]

    def font(self, role: str = "body") -> tuple[str, str]:
        """(latin, east_asian) typefaces for a role: body or heading."""
        fonts = self.theme["fonts"]
        if role == "heading":
            return fonts.get("heading_latin", fonts["latin"]), fonts.get(
                "heading_east_asian", fonts["east_asian"])
        return fonts["latin"], fonts["east_asian"]

    def style(self, spec: dict[str, Any]) -> TextStyle:
        size = float(spec.get("size", 14))
        return TextStyle(size=size, min_size=float(spec.get("min_size", size)),
                         bold=bool(spec.get("bold", False)), color=str(spec.get("color", "text")),
                         font=str(spec.get("font", "body")), align=str(spec.get("align", "left")),
                         fill=spec.get("fill"))

    @staticmethod
    def box(spec: dict[str, Any]) -> tuple[Emu, Emu, Emu, Emu]:
        return (Inches(spec["x"]), Inches(spec["y"]), Inches(spec["w"]), Inches(spec["h"]))

    def slide_emu(self) -> tuple[int, int]:
        """Exact slide size: PowerPoint's own 16:9 (12192000 x 6858000 EMU) or 4:3."""
        size = str(self.layout["slide"].get("size", ""))
        exact = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}
        if size in exact:
            return exact[size]
        return int(Inches(self["slide.width"])), int(Inches(self["slide.height"]))

    @property
    def line_spacing(self) -> float:
        return float(self.layout["text"]["line_spacing"])

    @property
    def inset(self) -> Emu:
        return Inches(self.layout["text"]["inset"])

    @staticmethod
    def pt(value: float) -> Pt:
        return Pt(value)
