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

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


class SecurityHeaders:
    """Adds the security headers, and the CSRF cookie when a page made one (plain ASGI: no body buffering)."""

    def __init__(self, app: ASGIApp, *, secure_cookies: bool = False) -> None:
        self.app = app
        self.secure = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = str(scope.get("path", "")).startswith("/api")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if is_api and "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
                fresh = scope.get("state", {}).get("new_csrf")
                if fresh:
                    flags = "; Secure" if self.secure else ""
                    headers.append(
                        "set-cookie", f"{CSRF_COOKIE}={fresh}; HttpOnly; Path=/; SameSite=Strict{flags}"
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)
