"""The append-only, hash-chained audit log, and its verification.

Every change to a registry row appends one entry, in the same transaction,
holding the row as it is after the change (canonical JSON) and its digest.
An entry's hash is ``sha256(prev_hash + canonical JSON of {seq, at, actor,
action, table, row_id, row_digest})``; the first entry's ``prev_hash`` is 64
zeros. ``verify`` walks the chain in order and then compares every registry
row's digest with the last entry about it, so an edited, deleted, inserted or
reordered entry, and a row changed behind the log's back, are each reported
by name. Both passes stream, so memory does not grow with the log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring as _str  # ensure_ascii=False spelling
from typing import Any, TextIO

from sqlalchemy import Connection, Table, func, insert, select, text, update

from weightclear.progress import NullProgress, Progress
from weightclear.registry.tables import AUDITED, AuditEntry, AuditHead

GENESIS = "0" * 64
_LOG: Table = AuditEntry.__table__  # type: ignore[assignment]
_HEAD: Table = AuditHead.__table__  # type: ignore[assignment]
_BATCH = 5000
MAX_PROBLEMS = 200  # verification keeps counting past this, but stops listing


# One encoder for the whole process: json.dumps with options builds a new encoder
# on every call, which was a third of `audit verify`'s time on 1M entries.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(value: object) -> str:
    """The one JSON spelling of a value: sorted keys, no spaces, UTF-8."""
    return _ENCODER.encode(value)


def sha256(text_: str) -> str:
    """Hex sha256 of a string's UTF-8 bytes."""
    return hashlib.sha256(text_.encode()).hexdigest()


def now() -> str:
    """The current time as the registry writes it: ISO 8601, UTC, microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def entry_header(seq: int, at: str, actor: str, action: str, table: str, row_id: int, row_digest: str) -> str:
    """canonical({seq, at, actor, action, table, row_id, row_digest}), spelled out for speed.

    Equal to ``canonical`` of the same dict (keys in sorted order, strings
    escaped by the json module's own function); ``test_units`` checks that.
    """
    return (
        f'{{"action":{_str(action)},"actor":{_str(actor)},"at":{_str(at)},"row_digest":{_str(row_digest)},'
        f'"row_id":{int(row_id)},"seq":{int(seq)},"table":{_str(table)}}}'
    )


def entry_hash(
    prev_hash: str, seq: int, at: str, actor: str, action: str, table: str, row_id: int, row_digest: str
) -> str:
    """The hash of one entry, chained onto ``prev_hash``."""
    return sha256(prev_hash + entry_header(seq, at, actor, action, table, row_id, row_digest))


def row_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as a plain dict (the columns are only ints, strings and NULLs)."""
    return dict(row)


class Chain:
    """The chain's head, held for one write transaction.

    ``lock`` takes the head row FOR UPDATE (PostgreSQL) inside a write
    transaction (SQLite holds its write lock from BEGIN IMMEDIATE), so all
    writers are serialised and each entry's ``prev_hash`` is the true previous
    one. ``close`` stores the new head in the same transaction.
    """

    def __init__(self, conn: Connection, seq: int, last_hash: str) -> None:
        self.conn = conn
        self.seq = seq
        self.hash = last_hash
        self._pending: list[dict[str, Any]] = []

    @classmethod
    def lock(cls, conn: Connection) -> Chain:
        """Lock the head for this transaction."""
        row = conn.execute(select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1).with_for_update()).one()
        return cls(conn, int(row.seq), str(row.hash))

    def entry(
        self, *, actor: str, action: str, table: str, row: Mapping[str, Any], at: str
    ) -> dict[str, Any]:
        """Build the next entry (and advance the head) without writing it."""
        data = canonical(row_dict(row))
        digest = sha256(data)
        self.seq += 1
        hashed = entry_hash(self.hash, self.seq, at, actor, action, table, int(row["id"]), digest)
        values = {
            "seq": self.seq,
            "at": at,
            "actor": actor,
            "action": action,
            "table_name": table,
            "row_id": int(row["id"]),
            "row_digest": digest,
            "data": data,
            "prev_hash": self.hash,
            "hash": hashed,
        }
        self.hash = hashed
        return values

    def append(
        self, *, actor: str, action: str, table: str, row: Mapping[str, Any], at: str | None = None
    ) -> int:
        """Queue one entry; it is written by ``flush`` or ``close``. Returns its seq."""
        self._pending.append(self.entry(actor=actor, action=action, table=table, row=row, at=at or now()))
        if len(self._pending) >= _BATCH:
            self.flush()
        return self.seq

    def flush(self) -> None:
        """Write the queued entries."""
        if self._pending:
            self.conn.execute(insert(_LOG), self._pending)
            self._pending = []

    def close(self) -> None:
        """Write what is queued and move the head."""
        self.flush()
        self.conn.execute(update(_HEAD).where(_HEAD.c.id == 1).values(seq=self.seq, hash=self.hash))


@dataclass(frozen=True, kw_only=True)
class Verification:
    """The outcome of ``verify``: ``ok`` when ``problems`` is empty."""

    entries: int
    rows: int
    head_hash: str
    problems: tuple[str, ...] = ()
    more_problems: int = 0  # how many more were found beyond those listed

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Problems:
    items: list[str] = field(default_factory=list)
    extra: int = 0

    def add(self, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(message)
        else:
            self.extra += 1


def _stream(conn: Connection, stmt: Any) -> Iterator[Any]:
    result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(stmt)
    yield from result


def _check_chain(conn: Connection, problems: _Problems, progress: Progress) -> tuple[int, int, str]:
    """Pass 1: every entry's digest and hash, and the links between them."""
    prev, expected, count = GENESIS, 1, 0
    c = _LOG.c
    stmt = select(
        c.seq, c.at, c.actor, c.action, c.table_name, c.row_id, c.row_digest, c.data, c.prev_hash, c.hash
    )
    result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(stmt.order_by(c.seq))
    # Plain tuples in batches: attribute access on Row objects cost more than the hashing.
    for batch in result.partitions():
        for seq, at, actor, action, table_name, row_id, row_digest, data, prev_hash, hashed in batch:
            if sha256(data) != row_digest:
                problems.add(f"audit entry #{seq}: its row data does not match its digest (entry edited)")
            if entry_hash(prev_hash, seq, at, actor, action, table_name, row_id, row_digest) != hashed:
                problems.add(f"audit entry #{seq}: its hash does not match its contents (entry edited)")
            if seq != expected:
                problems.add(
                    f"audit entry #{seq}: expected #{expected} here (entries deleted, inserted or renumbered)"
                )
            if prev_hash != prev:
                problems.add(
                    f"audit entry #{seq}: does not link to the entry before it "
                    "(an entry was deleted, inserted or reordered)"
                )
            prev, expected = hashed, seq + 1
        count += len(batch)
        progress.advance(len(batch))
    head = conn.execute(select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1)).one()
    if head.seq != expected - 1 or head.hash != prev:
        problems.add(
            f"audit head (#{head.seq}) does not match the last entry (#{expected - 1}): "
            "entries were deleted from or added to the end of the log"
        )
    return count, expected - 1, prev


def _last_entries(conn: Connection, table: str) -> Iterator[Any]:
    # The newest entry per row, in row order (a window function: SQLite >= 3.25 and PostgreSQL).
    ranked = (
        select(
            _LOG.c.row_id,
            _LOG.c.seq,
            _LOG.c.row_digest,
            func.row_number().over(partition_by=_LOG.c.row_id, order_by=_LOG.c.seq.desc()).label("rn"),
        )
        .where(_LOG.c.table_name == table)
        .subquery()
    )
    stmt = select(ranked.c.row_id, ranked.c.seq, ranked.c.row_digest).where(ranked.c.rn == 1)
    return _stream(conn, stmt.order_by(ranked.c.row_id))


def _row_digests(conn: Connection, table: Table) -> Iterator[tuple[int, str]]:
    """(id, digest of the row as stored) in id order."""
    keys = [c.name for c in table.c]
    for row in _stream(conn, select(table).order_by(table.c.id)):
        # zip over the column names: building RowMapping objects cost more than hashing.
        yield row[0], sha256(canonical(dict(zip(keys, row, strict=True))))


def _check_table(conn: Connection, table: Table, problems: _Problems) -> int:
    """Merge a table's rows (by id) with the newest entry per row (by row_id); count the rows."""
    name, total = table.name, 0
    rows, entries = _row_digests(conn, table), _last_entries(conn, name)
    row, entry = next(rows, None), next(entries, None)
    while row is not None or entry is not None:
        if entry is None or (row is not None and row[0] < entry.row_id):
            assert row is not None
            problems.add(f"{name} #{row[0]}: no audit entry (row inserted without a log entry)")
            total, row = total + 1, next(rows, None)
        elif row is None or entry.row_id < row[0]:
            problems.add(
                f"{name} #{entry.row_id}: row is missing but audit entry #{entry.seq} "
                "describes it (row deleted without a log entry)"
            )
            entry = next(entries, None)
        else:
            if row[1] != entry.row_digest:
                problems.add(
                    f"{name} #{row[0]}: row differs from its last audit entry #{entry.seq} "
                    "(row changed without a log entry)"
                )
            total, row, entry = total + 1, next(rows, None), next(entries, None)
    return total


def _check_rows(conn: Connection, problems: _Problems) -> int:
    """Pass 2: every registry row against the last entry about it (a merge of two sorted streams)."""
    tables: list[Table] = [model.__table__ for model in AUDITED]  # type: ignore[misc]
    return sum(_check_table(conn, t, problems) for t in tables)


def verify(conn: Connection, progress: Progress | None = None) -> Verification:
    """Recompute the whole chain and check every audited row; reads only."""
    progress = progress or NullProgress()
    if conn.dialect.name == "postgresql" and not conn.in_transaction():
        # One snapshot for both passes, so a concurrent writer cannot cause a false alarm.
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
    problems = _Problems()
    progress.start("verifying audit chain")
    count, _, head_hash = _check_chain(conn, problems, progress)
    rows = _check_rows(conn, problems)
    progress.finish()
    return Verification(
        entries=count,
        rows=rows,
        head_hash=head_hash,
        problems=tuple(problems.items),
        more_problems=problems.extra,
    )


def export(conn: Connection, out: TextIO) -> int:
    """Write the log as JSON Lines, oldest first; returns the number of entries."""
    count = 0
    for e in _stream(conn, select(_LOG).order_by(_LOG.c.seq)):
        entry = dict(e._mapping)
        entry["data"] = json.loads(entry["data"])
        out.write(canonical(entry) + "\n")
        count += 1
    return count


def entries_for(conn: Connection, table: str, row_id: int) -> Iterable[Any]:
    """Every entry about one row, oldest first (for `audit` views of one sign-off)."""
    stmt = select(_LOG).where(_LOG.c.table_name == table, _LOG.c.row_id == row_id).order_by(_LOG.c.seq)
    return conn.execute(stmt).all()
