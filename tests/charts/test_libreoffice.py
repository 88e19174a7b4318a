"""LibreOffice opens the chart deck and draws every chart slide, native and image alike: each
page's chart box holds drawn content, and native charts' labels come out as text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from chartdeck import TYPES
from pptx import Presentation

from tests.needs import soffice_or_skip

pytestmark = pytest.mark.soffice


@pytest.fixture(scope="module")
def pdf(chart_deck, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice_or_skip()
    from reviewdeck.preview import to_pdf

    return to_pdf(chart_deck[0], tmp_path_factory.mktemp("chart-pdf"))


def chart_box(slide) -> tuple[int, int, int, int]:
    """The union of the slide's charts and pictures, in EMU."""
    shapes = [sh for sh in slide.shapes if sh.has_chart or sh.shape_type == 13]
    x0 = min(sh.left for sh in shapes)
    y0 = min(sh.top for sh in shapes)
    x1 = max(sh.left + sh.width for sh in shapes)
    y1 = max(sh.top + sh.height for sh in shapes)
    return x0, y0, x1, y1


def test_libreoffice_renders_every_chart_slide(chart_deck, pdf: Path) -> None:
    import pymupdf

    prs = Presentation(str(chart_deck[0]))
    slides = list(prs.slides)
    pages = {"native": range(3, 3 + len(TYPES)),
             "image": range(4 + len(TYPES), 4 + 2 * len(TYPES))}
    with pymupdf.open(pdf) as doc:
        assert doc.page_count == len(slides)
        for renderer, indices in pages.items():
            for kind, i in zip(TYPES, indices):
                page = doc[i]
                scale = page.rect.width / prs.slide_width
                x0, y0, x1, y1 = (v * scale for v in chart_box(slides[i]))
                pix = page.get_pixmap(dpi=60, clip=pymupdf.Rect(x0, y0, x1, y1))
                px = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[..., :3]
                inked = (px.min(axis=2) < 200).mean()
                assert inked > 0.008, (renderer, kind, inked)  # blank would be ~0
                if renderer == "native" and kind in ("column", "waterfall", "funnel", "bullet"):
                    words = page.get_text().replace(" ", "")
                    assert "万" in words or "%" in words or any(c.isdigit() for c in words), kind
