"""Who is asking: API tokens (stored as sha256), logins (scrypt), signed session cookies, roles.

A token is shown once when it is made; the database keeps only its sha256,
which is enough for 256 random bits. Passwords are kept as scrypt hashes.
The session cookie is signed with the server's secret and holds only the
user's name and when it was issued; the role is read from the database (for
pages, at most ``deps.USER_TTL`` seconds old), so disabling a user or changing
a role takes effect at once for the API and within seconds for pages.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from enum import IntEnum

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Engine, insert, select, update

from weightclear.registry.audit import now
from weightclear.server.auth_tables import tokens, users

SESSION_COOKIE = "wc_session"
SESSION_MAX_AGE = 12 * 3600  # a working day; then log in again
TOKEN_PREFIX = "wct_"


class Role(IntEnum):
    """Roles in increasing power: each may do what the ones below it may."""

    VIEWER = 1  # reads everything
    ENGINEER = 2  # pushes scans, records deployments, requests sign-offs
    REVIEWER = 3  # decides sign-offs, grants and revokes waivers
    ADMIN = 4  # manages people and tokens

    @classmethod
    def parse(cls, value: str) -> Role:
        """``reviewer`` -> Role.REVIEWER; ValueError naming the choices otherwise."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            choices = ", ".join(r.name.lower() for r in cls)
            raise ValueError(f"unknown role {value!r}: one of {choices}") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, kw_only=True)
class User:
    id: int
    name: str
    role: Role

    def can(self, role: Role) -> bool:
        """Whether this user holds ``role`` or a stronger one."""
        return self.role >= role


# -- passwords and tokens ---------------------------------------------------------------

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    """scrypt with a random salt, as ``scrypt$salt$hash`` (base64)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def check_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches the stored hash (constant-time compare)."""
    if not stored or stored.count("$") != 2:
        return False
    _, salt, digest = stored.split("$")
    got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), dklen=32, **_SCRYPT)
    return hmac.compare_digest(got, base64.b64decode(digest))


def token_digest(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


# -- the user store ----------------------------------------------------------------------


def create_user(engine: Engine, name: str, role: Role, password: str | None) -> User:
    """Add a person (or a token-only robot when ``password`` is None); ValueError if the name is taken."""
    name = name.strip()
    if not name or len(name) > 200:
        raise ValueError("a user name is 1 to 200 characters")
    with engine.begin() as conn:
        if conn.execute(select(users.c.id).where(users.c.name == name)).first():
            raise ValueError(f"user {name!r} already exists")
        values = {
            "name": name,
            "role": role.label,
            "password_hash": hash_password(password) if password else None,
            "created_at": now(),
            "disabled": 0,
        }
        new_id = conn.execute(insert(users).values(values).returning(users.c.id)).scalar_one()
    return User(id=int(new_id), name=name, role=role)


def list_users(engine: Engine) -> list[User]:
    """Every enabled user, by name."""
    with engine.connect() as conn:
        rows = conn.execute(select(users).where(users.c.disabled == 0).order_by(users.c.name)).all()
    return [User(id=r.id, name=r.name, role=Role.parse(r.role)) for r in rows]


def find_user(engine: Engine, name: str) -> tuple[User, str | None] | None:
    """An enabled user by name, with the stored password hash."""
    if "\x00" in name or len(name) > 200:  # PostgreSQL refuses NUL in text: no such user
        return None
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name, users.c.disabled == 0)).first()
    if row is None:
        return None
    return User(id=row.id, name=row.name, role=Role.parse(row.role)), row.password_hash


def create_token(engine: Engine, user: User, label: str) -> tuple[int, str]:
    """A new API token for ``user``: (id, the token). The token is never stored or shown again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    values = {
        "user_id": user.id,
        "label": label.strip()[:200] or "token",
        "token_sha256": token_digest(token),
        "created_at": now(),
    }
    with engine.begin() as conn:
        new_id = conn.execute(insert(tokens).values(values).returning(tokens.c.id)).scalar_one()
    return int(new_id), token


def revoke_token(engine: Engine, token_id: int) -> bool:
    """Revoke a token; False when there is no such live token."""
    with engine.begin() as conn:
        done = conn.execute(
            update(tokens)
            .where(tokens.c.id == token_id, tokens.c.revoked_at.is_(None))
            .values(revoked_at=now())
        )
    return bool(done.rowcount)


def user_for_token(engine: Engine, token: str) -> User | None:
    """The enabled user a live token belongs to."""
    if "\x00" in token:
        return None
    stmt = (
        select(users.c.id, users.c.name, users.c.role)
        .join(tokens, tokens.c.user_id == users.c.id)
        .where(
            tokens.c.token_sha256 == token_digest(token), tokens.c.revoked_at.is_(None), users.c.disabled == 0
        )
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return User(id=row.id, name=row.name, role=Role.parse(row.role)) if row else None


# -- the session cookie ------------------------------------------------------------------


class Sessions:
    """Signs and reads the session cookie (stateless: nothing kept in the process but a memo).

    A cookie whose signature checked out once is remembered with its issue
    time, so the next requests with the very same value cost a dict lookup
    instead of an HMAC; the age is checked on every request all the same.
    """

    _MEMO_MAX = 10_000

    def __init__(self, secret: str) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="weightclear-session")
        self._verified: dict[str, tuple[str, float]] = {}  # cookie -> (name, issued at, epoch s)

    def issue(self, user: User) -> str:
        """The cookie value for a user who just logged in."""
        return self._signer.dumps({"u": user.name, "n": secrets.token_hex(8)})

    def name(self, cookie: str | None) -> str | None:
        """The user name a valid, unexpired cookie carries."""
        if not cookie:
            return None
        known = self._verified.get(cookie)
        if known is None:
            known = self._verify(cookie)
            if known is None:
                return None
        name, issued = known
        return name if time.time() - issued <= SESSION_MAX_AGE else None

    def _verify(self, cookie: str) -> tuple[str, float] | None:
        try:
            data, issued = self._signer.loads(cookie, max_age=SESSION_MAX_AGE, return_timestamp=True)
        except BadSignature:
            return None
        name = data.get("u") if isinstance(data, dict) else None
        if not isinstance(name, str):
            return None
        if len(self._verified) >= self._MEMO_MAX:  # bound the memory; the next hits verify again
            self._verified.clear()
        self._verified[cookie] = (name, issued.timestamp())
        return name, issued.timestamp()
