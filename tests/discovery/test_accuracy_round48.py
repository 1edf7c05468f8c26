"""Round 48 of discovery accuracy (session 17), from held-out 93 (game development and NPC dialogue:
Llama-Unreal, nobodywho, AI_Diplomacy, GamingAgent, pokechamp), 94 (customer-support assistants: DocsGPT,
parlant, bolna, tiledesk-llm, dograh) and 95 (code-completion servers and editor plugins: refact,
codecompanion.nvim, minuet-ai.nvim, avante.nvim, codegate), each measured once before its errors were read.

Refact names its models as paths of their parts (`llama3.1/8b/instruct`, `qwen2.5/coder/1.5b/base`,
`starcoder2/3b/vllm`): the parts are one name, not a folder path. A class the file defines
(`class Llama3_1_8B(Generator[T])`) is the file's code wherever it is named; an account's user name
(`"username": "PAC-LLM-qwen3-8b"`) is no model; shared libraries and release archives (`libllama.so.0`,
`Llama-Unreal-UE5.4-v0.9.7z`) are files, not models; a CI expression for a folder
(`${{ github.workspace }}/models/x.gguf`) does not stand for the key of its line; the server after a
model (`llama-3.2-3b@http://localhost:8000`) is where it runs.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import benchmark_pairs, lines_texts_roles, texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_a_model_written_as_a_path_of_its_parts(tmp_path: Path) -> None:
    source = (
        '{\n  "similar_models": [\n    "llama3.1/8b/instruct",\n    "mixtral/8x7b/instruct-v0.1",\n'
        '    "starcoder2/3b/vllm"\n  ],\n  "tokenizer": "hf://bigcode/starcoder2-3b"\n}\n'
    )
    assert texts_and_licences(tmp_path, {"known_models.json": source}) == [
        ("llama3.1/8b/instruct", "llama-3.1"),
        ("mixtral/8x7b/instruct-v0.1", "apache-2.0"),
        ("starcoder2/3b/vllm", "bigcode-openrail-m"),
        ("bigcode/starcoder2-3b", "bigcode-openrail-m"),
    ]
    kb = load()
    assert resolve_name("llama3.2/1b/instruct", kb).model_id == "meta-llama/Llama-3.2-1B-Instruct"
    assert resolve_name("codellama/7b", kb).model_id == "codellama/CodeLlama-7b-hf"
    # a folder path whose second part is no size is still a path: its last two parts are read
    assert resolve_name("llama3/checkpoints/final", kb).model_id is None


def test_classes_user_names_and_library_files_name_no_model(tmp_path: Path) -> None:
    files = {
        "together_service.py": (
            "class Llama3_1_8B(TogetherAISchematicGenerator[T]):\n"
            '    model_name = "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"\n\n'
            "MODELS = {\n"
            '    "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo": Llama3_1_8B[schema_type],\n'
            "}\n"
        ),
        "bots.py": 'BOT = {"username": "PAC-LLM-qwen3-8b", "backend": "ollama/qwen3:8b"}\n',
        "README.md": "Ships libllama.so.0 and libllama-common.so.0; download Llama-Unreal-UE5.4-v0.9.7z.\n",
    }
    assert lines_texts_roles(tmp_path, files) == [
        (1, "ollama/qwen3:8b", "use"),
        (2, "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "use"),
        (5, "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "use"),
    ]


def test_a_ci_expression_folder_and_a_server_after_the_model(tmp_path: Path) -> None:
    files = {
        "ci.yml": (
            "jobs:\n  test:\n    steps:\n      - name: Run\n        env:\n"
            "          TEST_MODEL: ${{ github.workspace }}/models/Qwen_Qwen3-0.6B-Q4_K_M.gguf\n"
        ),
        "run.sh": 'python lm_game.py --models "openai:llama-3.2-3b@http://localhost:8000#key,openai:gpt-4o"\n',
    }
    assert texts_and_licences(tmp_path, files) == [
        ("Qwen_Qwen3-0.6B-Q4_K_M.gguf", "apache-2.0"),
        ("llama-3.2-3b", "llama-3.2"),
    ]


def test_benchmark_pairs_a_label_with_the_model_a_gguf_name_packs() -> None:
    got = [
        (3, "bartowski/Qwen_Qwen3-0.6B-GGUF"),
        (5, "google_gemma-4-E2B-it-Q4_K_M.gguf"),
        (7, "Qwen3-8B-GGUF"),
    ]
    labels = [
        (3, "Qwen3-0.6B"),
        (5, "gemma-4-E2B-it"),
        (7, "Qwen3-8B-Instruct"),  # another model than the packed one: not paired
    ]
    assert benchmark_pairs(labels, got) == [
        ("Qwen3-0.6B", "bartowski/Qwen_Qwen3-0.6B-GGUF"),
        ("gemma-4-E2B-it", "google_gemma-4-E2B-it-Q4_K_M.gguf"),
        ("Qwen3-8B-Instruct", None),
    ]
