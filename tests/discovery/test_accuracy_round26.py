"""Round 26 of discovery accuracy (session 11), from held-out 23 (KAITO, OME, llmaz, ai-lab-recipes,
the TensorRT-LLM backend) and held-out 24 (litgpt, mergekit, ms-swift, DB-GPT, big-AGI).

Kubernetes objects that register a model under its own name (OME's `ClusterBaseModel` and `BaseModel`,
llmaz's `OpenModel`) name that model in `metadata.name`; every other object's metadata names a
resource. Kubernetes names hold no dots, so they write a point as `--` (`qwen2-0--5b`) or as `-` before a
size (`deepseek-r1-distill-qwen-1-5b`); the second is read with a point only when the name as written fits
no catalogue model (`llama-3-8b` stays Llama 3 8B). A whole version with a size only one of its point
releases has names that release (`llama3-405b` is Llama 3.1 405B). The `name` of a record in a long list
(KAITO's supported models) is found under its list's key past comments and the records before it; KAITO's
`preset: name:` is the model. A weights file of no family's name (litgpt's `lit_model.pth`) names the
model folder it sits in; a config's `auto_map` class after a repository id (`org/name--module.Class`) is
cut off. Catalogued: Qwen1.5-110B (Tongyi Qianwen), phi-1 and phi-1.5 (MIT), OLMoE-1B-7B (Apache-2.0),
Nemotron Nano 2 (NVIDIA Open Model Licence) and DeepSeekMoE 16B (DeepSeek licence).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery.conftest import cli_references
from weightclear.knowledge import load
from weightclear.resolve import resolve_name

OME = """\
apiVersion: ome.io/v1beta1
kind: ClusterBaseModel
metadata:
  name: llama-3-3-70b-instruct
spec:
  vendor: meta
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: llama-3-3-70b-instruct-router
"""

LLMAZ = """\
apiVersion: llmaz.io/v1alpha1
kind: OpenModel
metadata:
  name: qwen2-0--5b
spec:
  familyName: qwen2
"""

KAITO = """\
models:
  - name: falcon-7b
    type: text-generation
    version: https://huggingface.co/tiiuae/falcon-7b/commit/abc
    runtime: tfs
    tag: 0.0.7
    # Tag history:
    # 0.0.7 - runtime update
    # 0.0.6 - fixes
    # 0.0.1 - New Model!
  # Phi-2
  - name: phi-2
    type: text-generation
---
inference:
  preset:
    name: phi-4-mini-instruct
"""

LITGPT = """\
import torch
state_dict = torch.load("checkpoints/meta-llama/Meta-Llama-3.1-8B/lit_model.pth", mmap=True)
auto_map = {"AutoConfig": "deepseek-ai/deepseek-moe-16b-base--configuration_deepseek.DeepseekConfig"}
"""


def test_model_objects_lists_presets_and_weights_files(tmp_path: Path) -> None:
    found = cli_references(
        tmp_path,
        {"ome.yaml": OME, "llmaz.yaml": LLMAZ, "kaito.yaml": KAITO, "litgpt.py": LITGPT},
    )
    assert [(path, line, text, role, licence) for path, line, text, role, licence in found] == [
        ("kaito.yaml", 2, "falcon-7b", "use", "apache-2.0"),
        ("kaito.yaml", 4, "tiiuae/falcon-7b", "use", "apache-2.0"),
        ("kaito.yaml", 11, "Phi-2", "mention", "mit"),
        ("kaito.yaml", 12, "phi-2", "use", "mit"),
        ("kaito.yaml", 17, "phi-4-mini-instruct", "use", "mit"),
        ("litgpt.py", 2, "meta-llama/Meta-Llama-3.1-8B", "use", "llama-3.1"),
        ("litgpt.py", 3, "deepseek-ai/deepseek-moe-16b-base", "use", "deepseek"),
        ("llmaz.yaml", 4, "qwen2-0--5b", "use", "apache-2.0"),
        ("llmaz.yaml", 6, "qwen2", "use", "apache-2.0"),
        ("ome.yaml", 4, "llama-3-3-70b-instruct", "use", "llama-3.3"),
    ]


@pytest.mark.parametrize(
    ("name", "model", "licence"),
    [
        ("qwen2-0--5b", "Qwen/Qwen2-0.5B-Instruct", "apache-2.0"),
        ("deepseek-r1-distill-qwen-1-5b", "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", "apache-2.0"),
        ("llama-3-8b", "meta-llama/Meta-Llama-3-8B", "llama-3"),
        ("llama3-405b-instruct", "meta-llama/Llama-3.1-405B-Instruct", "llama-3.1"),
        ("Llama 3 405B", "meta-llama/Llama-3.1-405B", "llama-3.1"),
        ("qwen1-5-110b-chat", "Qwen/Qwen1.5-110B-Chat", "tongyi-qianwen"),
        ("microsoft/phi-1_5", "microsoft/phi-1_5", "mit"),
        ("phi-1-5", "microsoft/phi-1_5", "mit"),
        ("allenai/OLMoE-1B-7B-0924", "allenai/OLMoE-1B-7B-0924", "apache-2.0"),
        ("nvidia/NVIDIA-Nemotron-Nano-9B-v2", "nvidia/NVIDIA-Nemotron-Nano-9B-v2", "nvidia-open-model"),
        ("deepseek-moe-16b-chat", "deepseek-ai/deepseek-moe-16b-chat", "deepseek"),
    ],
)
def test_kubernetes_spellings_point_releases_and_new_catalogue_entries(
    name: str, model: str, licence: str
) -> None:
    resolution = resolve_name(name, load())
    assert (resolution.model_id, resolution.licence_id) == (model, licence), resolution.reason


def test_a_whole_version_whose_point_releases_share_the_size_stays_unresolved() -> None:
    # Llama 3.1 and 3.3 both have a 70B, and Llama 3 itself does too: "llama3 70b" is Llama 3 70B
    assert resolve_name("llama3-70b", load()).licence_id == "llama-3"


# Round 27 (held-out 25: Langchain-Chatchat, ragflow, GenAIExamples, dify-official-plugins, llmware; held-out
# 26: reward-bench, open-instruct, evalscope, GPTQModel, nanotron).
TRAIN_CONFIG = """\
model_name_or_path: allenai/OLMo-2-1124-13B-SFT
dataset_mixer:
  allenai/ds-1-olmo32: 1.0
  allenai/ds-2-olmo32: 1.0
  allenai/ds-3-olmo32: 1.0
  allenai/ds-4-olmo32: 1.0
  allenai/ds-5-olmo32: 1.0
  allenai/ds-6-olmo32: 1.0
  allenai/ds-7-olmo32: 1.0
  allenai/ds-8-olmo32: 1.0
  allenai/ds-9-olmo32: 1.0
"""

REGISTRY = """\
import argparse
from types import SimpleNamespace
from .definitions.ministral3 import Ministral3GPTQ
MODEL_MAP = {
    "gemma3": Gemma3ForConditionalGenerationGPTQ,
}
config = SimpleNamespace(model_type="olmo3")
parser = argparse.ArgumentParser()
parser.add_argument("--save_path", type=str, default="llama-7b-hf", help="where to save")
parser.add_argument("--model", type=str, default="meta-llama/Llama-3.1-8B", help="the model")
SFT_DEST_REPO = "someone/llama-nemotron-sft"
attn = "llama3 ring attention"
"""

CATALOGUE_JSON = """\
{
  "llm": [
    {
      "name": "deepseek-v3.2",
      "max_tokens": 8192
    },
    {
      "name": "deepseek",
      "max_tokens": 8192
    }
  ]
}
"""


def test_data_sets_classes_flags_and_point_releases(tmp_path: Path) -> None:
    found = cli_references(
        tmp_path,
        {"dpo.yaml": TRAIN_CONFIG, "auto.py": REGISTRY, "models.json": CATALOGUE_JSON},
    )
    assert [(path, line, text, role) for path, line, text, role, _ in found] == [
        ("auto.py", 10, "meta-llama/Llama-3.1-8B", "use"),
        ("dpo.yaml", 1, "allenai/OLMo-2-1124-13B-SFT", "use"),
        ("models.json", 4, "deepseek-v3.2", "use"),
    ]


DIFY_CARD = """\
model: llama-guard-3-8b
label:
  zh_Hans: Llama-Guard-3-8B
  en_US: Llama-Guard-3-8B
model_type: llm
"""


def test_a_name_given_per_locale_is_display_text(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"llama-guard-3-8b.yaml": DIFY_CARD})
    assert [(line, text, role) for _, line, text, role, _ in found] == [
        (1, "llama-guard-3-8b", "use"),
        (3, "Llama-Guard-3-8B", "mention"),
        (4, "Llama-Guard-3-8B", "mention"),
    ]


# Round 28 (held-out 27: web-llm, one-api, cline, mistral.rs, candle; held-out 28: ai-on-eks,
# Google-Cloud-Containers, kubernetes-engine-samples, sagemaker-genai-hosting-examples,
# awsome-distributed-training).
RUST = """\
enum Which {
    #[value(name = "7b-v0.1")]
    Mistral7bV01,
}
let model = Which::Mistral7bInstructV02;
use candle_transformers::models::quantized_qwen3::ModelWeights as Qwen3;
let llama = llm::create("TOGETHER::togethercomputer/llama-2-7b::<my API key>");
"""

RAY_SERVICE = """\
applications:
  - name: llama3
    import_path: ray_serve_llama3:entrypoint
    runtime_env:
      env_vars:
        MODEL_ID: "meta-llama/Meta-Llama-3-8B-Instruct"
workers:
  - stable-diffusion-worker-0
  - gemma-4-31b-vllm
  - bench-matrix-gpt-oss-20b-vanilla-g6e12xl-useast1
"""


def test_rust_symbols_serve_apps_and_run_names(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"main.rs": RUST, "ray-service.yaml": RAY_SERVICE})
    assert [(path, line, text) for path, line, text, _, _ in found] == [
        ("main.rs", 7, "togethercomputer/llama-2-7b"),  # the provider namespace is no part of the id
        ("ray-service.yaml", 6, "meta-llama/Meta-Llama-3-8B-Instruct"),
    ]


def test_ignore_lists_name_folders_not_models(tmp_path: Path) -> None:
    # held-out 29 (onnxruntime-genai): `.gitignore` lists the folders a build leaves, named after models
    found = cli_references(
        tmp_path, {".gitignore": "models/gemma4/\nqwen3-5/\n", ".env": "MODEL=gemma3:1b\n"}
    )
    assert [(path, text) for path, _, text, _, _ in found] == [(".env", "gemma3:1b")]


DOTNET = {
    "appsettings.json": '{\n  "ModelPath": "..\\\\Tests\\\\Models\\\\llama-2-7b-chat.Q4_0.gguf"\n}\n',
    "Tests.csproj": (
        "<Project>\n  <ItemGroup>\n    <DownloadFileItem>\n"
        "      <LocalFileName>Llama-3.2-1B-Instruct-Q4_0.gguf</LocalFileName>\n"
        "    </DownloadFileItem>\n  </ItemGroup>\n</Project>\n"
    ),
    "Constants.cs": 'class C {\n  string P => Path.Combine(ModelDir, "gemma-3-4b-it-Q4_K_M.gguf");\n}\n',
    "Example.java": "// GPULlama3ChatModelExample runs on the GPU\nclass GPULlama3ChatModelExample {}\n",
}


def test_gguf_files_a_dotnet_project_loads(tmp_path: Path) -> None:
    # held-out 30 (LLamaSharp, langchain4j examples): Windows paths, MSBuild items, Path.Combine; GPULlama3
    # is a project, not a model
    found = cli_references(tmp_path, DOTNET)
    assert [(path, text, licence) for path, _, text, _, licence in found] == [
        ("Constants.cs", "gemma-3-4b-it-Q4_K_M.gguf", "gemma"),
        ("Tests.csproj", "Llama-3.2-1B-Instruct-Q4_0.gguf", "llama-3.2"),
        ("appsettings.json", "llama-2-7b-chat.Q4_0.gguf", "llama-2"),
    ]


def test_a_databricks_endpoint_named_after_its_model_is_that_model(tmp_path: Path) -> None:
    # held-out 32 (dbdemos): Databricks' foundation-model endpoints carry the model's name
    config = "databricks_resources:\n  llm_endpoint_name: databricks-meta-llama-3-3-70b-instruct\n"
    found = cli_references(tmp_path, {"rag_chain_config.yaml": config})
    assert [(text, licence) for _, _, text, _, licence in found] == [
        ("databricks-meta-llama-3-3-70b-instruct", "llama-3.3")
    ]
