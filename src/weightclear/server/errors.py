"""One JSON shape for every error the API returns, and the mapping of our errors onto HTTP.

``{"error": {"status": 409, "code": "conflict", "message": "...", "details": [...]}}``

Bad input is always a 4xx that says what is wrong; a 500 would be a bug.
Pages (paths outside ``/api``) get the same facts as a small HTML page, and a
missing login there becomes a redirect to the login form.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from weightclear.errors import KnowledgeError, RegistryError, WeightclearError

_CODES = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-input",
}


class ApiError(StarletteHTTPException):
    """An HTTP error with an optional list of details (field problems)."""

    def __init__(self, status: int, message: str, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(status_code=status, detail=message)
        self.details = details or []


def body(status: int, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The error shape."""
    code = _CODES.get(status, "error" if status >= 500 else "client-error")
    return {"error": {"status": status, "code": code, "message": message, "details": details or []}}


def registry_status(exc: RegistryError) -> int:
    """404 for a missing row, 403 for separation of duties, 409 for every other refusal."""
    text = str(exc)
    if text.startswith("no ") or "is not a scan of this product" in text:
        return 404
    if "separation of duties" in text:
        return 403
    return 409


def _respond(
    request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None
) -> Response:
    if not request.url.path.startswith("/api"):
        if status == 401:
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        from weightclear.server.pages.render import error_page  # pages import this module

        return error_page(request, status, message)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body(status, message, details), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()))
        out.append({"field": loc, "problem": str(err.get("msg", "invalid"))})
    return out


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        details = exc.details if isinstance(exc, ApiError) else None
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        return _respond(request, exc.status_code, message, details)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        first = details[0] if details else {"field": "", "problem": "invalid"}
        return _respond(request, 422, f"invalid input: {first['field']}: {first['problem']}", details)

    @app.exception_handler(RegistryError)
    async def _registry(request: Request, exc: RegistryError) -> Response:
        return _respond(request, registry_status(exc), str(exc))

    @app.exception_handler(KnowledgeError)
    async def _knowledge(request: Request, exc: KnowledgeError) -> Response:
        return _respond(request, 404, str(exc))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        # A bug, not bad input: keep the shape, say nothing about internals.
        return _respond(request, 500, "internal error: the server could not complete this request")

    @app.exception_handler(WeightclearError)
    async def _ours(request: Request, exc: WeightclearError) -> Response:
        return _respond(request, 422, str(exc))
