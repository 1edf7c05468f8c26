"""Rounds 20 onward of discovery accuracy (session 10).

A republisher's revision written after a catalogue spelling's date or size
(`nvidia/DeepSeek-R1-0528-NVFP4-v2`) is that model's revision, not the family's version: it was read as
a derivative of DeepSeek V2 (DeepSeek licence) where the model is DeepSeek-R1-0528 (MIT).
"""

from __future__ import annotations

import pytest

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
