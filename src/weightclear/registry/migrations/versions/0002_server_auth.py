"""server accounts: the web server's people and their API tokens

Revision ID: 0002_server_auth
Revises: 0001_initial

Before this revision the server created these two tables itself at start-up
(SQLAlchemy ``create_all``). A database that already has them keeps them as
they are: they were made from the same definition, so there is nothing to do.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_server_auth"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "server_users" not in existing:
        op.create_table(
            "server_users",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.String(200), nullable=False, unique=True),
            sa.Column("role", sa.String(20), nullable=False),
            sa.Column("password_hash", sa.String(300), nullable=True),
            sa.Column("created_at", sa.String(40), nullable=False),
            sa.Column("disabled", sa.Integer, nullable=False, server_default=sa.text("0")),
        )
    if "server_tokens" not in existing:
        op.create_table(
            "server_tokens",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("user_id", sa.Integer, sa.ForeignKey("server_users.id"), nullable=False),
            sa.Column("label", sa.String(200), nullable=False),
            sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
            sa.Column("created_at", sa.String(40), nullable=False),
            sa.Column("revoked_at", sa.String(40), nullable=True),
        )
        op.create_index("ix_server_tokens_user_id", "server_tokens", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_server_tokens_user_id", table_name="server_tokens")
    op.drop_table("server_tokens")
    op.drop_table("server_users")
