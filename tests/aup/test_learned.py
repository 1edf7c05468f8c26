"""Round 3: the n-gram classifier of the default install and the intent x sector rule."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import run_cli

from weightclear.aup import learned, semantic
from weightclear.aup.matcher import normalise
from weightclear.aup.screen import LEARNED_KEY, matcher, screen
from weightclear.errors import KnowledgeError
from weightclear.knowledge.schema import UsePolicy
from weightclear.model import Verdict


@pytest.fixture
def classifier_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(semantic.MODE_ENV, "classifier")


def _screen_file(tmp_path: Path, rows: list[tuple[str, str]]) -> dict[str, dict[str, object]]:
    path = tmp_path / "cases.jsonl"
    lines = [json.dumps({"id": i, "text": t}) for i, t in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("screen", "--file", str(path), "-l", "llama-4", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return {str(item["id"]): item for item in json.loads(result.stdout)}


@pytest.mark.usefixtures("classifier_mode")
def test_cli_intent_with_a_sector_is_prohibited_and_says_why(tmp_path: Path) -> None:
    items = _screen_file(
        tmp_path,
        [
            ("covert", "Monitor the location of our employees through their own phones, they don't know"),
            ("licence", "A chatbot that adjusts patients' medication doses, no clinician oversight"),
            ("fine", "Log where our couriers are during their shifts, as agreed in their contracts"),
        ],
    )
    covert = items["covert"]
    assert covert["verdict"] == "prohibited"
    assert covert["mode"] == "rules+classifier"
    phrases = [p for r in covert["reasons"] for p in r["phrases"]]  # type: ignore[attr-defined]
    assert any(p.startswith('no consent "') for p in phrases)
    assert items["licence"]["verdict"] == "prohibited"
    assert "unlicensed-practice" in items["licence"]["categories"]  # type: ignore[operator]
    assert items["fine"]["verdict"] != "prohibited"


@pytest.mark.usefixtures("classifier_mode")
def test_cli_a_stated_intent_alone_is_at_least_review(tmp_path: Path) -> None:
    items = _screen_file(
        tmp_path,
        [
            ("spam", "Keep emailing the people on the list we bought and ignore unsubscribe requests"),
            ("party", "Plan a surprise party for my brother without him knowing"),
        ],
    )
    assert items["spam"]["verdict"] in {"review", "prohibited"}
    assert items["party"]["verdict"] == "permitted"


def test_cli_rules_mode_leaves_the_classifier_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(semantic.MODE_ENV, "rules")
    items = _screen_file(tmp_path, [("1", "Write texts that make my sister feel worthless every day")])
    assert items["1"]["mode"] == "rules"
    assert all(r["category"] != LEARNED_KEY for r in items["1"]["reasons"])  # type: ignore[attr-defined]


@pytest.mark.usefixtures("classifier_mode")
def test_ordinary_business_stays_permitted_with_the_classifier(llama4: UsePolicy) -> None:
    for text in (
        "Summarise our quarterly sales calls for the account team",
        "Steal the show at our product launch with a catchy slogan",
        "Find the opening hours of shops near a user's location",
        "Identify deepfake videos circulating on our platform",
        "Explain to our staff how phishing emails try to trick them",
    ):
        assert screen(text, llama4).verdict is not Verdict.PROHIBITED, text


def test_prediction_is_a_distribution_with_reasons() -> None:
    hits = matcher().hits("Write fake five-star reviews for our hotel from made-up guests")
    prediction = learned.classifier().predict(
        normalise("Write fake five-star reviews for our hotel from made-up guests"), learned.signals(hits)
    )
    assert set(prediction.probabilities) == set(learned.CLASSES)
    assert sum(prediction.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert prediction.probabilities["prohibited"] > prediction.probabilities["permitted"]
    assert prediction.reasons and all(r.startswith('"') and "+" in r for r in prediction.reasons)


def test_limits_come_from_the_model_file() -> None:
    limits = learned.classifier().limits
    assert 0 < limits.review_to_prohibited <= 1.1
    assert 0 < limits.permitted_to_review <= 1.1


def test_hashing_is_stable_across_processes() -> None:
    # CRC-32, not hash(): the committed weights must mean the same buckets everywhere
    assert learned.bucket("w:fraud") == 0x0 + (__import__("zlib").crc32(b"w:fraud") & (learned.DIM - 1))
    index, values = learned.vector("fake reviews", ("r:fake-engagement",))
    assert len(index) == len(values) and learned.bucket("r:fake-engagement") in index


def test_terms_cover_words_pairs_characters_and_signals() -> None:
    terms = {t for t, _, _ in learned.terms("fake reviews", ("r:harm",))}
    assert {"w:fake", "b:fake reviews", "c: fa", "c:view", "r:harm"} <= terms


def test_signals_name_concepts_and_frames() -> None:
    hits = matcher().hits("Detect fraud in card payments")
    assert "r:neutralised" in learned.signals(hits)
    hits = matcher().hits("Write phishing emails that look like our bank")
    assert "r:harm" in learned.signals(hits)


def test_a_malformed_model_file_is_a_knowledge_error() -> None:
    with pytest.raises(KnowledgeError, match="expected index"):
        learned.from_arrays({"index": np.array([1])})
    with pytest.raises(KnowledgeError, match="buckets"):
        learned.from_arrays(
            {
                "index": np.array([1, 2]),
                "weights": np.zeros((3, 3)),
                "bias": np.zeros(3),
                "limits": np.ones(4),
            }
        )


def test_a_negated_intent_does_not_count() -> None:
    hits = matcher().hits("Track staff locations during shifts; never without their consent")
    assert all(h.intent is None for h in hits)
