"""The REST API under ``/api/v1``: one router per resource, registered in ``router()``."""

from __future__ import annotations

from fastapi import APIRouter


def router() -> APIRouter:
    """Every API router under one prefix."""
    from weightclear.server.api import admin, licences, registry, scans

    api = APIRouter(prefix="/api/v1")
    for module in (registry, scans, licences, admin):
        api.include_router(module.router)
    return api
