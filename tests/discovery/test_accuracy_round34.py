"""Round 34 of discovery accuracy (session 13), from held-out 46 (role-play front-ends: horde-worker,
SillyTavern, talemate, agnai, RisuAI), 47 (multilingual projects: Chinese-LLaMA-Alpaca-3, llm-jp-eval-mm,
KoAlpaca, AceGPT, EuroEval) and 48 (automation and integrations: home-llm, chatGPTBox, ha-llmvision, two
n8n template collections), each measured once before its errors were read.

A point release written without its point (`llama31_8b`, `qwen25-7b`, `SD15`, `SD21`) and "SD 1.5" with a
space; a Hub revision after an id (`org/name@main`) is that repository; a Markdown link's text is what the
page shows, never an echo of an id before it; an escape in a JSON or code string (`\\n`) is no part of the
name after it.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def _found(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, str | None]]:
    return set(texts_and_licences(tmp_path, files))


def test_a_point_release_written_without_its_point() -> None:
    kb = load()
    expected = {
        "llama31_8b": "llama-3.1",
        "llama31-70b-16k": "llama-3.1",
        "qwen25-7b-instruct": "apache-2.0",
        "phi35-mini": "mit",
        "SD15": "creativeml-openrail-m",
        "SD21": "creativeml-openrail-pp-m",
    }
    assert {name: resolve_name(name, kb).licence_id for name in expected} == expected
    assert resolve_name("llama3-8b", kb).licence_id == "llama-3"  # one digit: the version alone


def test_sd_with_a_space_and_its_short_names(tmp_path: Path) -> None:
    readme = "Pick SD 1.5 or SD 2.1 checkpoints (SD15, SD21). Not a USD 1 bill.\n"
    assert _found(tmp_path, {"README.md": readme}) == {
        ("SD 1.5", "creativeml-openrail-m"),
        ("SD 2.1", "creativeml-openrail-pp-m"),
        ("SD15", "creativeml-openrail-m"),
        ("SD21", "creativeml-openrail-pp-m"),
    }


def test_a_revision_a_link_text_and_an_escape(tmp_path: Path) -> None:
    files = {
        "records.py": 'RECORD = {"model": "meta-llama/Llama-3.1-8B@main"}\n',
        "README.md": (
            "| base | [Meta-Llama-3-8B](https://huggingface.co/meta-llama/Meta-Llama-3-8B) | "
            "[Meta-Llama-3-8B-Instruct](https://huggingface.co/meta-llama/Meta-Llama-3-8B-Instruct) |\n"
        ),
        "workflow.json": '{"content": "**Models:**\\nMistral-7B-Instruct-v0.2\\nDeepSeek R1"}\n',
    }
    found = {text for text, _ in _found(tmp_path, files)}
    assert "meta-llama/Llama-3.1-8B" in found
    assert {"Meta-Llama-3-8B", "Meta-Llama-3-8B-Instruct"} <= found
    assert {"Mistral-7B-Instruct-v0.2", "DeepSeek R1"} <= found
    assert not any(text.startswith("n") for text in found)
