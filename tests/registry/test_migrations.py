"""The schema: Alembic migrations run on first use and by `registry init`, and match the models."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, insert, select
from tests.registry.helpers import ok, wc

from weightclear.registry import Registry, db
from weightclear.registry.tables import Base
from weightclear.server import auth_tables

HEAD = "0002_server_auth"


def _every_declared_table() -> MetaData:
    """The registry's models and the server's own tables, as one schema."""
    every = MetaData()
    for table in [*Base.metadata.tables.values(), *auth_tables.metadata.tables.values()]:
        table.to_metadata(every)
    return every


def test_init_migrates_once_then_reports_up_to_date(db_url: str) -> None:
    first = ok(db_url, "registry", "init")
    assert f"migrated from empty to {HEAD}" in first.stdout
    second = ok(db_url, "registry", "init")
    assert f"is up to date ({HEAD})" in second.stdout
    status = ok(db_url, "registry", "status")
    assert f"schema:   {HEAD} (newest {HEAD})" in status.stdout
    assert "audit:    0 entries, head " + "0" * 64 in status.stdout


def test_status_of_an_uninitialised_registry_says_what_to_do(db_url: str) -> None:
    result = wc(db_url, "registry", "status")
    assert result.exit_code == 2
    assert "run `weightclear registry init`" in result.stderr


def test_the_migrations_create_exactly_the_declared_tables(db_url: str) -> None:
    with Registry.open(db_url) as reg, reg.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), _every_declared_table())
    assert diff == []


def test_a_registry_whose_server_made_its_own_tables_upgrades_and_keeps_them(db_url: str) -> None:
    # Before 0002 the server ran create_all at start-up on a registry at 0001.
    engine = db.make_engine(db.resolve_url(db_url))
    try:
        with db.write_transaction(engine) as conn:
            command.upgrade(db._alembic_config(conn), "0001_initial")
            auth_tables.metadata.create_all(conn)
            conn.execute(insert(auth_tables.users).values(name="ana", role="admin", created_at="2026-01-01"))
    finally:
        engine.dispose()
    assert f"migrated from 0001_initial to {HEAD}" in ok(db_url, "registry", "init").stdout
    with Registry.open(db_url) as reg, reg.engine.connect() as conn:
        assert conn.execute(select(auth_tables.users.c.name)).scalars().all() == ["ana"]
        assert compare_metadata(MigrationContext.configure(conn), _every_declared_table()) == []


def test_first_use_migrates_without_init(db_url: str) -> None:
    assert "deployment #1" in ok(db_url, "deployments", "add", "-p", "A", "-e", "prod", "-m", "m").stdout
    engine = db.make_engine(db.resolve_url(db_url))
    try:
        assert db.is_current(engine)
    finally:
        engine.dispose()
