"""Every kind of tampering is caught by `audit verify`, with a message naming the entry or row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Connection, text
from tests.registry.helpers import populate as _populate
from tests.registry.helpers import wc

from weightclear.registry import Registry, db
from weightclear.registry.audit import entry_hash, sha256


def _forge_entry(conn: Connection) -> None:
    """Append a well-formed entry (right hash and link) approving sign-off #1, and edit the row to match."""
    last = conn.execute(
        text("SELECT seq, hash, data FROM audit_log WHERE table_name='signoffs' ORDER BY seq DESC")
    ).first()
    head = conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC")).first()
    assert last is not None and head is not None
    conn.execute(text("UPDATE signoffs SET decision='approved', reviewer='mallory'"))
    data = conn.execute(text("SELECT * FROM signoffs WHERE id=1")).one()._mapping
    from weightclear.registry.audit import canonical

    body = canonical(dict(data))
    seq, at = head.seq + 1, "2026-01-01T00:00:00.000000+00:00"
    hashed = entry_hash(head.hash, seq, at, "mallory", "signoff.approve", "signoffs", 1, sha256(body))
    conn.execute(
        text(
            "INSERT INTO audit_log (seq, at, actor, action, table_name, row_id, row_digest, data,"
            " prev_hash, hash) "
            "VALUES (:seq, :at, 'mallory', 'signoff.approve', 'signoffs', 1, :digest, :data, :prev, :hash)"
        ),
        {"seq": seq, "at": at, "digest": sha256(body), "data": body, "prev": head.hash, "hash": hashed},
    )


def _swap(conn: Connection) -> None:
    for a, b in ((3, -1), (4, 3), (-1, 4)):
        conn.execute(text("UPDATE audit_log SET seq=:b WHERE seq=:a"), {"a": a, "b": b})


TAMPERING: dict[str, tuple[Callable[[Connection], object], tuple[str, ...]]] = {
    "edit an entry's actor": (
        lambda c: c.execute(text("UPDATE audit_log SET actor='mallory' WHERE seq=5")),
        ("audit entry #5: its hash does not match its contents",),
    ),
    "edit an entry's row data": (
        lambda c: c.execute(text("UPDATE audit_log SET data=replace(data, 'dev', 'eve') WHERE seq=5")),
        ("audit entry #5: its row data does not match its digest",),
    ),
    "delete an entry": (
        lambda c: c.execute(text("DELETE FROM audit_log WHERE seq=3")),
        ("audit entry #4: expected #3 here", "audit entry #4: does not link"),
    ),
    "delete the last entry": (
        lambda c: c.execute(text("DELETE FROM audit_log WHERE seq=7")),
        ("audit head (#7) does not match the last entry (#6)", "waivers #1: no audit entry"),
    ),
    "insert a forged entry": (
        _forge_entry,
        ("audit head (#7) does not match the last entry (#8)",),
    ),
    "reorder two entries": (
        _swap,
        ("audit entry #3: its hash does not match", "audit entry #4: does not link"),
    ),
    "approve a sign-off in SQL": (
        lambda c: c.execute(text("UPDATE signoffs SET decision='approved', reviewer='mallory' WHERE id=1")),
        ("signoffs #1: row differs from its last audit entry #6 (row changed without a log entry)",),
    ),
    "delete a deployment in SQL": (
        lambda c: c.execute(text("DELETE FROM deployments WHERE id=1")),
        ("deployments #1: row is missing but audit entry #4 describes it",),
    ),
    "insert a waiver in SQL": (
        lambda c: c.execute(
            text(
                "INSERT INTO waivers (id, product_id, code, reason, approved_by, created_at,"
                " expires, version) "
                "VALUES (2, 1, 'SIGNOFF_MISSING', 'x', 'mallory', '2026', '2099-01-01', 1)"
            )
        ),
        ("waivers #2: no audit entry (row inserted without a log entry)",),
    ),
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_tampering_is_caught_and_named(db_url: str, kind: str) -> None:
    _populate(db_url)
    tamper, expected = TAMPERING[kind]
    engine = db.make_engine(db.resolve_url(db_url))
    try:
        with engine.begin() as conn:
            tamper(conn)
    finally:
        engine.dispose()
    with Registry.open(db_url) as reg:
        result = reg.verify()
    assert not result.ok
    for message in expected:
        assert any(p.startswith(message) for p in result.problems), (message, result.problems)


def test_cli_verify_exits_1_and_lists_the_problems(db_url: str) -> None:
    _populate(db_url)
    assert wc(db_url, "audit", "verify").exit_code == 0
    engine = db.make_engine(db.resolve_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE signoffs SET reviewer='mallory' WHERE id=1"))
    engine.dispose()
    result = wc(db_url, "audit", "verify")
    assert result.exit_code == 1
    assert "audit chain BROKEN: 1 problem(s)" in result.stderr
    assert "signoffs #1: row differs from its last audit entry #6" in result.stderr
