"""Record an approval for every licence version the product uses.

Not a licence term but the governance around them: someone accountable must
have read the terms of each licence *version* in use. Approvals come from
``[[approvals]]`` in ``weightclear.toml`` or from the registry's sign-offs.
A product with no approval at all has not been cleared; a product whose
approvals do not cover a version it now uses (Llama 3.1 approved, Llama 4
adopted) must have the new version reviewed, since its terms differ.

A registry sign-off that lists models covers only those models (a model is
covered when it, a model in its lineage or, for a derivative, one of its
sources is listed); one with no list covers every model under that licence
version.

- ``SIGNOFF_MISSING`` (warn): no approval of any kind is recorded.
- ``VERSION_REVIEW_REQUIRED`` (block): approvals exist, none covers this
  version (or, for sign-offs limited to models, a model in use under it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from weightclear.model import Location, Result, Severity, SignoffState
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.rule import Facts, Scope, rule


@dataclass(kw_only=True)
class Cover:
    """What the approvals of one licence version cover."""

    where: Location | None = None  # the config approval, None for the registry
    everything: bool = False  # an approval without a model list exists
    models: set[str] = field(default_factory=set)  # models listed by scoped sign-offs
    signoffs: list[int] = field(default_factory=list)  # ids of the scoped sign-offs, for messages


def approved(facts: Facts) -> dict[str, Cover]:
    """Licence ids with an approval, what it covers and where it is recorded."""
    found: dict[str, Cover] = {}
    for index, approval in enumerate(facts.context.approvals):
        if approval.date <= facts.today:  # config approvals cover the whole version (models: informational)
            cover = found.setdefault(approval.licence, Cover())
            cover.where = cover.where or facts.context.location("approvals", index)
            cover.everything = True
    for signoff in facts.governance.signoffs if facts.governance else ():
        if signoff.decision == "approved":
            _add(found.setdefault(signoff.licence_id, Cover()), signoff)
    return found


def _add(cover: Cover, signoff: SignoffState) -> None:
    if not signoff.models:
        cover.everything = True
        return
    cover.models.update(m.lower() for m in signoff.models)  # hub ids are case-insensitive
    if signoff.signoff_id is not None:
        cover.signoffs.append(signoff.signoff_id)


def uses(facts: Facts, licence: str) -> list[tuple[str, ...]]:
    """Each model in use under ``licence`` as an id chain: the model then its lineage, or a derivative
    then its sources (a sign-off listing any id of a chain covers it)."""
    chains = [(m.model_id, *m.lineage) for m in facts.models if m.licence_id == licence]
    chains += [chain for lic, chain in facts.derivative_sources if lic == licence]
    return chains


def uncovered(facts: Facts, licence: str, cover: Cover) -> list[str]:
    """Models in use under ``licence`` that no approval covers."""
    if cover.everything:
        return []
    return sorted({c[0] for c in uses(facts, licence) if not {m.lower() for m in c} & cover.models})


@rule(C.SIGNOFF_MISSING, C.VERSION_REVIEW_REQUIRED, scope=Scope.PRODUCT, needs=None, severity=Severity.BLOCK)
def check(facts: Facts) -> Iterator[Result]:
    """Compare the licence versions (and models) in use with the recorded approvals."""
    if not facts.licences_in_use:
        return
    covered = approved(facts)
    if not covered:
        msg = f"no approval recorded for {', '.join(facts.licences_in_use)}"
        fix = "Record the approval in [[approvals]] or with `weightclear signoff`."
        where = [facts.context.location("product")]
        yield facts.review(C.SIGNOFF_MISSING, msg, clause=None, locations=where, remediation=fix)
        return
    for licence in facts.licences_in_use:
        yield replace(_version(facts, licence, covered.get(licence)), licence=licence)


def _version(facts: Facts, licence: str, cover: Cover | None) -> Result:
    where = [facts.context.location("approvals", 0)]
    if cover is None:
        fix = f"Have {licence} reviewed and add it to [[approvals]]."
        msg = f"no approval covers {licence}"
        return facts.violated(C.VERSION_REVIEW_REQUIRED, msg, clause=None, locations=where, remediation=fix)
    missing = uncovered(facts, licence, cover)
    if not missing:
        return facts.met(
            C.VERSION_REVIEW_REQUIRED, f"{licence} approved", clause=None, locations=[cover.where]
        )
    ids = ", ".join(f"#{i}" for i in sorted(cover.signoffs)) or "the approvals"
    msg = f"{licence} sign-offs {ids} cover only the models they list, not {', '.join(missing)}"
    fix = f"Request a sign-off of {licence} that covers {', '.join(missing)} (or every model under it)."
    return facts.violated(C.VERSION_REVIEW_REQUIRED, msg, clause=None, remediation=fix)
