"""The labelled benchmark set is well formed and covers every category."""

from __future__ import annotations

import json
from collections import Counter

from tests.conftest import REPO

from weightclear.knowledge import load

CASES = REPO / "benchmarks" / "aup_cases.jsonl"
SECTORS = {
    "defence",
    "healthcare",
    "financial-crime",
    "security-research",
    "critical-infrastructure-ops",
    "biometrics",
    "minors",
    "legal-advice",
    "medical-advice",
    "consequential-decisions",
    "surveillance",
    "elections",
    "regulated-substances-research",
}


def _cases() -> list[dict[str, object]]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_at_least_200_unique_cases_with_all_labels_and_a_held_out_split() -> None:
    cases = _cases()
    assert len(cases) >= 200
    assert len({c["id"] for c in cases}) == len(cases)
    assert len({str(c["text"]).lower() for c in cases}) == len(cases)
    labels = Counter(c["label"] for c in cases)
    assert set(labels) == {"prohibited", "review", "permitted"}
    assert {c["split"] for c in cases} == {"dev", "heldout"}
    assert sum(c["split"] == "heldout" for c in cases) >= 40


def test_every_llama_category_and_review_sector_is_covered() -> None:
    cases = _cases()
    policy = load().policy_for("llama-4")
    assert policy is not None
    prohibited = {k for c in cases if c["label"] == "prohibited" for k in c["categories"]}  # type: ignore[attr-defined]
    review = {k for c in cases if c["label"] == "review" for k in c["categories"]}  # type: ignore[attr-defined]
    assert {c.key for c in policy.categories} <= prohibited
    assert review == SECTORS
