"""In Chromium (Debian's, driven by Playwright): a reviewer approves from the queue; an engineer cannot.

Skips when Chromium is absent, unless WEIGHTCLEAR_REQUIRE_SERVICES is set.
Runs on SQLite only: the pages are the same on both databases, and the API
tests cover PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import require_service
from tests.server.conftest import PASSWORD, Server, start
from tests.server.helpers import CHECKLIST

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """Chromium from WEIGHTCLEAR_TEST_CHROMIUM, else Debian's, if present."""
    path = os.environ.get("WEIGHTCLEAR_TEST_CHROMIUM") or "/usr/bin/chromium"
    return path if Path(path).is_file() else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_service("Chromium (WEIGHTCLEAR_TEST_CHROMIUM)", chromium_path())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("browser")
    yield from start(f"sqlite:///{folder / 'registry.sqlite3'}")


def _pending(site: Server, product: str) -> int:
    with site.client("eve") as eve:
        model = "meta-llama/Llama-3.1-8B-Instruct"
        body = {"product": product, "environment": "prod", "model": model, "licence": "llama-3.1"}
        eve.post("/api/v1/deployments", json=body)
        eve.put(f"/api/v1/products/{product}/owner", json={"owner": "Jane"})
        made = eve.post(
            "/api/v1/signoffs", json={"product": product, "licence": "llama-3.1", "checklist": CHECKLIST}
        )
        return int(made.json()["id"])


def _login(browser: Any, site: Server, who: str) -> Any:
    page = browser.new_page()
    page.goto(f"{site.base}/")
    assert "/login" in page.url
    page.fill("input[name=name]", who)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.base}/")
    return page


def test_a_reviewer_approves_a_pending_signoff_and_the_dashboard_changes(browser: Any, site: Server) -> None:
    sid = _pending(site, "Browser Story")
    page = _login(browser, site, "rita")
    unsigned_before = int(page.inner_text("#t-unsigned"))
    pending_before = int(page.inner_text("#t-pending"))
    assert pending_before >= 1 and unsigned_before >= 1

    page.click("text=Review queue")
    page.click(f"#queue a:text('#{sid}')")
    assert page.inner_text("#decision") == "pending"
    assert "mau-threshold" in page.inner_text("table.checklist")
    page.fill("textarea[name=notes]", "LEGAL-77")
    page.click("button.approve")
    page.wait_for_url(f"{site.base}/signoffs/{sid}?done=approved")
    assert page.inner_text("#decision") == "approved"

    page.click("text=Dashboard")
    assert int(page.inner_text("#t-pending")) == pending_before - 1
    assert int(page.inner_text("#t-unsigned")) == unsigned_before - 1
    page.close()


def test_an_engineer_sees_no_decision_buttons_and_cannot_approve(browser: Any, site: Server) -> None:
    sid = _pending(site, "Browser Engineer")
    page = _login(browser, site, "eve")
    page.goto(f"{site.base}/signoffs/{sid}")
    assert "only a reviewer or admin" in page.inner_text("#no-decide")
    assert page.locator("button.approve").count() == 0
    # Posting the form anyway (with a valid CSRF token) is refused by the server.
    token = page.context.cookies()
    csrf = next(c["value"] for c in token if c["name"] == "wc_csrf")
    response = page.request.post(
        f"{site.base}/signoffs/{sid}/decide", form={"decision": "approve", "version": "1", "csrf_token": csrf}
    )
    assert response.status == 403
    page.goto(f"{site.base}/signoffs/{sid}")
    assert page.inner_text("#decision") == "pending"
    page.close()
