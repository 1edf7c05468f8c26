"""The knowledge base: licence terms, use policies and the model catalogue, as validated data."""

from weightclear.knowledge.loader import KnowledgeBase, load

__all__ = ["KnowledgeBase", "load"]
