"""Pass the use restrictions on to downstream users.

Applies when the licence requires its use restrictions to flow down:
Gemma (the Prohibited Use Policy must be an enforceable term of any
agreement under which Gemma or a derivative is distributed), the OpenRAIL
family and DeepSeek (the Attachment A restrictions in your own terms, with
notice to users), Falcon (the acceptable use policy as enforceable terms).
The duty arises when the model or a derivative is distributed or made
available to others. The scan cannot read a contract, so the product's
terms of use are named in ``[product] downstream_terms``; until they are,
the obligation stays open for review.

- ``FLOW_DOWN_REQUIRED`` (warn): no downstream terms are declared.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Location, Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import Reach, duty_note, reach
from weightclear.obligations.rule import Facts, Scope, rule

CODE = C.FLOW_DOWN_REQUIRED


@rule(CODE, scope=(Scope.MODEL, Scope.DERIVATIVE), needs="flow_down.required", severity=Severity.WARN)
def check(facts: Facts) -> Iterator[Result]:
    """Check that terms passing the restrictions on are declared where others use the model."""
    duty = facts.terms.flow_down if facts.terms else None
    if duty is None or not duty.required or (facts.model is None and facts.derivative is None):
        return
    if facts.via_outputs:
        return
    r = reach(facts)
    if r in (Reach.INTERNAL, Reach.END_USER):
        yield facts.not_applicable(CODE, duty_note(r), clause=duty.clause)
        return
    terms_file = facts.context.product.downstream_terms
    if terms_file and terms_file in facts.context.missing_paths:
        msg = f"downstream terms {terms_file} are declared but not in the scanned tree"
        yield facts.review(
            CODE, msg, clause=duty.clause, locations=[facts.context.location("product", "downstream_terms")]
        )
        return
    if terms_file:
        msg = f"downstream terms declared in {terms_file}"
        yield facts.met(CODE, msg, clause=duty.clause, locations=[Location(path=terms_file)])
        return
    msg = f"pass on the use restrictions: {duty.what}"
    fix = "Put the restrictions in the product's terms and name that file in [product] downstream_terms."
    yield facts.review(CODE, msg, clause=duty.clause, remediation=fix)
