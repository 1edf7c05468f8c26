"""The Llama facts, checked against the official texts (read at test time from ../shared).

Without ../shared the corpus tests skip; the tests that only read our own data
still run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from weightclear.knowledge import KnowledgeBase, load
from weightclear.knowledge.schema import LicenceTerms, UsePolicy
from weightclear.model import Modality

LLAMA = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")
EU_VERSIONS = {"llama-3.2", "llama-3.3", "llama-4"}
BASE_KEYS = [
    "violence-terrorism",
    "child-exploitation",
    "human-trafficking",
    "minors-illegal-distribution",
    "sexual-solicitation",
    "other-criminal-activity",
    "harassment",
    "discrimination",
    "unlicensed-practice",
    "private-information",
    "infringement",
    "malicious-code",
    "military-weapons",
    "guns-illegal-weapons",
    "illegal-drugs",
    "critical-infrastructure",
    "self-harm",
    "incite-violence",
    "fraud-disinformation",
    "defamation",
    "spam",
    "impersonation",
    "undisclosed-ai-output",
    "fake-engagement",
    "undisclosed-dangers",
]
SECTIONS = {  # the rendered sections every version shares (brief and licence-facts §1.4)
    "violence-terrorism": "1.a.i",
    "other-criminal-activity": "1.a.vi",
    "harassment": "1.b",
    "malicious-code": "1.g",
    "military-weapons": "2.a",
    "incite-violence": "2.f",
    "fraud-disinformation": "3.a",
    "fake-engagement": "3.f",
    "undisclosed-dangers": "4",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def _flat(text: str) -> str:
    """Whitespace collapsed and Markdown emphasis/escapes dropped, so wrapped or bold text compares."""
    return " ".join(text.replace("**", "").replace("\\", "").split())


def _text(corpus: Path, relative: str) -> str:
    return _flat((corpus / relative).read_text(encoding="utf-8"))


def _licence_text(corpus: Path, terms: LicenceTerms) -> str:
    assert terms.source is not None
    return _text(corpus, terms.source.file)


def _policy_text(corpus: Path, policy: UsePolicy) -> str:
    assert policy.source is not None
    return _text(corpus, policy.source.file)


def _policy(kb: KnowledgeBase, licence_id: str) -> UsePolicy:
    policy = kb.policy_for(licence_id)
    assert policy is not None, f"{licence_id} has no use policy"
    return policy


@pytest.mark.parametrize("licence_id", LLAMA)
def test_source_hash_is_the_sha256_of_the_corpus_file(
    kb: KnowledgeBase, corpus: Path, licence_id: str
) -> None:
    for source in (kb.licence(licence_id).source, _policy(kb, licence_id).source):
        assert source is not None
        assert hashlib.sha256((corpus / source.file).read_bytes()).hexdigest() == source.sha256


@pytest.mark.parametrize("licence_id", LLAMA)
def test_title_date_and_notice_strings_occur_in_the_official_text(
    kb: KnowledgeBase, corpus: Path, licence_id: str
) -> None:
    terms = kb.licence(licence_id)
    text = _licence_text(corpus, terms)
    assert terms.title in text
    assert terms.date_line and terms.date_line in text
    assert terms.redistribution and terms.redistribution.notice_text
    assert _flat(terms.redistribution.notice_text) in text
    policy = _policy(kb, licence_id)
    assert policy.title in _policy_text(corpus, policy)


@pytest.mark.parametrize("licence_id", LLAMA)
def test_release_date_is_the_date_on_the_date_line(kb: KnowledgeBase, licence_id: str) -> None:
    terms = kb.licence(licence_id)
    assert terms.date_line and terms.release_date
    written = re.search(r"Date: (\w+ \d+, \d{4})$", terms.date_line)
    assert written, terms.date_line
    assert dt.datetime.strptime(written.group(1), "%B %d, %Y").date() == terms.release_date


def test_attribution_is_built_with_meta_llama_3_then_built_with_llama(kb: KnowledgeBase) -> None:
    texts = {lid: (a.text if (a := kb.licence(lid).attribution) else None) for lid in LLAMA}
    assert texts == {
        "llama-2": None,
        "llama-3": "Built with Meta Llama 3",
        "llama-3.1": "Built with Llama",
        "llama-3.2": "Built with Llama",
        "llama-3.3": "Built with Llama",
        "llama-4": "Built with Llama",
    }


@pytest.mark.parametrize("licence_id", LLAMA[1:])
def test_attribution_and_prefix_strings_are_the_texts(
    kb: KnowledgeBase, corpus: Path, licence_id: str
) -> None:
    terms = kb.licence(licence_id)
    text = _licence_text(corpus, terms)
    assert terms.attribution and terms.naming_prefix
    assert f"display “{terms.attribution.text}”" in text
    assert f"include “{terms.naming_prefix.prefix}” at the beginning" in text
    # the prefix also applies to models trained on outputs exactly when the text says so
    assert terms.naming_prefix.on_outputs == (
        "any outputs or results of the Llama Materials to create" in text
    )


@pytest.mark.parametrize("licence_id", LLAMA)
def test_output_clause_only_in_llama_2_and_3(kb: KnowledgeBase, corpus: Path, licence_id: str) -> None:
    terms = kb.licence(licence_id)
    in_text = "to improve any other large language model" in _licence_text(corpus, terms)
    assert in_text == (licence_id in {"llama-2", "llama-3"})
    assert terms.output_use is not None
    expected = "prohibited" if in_text else "allowed-with-naming"
    assert terms.output_use.improve_other_models == expected
    assert ("§1.b.v" in terms.clauses) == in_text


@pytest.mark.parametrize("licence_id", LLAMA)
def test_eu_limit_only_in_3_2_3_3_and_4(kb: KnowledgeBase, corpus: Path, licence_id: str) -> None:
    terms, policy = kb.licence(licence_id), _policy(kb, licence_id)
    in_text = "European Union" in _policy_text(corpus, policy)
    assert in_text == (licence_id in EU_VERSIONS)
    assert (terms.eu_multimodal is not None) == in_text
    assert (policy.eu_paragraph is not None) == in_text
    if terms.eu_multimodal:
        assert set(terms.eu_multimodal.modalities) == {Modality.VISION, Modality.MULTIMODAL}
        assert terms.eu_multimodal.end_users_exempt
        assert terms.eu_multimodal == policy.eu_paragraph


@pytest.mark.parametrize("licence_id", LLAMA)
def test_user_threshold_is_700m_for_licensee_and_affiliates(
    kb: KnowledgeBase, corpus: Path, licence_id: str
) -> None:
    terms = kb.licence(licence_id)
    assert "greater than 700 million monthly active users" in _licence_text(corpus, terms)
    u = terms.user_threshold
    assert u is not None
    assert (u.limit, u.unit, u.measured) == (
        700_000_000,
        "monthly-active-users",
        "calendar-month-before-release",
    )
    assert u.includes_affiliates and u.integrated_product_recipients_exempt
    assert (u.clause, u.exempt_clause) == ("§2", "§1.b.ii")


@pytest.mark.parametrize("licence_id", LLAMA)
def test_policy_categories_use_the_shared_keys(kb: KnowledgeBase, corpus: Path, licence_id: str) -> None:
    policy = _policy(kb, licence_id)
    keys = [c.key for c in policy.categories]
    new = licence_id in EU_VERSIONS
    expected = list(BASE_KEYS)
    if new:
        expected.insert(expected.index("malicious-code") + 1, "circumvent-safety")
        expected.append("unlawful-third-party-tools")
    assert keys == expected
    sections = {c.key: c.section for c in policy.categories}
    assert {k: sections[k] for k in SECTIONS} == SECTIONS
    if new:
        assert (sections["circumvent-safety"], sections["unlawful-third-party-tools"]) == ("1.h", "5")
    text = _policy_text(corpus, policy)
    assert ("circumvent or remove usage restrictions" in text) == new
    assert ("Interact with third party tools" in text) == new
    assert policy.licence_ids == (licence_id,)
    assert kb.licence(licence_id).aup_id == policy.id == f"{licence_id}-aup"


@pytest.mark.parametrize("licence_id", LLAMA)
def test_every_fact_cites_a_section_the_clauses_map_summarises(kb: KnowledgeBase, licence_id: str) -> None:
    terms = kb.licence(licence_id)
    facts = [
        terms.user_threshold,
        terms.attribution,
        terms.naming_prefix,
        terms.redistribution,
        terms.output_use,
        terms.eu_multimodal,
        terms.flow_down,
        terms.governing_law,
    ]
    assert terms.user_threshold and terms.redistribution
    cited = [f.clause for f in facts if f is not None] + [terms.use_scope_clause]
    cited += [terms.user_threshold.exempt_clause or "", terms.redistribution.notice_clause or ""]
    for clause in cited:
        if clause.startswith("AUP"):
            continue
        section = re.match(r"§\d+(\.[a-z]+)*", clause)
        assert section and section.group(0) in terms.clauses, clause
    assert {
        "§1.a",
        "§1.b.i",
        "§1.b.ii",
        "§1.b.iii",
        "§1.b.iv",
        "§2",
        "§3",
        "§4",
        "§5.a",
        "§5.b",
        "§5.c",
        "§6",
        "§7",
    } <= set(terms.clauses)


@pytest.mark.parametrize("licence_id", LLAMA)
def test_identifiers_crosswalk(kb: KnowledgeBase, licence_id: str) -> None:
    terms = kb.licence(licence_id)
    hf = "llama" + licence_id.removeprefix("llama-")
    assert terms.identifiers.hf == (hf,)
    key = terms.identifiers.scancode[0]
    assert terms.identifiers.spdx == f"LicenseRef-scancode-{key}"
    for name in (hf, key, f"LicenseRef-scancode-{key}", *terms.identifiers.urls):
        found = kb.licence_by_identifier(name)
        assert found is not None and found.id == licence_id, name
