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


def run() -> None:
    """The console entry point (`reviewdeck`, `python -m reviewdeck`): the command, then a
    quick exit.

    Python's orderly shutdown frees every object of every library a build loaded (python-pptx,
    pydantic, DuckDB, sqlglot: 0.2-0.3 s, a tenth of a monthly build). By the time a command
    returns, its files are written and closed; so the exit handlers run (a batch's worker pool,
    temporary folders), stdout and stderr are flushed, and the process ends without that.
    """
    import atexit
    import os

    try:
        main()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None:  # not CPython: leave the usual way
        sys.exit(code)
    run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (reviewdeck schema | head)
            pass
    os._exit(code)


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


def _warnings(warnings: list[str], prefix: str = "") -> None:
    if State.quiet:
        return
    from reviewdeck.errors import shown_warnings

    for w in shown_warnings(warnings):
        _err(f"warning: {prefix}{w}")


@main.command()
@_verbosity
@click.argument("config", type=click.Path(dir_okay=True))
@click.option("-o", "--output", help="Deck to write (.pptx), or a folder (ending in /) to "
              "write it in under its usual name; default from the config. With --each, "
              "{value} in it is the slice (else _<value> is added).")
@click.option("--period", help="Reporting period, overriding the config: 2025-11, 2025Q4, "
              "2025H1, 2025 (or as a deck writes it: 2025年11月, Q4 2025, 2025年上半年).")
@click.option("--plan", "plan_only", is_flag=True, help="Print the deck plan as JSON; write nothing.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2, no deck).")
@click.option("--each", metavar="COLUMN",
              help="One deck per value of COLUMN (region, rep, product_line); the data is read "
              "once. A 'batch:' block in the config does the same.")
@click.option("--each-source", metavar="SOURCE",
              help="With --each: the data source to slice (default: the one with the column).")
@click.option("--only", metavar="VALUE", multiple=True,
              help="With a batch: build only this slice (repeatable).")
@click.option("--workers", type=click.IntRange(min=1),
              help="With a batch: decks built at once (default: one per CPU core).")
@click.option("--template", "template", metavar="FILE",
              help="Build on this PowerPoint template (.pptx/.potx) instead of the config's "
              "'template:'.")
@click.option("--pdf", is_flag=True, help="Also write DECK.pdf (needs LibreOffice).")
@click.option("--png", is_flag=True,
              help="Also write one PNG per slide into DECK_png/ (needs LibreOffice, pdftoppm).")
def build(config: str, output: str | None, period: str | None, plan_only: bool,
          strict: bool, each: str | None, each_source: str | None, only: tuple[str, ...],
          workers: int | None, template: str | None, pdf: bool, png: bool) -> None:
    """Build the deck described by CONFIG (or one deck per slice with --each / batch:)."""

    def body() -> None:
        start = time.perf_counter()
        previews = tuple(k for k, on in (("pdf", pdf), ("png", png)) if on)
        if previews and not plan_only:
            from reviewdeck.preview import require_tools

            require_tools(pdf, png)
        from reviewdeck.config.load import load_config

        cfg = load_config(config)  # loaded once, here, and handed to the build
        if each or only or workers or each_source or cfg.deck.batch is not None:
            if plan_only:
                if len(only) != 1:
                    from reviewdeck.errors import ReviewDeckError

                    raise ReviewDeckError("--plan shows one deck: with --each or a 'batch:' "
                                          "block, name its slice with one --only VALUE")
                from reviewdeck.batch import plan_slice

                plan, diag = plan_slice(cfg, only[0], each, each_source, period, template)
                click.echo(plan.to_json())
                _warnings(diag.warnings)
                return
            _build_batch(cfg, each, each_source, list(only), workers, output, period,
                         strict, previews, template)
            return
        if plan_only:
            from reviewdeck.deck import plan_deck
            from reviewdeck.errors import Diagnostics

            diag = Diagnostics()
            _, plan, _ = plan_deck(cfg, period, diag, _progress, None, template, no_data="warn")
            click.echo(plan.to_json())
            _warnings(diag.warnings)
            return
        from reviewdeck.deck import build as run_build

        result = run_build(cfg, output, period, strict, _progress, template)
        _warnings(result.warnings)
        if State.verbose:
            for stage, sec in result.timings.items():
                _err(f"  {stage:<14}{sec:6.2f} s")
        if not State.quiet:
            took = time.perf_counter() - start
            extra = f", {len(result.warnings)} warning(s)" if result.warnings else ""
            _err(f"wrote {result.output} ({result.slides} slides) in {took:.1f} s{extra}")
        if previews and result.output is not None:
            from reviewdeck.preview import make_previews

            if not State.quiet:  # LibreOffice takes some seconds: say what is happening
                _err(f"converting {result.output.name} with LibreOffice"
                     + (" and pdftoppm" if png else "") + " …")
            for path in make_previews(result.output, pdf, png):
                if not State.quiet and (path.suffix == ".pdf" or path.name.endswith("-01.png")
                                        or path.name.endswith("-1.png")):
                    _err(f"wrote {path if path.suffix == '.pdf' else path.parent}")

    _run(body)


def _build_batch(config: Any, each: str | None, each_source: str | None, only: list[str],
                 workers: int | None, output: str | None, period: str | None, strict: bool,
                 previews: tuple[str, ...], template: str | None) -> None:
    """Run a batch with a progress bar, then a summary; exit 1 when a slice failed."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from reviewdeck.batch import SliceResult, run_batch, summary

    console = Console(stderr=True, highlight=False)
    bar = Progress(TextColumn("building decks"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=console, disable=State.quiet)
    task = bar.add_task("decks", total=None)

    def started(total: int, n_workers: int) -> None:
        bar.update(task, total=total)
        bar.start()
        if State.verbose and not State.quiet:
            console.print(f"  {total} slices on {n_workers} worker(s)", markup=False,
                          soft_wrap=True)

    def done(res: SliceResult) -> None:
        bar.advance(task)
        if State.quiet and res.ok:
            return
        if res.ok:
            extra = f", {len(res.warnings)} warning(s)" if res.warnings else ""
            line = f"✓ {res.value}: wrote {res.output} ({res.slides} slides{extra}, " \
                   f"{res.seconds:.1f} s)"
        else:
            line = f"✗ {res.value}: error: {res.error}"
        console.print(line, markup=False, soft_wrap=True)

    try:
        result = run_batch(config, each, each_source, output, period, strict, workers,
                           only or None, previews, template, _progress, started, done)
    finally:
        bar.stop()
    _warnings(result.load_warnings)
    for res in result.results:
        _warnings(res.warnings, f"[{res.value}] ")
    for line in summary(result):
        if not State.quiet or result.failed:
            _err(line)
    if result.failed:
        sys.exit(1)


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
@_verbosity
@click.argument("deck", type=click.Path(dir_okay=False))
@click.option("-o", "--output", help="PNG to write; default: DECK_sheet.png beside the deck.")
@click.option("--columns", type=click.IntRange(1, 12),
              help="Thumbnails per row; default: chosen from the number of slides.")
@click.option("--width", "thumb_width", type=click.IntRange(120, 1600), default=480,
              show_default=True, help="Width of each thumbnail in pixels.")
def preview(deck: str, output: str | None, columns: int | None, thumb_width: int) -> None:
    """Write a contact sheet of DECK (.pptx): every slide as a numbered thumbnail on one PNG.

    Needs LibreOffice and pdftoppm (Debian/Ubuntu: apt-get install libreoffice-impress
    poppler-utils fonts-noto-cjk).
    """

    def body() -> None:
        from pathlib import Path

        from reviewdeck.preview import contact_sheet

        start = time.perf_counter()
        path, count = contact_sheet(Path(deck), Path(output) if output else None, columns,
                                    thumb_width)
        if not State.quiet:
            _err(f"wrote {path} ({count} slides) in {time.perf_counter() - start:.1f} s")

    _run(body)


@main.command("init")
@_verbosity
@click.argument("args", nargs=-1, metavar="[KIND] DIR")
@click.option("--force", is_flag=True, help="Replace files that are already there.")
@click.option("--list", "list_kinds", is_flag=True, help="List the kinds of sample config.")
def init_command(args: tuple[str, ...], force: bool, list_kinds: bool) -> None:
    """Start a new deck in DIR: a working KIND config (default: monthly), its sample data in
    DIR/data/, a comment on every key, and the JSON Schema beside it for editors.

    KIND is a sample config's name or its start: monthly, half_year, activity, ... (--list).
    """

    def body() -> None:
        from pathlib import Path

        from reviewdeck.errors import ReviewDeckError
        from reviewdeck.init import DEFAULT_KIND, bundled_configs, init

        if list_kinds:
            for name in bundled_configs():
                click.echo(name)
            return
        if len(args) not in (1, 2):
            raise ReviewDeckError("usage: reviewdeck init [KIND] DIR  (e.g. reviewdeck init "
                                  "monthly my_review)")
        kind, folder = (DEFAULT_KIND, args[0]) if len(args) == 1 else args
        result = init(kind, Path(folder), force)
        if not State.quiet:
            _err(f"wrote {result.config}, {len(result.data)} data file(s) in "
                 f"{result.config.parent / 'data'} and {result.schema.name}")
            _err(f"next: reviewdeck build {result.config}")

    _run(body)


@main.command()
@click.option("-o", "--output", help="Write the schema to this file instead of printing it.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of the config file (for editor completion).

    Editors that use the yaml-language-server pick it up from a first line
    `# yaml-language-server: $schema=./reviewdeck.schema.json` in the config.
    """

    def body() -> None:
        from reviewdeck.init import schema_text

        text = schema_text()
        if output:
            from pathlib import Path

            from reviewdeck.write import write_atomic

            write_atomic(text.encode("utf-8"), Path(output))
        else:
            click.echo(text, nl=False)

    _run(body)
