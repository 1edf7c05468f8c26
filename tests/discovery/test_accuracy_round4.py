"""A record's `name` next to its own model key is the record's label, even with a size in it.

Integration tests and serving configs give each case a short name (`"name": "mistral-7b"`) and the
model under a key of its own (`"model_id": "mistralai/..."`); only the latter is a model the code runs.
A sized `name` alone still names a model.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references

CASES = """\
def test_base_mistral():
    config = {
        "name": "mistral-7b",
        "model_id": "mistralai/Mistral-7B-Instruct-v0.1",
    }
    config = {"name": "qwen-2-1-5b", "model_id": "Qwen/Qwen2-1.5B-Instruct"}
"""


def _references(tmp_path: Path, files: dict[str, str]) -> list[tuple[int, str, str]]:
    return sorted((line, text, role) for _, line, text, role, _ in cli_references(tmp_path, files))


def test_a_sized_name_beside_its_model_key_is_a_label(tmp_path: Path) -> None:
    found = _references(tmp_path, {"integration-tests/test_base.py": CASES})
    assert found == [
        (4, "mistralai/Mistral-7B-Instruct-v0.1", "use"),
        (6, "Qwen/Qwen2-1.5B-Instruct", "use"),
    ]


def test_a_sized_name_alone_still_names_a_model(tmp_path: Path) -> None:
    files = {"models.yaml": 'models:\n  - name: "Mixtral-8x7b-Instruct-v0.1"\n    backend: vllm\n'}
    assert _references(tmp_path, files) == [(2, "Mixtral-8x7b-Instruct-v0.1", "use")]


def test_a_run_name_beside_a_model_name_is_a_label(tmp_path: Path) -> None:
    files = {"config.yml": 'general:\n  name: "llama2-7b-v1"\n  model_name: "Llama2-7b"\n'}
    assert _references(tmp_path, files) == [(3, "Llama2-7b", "use")]


def test_a_make_target_named_after_a_model_is_not_one(tmp_path: Path) -> None:
    makefile = "run-mistral-7b-instruct:\n\tlorax-launcher --model-id mistralai/Mistral-7B-Instruct-v0.1\n"
    yaml = "llama-3.1-8b-instruct:\n  url: hf://meta-llama/Llama-3.1-8B-Instruct\n"
    found = _references(tmp_path, {"Makefile": makefile, "serve.yaml": yaml})
    assert [(line, text) for line, text, _ in found] == [
        (1, "llama-3.1-8b-instruct"),
        (2, "meta-llama/Llama-3.1-8B-Instruct"),
        (2, "mistralai/Mistral-7B-Instruct-v0.1"),
    ]


def test_a_served_alias_is_a_name_given_not_a_model(tmp_path: Path) -> None:
    config = """{
  "model": {
    "alias": "qwen2.5-7b-chat",
    "from_pretrained": {"repo_id": "Qwen/Qwen2.5-7B-Instruct-GGUF"}
  }
}
"""
    found = _references(tmp_path, {"configs/server.json": config})
    assert found == [(4, "Qwen/Qwen2.5-7B-Instruct-GGUF", "use")]
