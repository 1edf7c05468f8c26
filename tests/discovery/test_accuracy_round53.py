"""Round 53 of discovery accuracy (session 17), from held-out 108 (natural-language BI and report tools:
SQLBot, supersonic, dataherald, lida, sqlcoder), 109 (training frameworks' recipes: NeMo-RL, llm-foundry,
slime, autotrain-advanced, h2o-llmstudio) and 110 (personal assistants: xiaogpt, AlwaysReddy,
RealtimeVoiceChat, 01, LocalAGI), each measured once before its errors were read.

The bare `name` of an item in a code array under a models key (`model_options: [ { name: 'deepseek-r1' },
...]`) is a model the program offers, as an item of a YAML `models:` list already was; the `name` under an
experiment tracker's block (`wandb:\\n  name: grpo-llama3.2-1b-instruct-1n8g`) is a run's name, sized or
not. Volcengine's snapshot stamp names a dated release when the catalogue has one of that day
(`deepseek-v3-250324` is DeepSeek-V3-0324, under MIT, not V3's own licence).
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import lines_texts_roles
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_a_code_array_of_models_and_a_tracker_run_name(tmp_path: Path) -> None:
    files = {
        "supplier.ts": (
            "export const suppliers = [\n  {\n    api_domain: 'https://api.example.org/v1',\n"
            "    common_args: [{ key: 'temperature', val: 0.6 }],\n"
            "    model_options: [\n      { name: 'deepseek-r1' },\n"
            "      { name: 'qwen3-coder-next' },\n    ],\n"
            "    deployments: [\n      { name: 'llama3' },\n    ],\n  },\n];\n"
        ),
        "grpo.yaml": (
            "policy:\n  model_name: meta-llama/Llama-3.2-1B-Instruct\n"
            "logger:\n  wandb:\n    project: nemo-rl\n    name: grpo-llama3.2-1b-instruct-1n8g-fsdp2tp1\n"
        ),
    }
    assert lines_texts_roles(tmp_path, files) == [
        (2, "meta-llama/Llama-3.2-1B-Instruct", "use"),
        (6, "deepseek-r1", "use"),
        (7, "qwen3-coder-next", "use"),
    ]


def test_a_volcengine_stamp_names_a_dated_release_when_one_is_catalogued() -> None:
    kb = load()
    got = {
        name: resolve_name(name, kb)
        for name in ("deepseek-v3-250324", "deepseek-r1-250120", "deepseek-v3-241226")
    }
    assert (got["deepseek-v3-250324"].model_id, got["deepseek-v3-250324"].licence_id) == (
        "deepseek-ai/DeepSeek-V3-0324",
        "mit",
    )
    # no dated release of that day: the stamp is dropped, as before
    assert got["deepseek-r1-250120"].model_id == "deepseek-ai/DeepSeek-R1"
    assert (got["deepseek-v3-241226"].model_id, got["deepseek-v3-241226"].licence_id) == (
        "deepseek-ai/DeepSeek-V3",
        "deepseek",
    )
