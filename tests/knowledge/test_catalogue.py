"""The Llama model catalogue: licences, modalities, lineage and the ids other stacks use."""

from __future__ import annotations

import pytest

from weightclear.knowledge import KnowledgeBase, load
from weightclear.knowledge.schema import ModelEntry
from weightclear.model import Modality

LLAMA = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


@pytest.fixture(scope="module")
def llama(kb: KnowledgeBase) -> list[ModelEntry]:
    return [m for m in kb.models.values() if m.family == "llama"]


def test_every_llama_model_resolves_to_a_llama_licence_that_exists(
    kb: KnowledgeBase, llama: list[ModelEntry]
) -> None:
    assert len(llama) >= 50
    for model in llama:
        assert model.licence in kb.licences, model.id
        assert kb.licence(model.licence).family == "llama"
    assert {m.licence for m in llama} == set(LLAMA)  # every version has models


def test_every_licence_version_matches_the_model_version(kb: KnowledgeBase, llama: list[ModelEntry]) -> None:
    for model in llama:
        assert kb.licence(model.licence).version == model.version, model.id


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("llama2:7b", "meta-llama/Llama-2-7b-chat-hf"),
        ("codellama:7b", "codellama/CodeLlama-7b-Instruct-hf"),
        ("llama3.1:8b", "meta-llama/Llama-3.1-8B-Instruct"),
        ("llama3.2-vision:11b", "meta-llama/Llama-3.2-11B-Vision-Instruct"),
        ("llama4:scout", "meta-llama/Llama-4-Scout-17B-16E-Instruct"),
        ("meta.llama3-1-8b-instruct-v1:0", "meta-llama/Llama-3.1-8B-Instruct"),
        ("meta.llama4-maverick-17b-instruct-v1:0", "meta-llama/Llama-4-Maverick-17B-128E-Instruct"),
        ("Meta-Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"),
        ("meta/llama-3.3-70b-instruct-maas", "meta-llama/Llama-3.3-70B-Instruct"),
        ("meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo", "meta-llama/Llama-3.1-405B-Instruct"),
        ("llama-3.3-70b-versatile", "meta-llama/Llama-3.3-70B-Instruct"),
        ("accounts/fireworks/models/llama-v3p1-8b-instruct", "meta-llama/Llama-3.1-8B-Instruct"),
        ("meta-llama/llama-4-scout", "meta-llama/Llama-4-Scout-17B-16E-Instruct"),
        ("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "meta-llama/Llama-3.3-70B-Instruct"),
        ("databricks-meta-llama-3-3-70b-instruct", "meta-llama/Llama-3.3-70B-Instruct"),
        ("meta-llama/meta-llama-3.1-8b", "meta-llama/Llama-3.1-8B"),  # old repo name, any case
    ],
)
def test_ids_of_other_stacks_resolve_to_the_official_model(
    kb: KnowledgeBase, name: str, model_id: str
) -> None:
    model = kb.model_by_alias(name)
    assert model is not None, name
    assert model.id == model_id


@pytest.mark.parametrize(
    ("model_id", "licence"),
    [
        ("codellama/CodeLlama-34b-Instruct-hf", "llama-2"),
        ("meta-llama/LlamaGuard-7b", "llama-2"),
        ("meta-llama/Meta-Llama-Guard-2-8B", "llama-3"),
        ("meta-llama/Llama-Guard-3-8B", "llama-3.1"),
        ("meta-llama/Llama-Guard-3-11B-Vision", "llama-3.2"),
        ("meta-llama/Llama-3.1-405B-Instruct-FP8", "llama-3.1"),
        ("meta-llama/Llama-3.3-70B-Instruct", "llama-3.3"),
        ("meta-llama/Llama-Guard-4-12B", "llama-4"),
        ("meta-llama/Llama-Prompt-Guard-2-86M", "llama-4"),
    ],
)
def test_variants_ship_under_the_licence_of_their_release(
    kb: KnowledgeBase, model_id: str, licence: str
) -> None:
    assert kb.models[model_id].licence == licence


def test_code_llama_is_the_llama_2_licence_with_code_variants(llama: list[ModelEntry]) -> None:
    code = [m for m in llama if m.id.startswith("codellama/")]
    assert len(code) == 12  # 7b, 13b, 34b, 70b x base, Python, Instruct
    assert {m.licence for m in code} == {"llama-2"}
    assert {m.variant for m in code} == {"code", "code-python", "code-instruct"}


def test_vision_and_llama_4_models_are_the_ones_the_eu_limit_reaches(
    kb: KnowledgeBase, llama: list[ModelEntry]
) -> None:
    for model in llama:
        eu = kb.licence(model.licence).eu_multimodal
        reached = eu is not None and model.modality in eu.modalities
        expected = "Vision" in model.id or model.id.startswith("meta-llama/Llama-4") or "Guard-4" in model.id
        assert reached == expected, model.id
    assert kb.models["meta-llama/Llama-3.2-90B-Vision-Instruct"].modality is Modality.VISION
    assert kb.models["meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8"].modality is Modality.MULTIMODAL
    assert kb.models["meta-llama/Llama-3.2-3B-Instruct"].modality is Modality.TEXT


def test_base_models_are_in_the_catalogue_and_in_the_family(
    kb: KnowledgeBase, llama: list[ModelEntry]
) -> None:
    for model in llama:
        if model.base_model:
            assert kb.models[model.base_model].family == "llama", model.id
            assert model.base_model != model.id


def test_aliases_are_not_the_canonical_id_again(llama: list[ModelEntry]) -> None:
    for model in llama:
        lowered = [a.lower() for a in model.aliases]
        assert model.id.lower() not in lowered, model.id
        assert len(lowered) == len(set(lowered)), model.id
