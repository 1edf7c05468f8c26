"""SARIF (valid against the official 2.1.0 schema) and the Markdown PR comment, from one ScanReport."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import SCHEMAS
from weightclear.context import parse_config
from weightclear.model import Evidence, Location, ModelUse, Result, Severity, Status
from weightclear.obligations.codes import FindingCode
from weightclear.outputs import OutputFormat, writer_for
from weightclear.outputs.markdown import MARKER, render
from weightclear.outputs.sarif import FINGERPRINT, repo_prefix, to_sarif
from weightclear.report import ScanReport

SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"


def _report(root: str = ".", line: int = 12) -> ScanReport:
    where = Location(path="web/About.tsx", line=line, column=3)
    results = (
        Result(
            code="ATTRIBUTION_WRONG_TEXT",
            status=Status.VIOLATED,
            severity=Severity.BLOCK,
            licence="llama-3.1",
            clause="§1.b.i(B)",
            message="shows 'Built with Meta Llama 3'",
            model="meta-llama/Llama-3.1-8B-Instruct",
            locations=(where,),
            remediation="Show 'Built with Llama'.",
        ),
        Result(
            code="MAU_UNDECLARED",
            status=Status.REVIEW,
            severity=Severity.WARN,
            licence="llama-3.1",
            clause="§2",
            message="not declared for 2024-06",
            model="meta-llama/Llama-3.1-8B-Instruct",
        ),
        Result(
            code="NOTICE_MISSING",
            status=Status.VIOLATED,
            severity=Severity.BLOCK,
            licence="llama-3.1",
            clause="§1.b.iii",
            message="no Notice",
            model="Llama-Acme-8B",
            waived_by="LEGAL-7",
        ),
        Result(
            code="LICENCE_COPY_MISSING",
            status=Status.SATISFIED,
            severity=Severity.INFO,
            licence="llama-3.1",
            clause="§1.b.i(A)",
            message="copy found",
            model="Llama-Acme-8B",
            locations=(Location(path="rel/LICENSE"),),
        ),
        Result(
            code="EU_MULTIMODAL_RESTRICTED",
            status=Status.NOT_APPLICABLE,
            severity=Severity.INFO,
            licence="llama-3.2",
            clause="AUP EU paragraph",
            message="text model",
            model="meta-llama/Llama-3.2-1B",
        ),
    )
    model = ModelUse(
        model_id="meta-llama/Llama-3.1-8B-Instruct", family="llama", licence_id="llama-3.1", modality=None
    )
    return ScanReport(
        schema_version="1.0",
        tool_version="0.1.0",
        knowledge_digest="abc",
        config_digest="def",
        root=root,
        evidence=Evidence(root=root),
        models=(model,),
        results=results,
        context=parse_config("[product]\nname = 'p'\n"),
    )


def _validate(log: dict[str, Any]) -> None:
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas is not here")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def test_sarif_is_valid_against_the_official_schema() -> None:
    out = io.StringIO()
    writer_for(OutputFormat.SARIF).write(_report(), out)
    _validate(json.loads(out.getvalue()))


def test_sarif_rules_are_the_finding_codes() -> None:
    log = to_sarif(_report())
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [str(c) for c in FindingCode]
    ids = [r["ruleId"] for r in run["results"]]
    assert ids == ["ATTRIBUTION_WRONG_TEXT", "MAU_UNDECLARED", "NOTICE_MISSING"], "findings and waived only"
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_locations_and_anchor() -> None:
    results = to_sarif(_report())["runs"][0]["results"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "web/About.tsx"
    assert first["region"] == {"startLine": 12, "startColumn": 3}
    anchored = results[1]["locations"][0]["physicalLocation"]
    assert anchored["artifactLocation"]["uri"] == "weightclear.toml"
    assert results[0]["level"] == "error" and results[1]["level"] == "warning"
    assert results[2]["suppressions"] == [{"kind": "external", "justification": "LEGAL-7"}]


def test_sarif_fingerprints_survive_moved_lines() -> None:
    before = to_sarif(_report(line=12))["runs"][0]["results"]
    after = to_sarif(_report(line=40))["runs"][0]["results"]
    assert [r["partialFingerprints"][FINGERPRINT] for r in before] == [
        r["partialFingerprints"][FINGERPRINT] for r in after
    ]
    assert len({r["partialFingerprints"][FINGERPRINT] for r in before}) == len(before)


def test_sarif_paths_are_relative_to_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    root = tmp_path / "examples" / "app"
    root.mkdir(parents=True)
    assert repo_prefix(str(root)) == "examples/app/"
    log = to_sarif(replace(_report(), root=str(root)))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "examples/app/web/About.tsx"
    _validate(log)


def test_markdown_comment_groups_every_obligation() -> None:
    out = io.StringIO()
    writer_for(OutputFormat.MARKDOWN).write(_report(), out)
    text = out.getvalue()
    assert text.startswith(MARKER)
    assert "**2 finding(s)**, 1 blocking; 1 waived" in text
    for label in ("not met", "review", "met", "not applicable", "waived (LEGAL-7)"):
        assert f"| {label} |" in text
    assert "#### meta-llama/Llama-3.1-8B-Instruct" in text and "#### Llama-Acme-8B" in text
    assert "`web/About.tsx:12`" in text
    assert "docs/codes/ATTRIBUTION_WRONG_TEXT.md" in text


def test_markdown_stays_under_the_comment_limit() -> None:
    many = tuple(
        replace(r, model=f"org/model-{i}", message=r.message * 20)
        for i in range(400)
        for r in _report().results
    )
    text = render(replace(_report(), results=many))
    assert len(text) < 65_536
    assert "too long for a comment" in text
