"""Markdown for a pull-request comment: findings first, then every obligation by model.

The first line is a hidden marker (``<!-- weightclear -->``) so a CI job can
find and update its previous comment instead of adding a new one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, TextIO

from weightclear.model import Result, Severity, Status
from weightclear.obligations.codes import docs_url

if TYPE_CHECKING:
    from weightclear.report import ScanReport

MARKER = "<!-- weightclear -->"
STATUS_LABEL = {
    Status.SATISFIED: "met",
    Status.VIOLATED: "not met",
    Status.REVIEW: "review",
    Status.NOT_APPLICABLE: "not applicable",
}
ICON = {Severity.BLOCK: "⛔", Severity.WARN: "⚠️", Severity.INFO: "ℹ️"}
MAX_LOCATIONS = 3
MAX_CHARS = 60_000  # below the comment size limit of the hosting services


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _evidence(result: Result) -> str:
    shown = [f"`{loc}`" for loc in result.locations[:MAX_LOCATIONS]]
    more = len(result.locations) - MAX_LOCATIONS
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def _status(result: Result) -> str:
    if result.waived_by:
        return f"waived ({_cell(result.waived_by)})"
    return STATUS_LABEL[result.status]


def _clause(result: Result) -> str:
    return _cell(" ".join(p for p in (result.licence, result.clause) if p))


def _findings(results: list[Result], out: list[str]) -> None:
    out += ["| | Code | Model | Licence | Message | Evidence |", "|---|---|---|---|---|---|"]
    budget = MAX_CHARS - sum(len(line) + 1 for line in out) - 500
    for shown, r in enumerate(results):
        code = f"[`{r.code}`]({docs_url(r.code)})"
        msg = _cell(r.message + (f" — {r.remediation}" if r.remediation else ""))
        model = _cell(r.model) or "product"
        row = f"| {ICON[r.severity]} | {code} | {model} | {_clause(r)} | {msg} | {_evidence(r)} |"
        budget -= len(row) + 1
        if budget < 0:
            out.append(f"| | | | | … and {len(results) - shown} more (see the SARIF or JSON report) | |")
            return
        out.append(row)


def _by_model(results: tuple[Result, ...], out: list[str]) -> None:
    groups: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        groups[r.model or "product"].append(r)
    for model in sorted(groups):
        out += [
            "",
            f"#### {model}",
            "",
            "| Obligation | Status | Licence | Detail | Evidence |",
            "|---|---|---|---|---|",
        ]
        for r in sorted(groups[model], key=lambda r: (r.code, r.status)):
            out.append(f"| `{r.code}` | {_status(r)} | {_clause(r)} | {_cell(r.message)} | {_evidence(r)} |")


def render(report: ScanReport) -> str:
    """The comment body for ``report``."""
    findings = list(report.findings)
    blocks = sum(f.severity is Severity.BLOCK for f in findings)
    waived = [r for r in report.results if r.waived_by]
    out = [MARKER, "## weightclear licence check", ""]
    models = (
        ", ".join(f"`{m.model_id}` ({m.licence_id or 'unknown licence'})" for m in report.models) or "none"
    )
    out.append(f"**{len(findings)} finding(s)**, {blocks} blocking; {len(waived)} waived. Models: {models}.")
    if report.errors:
        out.append(
            f"\n**{len(report.errors)} file(s) could not be read**: "
            + ", ".join(f"`{e.path}`" for e in report.errors[:5])
        )
    if findings:
        out.append("")
        _findings(findings, out)
    if report.results:
        details: list[str] = []
        _by_model(report.results, details)
        if sum(len(line) + 1 for line in (*out, *details)) > MAX_CHARS:
            # Pull-request comments are capped (GitHub: 65,536 characters); the findings stay whole.
            details = ["", "The full list is too long for a comment: see the SARIF or JSON report."]
        out += ["", "<details><summary>Every obligation, by model</summary>", *details, "", "</details>"]
    digest = f"knowledge `{report.knowledge_digest}`" + (
        f", config `{report.config_digest}`" if report.config_digest else ""
    )
    out += ["", f"<sub>weightclear {report.tool_version}; {digest}</sub>", ""]
    return "\n".join(out)


class MarkdownWriter:
    """Writes the pull-request comment."""

    is_manifest = True

    def write(self, report: ScanReport, out: TextIO) -> None:
        """Render ``report`` as Markdown."""
        out.write(render(report))
