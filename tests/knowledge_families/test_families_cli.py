"""The non-Llama knowledge as a user meets it: `licence list/show`, `model resolve`, `scan`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run_cli


def _resolve(*names: str) -> dict[str, dict[str, object]]:
    result = run_cli("model", "resolve", "--format", "json", *names)
    assert result.exit_code == 0, result.stderr
    return {row["text"]: row for row in json.loads(result.stdout)}


def test_licence_list_shows_every_family_with_its_scope() -> None:
    result = run_cli("licence", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    scopes = {row["id"]: row["use_scope"] for row in json.loads(result.stdout)}
    assert scopes["gemma"] == "commercial"
    assert scopes["qwen-research"] == "non-commercial"
    assert scopes["tongyi-qianwen-research"] == "non-commercial"
    assert scopes["mistral-research"] == "non-commercial"
    assert scopes["mistral-non-production"] == "non-production"
    assert scopes["stability-community"] == "commercial-registered"
    assert scopes["stability-nc-research"] == "non-commercial"
    assert scopes["apache-2.0"] == scopes["mit"] == "commercial"


def test_licence_show_prints_the_gemma_notice_and_flow_down() -> None:
    result = run_cli("licence", "show", "gemma")
    assert result.exit_code == 0, result.stderr
    assert "Gemma Terms of Use" in result.stdout
    assert "Last modified: March 24, 2025" in result.stdout
    assert "ai.google.dev/gemma/terms" in result.stdout
    # the policy's categories are listed with their keys
    assert "sexually-explicit" in result.stdout


@pytest.mark.parametrize(
    ("name", "model", "licence"),
    [
        ("gemma2:9b", "google/gemma-2-9b-it", "gemma"),
        ("qwen2.5:7b", "Qwen/Qwen2.5-7B-Instruct", "apache-2.0"),
        ("Qwen2.5-3B-Instruct-GGUF", "Qwen/Qwen2.5-3B-Instruct", "qwen-research"),
        ("qwen2.5:72b", "Qwen/Qwen2.5-72B-Instruct", "qwen"),
        ("Qwen2-72B-Instruct", "Qwen/Qwen2-72B-Instruct", "tongyi-qianwen"),
        ("deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3", "deepseek"),
        ("deepseek-r1:671b", "deepseek-ai/DeepSeek-R1", "mit"),
        ("deepseek-r1:70b", "deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "llama-3.3"),
        ("mistral:7b", "mistralai/Mistral-7B-Instruct-v0.3", "apache-2.0"),
        ("codestral:22b", "mistralai/Codestral-22B-v0.1", "mistral-non-production"),
        ("falcon3:7b", "tiiuae/Falcon3-7B-Instruct", "falcon-3"),
        ("phi3", "microsoft/Phi-3-mini-4k-instruct", "mit"),
        ("gpt-oss:20b", "openai/gpt-oss-20b", "gpt-oss"),
        ("stabilityai/sdxl-turbo", "stabilityai/sdxl-turbo", "stability-nc-research"),
    ],
)
def test_model_resolve_gives_each_family_its_licence(name: str, model: str, licence: str) -> None:
    row = _resolve(name)[name]
    assert (row["model"], row["licence"]) == (model, licence)


def test_decoys_resolve_to_their_own_apache_models_not_to_llama() -> None:
    rows = _resolve("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "openlm-research/open_llama_7b")
    for row in rows.values():
        assert row["licence"] == "apache-2.0"
        assert row["family"] in {"tinyllama", "openllama"}


def test_scan_reports_a_research_only_qwen_model(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "from transformers import AutoModelForCausalLM\n"
        'model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-3B-Instruct")\n',
        encoding="utf-8",
    )
    result = run_cli("scan", str(tmp_path), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    models = {m["id"]: m for m in report["models"]}
    assert models["Qwen/Qwen2.5-3B-Instruct"]["licence"] == "qwen-research"
    codes = {(f["code"], f["licence"]) for f in report["findings"]}
    assert ("NON_COMMERCIAL_LICENCE", "qwen-research") in codes
