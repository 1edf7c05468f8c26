"""The schema: Alembic migrations run on first use and by `registry init`, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from tests.registry.helpers import ok, wc

from weightclear.registry import Registry, db
from weightclear.registry.tables import Base


def test_init_migrates_once_then_reports_up_to_date(db_url: str) -> None:
    first = ok(db_url, "registry", "init")
    assert "migrated from empty to 0001_initial" in first.stdout
    second = ok(db_url, "registry", "init")
    assert "is up to date (0001_initial)" in second.stdout
    status = ok(db_url, "registry", "status")
    assert "schema:   0001_initial (newest 0001_initial)" in status.stdout
    assert "audit:    0 entries, head " + "0" * 64 in status.stdout


def test_status_of_an_uninitialised_registry_says_what_to_do(db_url: str) -> None:
    result = wc(db_url, "registry", "status")
    assert result.exit_code == 2
    assert "run `weightclear registry init`" in result.stderr


def test_the_migrations_create_exactly_the_declared_tables(db_url: str) -> None:
    with Registry.open(db_url) as reg, reg.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_first_use_migrates_without_init(db_url: str) -> None:
    assert "deployment #1" in ok(db_url, "deployments", "add", "-p", "A", "-e", "prod", "-m", "m").stdout
    engine = db.make_engine(db.resolve_url(db_url))
    try:
        assert db.is_current(engine)
    finally:
        engine.dispose()
