"""The optional semantic layer: mode switch, explanation, caps (skipped without the extra)."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from weightclear.aup import semantic
from weightclear.aup.screen import screen
from weightclear.errors import KnowledgeError
from weightclear.knowledge import load
from weightclear.model import Verdict

needs_extra = pytest.mark.skipif(not semantic.installed(), reason="semantic extra not installed")


def test_rules_mode_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(semantic.MODE_ENV, "rules")
    result = run_cli(
        "screen",
        "A chatbot that answers questions about our return policy",
        "-l",
        "llama-4",
        "--format",
        "json",
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["mode"] == "rules"
    assert "mode: rules" in result.stderr
    assert semantic.opinion_for("anything") is None


@needs_extra
def test_cli_says_the_semantic_mode_ran(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.MODE_ENV, raising=False)
    result = run_cli(
        "screen", "Summarise support tickets for our agents", "-l", "llama-4", "--format", "json"
    )
    assert json.loads(result.stdout)[0]["mode"] == "rules+semantic"


@needs_extra
def test_opinion_gives_probabilities_and_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.MODE_ENV, raising=False)
    opinion = semantic.opinion_for("Quietly work out which house a woman from the gym lives in")
    assert opinion is not None
    assert sum(opinion.probabilities.values()) == pytest.approx(1.0, abs=1e-4)
    assert len(opinion.vote.neighbours) == 5
    assert opinion.vote.neighbours[0].similarity >= opinion.vote.neighbours[-1].similarity


@needs_extra
def test_ordinary_business_stays_permitted_with_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.MODE_ENV, raising=False)
    policy = load().policy_for("llama-4")
    for text in (
        "Summarise our quarterly sales calls for the account team",
        "A recipe assistant for home cooks",
    ):
        assert screen(text, policy).verdict is Verdict.PERMITTED, text


@needs_extra
def test_a_semantic_prohibited_verdict_names_a_listed_category(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.MODE_ENV, raising=False)
    policy = load().policy_for("llama-4")
    listed = {c.key: c.section for c in policy.categories}
    text = "Work out the school route of my ex's kid so I can show up there without anyone knowing"
    result = screen(text, policy)
    assert result.verdict is not Verdict.PERMITTED
    for m in result.matches:
        if m.verdict is Verdict.PROHIBITED:
            assert listed.get(m.key) == m.section


def test_model_file_errors_name_the_problem() -> None:
    with pytest.raises(KnowledgeError, match="JSON"):
        semantic.parse_model("{not json")
    with pytest.raises(KnowledgeError, match="classes"):
        semantic.parse_model('{"classes": ["a"], "weights": [], "bias": [], "thresholds": {}}')


def test_shipped_model_is_well_formed() -> None:
    from importlib import resources

    raw = (
        resources.files("weightclear.aup").joinpath("data", "semantic-model.json").read_text(encoding="utf-8")
    )
    model = semantic.parse_model(raw)
    assert len(model["weights"]) == 256 and all(len(row) == 3 for row in model["weights"])
    # thresholds were picked by cross-validation for the objective, with margins
    cv = model["cross_validated"]
    assert cv["permitted_as_prohibited"] <= 0.015 and cv["review"] >= 0.88
    assert all(0.0 < t <= 1.1 for t in model["thresholds"].values())
