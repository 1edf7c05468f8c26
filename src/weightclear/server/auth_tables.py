"""The server's own tables: people, their API tokens.

They sit on a metadata of their own, not on the registry's declarative base,
because they are no part of the audited record (no audit entries, not in a
backup). Their schema is made by the registry's migrations like every other
table (revision ``0002_server_auth``), so opening the registry creates them;
a test checks the migrations and these definitions agree.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, text

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
