"""Help texts several commands share, in a module that imports nothing (`scan` must start fast)."""

from __future__ import annotations

DB_HELP = (
    "Registry database: a file path or a URL (postgresql+psycopg://...). "
    "Default: DATABASE_URL, else a SQLite file in the user data directory."
)
