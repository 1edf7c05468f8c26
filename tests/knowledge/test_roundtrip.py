"""Knowledge data survives dump -> YAML -> validate unchanged (the form a data edit goes through)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from weightclear.knowledge import load
from weightclear.knowledge.schema import (
    AttributionDuty,
    Catalogue,
    EuMultimodal,
    LicenceTerms,
    NamingRule,
    OutputUse,
    UsePolicy,
    UserThreshold,
)
from weightclear.model import Modality

KB = load()
LLAMA = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")


def _through_yaml(model: BaseModel) -> dict[str, Any]:
    text = yaml.safe_dump(model.model_dump(mode="json", by_alias=True), allow_unicode=True, sort_keys=False)
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("licence_id", LLAMA)
def test_bundled_terms_and_policies_round_trip(licence_id: str) -> None:
    terms = KB.licence(licence_id)
    assert LicenceTerms.model_validate(_through_yaml(terms)) == terms
    policy = KB.policy_for(licence_id)
    assert policy is not None
    assert UsePolicy.model_validate(_through_yaml(policy)) == policy


words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
clauses = st.from_regex(r"§[1-7](\.[a-h](\.(i|ii|iii|iv|v))?)?", fullmatch=True)
facts = st.fixed_dictionaries(
    {
        "user_threshold": st.builds(
            UserThreshold,
            limit=st.integers(min_value=1, max_value=10**12),
            unit=st.sampled_from(["monthly-active-users", "annual-revenue-usd"]),
            measured=st.sampled_from(["calendar-month-before-release", "any-month", "annual", "any-time"]),
            includes_affiliates=st.booleans(),
            consequence=words,
            integrated_product_recipients_exempt=st.booleans(),
            clause=clauses,
        ),
        "attribution": st.none()
        | st.builds(
            AttributionDuty,
            text=words,
            surfaces=st.lists(words, max_size=4).map(tuple),
            trigger=words,
            clause=clauses,
        ),
        "naming_prefix": st.none()
        | st.builds(NamingRule, prefix=words, on_outputs=st.booleans(), clause=clauses),
        "output_use": st.builds(
            OutputUse,
            improve_other_models=st.sampled_from(["allowed", "prohibited", "allowed-with-naming"]),
            exception=st.none() | words,
            clause=clauses,
        ),
        "eu_multimodal": st.none()
        | st.builds(
            EuMultimodal,
            modalities=st.lists(st.sampled_from(list(Modality)), min_size=1, unique=True).map(tuple),
            clause=st.just("AUP EU paragraph"),
        ),
        "clauses": st.dictionaries(clauses, words.filter(str.strip), min_size=1, max_size=6),
    }
)


@settings(max_examples=60, deadline=None)
@given(changes=facts)
def test_generated_terms_round_trip_through_yaml(changes: dict[str, Any]) -> None:
    terms = KB.licence("llama-3.1").model_copy(update=changes)
    again = LicenceTerms.model_validate(_through_yaml(terms))
    assert again == terms


@settings(max_examples=30, deadline=None)
@given(blank=st.text(alphabet=" \t\n", max_size=5))
def test_a_blank_clause_summary_never_validates(blank: str) -> None:
    data = _through_yaml(KB.licence("llama-3.2"))
    data["clauses"]["§2"] = blank
    with pytest.raises(ValidationError, match="clauses"):
        LicenceTerms.model_validate(data)


def test_the_llama_catalogue_round_trips() -> None:
    models = tuple(m for m in KB.models.values() if m.family == "llama")
    catalogue = Catalogue.model_validate(
        {"schema": 1, "family": "llama", "as_of": "2026-01-01", "models": models}
    )
    assert Catalogue.model_validate(_through_yaml(catalogue)) == catalogue
