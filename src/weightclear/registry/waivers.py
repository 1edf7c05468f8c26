"""Waivers: a finding code silenced for a product, with a reason, an approver and an expiry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select

from weightclear.errors import RegistryError
from weightclear.registry.records import WaiverRecord
from weightclear.registry.tables import Product, Waiver
from weightclear.registry.tx import Tx, check_text, table

_W, _P = table(Waiver), table(Product)


def add(
    tx: Tx, actor: str, *, product: str, code: str, licence_id: str | None, reason: str, expires: dt.date
) -> WaiverRecord:
    """Record a waiver approved by ``actor``; it must expire in the future."""
    if expires <= dt.date.today():
        raise RegistryError(f"a waiver must expire in the future, got {expires.isoformat()}")
    if not reason.strip():
        raise RegistryError("a waiver needs a reason")
    values = {
        "product_id": tx.product_id(check_text("name", product), actor),
        "code": check_text("code", code).upper(),
        "licence_id": check_text("licence_id", licence_id) if licence_id else None,
        "reason": reason.strip(),
        "approved_by": actor,
        "created_at": tx.at,
        "expires": expires.isoformat(),
        "version": 1,
    }
    row = tx.insert(Waiver, values, actor, "waiver.add")
    return _record(row, product)


def revoke(tx: Tx, actor: str, waiver_id: int) -> WaiverRecord:
    """End a waiver early; the row stays, marked revoked."""
    row = tx.get(Waiver, waiver_id)
    if row is None:
        raise RegistryError(f"no waiver #{waiver_id}")
    if row["revoked_at"]:
        raise RegistryError(
            f"waiver #{waiver_id} was already revoked by {row['revoked_by']} at {row['revoked_at']}"
        )
    change = {"revoked_at": tx.at, "revoked_by": actor, "version": row["version"] + 1}
    new = tx.update(Waiver, waiver_id, change, actor, "waiver.revoke", expect={"version": row["version"]})
    assert new is not None  # writers are serialised by the chain lock
    name = tx.conn.execute(select(_P.c.name).where(_P.c.id == new["product_id"])).scalar_one()
    return _record(new, str(name))


def _record(row: Any, product: str) -> WaiverRecord:
    return WaiverRecord(
        id=int(row["id"]),
        product=product,
        code=row["code"],
        licence_id=row["licence_id"],
        reason=row["reason"],
        approved_by=row["approved_by"],
        created_at=row["created_at"],
        expires=row["expires"],
        revoked_at=row["revoked_at"],
        revoked_by=row["revoked_by"],
    )


def query(conn: Connection, *, product: str | None = None) -> list[WaiverRecord]:
    """Every waiver (active, expired and revoked), oldest first."""
    stmt = select(_W, _P.c.name.label("product_name")).join(_P, _P.c.id == _W.c.product_id)
    if product is not None:
        stmt = stmt.where(_P.c.name == product)
    return [_record(r._mapping, r.product_name) for r in conn.execute(stmt.order_by(_W.c.id))]
