"""Forms of serving operators' model catalogues (KubeAI-style manifests), and uncatalogued names.

A catalogue entry's key is a deployment named after the model and its hardware; the model itself is the
`hf://org/name` or `ollama://tag` URI under it. An uncatalogued name of another vendor that happens to
share a family's first word ("openai/gpt-4" and gpt-oss) borrows no licence.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from discovery.conftest import cli_references

CATALOGUE = """\
catalog:
  llama-3.1-8b-instruct-l4:
    enabled: false
    url: hf://meta-llama/Meta-Llama-3.1-8B-Instruct
    engine: VLLM
  gemma2-2b-cpu:
    url: "ollama://gemma2:2b"
    engine: OLlama
  qwen2.5-0.5b-gguf-tpu-v5e:
    url: hf://Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf
"""


def _references(tmp_path: Path, files: dict[str, str]) -> list[tuple[int, str, str, str | None]]:
    return sorted((line, text, role, lic) for _, line, text, role, lic in cli_references(tmp_path, files))


def test_model_uris_are_the_models_and_hardware_named_keys_are_deployments(tmp_path: Path) -> None:
    found = _references(tmp_path, {"charts/models/values.yaml": CATALOGUE})
    assert found == [
        (4, "meta-llama/Meta-Llama-3.1-8B-Instruct", "use", "llama-3.1"),
        (7, "gemma2:2b", "use", "gemma"),
        (10, "qwen2.5-0.5b-instruct-q4_k_m.gguf", "use", "apache-2.0"),
    ]


def test_a_name_without_hardware_suffix_is_still_a_model(tmp_path: Path) -> None:
    found = _references(
        tmp_path, {"serve.yaml": "model: meta-llama/Llama-3.1-8B-Instruct\nname: llama-3.1-8b-gpu\n"}
    )
    assert found == [(1, "meta-llama/Llama-3.1-8B-Instruct", "use", "llama-3.1")]


def test_another_vendors_model_borrows_no_family_licence() -> None:
    result = run_cli(
        "model", "resolve", "openai/gpt-4", "gpt-4o", "google/gemma-3n-E2B-it", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    licences = {r["text"]: r["licence"] for r in json.loads(result.stdout)}
    assert licences == {"openai/gpt-4": None, "gpt-4o": None, "google/gemma-3n-E2B-it": "gemma"}


def test_inference_libraries_and_engine_classes_are_not_models(tmp_path: Path) -> None:
    files = {
        "Dockerfile": "FROM base AS exllamav2-kernels-builder\nCOPY --from=exllamav2-kernels-builder /x /y\n",
        "flash_gemma2.py": "class FlashGemma2(FlashCausalLM):\n    pass\nmodel = FlashLlama(config)\n",
        "serve.py": 'MODEL = "google/gemma-2-9b-it"\n',
    }
    assert _references(tmp_path, files) == [(1, "google/gemma-2-9b-it", "use", "gemma")]


def test_nim_containers_name_their_model_and_nim_resources_are_not_models(tmp_path: Path) -> None:
    runtime = (
        "kind: ClusterServingRuntime\n"
        "metadata:\n"
        "  name: nvidia-nim-llama3-8b-instruct-1.0.0\n"
        "spec:\n"
        "  containers:\n"
        "  - image: nvcr.io/nim/meta/llama3-8b-instruct:1.0.0\n"
        "  supportedModelFormats:\n"
        "  - name: nvidia-nim-llama3-8b-instruct\n"
    )
    script = 'ngc_container="nvcr.io/nim/mistralai/mistral-7b-instruct-v03:1.0.0"\n'
    script += 'deployment_name="llama3-8b-nim-deployment-aml-1"\n'
    assert _references(tmp_path, {"runtime.yaml": runtime, "deploy.sh": script}) == [
        (1, "mistralai/mistral-7b-instruct-v03", "use", "apache-2.0"),
        (6, "meta/llama3-8b-instruct", "use", "llama-3"),
    ]


def test_a_two_digit_v0_version_is_a_point_release() -> None:
    result = run_cli("model", "resolve", "mistralai/mistral-7b-instruct-v03", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["model"] == "mistralai/Mistral-7B-Instruct-v0.3"
