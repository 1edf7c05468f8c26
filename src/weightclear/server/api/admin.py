"""People and tokens, for admins; ``/me`` for anyone holding a token."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from weightclear.server import auth
from weightclear.server.auth import Role, User
from weightclear.server.deps import ServerState, api_role, api_user, state
from weightclear.server.errors import ApiError

router = APIRouter(tags=["admin"])
Admin = Depends(api_role(Role.ADMIN))
St = Depends(state)


class UserBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")
    role: str = Field(pattern=r"^(viewer|engineer|reviewer|admin)$")
    password: str | None = Field(default=None, min_length=8, max_length=200)


class TokenBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str = Field(min_length=1, max_length=200)
    label: str = Field(default="token", max_length=200)


@router.get("/me")
def me(user: User = Depends(api_user)) -> dict[str, Any]:  # noqa: B008
    """Who this token belongs to."""
    return {"name": user.name, "role": user.role.label}


@router.get("/users")
def list_users(st: ServerState = St, _: User = Admin) -> dict[str, Any]:
    """Every enabled user and role."""
    return {"users": [{"name": u.name, "role": u.role.label} for u in auth.list_users(st.registry.engine)]}


@router.post("/users", status_code=201)
def create_user(body: UserBody, st: ServerState = St, _: User = Admin) -> dict[str, Any]:
    """Add a person (with a password, to log in) or a robot (token only)."""
    try:
        user = auth.create_user(st.registry.engine, body.name, Role.parse(body.role), body.password)
    except ValueError as exc:
        raise ApiError(409, str(exc)) from None
    return {"name": user.name, "role": user.role.label}


@router.post("/tokens", status_code=201)
def create_token(body: TokenBody, st: ServerState = St, _: User = Admin) -> dict[str, Any]:
    """A new API token for a user, shown once in this response and never again."""
    found = auth.find_user(st.registry.engine, body.user)
    if found is None:
        raise ApiError(404, f"no user {body.user!r}")
    token_id, token = auth.create_token(st.registry.engine, found[0], body.label)
    return {"id": token_id, "user": found[0].name, "token": token}


@router.post("/tokens/{token_id}/revoke")
def revoke_token(token_id: int, st: ServerState = St, _: User = Admin) -> dict[str, Any]:
    """Revoke a token at once."""
    if not 1 <= token_id <= 2**31 - 1 or not auth.revoke_token(st.registry.engine, token_id):
        raise ApiError(404, f"no live token #{token_id}")
    return {"id": token_id, "revoked": True}
