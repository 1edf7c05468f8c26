"""The pages: each gathers what it shows from the registry and the knowledge base, then renders.

Forms post back to the same server with the CSRF token; every decision goes
through the same ``Registry`` methods as the CLI and the API.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from weightclear.errors import RegistryError
from weightclear.knowledge.diff import diff_licences, term_values
from weightclear.registry.records import Decision, SignoffRecord, Step
from weightclear.server import queries
from weightclear.server.auth import SESSION_COOKIE, SESSION_MAX_AGE, Role, User, check_password, find_user
from weightclear.server.deps import (
    ServerState,
    page_role,
    page_user,
    page_user_or_none,
    page_viewer,
    server_state,
    state,
)
from weightclear.server.errors import ApiError, registry_status
from weightclear.server.pages.dashboard import Dashboard
from weightclear.server.pages.render import page
from weightclear.server.security import CSRF_COOKIE, CSRF_FIELD, csrf_ok

router = APIRouter()
St = Depends(state)
SEEN_COOKIE = "wc_seen"
Viewer = Depends(page_role(Role.VIEWER))


async def dashboard(request: Request) -> Response:
    """Models by licence version and environment, open findings, pending reviews.

    The hot path of the server: async, so a cached page is served from the
    event loop without a worker thread or a database query (see pages.snapshot).
    A plain route, registered first: no dependency solving, matched at once.
    """
    user = await page_viewer(request)
    figures = server_state(request).figures
    snap = figures.ready(_seen(request))
    if snap is None:  # none yet, or dirty after a write: wait for fresh figures (in a thread)
        snap = await run_in_threadpool(figures.fresh)
    csrf = request.cookies.get(CSRF_COOKIE)
    if csrf is None:  # a fresh CSRF value: render once, nothing worth keeping
        return await run_in_threadpool(_dashboard_page, request, user, snap.figures)
    viewer = (user.name, user.role, csrf)  # everything personal on the page
    html = figures.page(snap, viewer)
    if html is None:
        rendered = await run_in_threadpool(_dashboard_page, request, user, snap.figures)
        html = bytes(rendered.body)
        figures.keep_page(snap, viewer, html)
    return Response(html, media_type="text/html; charset=utf-8")


router.add_route("/", dashboard, methods=["GET"], include_in_schema=False)


def _require_csrf(request: Request, token: str | None) -> None:
    if not csrf_ok(request, token):
        raise ApiError(403, "the form's security token is missing or stale: reload the page and try again")


def _safe_next(value: str | None) -> str:
    # Only paths on this server: an absolute URL here would make the login an open redirect.
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    """The login form."""
    return page(request, "login.html", user=page_user_or_none(request), next=_safe_next(next), message=None)


@router.post("/login")
def login(
    request: Request,
    name: str = Form(max_length=200),
    password: str = Form(max_length=200),
    next: str = Form("/", max_length=500),
    csrf_token: str | None = Form(None, alias=CSRF_FIELD),
    st: ServerState = St,
) -> Response:
    """Check the password and set the signed session cookie."""
    _require_csrf(request, csrf_token)
    found = find_user(st.registry.engine, name.strip())
    if found is None or not check_password(password, found[1]):
        return page(
            request,
            "login.html",
            status=401,
            user=None,
            next=_safe_next(next),
            message="Unknown name or wrong password.",
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        st.sessions.issue(found[0]),
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=st.secure_cookies,
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str | None = Form(None, alias=CSRF_FIELD)) -> Response:
    """End the session (the cookie is dropped)."""
    _require_csrf(request, csrf_token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _seen(request: Request) -> int:
    """The audit length of this browser's last decision (figures older than it are not served)."""
    value = request.cookies.get(SEEN_COOKIE, "")
    return int(value) if value.isdigit() and len(value) < 12 else 0


def _dashboard_page(request: Request, user: User, d: Dashboard) -> HTMLResponse:
    return page(
        request,
        "dashboard.html",
        user=user,
        charts=d.charts,
        totals=d.totals,
        products=d.products,
        pending=d.pending,
    )


@router.get("/products/{name}", response_class=HTMLResponse)
def product(request: Request, name: str, st: ServerState = St, user: User = Viewer) -> Response:
    """One product: its models, the obligations of its newest scans, and its history."""
    reg = st.registry
    if name not in queries.products(reg):
        raise ApiError(404, f"no product {name!r}")
    scans = queries.scans(reg, name)
    newest: dict[str | None, Any] = {}
    for s in scans:
        newest.setdefault(s.environment, s)
    context: dict[str, Any] = {
        "name": name,
        "owner": reg.attribution_owner(name),
        "deployments": reg.deployments(product=name, include_ended=True, kb=st.kb),
        "signoffs": list(reversed(reg.signoffs(product=name, include_superseded=True))),
        "waivers": reg.waivers(product=name),
        "scans": scans,
        "newest": list(newest.values()),
    }
    return page(request, "product.html", user=user, **context)


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request, st: ServerState = St, user: User = Viewer) -> Response:
    """Pending sign-offs, oldest first."""
    pending = st.registry.signoffs(decisions=(Decision.PENDING,))
    return page(request, "queue.html", user=user, pending=pending)


def _previous_approved(st: ServerState, rec: SignoffRecord) -> SignoffRecord | None:
    """The newest approved sign-off of the same product before this one (the last signed version)."""
    earlier = [
        s
        for s in st.registry.signoffs(
            product=rec.product, decisions=(Decision.APPROVED,), include_superseded=True
        )
        if s.id != rec.id and (s.environment == rec.environment or s.environment is None)
    ]
    return earlier[-1] if earlier else None


def _signoff_context(st: ServerState, signoff_id: int) -> dict[str, Any]:
    if not 1 <= signoff_id <= 2**31 - 1:
        raise ApiError(404, f"no sign-off #{signoff_id}")
    rec = st.registry.signoff(signoff_id)
    previous = _previous_approved(st, rec)
    changes: tuple[Any, ...] = ()
    if (
        previous
        and previous.licence_id != rec.licence_id
        and {previous.licence_id, rec.licence_id} <= set(st.kb.licences)
    ):
        changes = diff_licences(st.kb, previous.licence_id, rec.licence_id)
    answers = {i.step: i for i in rec.checklist}
    return {
        "rec": rec,
        "checklist": [(step, answers.get(step)) for step in Step],
        "previous": previous,
        "changes": changes,
        "scan": queries.scan(st.registry, rec.scan_id) if rec.scan_id else None,
        "known_licence": rec.licence_id in st.kb.licences,
    }


@router.get("/signoffs/{signoff_id}", response_class=HTMLResponse)
def signoff(request: Request, signoff_id: int, st: ServerState = St, user: User = Viewer) -> Response:
    """A sign-off with its checklist, the licence diff since the last signed version, and the form."""
    return page(request, "signoff.html", user=user, message=None, **_signoff_context(st, signoff_id))


@router.post("/signoffs/{signoff_id}/decide")
def decide(
    request: Request,
    signoff_id: int,
    decision: str = Form(pattern="^(approve|reject)$"),
    notes: str = Form("", max_length=5000),
    version: int = Form(ge=1, le=2**31 - 1),
    csrf_token: str | None = Form(None, alias=CSRF_FIELD),
    st: ServerState = St,
    user: User = Depends(page_user),  # noqa: B008
) -> Response:
    """Approve or reject from the form; refusals are shown on the page, not as a bare error."""
    _require_csrf(request, csrf_token)
    if not user.can(Role.REVIEWER):
        raise ApiError(
            403, f"{user.name} has the {user.role.label} role; only a reviewer or admin can decide a sign-off"
        )
    chosen = Decision.APPROVED if decision == "approve" else Decision.REJECTED
    try:
        st.registry.decide_signoff(user.name, signoff_id, chosen, notes, version)
    except RegistryError as exc:
        context = _signoff_context(st, signoff_id)
        return page(
            request, "signoff.html", status=registry_status(exc), user=user, message=str(exc), **context
        )
    response = RedirectResponse(f"/signoffs/{signoff_id}?done={chosen.value}", status_code=303)
    # Whichever worker or replica serves this browser's next dashboard shows the decision.
    seen = str(queries.audit_seq(st.registry))
    response.set_cookie(
        SEEN_COOKIE, seen, max_age=3600, httponly=True, samesite="lax", secure=st.secure_cookies
    )
    return response


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, before: int | None = None, st: ServerState = St, user: User = Viewer) -> Response:
    """The audit log, newest first, a hundred entries a page."""
    before = before if before is None or 1 <= before <= 2**31 - 1 else None
    entries = queries.audit_tail(st.registry, 100, before)
    return page(request, "audit.html", user=user, entries=entries)


@router.get("/licences", response_class=HTMLResponse)
def licences(request: Request, st: ServerState = St, user: User = Viewer) -> Response:
    """Every licence version in the knowledge base."""
    items = sorted(st.kb.licences.values(), key=lambda t: (t.family, t.id))
    return page(request, "licences.html", user=user, licences=items, digest=st.kb.digest)


@router.get("/licences/{licence_id}", response_class=HTMLResponse)
def licence(
    request: Request, licence_id: str, compare: str | None = None, st: ServerState = St, user: User = Viewer
) -> Response:
    """One licence's terms; with ``compare``, two versions side by side and what changed."""
    kb = st.kb
    if licence_id not in kb.licences or (compare and compare not in kb.licences):
        raise ApiError(404, f"no licence {compare if licence_id in kb.licences else licence_id!r}")
    left = kb.licences[licence_id]
    right = kb.licences[compare] if compare else None
    rows = [(a.value, v, c) for a, v, c in term_values(left)]
    right_rows = {a.value: (v, c) for a, v, c in term_values(right)} if right else {}
    changes = diff_licences(kb, licence_id, compare) if compare else ()
    others = sorted(t.id for t in kb.licences.values() if t.family == left.family and t.id != left.id)
    return page(
        request,
        "licence.html",
        user=user,
        left=left,
        right=right,
        rows=rows,
        right_rows=right_rows,
        changes=changes,
        others=others,
        all_ids=sorted(kb.licences),
    )
