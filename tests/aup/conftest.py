"""Fixtures of the screening tests."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from weightclear.knowledge import load
from weightclear.knowledge.schema import UsePolicy


@pytest.fixture(scope="module")
def llama4() -> UsePolicy:
    """The Llama 4 acceptable use policy, against which the labelled cases are written."""
    policy = load().policy_for("llama-4")
    assert policy is not None
    return policy


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screen with the rules alone: their own verdicts, without the classifier."""
    monkeypatch.setenv("WEIGHTCLEAR_AUP_MODE", "rules")


def labelled(prohibited: Sequence[str], not_prohibited: Sequence[str]) -> list[tuple[str, bool]]:
    """(text, whether it must be prohibited) pairs for a parametrised verdict test of a rules round."""
    return [(t, True) for t in prohibited] + [(t, False) for t in not_prohibited]
