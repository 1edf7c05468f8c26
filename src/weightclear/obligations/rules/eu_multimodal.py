"""EU limit on multimodal models (Llama 3.2, 3.3 and 4 use policies).

Applies when the licence's use policy withholds the grant for multimodal
models from EU-based licensees. The grant of the version's licence is not
given to an individual domiciled in the EU or a company with its principal
place of business there, for the multimodal models of the release only (in
practice Llama 3.2 Vision and Llama 4; text models such as Llama 3.2 1B/3B
or 3.3 70B are unaffected). End users of a product that incorporates such a
model are not affected, and neither is where the product's users are.

- ``EU_MULTIMODAL_RESTRICTED`` (block): a multimodal model of such a release
  is used (or a derivative of it is made) by an EU-based licensee; ``review`` when ``[organisation] country``
  is not declared.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import Reach, reach
from weightclear.obligations.rule import Facts, Scope, rule

CODE = C.EU_MULTIMODAL_RESTRICTED


@rule(CODE, scope=(Scope.MODEL, Scope.DERIVATIVE), needs="eu_multimodal", severity=Severity.BLOCK)
def check(facts: Facts) -> Iterator[Result]:
    """Check the model's modality and the licensee's place of business."""
    limit = facts.terms.eu_multimodal if facts.terms else None
    if limit is None or (facts.model is None and facts.derivative is None) or facts.via_outputs:
        return
    modality = (facts.model.modality if facts.model else None) or facts.declared_modality
    if modality is None:
        msg = "model modality unknown; the EU limit covers multimodal models only"
        yield facts.review(CODE, msg, clause=limit.clause, remediation="Declare modality_used in [[models]].")
        return
    if modality not in limit.modalities:
        yield facts.not_applicable(
            CODE, f"{modality} model: the limit covers multimodal models only", clause=limit.clause
        )
        return
    if limit.end_users_exempt and reach(facts) is Reach.END_USER:
        yield facts.not_applicable(
            CODE, "end users of a product that incorporates the model are exempt", clause=limit.clause
        )
        return
    org = facts.context.organisation
    where = [facts.context.location("organisation", "country")]
    if org.in_eu is None:
        fix = "Declare [organisation] country (principal place of business)."
        yield facts.review(CODE, "licensee country not declared", clause=limit.clause, remediation=fix)
    elif org.in_eu:
        msg = f"licensee based in {org.country} (EU): the grant for this {modality} model is withheld"
        fix = "Use a text-only model of the release, or a model under other terms."
        yield facts.violated(CODE, msg, clause=limit.clause, locations=where, remediation=fix)
    else:
        yield facts.met(
            CODE, f"licensee based in {org.country}, outside the EU", clause=limit.clause, locations=where
        )
