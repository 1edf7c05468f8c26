"""Request dependencies: the registry, the knowledge base, and the user with their role."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request

from weightclear.knowledge import KnowledgeBase
from weightclear.registry.repo import Registry
from weightclear.server.auth import SESSION_COOKIE, Role, Sessions, User, find_user, user_for_token
from weightclear.server.errors import ApiError


@dataclass(frozen=True)
class ServerState:
    """What every request needs; built once by ``create_app`` and kept on ``app.state``."""

    registry: Registry
    kb: KnowledgeBase
    sessions: Sessions
    secure_cookies: bool


def state(request: Request) -> ServerState:
    """The server state of this application."""
    found: ServerState = request.app.state.wc
    return found


def api_user(request: Request) -> User:
    """The user of a bearer token; 401 without one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "send an API token: Authorization: Bearer <token>")
    user = user_for_token(state(request).registry.engine, token.strip())
    if user is None:
        raise ApiError(401, "the API token is unknown or revoked")
    return user


# A page user's role, looked up at most once per USER_TTL seconds per process:
# saves a query on every page view; a role change or a disabled account takes
# effect within that time on every replica (no shared cache to invalidate).
USER_TTL = 2.0
_users: dict[tuple[int, str], tuple[float, User | None]] = {}


def _cached_user(st: ServerState, name: str) -> User | None:
    key = (id(st.registry), name)
    now = time.monotonic()
    hit = _users.get(key)
    if hit and now - hit[0] < USER_TTL:
        return hit[1]
    found = find_user(st.registry.engine, name)
    user = found[0] if found else None
    if len(_users) > 10_000:  # many distinct names: bound the memory, keep it simple
        _users.clear()
    _users[key] = (now, user)
    return user


def page_user_or_none(request: Request) -> User | None:
    """The logged-in user of a page request, if any (its role at most USER_TTL seconds old)."""
    st = state(request)
    name = st.sessions.name(request.cookies.get(SESSION_COOKIE))
    return _cached_user(st, name) if name else None


def page_user(request: Request) -> User:
    """The logged-in user; 401 (a redirect to the login form) otherwise."""
    user = page_user_or_none(request)
    if user is None:
        raise ApiError(401, "log in first")
    return user


def _requiring(role: Role, source: Callable[[Request], User]) -> Callable[..., User]:
    def check(user: User = Depends(source)) -> User:  # noqa: B008 - FastAPI's dependency idiom
        if not user.can(role):
            raise ApiError(
                403, f"{user.name} has the {user.role.label} role; this needs {role.label} or above"
            )
        return user

    return check


def api_role(role: Role) -> Callable[..., User]:
    """Dependency: a bearer-token user holding at least ``role``."""
    return _requiring(role, api_user)


def page_role(role: Role) -> Callable[..., User]:
    """Dependency: a logged-in user holding at least ``role``."""
    return _requiring(role, page_user)
