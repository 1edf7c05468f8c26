"""Round 43 of discovery accuracy (session 16), from held-out 78 (note-taking plugins:
obsidian-smart-composer, obsidian-textgenerator-plugin, reor, open-notebook, SurfSense), 79 (audio and
video tools: ichigo, document-to-podcast, VideoLLaMA2, meeting-minutes, Ask-Anything) and 80 (prompt
optimisation and LLM testing: AdalFlow, textgrad, ChainForge, inspect_ai, giskard), each measured once
before its errors were read.

DAMO's VideoLLaMA 2 and 3 are built on Mistral, Mixtral and Qwen2, so `VideoLLaMA2` names no Llama 2 (the
first Video-LLaMA, written with a hyphen, has Llama 2 checkpoints and stays read); a module of the package
imported by a relative import (`from .llama31 import ...`) and an identifier a function returns
(`return falcon7b;`) are code; Ollama's `details` give an architecture as a bare `family` (`"family":
"gemma4"`, while `llm_family: llama2` still names a model); a test's made-up credential (`deepseek-key-456`)
names no model.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import texts_and_licences


def test_videollama_names_no_llama_but_video_llama_2_is_llama_2(tmp_path: Path) -> None:
    source = (
        'MODELS = ["DAMO-NLP-SG/VideoLLaMA2-7B-16F", "DAMO-NLP-SG/VideoLLaMA2.1-7B-AV"]\n'
        'V1 = "DAMO-NLP-SG/Video-LLaMA-2-7B-Finetuned"\n'
        'BASE = "mistralai/Mistral-7B-Instruct-v0.2"\n'
    )
    found = texts_and_licences(tmp_path, {"models.py": source})
    assert found == [
        ("DAMO-NLP-SG/Video-LLaMA-2-7B-Finetuned", "llama-2"),
        ("mistralai/Mistral-7B-Instruct-v0.2", "apache-2.0"),
    ]


def test_imported_modules_and_returned_identifiers_are_code(tmp_path: Path) -> None:
    python = 'from .llama31 import Llama31Handler\nMODEL = "llama3.1:8b"\n'
    script = (
        'function preset() {\n  const falcon7b = load();\n  return falcon7b;\n}\nconst model = "falcon:7b";\n'
    )
    found = [text for text, _ in texts_and_licences(tmp_path, {"util.py": python, "App.tsx": script})]
    assert found == ["falcon:7b", "llama3.1:8b"]


def test_ollamas_family_field_is_an_architecture(tmp_path: Path) -> None:
    source = (
        'SHOW = {"details": {"family": "gemma4", "quantization_level": "Q4_K_M"}}\n'
        'BACKBONE = {"llm_family": "llama2", "hf_hub_path": "meta-llama/Llama-2-7b-hf"}\n'
    )
    found = texts_and_licences(tmp_path, {"show.py": source})
    assert found == [("llama2", "llama-2"), ("meta-llama/Llama-2-7b-hf", "llama-2")]


def test_a_tests_made_up_credential_names_no_model(tmp_path: Path) -> None:
    source = 'KEYS = {"deepseek": "deepseek-key-456", "mistral": "mistral-key-789"}\nMODEL = "deepseek-r1"\n'
    assert texts_and_licences(tmp_path, {"test_keys.py": source}) == [("deepseek-r1", "mit")]
