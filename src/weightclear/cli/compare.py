"""`weightclear compare [IDS...]`: open-weights licences side by side; `--api-checklist` template."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, assert_never

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from weightclear import knowledge
from weightclear.compare import Row, api_checklist_template, compare_licences, default_ids


class CompareFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(ids: tuple[str, ...], rows: tuple[Row, ...]) -> str:
    """A Markdown table: one column per licence, one row per aspect."""
    lines = ["| Aspect | " + " | ".join(ids) + " |", "|---" * (len(ids) + 1) + "|"]
    lines += ["| " + " | ".join([row.aspect, *(_cell(row.value(i)) for i in ids)]) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def as_json(ids: tuple[str, ...], rows: tuple[Row, ...]) -> str:
    """``{"licences": [...], "rows": [{"aspect", "values": {id: text}}]}``."""
    doc = {"licences": list(ids), "rows": [{"aspect": r.aspect, "values": dict(r.values)} for r in rows]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _table(ids: tuple[str, ...], rows: tuple[Row, ...]) -> None:
    table = Table(show_lines=True)
    table.add_column("Aspect", style="bold", overflow="fold")
    for lid in ids:
        table.add_column(lid, overflow="fold")
    for row in rows:
        table.add_row(Text(row.aspect), *(Text(row.value(i)) for i in ids))
    Console(soft_wrap=False, highlight=False, markup=False).print(table)


def compare(
    ids: Annotated[list[str] | None, typer.Argument(help="Licence ids (default: every agreement).")] = None,
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CompareFormat.TABLE,
    api_checklist: Annotated[
        bool,
        typer.Option("--api-checklist", help="Write the closed-weights API contract checklist template."),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Compare licence versions: commercial use, thresholds, attribution, naming, flow-down, law."""
    if api_checklist:
        text = api_checklist_template()
    else:
        kb = knowledge.load()
        chosen = tuple(ids) if ids else default_ids(kb)
        rows = compare_licences(kb, chosen)
        if fmt is CompareFormat.TABLE and output is None:
            _table(chosen, rows)
            return
        if fmt is CompareFormat.JSON:
            text = as_json(chosen, rows)
        elif fmt is CompareFormat.MARKDOWN or fmt is CompareFormat.TABLE:
            text = as_markdown(chosen, rows)  # a table written to a file is written as Markdown
        else:
            assert_never(fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
