"""Security headers on every response and CSRF protection for forms (signed double submit).

A browser gets a random ``wc_csrf`` cookie; every form carries the same value
in a hidden field, and a form POST whose field does not match the cookie is
refused. Another site can make the browser send the cookie but cannot read it
to put it in the form. The API takes bearer tokens, which a browser never
sends by itself, so it needs no CSRF token.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

CSRF_COOKIE = "wc_csrf"
CSRF_FIELD = "csrf_token"

HEADERS = {
    # Scripts and styles only from our own origin: no inline script can run.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def csrf_token(request: Request) -> str:
    """The CSRF value for this browser (the cookie's, or a new one the middleware will set)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing:
        return existing
    fresh: str | None = getattr(request.state, "new_csrf", None)
    if fresh is None:
        fresh = secrets.token_urlsafe(24)
        request.state.new_csrf = fresh
    return fresh


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """Whether a submitted form token matches the browser's cookie."""
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie and submitted and hmac.compare_digest(cookie, submitted))


class SecurityHeaders(BaseHTTPMiddleware):
    """Adds the security headers, and the CSRF cookie when a page made one."""

    def __init__(self, app: object, *, secure_cookies: bool = False) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.secure = secure_cookies

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api"):
            response.headers.setdefault("Cache-Control", "no-store")
        fresh = getattr(request.state, "new_csrf", None)
        if fresh:
            response.set_cookie(
                CSRF_COOKIE, fresh, httponly=True, samesite="strict", secure=self.secure, path="/"
            )
        return response
