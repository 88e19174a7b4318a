"""`reviewdeck --help` (and each command's help) starts fast: no pandas, python-pptx,
matplotlib or rich until a command needs them."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pandas", "pptx", "matplotlib", "rich", "numpy", "pydantic")


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["init", "--help"],
                                  ["preview", "--help"], ["--version"]])
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    code = ("import sys\nfrom reviewdeck.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout + proc.stderr
