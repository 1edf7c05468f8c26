"""diff_licences: what changes between two licence versions, as a pure function of the knowledge base."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weightclear.errors import KnowledgeError
from weightclear.knowledge import load
from weightclear.knowledge.diff import Aspect, Change, diff_licences

KB = load()
IDS = sorted(KB.licences)


def _aspects(changes: tuple[Change, ...]) -> list[tuple[str, str | None]]:
    return [(c.aspect.value, c.key) for c in changes]


def test_llama_3_to_3_1() -> None:
    changes = {c.aspect: c for c in diff_licences(KB, "llama-3", "llama-3.1") if c.key is None}
    attribution = changes[Aspect.ATTRIBUTION]
    assert (attribution.old, attribution.new) == ("'Built with Meta Llama 3'", "'Built with Llama'")
    assert attribution.old_clause == attribution.new_clause == "§1.b.i(B)"
    assert changes[Aspect.NAMING_PREFIX].new == "'Llama' at the start"
    assert (changes[Aspect.NAMING_ON_OUTPUTS].old, changes[Aspect.NAMING_ON_OUTPUTS].new) == ("no", "yes")
    output = changes[Aspect.OUTPUT_USE]
    assert output.old is not None and output.old.startswith("prohibited")
    assert output.new == "allowed-with-naming"
    assert (output.old_clause, output.new_clause) == ("§1.b.v", "§1.b.i, last sentence")
    assert Aspect.EU_MULTIMODAL not in changes and Aspect.USER_THRESHOLD not in changes


def test_llama_3_1_to_3_2_is_the_policy_and_the_eu_limit() -> None:
    aspects = _aspects(diff_licences(KB, "llama-3.1", "llama-3.2"))
    assert aspects == [
        ("release-date", None),
        ("eu-multimodal", None),
        ("notice", None),
        ("aup-added", "circumvent-safety"),
        ("aup-added", "unlawful-third-party-tools"),
        ("aup-reworded", "private-information"),
        ("aup-reworded", "military-weapons"),
    ]


def test_llama_2_to_3_shows_the_new_duties_and_the_rewritten_sections() -> None:
    changes = diff_licences(KB, "llama-2", "llama-3")
    added = {c.aspect for c in changes if c.old is None}
    assert {Aspect.ATTRIBUTION, Aspect.NAMING_PREFIX} <= added
    assert [c.key for c in changes if c.aspect is Aspect.CLAUSE] == ["§1.b.i", "§3", "§5.a"]


def test_text_only_versions_differ_in_date_and_notice_only() -> None:
    for old, new in (("llama-3.2", "llama-3.3"), ("llama-3.3", "llama-4")):
        assert _aspects(diff_licences(KB, old, new)) == [("release-date", None), ("notice", None)]


def test_going_back_from_3_1_to_3_lists_the_removed_section() -> None:
    removed = [
        c
        for c in diff_licences(KB, "llama-3.1", "llama-3")
        if c.aspect is Aspect.CLAUSE and c.key == "§1.b.v"
    ]
    assert len(removed) == 1
    assert removed[0].old is None and removed[0].new_clause == "§1.b.v"


def test_an_unknown_id_raises_a_knowledge_error() -> None:
    with pytest.raises(KnowledgeError, match="llama-7"):
        diff_licences(KB, "llama-3", "llama-7")


@settings(max_examples=60, deadline=None)
@given(old=st.sampled_from(IDS), new=st.sampled_from(IDS))
def test_a_diff_read_backwards_is_the_same_diff_mirrored(old: str, new: str) -> None:
    forward = diff_licences(KB, old, new)
    backward = diff_licences(KB, new, old)
    mirror = {Aspect.AUP_ADDED: Aspect.AUP_REMOVED, Aspect.AUP_REMOVED: Aspect.AUP_ADDED}
    flipped = {
        (mirror.get(c.aspect, c.aspect), c.key, c.new, c.old, c.new_clause, c.old_clause) for c in forward
    }
    assert flipped == {(c.aspect, c.key, c.old, c.new, c.old_clause, c.new_clause) for c in backward}
    assert all((c.old, c.old_clause) != (c.new, c.new_clause) for c in forward)
    assert (forward == ()) == (old == new)


@settings(max_examples=30, deadline=None)
@given(old=st.sampled_from(IDS), new=st.sampled_from(IDS))
def test_changes_come_in_aspect_order(old: str, new: str) -> None:
    order = list(Aspect)
    positions = [order.index(c.aspect) for c in diff_licences(KB, old, new)]
    assert positions == sorted(positions)
