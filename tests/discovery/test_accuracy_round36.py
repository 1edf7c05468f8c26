"""Round 36 of discovery accuracy (session 13), from held-out 52 (search and knowledge-base products:
llm-app, cognita, deep-searcher, rank_llm, WeKnora), 53 (games and simulations: LLMUnity, mindcraft,
ai-town, Mantella, BALROG) and 54 (capability benchmarks: LongBench, LiveCodeBench, bigcodebench,
LiveBench, gorilla), each measured once before its errors were read.

PPIO's `org/name/community` is that model (OpenRouter's variants, `:free` and `:nitro`, keep their text and
resolve to their model, as before); LLMUnity's `llamalib` binaries name no model; providers' ids of
Nemotron Nano 2 without the `NVIDIA-` prefix are catalogued.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_provider_variants_and_tiers_are_the_model(tmp_path: Path) -> None:
    code = (
        "LIMITS = {'mistral-7b-instruct:free': 32_768, 'llama-3-8b-instruct:nitro': 8_192}\n"
        'MODEL = "deepseek/deepseek-v3/community"\n'
        'LIB = "libllamalib_osx-arm64_acc.dylib"\n'
    )
    found = set(texts_and_licences(tmp_path, {"utils.py": code}))
    assert found == {
        ("mistral-7b-instruct:free", "apache-2.0"),
        ("llama-3-8b-instruct:nitro", "llama-3"),
        ("deepseek/deepseek-v3", "deepseek"),
    }


def test_nemotron_nano_2_as_providers_write_it() -> None:
    kb = load()
    for written in (
        "nvidia/nemotron-nano-9b-v2",
        "nvidia.nemotron-nano-9b-v2",
        "nvidia/nemotron-nano-12b-v2",
    ):
        assert resolve_name(written, kb).licence_id == "nvidia-open-model"
