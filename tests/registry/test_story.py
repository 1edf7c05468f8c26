"""The governance story through the CLI, on SQLite and PostgreSQL.

Scan -> deployment recorded -> sign-off requested and approved by someone else
-> production runs an approved version -> a move to a newer licence version
re-opens review -> new sign-off approved -> the old decision stays on record.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.registry.helpers import as_json, checklist, ok, wc

LLAMA3 = "meta-llama/Meta-Llama-3-8B-Instruct"
LLAMA31 = "meta-llama/Llama-3.1-8B-Instruct"


def _states(db: str, product: str = "Acme Support") -> dict[str, tuple[str, str]]:
    rows = as_json(db, "deployments", "list", "--product", product)
    return {r["model"]: (r["licence"], r["signoff"]["state"]) for r in rows}


def test_from_first_deployment_to_upgrade_review(db_url: str) -> None:
    db = db_url
    ok(db, "registry", "init")
    ok(db, "registry", "mau", "Acme Corp", "2025-03", "12000000", user="finance")
    ok(db, "registry", "owner", "Acme Support", "Jane Doe <jane@acme.example>", "--organisation", "Acme Corp")
    ok(
        db,
        "deployments",
        "add",
        "-p",
        "Acme Support",
        "-e",
        "production",
        "-m",
        LLAMA3,
        "-l",
        "llama-3",
        user="dev",
    )
    assert _states(db) == {LLAMA3: ("llama-3", "missing")}

    requested = ok(
        db,
        "signoff",
        "request",
        "-p",
        "Acme Support",
        "-e",
        "production",
        "-l",
        "llama-3",
        *checklist(),
        user="dev",
    )
    assert "sign-off #1 requested" in requested.stdout
    assert _states(db) == {LLAMA3: ("llama-3", "pending")}

    # Separation of duties: the requester cannot approve their own request.
    own = wc(db, "signoff", "approve", "1", user="dev")
    assert own.exit_code == 2
    assert "requester cannot decide" in own.stderr

    approved = ok(db, "signoff", "approve", "1", "--notes", "LEGAL-142", user="legal")
    assert "approved by legal" in approved.stdout
    assert _states(db) == {LLAMA3: ("llama-3", "approved")}

    # A pull request moves production to Llama 3.1: the new version needs its own review.
    ok(
        db,
        "deployments",
        "add",
        "-p",
        "Acme Support",
        "-e",
        "production",
        "-m",
        LLAMA31,
        "-l",
        "llama-3.1",
        user="dev",
    )
    ok(db, "deployments", "end", "1", user="dev")
    assert _states(db) == {LLAMA31: ("llama-3.1", "review-required")}
    history = as_json(db, "deployments", "list", "--product", "Acme Support", "--all")
    assert [(r["model"], r["until"] is None) for r in history] == [(LLAMA3, False), (LLAMA31, True)]

    ok(
        db,
        "signoff",
        "request",
        "-p",
        "Acme Support",
        "-e",
        "production",
        "-l",
        "llama-3.1",
        *checklist(),
        user="dev",
    )
    ok(db, "signoff", "approve", "2", user="legal")
    assert _states(db) == {LLAMA31: ("llama-3.1", "approved")}

    signoffs = as_json(db, "signoff", "list", "--all")
    assert [(s["id"], s["licence"], s["decision"], s["requester"], s["reviewer"]) for s in signoffs] == [
        (1, "llama-3", "approved", "dev", "legal"),
        (2, "llama-3.1", "approved", "dev", "legal"),
    ]
    assert all(s["knowledge_digest"] for s in signoffs)
    verified = ok(db, "audit", "verify")
    assert "audit chain intact" in verified.stdout


def test_a_new_decision_supersedes_the_old_one_which_is_kept(db_url: str) -> None:
    db = db_url
    ok(db, "registry", "owner", "Shop", "Ann")
    ok(db, "deployments", "add", "-p", "Shop", "-e", "production", "-m", LLAMA3, "-l", "llama-3")
    ok(db, "signoff", "request", "-p", "Shop", "-l", "llama-3", *checklist(), user="dev")
    ok(db, "signoff", "approve", "1", user="legal")
    # Legal later re-reviews (e.g. the MAU figure grew) and rejects.
    ok(db, "signoff", "request", "-p", "Shop", "-l", "llama-3", *checklist(), user="dev")
    ok(db, "signoff", "reject", "2", "--notes", "MAU near the threshold", user="legal2")
    assert _states(db, "Shop") == {LLAMA3: ("llama-3", "rejected")}
    current = as_json(db, "signoff", "list", "-p", "Shop")
    assert [(s["id"], s["decision"]) for s in current] == [(2, "rejected")]
    everything = as_json(db, "signoff", "list", "-p", "Shop", "--all")
    assert [(s["id"], s["decision"], s["superseded_by"]) for s in everything] == [
        (1, "approved", 2),
        (2, "rejected", None),
    ]
    ok(db, "audit", "verify")


def test_approval_needs_the_checklist_and_an_attribution_owner(db_url: str) -> None:
    db = db_url
    ok(db, "signoff", "request", "-p", "Lab", "-l", "llama-3.1", "--mau", "yes: 2k users", user="dev")
    incomplete = wc(db, "signoff", "approve", "1", user="legal")
    assert incomplete.exit_code == 2
    assert "aup-alignment, attribution, derivatives" in incomplete.stderr

    ok(db, "signoff", "reject", "1", "--notes", "answer the checklist", user="legal")
    ok(db, "signoff", "request", "-p", "Lab", "-l", "llama-3.1", *checklist(), user="dev")
    no_owner = wc(db, "signoff", "approve", "2", user="legal")
    assert no_owner.exit_code == 2
    assert "no attribution owner" in no_owner.stderr
    ok(db, "registry", "owner", "Lab", "Ann")
    ok(db, "signoff", "approve", "2", user="legal")

    bad = wc(db, "signoff", "request", "-p", "Lab", "-l", "llama-3.2", "--mau", "maybe", user="dev")
    assert bad.exit_code == 2
    assert "yes:, no: or n/a:" in bad.stderr


def test_sign_off_records_documents_and_the_scan_it_rests_on(db_url: str, tmp_path: Path) -> None:
    db = db_url
    memo = tmp_path / "legal-memo.pdf"
    memo.write_bytes(b"%PDF-1.4 memo")
    tree = tmp_path / "app"
    tree.mkdir()
    (tree / "main.py").write_text("print('hello')\n")
    recorded = ok(db, "deployments", "record", str(tree), "-p", "Acme", "-e", "staging", user="ci")
    assert "scan #1 recorded" in recorded.stdout
    ok(
        db,
        "signoff",
        "request",
        "-p",
        "Acme",
        "-e",
        "staging",
        "-l",
        "llama-3",
        "-d",
        str(memo),
        *checklist(),
        user="dev",
    )
    shown = as_json(db, "signoff", "show", "1")
    assert shown["scan_id"] == 1
    assert len(shown["scan_digest"]) == 64
    assert shown["documents"] == [
        {"name": "legal-memo.pdf", "sha256": hashlib.sha256(b"%PDF-1.4 memo").hexdigest()}
    ]
    assert shown["checklist"]["mau-threshold"]["answer"] == "yes"
    text = ok(db, "signoff", "show", "1").stdout
    assert "[yes] mau-threshold: 12M monthly active users" in text  # brackets are text, not markup
    assert f"scan: #1 {shown['scan_digest']}" in text


def test_waivers_are_recorded_listed_and_revoked(db_url: str) -> None:
    db = db_url
    added = ok(
        db,
        "waiver", "add", "-p", "Acme", "-c", "attribution_missing", "-l", "llama-3.1",
        "--reason", "internal tool, no public surface", "--expires", "2099-01-31",
        user="legal",
    )  # fmt: skip
    assert "waiver #1: ATTRIBUTION_MISSING" in added.stdout
    past = wc(db, "waiver", "add", "-p", "Acme", "-c", "X", "--reason", "r", "--expires", "2001-01-01")
    assert past.exit_code == 2
    assert "expire in the future" in past.stderr
    ok(db, "waiver", "revoke", "1", user="legal")
    again = wc(db, "waiver", "revoke", "1", user="legal")
    assert again.exit_code == 2
    listed = as_json(db, "waiver", "list")
    assert [(w["id"], w["code"], w["state"], w["approved_by"], w["revoked_by"]) for w in listed] == [
        (1, "ATTRIBUTION_MISSING", "revoked", "legal", "legal")
    ]
    ok(db, "audit", "verify")


def test_import_status_and_end(db_url: str, tmp_path: Path) -> None:
    db = db_url
    source = tmp_path / "d.jsonl"
    rows = [
        {"product": "Acme", "environment": "prod", "model": f"m{i}", "licence": "llama-3"} for i in range(5)
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    imported = ok(db, "deployments", "import", str(source), user="ops")
    assert "imported 5 deployments" in imported.stdout
    ok(db, "deployments", "end", "5", user="ops")
    ended = wc(db, "deployments", "end", "5", user="ops")
    assert ended.exit_code == 2 and "already ended" in ended.stderr
    assert wc(db, "deployments", "end", "99").exit_code == 2
    status = as_json(db, "registry", "status")
    assert status["counts"]["deployments"] == 5
    assert status["audit_entries"] == 2 + 5 + 1  # product, environment, 5 starts, 1 end
    assert len(as_json(db, "deployments", "list", "-e", "prod")) == 4


def test_over_long_input_is_refused_on_both_databases(db_url: str) -> None:
    long_actor = wc(db_url, "deployments", "add", "-p", "A", "-e", "prod", "-m", "m", user="x" * 201)
    assert long_actor.exit_code == 2
    assert "actor is longer than 200 characters" in long_actor.stderr
    long_code = wc(
        db_url, "waiver", "add", "-p", "A", "-c", "C" * 61, "--reason", "r", "--expires", "2099-01-01"
    )
    assert long_code.exit_code == 2
    assert "code is longer than 60 characters" in long_code.stderr
