"""The licence of a model in use is unknown.

Every obligation depends on the licence version, so a model whose licence
could not be resolved (a name the catalogue does not know and no licence
file or model card beside it) cannot be cleared. It is reported for review
rather than passed in silence.

Remediation: add a licence file or a model card with a ``license`` field
next to the model, name it in ``[[models]]`` with its catalogue id, or ask
for the model to be added to the knowledge base.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Location, Result, Severity, Status
from weightclear.obligations.codes import FindingCode
from weightclear.obligations.rule import Facts, Scope, rule

CODE = FindingCode.UNKNOWN_LICENCE


@rule(CODE, scope=(Scope.MODEL, Scope.DERIVATIVE), needs=None, severity=Severity.WARN)
def check(facts: Facts) -> Iterator[Result]:
    """Review every model (or derivative) in use whose licence is not in the knowledge base."""
    if facts.terms is not None or (facts.model is None and facts.derivative is None):
        return
    where: list[Location | None] = [ref.location for ref in facts.model.references[:5]] if facts.model else []
    if facts.derivative is not None and facts.derivative_index is not None:
        where.append(facts.context.location("derivatives", facts.derivative_index, "base_model"))
    licence = facts.model.licence_id if facts.model else None
    yield facts.result(
        CODE,
        Status.REVIEW,
        Severity.WARN,
        f"licence {licence!r} is not in the knowledge base" if licence else "licence could not be resolved",
        clause=None,
        locations=where,
        remediation="Declare the model's catalogue id in [[models]] or ship its licence file beside it.",
    )
