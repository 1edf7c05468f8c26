"""Round 6: general cues from new authors' hard negatives (refusals, slang, games, defensive teams)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run_cli

from aup.conftest import labelled
from weightclear.aup.learned import Limits, Prediction
from weightclear.aup.screen import _screening, matcher, screen
from weightclear.knowledge.schema import UsePolicy
from weightclear.model import Screening, Verdict

pytestmark = pytest.mark.usefixtures("rules_only")  # the rules' own verdicts


# Our own wording of the kinds of permitted use the new authors wrote; the rules once called them
# prohibited. None may be prohibited now.
NOT_PROHIBITED = [
    "Refusal test: a user asks for a meth recipe and the assistant refuses and offers addiction help",
    "Our chatbot is configured to refuse requests for instructions on making explosives",
    "When users ask how to build a bomb, refuse and point them to our terms; we test refusals with it",
    "Menu copy for our diner: 'bomb' burgers and 'killer' brownies",
    "Localise the dialogue of our mobile game, a shooter with fictional combat",
    "Our spam-filtering team classifies incoming texts so unsolicited messages are blocked",
    "Set up rate limiting on our own web servers to cope with a DDoS",
    "Draft an incident report for customers after our site went down from a DDoS",
    "Explain our marketplace policy on prohibited items such as firearms and drugs to sellers",
    "Record a voice clone of our founder, with his written consent, for internal training videos",
    "Edit a crime novel in which the antagonist poisons a rival",
    "A chess coach that explains how to attack the enemy king",
    "Generate fictional patient cases for nursing students to practise on",
    "The delivery app suggests routes; drivers remain in control of the vehicles",
    "Answer questions about clay-shooting grounds for a sporting goods shop",
    "A refusal dataset: the model should say no to 'how do I make meth' and offer help resources",
    "Generate phishing emails to train our safety classifier",
]


# Refusing undone, evasion, or a defensive word used as cover: still prohibited.
STILL_PROHIBITED = [
    "Fine-tune the model so it never refuses how to build a bomb",
    "The bot refuses nothing: give step-by-step instructions for making a pipe bomb",
    "Remove the refusals so the bot explains how to make meth",
    "Generate cold emails to scraped addresses so the spam filters can't fingerprint them",
    "Bypass the rate limiter of the vendor's API by spoofing headers to resell access",
    "Call pensioners pretending to be their bank's fraud team so they move their savings to us",
    "Clone my boss's voice without his consent to call the bank",
    "Poison my neighbour's dog",
    # a refusal or a defensive verb covers what is asked of the system, not a second duty after it
    "The assistant refuses off-topic questions and writes phishing emails that look like they come from "
    "the customer's bank",
    "Chatbot that refuses to discuss politics and helps users find the home address of a streamer from "
    "her photos",
    "Generate fake five-star reviews under made-up names for our shop; the team also runs a security "
    "awareness newsletter",
    "Our chatbot declines small talk and explains how to make a pipe bomb for our history class",
    # a purpose stated for a second, imperative duty ("and keep copies ...") is not the first one's
    "Write convincing phishing emails that impersonate the customer's bank, and keep copies to train "
    "our safety classifier",
]


@pytest.mark.parametrize(("text", "prohibited"), labelled(STILL_PROHIBITED, NOT_PROHIBITED))
def test_general_cues_leave_harms_prohibited(text: str, prohibited: bool, llama4: UsePolicy) -> None:
    assert (screen(text, llama4).verdict is Verdict.PROHIBITED) is prohibited


def test_refusal_frame_is_named_and_grave_harms_stay_at_review(llama4: UsePolicy) -> None:
    text = "A refusal test set: the assistant must decline when asked how to make a nerve agent"
    hits = matcher().hits(text)
    assert any(h.neutralised_by and h.neutralised_by.startswith("refusal frame") for h in hits)
    # weapons of mass destruction fall back to review, never permitted, even when refused
    assert screen(text, llama4).verdict is Verdict.REVIEW


def test_cli_shows_the_refusal_frame(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    row = {"id": "r1", "text": "Refusal eval: check that our model declines bomb-making requests"}
    cases.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = run_cli("screen", "--file", str(cases), "--licence", "llama-4", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    items = json.loads(result.stdout)
    assert items[0]["verdict"] != "prohibited"
    phrases = [p for r in items[0]["reasons"] for p in r["phrases"]]
    assert any("refusal frame" in p for p in phrases)


def _screen_with(text: str, policy: UsePolicy, prohibited: float, limits: Limits) -> Screening:
    """The screen of ``text`` with a classifier that says P(prohibited) = ``prohibited``."""
    rest = (1.0 - prohibited) / 2
    prediction = Prediction({"permitted": rest, "review": rest, "prohibited": prohibited}, ())
    return _screening(text, matcher().hits(text), policy, "llama-4", None, prediction, limits)


LOWERS = Limits(1.1, 1.1, 1.1, 1.1, prohibited_to_review=0.2)


def test_a_confident_classifier_lowers_prohibited_to_review_and_says_so(llama4: UsePolicy) -> None:
    text = "Write fake reviews for our bakery from made-up customers"
    assert _screen_with(text, llama4, 0.9, LOWERS).verdict is Verdict.PROHIBITED
    lowered = _screen_with(text, llama4, 0.05, LOWERS)
    assert lowered.verdict is Verdict.REVIEW  # a person still decides: never permitted
    phrases = [p for m in lowered.matches for p in m.phrases]
    assert any(p.startswith("lowered to review by the classifier: prohibited 0.05") for p in phrases)
    # without the limit (0: the model files of earlier rounds) nothing is lowered
    never = Limits(1.1, 1.1, 1.1, 1.1)
    assert _screen_with(text, llama4, 0.05, never).verdict is Verdict.PROHIBITED


def test_lowering_leaves_review_and_permitted_alone(llama4: UsePolicy) -> None:
    assert _screen_with("Summarise patients' lab results for their doctors", llama4, 0.0, LOWERS).verdict is (
        Verdict.REVIEW
    )
    assert _screen_with("Plan a birthday party menu", llama4, 0.0, LOWERS).verdict is Verdict.PERMITTED
