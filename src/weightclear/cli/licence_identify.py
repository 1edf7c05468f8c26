"""`weightclear licence identify FILE...`: which licence or use policy each text is.

Parses, calls ``weightclear.discovery.licence_text``, prints and exits. A file that
cannot be identified is listed as ``unknown`` with the reason (binary, not UTF-8,
no known text); a path that does not exist is a usage error (exit 2).
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from weightclear.discovery.licence_text import UNKNOWN, Identification, identify_path, is_licence_candidate
from weightclear.errors import InputError


class IdentifyFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def _records(paths: list[Path]) -> list[dict[str, Any]]:
    """Each file given, and the licence candidates inside each folder given, identified.

    Inside a folder a model card (README.md) is listed only when it holds a known text:
    most hold none, and listing each as ``unknown`` would bury the licence files.
    """
    out: list[dict[str, Any]] = []
    for path in paths:
        if path.is_dir():
            for file in _candidates(path):
                found = identify_path(file)
                if file.name.lower() != "readme.md" or found[0].licence_id != UNKNOWN:
                    out.extend(_record(file, f) for f in found)
        elif path.exists():
            out.extend(_record(path, f) for f in identify_path(path))
        else:
            raise InputError("no such file or folder", path=str(path))
    return out


def _candidates(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        # Hidden folders (.git, .venv) and dependency trees hold other projects' licences.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        found.extend(Path(root) / n for n in sorted(names) if is_licence_candidate(n))
    return found


def _record(path: Path, f: Identification) -> dict[str, Any]:
    return {
        "path": str(path),
        "licence": f.licence_id,
        "kind": f.kind.value,
        "confidence": f.confidence,
        "modified_sections": list(f.modified_sections),
        "reason": f.reason,
    }


def _print_table(records: list[dict[str, Any]]) -> None:
    table = Table(title="Licence texts")
    table.add_column("path", overflow="fold")
    for header in ("licence", "kind", "confidence", "modified sections", "reason"):
        table.add_column(header, overflow="fold")
    for r in records:
        modified = ", ".join(r["modified_sections"]) or "-"
        table.add_row(r["path"], r["licence"], r["kind"], f"{r['confidence']:.2f}", modified, r["reason"])
    Console(soft_wrap=True, highlight=False).print(table)


PathsArgument = typer.Argument(..., help="Licence files, model cards, or folders to look in.")
FormatOption = typer.Option(IdentifyFormat.TABLE, "--format", "-f", help="Output format.")


def identify(paths: list[Path] = PathsArgument, fmt: IdentifyFormat = FormatOption) -> None:
    """Identify licence and use-policy texts: licence id, kind, confidence and the sections that differ."""
    records = _records(paths)
    if fmt is IdentifyFormat.JSON:
        sys.stdout.write(json.dumps(records, indent=2) + "\n")
        sys.stdout.flush()
        return
    _print_table(records)
