"""`scan --registry`: the registry's waivers, MAU, attribution owner and sign-off scope reach the rules.

Each test writes a small tree (code and weightclear.toml), records facts in
the registry through the CLI, and reads the real scan's JSON report. Runs on
SQLite and PostgreSQL (the ``db_url`` fixture).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from tests.registry.helpers import as_json, checklist, ok, wc

from weightclear.registry import Registry
from weightclear.registry.tables import Waiver

LOAD = "model = AutoModelForCausalLM.from_pretrained({name!r})\n"
L8B, L70B = "meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-70B-Instruct"
CONFIG = """\
[organisation]
name = "Acme Corp"
country = "US"
licensee_type = "company"
{mau}
[product]
name = "Acme Support"
distribution = "hosted"
use_case = "Answer customers' questions about their orders."
downstream_terms = "TERMS.md"
"""


def _tree(root: Path, *models: str, mau: str = "") -> Path:
    root.mkdir(exist_ok=True)
    code = "from transformers import AutoModelForCausalLM\n\n" + "".join(LOAD.format(name=m) for m in models)
    (root / "main.py").write_text(code)
    (root / "TERMS.md").write_text("Use of this service is subject to the Llama use policy.\n")
    (root / "weightclear.toml").write_text(CONFIG.format(mau=mau))
    return root


def _scan(db: str, tree: Path) -> tuple[int, dict[str, Any]]:
    result = wc(db, "scan", str(tree), "--registry", "-p", "Acme Support", "-e", "production", "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def _results(report: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [r for r in report["results"] if r["code"] == code]


def _finding_codes(report: dict[str, Any]) -> set[str]:
    return {f["code"] for f in report["findings"]}


def test_registry_waivers_silence_only_while_unexpired(db_url: str, tmp_path: Path) -> None:
    db = db_url
    tree = _tree(tmp_path / "app", L8B, mau="monthly_active_users = 1000")
    _, report = _scan(db, tree)
    assert "SIGNOFF_MISSING" in _finding_codes(report)

    ok(db, "waiver", "add", "-p", "Acme Support", "-c", "SIGNOFF_MISSING", "--reason", "pilot",
       "--expires", "2099-01-31", user="legal")  # fmt: skip
    _, report = _scan(db, tree)
    assert "SIGNOFF_MISSING" not in _finding_codes(report)
    [waived] = _results(report, "SIGNOFF_MISSING")  # still listed in the report
    assert waived["waived_by"] == "registry waiver #1: SIGNOFF_MISSING waived by legal until 2099-01-31"

    # A waiver for another licence version does not touch this finding.
    ok(db, "waiver", "add", "-p", "Acme Support", "-c", "MAU_UNDECLARED", "-l", "llama-3",
       "--reason", "old", "--expires", "2099-01-31", user="legal")  # fmt: skip
    (tree / "weightclear.toml").write_text(CONFIG.format(mau=""))
    _, report = _scan(db, tree)
    assert "MAU_UNDECLARED" in _finding_codes(report)

    # A misspelt code would waive nothing: refused, nothing recorded.
    typo = wc(db, "waiver", "add", "-p", "Acme Support", "-c", "SIGNOF_MISSING", "--reason", "x",
              "--expires", "2099-01-31", user="legal")  # fmt: skip
    assert typo.exit_code == 2 and "unknown finding code 'SIGNOF_MISSING'" in typo.stderr
    assert [w["id"] for w in as_json(db, "waiver", "list")] == [1, 2]

    # Revoked: the finding is back, with no note about the revoked waiver.
    ok(db, "waiver", "revoke", "1", user="legal")
    _, report = _scan(db, tree)
    [back] = _results(report, "SIGNOFF_MISSING")
    assert back["waived_by"] is None and "waiver" not in back["message"]


def test_an_expired_registry_waiver_silences_nothing_and_says_so(db_url: str, tmp_path: Path) -> None:
    tree = _tree(tmp_path / "app", L8B, mau="monthly_active_users = 1000")
    ok(db_url, "registry", "owner", "Acme Support", "Jane Doe")
    # Recorded a year ago (the CLI refuses a past expiry today), now expired.
    last_year = dt.date.today() - dt.timedelta(days=365)
    with Registry.open(db_url) as reg, reg.write() as tx:
        row = {
            "product_id": tx.product_id("Acme Support", "legal"),
            "code": "SIGNOFF_MISSING",
            "reason": "pilot",
            "approved_by": "legal",
            "created_at": tx.at,
            "expires": last_year.isoformat(),
            "version": 1,
        }
        tx.insert(Waiver, row, "legal", "waiver.add")
    _, report = _scan(db_url, tree)
    [finding] = [f for f in report["findings"] if f["code"] == "SIGNOFF_MISSING"]
    assert finding["waived_by"] is None
    assert f"expired on {last_year.isoformat()}" in finding["message"]
    assert "registry waiver #1" in finding["message"]
    ok(db_url, "audit", "verify")


def test_registry_mau_declarations_feed_the_mau_rule(db_url: str, tmp_path: Path) -> None:
    db = db_url
    tree = _tree(tmp_path / "app", L8B)  # the config declares no monthly_active_users
    _, report = _scan(db, tree)
    assert {r["status"] for r in _results(report, "MAU_UNDECLARED")} == {"review"}

    # Llama 3.1 was released in July 2024: June 2024 is the month that counts.
    ok(db, "registry", "mau", "Acme Corp", "2024-07", "800000000", user="finance")
    _, report = _scan(db, tree)
    assert "MAU_UNDECLARED" in _finding_codes(report)

    ok(db, "registry", "mau", "Acme Corp", "2024-06", "800000000", user="finance")
    code, report = _scan(db, tree)
    [above] = _results(report, "MAU_LICENCE_REQUIRED")
    assert code == 1 and above["status"] == "violated"
    assert "(registry: Acme Corp, declared by finance)" in above["message"]

    # A later declaration of the same month wins; a figure in the config wins over the registry.
    ok(db, "registry", "mau", "Acme Corp", "2024-06", "1200", user="finance")
    _, report = _scan(db, tree)
    assert [r["status"] for r in _results(report, "MAU_LICENCE_REQUIRED")] == ["satisfied"]
    _tree(tree, L8B, mau="monthly_active_users = 900000000")
    _, report = _scan(db, tree)
    assert [r["status"] for r in _results(report, "MAU_LICENCE_REQUIRED")] == ["violated"]


def test_mau_of_the_organisation_the_registry_links_the_product_to(db_url: str, tmp_path: Path) -> None:
    tree = _tree(tmp_path / "app", L8B)
    (tree / "weightclear.toml").write_text(CONFIG.format(mau="").replace('name = "Acme Corp"\n', ""))
    ok(db_url, "registry", "mau", "Globex", "2024-06", "800000000")
    _, report = _scan(db_url, tree)
    assert "MAU_UNDECLARED" in _finding_codes(report)  # not linked: Globex's figures are not ours
    ok(db_url, "registry", "owner", "Acme Support", "Jane Doe", "--organisation", "Globex")
    _, report = _scan(db_url, tree)
    assert [r["status"] for r in _results(report, "MAU_LICENCE_REQUIRED")] == ["violated"]


def test_registry_attribution_owner_counts_when_the_config_names_none(db_url: str, tmp_path: Path) -> None:
    tree = _tree(tmp_path / "app", L8B, mau="monthly_active_users = 1000")
    _, report = _scan(db_url, tree)
    assert "ATTRIBUTION_OWNER_MISSING" in _finding_codes(report)
    ok(db_url, "registry", "owner", "Acme Support", "Jane Doe <jane@acme.example>")
    _, report = _scan(db_url, tree)
    [owned] = _results(report, "ATTRIBUTION_OWNER_MISSING")
    assert owned["status"] == "satisfied"
    assert owned["message"] == "owned by Jane Doe <jane@acme.example> (registry)"


def test_a_signoff_limited_to_models_covers_only_those(db_url: str, tmp_path: Path) -> None:
    db = db_url
    tree = _tree(tmp_path / "app", L8B, mau="monthly_active_users = 1000")
    ok(db, "registry", "owner", "Acme Support", "Jane Doe")
    ok(db, "deployments", "record", str(tree), "-p", "Acme Support", "-e", "production")
    ok(db, "signoff", "request", "-p", "Acme Support", "-e", "production", "-l", "llama-3.1",
       "--model", L8B, *checklist(), user="dev")  # fmt: skip
    ok(db, "signoff", "approve", "1", user="legal")
    code, report = _scan(db, tree)
    assert not _finding_codes(report) & {"SIGNOFF_MISSING", "VERSION_REVIEW_REQUIRED"}
    listed = ok(db, "deployments", "list", "-p", "Acme Support").stdout
    assert "approved #1" in listed

    # The 70B joins under the same licence version: the sign-off does not reach it.
    _tree(tree, L8B, L70B, mau="monthly_active_users = 1000")
    code, report = _scan(db, tree)
    [blocking] = [f for f in report["findings"] if f["code"] == "VERSION_REVIEW_REQUIRED"]
    assert code == 1 and blocking["licence"] == "llama-3.1"
    assert L70B in blocking["message"] and L8B not in blocking["message"].split("not ")[-1]
    ok(db, "deployments", "record", str(tree), "-p", "Acme Support", "-e", "production")
    states = {d["model"]: d["signoff"] for d in as_json(db, "deployments", "list")}
    assert states[L8B]["state"] == "approved" and states[L8B]["id"] == 1
    assert states[L70B] == {
        "state": "review-required",
        "id": None,
        "detail": "llama-3.1 approved for other models only (#1)",
    }

    # A sign-off of the whole licence version covers every model under it.
    ok(db, "signoff", "request", "-p", "Acme Support", "-e", "production", "-l", "llama-3.1",
       *checklist(), user="dev")  # fmt: skip
    ok(db, "signoff", "approve", "2", user="legal")
    code, report = _scan(db, tree)
    assert not _finding_codes(report) & {"SIGNOFF_MISSING", "VERSION_REVIEW_REQUIRED"}
    assert {d["model"]: d["signoff"]["state"] for d in as_json(db, "deployments", "list")} == {
        L8B: "approved",
        L70B: "approved",
    }


def test_scan_registry_records_the_use_case_screenings(db_url: str, tmp_path: Path) -> None:
    tree = _tree(tmp_path / "app", L8B, mau="monthly_active_users = 1000")
    _, report = _scan(db_url, tree)
    assert report["screenings"], "the declared use case is screened"
    exported = ok(db_url, "audit", "export").stdout.splitlines()
    entries = [json.loads(line) for line in exported]
    stored = [e["data"] for e in entries if e["action"] == "screening.record"]
    expected = {(s["licence"], s["verdict"]) for s in report["screenings"]}
    assert {(s["licence_id"], s["verdict"]) for s in stored} == expected
    scans = [e["data"] for e in entries if e["action"] == "scan.record"]
    assert all(s["scan_id"] == scans[-1]["id"] for s in stored)
    assert all(s["text"] == "Answer customers' questions about their orders." for s in stored)
