"""Layouts (geometry per slide kind) and themes (palette, fonts) read from YAML, never from code."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewdeck.config.models import closest
from reviewdeck.config.yamlfile import YamlDoc, load_yaml
from reviewdeck.errors import ConfigError, ReviewDeckError
from reviewdeck.imagefile import image_problem

if TYPE_CHECKING:
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

# python-pptx is imported by the methods that make its values, not here: a build validates its
# theme before reading data, and pptx is better imported while the data's queries run


def layouts_dir() -> Path:
    """The bundled layouts folder: the repo's layouts/ in a checkout, package data when installed."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "layouts" / "default.yaml"
        if candidate.exists() and (parent / "pyproject.toml").exists():
            return parent / "layouts"
    return Path(str(resources.files("reviewdeck") / "layouts"))


_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")
_X_KEYS = {"x", "w", "width", "label_w", "head_w"}


def _check_keys(user: dict[str, Any], base: dict[str, Any], path: tuple[Any, ...],
                doc: YamlDoc, problems: list[ReviewDeckError], strip: int = 0) -> None:
    """Report keys the defaults do not have (with the nearest name) and numbers given as text."""
    for key, value in user.items():
        here = path + (key,)
        shown = ".".join(str(p) for p in here[strip:])
        if key not in base:
            problems.append(ReviewDeckError(
                f"unknown key '{shown}'{closest(str(key), [str(k) for k in base])}",
                doc.location(here)))
            continue
        expected = base[key]
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                problems.append(ReviewDeckError(f"'{shown}' must be a mapping of keys",
                                                doc.location(here)))
            else:
                _check_keys(value, expected, here, doc, problems, strip)
        elif isinstance(expected, (int, float)) and not isinstance(expected, bool) and (
                not isinstance(value, (int, float)) or isinstance(value, bool)):
            problems.append(ReviewDeckError(f"'{shown}' must be a number, got {value!r}",
                                            doc.location(here)))


def _scale_x(node: Any, factor: float) -> Any:
    """Squeeze horizontal positions and widths for a 4:3 slide (text is refitted anyway)."""
    if isinstance(node, dict):
        return {k: (round(float(v) * factor, 4) if k in _X_KEYS and isinstance(v, (int, float))
                    else _scale_x(v, factor)) for k, v in node.items()}
    return node


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
             folder: Path | None = None, overrides: dict[str, Any] | None = None,
             overrides_doc: YamlDoc | None = None) -> "Look":
        """Bundled defaults, then the user's layout/theme files, then the config's overrides.

        Every key a user writes must exist in the defaults (a typo is an error with its line
        and a suggestion), and colours must be palette names or RRGGBB.
        """
        problems: list[ReviewDeckError] = []
        base_file = layouts_dir() / "default.yaml"
        layout_data = load_yaml(base_file, "layout").data
        layout_path = resolve_file(layout, "layout", folder)
        if layout_path != base_file:
            doc = load_yaml(layout_path, "layout")
            _check_keys(doc.data or {}, layout_data, (), doc, problems)
            layout_data = _deep_merge(layout_data, doc.data or {})
        if overrides:
            if overrides_doc is not None:
                _check_keys(overrides, layout_data, ("layout_overrides",), overrides_doc,
                            problems, strip=1)
            layout_data = _deep_merge(layout_data, overrides)
        theme_base = layouts_dir() / "themes" / "default.yaml"
        theme_data = load_yaml(theme_base, "theme").data
        theme_path = resolve_file(theme, "theme", folder)
        if theme_path != theme_base:
            doc = load_yaml(theme_path, "theme")
            user = doc.data or {}
            _check_keys({k: v for k, v in user.items() if k != "palette"}, theme_data, (), doc,
                        problems)
            known = list(theme_data["palette"])
            for name, value in (user.get("palette") or {}).items():
                near = difflib.get_close_matches(str(name), known, n=1, cutoff=0.8)
                if name not in known and near:
                    problems.append(ReviewDeckError(
                        f"unknown colour name '{name}'; did you mean '{near[0]}'? (a new "
                        "name is fine if it is not a typo: pick one less like an existing one)",
                        doc.location(("palette", name))))
                if name != "chart" and not _HEX.match(str(value)):
                    problems.append(ReviewDeckError(
                        f"colour '{value}' is not RRGGBB hex (e.g. 1F3A68)",
                        doc.location(("palette", name))))
            for i, value in enumerate((user.get("palette") or {}).get("chart") or []):
                if not _HEX.match(str(value)):
                    problems.append(ReviewDeckError(
                        f"colour '{value}' is not RRGGBB hex", doc.location(("palette", "chart", i))))
            if user.get("logo"):
                logo = Path(str(user["logo"]))
                logo = logo if logo.is_absolute() else theme_path.parent / logo
                if not logo.is_file():
                    problems.append(ReviewDeckError(f"logo file not found: {logo}",
                                                    doc.location(("logo",))))
                elif (why := image_problem(logo)) is not None:
                    problems.append(ReviewDeckError(f"logo {logo} {why}",
                                                    doc.location(("logo",))))
                user = dict(user, logo=str(logo))
            fonts = dict(user.get("fonts") or {})
            for key in ("latin", "east_asian"):  # headings follow the body font unless set
                if key in fonts and f"heading_{key}" not in fonts:
                    fonts[f"heading_{key}"] = fonts[key]
            if fonts:
                user = dict(user, fonts=fonts)
            theme_data = _deep_merge(theme_data, user)
        if problems:
            raise ConfigError(problems)
        size = str(layout_data.get("slide", {}).get("size", ""))
        if size == "4:3" and float(layout_data["slide"]["width"]) > 11:
            layout_data = _scale_x(layout_data, 10.0 / float(layout_data["slide"]["width"]))
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
        from pptx.dml.color import RGBColor

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
        from pptx.util import Inches

        return (Inches(spec["x"]), Inches(spec["y"]), Inches(spec["w"]), Inches(spec["h"]))

    def slide_emu(self) -> tuple[int, int]:
        """Exact slide size: PowerPoint's own 16:9 (12192000 x 6858000 EMU) or 4:3."""
        size = str(self.layout["slide"].get("size", ""))
        exact = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}
        if size in exact:
            return exact[size]
        from pptx.util import Inches

        return int(Inches(self["slide.width"])), int(Inches(self["slide.height"]))

    @property
    def line_spacing(self) -> float:
        return float(self.layout["text"]["line_spacing"])

    @property
    def inset(self) -> Emu:
        from pptx.util import Inches

        return Inches(self.layout["text"]["inset"])

    @staticmethod
    def pt(value: float) -> Pt:
        from pptx.util import Pt

        return Pt(value)
