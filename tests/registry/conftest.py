"""Registry fixtures: every test runs on SQLite (a temporary file) and on PostgreSQL (a fresh schema)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from tests.conftest import require_service

PG_ENV = "WEIGHTCLEAR_TEST_POSTGRES_URL"


def sqlite_url(folder: Path, name: str = "registry.sqlite3") -> str:
    """A SQLite registry file inside ``folder``."""
    return f"sqlite:///{folder / name}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a schema of its own, dropped afterwards."""
    base = require_service(PG_ENV, os.environ.get(PG_ENV))
    schema = f"wc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    # application_name tags this test's sessions, so a killed client's session can be ended below.
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}", "application_name": schema})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            # Sessions a test left behind (e.g. a killed process) must not block the drop.
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
                {"name": schema},
            )
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty registry location on each database."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def other_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh registry on the *other* database (for backup and restore across them)."""
    if db_url.startswith("sqlite"):
        return str(request.getfixturevalue("pg_url"))
    return sqlite_url(tmp_path, "restored.sqlite3")
