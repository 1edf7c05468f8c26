"""The registry API: the one entry point the CLI and the web server call.

Every write runs in one transaction together with its audit entries
(``tx.open_tx``), so a crash leaves either the change and its entries or
neither. Writers are serialised by the audit head's lock; a sign-off decision
is also guarded by its ``version`` column, so two reviewers deciding at once
get one winner and one ``RegistryError``. Each method that writes takes the
acting user; every method returns frozen records, never ORM objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import DBAPIError

from weightclear.errors import RegistryError
from weightclear.knowledge import KnowledgeBase
from weightclear.model import GovernanceSnapshot
from weightclear.progress import NullProgress, Progress
from weightclear.registry import audit, db, deployments, governance, organisation, scans, signoffs, waivers
from weightclear.registry.records import (
    Decision,
    DeploymentInput,
    DeploymentRecord,
    DeploymentView,
    Request,
    ScanRecord,
    SignoffRecord,
    Status,
    WaiverRecord,
)
from weightclear.registry.tables import AUDITED, AuditHead
from weightclear.registry.tx import Tx, open_tx, table

if TYPE_CHECKING:  # the pipeline is only needed by callers that pass a report
    from weightclear.report import ScanReport


class Registry:
    """Deployments, sign-offs, waivers and the audit trail of one database.

    Open with ``Registry.open(location)`` and use as a context manager so the
    engine is disposed. The schema is migrated on open unless ``migrate=False``.
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, location: str | None = None, *, migrate: bool = True) -> Registry:
        """Open the registry at ``location`` (URL or path; default from the environment)."""
        url = db.resolve_url(location)
        engine = db.make_engine(url)
        try:
            current = db.is_current(engine)  # a plain read: no write lock unless there is work to do
            if migrate and not current:
                db.migrate(engine)
            elif not current:
                raise RegistryError(f"{db.describe(url)} is not initialised: run `weightclear registry init`")
        except RegistryError:
            engine.dispose()
            raise
        except Exception as exc:  # driver errors: unreachable server, bad password, unwritable file
            engine.dispose()
            raise RegistryError(f"cannot open registry {db.describe(url)}: {exc}") from exc
        return cls(engine, url)

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[Tx]:
        """A write transaction with the audit chain locked (for the domain modules and bulk tools)."""
        try:
            with open_tx(self.engine) as tx:
                yield tx
        except DBAPIError as exc:
            # The transaction is rolled back; say so in one line instead of a driver traceback.
            raise RegistryError(
                f"the database refused the change, nothing was written: {_reason(exc)}"
            ) from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise RegistryError(f"cannot read the registry: {_reason(exc)}") from exc

    def status(self) -> Status:
        """Schema revision, row counts and the audit head."""
        with self.read() as conn:
            counts = tuple(
                (table(m).name, int(conn.execute(select(func.count()).select_from(table(m))).scalar_one()))
                for m in AUDITED
            )
            head = conn.execute(select(table(AuditHead))).one()
            return Status(
                url=db.describe(self.url),
                revision=db.current_revision(conn),
                head_revision=db.head_revision(),
                counts=counts,
                audit_entries=int(head.seq),
                audit_head=str(head.hash),
            )

    # -- organisation, MAU, attribution owner ------------------------------------------

    def declare_mau(self, actor: str, organisation_name: str, month: str, users: int) -> int:
        """Record an organisation's monthly active users for one month; returns the row id."""
        with self.write() as tx:
            return organisation.declare_mau(tx, actor, organisation_name, month, users)

    def mau(self, organisation_name: str) -> list[tuple[str, int, str]]:
        """(month, users, declared by) of an organisation, one per month."""
        with self.read() as conn:
            return organisation.mau(conn, organisation_name)

    def set_attribution_owner(
        self, actor: str, product: str, owner: str, organisation_name: str | None = None
    ) -> int:
        """Name the person answerable for a product's attribution."""
        with self.write() as tx:
            return organisation.set_owner(tx, actor, product, owner, organisation_name)

    def attribution_owner(self, product: str) -> str | None:
        """The product's current attribution owner."""
        with self.read() as conn:
            return organisation.owner(conn, product)

    # -- deployments and scans ---------------------------------------------------------

    def add_deployment(self, actor: str, item: DeploymentInput) -> DeploymentRecord:
        """Record by hand that a model runs in a product's environment."""
        with self.write() as tx:
            return deployments.start(tx, item, actor)

    def end_deployment(self, actor: str, deployment_id: int) -> DeploymentRecord:
        """Mark a deployment as no longer running (it stays in the record)."""
        with self.write() as tx:
            return deployments.end(tx, deployment_id, actor)

    def import_deployments(
        self, actor: str, items: Iterable[DeploymentInput], *, progress: Progress | None = None
    ) -> int:
        """Record many deployments in ONE transaction: all of them, or none."""
        progress = progress or NullProgress()
        progress.start("importing deployments")
        with self.write() as tx:
            count = deployments.import_many(tx, items, actor, progress)
        progress.finish()
        return count

    def record_scan(
        self, actor: str, product: str, environment: str | None, report: ScanReport, *, deploy: bool = False
    ) -> ScanRecord:
        """Keep a scan as evidence; with ``deploy``, the environment's deployments become what it saw."""
        with self.write() as tx:
            return scans.record(tx, actor, product, environment, report, deploy=deploy)

    def deployments(
        self,
        *,
        product: str | None = None,
        environment: str | None = None,
        include_ended: bool = False,
        kb: KnowledgeBase | None = None,
    ) -> list[DeploymentView]:
        """Which version runs where, with its sign-off state."""
        with self.read() as conn:
            return governance.views(
                conn, product=product, environment=environment, include_ended=include_ended, kb=kb
            )

    def governance(self, product: str, environment: str | None) -> GovernanceSnapshot:
        """The snapshot the rules read for one product and environment."""
        with self.read() as conn:
            return governance.snapshot(conn, product, environment)

    # -- sign-offs ---------------------------------------------------------------------

    def request_signoff(self, actor: str, request: Request) -> SignoffRecord:
        """Open a pending sign-off with its checklist and evidence."""
        with self.write() as tx:
            return signoffs.request(tx, actor, request)

    def decide_signoff(
        self,
        actor: str,
        signoff_id: int,
        decision: Decision,
        notes: str = "",
        expected_version: int | None = None,
    ) -> SignoffRecord:
        """Approve or reject; raises RegistryError if already decided or if ``actor`` requested it."""
        with self.write() as tx:
            return signoffs.decide(tx, actor, signoff_id, decision, notes, expected_version)

    def signoff(self, signoff_id: int) -> SignoffRecord:
        """One sign-off by id."""
        with self.read() as conn:
            return signoffs.get(conn, signoff_id)

    def signoffs(
        self,
        *,
        product: str | None = None,
        decisions: tuple[Decision, ...] = (),
        include_superseded: bool = False,
    ) -> list[SignoffRecord]:
        """Sign-offs, oldest first."""
        with self.read() as conn:
            return signoffs.query(
                conn, product=product, decisions=decisions, include_superseded=include_superseded
            )

    # -- waivers -----------------------------------------------------------------------

    def add_waiver(
        self, actor: str, *, product: str, code: str, licence_id: str | None, reason: str, expires: dt.date
    ) -> WaiverRecord:
        """Record a waiver approved by ``actor``; its code must be a finding code (else it waives nothing)."""
        from weightclear.obligations.codes import FindingCode

        with self.write() as tx:
            record = waivers.add(
                tx, actor, product=product, code=code, licence_id=licence_id, reason=reason, expires=expires
            )
            # Checked after the text checks, so an over-long code still gets that message; raising
            # here rolls the insert and its audit entry back.
            if record.code not in {str(c) for c in FindingCode}:
                raise RegistryError(
                    f"unknown finding code {record.code!r}: a waiver for it would waive nothing"
                )
            return record

    def revoke_waiver(self, actor: str, waiver_id: int) -> WaiverRecord:
        """End a waiver early."""
        with self.write() as tx:
            return waivers.revoke(tx, actor, waiver_id)

    def waivers(self, *, product: str | None = None) -> list[WaiverRecord]:
        """Every waiver, oldest first."""
        with self.read() as conn:
            return waivers.query(conn, product=product)

    # -- audit -------------------------------------------------------------------------

    def verify(self, progress: Progress | None = None) -> audit.Verification:
        """Recompute the chain and check every row against it."""
        with self.read() as conn:
            return audit.verify(conn, progress)

    def export_audit(self, out: TextIO) -> int:
        """Write the audit log as JSON Lines; returns the number of entries."""
        with self.read() as conn:
            return audit.export(conn, out)


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
