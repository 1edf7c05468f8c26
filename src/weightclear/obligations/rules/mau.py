"""Monthly active users at the version's release date (the Llama "Additional Commercial Terms").

Applies when the licence's user threshold is measured in monthly active users
for the calendar month before that version's release date (Llama 2 to 4: more
than 700 million users of all products and services of the licensee and its
affiliates). The month is fixed per version: a company that crossed the line
after Llama 3.1 was released still holds the 3.1 licence, but not Llama 4's.
Only *more than* the limit triggers. Someone who receives the model inside
another licensee's integrated end-user product is exempt.

- ``MAU_LICENCE_REQUIRED`` (block): the figure for that month is above the
  limit; a licence must be requested from the licensor before any use.
- ``MAU_NEAR_THRESHOLD`` (warn): the figure is within 10% of the limit, or a
  later declared month is above it (later versions will need a licence).
- ``MAU_UNDECLARED`` (warn): no figure for that month in ``weightclear.toml``
  (``[organisation] monthly_active_users``) or, when the config declares
  none, in the registry's declarations for the organisation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import integrated_recipient
from weightclear.obligations.rule import Facts, Scope, rule
from weightclear.obligations.users import REGISTRY_FIX, declared_users

NEAR = 0.9  # share of the limit from which a figure counts as near


def month_before(day: dt.date) -> str:
    """The calendar month before ``day``, as ``YYYY-MM``."""
    last = day.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year:04d}-{last.month:02d}"


@rule(
    C.MAU_LICENCE_REQUIRED,
    C.MAU_NEAR_THRESHOLD,
    C.MAU_UNDECLARED,
    scope=Scope.MODEL,
    needs="user_threshold",
    severity=Severity.BLOCK,
)
def check(facts: Facts) -> Iterator[Result]:
    """Compare the declared users of the month before the release date with the limit."""
    terms = facts.terms
    limit = terms.user_threshold if terms else None
    if terms is None or limit is None or facts.model is None:
        return
    if limit.unit != "monthly-active-users" or limit.measured != "calendar-month-before-release":
        return
    if limit.integrated_product_recipients_exempt and integrated_recipient(facts):
        note = "the model is received inside another licensee's integrated product"
        yield facts.not_applicable(C.MAU_LICENCE_REQUIRED, note, clause=limit.exempt_clause or limit.clause)
        return
    declared, clause = declared_users(facts), limit.clause
    month = month_before(terms.release_date) if terms.release_date else None
    users = declared.users_in(month) if month else None
    where, source = [declared.where], declared.source(month)
    if users is None:
        msg = f"monthly active users (with affiliates) not declared for {month or 'the release month'}"
        fix = (
            f"Declare [organisation] monthly_active_users for that month in weightclear.toml, {REGISTRY_FIX}."
        )
        yield facts.review(C.MAU_UNDECLARED, msg + source, clause=clause, locations=where, remediation=fix)
        return
    if users > limit.limit:
        msg = f"{users:,} monthly active users in {month}, above {limit.limit:,}{source}: {limit.consequence}"
        fix = "Request a licence from the licensor; no rights may be used until it is granted."
        yield facts.violated(C.MAU_LICENCE_REQUIRED, msg, clause=clause, locations=where, remediation=fix)
        return
    msg = f"{users:,} monthly active users in {month}, not above {limit.limit:,}{source}"
    yield facts.met(C.MAU_LICENCE_REQUIRED, msg, clause=clause, locations=where)
    peak = declared.peak() or 0
    if users >= NEAR * limit.limit or peak > limit.limit:
        msg = (
            f"near or above {limit.limit:,} (peak declared {peak:,}); newer versions count at their own date"
        )
        yield facts.review(C.MAU_NEAR_THRESHOLD, msg, clause=clause, locations=where)
