"""What some tests need from the machine: skip without it on a laptop, fail in CI, where it
must run (CI sets REVIEWDECK_REQUIRE_SOFFICE=1)."""

from __future__ import annotations

import os
import shutil

import pytest


def soffice_or_skip(pdftoppm: bool = False) -> None:
    """LibreOffice (and poppler's pdftoppm when asked) on this machine, else skip or fail."""
    missing = [tool for tool in ("soffice", "pdftoppm" if pdftoppm else "")
               if tool and shutil.which(tool) is None]
    if not missing:
        return
    if os.environ.get("REVIEWDECK_REQUIRE_SOFFICE") == "1":
        pytest.fail(f"{' and '.join(missing)} required (REVIEWDECK_REQUIRE_SOFFICE=1) but not "
                    "installed")
    pytest.skip(f"{' and '.join(missing)} not installed")
