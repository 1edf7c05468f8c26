"""State that a derivative is built on the licensed technology (Falcon licences).

Applies when the licence's redistribution terms carry a derivative statement:
the TII Falcon licences require public statements about a derivative work to
include ``[name of the derivative] is built using Falcon LLM technology from
the Technology Innovation Institute`` (Falcon 2; Falcon 3 says "artificial
intelligence technology"). Checked for ``[[derivatives]]`` offered to others:
the sentence, with the derivative's name, must appear on a declared surface.

- ``ATTRIBUTION_MISSING`` (block): no such statement names the derivative.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from weightclear.context import Exposure
from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.rule import Facts, Scope, rule

CODE = C.ATTRIBUTION_MISSING


def statement_tail(template: str) -> str:
    """The fixed part of a statement template, after its ``[placeholder]``."""
    return " ".join(re.sub(r"^.*\]", "", template).split())


@rule(CODE, scope=Scope.DERIVATIVE, needs="redistribution.derivative_statement", severity=Severity.BLOCK)
def check(facts: Facts) -> Iterator[Result]:
    """Look for the statement, naming the derivative, on the declared surfaces."""
    duty = facts.terms.redistribution if facts.terms else None
    derivative = facts.derivative
    if duty is None or not duty.derivative_statement or derivative is None or facts.via_outputs:
        return
    if derivative.exposure is Exposure.INTERNAL:
        yield facts.not_applicable(CODE, "the derivative is used internally only", clause=duty.clause)
        return
    tail = statement_tail(duty.derivative_statement).lower()
    name = derivative.name.lower()
    found = [
        a.location for a in facts.surface_attributions if tail in a.text.lower() and name in a.text.lower()
    ]
    wanted = f"{derivative.name} {statement_tail(duty.derivative_statement)}"
    if found:
        yield facts.met(CODE, f"statement found: {wanted!r}", clause=duty.clause, locations=found)
        return
    msg = f"no public statement {wanted!r}"
    yield facts.violated(
        CODE, msg, clause=duty.clause, remediation=f"Add {wanted!r} where the model is described."
    )
