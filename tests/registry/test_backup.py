"""Backup and restore: a round trip between SQLite and PostgreSQL, and dumps that must be refused."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from tests.registry.helpers import ok, populate, wc

from weightclear.registry import Registry


def _rows(path: Path) -> list[str]:
    """The dump without its header line (which carries the time of the dump)."""
    return path.read_text().splitlines()[1:]


def test_backup_restores_into_the_other_database_with_equal_contents(
    db_url: str, other_url: str, tmp_path: Path
) -> None:
    populate(db_url)
    dump = tmp_path / "registry.jsonl"
    ok(db_url, "backup", "create", str(dump))
    restored = ok(other_url, "backup", "restore", str(dump))
    assert "restored and verified: 7 audit entries, 6 rows" in restored.stdout
    ok(other_url, "audit", "verify")
    again = tmp_path / "again.jsonl"
    ok(other_url, "backup", "create", str(again))
    assert _rows(again) == _rows(dump)
    with Registry.open(db_url) as a, Registry.open(other_url) as b:
        assert a.status().audit_head == b.status().audit_head
        assert a.signoffs(include_superseded=True) == b.signoffs(include_superseded=True)
        # The restored registry carries on: new writes extend the same chain.
        b.set_attribution_owner("ops", "Acme", "Bea")
        assert b.verify().ok


def test_an_edited_dump_restores_nothing(db_url: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.sqlite3")
    populate(source)
    dump = tmp_path / "registry.jsonl"
    ok(source, "backup", "create", str(dump))
    lines = dump.read_text().splitlines()
    edited = []
    for line in lines:
        item = json.loads(line)
        if item.get("table") == "signoffs":
            item["row"]["reviewer"] = "mallory"
        edited.append(json.dumps(item))
    dump.write_text("\n".join(edited) + "\n")
    result = wc(db_url, "backup", "restore", str(dump))
    assert result.exit_code == 2
    assert "does not verify" in result.stderr
    assert "signoffs #1: row differs" in result.stderr
    with Registry.open(db_url) as reg:
        assert reg.status().audit_entries == 0
        assert dict(reg.status().counts)["signoffs"] == 0


def test_truncated_dump_and_non_empty_target_are_refused(db_url: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.sqlite3")
    populate(source)
    dump = tmp_path / "registry.jsonl"
    ok(source, "backup", "create", str(dump))
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("\n".join(dump.read_text().splitlines()[:-3]) + "\n")
    result = wc(db_url, "backup", "restore", str(truncated))
    assert result.exit_code == 2
    assert "truncated" in result.stderr
    not_a_dump = wc(db_url, "backup", "restore", str(tmp_path / "missing.jsonl"))
    assert not_a_dump.exit_code == 2
    ok(db_url, "backup", "restore", str(dump))
    twice = wc(db_url, "backup", "restore", str(dump))
    assert twice.exit_code == 2
    assert "needs an empty registry" in twice.stderr


def test_audit_export_is_the_chain_as_json_lines(db_url: str, tmp_path: Path) -> None:
    populate(db_url)
    out = tmp_path / "audit.jsonl"
    result = ok(db_url, "audit", "export", "-o", str(out))
    assert "exported 7 audit entries" in result.stderr
    entries = [json.loads(line) for line in out.read_text().splitlines()]
    assert [e["seq"] for e in entries] == list(range(1, 8))
    assert entries[0]["prev_hash"] == "0" * 64
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(entries))
    assert entries[5]["action"] == "signoff.reject" and entries[5]["data"]["decision"] == "rejected"
