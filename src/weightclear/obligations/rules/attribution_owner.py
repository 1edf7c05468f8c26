"""Name an owner for the attribution duty.

A display string that is right today disappears in the next redesign unless
someone owns it. When a licence in use has an attribution duty that applies
to this product, ``[product] attribution_owner`` in ``weightclear.toml`` must
name the person or team who keeps it on the page. When the config names
nobody, the registry's owner of the product counts (``weightclear registry
owner``, read from the GovernanceSnapshot of ``scan --registry``).

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
    configured = facts.context.product.attribution_owner
    if configured:
        where = [facts.context.location("product", "attribution_owner")]
        yield facts.met(
            C.ATTRIBUTION_OWNER_MISSING, f"owned by {configured}", clause=duty.clause, locations=where
        )
        return
    registry_owner = facts.governance.attribution_owner if facts.governance else None
    if registry_owner:
        msg = f"owned by {registry_owner} (registry)"
        yield facts.met(C.ATTRIBUTION_OWNER_MISSING, msg, clause=duty.clause)
        return
    fix = "Set [product] attribution_owner in weightclear.toml, or `weightclear registry owner PRODUCT NAME`."
    yield facts.review(
        C.ATTRIBUTION_OWNER_MISSING,
        f"nobody owns the {duty.text!r} display",
        clause=duty.clause,
        remediation=fix,
    )
