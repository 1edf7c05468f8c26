"""Round 12 of discovery accuracy: general causes read in held-out 8's errors, after its first measure.

A leaderboard's `dirname:` (a results folder named after the run) names no model; a one-word name ending
in its family word takes a prose size as the family word does ("CodeLlama 7b"); DeepSeek's line words
come before a version or size ("DeepSeek Chat V3", "DeepSeek Coder 33B"); in Python, a name in backticks
inside a string is Markdown for a person ("Model set to `llama3`"), a mention.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references

RESULTS = """\
- dirname: 2024-11-09-11-09-15--Qwen2.5-Coder-32B-Instruct
  command: aider --model openrouter/qwen/qwen-2.5-coder-32b-instruct
- results_dir: runs/llama-3.1-8b-sft
"""

DOCS = """\
Workers AI serves CodeLlama 7b instruct and TinyLlama 1.1B chat.
The DeepSeek Chat V3 model tops the board; DeepSeek Coder 33B came before it.
Ollama 0.12 is required.
"""

PROFILE = """\
interpreter.llm.model = "ollama/llama3"
interpreter.display_message(
    "> Model set to `llama3`, vision enabled"
)
"""


def test_a_results_folder_names_no_model(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"leaderboard.yml": RESULTS})
    assert [(line, text, role) for _, line, text, role, _ in found] == [
        (2, "openrouter/qwen/qwen-2.5-coder-32b-instruct", "use")
    ]


def test_prose_sizes_after_one_word_names_and_deepseek_line_words(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"models.md": DOCS})
    got = [(line, text, lic) for _, line, text, _, lic in found]
    assert (1, "CodeLlama 7b", "llama-2") in got
    assert (2, "DeepSeek Chat V3", "deepseek") in got
    assert any(line == 2 and text.startswith("DeepSeek Coder 33B") for line, text, _ in got)
    # TinyLlama stays a decoy with its size, and Ollama's version is no model
    assert not any("TinyLlama" in text or "Ollama" in text for _, text, _ in got)


def test_a_backticked_name_in_a_python_string_is_a_mention(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"profile.py": PROFILE})
    assert [(line, text, role) for _, line, text, role, _ in found] == [
        (1, "ollama/llama3", "use"),
        (3, "llama3", "mention"),
    ]
