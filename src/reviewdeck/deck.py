"""The pipeline, read as a table of contents: config → tables → metrics → plan → render → write."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reviewdeck.config.load import LoadedConfig, load_config
from reviewdeck.config.yamlfile import load_yaml
from reviewdeck.errors import ConfigError, DataError, Diagnostics, ReviewDeckError
from reviewdeck.metrics.period import Period
from reviewdeck.plan.model import DeckPlan

NoData = Literal["error", "warn", "ignore"]  # a deck without a row in its period
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


def _facts(cfg: LoadedConfig, per: Period, diag: Diagnostics) -> dict[str, Any]:
    """The facts file ({period} in its path picks the period's own file). A facts file may say
    which period it was written for (`period: 2025H1`); a deck for another period warns, since
    its text goes in as written."""
    if not cfg.deck.facts:
        return {}
    path = cfg.resolve(cfg.deck.facts.replace("{period}", str(per)))
    doc = load_yaml(path, "facts")
    data = doc.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError([ReviewDeckError("the facts file must be a mapping of keys",
                                           cfg.doc.location(("facts",)))])
    written = data.get("period")
    if written is not None:
        try:
            written_for = Period.parse(str(written))
        except ReviewDeckError as exc:
            raise ConfigError([ReviewDeckError(exc.message, doc.location(("period",)))]) from None
        if written_for != per:
            diag.warn(f"the facts file is written for {written_for}, the deck is for {per}: its "
                      "text goes into the deck as written; give each period its own facts "
                      "file ('{period}' in the facts: path picks it)", doc.location(("period",)))
    return data


def is_folder(text: str) -> bool:
    """Whether -o names a folder to write into: it ends in a slash, or is a folder already
    (one named like a deck, x.pptx, is taken for a mistake and refused when written)."""
    path = Path(text).expanduser()
    return text.endswith(("/", os.sep)) or (path.is_dir() and path.suffix.lower() != ".pptx")


def output_path(cfg: LoadedConfig, override: str | None, period: Period) -> Path:
    """-o wins (a folder: the usual file name in it); else the config's output (relative to
    the config); else <config>_<period>.pptx."""
    if override and is_folder(override):
        path = Path(override).expanduser() / output_path(cfg, None, period).name
    elif override:
        path = Path(override)
    elif cfg.deck.output:
        path = cfg.resolve(cfg.deck.output.replace("{period}", str(period)))
    else:
        path = Path(f"{cfg.doc.file.stem}_{period}.pptx")
    if path.suffix.lower() != ".pptx":
        raise ReviewDeckError(f"the output file must end in .pptx, got '{path.name}'")
    return path


def load_template(cfg: LoadedConfig) -> Any:
    """The config's own PowerPoint template (its masters, layouts, colours), or None."""
    if not cfg.deck.template:
        return None
    key = ("template", cfg.deck.template)
    if key not in cfg.cache:  # read once; each deck opens its own copy (Template.open)
        from reviewdeck.render.template import Template

        cfg.cache[key] = Template.load(cfg.resolve(cfg.deck.template),
                                       cfg.deck.template_layouts or {},
                                       cfg.doc.location(("template",)))
    return cfg.cache[key]


def load_look(cfg: LoadedConfig) -> Any:
    """The deck's layout and theme, with the config's own overrides, validated; with a
    template, its slide size, theme colours and fonts where the config's theme does not set them.

    Loaded once per config (a build validates it early, then renders with it)."""
    key = ("look", cfg.deck.template)
    if key not in cfg.cache:
        cfg.cache[key] = _load_look(cfg)
    return cfg.cache[key]


def _load_look(cfg: LoadedConfig) -> Any:
    from reviewdeck.render.theme import Look

    template = load_template(cfg)
    overrides = cfg.deck.layout_overrides
    if template is not None:
        overrides = template.layout_overrides(overrides)
    look = Look.load(cfg.deck.layout, cfg.deck.theme, cfg.folder, overrides, cfg.doc)
    if template is not None:
        look = template.adapt(look, cfg.deck.theme, cfg.folder)
    return look


def load_inputs(config: str | Path | LoadedConfig, period: str | None, diag: Diagnostics,
                progress: Progress | None = None, timings: dict[str, float] | None = None,
                template: str | None = None
                ) -> tuple[LoadedConfig, Period, dict[str, Any], dict[str, Any]]:
    """Stages 1-2: the validated config, its period and facts, and every table it reads.

    config is a path, or a config the caller has loaded already. template (a path from the
    command line) replaces the config's own `template:`.
    """
    from reviewdeck.data.sources import load_tables

    timings = timings if timings is not None else {}
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    cfg = config if isinstance(config, LoadedConfig) else load_config(config)
    if template:
        cfg.deck.template = str(Path(template).expanduser().resolve())
    per = _period(cfg, period)
    facts = _facts(cfg, per, diag)
    look = load_look(cfg)  # fail early on a bad theme, layout or template
    template_used = load_template(cfg)
    if template_used is not None:
        for message in template_used.unreadable(look):
            diag.warn(message, cfg.doc.location(("theme",)))
    timings["config"] = time.perf_counter() - t0
    say(f"config ok: {len(cfg.deck.chapters)} chapters, period {per}")
    t0 = time.perf_counter()
    span = (per.window("trailing_12").start, per.current.end)
    tables = load_tables(cfg, diag, span)
    timings["tables"] = time.perf_counter() - t0
    if progress:  # counting a source aggregated in place is a query of its own
        say("tables: " + ", ".join(f"{n} {len(t):,} rows" for n, t in tables.items()))
    return cfg, per, facts, tables


def plan_tables(cfg: LoadedConfig, per: Period, facts: dict[str, Any], tables: dict[str, Any],
                diag: Diagnostics, progress: Progress | None = None,
                timings: dict[str, float] | None = None, render_next: bool = False,
                no_data: NoData = "ignore") -> DeckPlan:
    """Stages 3-4: metrics over the loaded tables, then the slide plan.

    render_next: the deck is rendered afterwards, so while pushed-down queries run in the
    background (data/prefetch.py) the renderers are imported, which the queries do not slow.
    no_data: what a deck in which no metric finds a row in its period is: an "error", a
    "warn"ing (a plan looked at before the month's data is in), or "ignore"d (a batch's slice
    without rows, whose metrics warn one by one).
    """
    from reviewdeck.data import prefetch
    from reviewdeck.metrics.engine import MetricEngine

    t0 = time.perf_counter()
    engine = MetricEngine(cfg.deck.metrics, tables, per, diag, cfg.doc)
    # the planner (Jinja) and, for a build, the renderers are imported while queries run
    from reviewdeck.plan.build import build_plan
    from reviewdeck.plan.xmlsafe import make_storable

    if render_next and prefetch.running():
        import reviewdeck.check
        import reviewdeck.render.deck
        import reviewdeck.write  # noqa: F401
    plan = make_storable(build_plan(cfg, engine, tables, facts, diag), diag)
    empty = engine.no_current_data() if no_data != "ignore" else None
    if empty and no_data == "warn":
        diag.warn(empty)
    elif empty:
        try:
            from_config = Period.parse(cfg.deck.period) == per
        except ReviewDeckError:
            from_config = False
        raise DataError(empty, cfg.doc.location(("period",)) if from_config else None)
    if timings is not None:
        timings["metrics+plan"] = time.perf_counter() - t0
    if progress:
        progress(f"plan: {len(plan.slides)} slides")
    return plan


def plan_deck(config: str | Path | LoadedConfig, period: str | None = None, diag: Diagnostics | None = None,
              progress: Progress | None = None, timings: dict[str, float] | None = None,
              template: str | None = None, render_next: bool = False,
              no_data: NoData = "error") -> tuple[LoadedConfig, DeckPlan, Period]:
    """Stages 1-4: load and validate the config, read the tables, compute metrics, plan slides."""
    diag = diag if diag is not None else Diagnostics()
    timings = timings if timings is not None else {}
    cfg, per, facts, tables = load_inputs(config, period, diag, progress, timings, template)
    return cfg, plan_tables(cfg, per, facts, tables, diag, progress, timings, render_next,
                            no_data), per


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


def finish(cfg: LoadedConfig, plan: DeckPlan, per: Period, target: Path, strict: bool,
           diag: Diagnostics, timings: dict[str, float] | None = None,
           progress: Progress | None = None) -> BuildResult:
    """Stages 5-6: render the plan, check the deck in memory, then write it atomically."""
    from reviewdeck.render.deck import compose
    from reviewdeck.write import deterministic_bytes, write_atomic

    timings = timings if timings is not None else {}
    say = progress or (lambda _msg: None)
    _strict_check(strict, diag)
    t0 = time.perf_counter()
    look = load_look(cfg)
    prs = compose(plan, look, diag, load_template(cfg))
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


def build(config: str | Path | LoadedConfig, output: str | None = None, period: str | None = None,
          strict: bool = False, progress: Progress | None = None,
          template: str | None = None) -> BuildResult:
    """All six stages; nothing touches the output path until the deck is complete in memory."""
    diag = Diagnostics()
    timings: dict[str, float] = {}
    cfg, plan, per = plan_deck(config, period, diag, progress, timings, template,
                               render_next=True)
    target = output_path(cfg, output, per)
    return finish(cfg, plan, per, target, strict, diag, timings, progress)
