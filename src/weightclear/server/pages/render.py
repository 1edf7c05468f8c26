"""Jinja2 rendering with the user, the CSRF token and the version in every template."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from weightclear import __version__
from weightclear.server.security import CSRF_FIELD, csrf_token


@cache
def environment() -> Environment:
    """The template environment (autoescaping on: every value is text, never markup)."""
    folder = resources.files("weightclear.server") / "templates"
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(["html", "svg"]))
    env.globals["version"] = __version__
    env.globals["csrf_field"] = CSRF_FIELD
    return env


def page(request: Request, template: str, /, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the request's CSRF token and the given context."""
    html = environment().get_template(template).render(request=request, csrf=csrf_token(request), **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """A plain page saying what went wrong."""
    return page(request, "error.html", status=status, status_code=status, message=message, user=None)
