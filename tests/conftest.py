"""Shared test helpers: the reference corpus, and the CLI run in-process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
