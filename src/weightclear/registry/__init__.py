"""The registry: deployments per environment, legal sign-offs, waivers and a hash-chained audit log.

``Registry`` (in ``repo``) is the API; ``governance.snapshot`` is what rules read.
Importing this package is cheap: SQLAlchemy loads only when ``Registry`` is
first used, so CLI commands that never touch the registry do not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weightclear.registry.repo import Registry

__all__ = ["Registry"]


def __getattr__(name: str) -> Any:
    if name == "Registry":
        from weightclear.registry.repo import Registry

        return Registry
    raise AttributeError(name)
