"""Image charts: the same ChartSpec drawn with matplotlib (Agg) as a brand-styled PNG.

matplotlib is imported here only, on first use, so `reviewdeck --help` stays cheap. Text is set
in a CJK font found on the machine (the theme's East-Asian font when installed, else the
first of render.fonts.CJK_FONT_CANDIDATES), registered with matplotlib's font manager. The PNG
has the box's aspect and at least 200 pixels per inch of it, and font sizes are in points of
the slide, so a 12 pt label in the picture reads as 12 pt text beside it.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from typing import Any

from reviewdeck.charts import design
from reviewdeck.plan.model import ChartSpec
from reviewdeck.render.fonts import CJK_FONT_CANDIDATES, find_font_file

MIN_DPI = 200
_lock = threading.Lock()
_ready: dict[str, Any] = {}


@dataclass(frozen=True)
class ImageStyle:
    """What the image renderer needs from the look, as plain (picklable) data."""

    palette: design.Palette
    layout: dict[str, Any]
    east_asian: str
    dpi: int

    @classmethod
    def from_look(cls, look: Any) -> ImageStyle:
        lay = look["chart"]
        return cls(palette=design.Palette.from_look(look), layout=dict(lay),
                   east_asian=look.font("body")[1],
                   dpi=max(MIN_DPI, int(lay.get("image_dpi", MIN_DPI))))


def _texts(spec: ChartSpec) -> list[str]:
    out = [spec.title, spec.benchmark_label, spec.center_label, spec.center_caption]
    out += spec.categories + spec.total_labels
    for s in spec.series:
        out += [s.name, *s.labels, s.headline, s.change]
    return [t for t in out if t]


def _has_cjk(text: str) -> bool:
    from reviewdeck.render.primitives import has_cjk

    return has_cjk(text)


def unavailable(spec: ChartSpec) -> str | None:
    """Why this chart cannot be drawn as an image here (then it is drawn natively), or None."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return "matplotlib is not installed, so image charts cannot be drawn"
    if find_font_file() is None and any(_has_cjk(t) for t in _texts(spec)):
        return ("no CJK font was found on this machine, so an image chart would show boxes "
                "for Chinese text; install one (Debian/Ubuntu: apt-get install fonts-noto-cjk)")
    return None


def _setup(east_asian: str) -> tuple[Any, str]:
    """Import matplotlib with the Agg backend and register the CJK font once per process."""
    with _lock:
        if east_asian in _ready:
            return _ready[east_asian]
        import matplotlib

        matplotlib.use("Agg", force=True)
        from matplotlib import font_manager

        family = "DejaVu Sans"
        families = (east_asian, *CJK_FONT_CANDIDATES)
        regular = find_font_file(families)
        if regular is not None:
            for ref in (regular, find_font_file(families, bold=True)):
                if ref is not None:
                    font_manager.fontManager.addfont(str(ref.path))
            names = {f.name for f in font_manager.fontManager.ttflist}
            family = regular.family if regular.family in names else family
        rc = {"font.family": "sans-serif", "font.sans-serif": [family, "DejaVu Sans"],
              "axes.unicode_minus": True, "svg.fonttype": "none", "hatch.linewidth": 0.5}
        matplotlib.rcParams.update(rc)
        from reviewdeck.charts import image_draw

        _ready[east_asian] = (image_draw, family)
        return _ready[east_asian]


def render_png(spec: ChartSpec, width_in: float, height_in: float, style: ImageStyle,
               language: str) -> bytes:
    """The chart as PNG bytes of width_in x height_in inches at style.dpi (>= 200) pixels/inch."""
    draw, _family = _setup(style.east_asian)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=style.dpi)
    FigureCanvasAgg(fig)
    fig.patch.set_alpha(0.0)  # the slide shows through, whatever its background
    draw.draw(fig, spec, style, language)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=style.dpi, transparent=True, metadata={"Software": None})
    return buf.getvalue()
