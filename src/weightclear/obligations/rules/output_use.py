"""Do not use outputs to improve other models where the licence forbids it.

Applies when the licence limits what its outputs may improve. Llama 2 and
Llama 3 forbid using the materials or their outputs to improve any other
large language model (except that version's own models and their
derivatives); Llama 3.1 and later drop that ban and instead require the
naming rule. Tongyi Qianwen and Stability's Community Licence have bans of
the same shape. A ``[[derivatives]]`` entry whose ``trained_on_outputs_of``
(a distillation teacher belongs there too) is under such a licence, while
none of its base models is, breaks the ban, whether or not it is shipped.

- ``OUTPUT_USE_RESTRICTED`` (block): outputs improve a model the licence
  does not allow.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.rule import Facts, Scope, rule

CODE = C.OUTPUT_USE_RESTRICTED


@rule(CODE, scope=Scope.DERIVATIVE, needs="output_use", severity=Severity.BLOCK)
def check(facts: Facts) -> Iterator[Result]:
    """Check a derivative trained on outputs (or distilled) against the output clause."""
    terms, derivative = facts.terms, facts.derivative
    limit = terms.output_use if terms else None
    if terms is None or limit is None or derivative is None:
        return
    if not facts.via_outputs:
        return
    if limit.improve_other_models != "prohibited":
        yield facts.not_applicable(
            CODE, f"{terms.id} allows outputs to improve other models", clause=limit.clause
        )
        return
    where = [facts.context.location("derivatives", facts.derivative_index or 0, "trained_on_outputs_of")]
    if terms.id in facts.source_licences:
        msg = f"{derivative.name!r} improves a {terms.id} model, which the clause allows"
        yield facts.met(CODE, msg, clause=limit.clause, locations=where)
        return
    other = ", ".join(sorted(facts.source_licences)) or "another model"
    msg = f"outputs of {terms.id} are used to improve {derivative.name!r} ({other})"
    fix = (
        limit.exception
        or "Train on outputs of a model whose licence allows it, or use the same model family."
    )
    yield facts.violated(CODE, msg, clause=limit.clause, locations=where, remediation=fix)
