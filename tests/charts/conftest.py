"""The chart test deck, built once per session (see chartdeck.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chartdeck import deck_config, write_deck

from reviewdeck.deck import BuildResult, build


@pytest.fixture(scope="session")
def chart_deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """Every type natively (slides 3-14) and as an image (slides 16-27)."""
    folder = tmp_path_factory.mktemp("charts")
    config = write_deck(folder, deck_config())
    out = folder / "charts.pptx"
    return out, build(config, output=str(out))
