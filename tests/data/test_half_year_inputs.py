"""sample_inputs/half_year: the generator reruns byte for byte and the files hold seed 004's figures.

The figures are recomputed by the generator's own `--check` (plain pandas over the files, not
the reviewdeck engine); tests/configs/test_half_year_report.py checks them through the engine.
"""
import subprocess
import sys
from pathlib import Path

import pandas as pd

FOLDER = Path(__file__).resolve().parents[2] / "sample_inputs" / "half_year"
FILES = ["orders.csv", "targets.csv", "campaigns.csv", "survey.csv", "renewals.csv", "team.csv",
         "facts.yaml", "facts_en.yaml"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(FOLDER / "generate.py"), *args],
                          capture_output=True, text=True, timeout=120)


def test_generator_reproduces_committed_files(tmp_path: Path):
    result = run("--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes(), name


def test_the_files_give_the_seed_figures():
    result = run("--check")
    assert result.returncode == 0, result.stdout
    assert "BAD" not in result.stdout


def test_the_files_are_small_and_raw():
    assert sum((FOLDER / n).stat().st_size for n in FILES) < 5 * 1024 * 1024
    orders = pd.read_csv(FOLDER / "orders.csv")
    assert len(orders) > 20_000 and orders["order_id"].is_unique
    assert orders["order_date"].min() <= "2024-01-01" and orders["order_date"].max() >= "2025-06-30"
    assert set(orders["customer_size"]) == {"大型", "中型", "小型", "个人"}
    assert set(orders["channel"]) == {"线上", "线下", "合作伙伴"}
    campaigns = pd.read_csv(FOLDER / "campaigns.csv")
    attributed = orders.dropna(subset=["campaign_id"])
    assert set(attributed["campaign_id"]) <= set(campaigns["campaign_id"])
    names = dict(zip(campaigns["campaign_id"], campaigns["campaign"]))
    assert (attributed["campaign"] == attributed["campaign_id"].map(names)).all()
