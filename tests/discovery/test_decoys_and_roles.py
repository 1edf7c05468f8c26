"""What names no model is not reported; prose, comments and docstrings are mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery.conftest import only, refs_of, scan, write
from weightclear.discovery.roles import Syntax, is_decoy, syntax_for

DECOYS = {
    "rag.py": "from llama_index.core import VectorStoreIndex\nimport llama_index\n",
    "requirements.txt": "llama-index-core>=0.11\nllama-index-llms-ollama==0.3.1\nollama>=0.3\n",
    "client.py": "import ollama\nclient = ollama.Client(host='http://localhost:11434')\n",
    "config.json": '{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 2048}\n',
    "tiny.py": 'm = from_pretrained("TinyLlama/TinyLlama-1.1B-Chat-v1.0")\n',
    "open.py": 'm = from_pretrained("openlm-research/open_llama_7b_v2")\n',
    "NOTES.md": "We ship a llamafile for offline use. The llama is a South American camelid.\n",
    "compose.yml": "services:\n  ollama:\n    image: ollama/ollama:0.4.0\n",
    "build.sh": "./build/bin/llama-server --port 8080\npip install llama-cpp-python==0.2.90\n",
    "arch.py": "class Gemma4Renderer: ...\nx = Qwen2Config()\ny = LlamaForCausalLM\nimport modeling_llama4\n",
    "test_x.py": 'MODEL = "hf-internal-testing/tiny-random-LlamaForCausalLM"\n',
    "go.mod": "require github.com/ollama/ollama v0.4.0\n",
    "page.md": "Read https://www.llama.com/llama3_1/use-policy before use.\n",
}


@pytest.mark.parametrize("name", sorted(DECOYS))
def test_decoys_name_no_model(tmp_path: Path, name: str) -> None:
    found = refs_of(scan(write(tmp_path, {name: DECOYS[name]})))
    # a config.json makes its folder a model folder (artefact scanner); its `model_type` names nothing
    assert [r for r in found if r[2] != "hf-folder"] == []


@pytest.mark.parametrize(
    "name",
    ["llama-index", "llama_index", "LlamaIndex", "llamafile", "ollama", "TinyLlama-1.1B", "open_llama_3b"],
)
def test_decoy_names(name: str) -> None:
    assert is_decoy(name)


@pytest.mark.parametrize(
    "name", ["meta-llama/Llama-3.1-8B", "llama3.2:3b", "Llama-Guard-3-8B", "codellama/CodeLlama-7b-hf"]
)
def test_model_names_are_not_decoys(name: str) -> None:
    assert not is_decoy(name)


ROLES = [
    ("a.py", "# we used meta-llama/Llama-3.1-8B before\nx = 1\n", "mention"),
    ("b.py", 'x = "meta-llama/Llama-3.1-8B"  # current\n', "use"),
    ("c.py", "x = 1  # was meta-llama/Llama-3.1-8B\n", "mention"),
    ("d.py", '"""Serve meta-llama/Llama-3.1-8B behind an API."""\nimport os\n', "mention"),
    (
        "e.py",
        'def f():\n    """Docstring naming Qwen/Qwen2.5-7B."""\n    return "Qwen/Qwen2.5-7B"\n',
        "mention,use",
    ),
    ("f.yaml", "# model: meta-llama/Llama-3.1-8B\nmodel: gpt\n", "mention"),
    ("g.yaml", "model: meta-llama/Llama-3.1-8B  # the default\n", "use"),
    ("h.md", "Set `model: meta-llama/Llama-3.1-8B` in the config.\n", "mention"),
    ("i.ts", "/* old: meta-llama/Llama-3.1-8B */\nconst m = 'meta-llama/Llama-3.1-8B';\n", "mention,use"),
    ("j.ts", "const url = 'https://x/y'; // meta-llama/Llama-3.1-8B\n", "mention"),
    ("README", "Uses meta-llama/Llama-3.1-8B.\n", "mention"),
    ("k.sh", "#!/bin/sh\nvllm serve meta-llama/Llama-3.1-8B\n", "use"),
]


@pytest.mark.parametrize(("name", "content", "roles"), ROLES, ids=[r[0] for r in ROLES])
def test_roles(tmp_path: Path, name: str, content: str, roles: str) -> None:
    found = scan(write(tmp_path, {name: content})).references
    assert ",".join(r.role.value for r in found) == roles


def test_syntax_by_file_type() -> None:
    assert syntax_for("docs/guide.md") is Syntax.PROSE
    assert syntax_for("LICENSE") is Syntax.PROSE
    assert syntax_for("src/app.py") is Syntax.PYTHON
    assert syntax_for("web/About.tsx") is Syntax.SLASH
    assert syntax_for("deploy/Dockerfile") is Syntax.HASH
    assert syntax_for("values.yaml") is Syntax.HASH
    assert syntax_for("package.json") is Syntax.DATA


def test_one_name_two_keywords_is_one_reference(tmp_path: Path) -> None:
    ref = only(scan(write(tmp_path, {"a.py": 'M = "deepseek-ai/DeepSeek-R1-Distill-Llama-70B"\n'})))
    assert ref.text == "deepseek-ai/DeepSeek-R1-Distill-Llama-70B"
