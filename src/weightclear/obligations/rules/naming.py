"""Begin a derivative model's name with the licence's prefix.

Applies when the licence has a naming rule. A model created, trained,
fine-tuned or otherwise improved with Llama 3 materials must have a name
beginning with ``Llama 3``; from Llama 3.1 on, the prefix is ``Llama`` and
the rule also covers models trained on the outputs of a Llama model. The
rule bites when that model is distributed or made available under its name
(``exposure = "distributed"`` or ``"hosted-named"`` in ``[[derivatives]]``).
Spaces, hyphens, underscores, dots and capitals are ignored when comparing,
so ``Llama-3-Acme-8B`` satisfies ``Llama 3``.

- ``DERIVATIVE_NAME_PREFIX_MISSING`` (block): the name does not begin with
  the prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from weightclear.context import Exposure
from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.rule import Facts, Scope, rule

CODE = C.DERIVATIVE_NAME_PREFIX_MISSING


def squash(text: str) -> str:
    """Lower-case ``text`` without spaces, hyphens, underscores and dots."""
    return re.sub(r"[\s_\-.]+", "", text).lower()


@rule(CODE, scope=Scope.DERIVATIVE, needs="naming_prefix", severity=Severity.BLOCK)
def check(facts: Facts) -> Iterator[Result]:
    """Check the name of a derivative shown to others against the prefix."""
    naming = facts.terms.naming_prefix if facts.terms else None
    derivative = facts.derivative
    if naming is None or derivative is None:
        return
    if facts.via_outputs and not naming.on_outputs:
        yield facts.not_applicable(
            CODE, "trained on outputs only; this version's rule covers the materials", clause=naming.clause
        )
        return
    if derivative.exposure in (Exposure.INTERNAL, Exposure.HOSTED_FEATURE):
        yield facts.not_applicable(
            CODE, f"the model is not offered to others by name ({derivative.exposure})", clause=naming.clause
        )
        return
    name, prefix = squash(derivative.name), squash(naming.prefix)
    ok = name.startswith(prefix) if naming.position == "start" else prefix in name
    where = [facts.context.location("derivatives", facts.derivative_index or 0, "name")]
    if ok:
        yield facts.met(
            CODE, f"{derivative.name!r} begins with {naming.prefix!r}", clause=naming.clause, locations=where
        )
        return
    msg = f"{derivative.name!r} must begin with {naming.prefix!r}"
    fix = f"Rename the model, e.g. {naming.prefix + '-' + derivative.name!r}."
    yield facts.violated(CODE, msg, clause=naming.clause, locations=where, remediation=fix)
