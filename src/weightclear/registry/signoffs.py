"""Sign-offs: legal approval of a licence version for a product, with its checklist and evidence.

A sign-off is requested (with the checklist answered), then approved or
rejected by someone other than the requester. Rows are never deleted: a newer
decision for the same product, environment and licence sets ``superseded_by``
on the older one. A decision is an ``UPDATE ... WHERE version = ? AND decision
= 'pending'``, so of two reviewers deciding at once exactly one succeeds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Select, select

from weightclear.errors import RegistryError
from weightclear.registry.audit import canonical
from weightclear.registry.records import (
    Answer,
    Decision,
    Document,
    Request,
    SignoffRecord,
    checklist_from_json,
)
from weightclear.registry.tables import AttributionOwner, Environment, Product, Scan, Signoff
from weightclear.registry.tx import Tx, check_text, table

_S, _P, _E, _SC, _O = (table(m) for m in (Signoff, Product, Environment, Scan, AttributionOwner))


def same(a: str | None, b: str | None) -> bool:
    """Whether two names denote the same person (case and surrounding space ignored)."""
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def request(tx: Tx, actor: str, req: Request) -> SignoffRecord:
    """Open a pending sign-off; refuses a second pending one for the same scope."""
    product_id = tx.product_id(check_text("name", req.product), actor)
    env_id = tx.environment_id(product_id, req.environment, actor) if req.environment else None
    licence = check_text("licence_id", req.licence_id)
    pending = _scope(product_id, env_id, licence).where(_S.c.decision == Decision.PENDING.value)
    existing = tx.conn.execute(pending).first()
    if existing is not None:
        raise RegistryError(f"sign-off #{existing.id} is already pending for {licence} in {req.product}")
    scan_id, scan_digest = _scan(tx.conn, product_id, env_id, req.scan_id)
    values = {
        "product_id": product_id,
        "environment_id": env_id,
        "licence_id": licence,
        "models": canonical(sorted(set(req.models))),
        "checklist": canonical(
            {i.step.value: {"answer": i.answer.value, "evidence": i.evidence} for i in req.checklist}
        ),
        "requester": actor,
        "requested_at": tx.at,
        "decision": Decision.PENDING.value,
        "notes": req.notes,
        "knowledge_digest": req.knowledge_digest,
        "scan_id": scan_id,
        "scan_digest": scan_digest,
        "documents": canonical([{"name": d.name, "sha256": d.sha256} for d in req.documents]),
        "version": 1,
    }
    row = tx.insert(Signoff, values, actor, "signoff.request")
    return get(tx.conn, int(row["id"]))


def _scope(product_id: int, env_id: int | None, licence: str) -> Select[Any]:
    env = _S.c.environment_id.is_(None) if env_id is None else _S.c.environment_id == env_id
    return select(_S).where(_S.c.product_id == product_id, env, _S.c.licence_id == licence)


def _scan(
    conn: Connection, product_id: int, env_id: int | None, scan_id: int | None
) -> tuple[int | None, str | None]:
    """The scan a sign-off rests on: the one named, else the product's latest (if any)."""
    stmt = select(_SC.c.id, _SC.c.digest, _SC.c.product_id).where(_SC.c.product_id == product_id)
    if scan_id is not None:
        found = conn.execute(
            select(_SC.c.id, _SC.c.digest, _SC.c.product_id).where(_SC.c.id == scan_id)
        ).first()
        if found is None or found.product_id != product_id:
            raise RegistryError(f"scan #{scan_id} is not a scan of this product")
        return int(found.id), str(found.digest)
    if env_id is not None:
        stmt = stmt.where(_SC.c.environment_id == env_id)
    latest = conn.execute(stmt.order_by(_SC.c.id.desc()).limit(1)).first()
    return (int(latest.id), str(latest.digest)) if latest else (None, None)


def _refuse_incomplete(row: Mapping[str, Any], conn: Connection) -> None:
    """An approval needs the four steps answered without a 'no', and a named attribution owner."""
    record = _record(conn, row)
    missing = record.missing_steps()
    if missing:
        raise RegistryError(
            f"sign-off #{record.id} cannot be approved: checklist step(s) not answered: {', '.join(missing)}"
        )
    noes = [i.step.value for i in record.checklist if i.answer is Answer.NO]
    if noes:
        raise RegistryError(f"sign-off #{record.id} cannot be approved: answered 'no' to {', '.join(noes)}")
    owner = conn.execute(select(_O.c.id).where(_O.c.product_id == row["product_id"]).limit(1)).first()
    if owner is None:
        raise RegistryError(
            f"sign-off #{record.id} cannot be approved: {record.product} has no attribution owner "
            "(weightclear registry owner PRODUCT NAME)"
        )


def decide(
    tx: Tx,
    actor: str,
    signoff_id: int,
    decision: Decision,
    notes: str = "",
    expected_version: int | None = None,
) -> SignoffRecord:
    """Approve or reject a pending sign-off; the requester may not decide their own."""
    row = tx.get(Signoff, signoff_id)
    if row is None:
        raise RegistryError(f"no sign-off #{signoff_id}")
    if row["decision"] != Decision.PENDING.value or (
        expected_version is not None and row["version"] != expected_version
    ):
        raise _conflict(row)
    if same(actor, row["requester"]):
        raise RegistryError(
            f"sign-off #{signoff_id} was requested by {row['requester']}: the requester cannot decide it "
            "(separation of duties)"
        )
    if decision is Decision.PENDING:
        raise RegistryError("a decision is approved or rejected")
    if decision is Decision.APPROVED:
        _refuse_incomplete(row, tx.conn)
    notes = "\n".join(n for n in (row["notes"], notes.strip()) if n)
    change = {
        "decision": decision.value,
        "reviewer": actor,
        "decided_at": tx.at,
        "notes": notes,
        "version": row["version"] + 1,
    }
    action = "signoff.approve" if decision is Decision.APPROVED else "signoff.reject"
    new = tx.update(
        Signoff, signoff_id, change, actor, action, expect={"version": row["version"], "decision": "pending"}
    )
    if new is None:
        fresh = tx.get(Signoff, signoff_id)
        assert fresh is not None
        raise _conflict(fresh)
    _supersede(tx, new, actor)
    return _record(tx.conn, new)


def _conflict(row: Mapping[str, Any]) -> RegistryError:
    if row["decision"] == Decision.PENDING.value:
        return RegistryError(
            f"sign-off #{row['id']} changed since you read it (now version {row['version']})"
        )
    return RegistryError(
        f"sign-off #{row['id']} already {row['decision']} by {row['reviewer']} at {row['decided_at']}"
    )


def _supersede(tx: Tx, new: Mapping[str, Any], actor: str) -> None:
    """Mark older decided sign-offs of the same scope as superseded by ``new``."""
    older = _scope(new["product_id"], new["environment_id"], new["licence_id"]).where(
        _S.c.id != new["id"], _S.c.decision != Decision.PENDING.value, _S.c.superseded_by.is_(None)
    )
    for old in tx.conn.execute(older).all():
        tx.update(
            Signoff,
            int(old.id),
            {"superseded_by": new["id"], "version": old.version + 1},
            actor,
            "signoff.supersede",
            expect={"version": old.version},
        )


def _joined() -> Select[Any]:
    return (
        select(_S, _P.c.name.label("product_name"), _E.c.name.label("environment_name"))
        .join(_P, _P.c.id == _S.c.product_id)
        .outerjoin(_E, _E.c.id == _S.c.environment_id)
    )


def _to_record(r: Any) -> SignoffRecord:
    m = r._mapping
    return SignoffRecord(
        id=int(m["id"]),
        product=m["product_name"],
        environment=m["environment_name"],
        licence_id=m["licence_id"],
        models=tuple(json.loads(m["models"])),
        checklist=checklist_from_json(m["checklist"]),
        requester=m["requester"],
        requested_at=m["requested_at"],
        decision=Decision(m["decision"]),
        reviewer=m["reviewer"],
        decided_at=m["decided_at"],
        notes=m["notes"],
        knowledge_digest=m["knowledge_digest"],
        scan_id=m["scan_id"],
        scan_digest=m["scan_digest"],
        documents=tuple(Document(name=d["name"], sha256=d["sha256"]) for d in json.loads(m["documents"])),
        superseded_by=m["superseded_by"],
        version=int(m["version"]),
    )


def _record(conn: Connection, row: Mapping[str, Any]) -> SignoffRecord:
    return get(conn, int(row["id"]))


def get(conn: Connection, signoff_id: int) -> SignoffRecord:
    """One sign-off by id."""
    found = conn.execute(_joined().where(_S.c.id == signoff_id)).first()
    if found is None:
        raise RegistryError(f"no sign-off #{signoff_id}")
    return _to_record(found)


def query(
    conn: Connection,
    *,
    product: str | None = None,
    decisions: Sequence[Decision] = (),
    include_superseded: bool = False,
) -> list[SignoffRecord]:
    """Sign-offs, oldest first, filtered by product and decision."""
    stmt = _joined()
    if product is not None:
        stmt = stmt.where(_P.c.name == product)
    if decisions:
        stmt = stmt.where(_S.c.decision.in_([d.value for d in decisions]))
    if not include_superseded:
        stmt = stmt.where(_S.c.superseded_by.is_(None))
    return [_to_record(r) for r in conn.execute(stmt.order_by(_S.c.id))]
