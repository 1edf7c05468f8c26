"""Request dependencies: the registry, the knowledge base, and the user with their role."""

from __future__ import annotations

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


def page_user_or_none(request: Request) -> User | None:
    """The logged-in user of a page request, if any."""
    st = state(request)
    name = st.sessions.name(request.cookies.get(SESSION_COOKIE))
    found = find_user(st.registry.engine, name) if name else None
    return found[0] if found else None


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
