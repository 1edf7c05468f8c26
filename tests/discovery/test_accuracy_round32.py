"""Round 32 of discovery accuracy (session 13), from held-out 40 (voice and vision assistants: speech-to-
speech, ultravox, LLaVA, openvla, maestro), 41 (image and video generation: sd-scripts, Wan2.1, LTX-Video,
two ComfyUI node packs) and 42 (code assistants: twinny, pr-agent, llama.vscode, opencommit, ProxyAI),
each measured once before its errors were read.

Stable Diffusion is named in prose and by its short name ("Stable Diffusion 3.5", "Stable Diffusion XL",
"SD3", "SD1.5"; "SD3/3.5" is SD3 and another version of it), counted when capitalised as written. A
version written with dashes or underscores is read after every word (`ultravox-v0_6-llama-3_3-70b` is
Llama 3.3). The lines under a YAML `description:` key with nothing after its colon (a plain multi-line
text, a mapping of translations) are text a person reads.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import cli_references, texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_stable_diffusion_in_prose_and_by_its_short_name(tmp_path: Path) -> None:
    readme = (
        "Train SD3, SD3.5 or SD1.5 LoRAs, as for Stable Diffusion 3.5 and Stable Diffusion XL.\n"
        "SD3/3.5 share a text encoder.\n"
        "Not these: usd1 = 3, sd3_train.py, the Stable Diffusion model.\n"
    )
    found = {
        (line, text, licence) for _, line, text, _, licence in cli_references(tmp_path, {"README.md": readme})
    }
    assert found == {
        (1, "SD3", "stability-community"),
        (1, "SD3.5", "stability-community"),
        (1, "SD1.5", "creativeml-openrail-m"),
        (1, "Stable Diffusion 3.5", "stability-community"),
        (1, "Stable Diffusion XL", "creativeml-openrail-pp-m"),
        (2, "SD3", "stability-community"),
    }


def test_a_version_written_with_dashes_after_a_second_word() -> None:
    kb = load()
    assert resolve_name("fixie-ai/ultravox-v0_6-llama-3_3-70b", kb).licence_id == "llama-3.3"
    assert resolve_name("fixie-ai/ultravox-v0_5-llama-3_1-8b", kb).licence_id == "llama-3.1"
    assert resolve_name("meta-llama/llama-3-1-8b-instruct", kb).licence_id == "llama-3.1"
    assert resolve_name("mistral-7b-instruct-v0-3", kb).licence_id == "apache-2.0"
    assert resolve_name("mistral-7b-v0-1", kb).model_id == "mistralai/Mistral-7B-v0.1"  # after a size too


MANIFEST = """\
description:
  human:
    en_US:
      a workflow that generates images. Supports SD1.5, SDXL and SD3 checkpoints,
      but not models that need a triple clip loader.
  llm: draw the image you want.
parameters:
  - name: model
    default: stabilityai/stable-diffusion-3.5-large
"""


def test_text_under_a_yaml_description_key_is_a_mention(tmp_path: Path) -> None:
    found = {(text, role) for _, _, text, role, _ in cli_references(tmp_path, {"txt2img.yaml": MANIFEST})}
    assert {("SD1.5", "mention"), ("SDXL", "mention"), ("SD3", "mention")} <= found
    assert ("stabilityai/stable-diffusion-3.5-large", "use") in found


def test_a_replicate_version_and_catalogue_additions(tmp_path: Path) -> None:
    build = "2c1608e18606fad2812020dc541930f2d0495ce32eee50074220b87300bc16e1"  # a sha256 of one build
    code = (
        f'MODEL = "replicate/llama-2-70b-chat:{build}"\n'
        'GUARD = "meta-llama/LlamaGuard-2-8b"\n'
        'CODER = "codegemma-1.1-7b-it-GGUF"\n'
    )
    found = set(texts_and_licences(tmp_path, {"models.py": code}))
    assert found == {
        ("replicate/llama-2-70b-chat", "llama-2"),
        ("meta-llama/LlamaGuard-2-8b", "llama-3"),  # Llama Guard 2 is a Llama 3 8B fine-tune
        ("codegemma-1.1-7b-it-GGUF", "gemma"),
    }
