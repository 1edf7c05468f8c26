"""Every form a model reference takes in a codebase is found, with its kind and role."""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery.conftest import refs_of, scan, write

# (file, content, expected text, kind, role)
FORMS = [
    (
        "app.py",
        'm = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n',
        "meta-llama/Llama-3.1-8B-Instruct",
        "hf-id",
        "use",
    ),
    (
        "pipe.py",
        'p = pipeline("text-generation", model="google/gemma-2-9b-it")\n',
        "google/gemma-2-9b-it",
        "hf-id",
        "use",
    ),
    ("lc.py", 'llm = ChatOllama(model="llama3.1:8b")\n', "llama3.1:8b", "ollama-tag", "use"),
    (
        "lite.py",
        'litellm.completion(model="bedrock/us.meta.llama3-2-11b-instruct-v1:0")\n',
        "bedrock/us.meta.llama3-2-11b-instruct-v1:0",
        "bedrock-id",
        "use",
    ),
    (
        "boto.py",
        'MODEL_ID = "eu.meta.llama3-2-1b-instruct-v1:0"\n',
        "eu.meta.llama3-2-1b-instruct-v1:0",
        "bedrock-id",
        "use",
    ),
    (
        "azure.py",
        'model = "azure_ai/Meta-Llama-3.1-405B-Instruct"\n',
        "azure_ai/Meta-Llama-3.1-405B-Instruct",
        "azure-id",
        "use",
    ),
    (
        "vertex.py",
        'model = "vertex_ai/meta/llama-3.3-70b-instruct-maas"\n',
        "vertex_ai/meta/llama-3.3-70b-instruct-maas",
        "vertex-id",
        "use",
    ),
    (
        "vertex2.py",
        'MODEL = "meta/llama-4-scout-17b-16e-instruct-maas"\n',
        "meta/llama-4-scout-17b-16e-instruct-maas",
        "vertex-id",
        "use",
    ),
    (
        "together.py",
        'client.chat(model="meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo")\n',
        "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
        "together-id",
        "use",
    ),
    (
        "groq.py",
        'client.chat.completions.create(model="llama-3.3-70b-versatile")\n',
        "llama-3.3-70b-versatile",
        "groq-id",
        "use",
    ),
    (
        "fw.py",
        'MODEL = "accounts/fireworks/models/llama-v3p1-8b-instruct"\n',
        "accounts/fireworks/models/llama-v3p1-8b-instruct",
        "fireworks-id",
        "use",
    ),
    (
        "or.ts",
        'const model = "meta-llama/llama-3.3-70b-instruct:free";\n',
        "meta-llama/llama-3.3-70b-instruct:free",
        "openrouter-id",
        "use",
    ),
    (
        "cf.js",
        'await env.AI.run("@cf/meta/llama-3.1-8b-instruct", {});\n',
        "@cf/meta/llama-3.1-8b-instruct",
        "cloudflare-id",
        "use",
    ),
    (
        "db.py",
        'endpoint = "databricks-meta-llama-3-3-70b-instruct"\n',
        "databricks-meta-llama-3-3-70b-instruct",
        "databricks-id",
        "use",
    ),
    ("cfg.yaml", "model: ollama/llama3.2\n", "ollama/llama3.2", "ollama-tag", "use"),
    (
        "pyproject.toml",
        '[tool.app]\nmodel = "Qwen/Qwen2.5-7B-Instruct"\n',
        "Qwen/Qwen2.5-7B-Instruct",
        "hf-id",
        "use",
    ),
    (
        "settings.json",
        '{"model": "mistralai/Mistral-7B-Instruct-v0.3"}\n',
        "mistralai/Mistral-7B-Instruct-v0.3",
        "hf-id",
        "use",
    ),
    (
        ".env",
        "MODEL_NAME=deepseek-ai/DeepSeek-R1-Distill-Llama-8B\n",
        "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
        "hf-id",
        "use",
    ),
    (
        "Dockerfile",
        "FROM vllm/vllm-openai\nCMD vllm serve meta-llama/Llama-3.2-3B-Instruct\n",
        "meta-llama/Llama-3.2-3B-Instruct",
        "hf-id",
        "use",
    ),
    (
        "docker-compose.yml",
        "services:\n  tgi:\n    command: --model-id tiiuae/falcon-7b-instruct\n",
        "tiiuae/falcon-7b-instruct",
        "hf-id",
        "use",
    ),
    (
        "k8s/deploy.yaml",
        'args: ["--model", "meta-llama/Llama-3.3-70B-Instruct"]\n',
        "meta-llama/Llama-3.3-70B-Instruct",
        "hf-id",
        "use",
    ),
    (
        "serve.sh",
        "llama-server -hf bartowski/Llama-3.2-1B-Instruct-GGUF:Q8_0 --port 8080\n",
        "bartowski/Llama-3.2-1B-Instruct-GGUF:Q8_0",
        "hf-id",
        "use",
    ),
    (
        "run.sh",
        "llama-cli -m models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -p hi\n",
        "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf",
        "gguf-file",
        "use",
    ),
    (
        "pull.sh",
        "ollama run hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M\n",
        "hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M",
        "ollama-tag",
        "use",
    ),
    ("docs.md", "We evaluated Llama 3.1 against the rest.\n", "Llama 3.1", "model-name", "mention"),
    (
        "link.md",
        "See https://huggingface.co/meta-llama/Llama-3.2-11B-Vision-Instruct for the card.\n",
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        "hf-id",
        "mention",
    ),
    (
        "web.ts",
        "// fallback: meta-llama/llama-4-scout\nexport const X = 1;\n",
        "meta-llama/llama-4-scout",
        "hf-id",
        "mention",
    ),
    ("cache.txt", "models--meta-llama--Llama-3.1-8B\n", "meta-llama/Llama-3.1-8B", "hf-cache", "mention"),
]


@pytest.mark.parametrize(("name", "content", "text", "kind", "role"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form_is_found(
    tmp_path: Path, name: str, content: str, text: str, kind: str, role: str
) -> None:
    found = refs_of(scan(write(tmp_path, {name: content})))
    assert (name, text, kind, role) in found


def test_location_line_and_column(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": "import os\n\nx = 1; m = 'meta-llama/Llama-3.1-8B-Instruct'\n"})
    (ref,) = scan(tmp_path).references
    assert (ref.location.line, ref.location.column) == (3, 13)


def test_notebook_cells_not_outputs(tmp_path: Path) -> None:
    nb = (
        '{"cells": [\n'
        ' {"cell_type": "markdown", "metadata": {}, "source": [\n'
        '   "# Compare with Gemma 2\\n"\n'
        " ]},\n"
        ' {"cell_type": "code", "metadata": {},\n'
        '  "outputs": [{"output_type": "stream", "text": ["meta-llama/Llama-2-7b-hf"]}],\n'
        '  "source": [\n'
        '   "import transformers\\n",\n'
        '   "m = transformers.pipeline(model=\\"google/gemma-2-2b-it\\")  # vs Qwen/Qwen2-7B\\n"\n'
        " ]}\n"
        '], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
    )
    found = scan(write(tmp_path, {"eval.ipynb": nb})).references
    assert [(r.text, r.role.value, r.location.line) for r in found] == [
        ("Gemma 2", "mention", 3),
        ("google/gemma-2-2b-it", "use", 9),
        ("Qwen/Qwen2-7B", "mention", 9),
    ]


def test_modelfile_and_gguf_path(tmp_path: Path) -> None:
    found = refs_of(
        scan(write(tmp_path, {"ollama/Modelfile": "FROM llama3.2:3b\nPARAMETER temperature 0\n"}))
    )
    assert ("ollama/Modelfile", "llama3.2:3b", "ollama-tag", "use") in found


def test_hf_cache_folder_is_a_use(tmp_path: Path) -> None:
    write(tmp_path, {"hub/models--meta-llama--Llama-3.2-1B/refs/main": "abc\n"})
    found = refs_of(scan(tmp_path))
    assert ("hub/models--meta-llama--Llama-3.2-1B", "meta-llama/Llama-3.2-1B", "hf-cache", "use") in found


def test_same_result_with_worker_processes(tmp_path: Path) -> None:
    files = {f"svc{i}/app.py": f'MODEL = "meta-llama/Llama-3.{i % 4}-8B-Instruct"\n' for i in range(600)}
    write(tmp_path, files)
    one, two = scan(tmp_path), scan(tmp_path, jobs=2)
    assert refs_of(one) == refs_of(two)
    assert len(one.references) == 600
