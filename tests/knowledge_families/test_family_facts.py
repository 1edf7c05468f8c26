"""The non-Llama licence facts, checked against the official texts read at test time.

The corpus (../shared) is located relative to the repository; without it the
tests that read texts skip, and the tests on our own data still run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from weightclear.knowledge import KnowledgeBase, load
from weightclear.knowledge.schema import LicenceTerms, UseScope

AGREEMENTS = (
    "gemma", "qwen", "qwen-research", "tongyi-qianwen", "tongyi-qianwen-research", "deepseek",
    "falcon-2", "falcon-3", "mistral-research", "mistral-non-production", "openrail-m",
    "bigscience-rail-1.0", "bigcode-openrail-m", "creativeml-openrail-m", "creativeml-openrail-pp-m",
    "stability-community", "stability-nc-research", "nvidia-open-model", "nvidia-open-model-agreement",
    "gpt-oss",
)  # fmt: skip
STANDARD = ("apache-2.0", "mit")
POLICIES = (
    "gemma-prohibited-use", "deepseek-use-restrictions", "falcon-2-aup", "falcon-3-aup",
    "openrail-m-use-restrictions", "bigscience-rail-1.0-use-restrictions",
    "bigcode-openrail-m-use-restrictions", "creativeml-openrail-m-use-restrictions",
    "creativeml-openrail-pp-m-use-restrictions", "gpt-oss-usage-policy",
)  # fmt: skip
# The gpt-oss policy file has no title line; its entry names it in our words.
UNTITLED = {"gpt-oss"}
FLOW_DOWN = {
    "gemma": "gemma-prohibited-use",
    "deepseek": "deepseek-use-restrictions",
    "falcon-2": "falcon-2-aup",
    "falcon-3": "falcon-3-aup",
    "openrail-m": "openrail-m-use-restrictions",
    "bigscience-rail-1.0": "bigscience-rail-1.0-use-restrictions",
    "bigcode-openrail-m": "bigcode-openrail-m-use-restrictions",
    "creativeml-openrail-m": "creativeml-openrail-m-use-restrictions",
    "creativeml-openrail-pp-m": "creativeml-openrail-pp-m-use-restrictions",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def _flat(text: str) -> str:
    """Whitespace collapsed, Markdown emphasis dropped and quotes straightened, so wrapped text compares."""
    for curly, straight in (("“", '"'), ("”", '"'), ("’", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.replace("**", "").replace("\\", "").split())


def _text(corpus: Path, terms: LicenceTerms) -> str:
    assert terms.source is not None
    return _flat((corpus / terms.source.file).read_text(encoding="utf-8"))


def test_every_family_licence_and_policy_is_loaded(kb: KnowledgeBase) -> None:
    assert set(AGREEMENTS) | set(STANDARD) <= set(kb.licences)
    assert set(POLICIES) <= set(kb.policies)
    for licence_id in STANDARD:
        terms = kb.licence(licence_id)
        assert terms.kind == "standard" and terms.source is None
        assert terms.use_scope is UseScope.COMMERCIAL
    assert kb.licence("apache-2.0").identifiers.spdx == "Apache-2.0"
    assert kb.licence("mit").identifiers.spdx == "MIT"


@pytest.mark.parametrize("licence_id", AGREEMENTS)
def test_source_hash_is_the_sha256_of_the_corpus_file(
    kb: KnowledgeBase, corpus: Path, licence_id: str
) -> None:
    sources = [kb.licence(licence_id).source]
    policy = kb.policy_for(licence_id)
    if policy is not None:
        sources.append(policy.source)
    for source in sources:
        assert source is not None
        assert hashlib.sha256((corpus / source.file).read_bytes()).hexdigest() == source.sha256


@pytest.mark.parametrize("licence_id", AGREEMENTS)
def test_title_date_and_notice_strings_occur_in_the_official_text(
    kb: KnowledgeBase, corpus: Path, licence_id: str
) -> None:
    terms = kb.licence(licence_id)
    text = _text(corpus, terms)
    if licence_id not in UNTITLED:
        assert _flat(terms.title) in text
    if terms.date_line:
        assert _flat(terms.date_line) in text
    duty = terms.redistribution
    if duty and duty.notice_text:
        assert _flat(duty.notice_text) in text
    if duty and duty.derivative_statement:
        assert _flat(duty.derivative_statement) in text
    if terms.attribution:
        for display in (terms.attribution.text, *terms.attribution.alternatives):
            assert f'"{display}"' in text


@pytest.mark.parametrize("policy_id", POLICIES)
def test_policy_titles_and_sections_are_consistent(kb: KnowledgeBase, policy_id: str) -> None:
    policy = kb.policies[policy_id]
    keys = [c.key for c in policy.categories]
    assert len(keys) == len(set(keys)), "a key appears twice: diffs match categories by key"
    for licence_id in policy.licence_ids:
        assert kb.licence(licence_id).aup_id == policy_id


def test_gemma_policy_title_and_date_occur_in_its_text(kb: KnowledgeBase, corpus: Path) -> None:
    policy = kb.policies["gemma-prohibited-use"]
    assert policy.source is not None
    text = _flat((corpus / policy.source.file).read_text(encoding="utf-8"))
    assert policy.title in text and "Last modified: February 21, 2024" in text
    assert "You may not use nor allow others to use" in text and policy.binds_others


@pytest.mark.parametrize("licence_id", ["qwen", "tongyi-qianwen"])
def test_qwen_threshold_is_100m_users_any_month_without_affiliates(
    kb: KnowledgeBase, corpus: Path, licence_id: str
) -> None:
    terms = kb.licence(licence_id)
    text = _text(corpus, terms)
    assert "more than 100 million monthly active users" in text
    assert "affiliate" not in text.lower()
    u = terms.user_threshold
    assert u is not None
    assert (u.limit, u.unit, u.measured, u.includes_affiliates) == (
        100_000_000, "monthly-active-users", "any-month", False,
    )  # fmt: skip
    assert u.clause == "§4"


def test_stability_threshold_is_usd_1m_revenue_with_affiliates(kb: KnowledgeBase, corpus: Path) -> None:
    terms = kb.licence("stability-community")
    text = _text(corpus, terms)
    assert "Affiliate(s), either individually or in aggregate, generate more than USD $1,000,000" in text
    u = terms.user_threshold
    assert u is not None
    assert (u.limit, u.unit, u.includes_affiliates) == (1_000_000, "annual-revenue-usd", True)
    assert u.integrated_product_recipients_exempt
    assert "register with Stability AI" in text and terms.use_scope is UseScope.COMMERCIAL_REGISTERED


@pytest.mark.parametrize(
    ("licence_id", "phrase", "scope"),
    [
        ("qwen-research", "FOR NON-COMMERCIAL PURPOSES ONLY", UseScope.NON_COMMERCIAL),
        ("tongyi-qianwen-research", "FOR NON-COMMERCIAL PURPOSES ONLY", UseScope.NON_COMMERCIAL),
        ("mistral-research", "Outputs for Research Purposes", UseScope.NON_COMMERCIAL),
        ("mistral-non-production", "in Non-Production Environments", UseScope.NON_PRODUCTION),
        ("stability-nc-research", "for Non-Commercial Uses only", UseScope.NON_COMMERCIAL),
    ],
)
def test_restricted_scopes_rest_on_the_text(
    kb: KnowledgeBase, corpus: Path, licence_id: str, phrase: str, scope: UseScope
) -> None:
    terms = kb.licence(licence_id)
    assert phrase in _text(corpus, terms)
    assert terms.use_scope is scope


def test_gemma_notice_is_exempt_for_hosted_services_only(kb: KnowledgeBase, corpus: Path) -> None:
    terms = kb.licence("gemma")
    assert "All Distributions (other than through a Hosted Service)" in _text(corpus, terms)
    duty = terms.redistribution
    assert duty is not None and duty.agreement_copy and duty.notice_text
    assert duty.notice_required_for_hosted is False


@pytest.mark.parametrize("licence_id", sorted(FLOW_DOWN))
def test_flow_down_is_required_where_the_text_says_enforceable(
    kb: KnowledgeBase, corpus: Path, licence_id: str
) -> None:
    terms = kb.licence(licence_id)
    text = _text(corpus, terms)
    # BigCode words it as sharing "under any license" that includes the restrictions.
    assert "enforceable provision" in text or "includes: a. Paragraph 4 and the restrictions" in text
    assert terms.flow_down is not None and terms.flow_down.required
    assert terms.flow_down.policy_id == terms.aup_id == FLOW_DOWN[licence_id]


def test_no_flow_down_where_the_text_has_none(kb: KnowledgeBase) -> None:
    for licence_id in set(AGREEMENTS) - set(FLOW_DOWN):
        flow = kb.licence(licence_id).flow_down
        assert flow is None or not flow.required, licence_id


@pytest.mark.parametrize(
    ("licence_id", "improve", "phrase"),
    [
        ("tongyi-qianwen", "prohibited", "to improve any other large language model"),
        ("tongyi-qianwen-research", "prohibited", "to improve any other large language model"),
        (
            "qwen",
            "allowed-with-naming",
            "outputs or results therefrom to create, train, fine-tune, or improve",
        ),
        ("stability-community", "prohibited", "to create or improve any foundational generative AI model"),
        (
            "mistral-research",
            "prohibited",
            "Any Outputs shall be subject to the restrictions set out in Section 3",
        ),
    ],
)
def test_output_use_follows_the_text(
    kb: KnowledgeBase, corpus: Path, licence_id: str, improve: str, phrase: str
) -> None:
    terms = kb.licence(licence_id)
    assert phrase in _text(corpus, terms)
    assert terms.output_use is not None and terms.output_use.improve_other_models == improve


def test_cosmos_attribution_applies_to_cosmos_models_only(kb: KnowledgeBase) -> None:
    duty = kb.licence("nvidia-open-model").attribution
    assert duty is not None and duty.text == "Built on NVIDIA Cosmos"
    assert duty.applies_to_models == ("nvidia/cosmos-*",)
    cosmos = [m for m in kb.models.values() if m.family == "cosmos"]
    assert cosmos and all(m.id.lower().startswith("nvidia/cosmos-") for m in cosmos)
    assert not any(
        m.id.lower().startswith("nvidia/cosmos-") for m in kb.models.values() if m.family != "cosmos"
    )


def test_falcon_statement_is_a_template_naming_the_derivative(kb: KnowledgeBase) -> None:
    for licence_id in ("falcon-2", "falcon-3"):
        duty = kb.licence(licence_id).redistribution
        assert duty is not None and duty.derivative_statement
        assert duty.derivative_statement.startswith("[name of relevant Derivative Work] is built using")


def test_governing_law_where_the_text_names_one(kb: KnowledgeBase) -> None:
    laws = {lid: kb.licence(lid).governing_law for lid in AGREEMENTS}
    assert laws["gemma"] and "Santa Clara" in (laws["gemma"].venue or "")
    assert laws["deepseek"] and "China" in laws["deepseek"].law
    assert laws["mistral-research"] and "France" in laws["mistral-research"].law
    assert laws["qwen"] and "Hangzhou" in (laws["qwen"].venue or "")
    assert laws["nvidia-open-model"] and "Delaware" in laws["nvidia-open-model"].law
    # the Apache-based Falcon licences and the OpenRAIL family name no law
    for licence_id in ("falcon-2", "falcon-3", "openrail-m", "creativeml-openrail-m", "bigcode-openrail-m"):
        assert laws[licence_id] is None
