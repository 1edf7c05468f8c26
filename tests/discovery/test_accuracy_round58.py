"""Round 58 of discovery accuracy (session 18), from held-out 123 (insurance, banking and real-estate
assistants), 124 (model arenas and playgrounds: ChatALL, ollama-grid-search, GenAI-Arena, arena-hard-auto,
openplayground) and 125 (data cleaning and entity resolution), each measured once before its errors were
read.

Stability's language models (StableLM, StableBeluga) are no model of a family this tool covers, and no
Stable Diffusion. A string that is the name of a class the file declares (`static _className =
"Gemma29bGroqAPIBot"` in `class Gemma29bGroqAPIBot extends GroqAPIBot`) is code, while the model it sets
(`static _model = "gemma2-9b-it"`) is a use.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import lines_texts_roles
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_stability_language_models_and_a_class_name_string(tmp_path: Path) -> None:
    files = {
        "Gemma29bGroqAPIBot.js": (
            "export default class Gemma29bGroqAPIBot extends GroqAPIBot {\n"
            '  static _className = "Gemma29bGroqAPIBot";\n'
            '  static _model = "gemma2-9b-it";\n}\n'
        ),
        "registry.py": (
            'register_model_info(["stablelm-tuned-alpha-7b"], "StableLM")\n'
            'BASE = "stabilityai/stablelm-base-alpha-3b"\n'
        ),
    }
    assert lines_texts_roles(tmp_path, files) == [(3, "gemma2-9b-it", "use")]


def test_an_uncatalogued_distill_never_takes_its_family_licence() -> None:
    # read as "DeepSeek 3" (the version of the Qwen3 base), it had been given the DeepSeek licence
    got = resolve_name("deepseek-r1-0529-qwen3-14b", load())
    assert got.licence_id != "deepseek"
    assert (got.model_id, got.licence_id) == ("deepseek-r1-0529-qwen3-14b", "apache-2.0")
