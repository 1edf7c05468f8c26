"""The dashboard kept in memory: what a person changes shows at once, CI pushes within MAX_AGE."""

from __future__ import annotations

import re
import time
from pathlib import Path

from tests.server.conftest import Server
from tests.server.helpers import CHECKLIST, browser, scan_json

from weightclear import knowledge
from weightclear.registry.records import ChecklistItem, Decision, DeploymentInput, Request, Step
from weightclear.registry.repo import Registry
from weightclear.server import queries
from weightclear.server.auth import Role, Sessions, User
from weightclear.server.pages.snapshot import MAX_AGE, Figures

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"


def _total(html: str, name: str) -> int:
    found = re.search(rf'id="t-{name}"[^>]*>\s*(\d+)', html)
    assert found, f"no t-{name} on the dashboard"
    return int(found.group(1))


def test_a_person_s_write_shows_on_the_next_dashboard_and_a_ci_push_within_max_age(
    server: Server, tmp_path: Path
) -> None:
    vic = browser(server, "vic")
    before = vic.get("/").text
    with server.client("eve") as eve:
        body = {"product": "Cache Story", "environment": "prod", "model": LLAMA, "licence": "llama-3.1"}
        assert eve.post("/api/v1/deployments", json=body).status_code == 201
        after = vic.get("/").text
        assert _total(after, "deployments") == _total(before, "deployments") + 1

        # A CI push does not invalidate at once (bursts of robots), but shows within the bound.
        pushed = eve.post(
            "/api/v1/scans", params={"product": "Cache Push", "environment": "ci"}, json=scan_json(tmp_path)
        )
        assert pushed.status_code == 201, pushed.text
    deadline = time.monotonic() + MAX_AGE + 10
    while "Cache Push" not in vic.get("/").text:
        assert time.monotonic() < deadline, "the pushed scan's product never showed on the dashboard"
        time.sleep(0.2)


def test_a_decision_leaves_a_cookie_so_any_worker_shows_it(server: Server) -> None:
    with server.client("eve") as eve:
        body = {"product": "Cache Seen", "environment": "prod", "model": LLAMA, "licence": "llama-3.1"}
        eve.post("/api/v1/deployments", json=body)
        eve.put("/api/v1/products/Cache Seen/owner", json={"owner": "Jane"})
        made = eve.post(
            "/api/v1/signoffs", json={"product": "Cache Seen", "licence": "llama-3.1", "checklist": CHECKLIST}
        )
        sid = int(made.json()["id"])
    rita = browser(server, "rita")
    pending = _total(rita.get("/").text, "pending")
    csrf = rita.cookies["wc_csrf"]
    done = rita.post(
        f"/signoffs/{sid}/decide", data={"decision": "approve", "version": "1", "csrf_token": csrf}
    )
    assert done.status_code == 303, done.text
    assert done.cookies["wc_seen"].isdigit()
    assert _total(rita.get("/").text, "pending") == pending - 1
    # A forged, far-ahead value costs one check, and the page is still served.
    rita.cookies.set("wc_seen", "99999999999")
    assert rita.get("/").status_code == 200


def _seeded(tmp_path: Path) -> Registry:
    kb = knowledge.load()
    reg = Registry.open(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    items = [
        DeploymentInput(product=f"p{p}", environment=env, model_id=LLAMA, licence_id=lic)
        for p in range(4)
        for env in ("dev", "prod")
        for lic in ("llama-3.1", "llama-3.3")
    ]
    reg.import_deployments("seed", items)
    checklist = tuple(ChecklistItem.parse(s, "yes: seeded") for s in Step)
    for p, env, decide in ((0, None, True), (1, "prod", True), (2, None, False), (3, "dev", None)):
        reg.set_attribution_owner("seed", f"p{p}", "Jane")
        rec = reg.request_signoff(
            "seed",
            Request(product=f"p{p}", environment=env, licence_id="llama-3.1", checklist=checklist,
                    knowledge_digest=kb.digest),
        )  # fmt: skip
        if decide is not None:
            reg.decide_signoff("legal", rec.id, Decision.APPROVED if decide else Decision.REJECTED)
    return reg


def test_the_overview_query_agrees_with_the_registry(tmp_path: Path) -> None:
    kb = knowledge.load()
    with _seeded(tmp_path) as reg:
        found = queries.overview(reg, kb)
        assert found.views == reg.deployments(kb=kb)
        assert found.pending == reg.signoffs(decisions=(Decision.PENDING,))
        assert found.products == queries.products(reg)
        assert {v.state for v in found.views} >= {"approved", "rejected", "pending", "review-required"}


def test_figures_are_served_stale_within_max_age_then_refreshed_in_the_background(tmp_path: Path) -> None:
    kb = knowledge.load()
    with _seeded(tmp_path) as reg:
        figures = Figures(reg, kb, max_age=1.0)
        assert figures.ready() is None  # nothing yet: the first reader waits
        first = figures.fresh()
        assert figures.ready() is first
        # Another replica writes: this worker keeps serving what it has, without a query...
        reg.import_deployments(
            "elsewhere",
            [DeploymentInput(product="p9", environment="dev", model_id=LLAMA, licence_id="llama-3.1")],
        )
        assert figures.ready() is first
        # ...until MAX_AGE has passed: then one background check brings the write in.
        deadline = time.monotonic() + 10
        while (snap := figures.ready()) is None or snap.seq == first.seq:
            assert time.monotonic() < deadline, "the figures were never refreshed"
            time.sleep(0.05)
        assert snap.figures.totals["deployments"] == first.figures.totals["deployments"] + 1
        assert figures.ready(min_seq=snap.seq + 1) is None  # a reader who knows of a newer write waits
        figures.invalidate()
        assert figures.ready() is None
        assert figures.fresh().generation == snap.generation + 1


def test_a_remembered_session_cookie_is_still_checked_exactly() -> None:
    sessions = Sessions("secret")
    cookie = sessions.issue(User(id=1, name="rita", role=Role.REVIEWER))
    assert sessions.name(cookie) == "rita"
    assert sessions.name(cookie) == "rita"  # from the memo
    assert sessions.name(cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB")) is None
    assert Sessions("another secret").name(cookie) is None
