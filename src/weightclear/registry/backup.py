"""A portable JSON Lines dump of the whole registry, and its restore.

Every column is an int, a string or NULL (see ``tables``), so a dump made
from SQLite restores into PostgreSQL and back unchanged. The first line names
the format and schema revision, the last line counts the rows (a truncated
file is refused). Restore writes into an empty registry in one transaction and
re-verifies the audit chain before it commits: a dump that was edited restores
nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import Connection, Table, func, insert, select

from weightclear.errors import RegistryError
from weightclear.registry import audit, db
from weightclear.registry.repo import Registry
from weightclear.registry.tables import AUDITED, AuditEntry, AuditHead, Base
from weightclear.registry.tx import table

FORMAT = "weightclear-registry-backup"
VERSION = 1
_ORDER: tuple[type[Base], ...] = (*AUDITED, AuditEntry, AuditHead)
_CHUNK = 5000


def _key(t: Table) -> Any:
    return t.c.seq if t.name == "audit_log" else t.c.id


def dump(reg: Registry, out: TextIO) -> int:
    """Write every row of every table; returns the number of rows written."""
    with reg.read() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        header = {
            "format": FORMAT,
            "version": VERSION,
            "revision": db.current_revision(conn),
            "at": audit.now(),
        }
        out.write(audit.canonical(header) + "\n")
        count = 0
        for model in _ORDER:
            t = table(model)
            stmt = select(t).order_by(_key(t))
            for row in conn.execution_options(stream_results=True, yield_per=_CHUNK).execute(stmt):
                out.write(audit.canonical({"table": t.name, "row": dict(row._mapping)}) + "\n")
                count += 1
        out.write(audit.canonical({"end": True, "rows": count}) + "\n")
    return count


def _lines(source: TextIO) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(source, 1):
        try:
            value = json.loads(line)
        except ValueError:
            raise RegistryError(f"backup line {number}: not JSON") from None
        if not isinstance(value, dict):
            raise RegistryError(f"backup line {number}: expected an object")
        yield value


def _check_header(header: dict[str, Any] | None, conn: Connection) -> None:
    if header is None or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise RegistryError("not a weightclear registry backup (first line)")
    if header.get("revision") != db.current_revision(conn):
        raise RegistryError(
            f"backup is at schema {header.get('revision')}, this registry at {db.current_revision(conn)}"
        )


def _check_empty(conn: Connection) -> None:
    models: tuple[type[Base], ...] = (*AUDITED, AuditEntry)
    for model in models:
        t = table(model)
        if conn.execute(select(func.count()).select_from(t)).scalar_one():
            raise RegistryError(f"restore needs an empty registry; {t.name} has rows")


def restore(reg: Registry, source: TextIO) -> audit.Verification:
    """Load a dump into an empty registry; commits only if the restored chain verifies."""
    lines = _lines(source)
    with db.write_transaction(reg.engine) as conn:
        _check_header(next(lines, None), conn)
        _check_empty(conn)
        conn.execute(table(AuditHead).delete())  # replaced by the dump's own head
        _load(conn, lines)
        result = audit.verify(conn)
        if not result.ok:
            raise RegistryError("restored registry does not verify: " + "; ".join(result.problems[:5]))
    return result


def _load(conn: Connection, lines: Iterator[dict[str, Any]]) -> None:
    """Insert the dump's rows in chunks, in the dump's (foreign-key) order; check the end marker."""
    tables: dict[str, Table] = {table(m).name: table(m) for m in _ORDER}
    pending: dict[str, list[dict[str, Any]]] = {}
    for count, item in enumerate(lines):  # count: the rows before this line
        if item.get("end"):
            if item.get("rows") != count:
                break
            _flush(conn, tables, pending)
            return
        name = item.get("table")
        if not isinstance(name, str) or name not in tables or not isinstance(item.get("row"), dict):
            raise RegistryError(f"backup: unknown table {name!r}")
        if pending and name not in pending:
            _flush(conn, tables, pending)
        pending.setdefault(name, []).append(item["row"])
        if len(pending[name]) >= _CHUNK:
            _flush(conn, tables, pending)
    raise RegistryError("backup is truncated or its row count does not match")


def _flush(conn: Connection, tables: dict[str, Table], pending: dict[str, list[dict[str, Any]]]) -> None:
    for name, rows in pending.items():
        if rows:
            conn.execute(insert(tables[name]), rows)
    pending.clear()
