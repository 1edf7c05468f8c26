"""Rounds 16 to 19 of discovery accuracy: general causes read in held-out 12's, 13's, 15's and 14's errors,
each after its first measure.

A community model that names its base as the catalogue spells it (Nous-Hermes-2-Mixtral-8x7B-DPO) is
a derivative of that base; a context length after the size (gemma-2B-10M) is not a version; a size
under 1B with its point written as a dash (Qwen2-0-5B) is 0.5B; DeepSeekCoder is DeepSeek Coder; the
smaller StarCoderBase models are catalogued with the names Tabby and Ollama serve them under. A user's
Ollama model tagged `:latest` with a size in its name is a model, not a container image; a GGUF file set
through `os.environ["..._MODEL_NAME"]` or passed as a call's first argument on the line under the call
is loaded; a name URL-encoded into a web page's query string (`repository=Org%2FName`) names no model.
The word "ollama" never starts a name (`dist/windows-amd64/ollama.exe`, `ollamaArm64` were read as models):
an Ollama model is found at its own family word.
Round 17 (held-out 13): a deployment named for an Intel Gaudi (or other accelerator) it runs on is a
deployment, and a name followed by a template placeholder (`f"Qwen/Qwen3-{size}"`) names a set of models,
not one; Stable Diffusion 3 Medium and Olmo 3 are catalogued. A GGUF file named where no program
loads it is dropped only in code (an output file, a test fixture): in prose, comments and tables of
downloads it is a mention of its model.
Round 18 (held-out 15): "Ollama" inside a camel-case word (a Flowise flow's `chatOllama_0-input-...`) starts
no name; a value to replace with one's own (`your-azure-deepseek-r1-api-key-here`) names no model; a name
in Markdown bold with underscores (`__mixtral-8x7b-32768__`) is read; DeepSeek-V3.2 is catalogued (MIT).
Round 19 (held-out 14): a YAML block scalar under a documentation key (`guide: |`, `description: >`) is
prose a person reads, so the names in it are mentions, while `run: |` and `script: |` blocks stay
commands; a republished model with its own revision after the size (`nvidia/gpt-oss-120b-Eagle3-v3`)
is a derivative of the model it names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery.conftest import cli_references
from weightclear.knowledge import load
from weightclear.resolve import resolve_name

NOTEBOOK_CODE = """\
import os
from llama_cpp import Llama
os.environ["OPENAI_MODEL_NAME"] = 'Nous/Hermes-2-Pro-Llama-3-8B-GGUF/Hermes-2-Pro-Llama-3-8B-Q4_K_M.gguf'
llm = Llama(
    "/models/Hermes-2-Pro-Llama-3-8B-Q4_K_M.gguf",
    n_ctx=4096,
)
chat = client.chat(
    model="interstellarninja/hermes-2-theta-llama-3-8b:latest",
)
"""

IMAGES = """\
services:
  api:
    image: vllm/vllm-openai:latest
  ui:
    image: ollama/ollama:latest
"""

LINK = (
    "Deploy it [from the UI](https://ui.endpoints.huggingface.co/new?vendor=aws&"
    "repository=NousResearch%2FNous-Hermes-2-Mixtral-8x7B-DPO&task=text-generation).\n"
)


def test_loaded_gguf_files_and_a_users_sized_latest_tag(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"agent.py": NOTEBOOK_CODE})
    assert [(line, text, role, licence) for _, line, text, role, licence in found] == [
        (3, "Hermes-2-Pro-Llama-3-8B-Q4_K_M.gguf", "use", "llama-3"),
        (5, "Hermes-2-Pro-Llama-3-8B-Q4_K_M.gguf", "use", "llama-3"),
        (9, "interstellarninja/hermes-2-theta-llama-3-8b:latest", "use", "llama-3"),
    ]


WORKFLOW = """\
steps:
  - run: cp dist/windows-amd64/ollama.exe out/ && echo ${{ matrix.ollamaArm64 }}
  - run: ollama pull llama3.1:8b
  - run: python -c "from langchain_ollama import ChatOllama"
"""


def test_the_word_ollama_starts_no_name(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {".github/workflows/release.yaml": WORKFLOW})
    assert [(line, text, licence) for _, line, text, _, licence in found] == [(3, "llama3.1:8b", "llama-3.1")]


def test_images_tagged_latest_and_an_encoded_url_name_no_model(tmp_path: Path) -> None:
    assert cli_references(tmp_path, {"docker-compose.yml": IMAGES, "README.md": LINK}) == []


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO", "apache-2.0"),
        ("mustafaaljadery/gemma-2B-10M", "gemma"),
        ("sergiopaniego/Qwen2-0-5B-GRPO-vllm-trl", "apache-2.0"),
        ("DeepSeekCoder-1.3B", "deepseek"),
        ("TabbyML/StarCoder-1B", "bigcode-openrail-m"),
        ("starcoder:7b", "bigcode-openrail-m"),
        ("my-llama-7b-finetune", None),  # the original LLaMA's size alone still picks no version
    ],
)
def test_names_resolve_to_their_base_licence(name: str, licence: str | None) -> None:
    assert resolve_name(name, load()).licence_id == licence


KUBEAI_README = """\
| model | accelerator |
|---|---|
| llama-3.1-8b-instruct-gaudi | Gaudi |
| qwen2.5-7b-instruct-hpu | HPU |
"""

TEMPLATES = """\
def load(size):
    repo_id = f"Qwen/Qwen3-{size}"
    base = f"Qwen3-{size}-Base"
    return repo_id, base, "Qwen/Qwen3-8B"
"""


def test_accelerator_deployments_and_templates_name_no_model(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"README.md": KUBEAI_README, "load.py": TEMPLATES})
    assert [(path, line, text) for path, line, text, _, _ in found] == [("load.py", 4, "Qwen/Qwen3-8B")]


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("stabilityai/stable-diffusion-3-medium-diffusers", "stability-community"),
        ("Olmo 3 7B", "apache-2.0"),
        ("allenai/Olmo-3-7B-Think", "apache-2.0"),
    ],
)
def test_catalogued_in_round_17(name: str, licence: str) -> None:
    assert resolve_name(name, load()).licence_id == licence


DOWNLOADS = """\
| file | size |
|---|---|
| Meta-Llama-3-8B-Instruct.Q4_0.gguf | 4.66 GB |
"""

CONVERT = """\
# curl -L -o mistral-7b-instruct-v0.2.Q5_K_M.gguf https://example.org/dl
subprocess.run(["llama-quantize", "in.gguf", "out/llama-3-8b-q4.gguf", "Q4_0"])
"""


def test_a_gguf_file_not_loaded_is_a_mention_in_prose_and_dropped_in_code(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"docs.md": DOWNLOADS, "convert.py": CONVERT})
    assert [(path, line, role) for path, line, _, role, _ in found] == [
        ("convert.py", 1, "mention"),
        ("docs.md", 3, "mention"),
    ]


FLOW_AND_PLACEHOLDERS = """\
{"id": "chatOllama_0-input-baseUrl-string", "model": "llama3.1:8b"}
"""

PIPELINE = """\
API_KEY = "your-azure-deepseek-r1-api-key-here"
ENDPOINT = "your-azure-deepseek-r1-endpoint-here"
"""

BOLD = "It sends a request to __mixtral-8x7b-32768__ on Groq.\n"


def test_camel_case_ollama_placeholders_and_bold(tmp_path: Path) -> None:
    found = cli_references(
        tmp_path, {"flow.json": FLOW_AND_PLACEHOLDERS, "pipeline.py": PIPELINE, "groq.md": BOLD}
    )
    assert [(path, text) for path, _, text, _, _ in found] == [
        ("flow.json", "llama3.1:8b"),
        ("groq.md", "mixtral-8x7b-32768"),
    ]


def test_deepseek_v3_2_is_mit() -> None:
    assert resolve_name("deepseek-ai/DeepSeek-V3.2-Exp", load()).licence_id == "mit"


RECIPE = """\
model:
  model_id: "Qwen/Qwen2.5-32B"
guide: |
  ## Overview

  Qwen2.5-32B is the base model; pick `Qwen/Qwen2.5-32B-Instruct` for chat.
  ```bash
  vllm serve Qwen/Qwen2.5-32B
  ```
deploy:
  run: |
    vllm serve Qwen/Qwen2.5-32B-Instruct
"""


def test_a_yaml_guide_block_is_prose_and_a_run_block_is_commands(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"recipe.yaml": RECIPE})
    assert [(line, text, role) for _, line, text, role, _ in found] == [
        (2, "Qwen/Qwen2.5-32B", "use"),
        (6, "Qwen2.5-32B", "mention"),
        (6, "Qwen/Qwen2.5-32B-Instruct", "mention"),
        (8, "Qwen/Qwen2.5-32B", "mention"),
        (12, "Qwen/Qwen2.5-32B-Instruct", "use"),
    ]


def test_a_republished_model_with_its_own_revision_is_a_derivative() -> None:
    found = resolve_name("nvidia/gpt-oss-120b-Eagle3-v3", load())
    assert (found.licence_id, found.lineage[:1]) == ("gpt-oss", ("openai/gpt-oss-120b",))
