"""Forms found wrong on the dev labels in the second accuracy round, each fixed in general terms.

Each test builds a small tree the way real repositories write it and scans it with the CLI: bare
Ollama tags count only where Ollama runs them, a resource's own name is not a model, output model
names are not models. The benchmark's comparison of a label with a prediction is tested last.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from tests.conftest import load_script

from discovery.conftest import cli_references

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "discovery_accuracy.py"


def _scan(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str, str | None]]:
    """(path, line, text, role, licence) of every reference the CLI reports for ``files``."""
    return sorted(cli_references(tmp_path, files))


def test_bare_ollama_tags_count_where_ollama_runs_them(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        {
            "setup.sh": "ollama pull mistral\nollama run mixtral\n",
            "Modelfile": "FROM mistral\nPARAMETER temperature 0.2\n",
            "chat.py": "import ollama\nreply = ollama.chat(model='mistral', messages=[])\n",
            "values.yaml": "ollama:\n  models:\n    pull:\n      - mistral\n      - llama3.1\n",
            "litellm.py": 'completion(model="ollama/mistral", messages=[])\n',
            ".env": "OLLAMA_MODEL=mistral\nLLM_PROVIDER=mistral\n",
            "lc.py": 'from langchain_ollama import ChatOllama\nllm = ChatOllama(model="mistral")\n',
            "chat.js": "const reply = await ollama.chat({ model: 'gemma:7b', messages })\n"
            "await ollama.pull({ model: 'mistral' })\n",
        },
    )
    assert [(p, line, text, role, lic) for p, line, text, role, lic in found] == [
        (".env", 1, "mistral", "use", "apache-2.0"),
        ("Modelfile", 1, "mistral", "use", "apache-2.0"),
        ("chat.js", 1, "gemma:7b", "use", "gemma"),
        ("chat.js", 2, "mistral", "use", "apache-2.0"),
        ("chat.py", 2, "mistral", "use", "apache-2.0"),
        ("lc.py", 2, "mistral", "use", "apache-2.0"),
        ("litellm.py", 1, "ollama/mistral", "use", "apache-2.0"),
        ("setup.sh", 1, "mistral", "use", "apache-2.0"),
        ("setup.sh", 2, "mixtral", "use", "apache-2.0"),
        ("values.yaml", 4, "mistral", "use", "apache-2.0"),
        ("values.yaml", 5, "llama3.1", "use", "llama-3.1"),
    ]


def test_bare_family_words_elsewhere_stay_words(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        {
            "notes.md": "The mistral wind blows; we compared gemma and phi.\n",
            "tags.yaml": "tags:\n  - mistral\n  - gemma\n",
            "app.py": 'provider = "mistral"\nclient = Mistral(api_key=key)\n',
            "run.sh": "ollama serve &\nollama list\n",
        },
    )
    assert found == []


def test_ollama_helm_values_commented_out_are_mentions(tmp_path: Path) -> None:
    found = _scan(
        tmp_path, {"values.yaml": "models:\n  # pull:\n  #  - llama2\n  #  - mistral\n  pull: []\n"}
    )
    assert [(line, text, role) for _, line, text, role, _ in found] == [
        (3, "llama2", "mention"),
        (4, "mistral", "mention"),
    ]


def test_a_resource_named_after_a_model_is_not_the_model(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        {
            "values.yaml": (
                "servingEngineSpec:\n"
                "  modelSpec:\n"
                '  - name: "llama3"\n'
                '    modelURL: "meta-llama/Llama-3.1-8B-Instruct"\n'
                "loraAdapters:\n"
                '  - name: "llama3-nemoguard-adapter"\n'
            ),
            "model.yaml": "kind: Model\nmetadata:\n  name: gemma2-a\nspec:\n  url: hf://google/gemma-2-2b-it\n",
            "tags.json": '{"models": [{"name": "qwen3:8b"}]}\n',
            # a name with a size still names the model it lists
            "models.py": 'MODELS = {"mixtral": {"name": "Mixtral-8x7b-Instruct-v0.1", "tokens": 32768}}\n',
        },
    )
    assert [(p, line, text) for p, line, text, _, _ in found] == [
        ("model.yaml", 5, "google/gemma-2-2b-it"),  # the resource's model is its hf:// URI
        ("models.py", 1, "Mixtral-8x7b-Instruct-v0.1"),
        ("tags.json", 1, "qwen3:8b"),
        ("values.yaml", 4, "meta-llama/Llama-3.1-8B-Instruct"),
    ]


def test_output_model_names_are_not_models(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        {
            "tune.py": (
                'base_model_id = "meta.llama3-1-8b-instruct-v1:0:128k"\n'
                'custom_model_name = f"llama31-8B-finetune-{ts}"\n'
                'args = SFTConfig(hub_model_id="Llama-3.2-1B-sft")\n'
            )
        },
    )
    assert [(line, text, lic) for _, line, text, _, lic in found] == [
        (1, "meta.llama3-1-8b-instruct-v1:0:128k", "llama-3.1")
    ]


def _benchmark() -> ModuleType:
    return load_script(BENCHMARK)


def test_benchmark_compares_canonical_names() -> None:
    bench = _benchmark()
    assert bench.canonical("models--mistralai--Mistral-7B-v0.1") == "mistralai/mistral-7b-v0.1"
    assert bench.canonical("hf://Qwen/Qwen2.5-7B-Instruct") == "qwen/qwen2.5-7b-instruct"
    assert bench.canonical("https://huggingface.co/google/gemma-2b-it") == "google/gemma-2b-it"
    labels = [
        {"line": 3, "text": "gemma3"},
        {"line": 3, "text": "user/gemma3"},
        {"line": 5, "text": "Llama 3.1 8B Instruct"},
        {"line": 7, "text": "models--mistralai--mistral-7b-v0.1"},
        {"line": 9, "text": "llama3.1"},
    ]
    got = [
        (3, "user/gemma3", "use", None),
        (3, "gemma3", "use", None),
        (5, "Llama 3.1 8B", "mention", None),
        (7, "mistralai/mistral-7b-v0.1", "use", None),
        (9, "llama3", "use", None),  # a shorter name is not the same model
    ]
    pairs = bench._pair(labels, got)
    assert [(e["text"], hit[1] if hit else None) for e, hit in pairs] == [
        ("gemma3", "gemma3"),
        ("user/gemma3", "user/gemma3"),
        ("Llama 3.1 8B Instruct", "Llama 3.1 8B"),
        ("models--mistralai--mistral-7b-v0.1", "mistralai/mistral-7b-v0.1"),
        ("llama3.1", None),
    ]
    assert got == [(9, "llama3", "use", None)]  # what is left was not expected


def test_benchmark_counts_a_name_repeated_on_its_line_once(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    rows = [
        {"repo": "o/r", "commit": "c", "path": "a.py", "line": 48, "text": t, "model": "m", "licence": None}
        for t in ("gemma-7b-it", "Gemma-7b-it")
    ]
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [e["text"] for e in _benchmark().load_labels(labels)[("o/r", "c", "a.py")]] == ["gemma-7b-it"]


def test_a_name_written_again_next_to_its_id_is_kept(tmp_path: Path) -> None:
    # the same name twice on a line names a model twice (a copy, a Markdown link's text and its URL);
    # only a longer bare name next to the id is an output named after it
    found = _scan(
        tmp_path,
        {
            "copy.py": "import ollama\nollama.copy('gemma3', 'user/gemma3')\n",
            "README.md": "See [Devstral-Small-2505](https://huggingface.co/mistralai/Devstral-Small-2505).\n",
            "sft.py": 'model_id, out = "meta-llama/Llama-3.2-3B", "Llama-3.2-3B-SFT"\n',
        },
    )
    assert [(p, text, role) for p, _, text, role, _ in found] == [
        ("README.md", "Devstral-Small-2505", "mention"),
        ("README.md", "mistralai/Devstral-Small-2505", "mention"),
        ("copy.py", "gemma3", "use"),
        ("copy.py", "user/gemma3", "use"),
        ("sft.py", "meta-llama/Llama-3.2-3B", "use"),
    ]
