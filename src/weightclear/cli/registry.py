"""`weightclear registry ...`: create and inspect the registry; organisations, MAU and attribution owners.

Also the helpers every registry command shares: ``--db``, ``--as`` and
opening the registry.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from weightclear.cli.options import DB_HELP

if TYPE_CHECKING:
    from pathlib import Path

    from weightclear.knowledge import KnowledgeBase
    from weightclear.progress import Progress
    from weightclear.registry import Registry
    from weightclear.report import ScanReport

app = typer.Typer(
    help="The registry database: init, status; organisations' MAU and products' attribution owners.",
    no_args_is_help=True,
)

DbOption = typer.Option(None, "--db", envvar="WEIGHTCLEAR_DB", help=DB_HELP, show_default=False)
AsOption = typer.Option(
    None, "--as", envvar="WEIGHTCLEAR_USER", help="Who is acting (default: the OS user).", show_default=False
)


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


FormatOption = typer.Option(ListFormat.TABLE, "--format", "-f", help="Output format.")


def actor(name: str | None) -> str:
    """The acting person: --as, else WEIGHTCLEAR_USER (via Typer), else the OS user."""
    value = (name or "").strip()
    if value:
        return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return os.environ.get("USER", "unknown")


@contextmanager
def opened(location: str | None, *, migrate: bool = True) -> Iterator[Registry]:
    """Open the registry for one command and dispose of it afterwards."""
    from weightclear.registry import Registry  # SQLAlchemy is loaded only by registry commands

    with Registry.open(location, migrate=migrate) as reg:
        yield reg


def out() -> Console:
    """Console for results (stdout); wide enough that ids and hashes are not cut."""
    return Console(soft_wrap=True, highlight=False, markup=False)  # user text may hold [brackets]


def err() -> Console:
    """Console for messages (stderr)."""
    return Console(stderr=True, soft_wrap=True, highlight=False, markup=False)


def print_json(value: Any) -> None:
    """Write JSON to stdout, unformatted by Rich."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Rich table on stdout."""
    table = Table(title=title, show_lines=False, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    out().print(table)


def governed_scan(
    path: Path,
    kb: KnowledgeBase,
    *,
    config: Path | None,
    jobs: int,
    progress: Progress,
    product: str | None,
    environment: str | None,
    location: str | None,
    as_: str | None,
    use_cache: bool = False,
) -> ScanReport:
    """`scan --registry`: run the scan against the product's sign-offs and keep it as evidence.

    The rules see the registry's GovernanceSnapshot for the product and
    environment (SIGNOFF_MISSING, VERSION_REVIEW_REQUIRED); the scan is recorded
    so that a sign-off requested next rests on its digest. For each licence
    version in use without approval, stderr gets what changed since the signed
    version of the same family.
    """
    from weightclear.errors import InputError
    from weightclear.registry import governance
    from weightclear.report import run_scan

    if not product:
        raise InputError("--registry needs --product (and usually --environment)")
    with opened(location) as reg:
        snap = reg.governance(product, environment)
        report = run_scan(
            path, kb, config=config, jobs=jobs, progress=progress, governance=snap, use_cache=use_cache
        )
        rec = reg.record_scan(actor(as_), product, environment, report)
    console = err()
    console.print(f"registry: scan #{rec.id} recorded for {product}/{environment or 'all environments'}")
    for line in governance.review_notes(snap, report.models, kb):
        console.print(line)
    return report


@app.command("init")
def init(location: str | None = DbOption) -> None:
    """Create the registry (or bring its schema up to date)."""
    from weightclear.registry import db

    url = db.resolve_url(location)
    engine = db.make_engine(url)
    try:
        before, after = db.migrate(engine)
    finally:
        engine.dispose()
    if before == after:
        out().print(f"registry {db.describe(url)} is up to date ({after})")
    else:
        out().print(f"registry {db.describe(url)} migrated from {before or 'empty'} to {after}")


@app.command("status")
def status(location: str | None = DbOption, fmt: ListFormat = FormatOption) -> None:
    """Where the registry is, its schema revision, what it holds and the audit head."""
    with opened(location, migrate=False) as reg:
        st = reg.status()
    if fmt is ListFormat.JSON:
        print_json(
            {
                "url": st.url,
                "revision": st.revision,
                "head_revision": st.head_revision,
                "counts": dict(st.counts),
                "audit_entries": st.audit_entries,
                "audit_head": st.audit_head,
            }
        )
        return
    console = out()
    console.print(f"registry: {st.url}")
    console.print(f"schema:   {st.revision} (newest {st.head_revision})")
    for name, count in st.counts:
        console.print(f"  {name:<20} {count:>10,}")
    console.print(f"audit:    {st.audit_entries:,} entries, head {st.audit_head}")


@app.command("mau")
def mau(
    organisation: str = typer.Argument(..., help="Organisation name."),
    month: str = typer.Argument(..., help="Calendar month, YYYY-MM."),
    users: int = typer.Argument(..., help="Monthly active users of the organisation and its affiliates."),
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Declare an organisation's monthly active users for one month (evidence for the MAU step)."""
    with opened(location) as reg:
        reg.declare_mau(actor(as_), organisation, month, users)
        rows = reg.mau(organisation)
    print_table(f"{organisation}: monthly active users", ("month", "users", "declared by"), rows)


@app.command("owner")
def owner(
    product: str = typer.Argument(..., help="Product name."),
    name: str = typer.Argument(..., help="The attribution owner, e.g. 'Jane Doe <jane@acme.example>'."),
    organisation: str | None = typer.Option(None, help="The organisation the product belongs to."),
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Name the person answerable for a product's attribution ('Built with ...')."""
    with opened(location) as reg:
        reg.set_attribution_owner(actor(as_), product, name, organisation)
    out().print(f"{product}: attribution owner is {name}")
