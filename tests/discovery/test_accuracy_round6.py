"""Round 6 of discovery accuracy: general causes read in held-out 4's errors (after its blind measure).

Each test builds a small tree and scans it with the CLI: container images, GGUF file lists and later
shards, data sets and output names, a run's own name must stay silent; prose sizes, slash-joined
lists and a name written before its size must come out, each with its role.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references


def _references(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str, str | None]]:
    return sorted(cli_references(tmp_path, files))


def test_container_images_with_a_build_tag_name_no_model(tmp_path: Path) -> None:
    files = {
        "config.py": 'DOCKER_CU121 = "qwenllm/qwen:cu121"\nIMAGE = "org/llama-runner:2.1.0"\n',
        "Dockerfile": "FROM qwenllm/qwen:latest\n",
        "run.sh": "docker run --gpus all org/qwen-serve:cu118-devel\nollama run qwen2.5:7b\n",
    }
    assert _references(tmp_path, files) == [("run.sh", 2, "qwen2.5:7b", "use", "apache-2.0")]


def test_a_gguf_file_is_a_model_only_where_it_is_loaded(tmp_path: Path) -> None:
    files = {
        "fetch.py": (
            "FILES = [\n"
            '    "gemma-3-270m-it-qat-Q4_0.gguf",\n'
            '    "Qwen3-8B-Q4_K_M-00001-of-00002.gguf",\n'
            "]\n"
            'llm = Llama(model_path="./models/llama-2-7b-chat.Q4_K_M.gguf")\n'
            'other = Llama("./models/llama-2-13b-chat.Q4_K_M.gguf")\n'
        ),
        "svc.container": (
            "Mount=type=bind,src=sha256-1,target=/mnt/models/gpt-oss-20b-mxfp4.gguf,ro\n"
            "Model=/mnt/models/gpt-oss-20b-mxfp4.gguf\n"
        ),
        "serve.sh": "llama-server -m models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\n",
        "model.yaml": "parameters:\n  model: Hermes-3-Llama-3.2-3B-Q4_K_M.gguf\n",
    }
    assert _references(tmp_path, files) == [
        ("fetch.py", 5, "llama-2-7b-chat.Q4_K_M.gguf", "use", "llama-2"),
        ("fetch.py", 6, "llama-2-13b-chat.Q4_K_M.gguf", "use", "llama-2"),
        ("model.yaml", 2, "Hermes-3-Llama-3.2-3B-Q4_K_M.gguf", "use", "llama-3.2"),
        ("serve.sh", 1, "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", "use", "llama-3.1"),
        ("svc.container", 2, "gpt-oss-20b-mxfp4.gguf", "use", "gpt-oss"),
    ]


def test_a_split_gguf_set_is_one_model_named_by_its_first_shard(tmp_path: Path) -> None:
    shards = "".join(f"  model: Qwen3-8B-Q8_0-0000{i}-of-00003.gguf\n" for i in (1, 2, 3))
    refs = _references(tmp_path, {"models.yaml": "parts:\n" + shards})
    assert [r[2] for r in refs] == ["Qwen3-8B-Q8_0-00001-of-00003.gguf"]


def test_tinyllama_gguf_files_are_decoys(tmp_path: Path) -> None:
    files = {"serve.sh": "llama-server -m models/tinyllama-1.1b-chat-v1.0.Q2_K.gguf\n"}
    assert _references(tmp_path, files) == []


def test_data_sets_and_output_models_named_after_a_model_are_settings(tmp_path: Path) -> None:
    script = (
        'dataset_name = "mlabonne/guanaco-llama2-1k"\n'
        'new_model = "llama-2-7b-miniguanaco"\n'
        "@dataclass\n"
        "class Args:\n"
        "    new_model_name: Optional[str] = field(\n"
        '        default="llama-2-7b-guanaco",\n'
        "    )\n"
        "    model_name: Optional[str] = field(\n"
        '        default="NousResearch/Llama-2-7b-chat-hf",\n'
        '        metadata={"help": "Tested: Gemma 2B and Llama-3 8B"},\n'
        "    )\n"
    )
    assert _references(tmp_path, {"train.py": script}) == [
        ("train.py", 9, "NousResearch/Llama-2-7b-chat-hf", "use", "llama-2"),
        ("train.py", 10, "Gemma 2B", "mention", "gemma"),
        ("train.py", 10, "Llama-3 8B", "mention", "llama-3"),
    ]


def test_a_run_is_named_by_its_name_not_the_model_it_runs(tmp_path: Path) -> None:
    files = {
        "service.dstack.yml": "type: service\nname: gpt-oss-120b\n\nmodel: openai/gpt-oss-120b\n",
        "task.dstack.yml": "type: task\nname: axolotl-amd-llama31-train\n",
        "pool.yaml": "kind: InferencePool\nspec:\n  target: gpt-oss-20b-inference-pool\n",
    }
    assert _references(tmp_path, files) == [
        ("service.dstack.yml", 4, "openai/gpt-oss-120b", "use", "gpt-oss"),
    ]


def test_prose_sizes_tables_and_slash_joined_lists(tmp_path: Path) -> None:
    readme = (
        "| model | memory |\n"
        "| Mistral 7B   | 14.6 GB |\n"
        "| Mixtral 8x22B | 281 GB |\n"
        "| 12GB | Qwen-1.8B/Qwen-14B-Int4 |\n"
        "Deploy DeepSeek R1 Distill Qwen 7B on a GPU.\n"
    )
    refs = _references(tmp_path, {"README.md": readme})
    assert [(r[1], r[2], r[3]) for r in refs] == [
        (2, "Mistral 7B", "mention"),
        (3, "Mixtral 8x22B", "mention"),
        (4, "Qwen-1.8B", "mention"),
        (4, "Qwen-14B-Int4", "mention"),
        (5, "DeepSeek R1 Distill Qwen 7B", "mention"),  # the distill, read whole (round 15)
    ]


def test_names_with_their_size_after_them_are_read_whole(tmp_path: Path) -> None:
    files = {
        "onboarding.ts": 'export const FIM_TITLE = "Qwen2.5-Coder 1.5B";\n',
        "models.json": '[{"name": "Llama 3.3 70B", "id": 1}]\n',
    }
    assert _references(tmp_path, files) == [
        ("models.json", 1, "Llama 3.3 70B", "use", "llama-3.3"),  # a string's whole value (round 13)
        ("onboarding.ts", 1, "Qwen2.5-Coder 1.5B", "mention", "apache-2.0"),
    ]


def test_a_unit_description_is_prose(tmp_path: Path) -> None:
    files = {"svc.container": "[Unit]\nDescription=RamaLama gpt-oss-120b AI Model Service\n"}
    assert _references(tmp_path, files) == [("svc.container", 2, "gpt-oss-120b", "mention", "gpt-oss")]


def test_mistral_platform_names_resolve_to_their_open_weights_models(tmp_path: Path) -> None:
    files = {
        "client.py": 'llm = ChatMistralAI(model="open-mixtral-8x22b")\nsmall = "open-mistral-7b"\n',
        "groq.ts": 'const MODELS = { "mistral-8x7b": "mixtral-8x7b-32768" };\n',
    }
    assert _references(tmp_path, files) == [
        ("client.py", 1, "open-mixtral-8x22b", "use", "apache-2.0"),
        ("client.py", 2, "open-mistral-7b", "use", "apache-2.0"),
        ("groq.ts", 1, "mistral-8x7b", "use", "apache-2.0"),
        ("groq.ts", 1, "mixtral-8x7b-32768", "use", "apache-2.0"),
    ]


def test_a_version_no_reference_gives_a_licence_for_stays_unresolved(tmp_path: Path) -> None:
    # DeepSeek-V9 is not in the catalogue (V3 is under the DeepSeek licence, V3.1 and later MIT): no guess.
    refs = _references(tmp_path, {"route.json": '{"model": "deepseek-ai/DeepSeek-V9"}\n'})
    assert refs == [("route.json", 1, "deepseek-ai/DeepSeek-V9", "use", None)]


def test_kubectl_kind_and_name_is_a_resource(tmp_path: Path) -> None:
    script = (
        "kubectl wait --for=condition=complete job/gpt-oss-20b-init-job\n"
        "kubectl rollout status deployment/llama-3-8b-instruct\n"
        "kubectl apply -f llm.yaml  # serves openai/gpt-oss-20b\n"
    )
    assert _references(tmp_path, {"deploy.sh": script}) == [
        ("deploy.sh", 3, "openai/gpt-oss-20b", "mention", "gpt-oss"),
    ]


def test_a_python_script_without_an_extension_has_docstrings(tmp_path: Path) -> None:
    script = (
        '#!/usr/bin/env python3\n"""Embed with Qwen3-Embedding-0.6B."""\n'
        'MODEL = "Qwen/Qwen3-Embedding-0.6B"\n'
    )
    assert [(r[1], r[3]) for r in _references(tmp_path, {"bin/embed": script})] == [
        (2, "mention"),
        (3, "use"),
    ]


def test_a_select_options_label_is_display_text(tmp_path: Path) -> None:
    options = (
        '{"options": [\n'
        '  { "label": "Qwen3 XML", "value": "qwen_xml" },\n'
        '  {\n    "label": "Llama3 JSON",\n    "value": "llama3_json"\n  },\n'
        '  { "label": "Llama 3.1 8B", "model": "meta-llama/Llama-3.1-8B-Instruct" }\n'
        "]}\n"
    )
    assert [(r[1], r[2]) for r in _references(tmp_path, {"hub.json": options})] == [
        (7, "Llama 3.1 8B"),
        (7, "meta-llama/Llama-3.1-8B-Instruct"),
    ]
