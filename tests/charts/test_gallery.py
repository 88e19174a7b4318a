"""configs/chart_gallery.yaml plans every chart type twice, natively and as an image, from the
sample data, without a warning."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from chartdeck import TYPES

from reviewdeck.deck import plan_deck
from reviewdeck.errors import Diagnostics

GALLERY = Path(__file__).resolve().parents[2] / "configs" / "chart_gallery.yaml"


def test_the_gallery_plans_every_type_in_both_renderers() -> None:
    diag = Diagnostics()
    _, plan, _ = plan_deck(GALLERY, diag=diag)
    charts = [s.chart for s in plan.slides if s.chart is not None]
    assert Counter((c.type, c.renderer) for c in charts) == Counter(
        {(t, r): 1 for t in TYPES for r in ("native", "image")})
    assert diag.warnings == []
    waterfall = next(c for c in charts if c.type == "waterfall")
    assert waterfall.series[0].labels[0] == "111.3万" and waterfall.series[0].labels[-1] == "128万"
    sparkline = next(c for c in charts if c.type == "sparkline")
    assert [s.headline for s in sparkline.series][:3] == ["128万", "1,391", "920元"]
