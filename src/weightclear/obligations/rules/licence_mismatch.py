"""Ship a derivative under its base model's licence, not other terms.

Applies to derivatives of a licence with redistribution terms. A fine-tune,
adapter, quantisation or merge of a licensed model stays under that licence:
its model card (``license:``) and its licence file must not declare other
terms, such as Apache-2.0 or MIT for a Llama fine-tune. A model merged from
several bases may carry each base's licence. Models only trained on outputs
are not derivatives of the materials and are not checked here.

- ``LICENCE_MISMATCH`` (block): the shipped folder declares another licence;
  ``review`` when the declared licence cannot be identified.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.context import Exposure
from weightclear.model import LicenceFileKind, Location, Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.rule import Facts, Scope, rule

CODE = C.LICENCE_MISMATCH


@rule(CODE, scope=Scope.DERIVATIVE, needs="redistribution", severity=Severity.BLOCK)
def check(facts: Facts) -> Iterator[Result]:
    """Compare what the shipped folder declares with the licences of the derivative's bases."""
    terms, derivative, shipped = facts.terms, facts.derivative, facts.shipped
    if terms is None or terms.redistribution is None or derivative is None or facts.via_outputs:
        return
    clause = terms.redistribution.clause
    if derivative.exposure is Exposure.INTERNAL or shipped is None:
        yield facts.not_applicable(CODE, "the derivative is not offered to others", clause=clause)
        return
    allowed = facts.source_licences | {terms.id}
    other: list[tuple[Location, str]] = []
    unclear: list[tuple[Location, str]] = []
    for where, written, known in shipped.declared:
        if known is None and written.strip().lower() in ("", "other", "unknown"):
            unclear.append((where, written))
        elif known is None:
            other.append((where, written))  # an id we do not know is still not the base's licence
        elif known not in allowed:
            other.append((where, known))
    for file in shipped.licence_files:
        if file.kind is LicenceFileKind.AGREEMENT and file.licence_id not in allowed:
            (unclear if file.licence_id == "unknown" else other).append((file.location, file.licence_id))
    fix = f"Declare {terms.id} (license field and licence file) for {derivative.name!r}."
    if other:
        names = ", ".join(sorted({name for _, name in other}))
        msg = f"{derivative.name!r} is derived from {terms.id} but declares {names}"
        yield facts.violated(CODE, msg, clause=clause, locations=[w for w, _ in other], remediation=fix)
    elif unclear:
        names = ", ".join(sorted({name for _, name in unclear}))
        msg = f"{derivative.name!r} declares terms that could not be identified ({names})"
        yield facts.review(CODE, msg, clause=clause, locations=[w for w, _ in unclear], remediation=fix)
    else:
        yield facts.met(CODE, f"{derivative.name!r} declares no other terms", clause=clause)
