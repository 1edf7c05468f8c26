"""The explicit list of rules; a new rule is one line here (no discovery by import or glob)."""

from __future__ import annotations

from weightclear.obligations.rule import Rule
from weightclear.obligations.rules import (
    acceptable_use,
    attribution,
    attribution_owner,
    derivative_statement,
    eu_multimodal,
    flow_down,
    licence_copy,
    licence_mismatch,
    mau,
    naming,
    non_commercial,
    notice,
    output_use,
    signoff,
    unknown_licence,
    user_threshold,
)

RULES: tuple[Rule, ...] = (
    unknown_licence.check,
    non_commercial.check,
    mau.check,
    user_threshold.check,
    eu_multimodal.check,
    acceptable_use.check,
    attribution.check,
    attribution_owner.check,
    derivative_statement.check,
    naming.check,
    licence_copy.check,
    notice.check,
    licence_mismatch.check,
    output_use.check,
    flow_down.check,
    signoff.check,
)
