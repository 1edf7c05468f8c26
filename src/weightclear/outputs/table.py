"""The terminal table: models grouped by licence version, then licence files, results and errors.

Rendered with Rich; colours and width follow the terminal (NO_COLOR and
COLUMNS are honoured). Results are grouped by model and rendered generically
(status label, code, clause, message, evidence, remediation), so new
obligation rules need no change here. Messages come from files and config,
so they are escaped before Rich reads them as markup.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from weightclear.model import ModelUse, Reference, Result, Role, Status
from weightclear.outputs.markdown import STATUS_LABEL

if TYPE_CHECKING:
    from weightclear.report import ScanReport

MAX_PLACES = 3  # "where used" shows this many locations, then "+N more"
UNKNOWN = "unknown licence"
PRODUCT = "product"  # results that concern the product, not one model
_STATUS_STYLE = {
    Status.VIOLATED: "bold red",
    Status.REVIEW: "yellow",
    Status.SATISFIED: "green",
    Status.NOT_APPLICABLE: "dim",
}


def places(refs: tuple[Reference, ...] | list[Reference]) -> str:
    """``path:line`` of the first few references (uses first), then ``+N more``."""
    ordered = sorted(refs, key=lambda r: (r.role is not Role.USE, r.location.path, r.location.line or 0))
    shown = [str(r.location) for r in ordered[:MAX_PLACES]]
    more = len(ordered) - MAX_PLACES
    return ", ".join(shown) + (f" +{more} more" if more > 0 else "")


def role_of(refs: tuple[Reference, ...] | list[Reference]) -> str:
    """``use`` when any reference is a use, else ``mention``; counts when both occur."""
    uses = sum(1 for r in refs if r.role is Role.USE)
    mentions = len(refs) - uses
    if uses and mentions:
        return f"use ({uses}), mention ({mentions})"
    return Role.USE.value if uses else Role.MENTION.value


def _models_table(licence: str, models: list[ModelUse]) -> Table:
    table = Table(title=licence, title_justify="left", title_style="bold", expand=False)
    table.add_column("Model", style="cyan", no_wrap=True)
    table.add_column("Where used")
    table.add_column("Role", no_wrap=True)
    for use in sorted(models, key=lambda m: m.model_id.lower()):
        name = use.model_id + (f"\n[dim]via {' → '.join(use.lineage)}[/]" if use.lineage else "")
        table.add_row(name, places(use.references), role_of(use.references))
    return table


def _unresolved_table(report: ScanReport) -> Table | None:
    """References that no model groups: names the catalogue does not know (yet)."""
    grouped = {_key(r) for m in report.models for r in m.references}
    by_name: dict[str, list[Reference]] = defaultdict(list)
    for ref in report.evidence.references:
        if _key(ref) not in grouped:
            by_name[ref.text].append(ref)
    if not by_name:
        return None
    table = Table(title="Not in the catalogue", title_justify="left", title_style="bold yellow")
    table.add_column("Name as written", style="cyan", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Where")
    table.add_column("Role", no_wrap=True)
    for name, refs in sorted(by_name.items(), key=lambda kv: kv[0].lower()):
        table.add_row(name, refs[0].kind, places(refs), role_of(refs))
    return table


def _key(ref: Reference) -> tuple[str, int | None, str]:
    return (ref.location.path, ref.location.line, ref.text)


def _licence_files_table(report: ScanReport) -> Table | None:
    files = report.evidence.licence_files
    if not files:
        return None
    table = Table(title="Licence files", title_justify="left", title_style="bold")
    for column in ("Path", "Licence", "Kind", "Confidence", "Modified sections"):
        table.add_column(column)
    for f in files:
        table.add_row(
            f.location.path, f.licence_id, f.kind.value, f"{f.confidence:.2f}", ", ".join(f.modified_sections)
        )
    return table


# Within a model: what needs action first, then what was waived, met or does not apply.
_ORDER = {Status.VIOLATED: 0, Status.REVIEW: 1, Status.SATISFIED: 3, Status.NOT_APPLICABLE: 4}
_WAIVED_RANK = 2


def status_label(result: Result) -> str:
    """The human label of a result (the Markdown comment's labels), ``waived (REF)`` when waived."""
    return f"waived ({result.waived_by})" if result.waived_by else STATUS_LABEL[result.status]


def evidence_places(result: Result) -> str:
    """``path:line`` of the first few evidence locations, then ``+N more``."""
    shown = [str(loc) for loc in result.locations[:MAX_PLACES]]
    more = len(result.locations) - MAX_PLACES
    return ", ".join(shown) + (f" +{more} more" if more > 0 else "")


def _detail(result: Result) -> str:
    """Message, evidence and (when not met) the remediation, as escaped Rich markup."""
    lines = [escape(result.message)]
    where = evidence_places(result)
    if where:
        lines.append(f"[dim]evidence: {escape(where)}[/]")
    if result.is_finding and result.remediation:
        lines.append(f"[bold]fix:[/] {escape(result.remediation)}")
    return "\n".join(lines)


def _rank(result: Result) -> tuple[int, str]:
    return (_WAIVED_RANK if result.waived_by else _ORDER[result.status], result.code)


def _model_results_table(model: str, results: list[Result]) -> Table:
    table = Table(title=f"Obligations: {escape(model)}", title_justify="left", title_style="bold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Obligation", max_width=34, overflow="fold")
    table.add_column("Detail", ratio=1, overflow="fold")
    for r in sorted(results, key=_rank):
        style = "dim" if r.waived_by else _STATUS_STYLE[r.status]
        clause = " ".join(p for p in (r.licence, r.clause) if p)
        obligation = r.code + (f"\n[dim]{escape(clause)}[/]" if clause else "")
        table.add_row(f"[{style}]{escape(status_label(r))}[/]", obligation, _detail(r))
    return table


def _results_tables(report: ScanReport) -> list[Table]:
    """One table per model (the product-wide results first), each obligation with its evidence."""
    groups: dict[str, list[Result]] = defaultdict(list)
    for r in report.results:
        groups[r.model or PRODUCT].append(r)
    order = sorted(groups, key=lambda m: (m != PRODUCT, m.lower()))
    return [_model_results_table(model, groups[model]) for model in order]


def summary_line(report: ScanReport) -> str:
    """``N met, N not met, N review, N waived, N not applicable`` and what the exit code means."""
    waived = sum(1 for r in report.results if r.waived_by)
    counts = {s: sum(1 for r in report.results if r.status is s and not r.waived_by) for s in Status}
    parts = [
        f"{counts[Status.SATISFIED]} met",
        f"{counts[Status.VIOLATED]} not met",
        f"{counts[Status.REVIEW]} review",
        f"{waived} waived",
        f"{counts[Status.NOT_APPLICABLE]} n/a",
    ]
    return ", ".join(parts) + "; exit 1: findings ≥ --fail-on, 2: unreadable input"


def _errors_table(report: ScanReport) -> Table | None:
    if not report.errors:
        return None
    table = Table(title="Could not read", title_justify="left", title_style="bold red")
    table.add_column("Path")
    table.add_column("Problem")
    for issue in report.errors:
        where = f"{issue.path}:{issue.line}" if issue.line else issue.path
        table.add_row(where, issue.message)
    return table


class TableWriter:
    """Rich tables for a terminal (not a manifest: written only when there is something to show)."""

    is_manifest = False

    def write(self, report: ScanReport, out: TextIO) -> None:
        """Models by licence version, unresolved names, licence files, obligations, errors, summary."""
        # Rendered into a buffer (see cli.scan), so take the width from the terminal, or 120 in pipes.
        width = shutil.get_terminal_size((120, 24)).columns
        console = Console(file=out, highlight=False, soft_wrap=False, width=max(width, 80))
        groups: dict[str, list[ModelUse]] = defaultdict(list)
        for use in report.models:
            groups[use.licence_id or UNKNOWN].append(use)
        for licence in sorted(groups, key=lambda k: (k == UNKNOWN, k)):
            console.print(_models_table(licence, groups[licence]))
        for extra in (_unresolved_table, _licence_files_table):
            table = extra(report)
            if table is not None:
                console.print(table)
        for table in _results_tables(report):
            console.print(table)
        errors = _errors_table(report)
        if errors is not None:
            console.print(errors)
        ev = report.evidence
        console.print(
            f"[dim]{len(report.models)} models, {len(ev.references)} references "
            f"in {ev.files_scanned:,} files ({ev.bytes_scanned / 1e6:.1f} MB); "
            f"{len(report.findings)} findings, "
            f"{len(report.errors)} unreadable[/]"
        )
        if report.results:
            console.print(summary_line(report))
