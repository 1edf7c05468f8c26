"""`weightclear waiver ...`: silence a finding code for a product, with reason, approver and expiry."""

from __future__ import annotations

import datetime as dt

import typer

from weightclear.cli.registry import (
    AsOption,
    DbOption,
    FormatOption,
    ListFormat,
    actor,
    opened,
    out,
    print_json,
    print_table,
)
from weightclear.errors import InputError

app = typer.Typer(
    help="Waivers of finding codes: add, list, revoke. Each has a reason and expires.", no_args_is_help=True
)


@app.command("add")
def add(
    product: str = typer.Option(..., "--product", "-p"),
    code: str = typer.Option(..., "--code", "-c", help="Finding code, e.g. ATTRIBUTION_MISSING."),
    reason: str = typer.Option(..., "--reason", help="Why the finding does not apply or is accepted."),
    expires: str = typer.Option(..., "--expires", help="Last day it applies, YYYY-MM-DD."),
    licence: str | None = typer.Option(None, "--licence", "-l", help="Only for this licence version."),
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Record a waiver; the acting user is its approver."""
    try:
        until = dt.date.fromisoformat(expires)
    except ValueError:
        raise InputError(f"--expires must be YYYY-MM-DD, got {expires!r}") from None
    with opened(location) as reg:
        w = reg.add_waiver(
            actor(as_), product=product, code=code, licence_id=licence, reason=reason, expires=until
        )
    out().print(f"waiver #{w.id}: {w.code} for {w.product} until {w.expires}, approved by {w.approved_by}")


@app.command("revoke")
def revoke(
    waiver_id: int = typer.Argument(..., help="Waiver id."),
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """End a waiver early (it stays in the record)."""
    with opened(location) as reg:
        w = reg.revoke_waiver(actor(as_), waiver_id)
    out().print(f"waiver #{w.id} revoked by {w.revoked_by} at {w.revoked_at}")


@app.command("list")
def list_(
    product: str | None = typer.Option(None, "--product", "-p"),
    location: str | None = DbOption,
    fmt: ListFormat = FormatOption,
) -> None:
    """Every waiver with its state (active, expired, revoked)."""
    with opened(location) as reg:
        found = reg.waivers(product=product)
    today = dt.date.today().isoformat()
    if fmt is ListFormat.JSON:
        print_json([{**w.__dict__, "state": w.state(today)} for w in found])
        return
    rows = [
        (w.id, w.product, w.code, w.licence_id or "any", w.state(today), w.expires, w.approved_by, w.reason)
        for w in found
    ]
    print_table(None, ("id", "product", "code", "licence", "state", "expires", "approved by", "reason"), rows)
