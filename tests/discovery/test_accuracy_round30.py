"""Round 30 of discovery accuracy (session 12), from held-out 34 (agent frameworks: agentscope, MetaGPT,
langroid, NeMo Agent Toolkit, VoltAgent), 35 (fine-tuning and evaluation: HALOs, peft, alpaca_eval,
SkyThought, evalchemy) and 36 (self-hosted chat: harbor, helix, oterm, page-assist, hollama), each
measured once before its errors were read.

Snake case is an identifier (`llama_model_load`), except a family word, a size and a model's own words
and nothing else, as evaluation harnesses register models and hosted platforms name them
(`"llama_3_8b_instruct"`, `"mixtral_8x7b_instruct"`, `"qwen_2_5_72b_instruct"`). Catalogued: Nemotron 3
Nano 30B-A3B (NVIDIA Open Model Licence), DeepSeek-V4 Pro and Flash (MIT), Qwen2-57B-A14B (Apache-2.0)
and Qwen1.5-32B (Tongyi Qianwen). BigScience's models other than BLOOM (T0, mT0) belong to no covered
family and are not reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery.conftest import cli_references, texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name

REGISTRY = """\
@register_model("llama_3_8b_instruct")
class Llama3Instruct(ChatModel):
    pass


PRICES = {"mixtral_8x7b_instruct": 0.5, "qwen_2_5_72b_instruct": 1.2, "llama_3p1_405b_instruct": 3}
llama_model_load = None
llama_7b_weights_path = "/weights"
run_name = "mixtral_8x7b_instruct_qlora_oasst1_e3"
"""


def test_sized_snake_case_names_are_models_and_identifiers_are_not(tmp_path: Path) -> None:
    found = set(texts_and_licences(tmp_path, {"models.py": REGISTRY}))
    assert found == {
        ("llama_3_8b_instruct", "llama-3"),
        ("mixtral_8x7b_instruct", "apache-2.0"),
        ("qwen_2_5_72b_instruct", "qwen"),
        ("llama_3p1_405b_instruct", "llama-3.1"),
    }


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("nvidia/nemotron-3-nano-30b-a3b", "nvidia-open-model"),
        ("NVIDIA-Nemotron-3-Nano-30B-A3B-FP8", "nvidia-open-model"),
        ("nvcr.io/nim/nvidia/nemotron-3-nano:latest", "nvidia-open-model"),
        ("deepseek-ai/DeepSeek-V4-Pro", "mit"),
        ("deepseek-v4-flash", "mit"),
        ("qwen2-57b-a14b-instruct", "apache-2.0"),
        ("qwen1.5-32b-chat", "tongyi-qianwen"),
    ],
)
def test_new_catalogue_entries(name: str, licence: str) -> None:
    resolution = resolve_name(name, load())
    assert resolution.licence_id == licence, resolution


def test_bigscience_models_outside_bloom_are_not_reported(tmp_path: Path) -> None:
    readme = "Try `bigscience/mt0-large` or `bigscience/T0_3B`, or the bigger `bigscience/bloom-560m`.\n"
    found = [text for _, _, text, _, _ in cli_references(tmp_path, {"README.md": readme})]
    assert found == ["bigscience/bloom-560m"]
