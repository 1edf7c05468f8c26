"""Organisations with their monthly-active-user declarations, and attribution owners of products."""

from __future__ import annotations

import re

from sqlalchemy import Connection, select

from weightclear.errors import RegistryError
from weightclear.registry.tables import AttributionOwner, MauDeclaration, Organisation, Product
from weightclear.registry.tx import Tx, check_text, table

_ORG, _MAU, _OWN, _P = (table(m) for m in (Organisation, MauDeclaration, AttributionOwner, Product))
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def organisation_id(tx: Tx, name: str, actor: str) -> int:
    """The id of an organisation, created (and logged) on first use."""
    name = check_text("name", name)
    found = tx.conn.execute(select(_ORG.c.id).where(_ORG.c.name == name)).scalar()
    if found is not None:
        return int(found)
    row = tx.insert(
        Organisation, {"name": name, "created_at": tx.at, "created_by": actor}, actor, "organisation.create"
    )
    return int(row["id"])


def declare_mau(tx: Tx, actor: str, organisation: str, month: str, users: int) -> int:
    """Record the monthly active users (licensee and affiliates) of one calendar month."""
    if not _MONTH.match(month):
        raise RegistryError(f"month must be YYYY-MM, got {month!r}")
    if users < 0:
        raise RegistryError("users must not be negative")
    values = {
        "organisation_id": organisation_id(tx, organisation, actor),
        "month": month,
        "users": users,
        "declared_at": tx.at,
        "declared_by": actor,
    }
    return int(tx.insert(MauDeclaration, values, actor, "mau.declare")["id"])


def mau(conn: Connection, organisation: str) -> list[tuple[str, int, str]]:
    """(month, users, declared_by) of an organisation; a later declaration of a month wins."""
    stmt = (
        select(_MAU.c.month, _MAU.c.users, _MAU.c.declared_by)
        .join(_ORG, _ORG.c.id == _MAU.c.organisation_id)
        .where(_ORG.c.name == organisation)
        .order_by(_MAU.c.id)
    )
    latest = {r.month: (r.month, int(r.users), r.declared_by) for r in conn.execute(stmt)}
    return [latest[m] for m in sorted(latest)]


def set_owner(tx: Tx, actor: str, product: str, owner: str, organisation: str | None = None) -> int:
    """Name the attribution owner of a product (a new row supersedes the previous owner)."""
    product_id = tx.product_id(check_text("name", product), actor)
    if organisation:
        org = organisation_id(tx, organisation, actor)
        row = tx.get(Product, product_id)
        assert row is not None
        if row["organisation_id"] != org:
            tx.update(Product, product_id, {"organisation_id": org}, actor, "product.organisation")
    values = {"product_id": product_id, "owner": check_text("name", owner), "set_at": tx.at, "set_by": actor}
    return int(tx.insert(AttributionOwner, values, actor, "owner.set")["id"])


def owner(conn: Connection, product: str) -> str | None:
    """The current attribution owner of a product, if one is named."""
    stmt = (
        select(_OWN.c.owner)
        .join(_P, _P.c.id == _OWN.c.product_id)
        .where(_P.c.name == product)
        .order_by(_OWN.c.id.desc())
        .limit(1)
    )
    found = conn.execute(stmt).scalar()
    return str(found) if found is not None else None
