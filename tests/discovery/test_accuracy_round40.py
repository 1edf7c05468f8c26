"""Round 40 of discovery accuracy (session 14), from held-out 66 (home automation and voice assistants:
GLaDOS, pico-cookbook, xiaozhi-esp32-server, home-assistant-datasets, picollm), 67 (scientific agents:
Biomni, LLaVA-Med, MDCrow, OpenBioMed, MedRAG) and 68 (security tooling: stride-gpt, FuzzyAI, cai,
pentagi, Cyber-AutoAgent), each measured once before its errors were read.

Ollama Cloud's models: the `ollama_cloud/` client prefix, and tags that end in `-cloud`
(`nemotron-3-nano:30b-cloud`), which name the same model as the tag without it.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_ollama_cloud_prefix_and_tags(tmp_path: Path) -> None:
    config = "cai_model: ollama_cloud/llama3.3:70b\nmodel: nemotron-3-nano:30b-cloud\n"
    found = texts_and_licences(tmp_path, {"agent.yaml": config})
    assert found == [
        ("ollama_cloud/llama3.3:70b", "llama-3.3"),
        ("nemotron-3-nano:30b-cloud", "nvidia-open-model"),
    ]


def test_a_cloud_tag_is_the_model_without_it() -> None:
    kb = load()
    for tag in ("gpt-oss:120b", "qwen3:8b", "deepseek-v3.1:671b"):
        local, cloud = resolve_name(tag, kb), resolve_name(f"{tag}-cloud", kb)
        assert (cloud.model_id, cloud.licence_id) == (local.model_id, local.licence_id)
        assert cloud.licence_id is not None
