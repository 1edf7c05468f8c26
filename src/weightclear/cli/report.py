"""`weightclear report evidence`: the evidence pack a legal team files for a sign-off.

The command scans PATH (with its weightclear.toml), reads the registry's
sign-offs, MAU declarations and audit head when a registry is configured
(``--db``, WEIGHTCLEAR_DB or DATABASE_URL, or ``--registry`` for the default
one), adds a filled API checklist if given, and writes Markdown, HTML or PDF.
The exit code is 0 when the pack was written, whatever its findings: the
pack records them, `scan` is the gate.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from weightclear import knowledge
from weightclear.cli.options import DB_HELP
from weightclear.cli.registry import opened
from weightclear.compare import load_api_checklist
from weightclear.errors import InputError
from weightclear.outputs import stamp
from weightclear.outputs.evidence import PackFormat, PackInputs, RegistryFacts, SignoffEntry, render
from weightclear.report import run_scan

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase
    from weightclear.registry import Registry
    from weightclear.report import ScanReport

app = typer.Typer(help="Reports for reviewers: the evidence pack.", no_args_is_help=True)


def _facts(reg: Registry, product: str, organisation: str | None) -> RegistryFacts:
    """The registry's sign-offs, MAU declarations, owner and audit head for one product."""
    status = reg.status()
    entries = tuple(
        SignoffEntry(
            id=s.id,
            licence=s.licence_id,
            environment=s.environment,
            models=s.models,
            decision=s.decision.value,
            requester=s.requester,
            requested_at=s.requested_at,
            reviewer=s.reviewer,
            decided_at=s.decided_at,
            knowledge_digest=s.knowledge_digest,
        )
        for s in reg.signoffs(product=product)
    )
    return RegistryFacts(
        location=status.url,
        audit_entries=status.audit_entries,
        audit_head=status.audit_head,
        signoffs=entries,
        attribution_owner=reg.attribution_owner(product),
        mau=tuple(reg.mau(organisation)) if organisation else (),
    )


def _with_registry(
    path: Path, kb: KnowledgeBase, config: Path | None, product: str, environment: str | None, db: str | None
) -> tuple[ScanReport, RegistryFacts]:
    with opened(db, migrate=False) as reg:
        report = run_scan(path, kb, config=config, governance=reg.governance(product, environment))
        org = report.context.organisation.name if report.context else None
        return report, _facts(reg, product, org)


@app.command("evidence")
def evidence(
    path: Annotated[Path, typer.Argument(help="Folder to scan.")] = Path("."),
    product: Annotated[str, typer.Option("--product", "-p", help="Product name (as in the registry).")] = ...,  # type: ignore[assignment]
    fmt: Annotated[PackFormat, typer.Option("--format", "-f", help="Output format.")] = PackFormat.MARKDOWN,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="weightclear.toml (default: PATH/).")
    ] = None,
    api_checklist: Annotated[
        Path | None, typer.Option("--api-checklist", help="A filled `compare --api-checklist` file.")
    ] = None,
    registry: Annotated[bool, typer.Option("--registry", help="Read the default registry.")] = False,
    environment: Annotated[str | None, typer.Option("--environment", "-e", help="Environment.")] = None,
    db: Annotated[str | None, typer.Option("--db", envvar="WEIGHTCLEAR_DB", help=DB_HELP)] = None,
) -> None:
    """Write the evidence pack for PRODUCT: models, terms, obligations, MAU, attribution, sign-offs."""
    if not path.exists():
        raise InputError("no such file or folder", path=str(path))
    kb = knowledge.load()
    checklist = load_api_checklist(api_checklist) if api_checklist else None
    facts: RegistryFacts | None = None
    if registry or db or os.environ.get("DATABASE_URL"):
        report, facts = _with_registry(path, kb, config, product, environment, db)
    else:
        report = run_scan(path, kb, config=config)
    pack = PackInputs(
        report=report, product=product, generated=stamp.now(), registry=facts, api_checklist=checklist
    )
    data = render(pack, fmt, kb)  # rendered fully before --output is opened: no half-written file
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        typer.echo(f"evidence pack written to {output}", err=True)
    elif fmt is PackFormat.PDF:
        typer.echo(data, nl=False)  # bytes go to the binary stream
    else:
        typer.echo(data.decode("utf-8"), nl=False)
