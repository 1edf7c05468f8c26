"""Round 51 of discovery accuracy (session 17), from held-out 102 (AI companions and character chat:
Open-LLM-VTuber, amica, companion-app, voice-chat-ai, gf-lt), 103 (accessibility and assistive tools:
AI-content-describer, Image-Description-Toolkit, ElderlyCare, alt-text-local-ai, kioku) and 104 (sports,
fitness, nutrition and travel assistants: TravelPlanner, calisthenics-app, barbarian-trainer,
TennisProject, nutrition-ai-assistant), each measured once before its errors were read.

A table of chat templates keyed by the format's name (`TEMPLATES = {"LLAMA3": {...}}`) holds formats, not
models; where such a table maps a model's name to its format's name (`DEFAULT_TEMPLATE = {"LLaMA2":
"llama2"}`) the key is the model. A number written with thousands separators after a family word
("nemotron 1,048,576", a context length) is no version.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import lines_texts_roles


def test_a_table_of_templates_keyed_by_format_and_one_keyed_by_model(tmp_path: Path) -> None:
    files = {
        "with_template.py": (
            'TEMPLATES = {\n    "LLAMA3": {\n        "template": "<|begin_of_text|>",\n    },\n}\n'
            'MODEL = "meta-llama/Llama-3.2-3B-Instruct"\n'
        ),
        "config.py": 'DEFAULT_TEMPLATE = {\n    "LLaMA2": "llama2",\n}\n',
    }
    assert lines_texts_roles(tmp_path, files) == [
        (2, "LLaMA2", "use"),
        (6, "meta-llama/Llama-3.2-3B-Instruct", "use"),
    ]


def test_a_number_with_thousands_separators_is_no_version(tmp_path: Path) -> None:
    notes = "Context sizes: gemma4 262,144; nemotron 1,048,576; Llama 3, Llama 3.1 and Qwen 2.5.\n"
    assert lines_texts_roles(tmp_path, {"notes.md": notes}) == [
        (1, "gemma4", "mention"),
        (1, "Llama 3", "mention"),
        (1, "Llama 3.1", "mention"),
        (1, "Qwen 2.5", "mention"),
    ]
