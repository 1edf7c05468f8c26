"""The one place where errors become exit codes.

0: clean; 1: findings at or above --fail-on; 2: usage or input error (a bad
argument, an unreadable config, a scan that could not read some files).
Exit 1 never means "could not run".
"""

from __future__ import annotations

import sys
from enum import IntEnum

import click
import typer
from rich.console import Console

from weightclear.errors import WeightclearError


class ExitCode(IntEnum):
    CLEAN = 0
    FINDINGS = 1
    USAGE = 2


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` to stderr and return the exit to raise (code 2)."""
    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(ExitCode.USAGE)


def run(app: typer.Typer, argv: list[str] | None = None) -> int:
    """Run the Typer app and map every error a user can cause to exit code 2."""
    try:
        result = app(args=argv, standalone_mode=False)
    except WeightclearError as exc:
        fail(str(exc))
        return ExitCode.USAGE
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return ExitCode.USAGE
    except click.exceptions.Abort:
        Console(stderr=True).print("aborted")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        return 130
    return int(result) if isinstance(result, int) else ExitCode.CLEAN


def main() -> None:
    """Console-script entry point."""
    from weightclear.cli.app import app

    sys.exit(run(app))
