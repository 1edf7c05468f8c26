"""Round 7 of discovery accuracy: general causes read in held-out 5's errors (after its blind measure).

Each test builds a small tree and scans it with the CLI: model pages of other hubs, GGUF download URLs,
provider-prefixed ids and Bedrock's short DeepSeek ids must come out with their licence; substring tests,
architecture fields, tokenizer files, test classes, licence and prompt-format names, Mistral's API tier names
(no version or size) and GPT4All's own models must stay silent.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references


def _references(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str, str | None]]:
    return sorted(cli_references(tmp_path, files))


def test_kaggle_and_modelscope_model_pages_name_their_model(tmp_path: Path) -> None:
    files = {
        "README.md": (
            "# Weights\n"
            "* [on Kaggle](https://www.kaggle.com/models/google/gemma-2/pytorch)\n"
            "* https://modelscope.cn/models/LLM-Research/Meta-Llama-3.1-8B\n"
            "* [Gemma docs](https://ai.google.dev/gemma)\n"
        ),
    }
    assert _references(tmp_path, files) == [
        ("README.md", 2, "google/gemma-2", "mention", "gemma"),
        ("README.md", 3, "LLM-Research/Meta-Llama-3.1-8B", "mention", "llama-3.1"),
    ]


def test_a_gguf_download_url_names_its_file(tmp_path: Path) -> None:
    files = {
        "models.json": (
            "[\n"
            "  {\n"
            '    "filename": "mistral-7b-openorca.gguf2.Q4_0.gguf",\n'
            '    "url": "https://example.org/models/gguf/mistral-7b-openorca.gguf2.Q4_0.gguf"\n'
            "  }\n"
            "]\n"
        ),
    }
    assert _references(tmp_path, files) == [
        ("models.json", 3, "mistral-7b-openorca.gguf2.Q4_0.gguf", "use", "apache-2.0"),
        ("models.json", 4, "mistral-7b-openorca.gguf2.Q4_0.gguf", "use", "apache-2.0"),
    ]


def test_provider_prefixed_ids_tier_names_and_bedrock_short_ids(tmp_path: Path) -> None:
    files = {
        "agent.py": (
            "agent = Agent('mistral:open-mistral-7b')\n"
            'local = Agent("ollama:qwen3")\n'
            'routed = "gateway/bedrock:mistral.mixtral-8x7b-instruct-v0:1"\n'
            'LIMITS = {"deepseek.r1": 32768}\n'
            'small = "mistral-small-latest"\n'
            'chat = Agent("openai:gpt-4o")\n'
        ),
    }
    assert _references(tmp_path, files) == [
        ("agent.py", 1, "open-mistral-7b", "use", "apache-2.0"),
        ("agent.py", 2, "qwen3", "use", "apache-2.0"),
        ("agent.py", 3, "mistral.mixtral-8x7b-instruct-v0:1", "use", "apache-2.0"),
        ("agent.py", 4, "deepseek.r1", "use", "mit"),
    ]


def test_sizes_with_an_underscore_point_and_gguf_format_markers(tmp_path: Path) -> None:
    files = {"run.sh": "llama-server -m qwen2-1_5b-instruct-q4_0.gguf\n"}
    assert _references(tmp_path, files) == [
        ("run.sh", 1, "qwen2-1_5b-instruct-q4_0.gguf", "use", "apache-2.0")
    ]


def test_architecture_fields_tokenizers_and_test_classes_name_no_model(tmp_path: Path) -> None:
    # substring tests were silent too until round 42, when they became uses (test_accuracy_round42.py)
    files = {
        "match.py": (
            "def template_of(model_name):\n"
            "    if ('llama-2' in model_name):\n"
            "        return None\n"
            "    if 'qwen2' not in name:\n"
            "        return None\n"
            "    if model_path.lower().startswith('gemma-2'):\n"
            "        return None\n"
            'TOKENIZER = "tokenizer/gemma3_cleaned_262144_v2.spiece.model"\n'
            "class TestQwen3VLChatTemplate:\n"
            "    pass\n"
            'MODEL_TYPE = "Qwen/Qwen2-7B"\n'
        ),
        "catalogue.json": '[{"type": "LLaMA3", "arch": "qwen2", "filename": "x.bin"}]\n',
    }
    found = [ref for ref in _references(tmp_path, files) if ref[1] > 7]
    assert found == [("match.py", 11, "Qwen/Qwen2-7B", "use", "apache-2.0")]


def test_licence_and_format_names_tier_names_and_gpt4all_models_name_no_model(tmp_path: Path) -> None:
    files = {
        "models.json": (
            "[\n"
            '  {"description": "<li>Accepts prompts in Phi-3 format<li>Meta Llama 3.2 Community License",\n'
            '   "filename": "gpt4all-falcon-newbpe-q4_0.gguf",\n'
            '   "url": "https://example.org/models/gguf/gpt4all-falcon-newbpe-q4_0.gguf"},\n'
            '  {"filename": "Meta-Llama-3-8B-Instruct.Q4_0.gguf"}\n'
            "]\n"
        ),
        "chat.py": 'llm = ChatMistralAI(model="mistral-large-latest")\nserve = "deepseek:r1-671b"\n',
    }
    assert _references(tmp_path, files) == [
        ("chat.py", 2, "deepseek:r1-671b", "use", "mit"),
        ("models.json", 5, "Meta-Llama-3-8B-Instruct.Q4_0.gguf", "use", "llama-3"),
    ]


def test_a_gguf_file_named_like_a_module_path_is_read(tmp_path: Path) -> None:
    files = {
        "models.json": '[{"filename": "em_german_mistral_v01.Q4_0.gguf"}]\n',
        "m.py": "import qwen2.modeling\n",
    }
    assert _references(tmp_path, files) == [
        ("models.json", 1, "em_german_mistral_v01.Q4_0.gguf", "use", "apache-2.0")
    ]


def test_a_description_in_a_data_file_is_prose(tmp_path: Path) -> None:
    files = {
        "models.json": (
            '[{"description": "<li>Based on <a href=\\"https://x.org/q\\">Qwen2.5-Coder 7B</a></li>",\n'
            '  "model": "Qwen/Qwen2.5-7B-Instruct"}]\n'
        ),
    }
    assert _references(tmp_path, files) == [
        ("models.json", 1, "Qwen2.5-Coder 7B", "mention", "apache-2.0"),
        ("models.json", 2, "Qwen/Qwen2.5-7B-Instruct", "use", "apache-2.0"),
    ]


def test_a_served_name_and_a_parser_option_name_no_model(tmp_path: Path) -> None:
    files = {
        "isvc.yaml": ("args:\n- --model_name=llama2\n- --model_id=meta-llama/Llama-2-7b-chat-hf\n"),
        "launch.sh": "xinference launch --model-name qwen2.5-7b --size-in-billions 7\n",
        "hub.json": (
            '{"key": "REASONING_PARSER", "input": {\n'
            '  "options": [\n'
            '    { "label": "Qwen3", "value": "qwen3" }\n'
            "  ]}}\n"
        ),
        "models.json": '{"key": "MODEL", "options": [{"label": "Q", "value": "Qwen/Qwen2.5-7B-Instruct"}]}\n',
    }
    assert _references(tmp_path, files) == [
        ("isvc.yaml", 3, "meta-llama/Llama-2-7b-chat-hf", "use", "llama-2"),
        ("launch.sh", 1, "qwen2.5-7b", "use", "apache-2.0"),
        ("models.json", 1, "Qwen/Qwen2.5-7B-Instruct", "use", "apache-2.0"),
    ]


def test_a_spaced_name_is_a_use_as_a_strings_whole_value_in_code(tmp_path: Path) -> None:
    # round 13: a string that holds only the name (a model list's `name`, a message's `author`) is the
    # name the program runs or shows for its model, as held-out 5, 7, 8 and 9 label it; a title or
    # display name and a longer text stay mentions
    files = {
        "client.py": (
            "payload = dict(model='Llama 3.2 1B Instruct', max_tokens=5)\n"
            'TITLE = "Llama 3.1 8B"\n'
            'print("We run Llama 3.1 8B here")\n'
            'msg = Message(author="Llama 2")\n'
            'report("Gemma 2 evaluation report")\n'
        ),
        "models.json": '[{"name": "Llama 3 8B Instruct", "displayName": "Qwen2.5 7B"}]\n',
    }
    assert _references(tmp_path, files) == [
        ("client.py", 1, "Llama 3.2 1B Instruct", "use", "llama-3.2"),  # the variant too, since round 31
        ("client.py", 2, "Llama 3.1 8B", "mention", "llama-3.1"),
        ("client.py", 3, "Llama 3.1 8B", "mention", "llama-3.1"),
        ("client.py", 4, "Llama 2", "use", "llama-2"),
        ("client.py", 5, "Gemma 2", "mention", "gemma"),
        ("models.json", 1, "Llama 3 8B Instruct", "use", "llama-3"),
        ("models.json", 1, "Qwen2.5 7B", "mention", "apache-2.0"),
    ]


def test_mistral_names_with_a_line_word_before_the_size_or_date(tmp_path: Path) -> None:
    files = {
        "README.md": "| Mistral Nemo 12B | 12.2B |\n| Mistral Large 2407 | 123B |\nThe Llama Large model\n"
    }
    assert _references(tmp_path, files) == [
        ("README.md", 1, "Mistral Nemo 12B", "mention", "apache-2.0"),
        ("README.md", 2, "Mistral Large 2407", "mention", "mistral-research"),
    ]
