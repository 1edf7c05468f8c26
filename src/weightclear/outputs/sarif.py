"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One rule per finding code (the stable ids), one result per finding, waived
findings as suppressed results. Paths are relative to the repository root
(found by looking for ``.git`` above the scan root), so the dashboards can
open the file; a finding without a file is anchored to weightclear.toml.
``partialFingerprints`` hash what identifies a finding, not its line, so a
finding keeps its identity when lines move.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from weightclear.model import Location, Result, Severity
from weightclear.obligations.codes import TITLES, FindingCode, docs_url

if TYPE_CHECKING:
    from weightclear.report import ScanReport

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/weightclear/weightclear"
LEVEL = {Severity.BLOCK: "error", Severity.WARN: "warning", Severity.INFO: "note"}
FINGERPRINT = "weightclearFinding/v1"


def repo_prefix(root: str) -> str:
    """The scan root relative to the enclosing git work tree, with a trailing ``/`` (or '')."""
    start = Path(root).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            rel = start.relative_to(folder).as_posix()
            return "" if rel == "." else rel + "/"
    return ""


def _rule(code: FindingCode) -> dict[str, Any]:
    return {
        "id": str(code),
        "name": "".join(part.capitalize() for part in code.value.split("_")),
        "shortDescription": {"text": TITLES[code]},
        "helpUri": docs_url(code),
        "help": {"text": f"{TITLES[code]}. See {docs_url(code)}"},
    }


def _location(loc: Location, prefix: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": prefix + loc.path, "uriBaseId": "%SRCROOT%"}}
    if loc.line:
        region: dict[str, int] = {"startLine": loc.line}
        if loc.column:
            region["startColumn"] = loc.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _fingerprint(result: Result) -> str:
    key = "\0".join((result.code, result.licence or "", result.model or "", result.clause or ""))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _result(result: Result, index: dict[str, int], prefix: str, anchor: Location) -> dict[str, Any]:
    text = result.message + (f" Fix: {result.remediation}" if result.remediation else "")
    out: dict[str, Any] = {
        "ruleId": result.code,
        "ruleIndex": index[result.code],
        "level": LEVEL[result.severity],
        "message": {"text": text},
        "locations": [_location(loc, prefix) for loc in (result.locations or (anchor,))],
        "partialFingerprints": {FINGERPRINT: _fingerprint(result)},
        "properties": {
            "status": str(result.status),
            "licence": result.licence,
            "clause": result.clause,
            "model": result.model,
        },
    }
    if result.waived_by:
        out["suppressions"] = [{"kind": "external", "justification": result.waived_by}]
    return out


def to_sarif(report: ScanReport) -> dict[str, Any]:
    """The SARIF log of ``report`` as a JSON-ready dict."""
    prefix = repo_prefix(report.root)
    rel = report.context.rel_path if report.context is not None else "weightclear.toml"
    anchor = Location(path=rel, line=1)
    rules = [_rule(code) for code in FindingCode]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    shown = [r for r in report.results if r.is_finding or r.waived_by]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "weightclear",
                        "version": report.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the repository root"}}},
                "results": [_result(r, index, prefix, anchor) for r in shown],
                "properties": {
                    "knowledgeDigest": report.knowledge_digest,
                    "configDigest": report.config_digest,
                    "schemaVersion": report.schema_version,
                },
            }
        ],
    }


class SarifWriter:
    """Writes SARIF 2.1.0 JSON."""

    is_manifest = True

    def write(self, report: ScanReport, out: TextIO) -> None:
        """Render ``report`` as one SARIF log."""
        json.dump(to_sarif(report), out, indent=2, sort_keys=False)
        out.write("\n")
