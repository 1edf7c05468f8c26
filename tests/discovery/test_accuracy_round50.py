"""Round 50 of discovery accuracy (session 17), from held-out 99 (low-code LLM app builders: TaskingAI,
pyspur, coze-studio, bisheng, sim), 100 (labelling and human-feedback tools: prometheus-eval,
data-is-better-together, autolabel, flow-judge, Kiln) and 101 (geospatial, climate and agriculture
assistants: QGIS-Copilot, AgriMind, GeoAgent, llmrag, geoai), each measured once before its errors were read.

Translation keys for a model's display name or text (`i18n:llama3_8b_name`) name no model; a class whose
name puts words before the family and version (`HostLlama2Chat`) is code; a llamafile repository whose
only family word is the suffix (`flowaicom/Flow-Judge-v0.1-Llamafile`) is no Llama. A model maker's own
repository under an endpoint or run setting (`ENDPOINT_NAME = "meta-llama/..."`) is that model; Kiln's
snake-case ids take Llama 4's named variants and embedding words (`llama_4_maverick`,
`qwen_3_embedding_8b`); Volcengine writes a snapshot after a slash (`DeepSeek-R1/250528`). A message
passed to a `log(` / `_log(` call, a Gradio tab's title and a QML comment are text a person reads.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import benchmark_pairs, lines_texts_roles, texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_translation_keys_classes_and_a_llamafile_of_no_family_name_no_model(tmp_path: Path) -> None:
    files = {
        "llama3-8b.yml": (
            "model_id: llama3-8b-8192\nname: i18n:llama3_8b_name\ndescription: i18n:llama3_8b_description\n"
        ),
        "chat_models.py": "from .host_llm import HostLlama2Chat\n\nMODEL = 'Qwen/Qwen2.5-7B-Instruct'\n",
        "judge.py": (
            'REPO = "flowaicom/Flow-Judge-v0.1-Llamafile"\n'
            'LOCAL = "Mozilla/Llama-3.2-1B-Instruct-llamafile"\n'
        ),
    }
    assert texts_and_licences(tmp_path, files) == [
        ("Qwen/Qwen2.5-7B-Instruct", "apache-2.0"),
        ("Mozilla/Llama-3.2-1B-Instruct-llamafile", "llama-3.2"),
        ("llama3-8b-8192", "llama-3"),
    ]


def test_a_makers_repository_under_an_endpoint_setting_and_kiln_ids(tmp_path: Path) -> None:
    files = {
        "gen.py": (
            'ENDPOINT_NAME = "meta-llama/Meta-Llama-3-70B-Instruct"\n'
            'OUTPUT_DIR = "llama-3-8b-sft"\n'
            'DATASET_NAME = "meta-llama/Llama-3.2-3B-Instruct-evals"\n'
        ),
        "test_adaptors.py": (
            '@pytest.mark.parametrize("model_name", ["llama_4_maverick", "qwen_3_embedding_8b"])\n'
        ),
    }
    assert texts_and_licences(tmp_path, files) == [
        ("meta-llama/Meta-Llama-3-70B-Instruct", "llama-3"),
        ("llama_4_maverick", "llama-4"),
        ("qwen_3_embedding_8b", "apache-2.0"),
    ]
    assert resolve_name("DeepSeek-R1/250528", load()).model_id == "deepseek-ai/DeepSeek-R1"


def test_log_calls_gradio_tabs_and_qml_comments_are_mentions(tmp_path: Path) -> None:
    files = {
        "diagnostics.py": "_log(\"No models found. Pull one: 'ollama pull llama3.1:8b'\", Qgis.Warning)\n",
        "app.py": 'with gr.TabItem("Fine-tuned qwen2.5 7b model"):\n    pass\n',
        "ChatPanel.qml": 'property string aiModelName: ""      // e.g., "Llama 3.1 70B"\n',
    }
    assert lines_texts_roles(tmp_path, files) == [
        (1, "Llama 3.1 70B", "mention"),
        (1, "qwen2.5 7b", "mention"),
        (1, "llama3.1:8b", "mention"),
    ]


def test_benchmark_pairs_a_bedrock_id_with_its_cross_region_profile() -> None:
    got = [
        (1, "gateway/bedrock:us.meta.llama3-1-70b-instruct-v1:0"),
        (2, "eu.meta.llama3-2-1b-instruct-v1:0"),
    ]
    labels = [(1, "meta.llama3-1-70b-instruct-v1:0"), (2, "us.meta.llama3-2-1b-instruct-v1:0")]
    assert benchmark_pairs(labels, got) == [
        ("meta.llama3-1-70b-instruct-v1:0", "gateway/bedrock:us.meta.llama3-1-70b-instruct-v1:0"),
        ("us.meta.llama3-2-1b-instruct-v1:0", "eu.meta.llama3-2-1b-instruct-v1:0"),
    ]
