"""The pages without a browser: login, CSRF on every form, roles, and each page rendering real data."""

from __future__ import annotations

import re

import httpx
from tests.server.conftest import PASSWORD, Server
from tests.server.helpers import CHECKLIST, browser

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"


def _pending(server: Server, product: str, licence: str = "llama-3.1") -> int:
    with server.client("eve") as eve:
        eve.post(
            "/api/v1/deployments",
            json={"product": product, "environment": "prod", "model": LLAMA, "licence": licence},
        )
        eve.put(f"/api/v1/products/{product}/owner", json={"owner": "Jane"})
        made = eve.post(
            "/api/v1/signoffs", json={"product": product, "licence": licence, "checklist": CHECKLIST}
        )
        assert made.status_code == 201, made.text
        return int(made.json()["id"])


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def test_pages_need_a_login_and_a_wrong_password_is_refused(server: Server) -> None:
    with httpx.Client(base_url=server.base) as anon:
        assert anon.get("/queue").headers["location"] == "/login?next=/queue"
        form = anon.get("/login")
        data = {"name": "rita", "password": "wrong", "csrf_token": _csrf(form.text), "next": "/"}
        refused = anon.post("/login", data=data)
        assert refused.status_code == 401 and "wrong password" in refused.text
        assert "wc_session" not in refused.cookies


def test_forms_without_the_csrf_token_are_refused(server: Server) -> None:
    sid = _pending(server, "Csrf")
    with httpx.Client(base_url=server.base) as anon:
        anon.get("/login")
        no_token = anon.post("/login", data={"name": "rita", "password": PASSWORD, "next": "/"})
        assert no_token.status_code == 403 and "security token" in no_token.text
    rita = browser(server, "rita")
    forged = rita.post(
        f"/signoffs/{sid}/decide", data={"decision": "approve", "version": "1", "csrf_token": "forged"}
    )
    assert forged.status_code == 403
    assert (
        rita.get(
            f"/api/v1/signoffs/{sid}", headers={"Authorization": f"Bearer {server.tokens['rita']}"}
        ).json()["decision"]
        == "pending"
    )


def test_a_reviewer_approves_from_the_form_and_an_engineer_cannot(server: Server) -> None:
    sid = _pending(server, "FormFlow")
    eve = browser(server, "eve")
    page = eve.get(f"/signoffs/{sid}")
    assert "only a reviewer or admin can decide" in page.text and 'value="approve"' not in page.text
    refused = eve.post(
        f"/signoffs/{sid}/decide",
        data={"decision": "approve", "version": "1", "csrf_token": _csrf(page.text)},
    )
    assert refused.status_code == 403
    rita = browser(server, "rita")
    page = rita.get(f"/signoffs/{sid}")
    assert 'value="approve"' in page.text and "mau-threshold" in page.text
    done = rita.post(
        f"/signoffs/{sid}/decide",
        data={"decision": "approve", "version": "1", "notes": "ok", "csrf_token": _csrf(page.text)},
    )
    assert done.status_code == 303
    assert "approved" in rita.get(f"/signoffs/{sid}").text


def test_a_signoff_for_a_new_version_shows_the_licence_diff_since_the_last_signed(server: Server) -> None:
    first = _pending(server, "Upgrade", "llama-3")
    with server.client("rita") as rita:
        assert rita.post(f"/api/v1/signoffs/{first}/approve", json={}).status_code == 200
    second = _pending(server, "Upgrade", "llama-3.1")
    page = browser(server, "rob").get(f"/signoffs/{second}").text
    assert f"#{first}</a> for llama-3" in page
    assert 'id="changes"' in page and "release-date" in page


def test_every_page_renders_for_a_viewer(server: Server) -> None:
    sid = _pending(server, "Pages")
    vic = browser(server, "vic")
    for path, expect in (
        ("/", "Models by licence version"),
        ("/queue", f"#{sid}"),
        (f"/signoffs/{sid}", "Checklist"),
        ("/products/Pages", LLAMA),
        ("/audit", "signoff.request"),
        ("/licences", "llama-3.1"),
        ("/licences/llama-3?compare=llama-3.1", "What changed"),
    ):
        response = vic.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert expect in response.text, path
        assert "<svg" in vic.get("/").text
    assert vic.get("/products/NoSuchProduct").status_code == 404
    assert vic.get("/licences/nope").status_code == 404
    assert vic.get("/signoffs/0").status_code == 404
    assert vic.get("/static/style.css").status_code == 200


def test_login_never_redirects_off_site(server: Server) -> None:
    with httpx.Client(base_url=server.base) as anon:
        form = anon.get("/login?next=//evil.example/")
        assert 'value="/"' in form.text
        data = {
            "name": "vic",
            "password": PASSWORD,
            "next": "https://evil.example/",
            "csrf_token": _csrf(form.text),
        }
        assert anon.post("/login", data=data).headers["location"] == "/"
