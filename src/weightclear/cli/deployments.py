"""`weightclear deployments ...`: which model and licence version runs where, with its sign-off state."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, TextIO

import typer

from weightclear import knowledge
from weightclear.cli.registry import (
    AsOption,
    DbOption,
    FormatOption,
    ListFormat,
    actor,
    err,
    opened,
    out,
    print_json,
    print_table,
)
from weightclear.errors import InputError, KnowledgeError
from weightclear.registry.records import DeploymentInput

app = typer.Typer(
    help="Deployments per environment: list, add, end, record from a scan, import.", no_args_is_help=True
)


def _kb() -> knowledge.KnowledgeBase | None:
    # The knowledge base only names the signed version of the same family in the
    # listing; a listing must still work when it cannot be loaded.
    try:
        return knowledge.load()
    except KnowledgeError as exc:
        err().print(f"warning: knowledge base not loaded ({str(exc).splitlines()[0]})")
        return None


@app.command("list")
def list_(
    product: str | None = typer.Option(None, "--product", "-p", help="Only this product."),
    environment: str | None = typer.Option(None, "--environment", "-e", help="Only this environment."),
    all_: bool = typer.Option(False, "--all", help="Include deployments that have ended."),
    location: str | None = DbOption,
    fmt: ListFormat = FormatOption,
) -> None:
    """Which version runs where, with the sign-off state of each."""
    with opened(location) as reg:
        views = reg.deployments(product=product, environment=environment, include_ended=all_, kb=_kb())
    if fmt is ListFormat.JSON:
        print_json([v.to_json() for v in views])
        return
    rows = [
        (
            v.deployment.id,
            v.deployment.product,
            v.deployment.environment,
            v.deployment.model_id,
            v.deployment.licence_id or "unknown",
            v.deployment.since[:10],
            (v.deployment.until or "")[:10],
            v.state + (f" #{v.signoff_id}" if v.signoff_id else ""),
            v.detail,
        )
        for v in views
    ]
    columns = ("id", "product", "environment", "model", "licence", "since", "until", "sign-off", "detail")
    print_table(None, columns, rows)
    if not views:
        err().print("no deployments recorded" + (f" for {product}" if product else ""))


@app.command("add")
def add(
    product: str = typer.Option(..., "--product", "-p"),
    environment: str = typer.Option(..., "--environment", "-e"),
    model: str = typer.Option(..., "--model", "-m", help="Model id as deployed."),
    licence: str | None = typer.Option(None, "--licence", "-l", help="Licence version id, e.g. llama-3.1."),
    since: str | None = typer.Option(None, help="When it went live (ISO date or time; default now)."),
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Record by hand that a model runs in an environment."""
    item = DeploymentInput(
        product=product, environment=environment, model_id=model, licence_id=licence, since=since
    )
    with opened(location) as reg:
        d = reg.add_deployment(actor(as_), item)
    licence = d.licence_id or "unknown licence"
    out().print(f"deployment #{d.id}: {d.model_id} ({licence}) in {d.product}/{d.environment}")


@app.command("end")
def end(
    deployment_id: int = typer.Argument(..., help="Deployment id."),
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Record that a deployment no longer runs (it stays in the record)."""
    with opened(location) as reg:
        d = reg.end_deployment(actor(as_), deployment_id)
    out().print(f"deployment #{d.id} ended at {d.until}")


@app.command("record")
def record(
    path: Annotated[Path, typer.Argument(help="The tree to scan.")] = Path("."),
    product: str = typer.Option(..., "--product", "-p"),
    environment: str = typer.Option(..., "--environment", "-e"),
    config: Annotated[
        Path | None, typer.Option("--config", help="weightclear.toml (default: in PATH).")
    ] = None,
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Scan PATH and make the environment's deployments match the models it uses."""
    if not path.is_dir():
        raise InputError("not a directory", path=str(path))
    from weightclear.report import run_scan  # the scan pipeline is imported only when used

    kb = knowledge.load()
    with opened(location) as reg:
        snap = reg.governance(product, environment)
        report = run_scan(path, kb, config=config, governance=snap)
        rec = reg.record_scan(actor(as_), product, environment, report, deploy=True)
    console = out()
    console.print(f"scan #{rec.id} recorded for {product}/{environment} (digest {rec.digest[:16]})")
    console.print(f"deployments started: {_ids(rec.started)}; ended: {_ids(rec.ended)}")


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(f"#{i}" for i in ids) or "none"


class _LineProgress:
    """Progress as plain lines on stderr (CI logs, and the crash test waits for the first)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.done = 0

    def start(self, description: str, total: int | None = None) -> None:
        self.stream.write(f"{description}...\n")
        self.stream.flush()

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        self.stream.write(f"  {self.done} written (not yet committed)\n")
        self.stream.flush()

    def finish(self) -> None:
        return None


def _read_items(source: TextIO, name: str) -> Iterator[DeploymentInput]:
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            yield DeploymentInput(
                product=data["product"],
                environment=data["environment"],
                model_id=data["model"],
                licence_id=data.get("licence"),
                since=data.get("since"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"expected {{product, environment, model, licence?, since?}}: {exc}", path=name, line=number
            ) from None


@app.command("import")
def import_(
    file: str = typer.Argument(
        ..., help="JSON Lines file ('-' for stdin): {product, environment, model, licence, since}."
    ),
    location: str | None = DbOption,
    as_: str | None = AsOption,
) -> None:
    """Import many deployments in one transaction: all are recorded, or none."""
    who = actor(as_)
    with opened(location) as reg:
        if file == "-":
            count = reg.import_deployments(
                who, _read_items(sys.stdin, "<stdin>"), progress=_LineProgress(sys.stderr)
            )
        else:
            try:
                handle = open(file, encoding="utf-8")  # noqa: SIM115 - closed below, after the transaction
            except OSError as exc:
                raise InputError(exc.strerror or "cannot read", path=file) from None
            with handle:
                count = reg.import_deployments(
                    who, _read_items(handle, file), progress=_LineProgress(sys.stderr)
                )
    out().print(f"imported {count} deployments")
