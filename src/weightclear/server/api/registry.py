"""Products, deployments, sign-offs, waivers and the audit log: the registry's CLI verbs over HTTP."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from weightclear.registry.records import ChecklistItem, Decision, DeploymentInput, Request, Step
from weightclear.server import queries
from weightclear.server.auth import Role, User
from weightclear.server.deps import ServerState, api_role, state
from weightclear.server.errors import ApiError

router = APIRouter(tags=["registry"])
Viewer = Depends(api_role(Role.VIEWER))
Engineer = Depends(api_role(Role.ENGINEER))
Reviewer = Depends(api_role(Role.REVIEWER))
St = Depends(state)

_Name = Field(min_length=1, max_length=200)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DeploymentBody(_Strict):
    product: str = _Name
    environment: str = Field(min_length=1, max_length=100)
    model: str = Field(min_length=1, max_length=300)
    licence: str | None = Field(default=None, max_length=100)
    since: dt.date | None = None


class SignoffBody(_Strict):
    product: str = _Name
    environment: str | None = Field(default=None, min_length=1, max_length=100)
    licence: str = Field(min_length=1, max_length=100)
    models: list[str] = Field(default_factory=list, max_length=200)
    checklist: dict[Step, str] = Field(default_factory=dict, description="step -> 'yes|no|n/a: evidence'")
    notes: str = Field(default="", max_length=5000)
    scan_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class DecisionBody(_Strict):
    notes: str = Field(default="", max_length=5000)
    version: int | None = Field(default=None, ge=1, le=2**31 - 1, description="optimistic concurrency")


class WaiverBody(_Strict):
    product: str = _Name
    code: str = Field(min_length=1, max_length=100)
    licence: str | None = Field(default=None, max_length=100)
    reason: str = Field(min_length=1, max_length=2000)
    expires: dt.date


class OwnerBody(_Strict):
    owner: str = _Name


_Id = Query(ge=1, le=2**31 - 1)


@router.get("/products")
def list_products(st: ServerState = St, _: User = Viewer) -> dict[str, Any]:
    """Every product the registry knows."""
    return {"products": queries.products(st.registry)}


@router.get("/products/{name}")
def show_product(name: str, st: ServerState = St, _: User = Viewer) -> dict[str, Any]:
    """A product's deployments, sign-offs, waivers, scans and attribution owner."""
    reg = st.registry
    if name not in queries.products(reg):
        raise ApiError(404, f"no product {name!r}")
    return {
        "product": name,
        "attribution_owner": reg.attribution_owner(name),
        "deployments": [v.to_json() for v in reg.deployments(product=name, include_ended=True, kb=st.kb)],
        "signoffs": [s.to_json() for s in reg.signoffs(product=name, include_superseded=True)],
        "waivers": [_waiver(w) for w in reg.waivers(product=name)],
        "scans": [s.to_json() for s in queries.scans(reg, name)],
    }


@router.put("/products/{name}/owner")
def set_owner(name: str, body: OwnerBody, st: ServerState = St, user: User = Engineer) -> dict[str, Any]:
    """Name the person answerable for the product's attribution."""
    st.registry.set_attribution_owner(user.name, name, body.owner)
    return {"product": name, "attribution_owner": body.owner}


@router.get("/deployments")
def list_deployments(
    product: str | None = None,
    environment: str | None = None,
    include_ended: bool = False,
    st: ServerState = St,
    _: User = Viewer,
) -> dict[str, Any]:
    """Which licence version runs where, with its sign-off state."""
    views = st.registry.deployments(
        product=product, environment=environment, include_ended=include_ended, kb=st.kb
    )
    return {"deployments": [v.to_json() for v in views]}


@router.post("/deployments", status_code=201)
def add_deployment(body: DeploymentBody, st: ServerState = St, user: User = Engineer) -> dict[str, Any]:
    """Record by hand that a model runs in a product's environment."""
    item = DeploymentInput(
        product=body.product,
        environment=body.environment,
        model_id=body.model,
        licence_id=body.licence,
        since=body.since.isoformat() if body.since else None,
    )
    rec = st.registry.add_deployment(user.name, item)
    return {"id": rec.id, "product": rec.product, "environment": rec.environment, "model": rec.model_id}


@router.post("/deployments/{deployment_id}/end")
def end_deployment(deployment_id: int, st: ServerState = St, user: User = Engineer) -> dict[str, Any]:
    """Mark a deployment as no longer running."""
    _check_id(deployment_id)
    rec = st.registry.end_deployment(user.name, deployment_id)
    return {"id": rec.id, "until": rec.until}


@router.get("/signoffs")
def list_signoffs(
    product: str | None = None,
    decision: Decision | None = None,
    include_superseded: bool = False,
    st: ServerState = St,
    _: User = Viewer,
) -> dict[str, Any]:
    """Sign-offs, oldest first; ``decision=pending`` is the review queue."""
    found = st.registry.signoffs(
        product=product, decisions=(decision,) if decision else (), include_superseded=include_superseded
    )
    return {"signoffs": [s.to_json() for s in found]}


@router.get("/signoffs/{signoff_id}")
def show_signoff(signoff_id: int, st: ServerState = St, _: User = Viewer) -> dict[str, Any]:
    """One sign-off with its checklist."""
    _check_id(signoff_id)
    return st.registry.signoff(signoff_id).to_json()


@router.post("/signoffs", status_code=201)
def request_signoff(body: SignoffBody, st: ServerState = St, user: User = Engineer) -> dict[str, Any]:
    """Open a pending sign-off with its checklist answers (``yes: evidence``)."""
    if body.licence not in st.kb.licences:
        raise ApiError(422, f"unknown licence id {body.licence!r}")
    try:
        checklist = tuple(ChecklistItem.parse(step, value) for step, value in body.checklist.items())
    except ValueError as exc:
        raise ApiError(422, str(exc)) from None
    req = Request(
        product=body.product,
        environment=body.environment,
        licence_id=body.licence,
        models=tuple(body.models),
        checklist=checklist,
        notes=body.notes,
        scan_id=body.scan_id,
        knowledge_digest=st.kb.digest,
    )
    return st.registry.request_signoff(user.name, req).to_json()


def _decide(
    st: ServerState, user: User, signoff_id: int, decision: Decision, body: DecisionBody
) -> dict[str, Any]:
    _check_id(signoff_id)
    rec = st.registry.decide_signoff(user.name, signoff_id, decision, body.notes, body.version)
    return rec.to_json()


@router.post("/signoffs/{signoff_id}/approve")
def approve(
    signoff_id: int, body: DecisionBody, st: ServerState = St, user: User = Reviewer
) -> dict[str, Any]:
    """Approve a pending sign-off (not your own request)."""
    return _decide(st, user, signoff_id, Decision.APPROVED, body)


@router.post("/signoffs/{signoff_id}/reject")
def reject(
    signoff_id: int, body: DecisionBody, st: ServerState = St, user: User = Reviewer
) -> dict[str, Any]:
    """Reject a pending sign-off (not your own request)."""
    return _decide(st, user, signoff_id, Decision.REJECTED, body)


def _waiver(w: Any) -> dict[str, Any]:
    return {
        "id": w.id,
        "product": w.product,
        "code": w.code,
        "licence": w.licence_id,
        "reason": w.reason,
        "approved_by": w.approved_by,
        "created_at": w.created_at,
        "expires": w.expires,
        "state": w.state(dt.date.today().isoformat()),
    }


@router.get("/waivers")
def list_waivers(product: str | None = None, st: ServerState = St, _: User = Viewer) -> dict[str, Any]:
    """Every waiver with its state."""
    return {"waivers": [_waiver(w) for w in st.registry.waivers(product=product)]}


@router.post("/waivers", status_code=201)
def add_waiver(body: WaiverBody, st: ServerState = St, user: User = Reviewer) -> dict[str, Any]:
    """Grant a waiver for one finding code until a date."""
    rec = st.registry.add_waiver(
        user.name,
        product=body.product,
        code=body.code,
        licence_id=body.licence,
        reason=body.reason,
        expires=body.expires,
    )
    return _waiver(rec)


@router.post("/waivers/{waiver_id}/revoke")
def revoke_waiver(waiver_id: int, st: ServerState = St, user: User = Reviewer) -> dict[str, Any]:
    """End a waiver early."""
    _check_id(waiver_id)
    return _waiver(st.registry.revoke_waiver(user.name, waiver_id))


@router.get("/audit/verify")
def verify_audit(st: ServerState = St, _: User = Viewer) -> dict[str, Any]:
    """Recompute the hash chain and check every row against it."""
    v = st.registry.verify()
    return {
        "ok": v.ok,
        "entries": v.entries,
        "rows": v.rows,
        "head": v.head_hash,
        "problems": list(v.problems),
        "more_problems": v.more_problems,
    }


@router.get("/audit/export", response_class=PlainTextResponse)
def export_audit(st: ServerState = St, _: User = Viewer) -> PlainTextResponse:
    """The audit log as JSON Lines."""
    out = io.StringIO()
    st.registry.export_audit(out)
    return PlainTextResponse(out.getvalue(), media_type="application/x-ndjson")


@router.get("/audit/entries")
def audit_entries(
    limit: int = Query(100, ge=1, le=1000),
    before: int | None = Query(None, ge=1, le=2**31 - 1),
    st: ServerState = St,
    _: User = Viewer,
) -> dict[str, Any]:
    """The newest audit entries, newest first (page with ``before``)."""
    return {"entries": queries.audit_tail(st.registry, limit, before)}


def _check_id(value: int) -> None:
    # Database integers are 32-bit on PostgreSQL: a larger id is simply absent, not a driver error.
    if not 1 <= value <= 2**31 - 1:
        raise ApiError(404, f"no such id {value}")
