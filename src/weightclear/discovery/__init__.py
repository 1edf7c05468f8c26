"""PLACEHOLDER until the discovery work lands."""

from __future__ import annotations

from pathlib import Path

from weightclear.knowledge import KnowledgeBase
from weightclear.model import Evidence
from weightclear.progress import NullProgress, Progress


def discover(root: Path, kb: KnowledgeBase, *, progress: Progress | None = None, jobs: int = 1) -> Evidence:
    """Walk ``root`` and collect every model reference, licence text, notice and model card."""
    del kb, progress, jobs
    return Evidence(root=str(root))
