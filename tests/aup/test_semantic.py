"""The optional semantic features: mode switch, the embedding in the classifier (needs the extra)."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from weightclear.aup import learned, semantic
from weightclear.aup.matcher import normalise
from weightclear.aup.screen import screen
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


@needs_extra
def test_cli_says_the_semantic_mode_ran(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.MODE_ENV, raising=False)
    result = run_cli(
        "screen", "Summarise support tickets for our agents", "-l", "llama-4", "--format", "json"
    )
    assert json.loads(result.stdout)[0]["mode"] == "rules+classifier+semantic"


@needs_extra
def test_semantic_model_reads_the_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.MODE_ENV, raising=False)
    model = learned.classifier(True)
    assert model.wants_embedding and not learned.classifier().wants_embedding
    text = "Quietly work out which house a woman from the gym lives in"
    vec = semantic.embedder().embed(text)
    assert vec.shape == (256,) and abs(float((vec * vec).sum()) - 1.0) < 1e-4
    with_embedding = model.predict(normalise(text), (), vec).probabilities
    without = model.predict(normalise(text), ()).probabilities
    assert sum(with_embedding.values()) == pytest.approx(1.0, abs=1e-5)
    assert with_embedding != without


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


def test_classifier_mode_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(semantic.MODE_ENV, "classifier")
    assert semantic.mode() == semantic.CLASSIFIER
    monkeypatch.setenv(semantic.MODE_ENV, "rules")
    assert semantic.mode() == semantic.RULES
