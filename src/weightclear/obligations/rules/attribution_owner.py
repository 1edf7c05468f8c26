"""Name an owner for the attribution duty.

A display string that is right today disappears in the next redesign unless
someone owns it. When a licence in use has an attribution duty that applies
to this product, ``[product] attribution_owner`` in ``weightclear.toml`` must
name the person or team who keeps it on the page (or the registry names one).

- ``ATTRIBUTION_OWNER_MISSING`` (warn): the duty applies and no owner is named.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import Reach, display_duty, reach
from weightclear.obligations.rule import Facts, Scope, rule


@rule(
    C.ATTRIBUTION_OWNER_MISSING,
    scope=(Scope.MODEL, Scope.DERIVATIVE),
    needs="attribution",
    severity=Severity.WARN,
)
def check(facts: Facts) -> Iterator[Result]:
    """Check that someone owns the display string wherever the display duty applies."""
    duty = display_duty(facts)
    if duty is None or reach(facts) in (Reach.INTERNAL, Reach.END_USER, Reach.UNKNOWN):
        return
    registry_owner = facts.governance.attribution_owner if facts.governance else None
    owner = facts.context.product.attribution_owner or registry_owner
    if owner:
        where = [facts.context.location("product", "attribution_owner")]
        yield facts.met(C.ATTRIBUTION_OWNER_MISSING, f"owned by {owner}", clause=duty.clause, locations=where)
        return
    fix = "Set [product] attribution_owner in weightclear.toml."
    yield facts.review(
        C.ATTRIBUTION_OWNER_MISSING,
        f"nobody owns the {duty.text!r} display",
        clause=duty.clause,
        remediation=fix,
    )
