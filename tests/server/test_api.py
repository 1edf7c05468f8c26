"""The REST API on a real server (SQLite and PostgreSQL): the CI push, the review story, roles, errors."""

from __future__ import annotations

from pathlib import Path

from tests.server.conftest import Server
from tests.server.helpers import CHECKLIST, assert_error, scan_json

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"


def test_ci_push_then_review_then_approval_changes_the_deployment_state(
    server: Server, tmp_path: Path
) -> None:
    doc = scan_json(tmp_path)
    with server.client("eve") as eve, server.client("rita") as rita:
        pushed = eve.post(
            "/api/v1/scans", params={"product": "Support", "environment": "prod", "deploy": "true"}, json=doc
        )
        assert pushed.status_code == 201, pushed.text
        assert len(pushed.json()["deployments_started"]) == 1
        scan = eve.get(f"/api/v1/scans/{pushed.json()['id']}").json()
        assert {f["code"] for f in scan["findings"]} >= {"SIGNOFF_MISSING"}

        deps = rita.get("/api/v1/deployments", params={"product": "Support"}).json()["deployments"]
        assert [(d["model"], d["licence"], d["signoff"]["state"]) for d in deps] == [
            (LLAMA, "llama-3.1", "missing")
        ]

        assert eve.put("/api/v1/products/Support/owner", json={"owner": "Jane Doe"}).status_code == 200
        req = eve.post(
            "/api/v1/signoffs",
            json={"product": "Support", "licence": "llama-3.1", "models": [LLAMA], "checklist": CHECKLIST},
        )
        assert req.status_code == 201, req.text
        signoff = req.json()
        assert signoff["decision"] == "pending" and signoff["scan_id"] == pushed.json()["id"]

        queue = rita.get("/api/v1/signoffs", params={"decision": "pending"}).json()["signoffs"]
        assert signoff["id"] in [s["id"] for s in queue]

        assert_error(eve.post(f"/api/v1/signoffs/{signoff['id']}/approve", json={}), 403, "reviewer")
        done = rita.post(
            f"/api/v1/signoffs/{signoff['id']}/approve",
            json={"notes": "LEGAL-1", "version": signoff["version"]},
        )
        assert done.status_code == 200, done.text
        assert done.json()["decision"] == "approved" and done.json()["reviewer"] == "rita"

        deps = rita.get("/api/v1/deployments", params={"product": "Support"}).json()["deployments"]
        assert deps[0]["signoff"]["state"] == "approved"
        product = rita.get("/api/v1/products/Support").json()
        assert product["attribution_owner"] == "Jane Doe" and len(product["scans"]) == 1

        with server.client("rob") as rob:
            assert_error(
                rob.post(f"/api/v1/signoffs/{signoff['id']}/approve", json={}), 409, "already approved"
            )


def test_the_requester_cannot_decide_their_own_signoff(server: Server) -> None:
    with server.client("rita") as rita, server.client("rob") as rob:
        rita.put("/api/v1/products/Duties/owner", json={"owner": "Jane"})
        body = {"product": "Duties", "licence": "llama-3", "checklist": CHECKLIST}
        made = rita.post("/api/v1/signoffs", json=body)
        assert made.status_code == 201, made.text
        sid = made.json()["id"]
        assert_error(rita.post(f"/api/v1/signoffs/{sid}/approve", json={}), 403, "separation of duties")
        assert_error(rob.post(f"/api/v1/signoffs/{sid}/reject", json={"version": 99}), 409, "changed since")
        assert (
            rob.post(f"/api/v1/signoffs/{sid}/reject", json={"notes": "no"}).json()["decision"] == "rejected"
        )


def test_roles_are_enforced_on_the_server(server: Server) -> None:
    body = {"product": "Roles", "environment": "prod", "model": LLAMA, "licence": "llama-3.1"}
    with server.client("vic") as vic, server.client("eve") as eve, server.client("ada") as ada:
        assert vic.get("/api/v1/products").status_code == 200
        assert_error(vic.post("/api/v1/deployments", json=body), 403, "viewer")
        made = eve.post("/api/v1/deployments", json=body)
        assert made.status_code == 201
        assert eve.post(f"/api/v1/deployments/{made.json()['id']}/end").json()["until"]
        waiver = {
            "product": "Roles",
            "code": "ATTRIBUTION_MISSING",
            "reason": "launch week",
            "expires": "2099-01-01",
        }
        assert_error(eve.post("/api/v1/waivers", json=waiver), 403, "reviewer")
        assert ada.post("/api/v1/waivers", json=waiver).json()["state"] == "active"
        assert_error(eve.get("/api/v1/users"), 403, "admin")
        assert "vic" in [u["name"] for u in ada.get("/api/v1/users").json()["users"]]


def test_tokens_are_shown_once_and_stop_working_when_revoked(server: Server) -> None:
    with server.client("ada") as ada:
        assert ada.post("/api/v1/users", json={"name": "ci-bot", "role": "engineer"}).status_code == 201
        assert_error(
            ada.post("/api/v1/users", json={"name": "ci-bot", "role": "engineer"}), 409, "already exists"
        )
        made = ada.post("/api/v1/tokens", json={"user": "ci-bot", "label": "repo A"}).json()
        assert made["token"].startswith("wct_")
        listed = ada.get("/api/v1/users").text
        assert made["token"] not in listed
        bot = {"Authorization": f"Bearer {made['token']}"}
        assert ada.get("/api/v1/me", headers=bot).json() == {"name": "ci-bot", "role": "engineer"}
        assert ada.post(f"/api/v1/tokens/{made['id']}/revoke").status_code == 200
        assert_error(ada.get("/api/v1/me", headers=bot), 401, "revoked")


def test_bad_input_gets_a_clear_4xx_in_the_one_shape(server: Server) -> None:
    with server.client() as anon, server.client("eve") as eve:
        err = assert_error(anon.get("/api/v1/products"), 401, "Bearer")
        assert err["code"] == "unauthenticated"
        assert_error(anon.get("/api/v1/me", headers={"Authorization": "Bearer nope"}), 401, "unknown")
        assert_error(eve.get("/api/v1/signoffs/424242"), 404, "no sign-off")
        assert_error(eve.get("/api/v1/signoffs/99999999999999999999"), 404)
        assert_error(eve.get("/api/v1/licences/no-such-licence"), 404, "no licence")
        assert_error(eve.get("/api/v1/licences/diff", params={"old": "llama-3", "new": "x"}), 404, "'x'")
        bad = eve.post("/api/v1/signoffs", content=b"{not json", headers={"content-type": "application/json"})
        assert_error(bad, 422)
        extra = eve.post(
            "/api/v1/deployments", json={"product": "P", "environment": "e", "model": "m", "colour": 1}
        )
        assert assert_error(extra, 422)["details"][0]["field"].endswith("colour")
        checklist = {"mau-threshold": "maybe"}
        assert_error(
            eve.post(
                "/api/v1/signoffs", json={"product": "P", "licence": "llama-3.1", "checklist": checklist}
            ),
            422,
            "yes:",
        )
        assert_error(
            eve.post("/api/v1/scans", params={"product": "P"}, json={"models": []}), 422, "schema_version"
        )
        assert_error(
            eve.post("/api/v1/scans", params={"product": "P", "deploy": "true"}, json=_minimal()),
            422,
            "environment",
        )
        assert_error(eve.get("/api/v1/nothing-here"), 404)
        assert_error(eve.delete("/api/v1/products"), 405)


def _minimal() -> dict[str, object]:
    return {"schema_version": "1.0", "tool": {"version": "0"}, "knowledge_digest": "x"}


def test_audit_verifies_and_exports_what_the_api_did(server: Server) -> None:
    with server.client("eve") as eve:
        eve.post("/api/v1/deployments", json={"product": "Audited", "environment": "dev", "model": LLAMA})
        verify = eve.get("/api/v1/audit/verify").json()
        assert verify["ok"] is True and verify["entries"] > 0
        export = eve.get("/api/v1/audit/export")
        assert export.headers["content-type"].startswith("application/x-ndjson")
        assert len(export.text.splitlines()) == verify["entries"]
        entries = eve.get("/api/v1/audit/entries", params={"limit": 5}).json()["entries"]
        assert entries[0]["actor"] == "eve" and len(entries) <= 5


def test_licence_library_lists_shows_and_diffs(server: Server) -> None:
    with server.client("vic") as vic:
        ids = [x["id"] for x in vic.get("/api/v1/licences").json()["licences"]]
        assert {"llama-3", "llama-3.1"} <= set(ids)
        terms = vic.get("/api/v1/licences/llama-3.1").json()
        assert terms["family"] == "llama" and any(t["aspect"] == "attribution" for t in terms["terms"])
        changes = vic.get("/api/v1/licences/diff", params={"old": "llama-3", "new": "llama-3.1"}).json()[
            "changes"
        ]
        assert "release-date" in {c["aspect"] for c in changes}


def test_every_response_carries_the_security_headers(server: Server) -> None:
    with server.client("vic") as vic:
        for path in ("/api/v1/products", "/login", "/openapi.json"):
            headers = vic.get(path).headers
            assert "script-src 'self'" in headers["content-security-policy"]
            assert "unsafe-inline" not in headers["content-security-policy"]
            assert headers["x-frame-options"] == "DENY"
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["referrer-policy"]
