"""`weightclear licence list | show ID | diff OLD NEW`: the knowledge base's licence terms, readable.

Each command parses, calls the knowledge library, prints and exits; the
comparison itself is ``weightclear.knowledge.diff``, shared with the registry
and the web pages.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from weightclear.errors import InputError
from weightclear.knowledge import KnowledgeBase, load
from weightclear.knowledge.diff import Change, diff_licences, term_values
from weightclear.knowledge.schema import LicenceTerms, UsePolicy


class TermsFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


FormatOption = typer.Option(TermsFormat.TABLE, "--format", "-f", help="Output format.")


def _console() -> Console:
    # Created per call so that the stream in use (a test runner's, a pipe) is the one written to.
    return Console(soft_wrap=True, highlight=False)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()  # the stream may be a buffered wrapper (pipes, test runners)


def _terms(kb: KnowledgeBase, licence_id: str) -> LicenceTerms:
    """The terms of ``licence_id``, or an input error (exit 2) that lists the known ids."""
    terms = kb.licences.get(licence_id) or kb.licence_by_identifier(licence_id)
    if terms is None:
        known = ", ".join(sorted(kb.licences))
        raise InputError(f"unknown licence id {licence_id!r}; known ids: {known}")
    return terms


def _dump(model: LicenceTerms | UsePolicy) -> dict[str, Any]:
    # Absent terms stay as null so every licence has the same keys (a stable JSON shape).
    return model.model_dump(mode="json", by_alias=True)


def list_licences(fmt: TermsFormat = FormatOption) -> None:
    """Every licence version in the knowledge base: id, family, version, title, use scope, release date."""
    kb = load()
    rows = sorted(kb.licences.values(), key=lambda t: (t.family, t.release_date or t.as_of, t.id))
    if fmt is TermsFormat.JSON:
        _print_json(
            [
                {
                    "id": t.id,
                    "family": t.family,
                    "version": t.version,
                    "title": t.title,
                    "use_scope": t.use_scope.value,
                    "release_date": t.release_date.isoformat() if t.release_date else None,
                }
                for t in rows
            ]
        )
        return
    table = Table(title="Licence versions")
    table.add_column("id", no_wrap=True)
    for header in ("family", "version", "title", "use scope", "release date"):
        table.add_column(header, overflow="fold")
    for t in rows:
        date = t.release_date.isoformat() if t.release_date else "-"
        table.add_row(t.id, t.family, t.version or "-", t.title, t.use_scope.value, date)
    _console().print(table)


def _term_rows(t: LicenceTerms) -> list[tuple[str, str, str]]:
    """(term, value, clause) rows for the terms table; a term the licence lacks shows as "none"."""
    rows = [(aspect.value, value or "none", clause or "-") for aspect, value, clause in term_values(t)]
    # Details the diff does not compare but a reader of one licence wants to see.
    if u := t.user_threshold:
        rows.append(("above the threshold", u.consequence, u.clause))
    if a := t.attribution:
        rows.append(("attribution trigger", a.trigger, a.clause))
        rows.append(("attribution surfaces", ", ".join(a.surfaces), a.clause))
    if f := t.flow_down:
        rows.append(("flow-down detail", f.what, f.clause))
    return rows


def _show_table(t: LicenceTerms, policy: UsePolicy | None) -> None:
    console = _console()
    console.print(f"[bold]{t.title}[/]  ({t.id})")
    if t.date_line:
        console.print(t.date_line)
    console.print(t.summary)
    terms = Table("term", "value", "clause", title="Terms")
    for row in _term_rows(t):
        terms.add_row(*row)
    console.print(terms)
    clauses = Table("section", "in short", title="Clauses")
    for section, line in t.clauses.items():
        clauses.add_row(section, line)
    console.print(clauses)
    if policy is not None:
        cats = Table("section", "key", "name", "meaning", title=f"{policy.title} ({policy.id})")
        for c in policy.categories:
            cats.add_row(c.section, c.key, c.name, c.meaning)
        console.print(cats)


def show(
    licence_id: str = typer.Argument(..., help="Licence id, e.g. llama-3.1"), fmt: TermsFormat = FormatOption
) -> None:
    """The terms of one licence version, each with its clause, and its use-policy categories."""
    kb = load()
    terms = _terms(kb, licence_id)
    policy = kb.policy_for(terms.id)
    if fmt is TermsFormat.JSON:
        _print_json({"licence": _dump(terms), "aup": _dump(policy) if policy else None})
        return
    _show_table(terms, policy)


def _change_json(c: Change) -> dict[str, Any]:
    return {
        "aspect": c.aspect.value,
        "key": c.key,
        "old": c.old,
        "new": c.new,
        "old_clause": c.old_clause,
        "new_clause": c.new_clause,
        "note": c.note,
    }


def diff(
    old: str = typer.Argument(..., help="The licence id in use now"),
    new: str = typer.Argument(..., help="The licence id to move to"),
    fmt: TermsFormat = FormatOption,
) -> None:
    """What changes between two licence versions: each term, clause and use-policy category to re-check."""
    kb = load()
    before, after = _terms(kb, old), _terms(kb, new)
    changes = diff_licences(kb, before.id, after.id)
    if fmt is TermsFormat.JSON:
        _print_json({"old": before.id, "new": after.id, "changes": [_change_json(c) for c in changes]})
        return
    if not changes:
        _console().print(f"no differences between {before.id} and {after.id}")
        return
    table = Table(title=f"{before.id} -> {after.id}")
    table.add_column("aspect", no_wrap=True)
    for header in (before.id, after.id, "clause", "re-check"):
        table.add_column(header, overflow="fold")
    for c in changes:
        aspect = f"{c.aspect.value}\n{c.key}" if c.key else c.aspect.value
        clause = " / ".join(dict.fromkeys(x for x in (c.old_clause, c.new_clause) if x))
        table.add_row(aspect, c.old or "-", c.new or "-", clause, c.note)
    _console().print(table)
