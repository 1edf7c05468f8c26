"""User side: `scan --format cyclonedx|spdx|sarif|html`, `report evidence`, `compare` on a tmp tree."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from spdx_tools.spdx.parser.parse_anything import parse_file
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from conftest import SCHEMAS, run_cli
from exports.support import build, cyclonedx_validator

LLAMA_31 = "meta-llama/Llama-3.1-8B-Instruct"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return build(tmp_path / "tiny")


def _scan(tree: Path, fmt: str, out: Path) -> Path:
    result = run_cli("scan", str(tree), "--format", fmt, "-o", str(out), "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    return out


def _component(bom: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in bom["components"] if c["name"] == name)


def test_cyclonedx_is_a_valid_ml_bom(tree: Path, tmp_path: Path) -> None:
    text = _scan(tree, "cyclonedx", tmp_path / "bom.json").read_text(encoding="utf-8")
    assert cyclonedx_validator().validate_str(text) is None
    bom = json.loads(text)
    assert bom["specVersion"] == "1.6"
    assert bom["metadata"]["component"]["name"] == "Tiny Chat"
    model = _component(bom, LLAMA_31)
    assert model["type"] == "machine-learning-model"
    assert model["version"] == "3.1"
    (licence,) = model["licenses"]
    # The Llama licence is not on the SPDX list: a named licence, never an invented `id`.
    assert "id" not in licence["license"]
    assert licence["license"]["name"] == "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT"
    places = {(o["location"], o.get("line")) for o in model["evidence"]["occurrences"]}
    assert ("app.py", 1) in places
    assert model["modelCard"]["considerations"]["useCases"] == ["Answer questions about our product manuals."]


def test_cyclonedx_puts_base_models_in_pedigree(tree: Path, tmp_path: Path) -> None:
    bom = json.loads(_scan(tree, "cyclonedx", tmp_path / "bom.json").read_text(encoding="utf-8"))
    derived = [c for c in bom["components"] if c.get("pedigree")]
    assert derived, "the fine-tune's card names a base model"
    names = {a["name"] for c in derived for a in c["pedigree"]["ancestors"]}
    assert LLAMA_31 in names


def test_spdx_is_valid_and_links_lineage(tree: Path, tmp_path: Path) -> None:
    path = _scan(tree, "spdx", tmp_path / "bom.spdx.json")
    assert validate_full_spdx_document(parse_file(str(path))) == []
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["spdxVersion"] == "SPDX-2.3"
    model = next(p for p in doc["packages"] if p["name"] == LLAMA_31)
    assert model["licenseConcluded"] == "LicenseRef-scancode-llama-3.1-license-2024"
    refs = {e["licenseId"]: e for e in doc["hasExtractedLicensingInfos"]}
    assert (
        refs["LicenseRef-scancode-llama-3.1-license-2024"]["name"] == "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT"
    )
    kinds = {r["relationshipType"] for r in doc["relationships"]}
    assert {"DESCRIBES", "DEPENDS_ON", "DESCENDANT_OF"} <= kinds


def test_sarif_is_valid_against_the_official_schema(tree: Path, tmp_path: Path) -> None:
    schema_path = SCHEMAS / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("shared/schemas is not next to the repository")
    log = json.loads(_scan(tree, "sarif", tmp_path / "scan.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))
    assert log["runs"][0]["tool"]["driver"]["name"] == "weightclear"


def test_html_page_is_self_contained(tree: Path, tmp_path: Path) -> None:
    page = _scan(tree, "html", tmp_path / "scan.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page and "@page" in page
    # Air-gapped users: no stylesheet, script, font or image fetched from anywhere.
    for tag in ("<link", "<script", "<img", "@import", "url("):
        assert tag not in page
    assert "Tiny Chat" in page and LLAMA_31 in page


def test_evidence_pack_markdown_has_every_section(tree: Path) -> None:
    result = run_cli("report", "evidence", str(tree), "--product", "Tiny Chat", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert [h.split(".")[0] for h in headings] == [f"## {n}" for n in range(1, 11)]
    assert "no registry configured" in text
    assert "| llama-3.1 | all models | Legal <legal@tiny.example> | 2024-09-02 | LEGAL-1 |" in text
    assert "| 2024-06 | 20,000 | weightclear.toml |" in text
    assert "Answer questions about our product manuals." in text


def test_evidence_pack_carries_a_filled_api_checklist(tree: Path, tmp_path: Path) -> None:
    template = tmp_path / "api.toml"
    assert run_cli("compare", "--api-checklist", "-o", str(template)).exit_code == 0
    filled = template.read_text(encoding="utf-8").replace('provider = ""', 'provider = "Example AI"', 1)
    filled = filled.replace('answer = "unknown"', 'answer = "yes"', 1)  # auto_renewal comes first
    template.write_text(filled, encoding="utf-8")
    result = run_cli(
        "report", "evidence", str(tree), "-p", "Tiny Chat", "--api-checklist", str(template), "-f", "markdown"
    )
    assert result.exit_code == 0, result.stderr
    assert "Provider: **Example AI**" in result.stdout
    assert "| 1 | Does the contract renew automatically, and what notice ends it? | yes |" in result.stdout


def test_a_wrong_checklist_answer_is_a_usage_error(tree: Path, tmp_path: Path) -> None:
    bad = tmp_path / "api.toml"
    bad.write_text('[data_use]\nanswer = "maybe"\n', encoding="utf-8")
    result = run_cli("report", "evidence", str(tree), "-p", "X", "--api-checklist", str(bad))
    assert result.exit_code == 2
    assert "data_use.answer" in result.stderr


def test_evidence_pack_pdf(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack" / "evidence.pdf"
    result = run_cli("report", "evidence", str(tree), "-p", "Tiny Chat", "-f", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") + data.count(b"/Type/Page") >= 0
    assert len(data) > 10_000


def test_evidence_pack_with_a_registry(tree: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "reg.db")
    steps = [
        "--mau",
        "yes: 20k",
        "--aup",
        "yes: manuals",
        "--attribution",
        "yes: About",
        "--derivatives",
        "n/a: none shipped",
    ]
    for args, user in (
        (("registry", "owner", "Tiny Chat", "Ann"), "dev"),
        (("signoff", "request", "-p", "Tiny Chat", "-l", "llama-3.1", *steps), "dev"),
        (("signoff", "approve", "1"), "legal"),
    ):
        result = run_cli(*args, "--db", db, "--as", user)
        assert result.exit_code == 0, (args, result.stderr)
    result = run_cli("report", "evidence", str(tree), "-p", "Tiny Chat", "--db", db)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "no registry configured" not in text
    assert "| 1 | llama-3.1 | all | approved | dev," in text
    head = next(line for line in text.splitlines() if line.startswith("- Audit log head:"))
    assert "(entry " in head


def test_compare_side_by_side() -> None:
    result = run_cli("compare", "llama-3.1", "qwen", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["licences"] == ["llama-3.1", "qwen"]
    rows = {r["aspect"]: r["values"] for r in doc["rows"]}
    assert "700,000,000" in rows["User or revenue threshold"]["llama-3.1"]
    assert "100,000,000" in rows["User or revenue threshold"]["qwen"]
    assert "Built with Llama" in rows["Attribution"]["llama-3.1"]
    assert "California" in rows["Governing law and venue"]["llama-3.1"]
    markdown = run_cli("compare", "llama-3.1", "gemma", "-f", "markdown").stdout
    assert markdown.startswith("| Aspect | llama-3.1 | gemma |")
    table = run_cli("compare", "llama-3.1", "gemma")
    assert table.exit_code == 0 and "Derivative naming" in table.stdout


def test_compare_unknown_licence_is_a_usage_error() -> None:
    result = run_cli("compare", "llama-9")
    assert result.exit_code == 2
    assert "llama-9" in result.stderr


def test_api_checklist_template_is_valid_toml() -> None:
    result = run_cli("compare", "--api-checklist")
    data = tomllib.loads(result.stdout)
    for key in ("auto_renewal", "minimum_spend", "data_portability", "fine_tuning_limits", "data_use"):
        assert data[key]["answer"] == "unknown"
