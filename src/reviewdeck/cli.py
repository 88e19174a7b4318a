"""Command line: build, validate, check, schema. Heavy libraries are imported only by the command that needs them."""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from reviewdeck import __version__


class State:
    verbose = 0
    quiet = False


def _err(msg: str) -> None:
    click.echo(msg, err=True)


def _run(fn: Any) -> Any:
    """Run a command body: user errors exit 2 with their message, never a traceback."""
    from reviewdeck.errors import ReviewDeckError

    try:
        return fn()
    except ReviewDeckError as exc:
        _err(f"error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("interrupted; nothing was written")
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly
        if State.verbose:
            raise
        _err(f"internal error ({type(exc).__name__}: {exc}); this is a bug in reviewdeck — "
             "run again with -v for the traceback")
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewdeck")
@click.option("-v", "--verbose", count=True, help="Show each stage and its time.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def main(verbose: int, quiet: bool) -> None:
    """Turn sales data and a YAML config into a finished, branded review deck (.pptx)."""
    State.verbose = verbose
    State.quiet = quiet


def _verbosity(fn: Any) -> Any:
    """-v/-q accepted after the command too (reviewdeck build -v CONFIG)."""

    def set_verbose(ctx: click.Context, _param: click.Parameter, value: int) -> None:
        State.verbose = max(State.verbose, value)

    def set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        State.quiet = State.quiet or value

    fn = click.option("-v", "--verbose", count=True, expose_value=False, callback=set_verbose,
                      help="Show each stage and its time.")(fn)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=set_quiet,
                        help="Only errors.")(fn)


def _progress(msg: str) -> None:
    if State.verbose and not State.quiet:
        _err(f"  {msg}")


def _warnings(warnings: list[str]) -> None:
    if State.quiet:
        return
    for w in warnings:
        _err(f"warning: {w}")


@main.command()
@_verbosity
@click.argument("config", type=click.Path(dir_okay=True))
@click.option("-o", "--output", help="Deck to write (.pptx); default from the config.")
@click.option("--period", help="Reporting period, overriding the config: 2025-11, 2025Q4, 2025H1, 2025.")
@click.option("--plan", "plan_only", is_flag=True, help="Print the deck plan as JSON; write nothing.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2, no deck).")
def build(config: str, output: str | None, period: str | None, plan_only: bool,
          strict: bool) -> None:
    """Build the deck described by CONFIG."""

    def body() -> None:
        start = time.perf_counter()
        if plan_only:
            from reviewdeck.deck import plan_deck
            from reviewdeck.errors import Diagnostics

            diag = Diagnostics()
            _, plan, _ = plan_deck(config, period, diag, _progress)
            click.echo(plan.to_json())
            _warnings(diag.warnings)
            return
        from reviewdeck.deck import build as run_build

        result = run_build(config, output, period, strict, _progress)
        _warnings(result.warnings)
        if State.verbose:
            for stage, sec in result.timings.items():
                _err(f"  {stage:<14}{sec:6.2f} s")
        if not State.quiet:
            took = time.perf_counter() - start
            extra = f", {len(result.warnings)} warning(s)" if result.warnings else ""
            _err(f"wrote {result.output} ({result.slides} slides) in {took:.1f} s{extra}")

    _run(body)


@main.command()
@_verbosity
@click.argument("config", type=click.Path(dir_okay=True))
@click.option("--period", help="Reporting period, overriding the config.")
def validate(config: str, period: str | None) -> None:
    """Check CONFIG and its data (every metric and template) without writing a deck."""

    def body() -> None:
        from reviewdeck.deck import plan_deck
        from reviewdeck.errors import Diagnostics

        diag = Diagnostics()
        _, plan, per = plan_deck(config, period, diag, _progress)
        _warnings(diag.warnings)
        if not State.quiet:
            _err(f"ok: {config} is valid for {per} ({len(plan.slides)} slides)")

    _run(body)


@main.command()
@_verbosity
@click.argument("deck", type=click.Path(dir_okay=True))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(deck: str, as_json: bool) -> None:
    """Check any DECK (.pptx) for overflowing text, shapes off the slide, missing fonts and
    alt text, coarse pictures, and what makes PowerPoint offer a repair.

    Exit status: 0 no problems, 1 problems found, 2 the file cannot be read as a deck.
    """

    def body() -> None:
        from reviewdeck.check import check_deck

        report = check_deck(deck)
        click.echo(report.to_json() if as_json else report.to_text())
        if not report.ok:
            sys.exit(1)

    _run(body)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the config file (for editor completion)."""

    def body() -> None:
        import json

        from reviewdeck.config.models import Deck

        click.echo(json.dumps(Deck.model_json_schema(), ensure_ascii=False, indent=2))

    _run(body)
