"""Request dependencies: the registry, the knowledge base, and the user with their role."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from weightclear.knowledge import KnowledgeBase
from weightclear.registry.repo import Registry
from weightclear.server.auth import SESSION_COOKIE, Role, Sessions, User, find_user, user_for_token
from weightclear.server.errors import ApiError
from weightclear.server.pages.snapshot import Figures


@dataclass(frozen=True)
class ServerState:
    """What every request needs; built once by ``create_app`` and kept on ``app.state``."""

    registry: Registry
    kb: KnowledgeBase
    sessions: Sessions
    secure_cookies: bool
    figures: Figures  # the dashboard's, kept in memory by this worker
    pushes: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(1))  # scans recorded at once


def server_state(request: Request) -> ServerState:
    """The server state of this application."""
    found: ServerState = request.app.state.wc
    return found


async def state(request: Request) -> ServerState:
    """Dependency: the server state (async, so FastAPI does not hand it to a worker thread)."""
    return server_state(request)


def api_user(request: Request) -> User:
    """The user of a bearer token; 401 without one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "send an API token: Authorization: Bearer <token>")
    user = user_for_token(server_state(request).registry.engine, token.strip())
    if user is None:
        raise ApiError(401, "the API token is unknown or revoked")
    return user


# A page user's role, looked up at most once per USER_TTL seconds per process:
# saves a query on every page view; a role change or a disabled account takes
# effect within that time on every replica (no shared cache to invalidate).
USER_TTL = 2.0
_users: dict[tuple[int, str], tuple[float, User | None]] = {}


def _remembered(st: ServerState, name: str) -> tuple[float, User | None] | None:
    hit = _users.get((id(st.registry), name))
    return hit if hit and time.monotonic() - hit[0] < USER_TTL else None


_lookup = threading.Lock()


def _cached_user(st: ServerState, name: str) -> User | None:
    hit = _remembered(st, name)
    if hit:
        return hit[1]
    # One lookup at a time: when a busy user's entry expires, every request in
    # flight lands here; one queries and the others read its answer, instead of
    # each taking a pooled connection (on PostgreSQL, opening overflow
    # connections stalled the whole worker every USER_TTL).
    with _lookup:
        hit = _remembered(st, name)
        if hit:
            return hit[1]
        key, now = (id(st.registry), name), time.monotonic()
        found = find_user(st.registry.engine, name)
        user = found[0] if found else None
        if len(_users) > 10_000:  # many distinct names: bound the memory, keep it simple
            _users.clear()
        _users[key] = (now, user)
        return user


def page_user_or_none(request: Request) -> User | None:
    """The logged-in user of a page request, if any (its role at most USER_TTL seconds old)."""
    st = server_state(request)
    name = st.sessions.name(request.cookies.get(SESSION_COOKIE))
    return _cached_user(st, name) if name else None


def page_user(request: Request) -> User:
    """The logged-in user; 401 (a redirect to the login form) otherwise."""
    user = page_user_or_none(request)
    if user is None:
        raise ApiError(401, "log in first")
    return user


_in_flight: dict[tuple[int, str], asyncio.Future[User | None]] = {}


async def _look_up_once(st: ServerState, name: str) -> User | None:
    """The user from the database, one lookup per name at a time: the other requests await it."""
    key = (id(st.registry), name)
    pending = _in_flight.get(key)
    if pending is None:
        pending = asyncio.ensure_future(run_in_threadpool(_cached_user, st, name))
        _in_flight[key] = pending
        pending.add_done_callback(lambda _: _in_flight.pop(key, None))
    return await asyncio.shield(pending)


async def page_viewer(request: Request) -> User:
    """``page_role(Role.VIEWER)`` for async pages: no worker thread unless the role must be read.

    The cookie's signature is checked on every request; the role comes from
    the same USER_TTL cache, and only a miss queries the database (in a thread).
    """
    st = server_state(request)
    name = st.sessions.name(request.cookies.get(SESSION_COOKIE))
    if not name:
        raise ApiError(401, "log in first")
    hit = _remembered(st, name)
    user = hit[1] if hit else await _look_up_once(st, name)
    if user is None:
        raise ApiError(401, "log in first")
    if not user.can(Role.VIEWER):
        raise ApiError(403, f"{user.name} has the {user.role.label} role; this needs viewer or above")
    return user


def _requiring(role: Role, source: Callable[[Request], User]) -> Callable[..., Awaitable[User]]:
    # async: FastAPI runs it on the event loop, no worker thread for a comparison
    async def check(user: User = Depends(source)) -> User:  # noqa: B008 - FastAPI's dependency idiom
        if not user.can(role):
            raise ApiError(
                403, f"{user.name} has the {user.role.label} role; this needs {role.label} or above"
            )
        return user

    return check


def api_role(role: Role) -> Callable[..., Awaitable[User]]:
    """Dependency: a bearer-token user holding at least ``role``."""
    return _requiring(role, api_user)


def page_role(role: Role) -> Callable[..., Awaitable[User]]:
    """Dependency: a logged-in user holding at least ``role``."""
    return _requiring(role, page_user)
