"""No text overflows its box: every line LibreOffice draws lies inside the shape it belongs to."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdf_overflow import overflowing_text


@pytest.mark.soffice
def test_no_text_overflows_its_box(monthly_deck: Path, monthly_pdf: Path) -> None:
    problems, checked = overflowing_text(monthly_deck, monthly_pdf)
    assert checked > 300
    assert not problems, "\n".join(problems[:20])
