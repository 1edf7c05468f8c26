"""The one place where errors become exit codes.

0: clean; 1: findings at or above --fail-on; 2: usage or input error (a bad
argument, an unreadable config, a scan that could not read some files).
Exit 1 never means "could not run".
"""

from __future__ import annotations

import sys
from enum import IntEnum

import typer

from weightclear.errors import WeightclearError


class ExitCode(IntEnum):
    CLEAN = 0
    FINDINGS = 1
    USAGE = 2


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` to stderr and return the exit to raise (code 2)."""
    from rich.console import Console  # local: Rich costs ~50 ms of start-up, paid only to print an error
    from rich.markup import escape

    # escape(): messages name config keys as "[product.name]", which Rich would take for markup.
    Console(stderr=True).print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(ExitCode.USAGE)


def run(app: typer.Typer, argv: list[str] | None = None) -> int:
    """Run the Typer app and map every error a user can cause to exit code 2.

    Typer's standalone mode already turns usage errors into exit code 2 with a
    message; our own errors (bad files, bad config) are mapped here, so no
    command needs a try/except of its own.
    """
    try:
        app(args=argv, prog_name="weightclear")
    except SystemExit as exc:
        if exc.code is None:
            return ExitCode.CLEAN
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    except WeightclearError as exc:
        fail(str(exc))
        return ExitCode.USAGE
    except KeyboardInterrupt:
        return 130
    return ExitCode.CLEAN


def main() -> None:
    """Console-script entry point."""
    from weightclear.cli.app import app

    sys.exit(run(app))
