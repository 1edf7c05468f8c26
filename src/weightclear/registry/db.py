"""Where the registry lives and how to talk to it.

SQLite under the user's data directory by default; PostgreSQL (or another
SQLite file) through ``--db``, ``WEIGHTCLEAR_DB`` or ``DATABASE_URL``. The
schema is brought up to date by the Alembic migrations on first use.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from weightclear.errors import RegistryError

# Arbitrary constant for pg_advisory_xact_lock: two processes that both find an
# empty database on first use must not both run the migrations.
_MIGRATION_LOCK = 0x77636C72


def default_url() -> str:
    """The SQLite file under platformdirs' user data directory."""
    folder = Path(platformdirs.user_data_dir("weightclear"))
    return f"sqlite:///{folder / 'registry.sqlite3'}"


def resolve_url(db: str | None = None) -> str:
    """``db`` (a URL or a file path), else WEIGHTCLEAR_DB, else DATABASE_URL, else the default file."""
    value = db or os.environ.get("WEIGHTCLEAR_DB") or os.environ.get("DATABASE_URL")
    if not value:
        return default_url()
    if "://" in value:
        # postgres:// and postgresql:// are what hosting platforms hand out; we use psycopg 3.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def _ensure_wal(cur: Any) -> None:
    """Switch the file to WAL once; it stays WAL, so later connections only read the mode.

    Changing the journal mode needs the file to itself and SQLite answers "database is
    locked" at once, without its busy handler, while another connection holds it: so
    retry for a while (seen when many writers open a new registry together,
    tests/registry/test_concurrency.py).
    """
    deadline = time.monotonic() + 30
    while True:
        try:
            if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_setup(engine: Engine) -> None:
    # pysqlite's own transaction handling is switched off so that writers can
    # BEGIN IMMEDIATE (take the write lock before reading the audit head);
    # this is SQLAlchemy's documented recipe for SQLite transaction control.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        _ensure_wal(cur)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, creates the parent folder and sets WAL and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        _sqlite_setup(engine)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise RegistryError(f"unsupported database {describe(url)}: use SQLite or PostgreSQL")
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction; on SQLite it holds the write lock from its first statement."""
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        yield conn


def _alembic_config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("weightclear.registry") / "migrations"))
    cfg.attributes["connection"] = conn
    return cfg


@cache
def head_revision() -> str:
    """The newest migration shipped with this version of weightclear (read once per process)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("weightclear.registry") / "migrations"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None  # the package always ships its migrations
    return head


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at (None for an empty database)."""
    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> tuple[str | None, str]:
    """Run every pending migration; returns (revision before, revision after)."""
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        before = current_revision(conn)
        head = head_revision()
        if before != head:
            command.upgrade(_alembic_config(conn), "head")
        return before, head


def is_current(engine: Engine) -> bool:
    """True when the schema is at the newest migration."""
    with engine.connect() as conn:
        return current_revision(conn) == head_revision()
