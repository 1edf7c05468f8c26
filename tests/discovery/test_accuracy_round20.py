"""Rounds 20 onward of discovery accuracy (session 10).

A republisher's revision written after a catalogue spelling's date or size
(`nvidia/DeepSeek-R1-0528-NVFP4-v2`) is that model's revision, not the family's version: it was read as
a derivative of DeepSeek V2 (DeepSeek licence) where the model is DeepSeek-R1-0528 (MIT).
Mistral 3 (Ministral 3 3B / 8B / 14B and Mistral Large 3, December 2025) is catalogued under Apache-2.0, so
"Mistral Large" with no version now names models under two licences (Large 2 is research-only) and
resolves to none. "Ministral" and "Mathstral" are family words the scan looks for (they were found only
after `mistralai/`).
Round 20 (held-out 16: torchtune, torchchat, Qwen3, gemma-cookbook, AutoAWQ, mistral-inference): a path to
a file a model folder holds (`/tmp/Llama-3.2-1B-Instruct/original/tokenizer.model`) names that folder's
model; an archive of weights (`mistral-7B-Instruct-v0.3.tar`) names its model; a torchtune builder with a
size (`_component_: torchtune.models.llama3_2.lora_llama3_2_1b`) names the model it builds, while a recipe
config (`--config llama3/8B_full_single_device`) names none; a bare `quant_path`, `--mlx-path` and
`export_dir` are folders a script writes, while an org/name `quant_path` is the model an inference script
loads; an e-mail address at a model maker's domain, a ModelScope page's tab, a quantiser class
(`Qwen2VLAwqQuantizer`), an image pushed under a registry variable (`${_REPO}/gemma/gemma3-1b:latest`) and
torchchat's `transformer_params_key` name no model.
Round 21 (held-out 17: llamacoder, lighteval, NeMo-Guardrails, txtai, verl): Gemma 4 (April 2026) is under
Apache-2.0, not the Gemma Terms, and Qwen3.5 (every size) under Apache-2.0; Gemma 3n, ShieldGemma and
Qwen1.5-MoE-A2.7B are catalogued; a Hub id routed to an inference provider (`openai/gpt-oss-20b:nebius`,
behind `hf-inference-providers/`) is that model; a licence id is dropped only on a line that names a
licence, so `models: [llama3, llama-3.1]` lists models; an experiment's or project's name, an output
folder under a path and a web page's query value (`blog?id=qwen2.5-llm`) name no model.
Round 22 (held-out 18: OpenRLHF, gpt-neox, OpenCompass, executorch, optimum, langgraph): OpenCompass's `abbr`
(the name results are shown under), a `work_dir`, a wandb group, a data file of a training split named
after its model (`pairwise/llama3_dpo_train_chosen_document`) and a registry of architectures
(`"phi3": NormalizedTextConfigWithGQA`) name no model.
Round 23 (held-out 19: aichat, Flowise, promptflow, Portkey gateway, cortex.cpp): the `name` of an item in
a `models:` list with no model key of its own is the model (aichat's client configs), while a record's
`name` over its own `model:` key stays the record's label. A size in parentheses after a prose name
(Unsloth's "Qwen3 (14B)", "Llama 3.1 (8B)") is its size.
Round 24 (held-out 21: RouteLLM, Verba, trulens, agno, camel): an endpoint after `@` (Unify's
`model@fireworks-ai`, LM Studio's `model@q4_k_m`) is not part of the model's name; `model_type` with a point
release or a size (camel's `model_type="llama3.2"`) names a model, not an architecture; a model whose own
name carries a marker is not named without it ("SDXL" is SDXL 1.0, not SDXL-Turbo); Pixtral 12B
(Apache-2.0) and Pixtral Large (research licence) are catalogued.
Round 25 (held-out 20: Qwen-Agent, EasyR1, PurpleLlama, xtuner, self-llm, unsloth notebooks): a tutorial's
number before a name (`# 01-Qwen3.5-4B`) is not part of it; a BibTeX key (`@misc{metallamaguard2,`), a
`...Function` class and a name ending in `-key` (a session secret) name no model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery.conftest import cli_references
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


@pytest.mark.parametrize(
    ("name", "licence", "base"),
    [
        ("nvidia/DeepSeek-R1-0528-NVFP4-v2", "mit", "deepseek-ai/DeepSeek-R1-0528"),
        ("acme/Llama-3.1-8B-Instruct-v2", "llama-3.1", "meta-llama/Llama-3.1-8B-Instruct"),
    ],
)
def test_a_revision_after_a_catalogue_spelling_is_not_the_family_version(
    name: str, licence: str, base: str
) -> None:
    found = resolve_name(name, load())
    assert (found.licence_id, found.lineage[:1]) == (licence, (base,))


def test_a_version_after_the_size_of_a_community_name_is_still_its_own() -> None:
    # dolphin-mistral:7b-v2.6 spells no catalogue model without its 2.6, so the structural reading keeps it
    found = resolve_name("dolphin-mistral:7b-v2.6", load())
    assert found.licence_id == "apache-2.0"


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("Ministral-3-8B-Instruct-2512", "mistralai/Ministral-3-8B-Instruct-2512"),
        ("ministral-3:14b", "mistralai/Ministral-3-14B-Instruct-2512"),
        ("mistralai/Mistral-Large-3-675B-Instruct-2512-BF16", "mistralai/Mistral-Large-3-675B-Instruct-2512"),
    ],
)
def test_mistral_3_is_apache(name: str, model: str) -> None:
    found = resolve_name(name, load())
    assert (found.model_id, found.licence_id) == (model, "apache-2.0")


def test_mistral_large_without_a_version_names_two_licences() -> None:
    found = resolve_name("mistral-large", load())
    assert found.licence_id is None
    assert "apache-2.0" in found.reason and "mistral-research" in found.reason


MINISTRAL = """\
MODELS = {
    "ministral-3": "ministral-3:8b",
}
# Ministral-3-14B-Instruct-2512 is the largest
"""


def test_ministral_is_a_family_word(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"models.py": MINISTRAL})
    assert [(line, text, role, licence) for _, line, text, role, licence in found] == [
        (2, "ministral-3", "use", "apache-2.0"),
        (2, "ministral-3:8b", "use", "apache-2.0"),
        (4, "Ministral-3-14B-Instruct-2512", "mention", "apache-2.0"),
    ]


TORCHTUNE = """\
model:
  _component_: torchtune.models.llama3_2.lora_llama3_2_1b
tokenizer:
  _component_: torchtune.models.llama3.llama3_tokenizer
  path: /tmp/Llama-3.2-1B-Instruct/original/tokenizer.model
checkpointer:
  tokenizer_path: /tmp/Meta-Llama-3.1-405B-Instruct/original/mp8/tokenizer.model
  vocab_path: /tmp/phi-4/vocab.json
  code_config: ./examples/llama3_2/config.json
# tune run lora_finetune_single_device --config llama3/8B_lora_single_device
"""

SCRIPTS = """\
import os
__author__ = "dev@mistral.ai"
quant_path = "mistral-instruct-v0.2-awq"
quant_path = "TheBloke/Mistral-7B-Instruct-v0.2-AWQ"
url = "https://models.mistralcdn.com/mistral-7b-v0-3/mistral-7B-Instruct-v0.3.tar"
os.system("mlx_lm.convert --hf-path Qwen/Qwen2.5-7B-Instruct --mlx-path mlx/Qwen2.5-7B-Instruct -q")
page = "https://modelscope.cn/models/qwen/Qwen2.5-7B-Instruct/summary"
from awq.quantize import Qwen2VLAwqQuantizer
"""

CLOUDBUILD = """\
steps:
  - env:
      - 'MODEL=gemma3:1b'
images:
  - ${_LOCATION}-docker.pkg.dev/${PROJECT_ID}/${_REPO}/gemma/gemma3-1b:latest
"""


def test_model_folders_builders_and_recipe_configs(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"recipes/1B_lora.yaml": TORCHTUNE})
    assert [(line, text, role, licence) for _, line, text, role, licence in found] == [
        (2, "lora_llama3_2_1b", "use", "llama-3.2"),
        (5, "Llama-3.2-1B-Instruct", "use", "llama-3.2"),
        (7, "Meta-Llama-3.1-405B-Instruct", "use", "llama-3.1"),
        (8, "phi-4", "use", "mit"),
    ]


def test_outputs_archives_and_what_names_no_model(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"quantize.py": SCRIPTS, "cloudbuild.yaml": CLOUDBUILD})
    assert [(path, line, text, licence) for path, line, text, _, licence in found] == [
        ("cloudbuild.yaml", 3, "gemma3:1b", "gemma"),
        ("quantize.py", 4, "TheBloke/Mistral-7B-Instruct-v0.2-AWQ", "apache-2.0"),
        ("quantize.py", 5, "mistral-7B-Instruct-v0.3.tar", "apache-2.0"),
        ("quantize.py", 6, "Qwen/Qwen2.5-7B-Instruct", "apache-2.0"),
        ("quantize.py", 7, "qwen/Qwen2.5-7B-Instruct", "apache-2.0"),
    ]


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("qwen2_5_0_5b", "Qwen/Qwen2.5-0.5B-Instruct"),
        ("qwen2_0_5b", "Qwen/Qwen2-0.5B-Instruct"),
        ("mathstral-7B-v0.1", "mistralai/Mathstral-7B-v0.1"),
    ],
)
def test_torchtune_sizes_and_mathstral(name: str, model: str) -> None:
    assert resolve_name(name, load()).model_id == model


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("google/gemma-4-31B-it", "apache-2.0"),
        ("Gemma 4", "apache-2.0"),
        ("unsloth/gemma-4-26B-A4B-it-GGUF", "apache-2.0"),
        ("google/gemma-3n-E4B-it", "gemma"),
        ("gemma3n:e2b", "gemma"),
        ("google/shieldgemma-9b", "gemma"),
        ("Qwen/Qwen3.5-9B", "apache-2.0"),
        ("Qwen3.5-397B-A17B", "apache-2.0"),
        ("Qwen/Qwen1.5-MoE-A2.7B-Chat", "tongyi-qianwen"),
    ],
)
def test_catalogued_in_round_21(name: str, licence: str) -> None:
    assert resolve_name(name, load()).licence_id == licence


ROUTED = """\
model = "hf-inference-providers/meta-llama/Llama-3.1-8B-Instruct:nebius"
judge = "openai/gpt-oss-20b:fireworks-ai"
project_name = 'DAPO-Qwen3-30b-MATH'
exp_name = "grpo-mistral-7b-hhrlhf"
output_dir = "$HOME/models/gpt-oss-20b-bf16"
# see https://qwen.ai/blog?id=qwen2.5-llm
"""

PROMPTS = """\
prompts:
  - task: general
    models:
      - llama3
      - llama-3.1
licence: llama-3.1
"""


def test_routed_ids_licence_ids_in_lists_and_names_that_are_not_models(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"eval.py": ROUTED, "prompts.yml": PROMPTS})
    assert [(path, line, text, licence) for path, line, text, _, licence in found] == [
        ("eval.py", 1, "hf-inference-providers/meta-llama/Llama-3.1-8B-Instruct", "llama-3.1"),
        ("eval.py", 2, "openai/gpt-oss-20b", "gpt-oss"),
        ("prompts.yml", 4, "llama3", "llama-3"),
        ("prompts.yml", 5, "llama-3.1", "llama-3.1"),
    ]


OPENCOMPASS = """\
models = [
    dict(
        abbr='qwen1.5-4b-hf',
        path='Qwen/Qwen1.5-7B',
    )
]
work_dir = 'outputs/debug/llama3-instruct'
"""

NEOX = """\
{
  "train-data-paths": ["data/pairwise/llama3_dpo_train_chosen_document"],
  "wandb_group": "llama-13b",
  "registry": {"phi3": NormalizedTextConfigWithGQA, "qwen2": NormalizedTextConfig},
}
"""


def test_result_names_data_splits_and_architecture_registries(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"eval_qwen.py": OPENCOMPASS, "dpo.yml": NEOX})
    assert [(path, line, text) for path, line, text, _, _ in found] == [
        ("eval_qwen.py", 4, "Qwen/Qwen1.5-7B")
    ]


AICHAT = """\
clients:
  - type: openai-compatible
    models:
      - name: llama3.1
        max_input_tokens: 128000
      - name: deepseek-r1
deployments:
  models:
    - name: chat-small
      model: meta-llama/Llama-3.2-3B-Instruct
"""


def test_a_models_list_names_its_models(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"config.yaml": AICHAT})
    assert [(line, text, licence) for _, line, text, _, licence in found] == [
        (4, "llama3.1", "llama-3.1"),
        (6, "deepseek-r1", "mit"),
        (10, "meta-llama/Llama-3.2-3B-Instruct", "llama-3.2"),
    ]


def test_a_size_in_parentheses_after_a_prose_name(tmp_path: Path) -> None:
    prose = "Qwen3 (14B) fits in a free Colab GPU; Llama 3.1 (8B) too.\nSee Llama3.1_(8B)-Alpaca.ipynb\n"
    found = cli_references(tmp_path, {"README.md": prose})
    assert [(line, text, licence) for _, line, text, _, licence in found] == [
        (1, "Qwen3 (14B)", "apache-2.0"),
        (1, "Llama 3.1 (8B)", "llama-3.1"),
    ]


@pytest.mark.parametrize(
    ("name", "model", "licence"),
    [
        ("mixtral-8x7b-instruct-v0.1@fireworks-ai", "mistralai/Mixtral-8x7B-Instruct-v0.1", "apache-2.0"),
        ("qwen2.5-7b-instruct@q4_k_m", "Qwen/Qwen2.5-7B-Instruct", "apache-2.0"),
        ("@cf/meta/llama-3.1-8b-instruct", "meta-llama/Llama-3.1-8B-Instruct", "llama-3.1"),
        ("SDXL", "stabilityai/stable-diffusion-xl-base-1.0", "creativeml-openrail-pp-m"),
        ("sdxl-turbo", "stabilityai/sdxl-turbo", "stability-nc-research"),
        ("mistralai/pixtral-12b", "mistralai/Pixtral-12B-2409", "apache-2.0"),
        ("Pixtral-Large-Instruct-2411", "mistralai/Pixtral-Large-Instruct-2411", "mistral-research"),
    ],
)
def test_endpoints_markers_and_pixtral(name: str, model: str, licence: str) -> None:
    found = resolve_name(name, load())
    assert (found.model_id, found.licence_id) == (model, licence)


def test_a_model_type_with_a_release_names_a_model(tmp_path: Path) -> None:
    code = 'a = ModelFactory.create(model_type="llama3.2")\nb = {"model_type": "qwen2"}\n'
    found = cli_references(tmp_path, {"agent.py": code})
    assert [(line, text, licence) for _, line, text, _, licence in found] == [(1, "llama3.2", "llama-3.2")]


def test_tutorial_numbers_bibtex_keys_and_secrets(tmp_path: Path) -> None:
    readme = "# 01-Qwen3.5-4B vLLM\n\n@misc{metallamaguard2,\n  title={Llama Guard 2},\n}\n"
    code = 'app.secret_key = "llama4-scout-chatbot-secret-key"\nfrom x import Qwen3VLTokenizeFunction\n'
    found = cli_references(tmp_path, {"README.md": readme, "app.py": code})
    assert [(path, line, text) for path, line, text, _, _ in found] == [
        ("README.md", 1, "Qwen3.5-4B"),
        ("README.md", 4, "Llama Guard 2"),
    ]
