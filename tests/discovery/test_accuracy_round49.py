"""Round 49 of discovery accuracy (session 17), from held-out 96 (local desktop apps and model launchers:
exo, node-llama-cpp, llama-swap, chat-ollama, gollama), 97 (safety, guardrails and red-teaming tools:
modelbench, moonshot-data, agentic_security, JailTrickBench, llm-adaptive-attacks) and 98 (mobile and edge
deployment: ai-edge-torch, mediapipe-samples, mllm, TinyChatEngine, cactus), each measured once before its
errors were read.

A member of an enum or table of architectures or families (`qwen2moe = "qwen2moe"` in
`enum GgufArchitectureType {`, `"gemma2": "#CC55FF"` in `familyColours`) and a name paired with a format's
enum constant in a C++ table (llama.cpp's `{ "llama2", LLM_CHAT_TEMPLATE_LLAMA_2 }`) are classes of models;
a name mapped to a chat wrapper class is a format; node-llama-cpp's `hf:org/repo/file.gguf` is a Hub URI;
the constants an enum lists and a C struct's instances are the file's own; C++ headers are code files;
TinyChatEngine's `LLaMA2_7B_chat_awq_int4` is a model with its quantisation; a data set named after a model
(`karanxa/llama-2-jailbreak-dataset`) is no model.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import benchmark_pairs, lines_texts_roles, texts_and_licences


def test_tables_of_architectures_families_and_formats_name_no_model(tmp_path: Path) -> None:
    files = {
        "types.ts": (
            "export const enum GgufArchitectureType {\n"
            '    qwen2moe = "qwen2moe",\n    phi3 = "phi3",\n}\n'
            "const wrappers = {\n"
            '    "llama3.1": Llama3_1ChatWrapper,\n};\n'
            'export const defaults = {\n    model: "qwen3:8b",\n}\n'
        ),
        "theme.go": (
            'var familyColours = map[string]string{\n    "gemma2": "#CC55FF",\n}\n'
            "var MODEL_FAMILIES = map[string][]string{\n"
            '    "llama": {"meta-llama/Llama-3.1-8B-Instruct"},\n}\n'
        ),
        "chat.cpp": (
            "static const std::map<std::string, llm_chat_template> LLM_CHAT_TEMPLATES = {\n"
            '    { "llama2",            LLM_CHAT_TEMPLATE_LLAMA_2           },\n};\n'
            "static std::map<projector_type, std::string> PROJECTOR_TYPE_NAMES = {\n"
            '    { PROJECTOR_TYPE_GEMMA3,    "gemma3"},\n};\n'
        ),
    }
    assert texts_and_licences(tmp_path, files) == [
        ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1"),
        ("qwen3:8b", "apache-2.0"),
    ]


def test_a_switch_on_an_architecture_field_is_code_not_a_table(tmp_path: Path) -> None:
    source = (
        'test("known reasoning families get their choices", () => {\n'
        '  assert.deepEqual(values("dashscope", "qwen3-8b"), ["", "high"]);\n'
        "});\n"
    )
    assert texts_and_licences(tmp_path, {"families.test.ts": source}) == [("qwen3-8b", "apache-2.0")]


def test_hf_uri_enum_constants_structs_headers_and_data_sets(tmp_path: Path) -> None:
    files = {
        "models.ts": (
            'const uri = "hf:mradermacher/Meta-Llama-3.1-8B-Instruct-GGUF/'
            'Meta-Llama-3.1-8B-Instruct.Q4_K_M.gguf";\n'
        ),
        "model.h": (
            '#include "qwen2_5vl/modeling_qwen2_5vl.hpp"\n'
            "enum { OPT_125M, LLaMA_7B, Mistral_7B };\n"
            "const struct model_config llama_13B(1, 40, 40, 2048);\n"
            "int pick(int m) { return m == Mistral_7B ? 1 : llama_13B.batch; }\n"
        ),
        "download_model.py": 'models = {\n    "LLaMA2_7B_chat_awq_int4": {"url": "https://example.org/a.zip"},\n}\n',
        "probe_data.py": (
            'SETS = ["karanxa/llama-2-jailbreak-dataset",\n'
            '        "liuyanchen1015/Llama-3.2-1B_jailbreak_responses"]\n'
        ),
    }
    assert lines_texts_roles(tmp_path, files) == [
        (2, "LLaMA2_7B_chat_awq_int4", "use"),
        (1, "Meta-Llama-3.1-8B-Instruct.Q4_K_M.gguf", "use"),
    ]


def test_benchmark_pairs_a_repository_with_its_file_and_a_provider_after_the_model() -> None:
    got = [
        (1, "Meta-Llama-3.1-8B-Instruct.Q4_K_M.gguf"),
        (2, "meta-llama-3_1-8b-instruct-hf-nebius"),
        (3, "qwen3-8b-instruct-2507-fp8"),
    ]
    labels = [
        (1, "mradermacher/Meta-Llama-3.1-8B-Instruct-GGUF"),
        (2, "meta-llama-3_1-8b-instruct"),
        (3, "qwen3-8b"),  # the report adds a version and a precision: another name
    ]
    assert benchmark_pairs(labels, got) == [
        ("mradermacher/Meta-Llama-3.1-8B-Instruct-GGUF", "Meta-Llama-3.1-8B-Instruct.Q4_K_M.gguf"),
        ("meta-llama-3_1-8b-instruct", "meta-llama-3_1-8b-instruct-hf-nebius"),
        ("qwen3-8b", None),
    ]
