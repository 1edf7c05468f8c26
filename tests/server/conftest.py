"""Server fixtures: the real app under uvicorn on 127.0.0.1, on SQLite and on PostgreSQL.

One server per test module and database (starting one costs about a second);
each has a viewer, an engineer, two reviewers and an admin, with a token each.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn
from tests.conftest import postgres_schema

from weightclear.server import auth
from weightclear.server.app import create_app

PG_ENV = "WEIGHTCLEAR_TEST_POSTGRES_URL"
PASSWORD = "correct horse battery"
PEOPLE = {"vic": "viewer", "eve": "engineer", "rita": "reviewer", "rob": "reviewer", "ada": "admin"}


@dataclass
class Server:
    base: str
    db_url: str
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, who: str | None = None) -> httpx.Client:
        """An API client acting as ``who`` (None: no token)."""
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    with postgres_schema("wc_srv") as url:
        yield url


def start(db_url: str) -> Iterator[Server]:
    """Run the app in a thread until the caller is done; seed the people and their tokens."""
    app = create_app(db_url, "test-secret")
    engine = app.state.wc.registry.engine
    server = Server(base="", db_url=db_url)
    for name, role in PEOPLE.items():
        user = auth.create_user(engine, name, auth.Role.parse(role), PASSWORD)
        server.tokens[name] = auth.create_token(engine, user, "tests")[1]
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not runner.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    server.base = f"http://127.0.0.1:{port}"
    try:
        yield server
    finally:
        runner.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A running server on a fresh database of each kind."""
    if request.param == "sqlite":
        folder: Path = tmp_path_factory.mktemp("server")
        url = f"sqlite:///{folder / 'registry.sqlite3'}"
    else:
        url = str(request.getfixturevalue("pg_schema_url"))
    yield from start(url)
