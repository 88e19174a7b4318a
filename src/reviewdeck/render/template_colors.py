"""A template's theme colours and fonts turned into a reviewdeck palette and fonts."""

from __future__ import annotations

import colorsys
from typing import Any

from pptx.oxml.ns import qn

_CJK_NAMES = ("yahei", "hei", "song", "kai", "ming", "fang", "pingfang", "hiragino", "cjk",
              "han sans", "han serif", "wenquanyi", "dengxian", "gothic", "mincho", "meiryo",
              "malgun", "gulim", "batang", "simsun", "nsimsun", "yu ")


def scheme_hex(el: Any) -> str | None:
    """RRGGBB of a colour-scheme entry (a:srgbClr, or a:sysClr's lastClr)."""
    for child in el:
        if child.tag == qn("a:srgbClr"):
            return str(child.get("val")).upper()
        if child.tag == qn("a:sysClr") and child.get("lastClr"):
            return str(child.get("lastClr")).upper()
    return None


def _rgb(hexa: str) -> tuple[float, float, float]:
    return tuple(int(hexa[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _to_hex(rgb: tuple[float, float, float]) -> str:
    return "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def luminance(hexa: str) -> float:
    """WCAG relative luminance: 0 black .. 1 white."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in _rgb(hexa))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours: 1 (the same) .. 21 (black on white)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def tint(hexa: str, amount: float) -> str:
    """hexa mixed with white: amount 0 keeps it, 1 is white."""
    return _to_hex(tuple(c + (1 - c) * amount for c in _rgb(hexa)))  # type: ignore[arg-type]


def shade(hexa: str, amount: float) -> str:
    """hexa mixed with black: amount 0 keeps it, 1 is black."""
    return _to_hex(tuple(c * (1 - amount) for c in _rgb(hexa)))  # type: ignore[arg-type]


def luminance_scaled(hexa: str, mod: float = 1.0, off: float = 0.0) -> str:
    """DrawingML's lumMod/lumOff: hexa with its HSL lightness times mod plus off."""
    h, lum, sat = colorsys.rgb_to_hls(*_rgb(hexa))
    return _to_hex(colorsys.hls_to_rgb(h, max(0.0, min(1.0, lum * mod + off)), sat))


def _hue(hexa: str) -> tuple[float, float]:
    h, _l, s = colorsys.rgb_to_hls(*_rgb(hexa))
    return h * 360, s


def mix(a: str, b: str, amount: float) -> str:
    """a blended towards b: amount 0 keeps a, 1 is b."""
    return _to_hex(tuple(x + (y - x) * amount  # type: ignore[arg-type]
                         for x, y in zip(_rgb(a), _rgb(b))))


DARK_BACKGROUND = 0.18  # a slide background below this luminance carries light text


def palette_from_scheme(scheme: dict[str, str], background: str | None = None,
                        base: dict[str, Any] | None = None) -> dict[str, Any]:
    """Our palette names from a theme colour scheme (dk1, lt1, dk2, lt2, accent1..6).

    primary must carry white text (cover, headers), so it is the darkest brand colour; the
    highlight accent avoids the reds and greens that mean worse and better than target.
    background is the colour the template's content slides show, when known: a dark one
    turns the palette round (dark_palette), from base's (the theme's) positive and negative.
    """
    accents = [scheme[f"accent{i}"] for i in range(1, 7) if scheme.get(f"accent{i}")]
    if not accents:
        return {}
    secondary = accents[0]
    dark_pool = [c for c in [scheme.get("dk2"), *accents] if c]
    darkest = min(dark_pool, key=luminance)
    primary = darkest if luminance(darkest) < 0.12 else shade(darkest, 0.45)
    if luminance(primary) > 0.12:
        primary = shade(primary, 0.5)
    base_hue, _ = _hue(secondary)

    def usable(c: str) -> bool:
        hue, sat = _hue(c)
        far = min(abs(hue - base_hue), 360 - abs(hue - base_hue)) >= 50
        semantic = hue < 20 or hue > 340 or 75 < hue < 165
        return far and not semantic and sat > 0.25 and 0.08 < luminance(c) < 0.75

    accent = next((c for c in accents[1:] if usable(c)), accents[1] if len(accents) > 1
                  else tint(secondary, 0.3))
    extra = next((c for c in accents[1:] if c not in (accent,)), secondary)
    if background is not None and luminance(background) < DARK_BACKGROUND:
        base = base or {}
        return dark_palette(scheme, background, secondary, accent, extra,
                            str(base.get("positive") or "2E9E6B"),
                            str(base.get("negative") or "D64545"))
    text = scheme.get("dk1") or "1F2937"
    if luminance(text) > 0.2:
        text = "1F2937"
    background = scheme.get("lt1") or "FFFFFF"
    return {
        "primary": primary,
        "secondary": secondary,
        "accent": accent,
        "text": text,
        "muted": _to_hex(tuple(t + (1 - t) * 0.42 for t in _rgb(text))),  # type: ignore[arg-type]
        "light": tint(secondary, 0.92),
        "line": tint(secondary, 0.8),
        "background": background,
        "on_dark": "FFFFFF",
        "on_dark_muted": tint(primary, 0.7),
        "accent_light": tint(accent, 0.86),
        "chart": [secondary, tint(secondary, 0.45), accent, "9AA5B1", primary,
                  tint(secondary, 0.7), extra],
    }


def dark_palette(scheme: dict[str, str], background: str, secondary: str, accent: str,
                 extra: str, positive: str, negative: str) -> dict[str, Any]:
    """The palette for a template whose slides are dark: every name keeps its role with the
    lightness turned round. Text and headings (primary) are light; card panels, rules and
    status chips are the background shaded towards their colour; text on a primary band
    (on_dark) is the dark background."""
    text = max((c for c in (scheme.get("lt1"), scheme.get("lt2"), scheme.get("dk1")) if c),
               key=luminance, default="F3F4F6")
    if luminance(text) < 0.7:
        text = "F3F4F6"
    heading = tint(secondary, 0.6)
    if luminance(heading) < 0.45:
        heading = tint(secondary, 0.8)
    return {
        "primary": heading,
        "secondary": secondary if luminance(secondary) > 0.08 else tint(secondary, 0.4),
        "accent": accent,
        "positive": tint(positive, 0.25),
        "negative": tint(negative, 0.25),
        "text": text,
        "muted": mix(text, background, 0.35),
        "light": mix(background, secondary, 0.16),
        "line": mix(background, secondary, 0.4),
        "background": background,
        "on_dark": background,
        "on_dark_muted": mix(heading, background, 0.45),
        "accent_light": mix(background, accent, 0.3),
        "positive_light": mix(background, positive, 0.25),
        "negative_light": mix(background, negative, 0.25),
        "muted_light": mix(background, text, 0.14),
        "chart": [secondary, tint(secondary, 0.45), accent, "9AA5B1", heading,
                  tint(secondary, 0.7), extra],
    }


def is_cjk_font(name: str) -> bool:
    """Whether a typeface name is a Chinese/Japanese/Korean font (so CJK text may use it)."""
    if not name:
        return False
    if any(ord(ch) > 0x2E80 for ch in name):
        return True
    low = name.lower()
    return any(part in low for part in _CJK_NAMES)
