"""Forms found wrong on labelled real code (benchmarks/discovery_accuracy.py), each fixed in general terms.

Each test builds a small tree the way real repositories write it, scans it with the CLI and reads the
JSON report: what is reported, with which role and which licence version.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from discovery.conftest import cli_references


def _scan(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str, str | None]]:
    """(path, line, text, role, licence) of every reference the CLI reports for ``files``."""
    return cli_references(tmp_path, files)


def test_settings_named_after_a_model_are_not_models(tmp_path: Path) -> None:
    # chat templates, output folders, run and job names carry a model's name but run nothing
    found = _scan(
        tmp_path,
        {
            "train.yaml": (
                "model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct\n"
                "template: llama3\n"
                "chat_template: gemma3n\n"
                "schema_type: llama3.1  # or json\n"
                "output_dir: saves/llama3-8b/lora/sft\n"
                "run_name: qwen2.5-7b-dpo\n"
            ),
            "expand.sh": (
                "python scripts/llama_pro.py \\\n"
                "    --model_name_or_path meta-llama/Meta-Llama-3-8B-Instruct \\\n"
                "    --output_dir models/llama3-8b-pro \\\n"
            ),
            "job.py": 'customization_job_name = f"llama31-8B-finetune-{ts}"\n',
        },
    )
    assert sorted((p, line, text) for p, line, text, _, _ in found) == [
        ("expand.sh", 2, "meta-llama/Meta-Llama-3-8B-Instruct"),
        ("train.yaml", 1, "meta-llama/Meta-Llama-3-8B-Instruct"),
    ]


def test_a_tuple_of_model_and_output_keeps_the_model(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"sft.py": 'model_id, output_dir = "Qwen/Qwen3-8B", "Qwen3-8B-SFT"\n'})
    assert [(text, role, lic) for _, _, text, role, lic in found] == [("Qwen/Qwen3-8B", "use", "apache-2.0")]


def test_endpoint_names_with_an_instance_type_are_not_models(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        {
            "config.yml": (
                "experiments:\n"
                "  - name: llama2-7b-g5.xlarge-huggingface-pytorch-tgi-inference-2.0.1\n"
                "    model_id: meta-textgeneration-llama-2-7b-f\n"
                "    ep_name: llama-2-7b-g5xlarge\n"
                "    endpoint: llama-2-7b-g5-2xlarge\n"
            )
        },
    )
    assert [(line, text, lic) for _, line, text, _, lic in found] == [
        (3, "meta-textgeneration-llama-2-7b-f", "llama-2")
    ]


def test_help_and_description_strings_are_mentions(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        {
            "train.py": (
                'parser.add_argument("--model", default="Qwen/Qwen3-0.6B", help="Model to train.")\n'
                'parser.add_argument("--hub-model-id", help="Where to push (e.g., me/Qwen3-0.6B-carla).")\n'
            ),
            "gallery.yaml": (
                'description: "A fine-tune of meta-llama/Llama-3.1-8B-Instruct"\nmodel: llama3.1:8b\n'
            ),
        },
    )
    roles = {(p, text): role for p, _, text, role, _ in found}
    assert roles == {
        ("train.py", "Qwen/Qwen3-0.6B"): "use",
        ("train.py", "me/Qwen3-0.6B-carla"): "mention",
        ("gallery.yaml", "meta-llama/Llama-3.1-8B-Instruct"): "mention",
        ("gallery.yaml", "llama3.1:8b"): "use",
    }


def test_squashed_version_and_prose_size_is_one_name(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"agent.py": "# the local model: Llama3.2 3b via Ollama\nm = 'llama3.2'\n"})
    assert [(text, role, lic) for _, _, text, role, lic in found] == [
        ("Llama3.2 3b", "mention", "llama-3.2"),
        ("llama3.2", "use", "llama-3.2"),
    ]


def test_a_local_models_folder_is_not_an_organisation(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"sft.yaml": "model_name_or_path: models/Llama-2-7b\n"})
    assert [(text, lic) for _, _, text, _, lic in found] == [("Llama-2-7b", "llama-2")]


@pytest.mark.parametrize(
    ("written", "licence"),
    [
        ("registry.ollama.ai/library/dolphin-mistral:7b-v2.6-dpo-laser-q6_K", "apache-2.0"),  # Dolphin's 2.6
        ("gemma3n", "gemma"),  # a lettered version line: still Gemma
        ("mistralai/Devstral-Small-2505", "apache-2.0"),
        ("Devstral 1.1", "apache-2.0"),
    ],
)
def test_names_resolve_to_their_licence(tmp_path: Path, written: str, licence: str) -> None:
    found = _scan(tmp_path, {"app.yaml": f"model: {written}\n"})
    assert [(text, lic) for _, _, text, _, lic in found] == [(written, licence)]


def test_the_original_llama_is_unresolved_not_llama_2(tmp_path: Path) -> None:
    # LLaMA (2023) ships under its own research licence, which the knowledge base does not hold
    found = _scan(tmp_path, {"train.sh": "python train.py --model huggyllama/llama-7b\n"})
    assert found == [("train.sh", 1, "huggyllama/llama-7b", "use", None)]
    result = run_cli("model", "resolve", "llama-7b")
    assert "original LLaMA" in " ".join(result.stdout.split())


def test_a_deployment_named_after_its_engine_is_not_a_model(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        {
            "route.yaml": "backendRefs:\n  - kind: InferencePool\n    name: vllm-llama3-8b-instruct\n",
            "values.yaml": 'modelURL: "meta-llama/Llama-3.1-8B-Instruct"\n',
        },
    )
    assert [(p, text) for p, _, text, _, _ in found] == [("values.yaml", "meta-llama/Llama-3.1-8B-Instruct")]
