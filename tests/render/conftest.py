"""Shared fixtures: the monthly deck built once, and its LibreOffice PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdeck.deck import build
from tests.needs import soffice_or_skip

ROOT = Path(__file__).resolve().parents[2]
MONTHLY = ROOT / "configs" / "monthly_review.yaml"




@pytest.fixture(scope="session")
def monthly_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "monthly.pptx"
    build(MONTHLY, output=str(out))
    return out


@pytest.fixture(scope="session")
def monthly_pdf(monthly_deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice_or_skip()
    from reviewdeck.preview import to_pdf

    return to_pdf(monthly_deck, tmp_path_factory.mktemp("pdf"))
