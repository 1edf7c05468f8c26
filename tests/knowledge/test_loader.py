"""The loader validates and cross-checks every data file; bad data built here must be refused."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from weightclear.errors import KnowledgeError
from weightclear.knowledge import load
from weightclear.knowledge.loader import load_from

DATA = resources.files("weightclear.knowledge").joinpath("data")


def _bundled(folder: str, name: str) -> dict[str, Any]:
    data = yaml.safe_load(DATA.joinpath(folder, name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _model(model_id: str, licence: str = "llama-3.1", **extra: Any) -> dict[str, Any]:
    return {"id": model_id, "family": "llama", "licence": licence, "modality": "text", **extra}


def _tree(
    root: Path,
    licence: Callable[[dict[str, Any]], None] = lambda d: None,
    models: list[dict[str, Any]] | None = None,
    with_policy: bool = True,
) -> Path:
    """A one-licence data folder: llama-3.1 (changed by ``licence``), its policy, a small catalogue."""
    terms = _bundled("licences", "llama-3.1.yaml")
    licence(terms)
    catalogue = {"schema": 1, "family": "llama", "as_of": "2026-01-01", "models": models or [_model("m/one")]}
    files = {"licences/llama-3.1.yaml": terms, "models/llama.yaml": catalogue}
    if with_policy:
        files["aup/llama-3.1-aup.yaml"] = _bundled("aup", "llama-3.1-aup.yaml")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_the_bundled_knowledge_base_loads_and_cross_checks() -> None:
    kb = load()
    assert {"llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4"} <= set(kb.licences)
    assert re.fullmatch(r"[0-9a-f]{16}", kb.digest)
    assert load() is kb  # loaded once per process


def test_a_copy_of_the_bundled_data_loads_to_the_same_digest(tmp_path: Path) -> None:
    with resources.as_file(DATA) as data:
        shutil.copytree(data, tmp_path / "data")
    assert load_from(tmp_path / "data").digest == load().digest


def test_a_small_valid_tree_loads(tmp_path: Path) -> None:
    kb = load_from(_tree(tmp_path))
    assert set(kb.licences) == {"llama-3.1"}
    assert kb.policy_for("llama-3.1") is not None
    assert kb.model_by_alias("M/ONE") is not None


def test_a_fact_without_a_clause_fails_validation(tmp_path: Path) -> None:
    def drop(d: dict[str, Any]) -> None:
        del d["attribution"]["clause"]

    with pytest.raises(KnowledgeError, match=r"(?s)llama-3\.1\.yaml.*attribution\.clause\s+Field required"):
        load_from(_tree(tmp_path, drop))


def test_a_fact_with_an_empty_clause_fails_validation(tmp_path: Path) -> None:
    def empty(d: dict[str, Any]) -> None:
        d["user_threshold"]["clause"] = ""

    with pytest.raises(KnowledgeError, match=r"user_threshold\.clause"):
        load_from(_tree(tmp_path, empty))


def test_a_licence_without_a_source_hash_fails(tmp_path: Path) -> None:
    def drop(d: dict[str, Any]) -> None:
        del d["source"]

    with pytest.raises(KnowledgeError, match="no source hash"):
        load_from(_tree(tmp_path, drop))


def test_a_source_hash_that_is_not_sha256_fails(tmp_path: Path) -> None:
    def short(d: dict[str, Any]) -> None:
        d["source"]["sha256"] = "abc123"

    with pytest.raises(KnowledgeError, match=r"source\.sha256"):
        load_from(_tree(tmp_path, short))


def test_a_blank_clause_summary_fails(tmp_path: Path) -> None:
    def blank(d: dict[str, Any]) -> None:
        d["clauses"]["§3"] = "   "

    with pytest.raises(KnowledgeError, match="clauses without a summary"):
        load_from(_tree(tmp_path, blank))


def test_an_unknown_field_fails(tmp_path: Path) -> None:
    def extra(d: dict[str, Any]) -> None:
        d["attribution"]["colour"] = "red"

    with pytest.raises(KnowledgeError, match="colour"):
        load_from(_tree(tmp_path, extra))


def test_a_missing_use_policy_fails(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=re.escape("aup_id 'llama-3.1-aup' has no policy file")):
        load_from(_tree(tmp_path, with_policy=False))


def test_a_model_under_an_unknown_licence_fails(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="licence 'llama-9' unknown"):
        load_from(_tree(tmp_path, models=[_model("m/one", licence="llama-9")]))


def test_an_alias_of_two_models_fails(tmp_path: Path) -> None:
    models = [_model("m/one", aliases=["shared:tag"]), _model("m/two", aliases=["SHARED:tag"])]
    with pytest.raises(KnowledgeError, match="names both"):
        load_from(_tree(tmp_path, models=models))


def test_a_base_model_outside_the_catalogue_fails(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="base_model 'm/ghost'"):
        load_from(_tree(tmp_path, models=[_model("m/one", base_model="m/ghost")]))
