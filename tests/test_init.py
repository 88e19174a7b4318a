"""`reviewdeck init`: a new user gets a config that builds, its sample data, a comment on every
key and the schema line editors read; nothing of theirs is overwritten."""

from __future__ import annotations

import json
import lzma
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from reviewdeck import samples
from reviewdeck.init import bundled_configs

ROOT = Path(__file__).resolve().parents[1]
KINDS = list(bundled_configs())
KEY_LINE = re.compile(r"^(\s*)(?:- )?([A-Za-z_][\w]*):(\s|$)")


def test_init_writes_a_monthly_config_with_its_data_and_schema(tmp_path: Path, run_cli) -> None:
    result = run_cli("init", "monthly", tmp_path / "review")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "review"
    config = folder / "monthly_review.yaml"
    text = config.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./reviewdeck.schema.json"
    schema = json.loads((folder / "reviewdeck.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(run_cli("schema").stdout)
    assert sorted(p.name for p in (folder / "data").iterdir()) == [
        "competitors.csv", "leads.csv", "orders.csv", "qualitative.yaml", "targets.csv"]
    assert (folder / "data" / "orders.csv").read_bytes() == \
        (ROOT / "sample_inputs" / "orders.csv").read_bytes()
    assert "../" not in text
    assert f"next: reviewdeck build {config}" in result.stderr


def test_every_key_of_the_generated_config_has_a_comment(tmp_path: Path, run_cli) -> None:
    run_cli("init", "monthly", tmp_path)
    lines = (tmp_path / "monthly_review.yaml").read_text(encoding="utf-8").splitlines()
    missing = []
    for i, line in enumerate(lines):
        if KEY_LINE.match(line) and "#" not in line and not lines[i - 1].lstrip().startswith("#"):
            missing.append(f"{i + 1}: {line}")
    assert missing == []


def test_the_comments_change_nothing_in_the_config(tmp_path: Path, run_cli) -> None:
    run_cli("init", "monthly", tmp_path)
    made = yaml.safe_load((tmp_path / "monthly_review.yaml").read_text(encoding="utf-8"))
    original = yaml.safe_load((ROOT / "configs" / "monthly_review.yaml").read_text("utf-8"))
    assert made["data"]["orders"]["path"] == "data/orders.csv"
    made["data"]["orders"]["path"] = original["data"]["orders"]["path"]
    assert made["metrics"] == original["metrics"] and made["chapters"] == original["chapters"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_sample_config_inits_into_a_valid_config(tmp_path: Path, run_cli, kind: str) -> None:
    assert run_cli("init", kind, tmp_path).exit_code == 0
    result = run_cli("validate", tmp_path / f"{kind}.yaml")
    assert result.exit_code == 0, result.output


def test_init_builds_a_deck_from_the_new_folder(tmp_path: Path, run_cli,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    run_cli("init", "monthly", tmp_path / "new")
    monkeypatch.chdir(tmp_path)
    result = run_cli("build", "new/monthly_review.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "out" / "monthly_review_2025-11.pptx").is_file()


def test_init_never_overwrites_unless_forced(tmp_path: Path, run_cli, user_error) -> None:
    (tmp_path / "monthly_review.yaml").write_text("mine", encoding="utf-8")
    message = user_error(run_cli("init", tmp_path))
    assert "monthly_review.yaml already exists" in message and "--force" in message
    assert (tmp_path / "monthly_review.yaml").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "data").exists()
    assert run_cli("init", tmp_path, "--force").exit_code == 0
    assert (tmp_path / "monthly_review.yaml").read_text(encoding="utf-8") != "mine"


def test_an_unknown_kind_is_a_user_error_with_the_choices(tmp_path: Path, run_cli,
                                                          user_error) -> None:
    message = user_error(run_cli("init", "montly_review", tmp_path))
    assert "did you mean 'monthly_review'?" in message
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("kind", ["half-year", "half_year", "half year"])
def test_a_kind_may_be_written_with_hyphens_or_spaces(tmp_path: Path, run_cli, kind) -> None:
    result = run_cli("init", kind, tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "half_year_report.yaml").is_file()
    assert not (tmp_path / "half_year_report_en.yaml").exists()


def test_init_lists_its_kinds(run_cli) -> None:
    result = run_cli("init", "--list")
    assert result.stdout.split() == KINDS


# ---------------------------------------------------------------- shipped with the package
@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_sample_data_matches_sample_inputs(kind: str) -> None:
    text = (ROOT / "configs" / f"{kind}.yaml").read_text(encoding="utf-8")
    for name in samples.referenced(text):
        packed = samples.HERE / f"{name}.xz"
        assert packed.is_file(), f"{name} is not shipped: run python -m reviewdeck.samples"
        assert lzma.decompress(packed.read_bytes()) == \
            (ROOT / "sample_inputs" / name).read_bytes(), \
            f"{name} changed in sample_inputs/: run python -m reviewdeck.samples"


def test_the_wheel_ships_configs_layouts_and_compressed_samples_only(tmp_path: Path) -> None:
    for isolation in (["--no-build-isolation"], []):  # without network, the first only
        proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation,
                               "-q", "-w", str(tmp_path), str(ROOT)],
                              capture_output=True, text=True, timeout=600, check=False)
        if proc.returncode == 0:
            break
    else:
        pytest.skip(f"cannot build a wheel here: {proc.stderr.strip()[-200:]}")
    wheel = next(tmp_path.glob("reviewdeck-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    assert "reviewdeck/bundled/monthly_review.yaml" in names
    assert "reviewdeck/layouts/default.yaml" in names
    assert "reviewdeck/layouts/themes/default.yaml" in names
    assert "reviewdeck/samples/orders.csv.xz" in names
    assert not [n for n in names if n.endswith(".csv")]  # data only compressed
    assert wheel.stat().st_size < 4 * 1024 * 1024
