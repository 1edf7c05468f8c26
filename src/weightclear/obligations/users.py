"""Where the MAU rules read monthly active users: the config, else the registry.

``[organisation] monthly_active_users`` in ``weightclear.toml`` wins whenever
it is present. Without it, the registry's declarations (``weightclear registry
mau ORG MONTH USERS``, carried in the GovernanceSnapshot) count for the
organisation the config names (``[organisation] name``), else for the
organisation the registry links the product to. Rules never open the
database: the snapshot is all they see.
"""

from __future__ import annotations

from dataclasses import dataclass

from weightclear.model import Location, MauDeclarationState
from weightclear.obligations.rule import Facts

REGISTRY_FIX = "or declare it in the registry: `weightclear registry mau ORG YYYY-MM USERS`"


@dataclass(frozen=True, kw_only=True)
class DeclaredUsers:
    """The monthly active users a rule may rely on, and where they were declared."""

    facts: Facts
    rows: tuple[MauDeclarationState, ...] = ()  # registry rows, when the config declares none

    @property
    def from_registry(self) -> bool:
        """True when the figures are the registry's."""
        return bool(self.rows)

    @property
    def where(self) -> Location | None:
        """The config line the figures come from (None for the registry)."""
        return None if self.rows else self.facts.context.location("organisation", "monthly_active_users")

    def users_in(self, month: str) -> int | None:
        """Users in a calendar month ``YYYY-MM``, or None when not declared."""
        if not self.rows:
            return self.facts.context.organisation.users_in(month)
        return next((r.users for r in self.rows if r.month == month), None)

    def peak(self) -> int | None:
        """The largest monthly figure declared, or None."""
        if not self.rows:
            return self.facts.context.organisation.peak_users()
        return max(r.users for r in self.rows)

    def source(self, month: str | None = None) -> str:
        """A note for messages: empty for the config, the registry row otherwise."""
        if not self.rows:
            return ""
        row = next((r for r in self.rows if r.month == month), None)
        who = f", declared by {row.declared_by}" if row and row.declared_by else ""
        return f" (registry: {self.rows[0].organisation}{who})"


def declared_users(facts: Facts) -> DeclaredUsers:
    """The figures of the config, or the registry's when the config declares none."""
    org = facts.context.organisation
    governance = facts.governance
    if org.monthly_active_users is not None or governance is None:
        return DeclaredUsers(facts=facts)
    name = org.name or governance.organisation
    rows = tuple(r for r in governance.mau if r.organisation == name) if name else ()
    return DeclaredUsers(facts=facts, rows=rows)
