"""`weightclear scan [PATH]`: the inventory of models and licence versions, and every obligation.

The command only parses, calls ``report.run_scan`` and prints; the exit code
comes from ``ScanReport.exit_code`` (0 clean, 1 findings at or above
--fail-on, 2 when some input could not be read).
"""

from __future__ import annotations

import contextlib
import gc
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from weightclear import knowledge
from weightclear.cli.options import DB_HELP
from weightclear.errors import InputError
from weightclear.outputs import OutputFormat, writer_for
from weightclear.progress import NullProgress
from weightclear.progress import Progress as ProgressObserver
from weightclear.report import FailOn, ScanReport, run_scan


class RichProgress:
    """The Progress observer the CLI passes on a terminal: one bar on stderr."""

    def __init__(self) -> None:
        # Rich is imported here, not at start-up: only a terminal gets a bar (~70 ms of imports).
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task: object | None = None

    def start(self, description: str, total: int | None = None) -> None:
        self._bar.start()
        self._task = self._bar.add_task(description, total=total)

    def advance(self, amount: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, amount)  # type: ignore[arg-type]

    def finish(self) -> None:
        self._bar.stop()


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run Python's cyclic garbage collector less often during a scan, as mypy does.

    A scan allocates hundreds of thousands of small objects that live until the report is written and
    form almost no cycles; with the default thresholds the collector walks them again and again (about
    5-10 % of a cold scan's CPU, and half of loading the result cache). ``freeze`` leaves the objects
    made at start-up out of every collection. Both are undone at the end (tests run many scans in one
    process).
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _progress() -> ProgressObserver:
    # A bar only where a person watches: never in CI logs, pipes or tests.
    return RichProgress() if sys.stderr.isatty() else NullProgress()


def scan(
    path: Annotated[Path, typer.Argument(help="Folder or file to scan.")] = Path("."),
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="weightclear.toml (default: PATH/weightclear.toml).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest finding severity that makes the exit code 1.")
    ] = FailOn.BLOCK,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Worker processes. 0 (default): automatic, one per CPU and at most one per 5,000 files, "
            "so a small tree stays in one process; 1: one process.",
        ),
    ] = 0,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file again: do not reuse unchanged files' results from the previous scan "
            "of PATH (kept in the user cache; WEIGHTCLEAR_CACHE_DIR, empty for none).",
        ),
    ] = False,
    registry: Annotated[
        bool, typer.Option("--registry", help="Check sign-offs in the registry and record this scan there.")
    ] = False,
    product: Annotated[str | None, typer.Option("--product", "-p", help="Product (with --registry).")] = None,
    environment: Annotated[
        str | None, typer.Option("--environment", "-e", help="Environment (with --registry).")
    ] = None,
    db: Annotated[str | None, typer.Option("--db", envvar="WEIGHTCLEAR_DB", help=DB_HELP)] = None,
    as_: Annotated[str | None, typer.Option("--as", envvar="WEIGHTCLEAR_USER", help="Who is acting.")] = None,
    push: Annotated[str | None, typer.Option("--push", help="Send the scan to a weightclear server.")] = None,
    token: Annotated[
        str | None, typer.Option("--token", envvar="WEIGHTCLEAR_TOKEN", help="API token.")
    ] = None,
) -> None:
    """Find every open-weights model PATH uses, its licence version, and check the obligations."""
    with _fewer_collections():
        if not path.exists():
            raise InputError("no such file or folder", path=str(path))
        if registry:
            from weightclear.cli.registry import governed_scan  # the registry's imports only when asked for

            report = governed_scan(
                path, knowledge.load(), config=config, jobs=jobs, progress=_progress(),
                product=product, environment=environment, location=db, as_=as_, use_cache=not no_cache,
            )  # fmt: skip
        else:
            report = run_scan(
                path, knowledge.load(), config=config, jobs=jobs, progress=_progress(), use_cache=not no_cache
            )
        writer = writer_for(fmt)
        # Render fully before opening --output, so a failed run never leaves a half-written file.
        buffer = io.StringIO()
        writer.write(report, buffer)
        if output is None:
            typer.echo(buffer.getvalue(), nl=False)
        else:
            output.write_text(buffer.getvalue(), encoding="utf-8")
        if push:
            _push(report, push, token, product, environment)
        raise typer.Exit(report.exit_code(fail_on))


def _push(
    report: ScanReport, url: str, token: str | None, product: str | None, environment: str | None
) -> None:
    from weightclear.push import push

    if not token or not product:
        raise InputError("--push needs --token (or WEIGHTCLEAR_TOKEN) and --product")
    done = push(report, url, token, product=product, environment=environment, deploy=environment is not None)
    typer.echo(f"pushed: scan #{done.scan_id} ({done.digest[:12]}) to {url}", err=True)
