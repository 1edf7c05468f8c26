"""Round 35 of discovery accuracy (session 13), from held-out 49 (research code: SimPO, HELMET, EAGLE,
simpleRL-reason, wanda), 50 (productivity tools: mods, gptme, chatbox, two Obsidian plugins) and 51 (MLOps
example collections: truss-examples, Cerebrium, BentoML, Lepton, Anyscale), each measured once before its
errors were read.

A user's own alias or deployment of a model (`my-llama-3.1-8b`, `deploy-llama-3-70b`) names no model; a
Markdown link to a page of the same repository is a path; "Stable Diffusion XL Turbo", "DeepSeek-V3 0324"
and "Nemotron 3 Nano" are read whole in prose.
"""

from __future__ import annotations

from pathlib import Path

from discovery.conftest import texts_and_licences


def _found(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, str | None]]:
    return set(texts_and_licences(tmp_path, files))


def test_a_users_alias_or_deployment_of_a_model_is_no_model(tmp_path: Path) -> None:
    serve = (
        'llm_config = LLMConfig(model_loading_config={"model_id": "my-llama-3.1-8b",\n'
        '    "model_source": "meta-llama/Llama-3.1-8B-Instruct"})\n'
    )
    service = "name: deploy-llama-3-8b\n"
    assert _found(tmp_path, {"serve.py": serve, "service.yaml": service}) == {
        ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1")
    }


def test_a_relative_link_and_whole_prose_names(tmp_path: Path) -> None:
    readme = (
        "3. [Refined image generation with SDXL](7-image-and-video/3-sdxl-refiner)\n"
        "Deploy DeepSeek-V3 0324, Stable Diffusion XL Turbo or Nemotron 3 Nano.\n"
        "See [the model](https://huggingface.co/meta-llama/Llama-3.2-1B).\n"
    )
    assert _found(tmp_path, {"README.md": readme}) == {
        ("SDXL", "creativeml-openrail-pp-m"),
        ("DeepSeek-V3 0324", "mit"),
        ("Stable Diffusion XL Turbo", "stability-nc-research"),
        ("Nemotron 3 Nano", "nvidia-open-model"),
        ("meta-llama/Llama-3.2-1B", "llama-3.2"),  # the Hub URL, reported as its id
    }


def test_a_name_tail_is_a_whole_word(tmp_path: Path) -> None:
    # the review's table of name tails: "XL" continues the name, "XLarge" is another word
    readme = "Stable Diffusion XLarge is no model; SDXL Turbos neither, but SDXL is.\n"
    assert _found(tmp_path, {"README.md": readme}) == {("SDXL", "creativeml-openrail-pp-m")}
