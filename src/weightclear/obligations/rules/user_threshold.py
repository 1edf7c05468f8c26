"""User and revenue thresholds not tied to a release date (Qwen users, Stability revenue).

Applies when the licence's threshold is measured at any time rather than in
the month before a release: Qwen's licences require commercial users whose
products have more than 100 million monthly active users to request a
licence; Stability's Community Licence ends when the licensee and its
affiliates have more than USD 1 million annual revenue. Recipients of an
integrated product are exempt where the licence says so.

- ``USER_THRESHOLD_EXCEEDED`` (block): a declared figure is above the limit;
  ``review`` when the revenue is not declared.
- ``MAU_UNDECLARED`` (warn): a user threshold applies and no monthly active
  users are declared.

Declare ``[organisation] monthly_active_users`` and ``annual_revenue_usd``
(without the former, the registry's MAU declarations for the organisation count).
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import integrated_recipient
from weightclear.obligations.rule import Facts, Scope, rule
from weightclear.obligations.users import REGISTRY_FIX, declared_users


@rule(
    C.USER_THRESHOLD_EXCEEDED,
    C.MAU_UNDECLARED,
    scope=Scope.MODEL,
    needs="user_threshold",
    severity=Severity.BLOCK,
)
def check(facts: Facts) -> Iterator[Result]:
    """Compare the declared users or revenue with a threshold measured at any time."""
    limit = facts.terms.user_threshold if facts.terms else None
    if limit is None or facts.model is None or limit.measured == "calendar-month-before-release":
        return
    if limit.integrated_product_recipients_exempt and integrated_recipient(facts):
        note = "the model is received inside another licensee's integrated product"
        yield facts.not_applicable(
            C.USER_THRESHOLD_EXCEEDED, note, clause=limit.exempt_clause or limit.clause
        )
        return
    revenue = limit.unit == "annual-revenue-usd"
    users = declared_users(facts)
    figure = facts.context.organisation.annual_revenue_usd if revenue else users.peak()
    key = "annual_revenue_usd" if revenue else "monthly_active_users"
    where = [facts.context.location("organisation", key) if revenue else users.where]
    source = "" if revenue else users.source()
    fix = f"Declare [organisation] {key} in weightclear.toml" + ("." if revenue else f", {REGISTRY_FIX}.")
    if figure is None:
        code = C.USER_THRESHOLD_EXCEEDED if revenue else C.MAU_UNDECLARED
        yield facts.review(
            code, f"{key} not declared; the limit is {limit.limit:,}", clause=limit.clause, remediation=fix
        )
        return
    if figure > limit.limit:
        msg = f"{key} {figure:,} is above {limit.limit:,}{source}: {limit.consequence}"
        fix = "Obtain the licence the licensor requires above the threshold, or stop using the model."
        yield facts.violated(
            C.USER_THRESHOLD_EXCEEDED, msg, clause=limit.clause, locations=where, remediation=fix
        )
        return
    yield facts.met(
        C.USER_THRESHOLD_EXCEEDED,
        f"{key} {figure:,} is not above {limit.limit:,}{source}",
        clause=limit.clause,
        locations=where,
    )
