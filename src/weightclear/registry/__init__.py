"""The registry: deployments per environment, legal sign-offs, waivers and a hash-chained audit log.

``Registry`` (in ``repo``) is the API; ``governance.snapshot`` is what rules read.
"""

from weightclear.registry.repo import Registry

__all__ = ["Registry"]
