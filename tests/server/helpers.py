"""Helpers for the server tests: a real scan JSON, the error shape, a logged-in browser-like client."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import httpx
from tests.conftest import run_cli
from tests.server.conftest import PASSWORD, Server

SCAN_SOURCE = (
    'from transformers import AutoModel\nm = AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
)
CHECKLIST = {
    "mau-threshold": "yes: 2M MAU in 2026-10, finance report",
    "aup-alignment": "yes: support answers only",
    "attribution": "yes: About page says Built with Llama",
    "derivatives": "n/a: no derivative shipped",
}


@cache
def _scan_text(folder: str) -> str:
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.py").write_text(SCAN_SOURCE)
    result = run_cli("scan", str(root), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def scan_json(tmp: Path) -> dict[str, Any]:
    """The JSON `weightclear scan` writes for a tree that uses Llama 3.1 8B Instruct."""
    data: dict[str, Any] = json.loads(_scan_text(str(tmp / "scanned")))
    return data


def assert_error(response: httpx.Response, status: int, *words: str) -> dict[str, Any]:
    """The response is ``status`` with the one error shape, and its message names ``words``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    err = response.json()["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and err["message"]
    for word in words:
        assert word in err["message"], err["message"]
    return dict(err)


def browser(server: Server, who: str) -> httpx.Client:
    """A cookie-keeping client logged in through the form, as a browser would."""
    client = httpx.Client(base_url=server.base, timeout=30, follow_redirects=False)
    client.get("/login")
    csrf = client.cookies["wc_csrf"]
    response = client.post(
        "/login", data={"name": who, "password": PASSWORD, "next": "/", "csrf_token": csrf}
    )
    assert response.status_code == 303, response.text
    return client
