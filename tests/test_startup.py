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


def test_the_entry_point_leaves_quickly_with_its_output_and_status(tmp_path) -> None:
    """`python -m reviewdeck` ends without Python's slow teardown: all output is still
    flushed, exit handlers still run, and the exit status is the command's."""
    import json

    schema = subprocess.run([sys.executable, "-m", "reviewdeck", "schema"], capture_output=True,
                            text=True, timeout=120, check=False)
    assert schema.returncode == 0, schema.stderr
    assert "chapters" in json.loads(schema.stdout)["properties"]  # complete JSON, not cut off
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    failed = subprocess.run([sys.executable, "-m", "reviewdeck", "validate", str(bad)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert failed.returncode == 2
    assert "bad.yaml:2" in failed.stderr or "bad.yaml:1" in failed.stderr
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('handlers ran', flush=True))\n"
            "sys.argv = ['reviewdeck', '--version']\n"
            "from reviewdeck.cli import run\nrun()\n")
    handlers = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60, check=False)
    assert handlers.returncode == 0
    assert handlers.stdout.splitlines()[-1] == "handlers ran"
