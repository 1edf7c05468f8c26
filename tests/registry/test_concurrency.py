"""Two reviewers deciding the same sign-off at once: exactly one wins, the other gets a clear conflict."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from weightclear.errors import RegistryError
from weightclear.registry import Registry
from weightclear.registry.records import ChecklistItem, Decision, Request, Step
from weightclear.registry.tables import AuditEntry

ANSWERS = tuple(ChecklistItem.parse(step, "yes: checked") for step in Step)


def _pending(db_url: str) -> int:
    with Registry.open(db_url) as reg:
        reg.set_attribution_owner("dev", "Acme", "Ann")
        req = Request(
            product="Acme",
            environment="production",
            licence_id="llama-3.1",
            checklist=ANSWERS,
            knowledge_digest="kb",
        )
        return reg.request_signoff("dev", req).id


def _race(db_url: str, calls: list[Callable[[Registry], object]]) -> list[object]:
    """Run each call in its own thread with its own engine, released together by a barrier."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def worker(i: int) -> None:
        with Registry.open(db_url) as reg:
            barrier.wait()
            try:
                outcomes[i] = calls[i](reg)
            except RegistryError as exc:
                outcomes[i] = exc

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("second", [Decision.APPROVED, Decision.REJECTED])
def test_two_reviewers_one_wins_the_other_gets_a_conflict(db_url: str, second: Decision) -> None:
    signoff_id = _pending(db_url)
    outcomes = _race(
        db_url,
        [
            lambda reg: reg.decide_signoff("legal-a", signoff_id, Decision.APPROVED),
            lambda reg: reg.decide_signoff("legal-b", signoff_id, second),
        ],
    )
    errors = [o for o in outcomes if isinstance(o, RegistryError)]
    wins = [o for o in outcomes if not isinstance(o, RegistryError)]
    assert len(wins) == 1 and len(errors) == 1, outcomes
    with Registry.open(db_url) as reg:
        final = reg.signoff(signoff_id)
        assert final.decision is not Decision.PENDING
        assert final.version == 2  # decided exactly once
        assert f"already {final.decision.value} by {final.reviewer} at {final.decided_at}" in str(errors[0])
        with reg.read() as conn:
            decisions = conn.execute(
                select(func.count())
                .select_from(AuditEntry)
                .where(
                    AuditEntry.table_name == "signoffs",
                    AuditEntry.action.in_(["signoff.approve", "signoff.reject"]),
                )
            ).scalar_one()
        assert decisions == 1  # nothing half-written: one decision, one log entry
        assert reg.verify().ok


def test_a_stale_version_is_refused(db_url: str) -> None:
    signoff_id = _pending(db_url)
    with Registry.open(db_url) as reg:
        with pytest.raises(RegistryError, match="changed since you read it"):
            reg.decide_signoff("legal", signoff_id, Decision.APPROVED, expected_version=7)
        assert reg.decide_signoff("legal", signoff_id, Decision.APPROVED, expected_version=1).version == 2


def test_many_concurrent_writers_keep_one_valid_chain(db_url: str) -> None:
    from weightclear.registry.records import DeploymentInput

    def add(i: int) -> Callable[[Registry], object]:
        item = DeploymentInput(
            product="Acme", environment=f"env-{i % 2}", model_id=f"model-{i}", licence_id="llama-3"
        )
        return lambda reg: [reg.add_deployment(f"dev{i}", item) for _ in range(3)]

    outcomes = _race(db_url, [add(i) for i in range(4)])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    with Registry.open(db_url) as reg:
        assert len(reg.deployments(product="Acme")) == 12
        result = reg.verify()
        assert result.ok, result.problems
