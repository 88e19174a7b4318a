"""Image charts, reopened from the written deck: a picture per chart at 200+ pixels per inch of
its box, with content in the plot, alt text, the same bytes on every build, and a native
fallback (with a warning) where no CJK font exists."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from chartdeck import TYPES, chart_slides, deck_config, write_deck
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from reviewdeck.deck import build

EMU_PER_INCH = 914400


@pytest.fixture(scope="module")
def slides(chart_deck):
    path, _ = chart_deck
    return chart_slides(Presentation(str(path)), "image")


def pictures(slide):
    return [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_every_type_is_drawn_as_a_picture_not_a_chart(slides) -> None:
    assert set(slides) == set(TYPES)
    for kind, slide in slides.items():
        assert pictures(slide), kind
        assert not [sh for sh in slide.shapes if sh.has_chart], kind
    assert len(pictures(slides["sparkline"])) == 3  # one per KPI tile


def test_each_png_has_at_least_200_pixels_per_inch_of_its_box(slides) -> None:
    for kind, slide in slides.items():
        for pic in pictures(slide):
            image = Image.open(io.BytesIO(pic.image.blob))
            assert image.format == "PNG", kind
            w_in, h_in = pic.width / EMU_PER_INCH, pic.height / EMU_PER_INCH
            assert image.width >= w_in * 200 - 1 and image.height >= h_in * 200 - 1, kind
            assert image.width / image.height == pytest.approx(w_in / h_in, rel=0.01), kind
            dpi = image.info.get("dpi")
            assert dpi and dpi[0] >= 199, kind


def test_the_plot_area_has_something_drawn_in_it(slides) -> None:
    """Not a reference image: enough opaque, non-white pixels, in several colours, mid-box."""
    for kind, slide in slides.items():
        for pic in pictures(slide):
            px = np.asarray(Image.open(io.BytesIO(pic.image.blob)).convert("RGBA"))
            h, w = px.shape[:2]
            middle = px[h // 6: h - h // 6, w // 10: w - w // 10]
            inked = middle[(middle[..., 3] > 128) & (middle[..., :3].min(axis=2) < 235)]
            share = len(inked) / (middle.shape[0] * middle.shape[1])
            assert share > 0.01, (kind, share)
            bins = inked[:, :3].astype(np.int32) // 32
            colours = np.unique(bins[:, 0] * 64 + bins[:, 1] * 8 + bins[:, 2])
            assert len(colours) >= (1 if kind == "sparkline" else 2), kind


def test_every_picture_is_described_with_its_numbers(slides) -> None:
    for kind, slide in slides.items():
        for pic in pictures(slide):
            descr = pic._element.nvPicPr.cNvPr.get("descr")
            assert descr and any(ch.isdigit() for ch in descr), kind


def test_the_same_inputs_give_the_same_pictures(tmp_path: Path) -> None:
    config = write_deck(tmp_path, deck_config(("image",), ["column", "doughnut", "line"]))
    digests = []
    for name in ("a.pptx", "b.pptx"):
        build(config, output=str(tmp_path / name))
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_without_a_cjk_font_an_image_chart_is_drawn_natively_with_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewdeck.charts import image

    monkeypatch.setattr(image, "find_font_file", lambda *a, **k: None)
    config = write_deck(tmp_path, deck_config(("image",), ["pie"]))
    result = build(config, output=str(tmp_path / "d.pptx"))
    assert any("fonts-noto-cjk" in w and "natively" in w for w in result.warnings)
    slide = list(Presentation(str(tmp_path / "d.pptx")).slides)[3]
    assert [sh for sh in slide.shapes if sh.has_chart] and not pictures(slide)


def test_help_does_not_import_matplotlib() -> None:
    code = ("import sys; from click.testing import CliRunner; from reviewdeck.cli import main; "
            "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
