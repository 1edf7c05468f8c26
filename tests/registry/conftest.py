"""Registry fixtures: every test runs on SQLite (a temporary file) and on PostgreSQL (a fresh schema)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import postgres_schema

PG_ENV = "WEIGHTCLEAR_TEST_POSTGRES_URL"


def sqlite_url(folder: Path, name: str = "registry.sqlite3") -> str:
    """A SQLite registry file inside ``folder``."""
    return f"sqlite:///{folder / name}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a schema of its own, dropped afterwards."""
    with postgres_schema("wc_test") as url:
        yield url


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
