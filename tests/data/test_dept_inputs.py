"""The department sample inputs: re-running the seeded generator rewrites them byte for byte,
and its own pandas check of the headline figures passes on the committed files."""

import subprocess
import sys
from pathlib import Path

DEPT = Path(__file__).resolve().parents[2] / "sample_inputs" / "dept"
FILES = ["targets.csv", "leads.csv", "renewals.csv", "shipments.csv", "feedback.csv",
         "marketing_spend.csv", "agenda.csv", "attendees.csv", "resources.csv", "risks.csv",
         "meeting_notes.yaml", "summary_notes.yaml"]


def test_generator_reproduces_committed_files(tmp_path):
    subprocess.run([sys.executable, str(DEPT / "generate.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DEPT / name).read_bytes(), name


def test_files_are_small_utf8_without_bom():
    for name in FILES:
        raw = (DEPT / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw, name
        assert len(raw) < 1_500_000, name
        raw.decode("utf-8")


def test_headline_figures_check():
    result = subprocess.run([sys.executable, str(DEPT / "generate.py"), "--check"],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "BAD" not in result.stdout
