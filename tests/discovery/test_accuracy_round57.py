"""Round 57 of discovery accuracy (session 18), from held-out 120 (workplace chat bots: JENX-AI slackbot,
ollama-teams-agent-llama32, lamini-examples, teamsllama, Llama3.1_local_slack_bot), 121 (cloud ML platform
samples: two aws-samples SageMaker repositories, an Azure ML model-test repository,
sagemaker-finetune-serve-e2e, vertex-ai-huggingface-inference-toolkit) and 122 (jailbreak research code:
TAP, Jailbreaks, Jailbreak-Foundry, multi_turn_jailbreaks, LLMs_Jailbreak), each measured once before its
errors were read.

A CI workflow's own `name:` over its `on:` triggers and its job ids under `jobs:` are what the workflow and
its jobs are called, and an IDE's project folder (`.idea/`) is not scanned. DeepSeek-R1-0528-Qwen3-8B is
catalogued, under its base's licence as the other R1 distills are; it had been given the DeepSeek licence
of its family.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references


def test_workflow_names_jobs_and_ide_files_name_no_model(tmp_path: Path) -> None:
    files = {
        ".github/workflows/bloom.yml": (
            "name: bigscience-bloom-1b1\n\non:\n  workflow_dispatch:\n\n"
            "jobs:\n  llama3:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: python eval.py --model bigscience/bloom-1b1\n"
        ),
        ".idea/misc.xml": (
            '<project><component project-jdk-name="Python 3.11 (Llama3.1_slack_bot)" /></project>\n'
        ),
        "svc.yaml": "name: llama3-8b-instruct\nmodel: meta-llama/Meta-Llama-3-8B-Instruct\n",
    }
    assert [(path, line, text) for path, line, text, _, _ in cli_references(tmp_path, files)] == [
        (".github/workflows/bloom.yml", 10, "bigscience/bloom-1b1"),
        ("svc.yaml", 2, "meta-llama/Meta-Llama-3-8B-Instruct"),
    ]


def test_the_qwen3_distill_of_r1_0528_is_under_its_base_licence(tmp_path: Path) -> None:
    files = {
        "models.py": (
            'DISTILL = "deepseek-ai/DeepSeek-R1-0528-Qwen3-8B"\nR1 = "deepseek-ai/DeepSeek-R1-0528"\n'
        )
    }
    assert [(text, licence) for _, _, text, _, licence in cli_references(tmp_path, files)] == [
        ("deepseek-ai/DeepSeek-R1-0528-Qwen3-8B", "apache-2.0"),
        ("deepseek-ai/DeepSeek-R1-0528", "mit"),
    ]
