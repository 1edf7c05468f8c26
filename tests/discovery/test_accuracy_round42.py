"""Round 42 of discovery accuracy (session 16), from held-out 75 (chat bots for messaging platforms:
discord-ollama, ChatGPT-Telegram-Workers, baibot, LangBot, MaiBot), 76 (legal and contract tools:
Law_Qwen, LegalRagAgent, PolishLawLLM-Benchmark, LaWGPT, OpenContracts) and 77 (agent memory and MCP:
MemoryOS, mcp-client-for-ollama, mcp-cli, cognee, MemOS), each measured once before its errors were read.

A project's own fine-tune named after its base (`qwen2.5-32b-law-finetuned`) is its output, while a Hub
id of one is still a derivative; a project's key for one provider's copy of a model (`groq-llama70b`,
`or-gemma27b`) names no model, as a user's own alias (`my-llama-3.1-8b`) does not; an editor's extension
id (`vizards.deepseek-v4-for-copilot`) names no model; the `name` of a request to Ollama's model API
(`/api/pull`) is the model; a family word with its size in brackets (`Mistral (7B)`) is read whole; a
message printed or logged for a person (`print("Checking for DeepSeek-V3 ...")`) is a mention; a
substring test in code (`"qwen2.5" in name`, `.startsWith("llama3")`) is a use, as nearly every label set
reads it (it had been silent since round 7). The comparison pairs a label with a report that adds a
quantisation to it (`Phi-3-mini` of `Phi-3-mini-q4`).
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import benchmark_pairs, cli_references, lines_texts_roles, texts_and_licences


def test_a_projects_own_fine_tune_is_its_output(tmp_path: Path) -> None:
    source = (
        'checkpoint_dir = "/qwen2.5-32b-law-finetuned"\n'
        'BACKUP = "qwen2.5-32b-law-finetuned-500steps"\n'
        'BASE = "Qwen/Qwen2.5-32B-Instruct"\n'
        'PUBLISHED = "someone/llama-3-8b-finetuned"\n'
    )
    found = [text for text, _ in texts_and_licences(tmp_path, {"train.py": source})]
    assert found == ["Qwen/Qwen2.5-32B-Instruct", "someone/llama-3-8b-finetuned"]


def test_a_projects_key_for_a_providers_copy_names_no_model(tmp_path: Path) -> None:
    source = (
        "PROVIDERS = {\n"
        '    "groq-llama70b": ("https://api.groq.com/openai/v1", "KEY", "llama-3.3-70b-versatile"),\n'
        '    "or-gemma27b": ("https://openrouter.ai/api/v1", "KEY", "google/gemma-3-27b-it:free"),\n'
        "}\n"
        'SIZES = {"qwen2.5-7b": 7}\n'
    )
    found = texts_and_licences(tmp_path, {"llm_config.py": source})
    assert found == [
        ("llama-3.3-70b-versatile", "llama-3.3"),
        ("google/gemma-3-27b-it:free", "gemma"),
        ("qwen2.5-7b", "apache-2.0"),
    ]


def test_an_editor_extension_id_names_no_model(tmp_path: Path) -> None:
    config = (
        '{\n  "customizations": {"vscode": {"extensions": [\n'
        '    "ms-python.python",\n    "vizards.deepseek-v4-for-copilot"\n  ]}},\n'
        '  "postCreateCommand": "ollama pull qwen3:8b"\n}\n'
    )
    found = [text for text, _ in texts_and_licences(tmp_path, {".devcontainer/devcontainer.json": config})]
    assert found == ["qwen3:8b"]


def test_the_name_of_a_request_to_ollamas_model_api(tmp_path: Path) -> None:
    script = (
        'curl -X POST http://localhost:11434/api/pull -d \'{"name": "phi4"}\'\n'
        'kubectl apply -f - <<< \'{"name": "phi4"}\'\n'
    )
    found = lines_texts_roles(tmp_path, {"pull.sh": script})
    assert found == [(1, "phi4", "use")]


def test_a_family_word_with_its_size_in_brackets(tmp_path: Path) -> None:
    prose = "- **Mistral (7B)** is prone to schema violations.\n- Mistral (large) is not sized.\n"
    assert texts_and_licences(tmp_path, {"README.md": prose}) == [("Mistral (7B)", "apache-2.0")]


def test_a_printed_or_logged_message_is_a_mention(tmp_path: Path) -> None:
    source = (
        'print("Checking for DeepSeek-V3 (671B MoE)")\n'
        'logger.info(f"Loading Qwen/Qwen2.5-7B-Instruct for {user}")\n'
        'print(generate("llama3.1:8b", prompt))\n'
        'print("model:", "mistral-7b")\n'
    )
    found = lines_texts_roles(tmp_path, {"check.py": source})
    assert found == [
        (1, "DeepSeek-V3", "mention"),
        (2, "Qwen/Qwen2.5-7B-Instruct", "mention"),
        (3, "llama3.1:8b", "use"),
        (4, "mistral-7b", "use"),
    ]
    script = 'console.log("Testing Llama-4-Maverick vision");\nconst model = "llama3.2:3b";\n'
    found = [(text, role) for _, _, text, role, _ in cli_references(tmp_path / "js", {"demo.js": script})]
    assert found == [("Llama-4-Maverick", "mention"), ("llama3.2:3b", "use")]


def test_a_substring_test_in_code_is_a_use(tmp_path: Path) -> None:
    code = (
        'if "qwen2.5" in normalized_name:\n    size = 7\n'
        "if name.startswith('llama3') or 'gemma-2' not in name:\n    pass\n"
        '# "mistral-7b" in the comment\n'
        'print("Llama 3.2 1B Instruct" in the_region)\n'
    )
    found = lines_texts_roles(tmp_path, {"match.py": code})
    assert found == [
        (1, "qwen2.5", "use"),
        (3, "llama3", "use"),
        (3, "gemma-2", "use"),
        (5, "mistral-7b", "mention"),
        (6, "Llama 3.2 1B Instruct", "mention"),
    ]


def test_benchmark_pairs_a_report_that_adds_a_tag_or_a_quantisation() -> None:
    labels = [(1, "qwen3-8b"), (2, "Phi-3-mini"), (3, "Qwen 2.5")]
    got = [
        (1, "qwen/qwen3-8b-local"),
        (2, "Phi-3-mini-q4"),
        (3, "Qwen 2.5-Coder 7B"),  # more than a tag: maybe another model
    ]
    assert benchmark_pairs(labels, got) == [
        ("qwen3-8b", "qwen/qwen3-8b-local"),
        ("Phi-3-mini", "Phi-3-mini-q4"),
        ("Qwen 2.5", None),
    ]
