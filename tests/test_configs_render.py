"""Every config shipped in configs/ builds a deck that LibreOffice renders, one page per slide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reviewdeck.deck import build
from tests.needs import soffice_or_skip

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = sorted((ROOT / "configs").glob("*.yaml"))




@pytest.fixture(scope="session")
def config_decks(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every config built once per test run: name -> BuildResult (shared with tests/check)."""
    store = getattr(request.config, "_reviewdeck_config_decks", None)
    if store is None:
        out = tmp_path_factory.mktemp("config_decks")
        store = {config.stem: build(config, output=str(out / f"{config.stem}.pptx"))
                 for config in CONFIGS}
        request.config._reviewdeck_config_decks = store  # type: ignore[attr-defined]
    return store


def test_there_are_configs_to_render():
    assert CONFIGS, "configs/ holds no *.yaml"


@pytest.mark.soffice
@pytest.mark.parametrize("config", CONFIGS, ids=[c.stem for c in CONFIGS])
def test_libreoffice_renders_each_config_one_page_per_slide(config: Path, tmp_path: Path,
                                                           config_decks: dict[str, Any]):
    soffice_or_skip()
    import pymupdf

    from reviewdeck.preview import to_pdf

    result = config_decks[config.stem]
    pdf = to_pdf(result.output, tmp_path / "pdf")
    with pymupdf.open(pdf) as doc:
        assert doc.page_count == result.slides
        texts = [page.get_text().replace(" ", "") for page in doc]
    titled = [s for s in result.plan.slides if s.title]
    for spec in titled:
        # every slide's title reaches its page (the first 4 characters: long titles may wrap)
        head = spec.title.replace(" ", "")[:4]
        assert any(head in t for t in texts), (spec.title, config.name)
