"""Keep the product's use case inside the licence's acceptable use policy.

Applies when the licence incorporates a use policy (every Llama version,
Gemma's Prohibited Use Policy, the OpenRAIL and DeepSeek attachments, the
Falcon and Stability policies). ``[product] use_case`` is screened against
the policy of each licence in use: a use in a prohibited category blocks; a
use in a sensitive area (health, legal, finance, employment, ...) needs a
person to review it. Without a declared use case nothing can be screened.

- ``AUP_PROHIBITED`` (block): the use case matches a prohibited category.
- ``AUP_REVIEW_REQUIRED`` (warn): the use case needs review, or could not be screened.
- ``USE_CASE_UNDECLARED`` (warn): ``[product] use_case`` is not declared.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Result, Severity, Verdict
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import Reach, reach
from weightclear.obligations.rule import Facts, Scope, rule


@rule(
    C.AUP_PROHIBITED,
    C.AUP_REVIEW_REQUIRED,
    C.USE_CASE_UNDECLARED,
    scope=(Scope.MODEL, Scope.DERIVATIVE),
    needs="aup_id",
    severity=Severity.BLOCK,
)
def check(facts: Facts) -> Iterator[Result]:
    """Report the screening of the declared use case against this licence's policy."""
    terms = facts.terms
    if (
        terms is None
        or terms.aup_id is None
        or facts.via_outputs
        or (facts.model is None and facts.derivative is None)
    ):
        return
    clause = f"use policy {terms.aup_id}"
    if reach(facts) is Reach.END_USER:
        yield facts.not_applicable(
            C.AUP_PROHIBITED, "the product's maker answers for its use policy", clause=clause
        )
        return
    use_case = facts.context.product.use_case
    if not use_case:
        fix = "Describe what the product does in [product] use_case."
        yield facts.review(
            C.USE_CASE_UNDECLARED, "no use case declared to screen", clause=clause, remediation=fix
        )
        return
    where = [facts.context.location("product", "use_case")]
    screening = next((s for s in facts.screenings if s.licence_id == terms.id), None)
    if screening is None:
        msg = "the use case could not be screened against this policy"
        yield facts.review(C.AUP_REVIEW_REQUIRED, msg, clause=clause, locations=where)
        return
    matches = [m for m in screening.matches if m.verdict is screening.verdict]
    names = "; ".join(f"{m.name} ({m.section})" if m.section else m.name for m in matches) or "no category"
    first = next((f"{terms.aup_id} §{m.section}" for m in matches if m.section), clause)
    if screening.verdict is Verdict.PROHIBITED:
        fix = "Change the use case, or drop this model for it."
        yield facts.violated(
            C.AUP_PROHIBITED, f"prohibited: {names}", clause=first, locations=where, remediation=fix
        )
    elif screening.verdict is Verdict.REVIEW:
        fix = "Have legal review the use case and record the outcome as an approval or waiver."
        yield facts.review(
            C.AUP_REVIEW_REQUIRED, f"needs review: {names}", clause=first, locations=where, remediation=fix
        )
    else:
        yield facts.met(
            C.AUP_PROHIBITED, "no prohibited or sensitive category matched", clause=clause, locations=where
        )
