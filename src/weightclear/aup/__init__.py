"""Acceptable-use screening: use-case text -> verdict, categories and reasons, per policy version."""
