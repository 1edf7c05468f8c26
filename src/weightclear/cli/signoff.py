"""`weightclear signoff ...`: request, approve, reject and list legal sign-offs of licence versions."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

import typer

from weightclear import knowledge
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
from weightclear.registry.records import ChecklistItem, Decision, Document, Request, SignoffRecord, Step

app = typer.Typer(
    help="Legal sign-off per licence version: request, approve, reject, list, show.", no_args_is_help=True
)

_STEP_HELP = "'yes: <evidence>', 'no: <why>' or 'n/a: <why>'"


def _checklist(values: dict[Step, str | None]) -> tuple[ChecklistItem, ...]:
    items = []
    for step, value in values.items():
        if value is None:
            continue
        try:
            items.append(ChecklistItem.parse(step, value))
        except ValueError as exc:
            raise InputError(str(exc)) from None
    return tuple(items)


def _documents(paths: list[Path]) -> tuple[Document, ...]:
    docs = []
    for path in paths:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(exc.strerror or "cannot read", path=str(path)) from None
        docs.append(Document(name=path.name, sha256=digest))
    return tuple(docs)


@app.command("request")
def request(
    product: str = typer.Option(..., "--product", "-p"),
    licence: str = typer.Option(..., "--licence", "-l", help="Licence version id, e.g. llama-3.1."),
    environment: str | None = typer.Option(None, "--environment", "-e", help="Default: every environment."),
    model: Annotated[
        list[str] | None, typer.Option("--model", "-m", help="Models covered (repeat; default: any).")
    ] = None,
    mau: str | None = typer.Option(None, "--mau", help=f"MAU threshold checked: {_STEP_HELP}"),
    aup: str | None = typer.Option(None, "--aup", help=f"Use case aligned with the AUP: {_STEP_HELP}"),
    attribution: str | None = typer.Option(
        None, "--attribution", help=f"Attribution implemented: {_STEP_HELP}"
    ),
    derivatives: str | None = typer.Option(
        None, "--derivatives", help=f"Derivative distribution: {_STEP_HELP}"
    ),
    notes: str = typer.Option("", "--notes"),
    scan: int | None = typer.Option(
        None, "--scan", help="The recorded scan it rests on (default: the latest)."
    ),
    document: Annotated[
        list[Path] | None, typer.Option("--document", "-d", help="A document it rests on (repeat).")
    ] = None,
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Ask legal to sign off a licence version for a product, with the checklist answered."""
    steps = {
        Step.MAU_THRESHOLD: mau,
        Step.AUP_ALIGNMENT: aup,
        Step.ATTRIBUTION: attribution,
        Step.DERIVATIVES: derivatives,
    }
    req = Request(
        product=product,
        environment=environment,
        licence_id=licence,
        models=tuple(model or ()),
        checklist=_checklist(steps),
        notes=notes.strip(),
        scan_id=scan,
        documents=_documents(document or []),
        knowledge_digest=knowledge.load().digest,
    )
    with opened(location) as reg:
        s = reg.request_signoff(actor(as_), req)
    where = s.environment or "all environments"
    out().print(f"sign-off #{s.id} requested: {s.licence_id} for {s.product} ({where}), pending review")
    missing = s.missing_steps()
    if missing:
        out().print(f"  checklist still to answer before approval: {', '.join(missing)}")


def _decide(
    signoff_id: int, decision: Decision, notes: str, expect: int | None, location: str | None, who: str
) -> None:
    with opened(location) as reg:
        s = reg.decide_signoff(who, signoff_id, decision, notes, expect)
    out().print(f"sign-off #{s.id} {s.decision.value} by {s.reviewer} at {s.decided_at}")


ExpectOption = typer.Option(
    None, "--expect-version", help="Fail unless the sign-off is still at this version."
)


@app.command("approve")
def approve(
    signoff_id: int = typer.Argument(..., help="Sign-off id."),
    notes: str = typer.Option("", "--notes"),
    expect: int | None = ExpectOption,
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Approve a pending sign-off (not your own request)."""
    _decide(signoff_id, Decision.APPROVED, notes, expect, location, actor(as_))


@app.command("reject")
def reject(
    signoff_id: int = typer.Argument(..., help="Sign-off id."),
    notes: str = typer.Option(..., "--notes", help="Why (required)."),
    expect: int | None = ExpectOption,
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Reject a pending sign-off (not your own request)."""
    _decide(signoff_id, Decision.REJECTED, notes, expect, location, actor(as_))


def _row(s: SignoffRecord) -> tuple[object, ...]:
    state = s.decision.value + (f" (superseded by #{s.superseded_by})" if s.superseded_by else "")
    return (
        s.id,
        s.product,
        s.environment or "all",
        s.licence_id,
        state,
        s.requester,
        s.reviewer,
        (s.decided_at or s.requested_at)[:19],
    )


@app.command("list")
def list_(
    product: str | None = typer.Option(None, "--product", "-p"),
    pending: bool = typer.Option(False, "--pending", help="Only those awaiting a decision."),
    all_: bool = typer.Option(False, "--all", help="Include superseded sign-offs."),
    location: str | None = DbOption,
    fmt: ListFormat = FormatOption,
) -> None:
    """Sign-offs and their decisions."""
    decisions = (Decision.PENDING,) if pending else ()
    with opened(location) as reg:
        found = reg.signoffs(product=product, decisions=decisions, include_superseded=all_)
    if fmt is ListFormat.JSON:
        print_json([s.to_json() for s in found])
        return
    columns = ("id", "product", "environment", "licence", "decision", "requester", "reviewer", "when")
    print_table(None, columns, [_row(s) for s in found])


@app.command("show")
def show(
    signoff_id: int = typer.Argument(..., help="Sign-off id."),
    location: str | None = DbOption,
    fmt: ListFormat = FormatOption,
) -> None:
    """One sign-off with its checklist, evidence and digests."""
    with opened(location) as reg:
        s = reg.signoff(signoff_id)
    if fmt is ListFormat.JSON:
        print_json(s.to_json())
        return
    console = out()
    console.print(f"sign-off #{s.id}: {s.licence_id} for {s.product} ({s.environment or 'all environments'})")
    console.print(
        f"  decision:  {s.decision.value}" + (f" by {s.reviewer} at {s.decided_at}" if s.reviewer else "")
    )
    console.print(f"  requested: by {s.requester} at {s.requested_at}")
    console.print(f"  models:    {', '.join(s.models) or 'any under this licence'}")
    for item in s.checklist:
        console.print(f"  [{item.answer.value}] {item.step.value}: {item.evidence}")
    for step in s.missing_steps():
        console.print(f"  [ ] {step.value}: not answered")
    console.print(f"  knowledge: {s.knowledge_digest}; scan: #{s.scan_id} {s.scan_digest or '(none)'}")
    for doc in s.documents:
        console.print(f"  document:  {doc.name} sha256 {doc.sha256}")
    if s.notes:
        console.print(f"  notes:     {s.notes}")
    if s.superseded_by:
        console.print(f"  superseded by #{s.superseded_by}")
