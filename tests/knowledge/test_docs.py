"""docs/knowledge.md names every diff aspect and every Llama policy key, so the docs cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from weightclear.knowledge import load
from weightclear.knowledge.diff import Aspect

DOC = Path(__file__).resolve().parents[2] / "docs" / "knowledge.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_every_diff_aspect_is_documented(doc: str) -> None:
    missing = [a.value for a in Aspect if f"`{a.value}`" not in doc]
    assert missing == []


def test_every_llama_policy_key_is_documented_with_its_section(doc: str) -> None:
    kb = load()
    for licence_id in ("llama-2", "llama-3.2", "llama-4"):
        policy = kb.policy_for(licence_id)
        assert policy is not None
        for category in policy.categories:
            assert f"{category.section} {category.key}" in doc, category.key
