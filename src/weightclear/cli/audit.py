"""`weightclear audit ...`: verify the hash-chained audit log, or export it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from weightclear.cli.exit import ExitCode
from weightclear.cli.registry import DbOption, FormatOption, ListFormat, err, opened, out, print_json
from weightclear.errors import InputError

app = typer.Typer(
    help="The audit trail: verify the hash chain and every row against it; export it.", no_args_is_help=True
)


@app.command("verify")
def verify(location: str | None = DbOption, fmt: ListFormat = FormatOption) -> None:
    """Recompute the chain; exit 1 naming each edited, deleted, inserted or reordered entry or row."""
    with opened(location, migrate=False) as reg:
        result = reg.verify()
    if fmt is ListFormat.JSON:
        print_json(
            {
                "ok": result.ok,
                "entries": result.entries,
                "rows": result.rows,
                "head": result.head_hash,
                "problems": list(result.problems),
                "more_problems": result.more_problems,
            }
        )
    elif result.ok:
        summary = f"{result.entries:,} entries, {result.rows:,} rows match"
        out().print(f"audit chain intact: {summary}; head {result.head_hash}")
    else:
        console = err()
        console.print(f"audit chain BROKEN: {len(result.problems) + result.more_problems} problem(s)")
        for problem in result.problems:
            console.print(f"  {problem}")
        if result.more_problems:
            console.print(f"  ... and {result.more_problems} more")
    if not result.ok:
        raise typer.Exit(ExitCode.FINDINGS)


@app.command("export")
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    location: str | None = DbOption,
) -> None:
    """The whole log as JSON Lines, oldest first (seq, at, actor, action, table, row, digest, hashes)."""
    with opened(location, migrate=False) as reg:
        if output is None:
            count = reg.export_audit(sys.stdout)
            sys.stdout.flush()
        else:
            try:
                with output.open("w", encoding="utf-8") as handle:
                    count = reg.export_audit(handle)
            except OSError as exc:
                raise InputError(exc.strerror or "cannot write", path=str(output)) from None
    err().print(f"exported {count:,} audit entries")
