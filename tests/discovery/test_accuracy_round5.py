"""Round 5 of discovery accuracy: general causes of the errors read in the four seen label sets.

Each test builds a small tree and scans it with the CLI: what names a model must come out with its
licence, and what only looks like one (a resource named after a model, an alias, an output folder, a
file picked from a repository already named, a piece of a URL) must stay silent.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from discovery.conftest import cli_references


def _references(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str, str | None]]:
    return sorted(cli_references(tmp_path, files))


def _texts(tmp_path: Path, files: dict[str, str]) -> list[tuple[int, str]]:
    return [(line, text) for _, line, text, _, _ in _references(tmp_path, files)]


def test_kubernetes_object_names_are_resources_whatever_their_size(tmp_path: Path) -> None:
    manifest = """\
apiVersion: apps.nvidia.com/v1alpha1
kind: NIMCache
metadata:
  name: meta-llama3-8b-instruct
spec:
  source:
    ngc:
      modelPuller: nvcr.io/nim/meta/llama3-8b-instruct:1.0.3
---
kind: Deployment
metadata:
  labels:
    tier: inference
  name: mistral-7b-instruct-v0-3
spec:
  template:
    spec:
      containers:
        - name: vllm
          args: ["--model", "mistralai/Mistral-7B-Instruct-v0.3"]
---
kind: Service
metadata:
  name: llama-3-1-8b-svc
spec:
  selector:
    app.kubernetes.io/name: gemma-2-9b-it
    model: gemma-2-9b-it
  env:
    - name: SERVED_MODEL
      value: gemma-2-9b-it
"""
    assert _texts(tmp_path, {"k8s/nim.yaml": manifest}) == [
        (8, "meta/llama3-8b-instruct"),
        (20, "mistralai/Mistral-7B-Instruct-v0.3"),
        (28, "gemma-2-9b-it"),
        (31, "gemma-2-9b-it"),
    ]


def test_a_resource_named_after_an_id_with_its_slash_as_a_dash_is_not_a_model(tmp_path: Path) -> None:
    env = "NIM_CONTAINER_TAG=meta-llama3-8b-instruct\nENDPOINT=google--gemma-2-9b-it-endpoint\n"
    code = 'ep = aiplatform.Endpoint.create(display_name="mistralai-mistral-7b-instruct")\n'
    kept = 'MODEL="Meta-Llama-3-8B-Instruct"\nSERVED="databricks-meta-llama-3-1-70b-instruct"\n'
    found = _references(tmp_path, {"nvcf/.env": env, "deploy.py": code, "serve.sh": kept})
    assert found == [
        ("serve.sh", 1, "Meta-Llama-3-8B-Instruct", "use", "llama-3"),
        ("serve.sh", 2, "databricks-meta-llama-3-1-70b-instruct", "use", "llama-3.1"),
    ]


def test_a_name_under_a_model_block_names_the_model(tmp_path: Path) -> None:
    config = "trainer:\n  model:\n    name: qwen3\n    flavor: 1.7B\nservices:\n  - name: qwen3\n"
    assert _references(tmp_path, {"grpo.yaml": config}) == [("grpo.yaml", 3, "qwen3", "use", "apache-2.0")]


def test_ollama_models_created_and_lists_flattened_by_helm_docs(tmp_path: Path) -> None:
    values = """\
ollama:
  models:
    create:
      - name: llama3.1-ctx32768
        template: |
          FROM llama3.1
"""
    readme = (
        "| ollama.models.run | list | `[]` | List of models to load at startup run:  - llama2  - mistral |\n"
    )
    found = _texts(tmp_path, {"values.yaml": values, "README.md": readme})
    assert found == [(1, "llama2"), (1, "mistral"), (4, "llama3.1-ctx32768"), (6, "llama3.1")]


def test_prompt_formats_aliases_parsers_and_outputs_are_not_models(tmp_path: Path) -> None:
    launch = (
        "vllm serve meta-llama/Llama-3.1-8B-Instruct --served-model-name llama3 "
        "--tool-call-parser llama3_json --reasoning-parser qwen3\n"
        "python generate.py --base_model=h2oai/h2ogpt-4096-llama2-7b-chat --prompt_type=llama2\n"
    )
    train = (
        'model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2-VL-7B-Instruct")\n'
        'model.save_pretrained("unsloth-qwen2-7vl-ocr-adapter", tokenizer)\n'
        'model.push_to_hub_merged("me/qwen2-7b-ocr-merged", tokenizer)\n'
        'trainer.save_model("llama-3-8b-sft")\n'
    )
    found = _texts(tmp_path, {"serve.sh": launch, "train.py": train})
    assert found == [
        (1, "meta-llama/Llama-3.1-8B-Instruct"),
        (2, "h2oai/h2ogpt-4096-llama2-7b-chat"),
        (1, "Qwen/Qwen2-VL-7B-Instruct"),
    ]


def test_a_gguf_file_picked_from_a_named_repository_is_part_of_it(tmp_path: Path) -> None:
    config = """{
  "model": {
    "from_pretrained": {
      "repo_id": "lmstudio-community/Qwen2.5-0.5B-Instruct-GGUF",
      "filename": "Qwen2.5-0.5B-Instruct-Q8_0.gguf"
    }
  }
}
"""
    code = (
        'path = hf_hub_download(repo_id="TheBloke/Llama-2-7B-Chat-GGUF",'
        ' filename="llama-2-7b-chat.Q4_K_M.gguf")\n'
        'llm = Llama(model_path="./models/mistral-7b-instruct-v0.2.Q4_K_M.gguf")\n'
    )
    launch = "llama-server --hf-repo unsloth/gemma-3-4b-it-GGUF --hf-file gemma-3-4b-it-Q4_K_M.gguf\n"
    found = _references(tmp_path, {"server.json": config, "app.py": code, "run.sh": launch})
    assert [(path, line, text) for path, line, text, _, _ in found] == [
        ("app.py", 1, "TheBloke/Llama-2-7B-Chat-GGUF"),
        ("app.py", 2, "mistral-7b-instruct-v0.2.Q4_K_M.gguf"),
        ("run.sh", 1, "unsloth/gemma-3-4b-it-GGUF"),
        ("server.json", 4, "lmstudio-community/Qwen2.5-0.5B-Instruct-GGUF"),
    ]


def test_a_cache_path_names_its_repository(tmp_path: Path) -> None:
    script = "ln -s ~/.cache/huggingface/hub/models--meta-llama--Llama-3.2-1B/snapshots/0123abc/* .\n"
    assert _references(tmp_path, {"link.sh": script}) == [
        ("link.sh", 1, "meta-llama/Llama-3.2-1B", "use", "llama-3.2")
    ]


def test_pieces_of_longer_names_are_not_models(tmp_path: Path) -> None:
    readme = (
        "See the [FAQ](docs/FAQ.md#llama-3-or-other-chat-template-models) and the "
        "[notebook](nb/Llama3.1_(8B)-Alpaca.ipynb) for Llama 3.1.\n"
    )
    assert _texts(tmp_path, {"README.md": readme}) == [(1, "Llama 3.1")]


def test_an_ollama_tag_of_an_uncovered_family_is_not_reported(tmp_path: Path) -> None:
    catalogue = "granite:\n  url: 'ollama://granite3.1-dense'\nqwq:\n  url: 'ollama://qwq:32b'\n"
    readme = "<td><code>openllm serve qwq:32b</code></td>\n"
    found = _texts(tmp_path, {"values.yaml": catalogue, "README.md": readme})
    assert found == [(1, "qwq:32b"), (4, "qwq:32b")]


def test_a_family_under_its_org_without_version_is_not_a_model(tmp_path: Path) -> None:
    template = "{#- Legacy: tool responses on the assistant message (Google/Gemma native) -#}\n"
    assert _texts(tmp_path, {"chat_template.jinja": template}) == []
    result = run_cli("model", "resolve", "Google/Gemma", "google/gemma-3n-E2B-it", "--format", "json")
    assert {r["text"]: r["licence"] for r in json.loads(result.stdout)} == {
        "Google/Gemma": None,
        "google/gemma-3n-E2B-it": "gemma",
    }


def test_licence_ids_package_metadata_and_code_internals_are_not_models(tmp_path: Path) -> None:
    index = (
        '{"license_key": "llama-3.1-license-2024", "spdx": "LicenseRef-scancode-gemma-tou-2024-04-01",\n'
        ' "file": "llama-4-cla-2025.LICENSE", "model": "meta-llama/Llama-3.1-8B-Instruct"}\n'
    )
    record = "wordllama-0.4.0.dist-info/METADATA,sha256=x,100\n"
    code = "static PyObject *__pyx_t_9wordllama_10algorithms_INT_t;\n"
    found = _references(tmp_path, {"index.json": index, "RECORD": record, "kmeans.c": code})
    assert found == [("index.json", 2, "meta-llama/Llama-3.1-8B-Instruct", "use", "llama-3.1")]


def test_a_value_naming_a_record_by_its_label_is_not_a_model(tmp_path: Path) -> None:
    values = """\
servingEngineSpec:
  modelSpec:
    - name: "llama3"
      repository: "vllm/vllm-openai"
      modelURL: "meta-llama/Llama-3.1-8B-Instruct"
loraAdapters:
    # - baseModel: "llama3"
    - name: "sql-adapter"
      baseModel: "llama3"
"""
    ollama = '{"name": "llama3.2", "model": "llama3.2"}\n'
    alone = "adapter:\n  baseModel: llama3\n"  # no record of that name: the model itself
    found = _texts(tmp_path, {"values.yaml": values, "api.json": ollama, "lora.yaml": alone})
    assert found == [(1, "llama3.2"), (2, "llama3"), (5, "meta-llama/Llama-3.1-8B-Instruct")]


def test_a_bare_tag_in_a_request_to_ollamas_port_is_an_ollama_tag(tmp_path: Path) -> None:
    script = (
        'curl http://localhost:11434/api/chat -d \'{"model": "mistral", "messages": []}\'\n'
        'curl http://localhost:8000/v1/chat/completions -d \'{"model": "mistral"}\'\n'
    )
    assert _references(tmp_path, {"ask.sh": script}) == [("ask.sh", 1, "mistral", "use", "apache-2.0")]


def test_a_bedrock_arn_names_its_foundation_model(tmp_path: Path) -> None:
    terraform = (
        'resource "aws_bedrock_custom_model" "m" {\n'
        "  base_model_identifier =\n"
        '    "arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-8b-instruct-v1:0"\n'
        "}\n"
    )
    assert _references(tmp_path, {"main.tf": terraform}) == [
        ("main.tf", 3, "meta.llama3-8b-instruct-v1:0", "use", "llama-3")
    ]


def test_prose_versions_written_with_a_letter(tmp_path: Path) -> None:
    readme = "We deploy DeepSeek R1 Distill Qwen 7B and DeepSeek V3, not deepseek alone.\n"
    assert _references(tmp_path, {"README.md": readme}) == [
        # round 15: the distill is read whole, under its Qwen base's licence (R1 itself is MIT)
        ("README.md", 1, "DeepSeek R1 Distill Qwen 7B", "mention", "apache-2.0"),
        ("README.md", 1, "DeepSeek V3", "mention", "deepseek"),
    ]


def test_a_keyword_inside_base64_or_a_hash_is_chance(tmp_path: Path) -> None:
    record = "pydantic/main.py,sha256=yyHFG9d0QwEN_9MVrn8xRV-GMSXS51tfxn9tcJbeTtw,1234\n"
    pem = "VoNzcOSGGtIxQbovvi0TWnZvTuhOgQ4/WwMioBK+ZlgRSssDxLQqKi2WF+A5VLxI\n"
    kept = 'model = "TinyLlama/TinyLlama-1.1B-Chat-v1.0"\nbase = "NousResearch/Hermes-2-Pro-Llama-3-8B"\n'
    found = _texts(tmp_path, {"RECORD": record, "cacert.pem": pem, "app.py": kept})
    assert found == [(2, "NousResearch/Hermes-2-Pro-Llama-3-8B")]


def test_an_azure_ml_registry_uri_names_its_model(tmp_path: Path) -> None:
    code = 'model = "azureml://registries/azureml-meta/models/Meta-Llama-3.1-8B-Instruct/versions/4"\n'
    assert _references(tmp_path, {"deploy.py": code}) == [
        ("deploy.py", 1, "Meta-Llama-3.1-8B-Instruct", "use", "llama-3.1")
    ]


def test_a_version_the_catalogue_lacks_has_no_licence_but_a_family() -> None:
    # Gemma 4 and Qwen3.5 stood here until session 10 catalogued them (Gemma 4 under Apache-2.0, not the
    # Gemma Terms: the family's licence so far said nothing of its next release, as this test holds)
    names = ("Gemma 5", "google/gemma-5-31B-it", "Qwen4.5", "LLaMA 1", "google/gemma-3n-E2B-it", "Llama 3.1")
    result = run_cli("model", "resolve", *names, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = {r["text"]: (r["licence"], r["family"]) for r in json.loads(result.stdout)}
    assert found == {
        "Gemma 5": (None, "gemma"),
        "google/gemma-5-31B-it": (None, "gemma"),
        "Qwen4.5": (None, "qwen"),
        "LLaMA 1": (None, "llama"),
        "google/gemma-3n-E2B-it": ("gemma", "gemma"),  # Gemma 3n, catalogued since session 10
        "Llama 3.1": ("llama-3.1", "llama"),
    }


def test_kerashub_presets_and_kaggle_handles_name_their_models(tmp_path: Path) -> None:
    code = (
        'gemma = keras_hub.models.GemmaCausalLM.from_preset("gemma2_2b_en")\n'
        'path = kagglehub.model_download("google/gemma/transformers/2b-it/3")\n'
        'path = kagglehub.model_download("google/gemma-2/keras/gemma2_2b_en/1")\n'
        "llama3_8b_en = build()  # an identifier, not a preset\n"
    )
    assert _references(tmp_path, {"nb.py": code}) == [
        ("nb.py", 1, "gemma2_2b_en", "use", "gemma"),
        ("nb.py", 2, "gemma-2b-it", "use", "gemma"),
        ("nb.py", 3, "gemma2_2b_en", "use", "gemma"),
    ]
