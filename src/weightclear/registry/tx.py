"""The write path: one transaction whose every insert and update appends its audit entry.

``Tx`` is the only code that changes registry rows; ``repo.Registry`` opens
it, and the domain modules (deployments, sign-offs, waivers, scans) call it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, update

from weightclear.errors import RegistryError
from weightclear.registry import audit, db
from weightclear.registry.tables import Base, Environment, Product

# The column widths of tables.py; PostgreSQL enforces them, SQLite does not.
_FIELD_LIMITS = {
    "name": 200,
    "model_id": 300,
    "licence_id": 100,
    "environment": 100,
    "code": 60,
    "actor": 200,
}


def table(model: type[Base]) -> Table:
    """The Core table of a declarative model."""
    return model.__table__  # type: ignore[return-value]


def check_text(field: str, value: str) -> str:
    """Strip ``value`` and refuse empty or over-long input with a clear message."""
    value = value.strip()
    if not value:
        raise RegistryError(f"{field} must not be empty")
    limit = _FIELD_LIMITS.get(field, 200)
    if len(value) > limit:
        raise RegistryError(f"{field} is longer than {limit} characters")
    return value


class Tx:
    """One write transaction: inserts and updates that each append an audit entry."""

    def __init__(self, conn: Connection, chain: audit.Chain) -> None:
        self.conn = conn
        self.chain = chain
        self.at = audit.now()
        self._next: dict[str, int] = {}
        # Name -> id caches: an import of many deployments names the same few products.
        self._products: dict[str, int] = {}
        self._environments: dict[tuple[int, str], int] = {}

    def next_id(self, model: type[Base]) -> int:
        """max(id) + 1, safe because every writer holds the chain lock."""
        t = table(model)
        if t.name not in self._next:
            self._next[t.name] = int(
                self.conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()
            )
        self._next[t.name] += 1
        return self._next[t.name]

    def insert(self, model: type[Base], values: Mapping[str, Any], actor: str, action: str) -> dict[str, Any]:
        """Insert one row (id assigned here) and log it; returns the row as stored."""
        check_text("actor", actor)
        row = {c.name: None for c in table(model).c} | dict(values) | {"id": self.next_id(model)}
        self.conn.execute(insert(table(model)), row)
        self.chain.append(actor=actor, action=action, table=table(model).name, row=row, at=self.at)
        return row

    def insert_many(self, model: type[Base], rows: list[dict[str, Any]], actor: str, action: str) -> None:
        """Insert rows in one statement and log each (the fast path of imports)."""
        t = table(model)
        blank = {c.name: None for c in t.c}
        full = [blank | r | {"id": self.next_id(model)} for r in rows]
        self.conn.execute(insert(t), full)
        for row in full:
            self.chain.append(actor=actor, action=action, table=t.name, row=row, at=self.at)

    def get(self, model: type[Base], row_id: int) -> dict[str, Any] | None:
        """One row by id, or None."""
        t = table(model)
        found = self.conn.execute(select(t).where(t.c.id == row_id)).first()
        return dict(found._mapping) if found else None

    def update(
        self,
        model: type[Base],
        row_id: int,
        values: Mapping[str, Any],
        actor: str,
        action: str,
        *,
        expect: Mapping[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        """Update one row if it still has the ``expect`` values; log it. None when nothing matched."""
        check_text("actor", actor)
        t = table(model)
        where = [t.c.id == row_id, *(t.c[k] == v for k, v in (expect or {}).items())]
        if self.conn.execute(update(t).where(*where).values(**values)).rowcount != 1:
            return None
        row = self.get(model, row_id)
        assert row is not None
        self.chain.append(actor=actor, action=action, table=t.name, row=row, at=self.at)
        return row

    def product_id(self, name: str, actor: str, *, create: bool = True) -> int:
        """The id of product ``name``, created (and logged) on first use."""
        if name not in self._products:
            self._products[name] = self._product_id(name, actor, create)
        return self._products[name]

    def environment_id(self, product_id: int, name: str, actor: str, *, create: bool = True) -> int:
        """The id of environment ``name`` of a product, created on first use."""
        key = (product_id, name)
        if key not in self._environments:
            self._environments[key] = self._environment_id(product_id, name, actor, create)
        return self._environments[key]

    def _product_id(self, name: str, actor: str, create: bool) -> int:
        t = table(Product)
        found = self.conn.execute(select(t.c.id).where(t.c.name == name)).scalar()
        if found is not None:
            return int(found)
        if not create:
            raise RegistryError(f"no product named {name!r} in the registry")
        values = {"name": check_text("name", name), "created_at": self.at, "created_by": actor}
        return int(self.insert(Product, values, actor, "product.create")["id"])

    def _environment_id(self, product_id: int, name: str, actor: str, create: bool) -> int:
        t = table(Environment)
        stmt = select(t.c.id).where(t.c.product_id == product_id, t.c.name == name)
        found = self.conn.execute(stmt).scalar()
        if found is not None:
            return int(found)
        if not create:
            raise RegistryError(f"no environment named {name!r} for this product")
        values = {
            "product_id": product_id,
            "name": check_text("environment", name),
            "created_at": self.at,
            "created_by": actor,
        }
        return int(self.insert(Environment, values, actor, "environment.create")["id"])


@contextmanager
def open_tx(engine: Engine) -> Iterator[Tx]:
    """A write transaction with the audit chain locked; commits on success, else rolls back."""
    with db.write_transaction(engine) as conn:
        chain = audit.Chain.lock(conn)
        tx = Tx(conn, chain)
        yield tx
        chain.close()
