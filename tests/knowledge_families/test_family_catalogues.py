"""The non-Llama model catalogues: licences, lineage, decoys and the keys the screener shares."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from weightclear.knowledge import KnowledgeBase, load

DOCS = Path(__file__).resolve().parents[2] / "docs" / "knowledge-families.md"
# Category keys of the Llama policies: a family policy reuses them where the meaning is the same.
LLAMA_KEYS = {
    "violence-terrorism", "child-exploitation", "human-trafficking", "minors-illegal-distribution",
    "sexual-solicitation", "other-criminal-activity", "harassment", "discrimination",
    "unlicensed-practice", "private-information", "infringement", "malicious-code", "circumvent-safety",
    "military-weapons", "guns-illegal-weapons", "illegal-drugs", "critical-infrastructure", "self-harm",
    "incite-violence", "fraud-disinformation", "defamation", "spam", "impersonation",
    "undisclosed-ai-output", "fake-engagement", "undisclosed-dangers", "unlawful-third-party-tools",
}  # fmt: skip


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def test_every_catalogue_model_has_a_known_licence_and_base(kb: KnowledgeBase) -> None:
    non_llama = [m for m in kb.models.values() if m.family != "llama"]
    assert len(non_llama) > 150
    for model in non_llama:
        assert model.licence in kb.licences, model.id
        assert model.base_model is None or model.base_model in kb.models, model.id


@pytest.mark.parametrize(
    ("model_id", "licence"),
    [
        ("Qwen/Qwen-7B", "tongyi-qianwen"),
        ("Qwen/Qwen-1_8B", "tongyi-qianwen-research"),
        ("Qwen/Qwen1.5-14B-Chat", "tongyi-qianwen"),
        ("Qwen/Qwen1.5-1.8B-Chat", "tongyi-qianwen-research"),
        ("Qwen/Qwen2-7B-Instruct", "apache-2.0"),
        ("Qwen/Qwen2-72B-Instruct", "tongyi-qianwen"),
        ("Qwen/Qwen2.5-3B-Instruct", "qwen-research"),
        ("Qwen/Qwen2.5-14B-Instruct", "apache-2.0"),
        ("Qwen/Qwen2.5-72B-Instruct", "qwen"),
        ("Qwen/Qwen3-8B", "apache-2.0"),
        ("deepseek-ai/DeepSeek-V3", "deepseek"),
        ("deepseek-ai/DeepSeek-R1", "mit"),
        ("deepseek-ai/DeepSeek-R1-Zero", "mit"),
        ("mistralai/Mixtral-8x7B-Instruct-v0.1", "apache-2.0"),
        ("mistralai/Codestral-22B-v0.1", "mistral-non-production"),
        ("mistralai/Mistral-Large-Instruct-2407", "mistral-research"),
        ("mistralai/Ministral-8B-Instruct-2410", "mistral-research"),
        ("tiiuae/falcon-40b", "apache-2.0"),
        ("tiiuae/falcon-11B", "falcon-2"),
        ("tiiuae/Falcon3-10B-Instruct", "falcon-3"),
        ("microsoft/phi-4", "mit"),
        ("allenai/OLMo-2-1124-7B", "apache-2.0"),
        ("openai/gpt-oss-120b", "gpt-oss"),
        ("runwayml/stable-diffusion-v1-5", "creativeml-openrail-m"),
        ("stabilityai/stable-diffusion-xl-base-1.0", "creativeml-openrail-pp-m"),
        ("stabilityai/sd-turbo", "stability-nc-research"),
        ("stabilityai/stable-diffusion-3.5-large", "stability-community"),
        ("nvidia/Nemotron-4-340B-Instruct", "nvidia-open-model"),
        ("bigscience/bloom", "bigscience-rail-1.0"),
        ("bigcode/starcoder", "bigcode-openrail-m"),
    ],
)
def test_model_licence_matches_the_family_rules(kb: KnowledgeBase, model_id: str, licence: str) -> None:
    assert kb.models[model_id].licence == licence


@pytest.mark.parametrize(
    ("distill", "base", "licence"),
    [
        ("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "meta-llama/Llama-3.1-8B", "llama-3.1"),
        ("deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "meta-llama/Llama-3.3-70B-Instruct", "llama-3.3"),
        ("deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", "Qwen/Qwen2.5-14B", "apache-2.0"),
        ("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", "Qwen/Qwen2.5-Math-1.5B", "apache-2.0"),
    ],
)
def test_r1_distills_carry_their_base_models_licence(
    kb: KnowledgeBase, distill: str, base: str, licence: str
) -> None:
    model = kb.models[distill]
    assert model.base_model == base
    assert model.licence == kb.models[base].licence == licence


def test_decoys_are_apache_and_not_llama(kb: KnowledgeBase) -> None:
    for model_id, family in (
        ("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "tinyllama"),
        ("openlm-research/open_llama_7b", "openllama"),
    ):
        model = kb.models[model_id]
        assert (model.licence, model.family) == ("apache-2.0", family)
        assert not model.licence.startswith("llama")
    assert kb.model_by_alias("tinyllama:1.1b") == kb.models["TinyLlama/TinyLlama-1.1B-Chat-v1.0"]


@pytest.mark.parametrize(
    ("alias", "model_id"),
    [
        ("gemma2:9b", "google/gemma-2-9b-it"),
        ("qwen2.5:7b", "Qwen/Qwen2.5-7B-Instruct"),
        ("deepseek-r1:8b", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"),
        ("mistral:7b", "mistralai/Mistral-7B-Instruct-v0.3"),
        ("phi3", "microsoft/Phi-3-mini-4k-instruct"),
        ("falcon3:7b", "tiiuae/Falcon3-7B-Instruct"),
        ("GPT-OSS:120B", "openai/gpt-oss-120b"),
    ],
)
def test_ollama_tags_are_aliases(kb: KnowledgeBase, alias: str, model_id: str) -> None:
    model = kb.model_by_alias(alias)
    assert model is not None and model.id == model_id


def test_cloud_aliases_name_one_model_each(kb: KnowledgeBase) -> None:
    seen: dict[str, str] = {}
    for model in kb.models.values():
        for alias in model.aliases:
            assert seen.setdefault(alias.lower(), model.id) == model.id, alias


def test_new_policy_keys_are_documented(kb: KnowledgeBase) -> None:
    family_policies = [p for p in kb.policies.values() if not p.id.startswith("llama")]
    new = {c.key for p in family_policies for c in p.categories} - LLAMA_KEYS
    assert new, "the family policies introduce keys of their own"
    text = DOCS.read_text(encoding="utf-8")
    missing = sorted(k for k in new if f"`{k}`" not in text)
    assert not missing, f"document these keys in {DOCS.name}: {missing}"


def test_every_family_file_names_its_schema_and_date() -> None:
    data = Path(__file__).resolve().parents[2] / "src" / "weightclear" / "knowledge" / "data"
    for path in sorted((data / "models").glob("*.yaml")):
        if path.name == "llama.yaml":
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["schema"] == 1 and doc["as_of"], path.name
        assert {m["family"] for m in doc["models"]}, path.name


def test_each_identifier_names_one_licence(kb: KnowledgeBase) -> None:
    owner: dict[str, str] = {}
    for terms in kb.licences.values():
        ids = terms.identifiers
        names = {
            *ids.hf,
            *ids.scancode,
            *(u.rstrip("/") for u in ids.urls),
            *([ids.spdx] if ids.spdx else []),
        }
        for name in names:
            assert owner.setdefault(name.lower(), terms.id) == terms.id, name
    assert kb.licence_by_identifier("openrail++") == kb.licence("creativeml-openrail-pp-m")
    assert kb.licence_by_identifier("deepseek-license") == kb.licence("deepseek")
    assert kb.licence_by_identifier("LicenseRef-scancode-qwen-2024") == kb.licence("qwen")
