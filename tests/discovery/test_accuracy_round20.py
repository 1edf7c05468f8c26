"""Rounds 20 onward of discovery accuracy (session 10).

A republisher's revision written after a catalogue spelling's date or size
(`nvidia/DeepSeek-R1-0528-NVFP4-v2`) is that model's revision, not the family's version: it was read as
a derivative of DeepSeek V2 (DeepSeek licence) where the model is DeepSeek-R1-0528 (MIT).
Mistral 3 (Ministral 3 3B / 8B / 14B and Mistral Large 3, December 2025) is catalogued under Apache-2.0, so
"Mistral Large" with no version now names models under two licences (Large 2 is research-only) and
resolves to none. "Ministral" is a family word the scan looks for (it was found only after `mistralai/`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery.conftest import cli_references
from weightclear.knowledge import load
from weightclear.resolve import resolve_name


@pytest.mark.parametrize(
    ("name", "licence", "base"),
    [
        ("nvidia/DeepSeek-R1-0528-NVFP4-v2", "mit", "deepseek-ai/DeepSeek-R1-0528"),
        ("acme/Llama-3.1-8B-Instruct-v2", "llama-3.1", "meta-llama/Llama-3.1-8B-Instruct"),
    ],
)
def test_a_revision_after_a_catalogue_spelling_is_not_the_family_version(
    name: str, licence: str, base: str
) -> None:
    found = resolve_name(name, load())
    assert (found.licence_id, found.lineage[:1]) == (licence, (base,))


def test_a_version_after_the_size_of_a_community_name_is_still_its_own() -> None:
    # dolphin-mistral:7b-v2.6 spells no catalogue model without its 2.6, so the structural reading keeps it
    found = resolve_name("dolphin-mistral:7b-v2.6", load())
    assert found.licence_id == "apache-2.0"


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("Ministral-3-8B-Instruct-2512", "mistralai/Ministral-3-8B-Instruct-2512"),
        ("ministral-3:14b", "mistralai/Ministral-3-14B-Instruct-2512"),
        ("mistralai/Mistral-Large-3-675B-Instruct-2512-BF16", "mistralai/Mistral-Large-3-675B-Instruct-2512"),
    ],
)
def test_mistral_3_is_apache(name: str, model: str) -> None:
    found = resolve_name(name, load())
    assert (found.model_id, found.licence_id) == (model, "apache-2.0")


def test_mistral_large_without_a_version_names_two_licences() -> None:
    found = resolve_name("mistral-large", load())
    assert found.licence_id is None
    assert "apache-2.0" in found.reason and "mistral-research" in found.reason


MINISTRAL = """\
MODELS = {
    "ministral-3": "ministral-3:8b",
}
# Ministral-3-14B-Instruct-2512 is the largest
"""


def test_ministral_is_a_family_word(tmp_path: Path) -> None:
    found = cli_references(tmp_path, {"models.py": MINISTRAL})
    assert [(line, text, role, licence) for _, line, text, role, licence in found] == [
        (2, "ministral-3", "use", "apache-2.0"),
        (2, "ministral-3:8b", "use", "apache-2.0"),
        (4, "Ministral-3-14B-Instruct-2512", "mention", "apache-2.0"),
    ]
