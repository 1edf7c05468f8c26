"""Review fixes from the user side: licence files reach the rules, the config is not scanned as text,
licence ids are not Ollama tags, a model card's base_model is a use, and the obligations table."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_cli
from discovery.conftest import write

CONFIG = """\
[organisation]
country = "US"
licensee_type = "company"
monthly_active_users = 1_000_000

[product]
distribution = "internal"
use_case = "Answer customers' questions about their orders."
attribution_owner = "Jane"

[[derivatives]]
name = "Llama-Acme-8B"
path = "release/acme"
base_model = ["meta-llama/Llama-3.1-8B-Instruct"]
exposure = "distributed"

[[approvals]]
licence = "llama-3.1"
approved_by = "Legal"
date = 2025-01-02

[[approvals]]
licence = "llama-3"
approved_by = "Legal"
date = 2025-01-02
"""
NOTICE = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, "
    "Copyright © Meta Platforms, Inc. All Rights Reserved."
)
CARD = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Llama-Acme-8B\n"
APP = {
    "app/llm.py": 'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\n',
    "release/acme/NOTICE": NOTICE,
    "release/acme/README.md": CARD,
    "web/about.html": "<p>Built with Llama</p>\n",
}


def scan_json(root: Path, *extra: str) -> tuple[int, dict[str, list[dict[str, object]]]]:
    result = run_cli("scan", str(root), "--format", "json", "--fail-on", "never", *extra)
    assert result.exit_code == 0, result.stderr
    return result.exit_code, json.loads(result.stdout)


def statuses(doc: dict[str, list[dict[str, object]]], model: str) -> dict[object, object]:
    return {r["code"]: r["status"] for r in doc["results"] if r["model"] == model}


# 1. licence texts in the tree reach licence_files and the rules that read them


def test_shipped_agreement_copy_is_identified_and_meets_the_copy_rule(tmp_path: Path, corpus: Path) -> None:
    official = (corpus / "llama-3.1" / "LICENSE").read_text(encoding="utf-8")
    root = write(tmp_path, {**APP, "weightclear.toml": CONFIG, "release/acme/LICENSE": official})
    _, doc = scan_json(root)
    files = {f["path"]: f for f in doc["licence_files"]}
    copy = files["release/acme/LICENSE"]
    assert copy["licence"] == "llama-3.1" and copy["kind"] == "agreement"
    assert float(copy["confidence"]) >= 0.8 and copy["modified_sections"] == []  # type: ignore[arg-type]
    found = statuses(doc, "Llama-Acme-8B")
    assert found["LICENCE_COPY_MISSING"] == "satisfied"
    assert found.get("LICENCE_TEXT_MODIFIED", "satisfied") == "satisfied"


def test_missing_copy_is_still_reported_and_an_edited_copy_is_flagged(tmp_path: Path, corpus: Path) -> None:
    root = write(tmp_path, {**APP, "weightclear.toml": CONFIG})
    _, doc = scan_json(root)
    assert statuses(doc, "Llama-Acme-8B")["LICENCE_COPY_MISSING"] == "violated"

    official = (corpus / "llama-3.1" / "LICENSE").read_text(encoding="utf-8")
    # Rewrite the first long paragraph: the copy is still recognised, with that section modified.
    paragraphs = official.split("\n\n")
    longest = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))
    paragraphs[longest] = "Acme may change these terms whenever it likes, without notice to anyone."
    (root / "release/acme/LICENSE").write_text("\n\n".join(paragraphs), encoding="utf-8")
    _, doc = scan_json(root)
    copy = next(f for f in doc["licence_files"] if f["path"] == "release/acme/LICENSE")
    assert copy["licence"] == "llama-3.1" and copy["modified_sections"]
    assert statuses(doc, "Llama-Acme-8B")["LICENCE_TEXT_MODIFIED"] == "violated"


def test_only_candidate_names_are_identified(tmp_path: Path, corpus: Path) -> None:
    official = (corpus / "llama-3.1" / "LICENSE").read_text(encoding="utf-8")
    root = write(tmp_path, {"docs/legal.txt": official, "licence.py": "X = 1\n", "COPYING": official})
    _, doc = scan_json(root)
    assert [(f["path"], f["licence"]) for f in doc["licence_files"]] == [("COPYING", "llama-3.1")]


# 2. the deployment config is not scanned as text; licence ids are never Ollama tags


def test_config_is_not_read_as_model_references(tmp_path: Path) -> None:
    root = write(tmp_path, {**APP, "weightclear.toml": CONFIG + "# We once tried Llama 3.2 here.\n"})
    _, doc = scan_json(root)
    assert not [r for r in doc["references"] if r["path"] == "weightclear.toml"]
    assert not [r for r in doc["references"] if r["kind"] == "ollama-tag"]  # not llama-3.1, llama-3
    result = run_cli("scan", str(root), "--fail-on", "never")
    unknown = result.stdout.split("Not in the catalogue")[-1].split("Obligations")[0]
    assert "weightclear.toml" not in unknown and "ollama-tag" not in result.stdout


def test_config_given_with_option_is_skipped_too(tmp_path: Path) -> None:
    root = write(tmp_path, {**APP, "ci/wc.toml": CONFIG})
    _, doc = scan_json(root, "--config", str(root / "ci/wc.toml"))
    assert not [r for r in doc["references"] if r["path"] == "ci/wc.toml"]
    # The derivative the config declares still reaches the inventory and the rules.
    assert statuses(doc, "Llama-Acme-8B")["LICENCE_COPY_MISSING"] == "violated"


def test_licence_id_in_code_is_not_an_ollama_tag(tmp_path: Path) -> None:
    root = write(tmp_path, {"app/policy.py": 'LICENCE = "llama-3.1"\nTAG = "llama3.1:8b"\n'})
    _, doc = scan_json(root)
    tags = [r["text"] for r in doc["references"] if r["kind"] == "ollama-tag"]
    assert tags == ["llama3.1:8b"]


# 3. a model card's base_model is read as a use (the structured reading wins)


def test_model_card_base_model_is_a_use(tmp_path: Path) -> None:
    root = write(tmp_path, {"release/acme/README.md": CARD, "release/acme/config.json": "{}"})
    _, doc = scan_json(root)
    at_line_3 = [r for r in doc["references"] if r["path"] == "release/acme/README.md" and r["line"] == 3]
    assert len(at_line_3) == 1
    assert at_line_3[0]["role"] == "use" and at_line_3[0]["kind"] == "model-card"
    assert at_line_3[0]["model"] == "meta-llama/Llama-3.1-8B-Instruct"


# 4. the obligations table: by model, human labels, evidence, remediation, summary


def test_obligations_table_by_model_with_evidence(tmp_path: Path) -> None:
    config = CONFIG.replace('licence = "llama-3.1"', 'licence = "gemma"')
    root = write(tmp_path, {**APP, "weightclear.toml": config, "app/llm.py": 'M = "[bold]x"\n'})
    result = run_cli("scan", str(root), env={"COLUMNS": "100"})
    assert result.exit_code == 1
    out = result.stdout
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "Obligations: product" in out and "Obligations: Llama-Acme-8B" in out
    assert out.index("Obligations: product") < out.index("Obligations: Llama-Acme-8B")
    section = out[out.index("Obligations: Llama-Acme-8B") :]
    assert re.search(r"│ not met\s+│ LICENCE_COPY_MISSING", section)
    assert re.search(r"│ met\s+│ NOTICE_MISSING", section)
    assert "evidence: release/acme/NOTICE" in section
    assert "fix: " in section  # remediation of the unmet copy rule
    assert "satisfied" not in out and "violated" not in out  # human labels, not raw statuses
    last = out.strip().splitlines()[-1]
    assert re.match(r"\d+ met, \d+ not met, \d+ review, \d+ waived, \d+ n/a; exit 1", last)


def test_messages_are_escaped(tmp_path: Path) -> None:
    config = CONFIG.replace('name = "Llama-Acme-8B"', 'name = "[red]Acme[/red]"')
    root = write(tmp_path, {**APP, "weightclear.toml": config})
    result = run_cli("scan", str(root), "--fail-on", "never", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "Obligations: [red]Acme[/red]" in result.stdout
    assert "'[red]Acme[/red]' must begin with 'Llama'" in result.stdout.replace("\n", " ")
