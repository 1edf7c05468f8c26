"""`weightclear backup ...`: a portable JSON Lines dump of the registry, and its verified restore."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from weightclear.cli.registry import DbOption, err, opened, out
from weightclear.errors import InputError

app = typer.Typer(
    help="Back up the registry to JSON Lines and restore it (SQLite and PostgreSQL alike).",
    no_args_is_help=True,
)


@app.command("create")
def create(
    file: str = typer.Argument(..., help="Where to write the dump ('-' for stdout)."),
    location: str | None = DbOption,
) -> None:
    """Dump every table, the audit log included."""
    from weightclear.registry import backup

    with opened(location, migrate=False) as reg:
        if file == "-":
            count = backup.dump(reg, sys.stdout)
            sys.stdout.flush()
        else:
            # Write beside the target and rename, so a failed dump never leaves a half file in its place.
            target = Path(file)
            partial = target.with_name(target.name + ".partial")
            try:
                with partial.open("w", encoding="utf-8") as handle:
                    count = backup.dump(reg, handle)
                partial.replace(target)
            except OSError as exc:
                raise InputError(exc.strerror or "cannot write", path=file) from None
    err().print(f"backed up {count:,} rows")


@app.command("restore")
def restore(
    file: str = typer.Argument(..., help="A dump made by `backup create` ('-' for stdin)."),
    location: str | None = DbOption,
) -> None:
    """Restore into an empty registry; nothing is kept unless the restored audit chain verifies."""
    from weightclear.registry import backup

    with opened(location) as reg:
        if file == "-":
            result = backup.restore(reg, sys.stdin)
        else:
            try:
                text = Path(file).open(encoding="utf-8")  # noqa: SIM115 - `with` below, after the error check
            except OSError as exc:
                raise InputError(exc.strerror or "cannot read", path=file) from None
            with text:
                result = backup.restore(reg, text)
    summary = f"{result.entries:,} audit entries, {result.rows:,} rows"
    out().print(f"restored and verified: {summary}; head {result.head_hash}")
