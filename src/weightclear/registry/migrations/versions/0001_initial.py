"""initial: organisations, products, environments, deployments, sign-offs, waivers, audit chain

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _pk() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=False)


def _s(name: str, length: int, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), nullable=nullable)


def _t(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=nullable)


def _fk(name: str, target: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "organisations",
        _pk(),
        _s("name", 200),
        _s("created_at", 40),
        _s("created_by", 200),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "mau_declarations",
        _pk(),
        _fk("organisation_id", "organisations.id"),
        _s("month", 7),
        sa.Column("users", sa.Integer, nullable=False),
        _s("declared_at", 40),
        _s("declared_by", 200),
    )
    op.create_table(
        "products",
        _pk(),
        _s("name", 200),
        _fk("organisation_id", "organisations.id", nullable=True),
        _s("created_at", 40),
        _s("created_by", 200),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "environments",
        _pk(),
        _fk("product_id", "products.id"),
        _s("name", 100),
        _s("created_at", 40),
        _s("created_by", 200),
        sa.UniqueConstraint("product_id", "name"),
    )
    op.create_table(
        "attribution_owners",
        _pk(),
        _fk("product_id", "products.id"),
        _s("owner", 200),
        _s("set_at", 40),
        _s("set_by", 200),
    )
    op.create_index("ix_attribution_owners_product_id", "attribution_owners", ["product_id"])
    op.create_table(
        "scans",
        _pk(),
        _fk("product_id", "products.id"),
        _fk("environment_id", "environments.id", nullable=True),
        _s("digest", 64),
        _s("knowledge_digest", 64),
        _s("tool_version", 40),
        _t("root"),
        _t("summary"),
        _s("recorded_at", 40),
        _s("recorded_by", 200),
    )
    op.create_index("ix_scans_product_id", "scans", ["product_id"])
    op.create_table(
        "deployments",
        _pk(),
        _fk("product_id", "products.id"),
        _fk("environment_id", "environments.id"),
        _s("model_id", 300),
        _s("licence_id", 100, nullable=True),
        _s("since", 40),
        _s("until", 40, nullable=True),
        _s("source", 20),
        _fk("scan_id", "scans.id", nullable=True),
        _s("recorded_by", 200),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_deployments_product_env", "deployments", ["product_id", "environment_id"])
    op.create_table(
        "signoffs",
        _pk(),
        _fk("product_id", "products.id"),
        _fk("environment_id", "environments.id", nullable=True),
        _s("licence_id", 100),
        _t("models"),
        _t("checklist"),
        _s("requester", 200),
        _s("requested_at", 40),
        _s("decision", 20),
        _s("reviewer", 200, nullable=True),
        _s("decided_at", 40, nullable=True),
        _t("notes"),
        _s("knowledge_digest", 64),
        _fk("scan_id", "scans.id", nullable=True),
        _s("scan_digest", 64, nullable=True),
        _t("documents"),
        sa.Column("superseded_by", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_signoffs_scope", "signoffs", ["product_id", "licence_id"])
    op.create_table(
        "waivers",
        _pk(),
        _fk("product_id", "products.id"),
        _s("code", 60),
        _s("licence_id", 100, nullable=True),
        _t("reason"),
        _s("approved_by", 200),
        _s("created_at", 40),
        _s("expires", 10),
        _s("revoked_at", 40, nullable=True),
        _s("revoked_by", 200, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_waivers_product_id", "waivers", ["product_id"])
    op.create_table(
        "screenings",
        _pk(),
        _fk("product_id", "products.id"),
        _t("text"),
        _s("verdict", 20),
        _s("policy_id", 100, nullable=True),
        _s("licence_id", 100, nullable=True),
        _t("categories"),
        _fk("scan_id", "scans.id", nullable=True),
        _s("recorded_at", 40),
        _s("recorded_by", 200),
    )
    op.create_index("ix_screenings_product_id", "screenings", ["product_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        _s("at", 40),
        _s("actor", 200),
        _s("action", 40),
        _s("table_name", 40),
        sa.Column("row_id", sa.Integer, nullable=False),
        _s("row_digest", 64),
        _t("data"),
        _s("prev_hash", 64),
        _s("hash", 64),
    )
    op.create_index("ix_audit_row", "audit_log", ["table_name", "row_id", "seq"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        _s("hash", 64),
    )
    # The genesis: an empty chain whose last hash is all zeros.
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS}])


def downgrade() -> None:
    for name in (
        "audit_head",
        "audit_log",
        "screenings",
        "waivers",
        "signoffs",
        "deployments",
        "scans",
        "attribution_owners",
        "environments",
        "products",
        "mau_declarations",
        "organisations",
    ):
        op.drop_table(name)
