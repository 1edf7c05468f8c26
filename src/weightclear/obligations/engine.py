"""PLACEHOLDER until the obligations work lands."""

from __future__ import annotations

from weightclear.context import DeploymentContext
from weightclear.knowledge import KnowledgeBase
from weightclear.model import Evidence, GovernanceSnapshot, ModelUse, Result


def evaluate(
    models: tuple[ModelUse, ...],
    evidence: Evidence,
    context: DeploymentContext,
    kb: KnowledgeBase,
    *,
    governance: GovernanceSnapshot | None = None,
) -> tuple[Result, ...]:
    """Evaluate every rule for every model; a crashing rule becomes a `review` result."""
    return ()
