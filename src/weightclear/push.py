"""The CI side of ``weightclear serve``: send a scan's JSON to the server (``scan --push URL --token T``).

The server records it as evidence for the product (and, with an
environment, as that environment's deployments). A refusal comes back in
the server's one error shape; its message becomes an ``InputError`` here, so
the scan exits 2 with the server's own words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from weightclear.errors import InputError

if TYPE_CHECKING:
    from weightclear.report import ScanReport

TIMEOUT_S = 60.0


@dataclass(frozen=True, kw_only=True)
class Pushed:
    """What the server recorded."""

    scan_id: int
    digest: str
    started: tuple[int, ...]
    ended: tuple[int, ...]


def scans_url(url: str) -> str:
    """The scans endpoint of a server given as its base URL (or the endpoint itself)."""
    base = url.rstrip("/")
    if base.endswith("/api/v1/scans"):
        return base
    if not base.startswith(("http://", "https://")):
        raise InputError(f"--push wants the server's URL (http:// or https://), got {url!r}")
    return base + "/api/v1/scans"


def push(
    report: ScanReport, url: str, token: str, *, product: str, environment: str | None, deploy: bool = False
) -> Pushed:
    """POST the scan to the server; raises InputError with the server's message when it refuses."""
    import httpx

    from weightclear.outputs.json import document

    params: dict[str, Any] = {"product": product, "deploy": "true" if deploy else "false"}
    if environment:
        params["environment"] = environment
    body = json.dumps(document(report), ensure_ascii=False).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        response = httpx.post(scans_url(url), params=params, content=body, headers=headers, timeout=TIMEOUT_S)
    except httpx.HTTPError as exc:
        raise InputError(f"cannot reach {url}: {exc}") from None
    if response.status_code != 201:
        raise InputError(f"the server refused the scan ({response.status_code}): {_message(response)}")
    data = response.json()
    return Pushed(
        scan_id=int(data["id"]),
        digest=str(data["digest"]),
        started=tuple(data.get("deployments_started", ())),
        ended=tuple(data.get("deployments_ended", ())),
    )


def _message(response: Any) -> str:
    try:
        return str(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return str(response.text[:200] or response.reason_phrase)
