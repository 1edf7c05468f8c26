"""Round 41 of discovery accuracy (session 15), from held-out 72 (terminal assistants: plandex, aicommit2,
tlm, CodeGPT, gpt-cli), 73 (knowledge graphs: HippoRAG, MiniRAG, nano-graphrag, llm-graph-builder,
DeepKE) and 74 (finance agents: TradingAgents, FinLoRA, FinMem, PIXIU, TradingAgents-CN), each measured
once before its errors were read, and from the list of what session 14 left.

A family written as the org of a bare version (`deepseek/v3`, `deepseek/r1-70b`: a tool's own tags) is
that family's model, and `org/v3` is no second version of a name before it; a name whose every catalogued
model has one and the same version takes it when the size fits (`mixtral:8x22b-instruct` is Mixtral
v0.1, while `llama-7b` stays unresolved); a Llama 2 size the catalogue lacks (`chinese-llama-2-1.3b`)
is Llama 2's, not undecided between Llama 2 and the Guard models numbered 2; Ollama's `qwen:4b` is
Qwen1.5-4B, under Qwen's research licence; BLOOM and BLOOMZ are read by a size of their own (`BLOOM-560M`,
`bloomz-7b1-mt`; "bloom" alone is a filter or an app), with the sizes the catalogue lacked added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery.conftest import texts_and_licences
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


def test_a_family_as_the_org_of_a_version(tmp_path: Path) -> None:
    source = (
        'Planner: roleConfig(RolePlanner, "deepseek/r1"),\n'
        'Coder: roleConfig(RoleCoder, "deepseek/v3"),\n'
        'Tag: "deepseek/r1-70b",\n'
    )
    found = texts_and_licences(tmp_path, {"packs.go": source})
    assert found == [("deepseek/r1", "mit"), ("deepseek/v3", "deepseek"), ("deepseek/r1-70b", "llama-3.3")]


def test_a_second_version_after_a_slash_still_splits() -> None:
    kb = load()
    # "Llama-3/3.1" is Llama 3, then another version of it; "deepseek/v3" has no version before the slash
    assert resolve_name("deepseek/v3", kb).model_id == "deepseek-ai/DeepSeek-V3"
    assert resolve_name("mistral/7b", kb).licence_id == "apache-2.0"


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("mixtral:8x22b-instruct", "mistralai/Mixtral-8x22B-Instruct-v0.1"),
        ("mixtral 8x7b", "mistralai/Mixtral-8x7B-Instruct-v0.1"),
    ],
)
def test_the_one_catalogued_version_of_a_name(name: str, model: str) -> None:
    found = resolve_name(name, load())
    assert (found.model_id, found.licence_id) == (model, "apache-2.0")


def test_a_size_alone_still_picks_no_version_where_a_name_has_several() -> None:
    kb = load()
    for name in ("llama-7b", "llama 13b", "llama-65b"):
        assert resolve_name(name, kb).licence_id is None, name


def test_ollama_qwen_4b_is_qwen1_5_under_the_research_licence() -> None:
    found = resolve_name("qwen:4b", load())
    assert (found.model_id, found.licence_id) == ("Qwen/Qwen1.5-4B-Chat", "tongyi-qianwen-research")


def test_an_uncatalogued_size_takes_its_version_line_not_the_guard_models() -> None:
    # Llama Guard 2 and Prompt Guard 2 carry the number 2 under other licences: a Llama 2 size the
    # catalogue lacks (a community 1.3B) is still Llama 2's
    kb = load()
    for name in ("llama-2-1.3b", "hfl/chinese-llama-2-1.3b"):
        assert resolve_name(name, kb).licence_id == "llama-2", name


def test_bloom_by_a_size_of_its_own(tmp_path: Path) -> None:
    source = (
        'MODELS = {"BLOOM-560M": "x", "BLOOMZ-7B1-mt": "y"}\n'
        "use_bloom_filter = True\n"
        "# Neo4j Bloom 2.3 draws the graph\n"
    )
    found = texts_and_licences(tmp_path, {"models.py": source})
    assert found == [("BLOOM-560M", "bigscience-rail-1.0"), ("BLOOMZ-7B1-mt", "bigscience-rail-1.0")]
