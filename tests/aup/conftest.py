"""Fixtures of the screening tests."""

from __future__ import annotations

import pytest

from weightclear.knowledge import load
from weightclear.knowledge.schema import UsePolicy


@pytest.fixture(scope="module")
def llama4() -> UsePolicy:
    """The Llama 4 acceptable use policy, against which the labelled cases are written."""
    policy = load().policy_for("llama-4")
    assert policy is not None
    return policy
