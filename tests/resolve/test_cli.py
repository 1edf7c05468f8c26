"""The user's side: `weightclear model resolve` and `weightclear scan` on trees built here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.artefacts.ggufs import write_gguf
from tests.conftest import run_cli


def resolve_json(*names: str) -> list[dict[str, object]]:
    result = run_cli("model", "resolve", "--format", "json", *names)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_model_resolve_across_stacks() -> None:
    rows = resolve_json(
        "llama3.1",
        "bedrock/us.meta.llama3-3-70b-instruct-v1:0",
        "@cf/meta/llama-4-scout-17b-16e-instruct",
        "bartowski/Llama-3.2-1B-Instruct-GGUF",
        "NousResearch/Hermes-2-Pro-Llama-3-8B",
        "meta-llama/Llama-3.1-13B",
        "llama-index",
    )
    got = [(r["model"], r["licence"]) for r in rows]
    assert got == [
        ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1"),
        ("meta-llama/Llama-3.3-70B-Instruct", "llama-3.3"),
        ("meta-llama/Llama-4-Scout-17B-16E-Instruct", "llama-4"),
        ("meta-llama/Llama-3.2-1B-Instruct", "llama-3.2"),
        ("NousResearch/Hermes-2-Pro-Llama-3-8B", "llama-3"),
        ("meta-llama/Llama-3.1-13B", "llama-3.1"),
        (None, None),
    ]
    assert rows[4]["lineage"] == ["meta-llama/Meta-Llama-3-8B"]
    assert rows[2]["modality"] == "multimodal"
    assert all(isinstance(r["reason"], str) and r["reason"] for r in rows)


def test_models_seen_uncatalogued_in_labelled_code_resolve() -> None:
    # QwQ, Qwen2-VL and DeepSeek-V3.1 were written in labelled repositories and resolved to no licence;
    # their cards say Apache-2.0 and MIT. A V9 stays unknown rather than guessed from V3.1 or V4.
    rows = resolve_json(
        "Qwen/QwQ-32B",
        "qwq-32b",
        "QwQ-32B-Preview",
        "unsloth/Qwen2-VL-2B-Instruct",
        "deepseek-ai/DeepSeek-V3.1",
        "deepseek-ai/DeepSeek-V9",
    )
    assert [(r["model"], r["licence"]) for r in rows] == [
        ("Qwen/QwQ-32B", "apache-2.0"),
        ("Qwen/QwQ-32B", "apache-2.0"),
        ("Qwen/QwQ-32B-Preview", "apache-2.0"),
        ("Qwen/Qwen2-VL-2B-Instruct", "apache-2.0"),
        ("deepseek-ai/DeepSeek-V3.1", "mit"),
        (None, None),
    ]
    assert rows[0]["lineage"] == ["Qwen/Qwen2.5-32B"] and rows[3]["modality"] == "vision"
    # Codestral Mamba is Apache-2.0 where Codestral 22B is not: the family word alone must not decide
    mistral = resolve_json(
        "mistralai/Mamba-Codestral-7B-v0.1", "Codestral Mamba 7B", "Mathstral 7B", "Codestral 22B"
    )
    assert [r["licence"] for r in mistral] == [
        "apache-2.0",
        "apache-2.0",
        "apache-2.0",
        "mistral-non-production",
    ]


def test_mistral_small_3_2_and_magistral_resolve() -> None:
    # Mistral Small 3.2 (2506) was written in labelled code and resolved to no licence; it and the
    # Magistral Small reasoning models are Apache-2.0 by their cards, with their base models as lineage
    rows = resolve_json(
        "mistralai/Mistral-Small-3.2-24B-Instruct-2506",
        "mistral-small3.2:24b",
        "mistralai/Magistral-Small-2506",
        "magistral:24b",
        "unsloth/Magistral-Small-2509-GGUF",
    )
    assert [(r["model"], r["licence"]) for r in rows] == [
        ("mistralai/Mistral-Small-3.2-24B-Instruct-2506", "apache-2.0"),
        ("mistralai/Mistral-Small-3.2-24B-Instruct-2506", "apache-2.0"),
        ("mistralai/Magistral-Small-2506", "apache-2.0"),
        ("mistralai/Magistral-Small-2506", "apache-2.0"),
        ("mistralai/Magistral-Small-2509", "apache-2.0"),
    ]
    assert rows[2]["lineage"][0] == "mistralai/Mistral-Small-3.1-24B-Instruct-2503"
    assert rows[4]["lineage"][0] == "mistralai/Mistral-Small-3.2-24B-Instruct-2506"


def test_model_resolve_table_says_why() -> None:
    result = run_cli("model", "resolve", "llama-guard3:8b")
    assert result.exit_code == 0
    assert "meta-llama/Llama-Guard-3-8B" in result.stdout and "llama-3.1" in result.stdout


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "models").mkdir()
    write_gguf(tmp_path / "models" / "acme-support-8b.Q4_K_M.gguf", tokens=[b"a", b"b"])
    for folder, front in [
        ("release/acme-a", "base_model: acme/acme-b\nbase_model_relation: finetune\n"),
        ("release/acme-b", "base_model: meta-llama/Llama-3.2-1B\nbase_model_relation: quantized\n"),
    ]:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "README.md").write_text(f"---\n{front}---\n")
    (tmp_path / "Modelfile").write_text("FROM llama3.3\n")
    (tmp_path / "requirements.txt").write_text("llama-index==0.10.0\n")
    return tmp_path


def scan_json(root: Path) -> tuple[int, dict[str, object]]:
    result = run_cli("scan", str(root), "--format", "json", "--fail-on", "never")
    return result.exit_code, json.loads(result.stdout)


def test_scan_reports_artefacts_with_their_lineage(tree: Path) -> None:
    code, report = scan_json(tree)
    assert code == 0
    models = {m["id"]: m for m in report["models"]}  # type: ignore[union-attr, index]
    assert models["Acme Support 8B"]["licence"] == "llama-3.1"
    assert models["Acme Support 8B"]["lineage"][0] == "meta-llama/Llama-3.1-8B-Instruct"
    assert models["acme-a"]["lineage"] == ["acme-b", "meta-llama/Llama-3.2-1B"]
    assert models["acme-a"]["licence"] == "llama-3.2"
    assert models["meta-llama/Llama-3.3-70B-Instruct"]["used"] is True
    assert not [m for m in models if "index" in m.lower()]


def test_scan_with_a_broken_gguf_exits_2(tree: Path) -> None:
    data = (tree / "models" / "acme-support-8b.Q4_K_M.gguf").read_bytes()
    (tree / "models" / "cut.gguf").write_bytes(data[:100])
    code, report = scan_json(tree)
    assert code == 2
    assert any(e["path"] == "models/cut.gguf" and "GGUF header" in e["message"] for e in report["errors"])  # type: ignore[union-attr, index]
