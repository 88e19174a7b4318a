"""The pipeline, read as a table of contents: config → tables → metrics → plan → render → write."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewdeck.config.load import LoadedConfig, load_config
from reviewdeck.config.yamlfile import load_yaml
from reviewdeck.errors import ConfigError, Diagnostics, ReviewDeckError
from reviewdeck.metrics.period import Period
from reviewdeck.plan.model import DeckPlan

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    plan: DeckPlan
    output: Path | None = None
    slides: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _period(cfg: LoadedConfig, override: str | None) -> Period:
    text = override or cfg.deck.period
    try:
        return Period.parse(text)
    except ReviewDeckError as exc:
        where = None if override else cfg.doc.location(("period",))
        raise ReviewDeckError(exc.message + (" (from --period)" if override else ""), where) from None


def _facts(cfg: LoadedConfig) -> dict[str, Any]:
    if not cfg.deck.facts:
        return {}
    path = cfg.resolve(cfg.deck.facts)
    data = load_yaml(path, "facts").data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError([ReviewDeckError("the facts file must be a mapping of keys",
                                           cfg.doc.location(("facts",)))])
    return data


def output_path(cfg: LoadedConfig, override: str | None, period: Period) -> Path:
    """-o wins; else the config's output (relative to the config); else <config>_<period>.pptx."""
    if override:
        path = Path(override)
    elif cfg.deck.output:
        path = cfg.resolve(cfg.deck.output.replace("{period}", str(period)))
    else:
        path = Path(f"{cfg.doc.file.stem}_{period}.pptx")
    if path.suffix.lower() != ".pptx":
        raise ReviewDeckError(f"the output file must end in .pptx, got '{path.name}'")
    return path


def load_look(cfg: LoadedConfig) -> Any:
    """The deck's layout and theme, with the config's own overrides, validated."""
    from reviewdeck.render.theme import Look

    return Look.load(cfg.deck.layout, cfg.deck.theme, cfg.folder, cfg.deck.layout_overrides,
                     cfg.doc)


def plan_deck(config: str | Path, period: str | None = None, diag: Diagnostics | None = None,
              progress: Progress | None = None,
              timings: dict[str, float] | None = None) -> tuple[LoadedConfig, DeckPlan, Period]:
    """Stages 1-4: load and validate the config, read the tables, compute metrics, plan slides."""
    from reviewdeck.data.sources import load_tables
    from reviewdeck.metrics.engine import MetricEngine
    from reviewdeck.plan.build import build_plan

    diag = diag if diag is not None else Diagnostics()
    timings = timings if timings is not None else {}
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    cfg = load_config(config)
    per = _period(cfg, period)
    facts = _facts(cfg)
    load_look(cfg)  # fail early on a bad theme or layout
    timings["config"] = time.perf_counter() - t0
    say(f"config ok: {len(cfg.deck.chapters)} chapters, period {per}")
    t0 = time.perf_counter()
    span = (per.window("trailing_12").start, per.current.end)
    import pandas as pd

    tables = load_tables(cfg, diag, (pd.Timestamp(span[0]), pd.Timestamp(span[1])))
    timings["tables"] = time.perf_counter() - t0
    say("tables: " + ", ".join(f"{n} {len(t.frame):,} rows" for n, t in tables.items()))
    t0 = time.perf_counter()
    engine = MetricEngine(cfg.deck.metrics, tables, per, diag, cfg.doc)
    plan = build_plan(cfg, engine, tables, facts, diag)
    timings["metrics+plan"] = time.perf_counter() - t0
    say(f"plan: {len(plan.slides)} slides")
    return cfg, plan, per


def _strict_check(strict: bool, diag: Diagnostics) -> None:
    """Under --strict any warning stops the build before anything is written."""
    if strict and diag.warnings:
        raise ReviewDeckError(
            f"--strict: {len(diag.warnings)} warning(s), deck not written:\n  - "
            + "\n  - ".join(diag.warnings))


def _check(data: bytes, target: Path, diag: Diagnostics) -> None:
    """Run the deck checker on the bytes about to be written; its findings become warnings."""
    from reviewdeck.check import check_deck

    for finding in check_deck(data, name=str(target)).sorted():
        diag.warn(f"check: {finding}")


def build(config: str | Path, output: str | None = None, period: str | None = None,
          strict: bool = False, progress: Progress | None = None) -> BuildResult:
    """All six stages; nothing touches the output path until the deck is complete in memory."""
    diag = Diagnostics()
    timings: dict[str, float] = {}
    say = progress or (lambda _msg: None)
    cfg, plan, per = plan_deck(config, period, diag, progress, timings)
    target = output_path(cfg, output, per)
    _strict_check(strict, diag)
    from reviewdeck.render.deck import compose
    from reviewdeck.write import deterministic_bytes, write_atomic

    t0 = time.perf_counter()
    look = load_look(cfg)
    prs = compose(plan, look, diag)
    stamp = dt.datetime.combine(per.current.end, dt.time(0, 0))
    data = deterministic_bytes(prs, stamp, plan.title, cfg.deck.presenter or "reviewdeck")
    timings["render"] = time.perf_counter() - t0
    say(f"rendered {len(plan.slides)} slides")
    t0 = time.perf_counter()
    _check(data, target, diag)
    timings["check"] = time.perf_counter() - t0
    _strict_check(strict, diag)
    t0 = time.perf_counter()
    written = write_atomic(data, target)
    timings["write"] = time.perf_counter() - t0
    return BuildResult(plan=plan, output=written, slides=len(plan.slides), timings=timings,
                       warnings=list(diag.warnings))
