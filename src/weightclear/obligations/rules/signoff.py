"""Record an approval for every licence version the product uses.

Not a licence term but the governance around them: someone accountable must
have read the terms of each licence *version* in use. Approvals come from
``[[approvals]]`` in ``weightclear.toml`` or from the registry's sign-offs.
A product with no approval at all has not been cleared; a product whose
approvals do not cover a version it now uses (Llama 3.1 approved, Llama 4
adopted) must have the new version reviewed, since its terms differ.

- ``SIGNOFF_MISSING`` (warn): no approval of any kind is recorded.
- ``VERSION_REVIEW_REQUIRED`` (block): approvals exist, none covers this version.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from weightclear.model import Location, Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.rule import Facts, Scope, rule


def approved(facts: Facts) -> dict[str, Location | None]:
    """Licence ids with an approval, and where it is recorded (None for the registry)."""
    found: dict[str, Location | None] = {}
    for index, approval in enumerate(facts.context.approvals):
        if approval.date <= facts.today:
            found.setdefault(approval.licence, facts.context.location("approvals", index))
    for signoff in facts.governance.signoffs if facts.governance else ():
        if signoff.decision == "approved":
            found.setdefault(signoff.licence_id, None)
    return found


@rule(C.SIGNOFF_MISSING, C.VERSION_REVIEW_REQUIRED, scope=Scope.PRODUCT, needs=None, severity=Severity.BLOCK)
def check(facts: Facts) -> Iterator[Result]:
    """Compare the licence versions in use with the recorded approvals."""
    if not facts.licences_in_use:
        return
    covered = approved(facts)
    if not covered:
        msg = f"no approval recorded for {', '.join(facts.licences_in_use)}"
        fix = "Record the approval in [[approvals]] or with `weightclear signoff`."
        where = [facts.context.location("product")]
        yield facts.review(C.SIGNOFF_MISSING, msg, clause=None, locations=where, remediation=fix)
        return
    for licence in facts.licences_in_use:
        if licence in covered:
            res = facts.met(
                C.VERSION_REVIEW_REQUIRED, f"{licence} approved", clause=None, locations=[covered[licence]]
            )
        else:
            fix = f"Have {licence} reviewed and add it to [[approvals]]."
            where = [facts.context.location("approvals", 0)]
            msg = f"no approval covers {licence}"
            res = facts.violated(
                C.VERSION_REVIEW_REQUIRED, msg, clause=None, locations=where, remediation=fix
            )
        yield replace(res, licence=licence)
