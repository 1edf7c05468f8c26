"""The registry's view of a product, for rules and for `deployments list`.

Rules never open the database: the caller loads a ``GovernanceSnapshot`` here
and passes it to ``report.run_scan``. The same reading of sign-offs decides
the sign-off state shown next to each deployment:

- ``approved``: a current approved sign-off covers this licence version (and model);
- ``pending`` / ``rejected``: the newest sign-off for it is undecided / refused;
- ``review-required``: other versions are approved here, this one is not;
- ``missing``: nothing is approved for this product and environment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, select

from weightclear.knowledge import KnowledgeBase
from weightclear.model import GovernanceSnapshot, MauDeclarationState, ModelUse, SignoffState, WaiverState
from weightclear.registry import deployments, organisation, signoffs, waivers
from weightclear.registry.records import Decision, DeploymentRecord, DeploymentView, SignoffRecord
from weightclear.registry.tables import MauDeclaration, Organisation, Product
from weightclear.registry.tx import table

_ORG, _MAU, _P = table(Organisation), table(MauDeclaration), table(Product)


def applies(s: SignoffRecord, product: str, environment: str | None) -> bool:
    """Whether a current sign-off covers this product and environment (None on the sign-off = all)."""
    return s.current and s.product == product and (s.environment is None or s.environment == environment)


def snapshot(conn: Connection, product: str, environment: str | None) -> GovernanceSnapshot:
    """Load what the rules read for one product and environment.

    That is: the current sign-offs, the attribution owner, the waivers not
    revoked (expired ones too, so the report can say they expired), the
    product's organisation and every organisation's MAU declarations (the
    rules pick the organisation: the config's name, else the product's).
    """
    states = tuple(
        SignoffState(
            licence_id=s.licence_id,
            product=s.product,
            environment=s.environment,
            decision=s.decision.value,
            reviewer=s.reviewer,
            decided_at=s.decided_at,
            signoff_id=s.id,
            models=s.models,
            knowledge_digest=s.knowledge_digest,
        )
        for s in signoffs.query(conn, product=product)
        if applies(s, product, environment)
    )
    return GovernanceSnapshot(
        product=product,
        environment=environment,
        signoffs=states,
        attribution_owner=organisation.owner(conn, product),
        waivers=_waivers(conn, product),
        organisation=_organisation_of(conn, product),
        mau=_mau(conn),
    )


def _waivers(conn: Connection, product: str) -> tuple[WaiverState, ...]:
    return tuple(
        WaiverState(
            code=w.code,
            licence_id=w.licence_id,
            reason=w.reason,
            approved_by=w.approved_by,
            expires=w.expires,
            waiver_id=w.id,
        )
        for w in waivers.query(conn, product=product)
        if not w.revoked_at  # a revoked waiver is over: it neither silences nor annotates
    )


def _organisation_of(conn: Connection, product: str) -> str | None:
    stmt = select(_ORG.c.name).join(_P, _P.c.organisation_id == _ORG.c.id).where(_P.c.name == product)
    found = conn.execute(stmt).scalar()
    return str(found) if found is not None else None


def _mau(conn: Connection) -> tuple[MauDeclarationState, ...]:
    """The latest declaration per organisation and month (a later row of the same month wins)."""
    stmt = (
        select(_ORG.c.name, _MAU.c.month, _MAU.c.users, _MAU.c.declared_by)
        .join(_ORG, _ORG.c.id == _MAU.c.organisation_id)
        .order_by(_MAU.c.id)
    )
    latest = {
        (r.name, r.month): MauDeclarationState(
            organisation=r.name, month=r.month, users=int(r.users), declared_by=r.declared_by
        )
        for r in conn.execute(stmt)
    }
    return tuple(latest[k] for k in sorted(latest))


def _covers(s: SignoffRecord, model_id: str) -> bool:
    # Hub ids are case-insensitive; the sign-off rule compares the same way.
    return not s.models or model_id.lower() in {m.lower() for m in s.models}


def state_of(
    d: DeploymentRecord, relevant: Sequence[SignoffRecord], kb: KnowledgeBase | None = None
) -> tuple[str, int | None, str]:
    """(state, sign-off id, detail) of one deployment, given the sign-offs that apply to it."""
    mine = [s for s in relevant if s.licence_id == d.licence_id and _covers(s, d.model_id)]
    approved = [s for s in mine if s.decision is Decision.APPROVED]
    if approved:
        s = approved[-1]
        return "approved", s.id, f"by {s.reviewer} {(s.decided_at or '')[:10]}"
    if mine:
        s = mine[-1]
        who = f"requested by {s.requester}" if s.decision is Decision.PENDING else f"by {s.reviewer}"
        return s.decision.value, s.id, who
    scoped = [s for s in relevant if s.licence_id == d.licence_id and s.decision is Decision.APPROVED]
    if scoped:  # this version is approved, but only for other models
        ids = ", ".join(f"#{s.id}" for s in scoped)
        return "review-required", None, f"{d.licence_id} approved for other models only ({ids})"
    others = sorted({s.licence_id for s in relevant if s.decision is Decision.APPROVED})
    if others:
        base = signed_base(d.licence_id, others, kb)
        return "review-required", None, f"signed: {base or ', '.join(others)}"
    return "missing", None, "no approved sign-off for this product and environment"


def signed_base(licence_id: str | None, approved: Iterable[str], kb: KnowledgeBase | None) -> str | None:
    """The approved licence of the same family as ``licence_id`` (the version a diff starts from)."""
    if kb is None or licence_id is None or licence_id not in kb.licences:
        return None
    family = kb.licences[licence_id].family
    same = sorted(a for a in approved if a in kb.licences and kb.licences[a].family == family)
    return same[-1] if same else None


def views(
    conn: Connection,
    *,
    product: str | None = None,
    environment: str | None = None,
    include_ended: bool = False,
    kb: KnowledgeBase | None = None,
) -> list[DeploymentView]:
    """Deployments with the sign-off state of each."""
    found = deployments.query(conn, product=product, environment=environment, include_ended=include_ended)
    by_product: dict[str, list[SignoffRecord]] = {}
    out = []
    for d in found:
        if d.product not in by_product:
            by_product[d.product] = signoffs.query(conn, product=d.product)
        relevant = [s for s in by_product[d.product] if applies(s, d.product, d.environment)]
        state, sid, detail = state_of(d, relevant, kb)
        out.append(DeploymentView(deployment=d, state=state, signoff_id=sid, detail=detail))
    return out


def review_notes(snap: GovernanceSnapshot, models: Sequence[ModelUse], kb: KnowledgeBase) -> list[str]:
    """For each licence version in use without approval: what changed since the signed version.

    Uses ``weightclear.knowledge.diff.diff_licences``; the lines are for
    people (the findings themselves come from the obligations rules).
    """
    approved = snap.approved_licences()
    lines: list[str] = []
    for licence_id in sorted({m.licence_id for m in models if m.used and m.licence_id} - approved):
        base = signed_base(licence_id, approved, kb)
        if base is None:
            continue
        lines.append(f"{licence_id}: not signed off; the signed version is {base}")
        lines += [f"  {line}" for line in _diff_lines(kb, base, licence_id)]
    return lines


def _diff_lines(kb: KnowledgeBase, old: str, new: str) -> list[str]:
    from weightclear.knowledge.diff import diff_licences

    lines = []
    for change in diff_licences(kb, old, new):
        was, now = change.old or "none", change.new or "none"
        where = f" [{change.key}]" if change.key else ""
        lines.append(f"{change.aspect}{where}: {was} -> {now}; {change.note}")
    return lines
