"""`weightclear model resolve NAME...`: how each written name maps onto the catalogue."""

from __future__ import annotations

import json
import shutil
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from weightclear import knowledge
from weightclear.model import Resolution
from weightclear.resolve import resolve_name

app = typer.Typer(
    help="Models: resolve written names to catalogue models and licence versions.", no_args_is_help=True
)


def as_dict(res: Resolution) -> dict[str, Any]:
    """One resolution as JSON-ready data."""
    return {
        "text": res.text,
        "model": res.model_id,
        "licence": res.licence_id,
        "family": res.family,
        "modality": res.modality.value if res.modality else None,
        "lineage": list(res.lineage),
        "reason": res.reason,
    }


@app.command("resolve")
def resolve(
    names: Annotated[
        list[str], typer.Argument(help="Model names as written anywhere (HF ids, tags, cloud ids).")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Print the model, licence version, family, modality and lineage each NAME resolves to, and why."""
    if fmt not in ("table", "json"):
        raise typer.BadParameter("must be table or json", param_hint="--format")
    kb = knowledge.load()
    resolutions = [resolve_name(name, kb) for name in names]
    if fmt == "json":
        typer.echo(json.dumps([as_dict(r) for r in resolutions], indent=2, ensure_ascii=False))
        return
    table = Table()
    for column in ("Name", "Model", "Licence", "Family", "Modality", "Lineage", "Reason"):
        table.add_column(column)
    for r in resolutions:
        table.add_row(
            r.text,
            r.model_id or "[dim]none[/]",
            r.licence_id or "[dim]none[/]",
            r.family or "",
            r.modality.value if r.modality else "",
            " → ".join(r.lineage),
            r.reason,
        )
    # Wide enough for the reasons even in a pipe (Rich falls back to 80 columns there).
    Console(highlight=False, width=max(shutil.get_terminal_size((160, 24)).columns, 120)).print(table)
