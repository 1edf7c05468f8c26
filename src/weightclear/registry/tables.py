"""The registry's tables (SQLAlchemy 2 typed declarative models).

Every column holds an int, a str or NULL, never a driver-specific type: times
are ISO 8601 UTC strings and structured values are canonical JSON text. That
makes a row's digest identical on SQLite and PostgreSQL, so the audit chain
and the JSON Lines backup move between the two unchanged.

Primary keys are assigned by ``repo`` (max + 1 under the write lock), never by
a database sequence, for the same reason: a restored or bulk-loaded registry
needs no sequence repair. The schema itself is created by the Alembic
migrations in ``registry/migrations``; ``tests/registry/test_migrations.py``
checks that they and these models agree.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every registry table."""


def _pk() -> Mapped[int]:
    return mapped_column(Integer, primary_key=True, autoincrement=False)


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = _pk()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(200))


class MauDeclaration(Base):
    """Monthly active users of the organisation and its affiliates, for one calendar month."""

    __tablename__ = "mau_declarations"
    id: Mapped[int] = _pk()
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    users: Mapped[int] = mapped_column(Integer)
    declared_at: Mapped[str] = mapped_column(String(40))
    declared_by: Mapped[str] = mapped_column(String(200))


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = _pk()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), nullable=True)
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(200))


class Environment(Base):
    __tablename__ = "environments"
    __table_args__ = (UniqueConstraint("product_id", "name"),)
    id: Mapped[int] = _pk()
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(200))


class AttributionOwner(Base):
    """The person answerable for 'Built with ...' on a product; a new row supersedes the old."""

    __tablename__ = "attribution_owners"
    id: Mapped[int] = _pk()
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    owner: Mapped[str] = mapped_column(String(200))
    set_at: Mapped[str] = mapped_column(String(40))
    set_by: Mapped[str] = mapped_column(String(200))


class Scan(Base):
    """A scan the registry was shown: its digest is what sign-offs rest on."""

    __tablename__ = "scans"
    id: Mapped[int] = _pk()
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    environment_id: Mapped[int | None] = mapped_column(ForeignKey("environments.id"), nullable=True)
    digest: Mapped[str] = mapped_column(String(64))
    knowledge_digest: Mapped[str] = mapped_column(String(64))
    tool_version: Mapped[str] = mapped_column(String(40))
    root: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)  # canonical JSON: models, licences, finding codes
    recorded_at: Mapped[str] = mapped_column(String(40))
    recorded_by: Mapped[str] = mapped_column(String(200))


class Deployment(Base):
    """Which model, under which licence version, runs in which environment of a product, and since when."""

    __tablename__ = "deployments"
    __table_args__ = (Index("ix_deployments_product_env", "product_id", "environment_id"),)
    id: Mapped[int] = _pk()
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    environment_id: Mapped[int] = mapped_column(ForeignKey("environments.id"))
    model_id: Mapped[str] = mapped_column(String(300))
    licence_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    since: Mapped[str] = mapped_column(String(40))
    until: Mapped[str | None] = mapped_column(String(40), nullable=True)
    source: Mapped[str] = mapped_column(String(20))  # scan | manual | import
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id"), nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)


class Signoff(Base):
    """Legal sign-off of one licence version for a product (and environment, or all of them).

    Never deleted: a later decided sign-off for the same scope sets
    ``superseded_by`` here. ``version`` is the optimistic-concurrency counter.
    """

    __tablename__ = "signoffs"
    __table_args__ = (Index("ix_signoffs_scope", "product_id", "licence_id"),)
    id: Mapped[int] = _pk()
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    environment_id: Mapped[int | None] = mapped_column(ForeignKey("environments.id"), nullable=True)
    licence_id: Mapped[str] = mapped_column(String(100))
    models: Mapped[str] = mapped_column(Text)  # canonical JSON list of model ids ([] = any)
    checklist: Mapped[str] = mapped_column(Text)  # canonical JSON {step: {answer, evidence}}
    requester: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(20))  # pending | approved | rejected
    reviewer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    notes: Mapped[str] = mapped_column(Text)
    knowledge_digest: Mapped[str] = mapped_column(String(64))
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id"), nullable=True)
    scan_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    documents: Mapped[str] = mapped_column(Text)  # canonical JSON [{name, sha256}]
    superseded_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer)


class Waiver(Base):
    """A finding code silenced for a product, with a reason, an approver and an expiry."""

    __tablename__ = "waivers"
    id: Mapped[int] = _pk()
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    code: Mapped[str] = mapped_column(String(60))
    licence_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(String(40))
    expires: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD
    revoked_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    version: Mapped[int] = mapped_column(Integer)


class Screening(Base):
    """A use case screened against a use policy, kept as evidence."""

    __tablename__ = "screenings"
    id: Mapped[int] = _pk()
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(20))
    policy_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    licence_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    categories: Mapped[str] = mapped_column(Text)  # canonical JSON list of category keys
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id"), nullable=True)
    recorded_at: Mapped[str] = mapped_column(String(40))
    recorded_by: Mapped[str] = mapped_column(String(200))


class AuditEntry(Base):
    """One link of the append-only hash chain; see ``registry/audit.py``."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_row", "table_name", "row_id", "seq"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    row_digest: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)  # canonical JSON of the row after the change
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row: the chain's last seq and hash. Writers lock it, which serialises every write."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


# The tables whose every row is covered by the audit chain, in foreign-key order
# (the order backup writes and restore reads).
AUDITED: tuple[type[Base], ...] = (
    Organisation,
    MauDeclaration,
    Product,
    Environment,
    AttributionOwner,
    Scan,
    Deployment,
    Signoff,
    Waiver,
    Screening,
)
