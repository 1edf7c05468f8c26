"""JSON: the stable, documented machine-readable form of a ScanReport (docs/json-schema.md).

Keys are only ever added within a schema_version; renaming or removing one
bumps it. Every list is in the report's order, so the same tree gives the
same bytes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from weightclear.model import (
    Attribution,
    LicenceFile,
    Location,
    ModelCard,
    ModelUse,
    NoticeFile,
    Reference,
    Result,
    ScanIssue,
    Screening,
)

if TYPE_CHECKING:
    from weightclear.report import ScanReport

TOOL_NAME = "weightclear"
COMPACT_ABOVE = 2000  # references; above this the JSON is written on one line


def reference(ref: Reference) -> dict[str, Any]:
    """One reference: where, the name as written, its kind and role, and the model it resolved to."""
    res = ref.resolution
    return {
        "path": ref.location.path,
        "line": ref.location.line,
        "column": ref.location.column,
        "text": ref.text,
        "kind": ref.kind,
        "role": ref.role.value,
        "model": res.model_id if res else None,
        "licence": res.licence_id if res else None,
    }


def model(use: ModelUse) -> dict[str, Any]:
    """One model the tree names, with every reference to it."""
    return {
        "id": use.model_id,
        "family": use.family,
        "licence": use.licence_id,
        "modality": use.modality.value if use.modality else None,
        "lineage": list(use.lineage),
        "used": use.used,
        "references": [reference(r) for r in use.references],
    }


def location(loc: Location) -> dict[str, Any]:
    """A path with an optional line and column."""
    return {"path": loc.path, "line": loc.line, "column": loc.column}


def result(res: Result) -> dict[str, Any]:
    """One obligation outcome (a finding when violated or review, and not waived)."""
    return {
        "code": res.code,
        "status": res.status.value,
        "severity": res.severity.value,
        "licence": res.licence,
        "clause": res.clause,
        "message": res.message,
        "model": res.model,
        "locations": [location(loc) for loc in res.locations],
        "remediation": res.remediation,
        "waived_by": res.waived_by,
    }


def licence_file(item: LicenceFile) -> dict[str, Any]:
    """A licence or use-policy text found in the tree."""
    return {
        "path": item.location.path,
        "licence": item.licence_id,
        "kind": item.kind.value,
        "confidence": item.confidence,
        "modified_sections": list(item.modified_sections),
    }


def notice(item: NoticeFile) -> dict[str, Any]:
    """A Notice file and the start of its text."""
    return {"path": item.location.path, "text": item.text}


def model_card(card: ModelCard) -> dict[str, Any]:
    """What a model folder or weights header says about itself."""
    return {
        "path": card.location.path,
        "name": card.name,
        "licence": card.licence,
        "licence_name": card.licence_name,
        "licence_link": card.licence_link,
        "base_models": list(card.base_models),
        "base_model_relation": card.base_model_relation,
    }


def attribution(item: Attribution) -> dict[str, Any]:
    """A display string such as "Built with Llama" and where it is."""
    return {"path": item.location.path, "line": item.location.line, "text": item.text}


def screening(item: Screening) -> dict[str, Any]:
    """A use case screened against one use policy."""
    return {
        "text": item.text,
        "verdict": item.verdict.value,
        "policy": item.policy_id,
        "licence": item.licence_id,
        "categories": [m.key for m in item.matches],
    }


def error(issue: ScanIssue) -> dict[str, Any]:
    """A file that could not be read or understood, and why."""
    return {"path": issue.path, "line": issue.line, "message": issue.message}


def document(report: ScanReport) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    ev = report.evidence
    return {
        "schema_version": report.schema_version,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "knowledge_digest": report.knowledge_digest,
        "config_digest": report.config_digest,
        "root": report.root,
        "summary": {
            "files_scanned": ev.files_scanned,
            "bytes_scanned": ev.bytes_scanned,
            "models": len(report.models),
            "references": len(ev.references),
            "findings": len(report.findings),
            "errors": len(report.errors),
        },
        "models": [model(m) for m in report.models],
        "references": [reference(r) for r in ev.references],
        "licence_files": [licence_file(f) for f in ev.licence_files],
        "notices": [notice(n) for n in ev.notices],
        "model_cards": [model_card(c) for c in ev.model_cards],
        "attributions": [attribution(a) for a in ev.attributions],
        "screenings": [screening(s) for s in report.screenings],
        "results": [result(r) for r in report.results],
        "findings": [result(r) for r in report.findings],
        "errors": [error(i) for i in report.errors],
    }


class JsonWriter:
    """Writes the report as one JSON document (a manifest format: always written)."""

    is_manifest = True

    def write(self, report: ScanReport, out: TextIO) -> None:
        """Key order fixed, UTF-8 kept as is; indented unless the report is large."""
        doc = document(report)
        # `indent` makes json fall back from its C encoder to pure Python, about 10x slower: on a
        # tree with thousands of references that is seconds, so big reports are written compact.
        indent = 2 if len(report.evidence.references) <= COMPACT_ABOVE else None
        out.write(json.dumps(doc, indent=indent, ensure_ascii=False))
        out.write("\n")
