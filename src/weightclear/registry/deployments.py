"""Deployments: which model and licence version runs in which environment, since when.

Writes take a ``repo.Tx`` (so each is logged); reads take a connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from weightclear.errors import RegistryError
from weightclear.progress import Progress
from weightclear.registry.records import DeploymentInput, DeploymentRecord
from weightclear.registry.tables import Deployment, Environment, Product
from weightclear.registry.tx import Tx, check_text, table

_D, _P, _E = table(Deployment), table(Product), table(Environment)


def values(
    tx: Tx, item: DeploymentInput, actor: str, source: str, scan_id: int | None = None
) -> dict[str, Any]:
    """The row for a new deployment (product and environment created on first use)."""
    product = tx.product_id(check_text("name", item.product), actor)
    env = tx.environment_id(product, item.environment, actor)
    return {
        "product_id": product,
        "environment_id": env,
        "model_id": check_text("model_id", item.model_id),
        "licence_id": check_text("licence_id", item.licence_id) if item.licence_id else None,
        "since": item.since or tx.at,
        "until": None,
        "source": source,
        "scan_id": scan_id,
        "recorded_by": actor,
        "version": 1,
    }


def start(tx: Tx, item: DeploymentInput, actor: str, source: str = "manual") -> DeploymentRecord:
    """Record one deployment."""
    row = tx.insert(Deployment, values(tx, item, actor, source), actor, "deployment.start")
    return record(row, item.product, item.environment)


def end(tx: Tx, deployment_id: int, actor: str) -> DeploymentRecord:
    """Mark a deployment as no longer running; it stays in the record."""
    row = tx.get(Deployment, deployment_id)
    if row is None:
        raise RegistryError(f"no deployment #{deployment_id}")
    if row["until"] is not None:
        raise RegistryError(f"deployment #{deployment_id} already ended at {row['until']}")
    new = tx.update(
        Deployment,
        deployment_id,
        {"until": tx.at, "version": row["version"] + 1},
        actor,
        "deployment.end",
        expect={"version": row["version"]},
    )
    assert new is not None  # the chain lock serialises writers, so the version cannot have moved
    return record(new, *names(tx.conn, new["product_id"], new["environment_id"]))


def import_many(
    tx: Tx, items: Iterable[DeploymentInput], actor: str, progress: Progress, chunk: int = 2000
) -> int:
    """Insert deployments in chunks inside the caller's single transaction."""
    count = 0
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(values(tx, item, actor, "import"))
        if len(batch) >= chunk:
            count += _flush(tx, batch, actor, progress)
    return count + _flush(tx, batch, actor, progress)


def _flush(tx: Tx, batch: list[dict[str, Any]], actor: str, progress: Progress) -> int:
    n = len(batch)
    if n:
        tx.insert_many(Deployment, batch, actor, "deployment.start")
        tx.chain.flush()
        batch.clear()
        progress.advance(n)
    return n


def reconcile(
    tx: Tx, product: str, environment: str, seen: Iterable[tuple[str, str | None]], actor: str, scan_id: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Make the open deployments of one environment match what a scan saw.

    A (model, licence) pair the scan saw and nothing records is started; an
    open deployment the scan no longer sees is ended. Returns (started, ended).
    """
    product_id = tx.product_id(product, actor)
    env_id = tx.environment_id(product_id, environment, actor)
    rows = tx.conn.execute(
        select(_D.c.id, _D.c.model_id, _D.c.licence_id).where(
            _D.c.product_id == product_id, _D.c.environment_id == env_id, _D.c.until.is_(None)
        )
    ).all()
    open_now = {(r.model_id, r.licence_id): int(r.id) for r in rows}
    wanted = set(seen)
    started = []
    for model_id, licence_id in sorted(wanted - open_now.keys(), key=str):
        item = DeploymentInput(
            product=product, environment=environment, model_id=model_id, licence_id=licence_id
        )
        row = tx.insert(Deployment, values(tx, item, actor, "scan", scan_id), actor, "deployment.start")
        started.append(int(row["id"]))
    ended = [end(tx, open_now[key], actor).id for key in sorted(open_now.keys() - wanted, key=str)]
    return tuple(started), tuple(ended)


def names(conn: Connection, product_id: int, environment_id: int) -> tuple[str, str]:
    """Product and environment names of a deployment."""
    product = conn.execute(select(_P.c.name).where(_P.c.id == product_id)).scalar_one()
    env = conn.execute(select(_E.c.name).where(_E.c.id == environment_id)).scalar_one()
    return str(product), str(env)


def record(row: Mapping[Any, Any], product: str, environment: str) -> DeploymentRecord:
    """A stored row as a frozen record."""
    return DeploymentRecord(
        id=int(row["id"]),
        product=product,
        environment=environment,
        model_id=row["model_id"],
        licence_id=row["licence_id"],
        since=row["since"],
        until=row["until"],
        source=row["source"],
        scan_id=row["scan_id"],
        recorded_by=row["recorded_by"],
    )


def query(
    conn: Connection,
    *,
    product: str | None = None,
    environment: str | None = None,
    include_ended: bool = False,
) -> list[DeploymentRecord]:
    """Deployments in the order they were recorded, grouped by product and environment."""
    stmt = (
        select(_D, _P.c.name.label("product_name"), _E.c.name.label("environment_name"))
        .join(_P, _P.c.id == _D.c.product_id)
        .join(_E, _E.c.id == _D.c.environment_id)
    )
    if product is not None:
        stmt = stmt.where(_P.c.name == product)
    if environment is not None:
        stmt = stmt.where(_E.c.name == environment)
    if not include_ended:
        stmt = stmt.where(_D.c.until.is_(None))
    stmt = stmt.order_by(_P.c.name, _E.c.name, _D.c.id)
    return [record(r._mapping, r.product_name, r.environment_name) for r in conn.execute(stmt)]
