"""Read-only views the registry API does not offer yet: product list, scan history, audit tail.

They read the registry's tables directly through ``Registry.read`` and never
write; every write still goes through ``Registry``'s methods.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from weightclear.knowledge import KnowledgeBase
from weightclear.registry import deployments, signoffs
from weightclear.registry.governance import applies, state_of
from weightclear.registry.records import Decision, DeploymentView, SignoffRecord
from weightclear.registry.repo import Registry
from weightclear.registry.tables import AuditEntry, AuditHead, Environment, Product, Scan
from weightclear.registry.tx import table

_P, _E, _SC, _A, _H = (table(m) for m in (Product, Environment, Scan, AuditEntry, AuditHead))


@dataclass(frozen=True, kw_only=True)
class ScanSummary:
    id: int
    product: str
    environment: str | None
    digest: str
    recorded_at: str
    recorded_by: str
    tool_version: str
    findings: tuple[dict[str, Any], ...]  # results that are violated or review and not waived
    results: tuple[dict[str, Any], ...] = ()  # every obligation the scan checked

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return {
            "id": self.id,
            "product": self.product,
            "environment": self.environment,
            "digest": self.digest,
            "recorded_at": self.recorded_at,
            "recorded_by": self.recorded_by,
            "tool_version": self.tool_version,
            "findings": list(self.findings),
        }


def products(reg: Registry) -> list[str]:
    """Every product name, sorted."""
    with reg.read() as conn:
        return [str(n) for n in conn.execute(select(_P.c.name).order_by(_P.c.name)).scalars()]


def _summary(row: Any) -> ScanSummary:
    data = json.loads(row.summary)
    findings = tuple(
        r
        for r in data.get("results", [])
        if r.get("status") in ("violated", "review") and not r.get("waived_by")
    )
    return ScanSummary(
        id=int(row.id),
        product=str(row.product_name),
        environment=row.environment_name,
        digest=str(row.digest),
        recorded_at=str(row.recorded_at),
        recorded_by=str(row.recorded_by),
        tool_version=str(row.tool_version),
        findings=findings,
        results=tuple(data.get("results", [])),
    )


def _scans_select() -> Any:
    return (
        select(_SC, _P.c.name.label("product_name"), _E.c.name.label("environment_name"))
        .join(_P, _P.c.id == _SC.c.product_id)
        .outerjoin(_E, _E.c.id == _SC.c.environment_id)
    )


def scans(reg: Registry, product: str, limit: int = 50) -> list[ScanSummary]:
    """A product's scans, newest first."""
    stmt = _scans_select().where(_P.c.name == product).order_by(_SC.c.id.desc()).limit(limit)
    with reg.read() as conn:
        return [_summary(r) for r in conn.execute(stmt)]


def scan(reg: Registry, scan_id: int) -> ScanSummary | None:
    """One scan by id."""
    with reg.read() as conn:
        row = conn.execute(_scans_select().where(_SC.c.id == scan_id)).first()
    return _summary(row) if row else None


def latest_scans(reg: Registry) -> list[ScanSummary]:
    """The newest scan of each product and environment (what 'open findings' are counted on)."""
    with reg.read() as conn:
        return _latest_scans(conn)


def _latest_scans(conn: Connection) -> list[ScanSummary]:
    newest = select(func.max(_SC.c.id)).group_by(_SC.c.product_id, _SC.c.environment_id)
    stmt = _scans_select().where(_SC.c.id.in_(newest)).order_by(_P.c.name)
    return [_summary(r) for r in conn.execute(stmt)]


@dataclass(frozen=True, kw_only=True)
class Overview:
    """Everything the dashboard counts, read on one connection."""

    views: list[DeploymentView]  # as Registry.deployments(kb=kb)
    pending: list[SignoffRecord]  # as Registry.signoffs(decisions=(PENDING,))
    latest: list[ScanSummary]
    products: list[str]


def overview(reg: Registry, kb: KnowledgeBase) -> Overview:
    """The dashboard's rows in five queries, whatever the number of products.

    ``Registry.deployments`` reads each product's sign-offs with a query of
    its own; here every current sign-off is read once and grouped, then the
    registry's own ``applies`` and ``state_of`` decide each deployment's state,
    so the states are the same.
    """
    with reg.read() as conn:
        found = deployments.query(conn)
        current = signoffs.query(conn)  # oldest first, superseded ones left out, as per product
        latest = _latest_scans(conn)
        names = [str(n) for n in conn.execute(select(_P.c.name).order_by(_P.c.name)).scalars()]
    by_product: dict[str, list[SignoffRecord]] = {}
    for s in current:
        by_product.setdefault(s.product, []).append(s)
    views = []
    for d in found:
        relevant = [s for s in by_product.get(d.product, []) if applies(s, d.product, d.environment)]
        state, sid, detail = state_of(d, relevant, kb)
        views.append(DeploymentView(deployment=d, state=state, signoff_id=sid, detail=detail))
    pending = [s for s in current if s.decision is Decision.PENDING]
    return Overview(views=views, pending=pending, latest=latest, products=names)


def open_findings_by_code(latest: list[ScanSummary]) -> Counter[str]:
    """How many open findings each code has across the newest scans."""
    return Counter(f["code"] for s in latest for f in s.findings)


def audit_tail(reg: Registry, limit: int = 100, before: int | None = None) -> list[dict[str, Any]]:
    """The newest audit entries (without their row data), newest first."""
    cols = (_A.c.seq, _A.c.at, _A.c.actor, _A.c.action, _A.c.table_name, _A.c.row_id, _A.c.hash)
    stmt = select(*cols).order_by(_A.c.seq.desc()).limit(limit)
    if before is not None:
        stmt = stmt.where(_A.c.seq < before)
    with reg.read() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def audit_seq(reg: Registry) -> int:
    """The audit chain's length: it grows with every write, so it tells whether anything changed."""
    with reg.read() as conn:
        return int(conn.execute(select(_H.c.seq)).scalar_one())
