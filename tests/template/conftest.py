"""Every shipped config built on each company-template fixture, and LibreOffice's PDF of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewdeck.deck import BuildResult, build
from tests.needs import soffice_or_skip

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "templates"
TEMPLATES = {
    "pandoc": FIXTURES / "pandoc_reference.pptx",
    "blue_curve": FIXTURES / "libreoffice_blue_curve.pptx",
}
CONFIGS = sorted(c for c in (ROOT / "configs").glob("*.yaml") if not c.name.startswith("."))
CASES = [(c.stem, t) for c in CONFIGS for t in TEMPLATES]


@dataclass
class Built:
    result: BuildResult
    deck: Path
    pdf: Path | None = None




@pytest.fixture(scope="session")
def template_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Built]:
    """(config stem, template name) -> the deck built with `--template`."""
    out = tmp_path_factory.mktemp("template_decks")
    built = {}
    for config in CONFIGS:
        for name, template in TEMPLATES.items():
            deck = out / f"{config.stem}__{name}.pptx"
            result = build(config, output=str(deck), template=str(template))
            built[(config.stem, name)] = Built(result, deck)
    return built


@pytest.fixture(scope="session")
def template_pdfs(template_decks: dict[tuple[str, str], Built],
                  tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Built]:
    """The same decks with their LibreOffice PDFs (one LibreOffice run for all of them)."""
    soffice_or_skip()
    from reviewdeck.preview import to_pdfs

    decks = [b.deck for b in template_decks.values()]
    pdfs = to_pdfs(decks, tmp_path_factory.mktemp("template_pdfs"))
    for built, pdf in zip(template_decks.values(), pdfs):
        built.pdf = pdf
    return template_decks
