"""The application factory: ``create_app(database_url, secret)``.

One registry engine per process (a connection pool), opened when the app is
made; nothing else is kept in the process, so replicas behind a load balancer
need only the same database URL and the same secret.
"""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from weightclear import __version__
from weightclear.knowledge import load
from weightclear.registry.repo import Registry
from weightclear.server import errors
from weightclear.server.auth import Sessions
from weightclear.server.deps import ServerState
from weightclear.server.pages.snapshot import Figures, InvalidateOnWrite
from weightclear.server.security import SecurityHeaders

SECRET_ENV = "WEIGHTCLEAR_SECRET"


def from_environment() -> FastAPI:
    """The app for ``weightclear serve`` (uvicorn calls this in each worker)."""
    return create_app(os.environ.get("WEIGHTCLEAR_SERVER_DB"), None)


@contextmanager
def open_engine(database_url: str | None) -> Iterator[Engine]:
    """The registry's engine, migrated, so the server's tables are there (user and token commands)."""
    with Registry.open(database_url) as registry:
        yield registry.engine


def resolve_secret(secret: str | None) -> str:
    """The signing secret: given, else WEIGHTCLEAR_SECRET, else a random one (sessions end on restart)."""
    return secret or os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32)


def create_app(
    database_url: str | None = None, secret: str | None = None, *, secure_cookies: bool = False
) -> FastAPI:
    """The web app on the registry at ``database_url`` (default as for the CLI)."""
    registry = Registry.open(database_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # What is loaded by now (knowledge base, templates, routes) lives as long as the
        # worker: out of the collector's sight, a full collection no longer walks it
        # (it took ~200 ms, the dashboard's p99 under load).
        gc.collect()
        gc.freeze()
        yield
        registry.close()

    app = FastAPI(
        lifespan=lifespan,
        # No OpenTelemetry here: its per-request check costs more than serving a cached dashboard.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        title="weightclear",
        version=__version__,
        description="Licence clearance for open-weights AI models: the registry over HTTP.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    kb = load()
    wc = ServerState(
        registry=registry,
        kb=kb,
        sessions=Sessions(resolve_secret(secret)),
        secure_cookies=secure_cookies,
        figures=Figures(registry, kb),
    )
    app.state.wc = wc
    app.add_middleware(InvalidateOnWrite, figures=wc.figures)
    app.add_middleware(SecurityHeaders, secure_cookies=secure_cookies)
    errors.install(app)

    from weightclear.server.api import router as api_router
    from weightclear.server.pages.views import router as pages_router

    # Pages first: routes are matched in order, and the dashboard is the most requested path.
    app.include_router(pages_router, include_in_schema=False)
    app.include_router(api_router())
    static = resources.files("weightclear.server") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
