"""group_models: one ModelUse per model, lineage through model cards and GGUF headers, on trees built here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.artefacts.ggufs import write_gguf

from weightclear.discovery import discover
from weightclear.knowledge import load
from weightclear.model import Evidence, Location, ModelCard, ModelUse, Reference, Role
from weightclear.resolve import group_models, resolve_name
from weightclear.resolve_cards import Cards, lineage_from_cards

KB = load()


def card(root: Path, folder: str, front: str) -> None:
    path = root / folder / "README.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n# {folder}\n")


def models_of(root: Path, context: object = None) -> dict[str, ModelUse]:
    evidence = discover(root, KB, resolver=resolve_name)
    return {m.model_id: m for m in group_models(evidence, KB, context)}


def test_chain_of_fine_tune_and_quantisation_reaches_llama_3_1(tmp_path: Path) -> None:
    card(
        tmp_path, "release/acme-a", "license: other\nbase_model: acme/acme-b\nbase_model_relation: finetune\n"
    )
    card(tmp_path, "release/acme-b", "base_model: meta-llama/Llama-3.1-8B\nbase_model_relation: quantized\n")
    models = models_of(tmp_path)
    a, b = models["acme-a"], models["acme-b"]
    assert (a.licence_id, a.family, a.lineage) == (
        "llama-3.1",
        "llama",
        ("acme-b", "meta-llama/Llama-3.1-8B"),
    )
    assert (b.licence_id, b.lineage) == ("llama-3.1", ("meta-llama/Llama-3.1-8B",))
    assert a.used and b.used
    # the base_model entry in acme-a's card and acme-b's own folder are the same model
    assert sorted(r.kind for r in b.references) == ["hf-folder", "model-card"]
    assert all(r.resolution is not None and r.resolution.licence_id == "llama-3.1" for r in b.references)
    assert "meta-llama/Llama-3.1-8B" in models


def test_a_base_model_cycle_terminates(tmp_path: Path) -> None:
    card(tmp_path, "loop/c", "base_model: acme/d\n")
    card(tmp_path, "loop/d", "base_model: acme/c\nlicense: llama3.1\n")
    models = models_of(tmp_path)
    assert models["c"].lineage == ("d",)
    assert models["d"].lineage == ("c",)
    # no base resolves, so the licence the cards declare is used (when the knowledge base knows it)
    expected = "llama-3.1" if KB.licence_by_identifier("llama3.1") else None
    assert models["c"].licence_id == expected
    assert "loops" in (models["c"].references[0].resolution.reason or "")  # type: ignore[union-attr]


def test_gguf_base_models_give_the_lineage(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    write_gguf(tmp_path / "models" / "acme-support-8b.Q4_K_M.gguf", tokens=[b"a"])
    (gguf_model,) = [m for m in models_of(tmp_path).values() if m.references[0].kind == "gguf-file"]
    assert gguf_model.model_id == "Acme Support 8B"
    assert gguf_model.licence_id == "llama-3.1"
    assert gguf_model.lineage[0] == "meta-llama/Llama-3.1-8B-Instruct"


def test_references_group_by_canonical_model_and_sort(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Modelfile").write_text("FROM llama3.1:8b\n")
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "Modelfile").write_text("FROM llama3.1\n")
    (tmp_path / "cache" / "models--meta-llama--Llama-3.1-8B-Instruct").mkdir(parents=True)
    models = models_of(tmp_path)
    use = models["meta-llama/Llama-3.1-8B-Instruct"]
    assert [r.location.path for r in use.references] == [
        "app/Modelfile",
        "cache/models--meta-llama--Llama-3.1-8B-Instruct",
        "deploy/Modelfile",
    ]
    assert (use.licence_id, use.family, use.modality.value) == ("llama-3.1", "llama", "text")  # type: ignore[union-attr]


def test_unknown_weights_are_kept_for_review_but_libraries_are_not(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("llama-index==0.10\nllama-cpp-python\n")
    (tmp_path / "weights").mkdir()
    (tmp_path / "weights" / "Modelfile").write_text("FROM ./mystery-model.gguf\n")
    models = models_of(tmp_path)
    assert models["mystery-model.gguf"].licence_id is None
    assert not any("index" in m or "cpp" in m for m in models)


def test_models_that_are_only_mentioned_stay_in_the_list() -> None:
    ref = Reference(
        location=Location(path="README.md", line=3), text="Llama 3.3", kind="model-name", role=Role.MENTION
    )
    (use,) = group_models(Evidence(root=".", references=(ref,)), KB, None)
    assert (use.model_id, use.licence_id, use.used) == (
        "meta-llama/Llama-3.3-70B-Instruct",
        "llama-3.3",
        False,
    )


@dataclass(frozen=True)
class _Declared:
    id: str


@dataclass(frozen=True)
class _Context:
    models: tuple[_Declared, ...]
    rel_path: str = "weightclear.toml"


def test_models_declared_in_the_context_are_included() -> None:
    context = _Context(models=(_Declared("meta.llama3-1-70b-instruct-v1:0"),))
    (use,) = group_models(Evidence(root="."), KB, context)
    assert use.model_id == "meta-llama/Llama-3.1-70B-Instruct"
    assert (use.references[0].kind, use.references[0].location.path, use.used) == (
        "config",
        "weightclear.toml",
        True,
    )


def test_real_context_type_is_accepted() -> None:
    context_module = pytest.importorskip("weightclear.context")
    context = context_module.parse_config('[[models]]\nid = "llama3.3"\naccess = "self-hosted"\n')
    (use,) = group_models(Evidence(root="."), KB, context)
    assert use.model_id == "meta-llama/Llama-3.3-70B-Instruct"
    assert use.references[0].location.line == 1


def test_lineage_from_cards_directly() -> None:
    a = ModelCard(location=Location(path="a/README.md"), name="a", base_models=("org/b",))
    b = ModelCard(location=Location(path="b/README.md"), name="b", base_models=("a",))  # loops back
    found = lineage_from_cards("a", a, KB, Cards([a, b]), resolve_name)
    assert (found.model_id, found.licence_id, found.lineage) == ("a", None, ("b",))


def test_licence_ids_and_prose_in_a_model_folder_are_not_that_model(tmp_path: Path) -> None:
    card(tmp_path, "release/acme-x", "base_model: meta-llama/Llama-3.2-1B\n")
    (tmp_path / "release" / "acme-x" / "NOTICE").write_text("Llama 3.1 is mentioned here.\n")
    (tmp_path / "policy.yaml").write_text('licence: "llama-3.1"\n')
    models = models_of(tmp_path)
    assert [r.location.path for r in models["acme-x"].references] == ["release/acme-x/README.md"]
    assert "llama-3.1" not in models  # a licence id, not a model
    assert models["acme-x"].licence_id == "llama-3.2"
