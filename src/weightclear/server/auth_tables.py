"""The server's own tables: people, their API tokens.

They sit on a metadata of their own, not on the registry's declarative base:
the registry's schema check compares its database with its own models only,
and these tables are no part of the audited record. They are created (if
missing) when the server starts, under the same lock the registry's
migrations take, so replicas starting together do not race.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, text
from sqlalchemy.engine import Engine

from weightclear.registry import db

metadata = MetaData()

users = Table(
    "server_users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(300), nullable=True),  # None: token-only (a CI robot)
    Column("created_at", String(40), nullable=False),
    Column("disabled", Integer, nullable=False, server_default=text("0")),
)

tokens = Table(
    "server_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("server_users.id"), nullable=False, index=True),
    Column("label", String(200), nullable=False),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40), nullable=True),
)

# Arbitrary constant for pg_advisory_xact_lock, distinct from the registry's migration lock.
_CREATE_LOCK = 0x77637376


def ensure(engine: Engine) -> None:
    """Create the server's tables when they are missing (idempotent, safe for parallel replicas)."""
    with db.write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CREATE_LOCK})
        metadata.create_all(conn, checkfirst=True)
