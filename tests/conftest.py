"""Shared test helpers: the reference corpus, and the CLI run in-process."""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "licences"
SCHEMAS = SHARED / "schemas"


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def load_script(path: Path) -> ModuleType:
    """Import a script of benchmarks/ or scripts/ by its path (they are not a package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def run_cli(*args: str, env: dict[str, str] | None = None) -> CliResult:
    """Run `weightclear ARGS` in-process with the real exit-code mapping."""
    from weightclear.cli.app import app
    from weightclear.cli.exit import run

    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", **(env or {})})
    with runner.isolation() as streams:
        code = run(app, list(args))
        out, err = streams[0], streams[1]
        return CliResult(code, out.getvalue().decode(), err.getvalue().decode())


@pytest.fixture
def cli() -> object:
    """The `run_cli` helper as a fixture."""
    return run_cli


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The official licence texts; tests that need them skip cleanly where ../shared is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/licences is not here")
    return CORPUS


def corpus_files() -> list[Path]:
    """Every licence or policy text of the corpus (for parametrised tests; empty without ../shared)."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "SOURCES.md")


def require_service(name: str, value: str | None) -> str:
    """Return a service setting, or skip (fail under CI, where .ci/run must have started it)."""
    if value:
        return value
    if os.environ.get("WEIGHTCLEAR_REQUIRE_SERVICES"):
        pytest.fail(f"{name} is required here but not configured")
    pytest.skip(f"{name} not configured")


@pytest.fixture
def chdir_tmp(tmp_path: Path) -> Iterator[Path]:
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


PG_ENV = "WEIGHTCLEAR_TEST_POSTGRES_URL"


@contextmanager
def postgres_schema(prefix: str) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards.

    Skips (fails under CI) without WEIGHTCLEAR_TEST_POSTGRES_URL. application_name tags the
    sessions, so sessions a test left behind (a killed process) are ended before the drop.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = require_service(PG_ENV, os.environ.get(PG_ENV))
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}", "application_name": schema})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
                {"name": schema},
            )
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
