"""PLACEHOLDER until the discovery work lands: written names -> catalogue models and licences."""

from __future__ import annotations

from weightclear.context import DeploymentContext
from weightclear.knowledge import KnowledgeBase
from weightclear.model import Evidence, ModelUse, Resolution


def resolve_name(text: str, kb: KnowledgeBase) -> Resolution:
    """Resolve one written model name (any stack's spelling) to a model and licence version."""
    return Resolution(text=text, model_id=None, licence_id=None, reason="not resolved")


def group_models(evidence: Evidence, kb: KnowledgeBase, context: DeploymentContext) -> tuple[ModelUse, ...]:
    """Group resolved references (and config-declared models) into one ModelUse per model."""
    return ()
