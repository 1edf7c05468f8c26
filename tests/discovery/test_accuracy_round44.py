"""Round 44 of discovery accuracy (session 16), from held-out 81 (medical assistants: medAlpaca, MedRAX,
UltraMedical, clin-summ, Apollo), 82 (e-commerce and marketing generators: SeoMasterPro,
ai-content-repurpose, llamalister, ai-advert, gangrunprintingv1) and 83 (CI and repository bots:
AI-Codereview-Gitlab, shippie, git-iris, gptcomet, lumen), each measured once before its errors were read.

TinyMistral is no Mistral model, as TinyLlama is no Llama; Karpathy's llama2.c (`llama2c-model`,
`convert-llama2c-to-ggml`) and a CMake target's build folder (`llama-qwen2vl-cli.dir`) name no model; a
function named for what it does to a model (`initLlama3`) is code; an architecture read and compared
(`getattr(config, "model_type", None) == "gemma2"`) and a registry key over an instance of a class
(`"llama3": Llama3ToolUtils()`) name no model; a family word glued to a derivative's own word in camel
case (`RuadaptQwen2.5-32B`) is read as two words, so the derivative takes its base's licence. The
comparison pairs a label with a report that adds a quantisation after a point (`llama-2-7b` of
`llama-2-7b.Q4_0`).
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import benchmark_pairs, texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_tiny_mistral_llama2c_and_build_folders_name_no_model(tmp_path: Path) -> None:
    files = {
        "model-config.json": '{"model_id": "tinymistral-q4f32-1k", "fallback": "Mistral-7B-Instruct-v0.3"}\n',
        "README.md": (
            "Convert with `llama-convert-llama2c-to-ggml` from a `llama2c-model`.\n\n"
            "Build output: CMakeFiles/llama-qwen2vl-cli.dir\n"
        ),
    }
    assert texts_and_licences(tmp_path, files) == [("Mistral-7B-Instruct-v0.3", "apache-2.0")]


def test_functions_architectures_and_registries_of_classes_are_code(tmp_path: Path) -> None:
    source = (
        "await initLlama3();\n"
        'if getattr(config, "model_type", None) == "gemma2" and is_trainable:\n'
        '    pass\nTOOLS = {\n    "llama3": Llama3ToolUtils(),\n}\n'
        'MODEL = "google/gemma-2-9b-it"\n'
    )
    assert texts_and_licences(tmp_path, {"patcher.py": source}) == [("google/gemma-2-9b-it", "gemma")]


def test_a_family_glued_to_a_derivatives_word_in_camel_case(tmp_path: Path) -> None:
    source = (
        'BASE = "msu-rcc-lair/RuadaptQwen2.5-32B-instruct"\n'
        'TUNED = "NousHermesLlama2-13b"\n'
        'CODE = "CodeLlama7b"\n'
    )
    found = texts_and_licences(tmp_path, {"train.py": source})
    assert found == [
        ("msu-rcc-lair/RuadaptQwen2.5-32B-instruct", "apache-2.0"),
        ("NousHermesLlama2-13b", "llama-2"),
        ("CodeLlama7b", "llama-2"),
    ]


def test_a_models_own_one_word_name_is_not_split_whatever_its_case() -> None:
    # CodeQwen and PaliGemma are one word of their model's name: only a derivative's own word is split off
    kb = load()
    assert resolve_name("qwen/codeQwen1.5_7b", kb).model_id == "Qwen/CodeQwen1.5-7B"
    assert resolve_name("google/paliGemma2-3b-pt-224", kb).model_id == "google/paligemma2-3b-pt-224"


def test_benchmark_pairs_a_quantisation_after_a_point() -> None:
    assert benchmark_pairs([(4, "llama-2-7b")], [(4, "llama-2-7b.Q4_0")]) == [
        ("llama-2-7b", "llama-2-7b.Q4_0")
    ]
