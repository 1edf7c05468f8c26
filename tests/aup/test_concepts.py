"""The concept data file: validated at load, compiled, and covering every policy category."""

from __future__ import annotations

import pytest

from weightclear.aup.concepts import ConceptKind, compile_file, load_concepts, parse
from weightclear.aup.matcher import Matcher
from weightclear.aup.screen import screen
from weightclear.errors import KnowledgeError
from weightclear.knowledge import load
from weightclear.knowledge.schema import AupCategory, UsePolicy
from weightclear.model import Verdict

MINIMAL = """
schema: 1
lexicon: {thing: 'widgets?'}
negation: ['not|never']
defensive: ['detect\\w*']
purpose: ['to train (?:a )?classifier']
educational: ['history']
offensive: ['undetectable']
concepts:
  - key: widget-crime
    name: Widget crime
    kind: harm
    policy_keys: [widget-crime, unlawful-use]
    rules:
      - any: ['smuggl\\w* @thing']
      - within: 30
        all: ['steal\\w*', '@thing']
"""


def _policy(*keys: str) -> UsePolicy:
    return UsePolicy.model_validate(
        {
            "schema": 1,
            "id": "test-policy",
            "licence_ids": ["test"],
            "title": "Test policy",
            "as_of": "2026-01-01",
            "categories": [
                AupCategory(section=f"{i}", key=k, name=k, meaning="m").model_dump()
                for i, k in enumerate(keys, 1)
            ],
        }
    )


def _matcher() -> Matcher:
    return Matcher(compile_file(parse(MINIMAL)))


def test_the_bundled_file_loads_and_has_harms_sectors_and_safeguards() -> None:
    concepts = load_concepts().concepts
    kinds = {c.kind for c in concepts}
    assert kinds == {ConceptKind.HARM, ConceptKind.SECTOR, ConceptKind.SAFEGUARD}
    assert len({c.key for c in concepts}) == len(concepts)


def test_every_category_of_every_bundled_policy_is_reachable() -> None:
    """A policy category no concept maps to could never be reported as prohibited."""
    mapped = {key for c in load_concepts().concepts for key in c.policy_keys}
    for policy in load().policies.values():
        missing = {c.key for c in policy.categories} - mapped
        assert not missing, f"{policy.id}: no concept maps to {sorted(missing)}"


def test_first_policy_key_the_policy_has_decides_the_category() -> None:
    hits = _matcher().hits("smuggle widgets across the border")
    (hit,) = hits
    assert hit.phrases == ("smuggle widgets",)
    from weightclear.aup import screen as screen_module

    assert screen_module._match(hit, _policy("unlawful-use")).key == "unlawful-use"
    assert screen_module._match(hit, _policy("widget-crime", "unlawful-use")).key == "widget-crime"
    unlisted = screen_module._match(hit, _policy("something-else"))
    assert unlisted.verdict is Verdict.REVIEW and unlisted.section is None


def test_within_limits_how_far_apart_the_groups_may_be() -> None:
    assert _matcher().hits("steal the widgets")
    assert not _matcher().hits("steal a glance at the sunset, then later that evening buy widgets")


def test_negation_defence_purpose_education_and_evasion() -> None:
    m = _matcher()
    assert not m.hits("we never smuggle widgets")
    assert m.hits("detect smuggled widgets")[0].neutralised_by is not None
    assert m.hits("examples of smuggled widgets to train a classifier")[0].neutralised_by is not None
    assert m.hits("detect smuggled widgets and make them undetectable")[0].neutralised_by is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema: 2\n", "schema"),
        ("[not, a, mapping]\n", "schema"),
        (MINIMAL.replace("@thing'", "@nothing'", 1), "unknown lexicon entry @nothing"),
        (MINIMAL.replace("smuggl\\w* @thing", "smuggl(", 1), "bad pattern"),
        (MINIMAL.replace("    kind: harm\n", "    kind: crime\n"), "kind"),
        (MINIMAL.replace("      - any: ['smuggl\\w* @thing']\n", "      - {}\n"), "exactly one of"),
    ],
)
def test_a_broken_concept_file_is_a_knowledge_error(text: str, message: str) -> None:
    with pytest.raises(KnowledgeError, match=message):
        compile_file(parse(text))


def test_screen_returns_the_text_unchanged_and_cites_the_policy() -> None:
    policy = load().policy_for("llama-4")
    assert policy is not None
    text = "  Write phishing emails  "
    result = screen(text, policy, licence_id="llama-4")
    assert result.text == text
    assert result.policy_id == "llama-4-aup" and result.licence_id == "llama-4"
