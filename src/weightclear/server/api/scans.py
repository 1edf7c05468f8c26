"""Scans pushed from CI: ``weightclear scan --push URL --token T`` posts its JSON here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool

from weightclear.server import queries
from weightclear.server.auth import Role, User
from weightclear.server.deps import ServerState, api_role, state
from weightclear.server.errors import ApiError
from weightclear.server.scan_input import ScanIn, to_report

router = APIRouter(tags=["scans"])


@router.post("/scans", status_code=201)
async def push_scan(
    body: ScanIn,
    product: str = Query(min_length=1, max_length=200),
    environment: str | None = Query(None, min_length=1, max_length=100),
    deploy: bool = Query(False, description="the environment's deployments become what the scan saw"),
    st: ServerState = Depends(state),  # noqa: B008
    user: User = Depends(api_role(Role.ENGINEER)),  # noqa: B008
) -> dict[str, Any]:
    """Record a scan as evidence for a product (and, with ``deploy``, its deployments)."""
    if deploy and not environment:
        raise ApiError(422, "deploy=true needs an environment")
    # The database records one scan at a time anyway (each write locks the audit chain), so a
    # worker sends one to it at a time: the others wait here, on the event loop, instead of
    # holding threads that would take the interpreter lock from the pages being served.
    async with st.pushes:
        rec = await run_in_threadpool(
            lambda: st.registry.record_scan(user.name, product, environment, to_report(body), deploy=deploy)
        )
    return {
        "id": rec.id,
        "product": rec.product,
        "environment": rec.environment,
        "digest": rec.digest,
        "recorded_at": rec.recorded_at,
        "deployments_started": list(rec.started),
        "deployments_ended": list(rec.ended),
    }


@router.get("/scans/{scan_id}")
def show_scan(
    scan_id: int,
    st: ServerState = Depends(state),  # noqa: B008
    _: User = Depends(api_role(Role.VIEWER)),  # noqa: B008
) -> dict[str, Any]:
    """One recorded scan with its open findings."""
    found = queries.scan(st.registry, scan_id) if 1 <= scan_id <= 2**31 - 1 else None
    if found is None:
        raise ApiError(404, f"no scan #{scan_id}")
    return found.to_json()
