"""`scan --registry` in a pull request: a move from Llama 3 to 3.1 fails before merge until it is signed off.

Runs the real pipeline (discovery, resolve, obligations) on a tree the test
writes, with the registry as the source of sign-offs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.registry.helpers import as_json, checklist, ok, wc

CODE = (
    "from transformers import AutoModelForCausalLM\n\n"
    'MODEL = "{model}"\n'
    "model = AutoModelForCausalLM.from_pretrained(MODEL)\n"
)
GOVERNANCE = {"SIGNOFF_MISSING", "VERSION_REVIEW_REQUIRED"}


def _tree(root: Path, model: str) -> Path:
    root.mkdir(exist_ok=True)
    (root / "main.py").write_text(CODE.format(model=model))
    return root


def _scan(db: str, tree: Path) -> tuple[int, dict[str, Any], str]:
    result = wc(
        db, "scan", str(tree), "--registry", "-p", "Acme", "-e", "production", "--format", "json", user="ci"
    )
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout), result.stderr


def _governance(report: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(f["code"], f["licence"]) for f in report["findings"] if f["code"] in GOVERNANCE}


def test_a_pull_request_moving_to_a_new_licence_version_fails_until_signed(
    db_url: str, tmp_path: Path
) -> None:
    db = db_url
    tree = _tree(tmp_path / "app", "meta-llama/Meta-Llama-3-8B-Instruct")
    ok(db, "registry", "owner", "Acme", "Jane Doe")
    ok(db, "deployments", "record", str(tree), "-p", "Acme", "-e", "production", user="ci")
    assert [
        (d["model"], d["licence"], d["signoff"]["state"]) for d in as_json(db, "deployments", "list")
    ] == [("meta-llama/Meta-Llama-3-8B-Instruct", "llama-3", "missing")]

    _, report, _ = _scan(db, tree)
    assert {code for code, _ in _governance(report)} == {"SIGNOFF_MISSING"}

    ok(db, "signoff", "request", "-p", "Acme", "-e", "production", "-l", "llama-3", *checklist(), user="dev")
    assert as_json(db, "signoff", "show", "1")["scan_id"] == 2  # rests on the scan just recorded
    ok(db, "signoff", "approve", "1", user="legal")
    _, report, _ = _scan(db, tree)
    assert _governance(report) == set()

    # The pull request: Llama 3 -> Llama 3.1.
    _tree(tree, "meta-llama/Llama-3.1-8B-Instruct")
    code, report, stderr = _scan(db, tree)
    assert code == 1
    assert _governance(report) == {("VERSION_REVIEW_REQUIRED", "llama-3.1")}
    blocking = [f for f in report["findings"] if f["code"] == "VERSION_REVIEW_REQUIRED"]
    assert blocking[0]["severity"] == "block"
    assert "llama-3.1: not signed off; the signed version is llama-3" in stderr

    ok(
        db,
        "signoff",
        "request",
        "-p",
        "Acme",
        "-e",
        "production",
        "-l",
        "llama-3.1",
        *checklist(),
        user="dev",
    )
    ok(db, "signoff", "approve", "2", user="legal")
    _, report, _ = _scan(db, tree)
    assert _governance(report) == set()

    # Merged and deployed: the record follows the scan, the old deployment ends.
    recorded = ok(db, "deployments", "record", str(tree), "-p", "Acme", "-e", "production", user="ci")
    assert "deployments started: #2; ended: #1" in recorded.stdout
    assert [(d["licence"], d["signoff"]["state"]) for d in as_json(db, "deployments", "list")] == [
        ("llama-3.1", "approved")
    ]
    ok(db, "audit", "verify")


def test_scan_registry_needs_a_product(db_url: str, tmp_path: Path) -> None:
    tree = _tree(tmp_path / "app", "meta-llama/Meta-Llama-3-8B-Instruct")
    result = wc(db_url, "scan", str(tree), "--registry")
    assert result.exit_code == 2
    assert "--registry needs --product" in result.stderr
