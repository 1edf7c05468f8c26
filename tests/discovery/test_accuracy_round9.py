"""Round 9 of discovery accuracy: code symbols named after a model are not references.

Read in frameworks that implement models (litgpt, mlx-examples, peft; none of them in a labelled set): a
class that formats one family's prompts (`class Llama2(PromptStyle)`), its constructor call, an
`isinstance` test, a bare identifier passed as a value, a regular expression that matches names, a
norm or style type compared with `==`, and Python's `from mistral import Mistral` name no model. A model
id in code is a string, and those strings are still read.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references

PROMPTS = """\
import re
from mistral import Mistral, ModelArgs


class Llama2(PromptStyle):
    pass


STYLES = {"chat": Llama2, "phi": Phi3}


def pick(model_name):
    if re.search("Llama-2.*-chat", model_name):
        return Llama2()
    if re.search(r"Qwen2\\.5-Math-.*", model_name):
        return Qwen2_5_Math()
    if isinstance(model_name, Gemma3):
        configs.extend(gemma3)
    if config.norm_qk_type == "olmo2":
        return Falcon3()
    return "meta-llama/Llama-3.1-8B-Instruct"


DEFAULT_MODEL = "meta-llama/Meta-Llama-3-8B"
client = ollama.chat(model="mistral")
"""

COMPONENT = """\
export class Gemma3Chat extends Base {}
const chat = new Qwen2(options);
const model = "google/gemma-2-9b-it";
"""


def test_code_symbols_named_after_models_are_not_references(tmp_path: Path) -> None:
    found = [
        (p, line, text, role) for p, line, text, role, _ in cli_references(tmp_path, {"prompts.py": PROMPTS})
    ]
    assert found == [
        ("prompts.py", 21, "meta-llama/Llama-3.1-8B-Instruct", "use"),
        ("prompts.py", 24, "meta-llama/Meta-Llama-3-8B", "use"),
        ("prompts.py", 25, "mistral", "use"),
    ]


def test_typescript_classes_and_constructors_are_code(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"chat.ts": COMPONENT})
    assert [(line, text) for _, line, text, _, _ in found] == [(3, "google/gemma-2-9b-it")]


def test_a_modelfile_from_line_still_names_its_base(tmp_path: Path) -> None:
    files = {"Modelfile": "FROM mistral\nPARAMETER temperature 0.2\n", "lower/Modelfile": "from llama3.1\n"}
    found = sorted((p, text, lic) for p, _, text, _, lic in cli_references(tmp_path, files))
    assert found == [("Modelfile", "mistral", "apache-2.0"), ("lower/Modelfile", "llama3.1", "llama-3.1")]


CATALOGUE = """\
models:
  - id: qwen/qwen3-coder:free
    display_name: Qwen3 Coder (free)
  - id: llama-3.1-8b-instant
    title: "Llama3.1 Instant"
"""


def test_a_display_name_of_words_is_display_text(tmp_path: Path) -> None:
    found = [
        (line, text, role) for _, line, text, role, _ in cli_references(tmp_path, {"models.yaml": CATALOGUE})
    ]
    assert found == [
        (2, "qwen/qwen3-coder:free", "use"),
        (3, "Qwen3", "mention"),
        (4, "llama-3.1-8b-instant", "use"),
        (5, "Llama3.1", "mention"),
    ]


def test_hub_pages_and_variables_named_after_a_model_name_none(tmp_path: Path) -> None:
    files = {
        "README.md": (
            "[blog](https://huggingface.co/blog/falcon3)\n"
            "[paper](https://huggingface.co/papers/llama-3)\n"
            "[model](https://huggingface.co/meta-llama/Llama-3.1-8B)\n"
        ),
        "configs.py": 'falcon3 = [\n    dict(name="Falcon3-1B"),\n]\nconfigs.extend(falcon3)\n',
        "models.ts": 'export const qwen3: Model = { id: "Qwen/Qwen3-8B" };\n',
    }
    assert sorted((p, line, text) for p, line, text, _, _ in cli_references(tmp_path, files)) == [
        ("README.md", 3, "meta-llama/Llama-3.1-8B"),
        ("configs.py", 2, "Falcon3-1B"),
        ("models.ts", 1, "Qwen/Qwen3-8B"),
    ]
