"""Units: where the registry lives, checklist parsing, canonical JSON, governance states."""

from __future__ import annotations

from pathlib import Path

import pytest

from weightclear.model import GovernanceSnapshot, SignoffState
from weightclear.registry import db
from weightclear.registry.audit import GENESIS, canonical, entry_hash, entry_header
from weightclear.registry.governance import state_of
from weightclear.registry.records import (
    Answer,
    ChecklistItem,
    Decision,
    DeploymentRecord,
    SignoffRecord,
    Step,
)


def test_url_resolution_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("WEIGHTCLEAR_DB", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert db.resolve_url().startswith("sqlite:///") and db.resolve_url().endswith(
        "weightclear/registry.sqlite3"
    )
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@h/d")
    assert db.resolve_url() == "postgresql+psycopg://u:p@h/d"
    monkeypatch.setenv("WEIGHTCLEAR_DB", str(tmp_path / "x.db"))
    assert db.resolve_url() == f"sqlite:///{tmp_path / 'x.db'}"
    assert db.resolve_url("sqlite:///elsewhere.db") == "sqlite:///elsewhere.db"
    assert "p@" not in db.describe("postgresql+psycopg://u:p@h/d")


def test_unsupported_database_is_a_registry_error() -> None:
    from weightclear.errors import RegistryError

    with pytest.raises(RegistryError, match="unsupported database"):
        db.make_engine("mysql://u@h/d")


@pytest.mark.parametrize(
    ("value", "answer", "evidence"),
    [("yes: 12M MAU", Answer.YES, "12M MAU"), ("N/A: none shipped", Answer.NOT_APPLICABLE, "none shipped")],
)
def test_checklist_answers_parse(value: str, answer: Answer, evidence: str) -> None:
    item = ChecklistItem.parse(Step.MAU_THRESHOLD, value)
    assert (item.answer, item.evidence) == (answer, evidence)


@pytest.mark.parametrize("value", ["maybe: x", "yes", "yes:   ", ""])
def test_checklist_needs_an_answer_and_evidence(value: str) -> None:
    with pytest.raises(ValueError):
        ChecklistItem.parse(Step.AUP_ALIGNMENT, value)


@pytest.mark.parametrize("actor", ["ann", 'Zoë "Z" <z@x>\\n', "\u2028 tab\t"])
def test_fast_entry_header_is_the_canonical_json(actor: str) -> None:
    event = {
        "seq": 7,
        "at": "t",
        "actor": actor,
        "action": "a.b",
        "table": "signoffs",
        "row_id": 3,
        "row_digest": "d",
    }
    assert entry_header(7, "t", actor, "a.b", "signoffs", 3, "d") == canonical(event)


def test_canonical_json_and_hash_are_stable() -> None:
    assert canonical({"b": 1, "a": [None, "é"]}) == '{"a":[null,"é"],"b":1}'
    first = entry_hash(GENESIS, 1, "t", "ann", "x.create", "products", 1, "d" * 64)
    assert first == entry_hash(GENESIS, 1, "t", "ann", "x.create", "products", 1, "d" * 64)
    assert first != entry_hash(GENESIS, 2, "t", "ann", "x.create", "products", 1, "d" * 64)


def _signoff(i: int, licence: str, decision: Decision, models: tuple[str, ...] = ()) -> SignoffRecord:
    return SignoffRecord(
        id=i, product="P", environment=None, licence_id=licence, models=models, checklist=(), requester="r",
        requested_at="t", decision=decision, reviewer="v", decided_at="2026", notes="", knowledge_digest="k",
        scan_id=None, scan_digest=None, documents=(), superseded_by=None, version=2,
    )  # fmt: skip


DEPLOYED = DeploymentRecord(
    id=1, product="P", environment="prod", model_id="m", licence_id="llama-3.1", since="t", until=None,
    source="manual", scan_id=None, recorded_by="x",
)  # fmt: skip


@pytest.mark.parametrize(
    ("signoffs", "state"),
    [
        ((), "missing"),
        ((_signoff(1, "llama-3", Decision.APPROVED),), "review-required"),
        ((_signoff(1, "llama-3.1", Decision.PENDING),), "pending"),
        ((_signoff(1, "llama-3.1", Decision.REJECTED),), "rejected"),
        ((_signoff(1, "llama-3.1", Decision.APPROVED),), "approved"),
        ((_signoff(1, "llama-3.1", Decision.APPROVED, ("other",)),), "review-required"),
        ((_signoff(1, "llama-3.1", Decision.APPROVED, ("m",)),), "approved"),
    ],
)
def test_deployment_signoff_state(signoffs: tuple[SignoffRecord, ...], state: str) -> None:
    assert state_of(DEPLOYED, signoffs)[0] == state


def test_snapshot_lists_approved_licences() -> None:
    snap = GovernanceSnapshot(
        product="P",
        signoffs=(
            SignoffState(licence_id="llama-3", product="P", environment=None, decision="approved"),
            SignoffState(licence_id="llama-3.1", product="P", environment=None, decision="pending"),
        ),
    )
    assert snap.approved_licences() == frozenset({"llama-3"})
