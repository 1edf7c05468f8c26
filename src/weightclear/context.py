"""DeploymentContext: the facts a scan cannot see, from weightclear.toml.

PLACEHOLDER until the obligations work lands: no config is a valid, empty context.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class DeploymentContext:
    path: str | None = None
    digest: str | None = None


def load_context(config: Path | None, root: Path) -> DeploymentContext:
    """Read weightclear.toml (``config``, else ROOT/weightclear.toml when present)."""
    return DeploymentContext()
