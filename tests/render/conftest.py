"""Shared fixtures: the monthly deck built once, and its LibreOffice PDF."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reviewdeck.deck import build

ROOT = Path(__file__).resolve().parents[2]
MONTHLY = ROOT / "configs" / "monthly_review.yaml"


def soffice_or_skip() -> None:
    """Skip without LibreOffice on a laptop; fail in CI, where it must run."""
    if shutil.which("soffice") is None:
        if os.environ.get("REVIEWDECK_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice is required (REVIEWDECK_REQUIRE_SOFFICE=1) but not installed")
        pytest.skip("LibreOffice is not installed")


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
