"""What the registry API returns: frozen value types, never ORM objects.

The CLI prints them, the web server will serialise them, and neither can
write through them by accident.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Decision(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Step(StrEnum):
    """The four checks the seed process asks legal to answer before production."""

    MAU_THRESHOLD = "mau-threshold"
    AUP_ALIGNMENT = "aup-alignment"
    ATTRIBUTION = "attribution"
    DERIVATIVES = "derivatives"


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "n/a"


@dataclass(frozen=True, kw_only=True)
class ChecklistItem:
    """One step of the checklist: the answer and the evidence it rests on."""

    step: Step
    answer: Answer
    evidence: str

    @classmethod
    def parse(cls, step: Step, value: str) -> ChecklistItem:
        """Read ``ANSWER: evidence`` (``yes: MAU 12M in 2025-03, finance report Q1``)."""
        answer, sep, evidence = value.partition(":")
        try:
            parsed = Answer(answer.strip().lower())
        except ValueError:
            raise ValueError(f"{step}: answer must start with yes:, no: or n/a:, got {value!r}") from None
        if not sep or not evidence.strip():
            raise ValueError(f"{step}: give the evidence after the answer, e.g. 'yes: <evidence>'")
        return cls(step=step, answer=parsed, evidence=evidence.strip())


@dataclass(frozen=True, kw_only=True)
class Document:
    """A document a sign-off rests on, identified by its digest."""

    name: str
    sha256: str


@dataclass(frozen=True, kw_only=True)
class Request:
    """What a requester submits for review."""

    product: str
    environment: str | None
    licence_id: str
    models: tuple[str, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    notes: str = ""
    scan_id: int | None = None
    documents: tuple[Document, ...] = ()
    knowledge_digest: str


@dataclass(frozen=True, kw_only=True)
class SignoffRecord:
    id: int
    product: str
    environment: str | None  # None: every environment of the product
    licence_id: str
    models: tuple[str, ...]
    checklist: tuple[ChecklistItem, ...]
    requester: str
    requested_at: str
    decision: Decision
    reviewer: str | None
    decided_at: str | None
    notes: str
    knowledge_digest: str
    scan_id: int | None
    scan_digest: str | None
    documents: tuple[Document, ...]
    superseded_by: int | None
    version: int

    @property
    def current(self) -> bool:
        return self.superseded_by is None

    def missing_steps(self) -> tuple[Step, ...]:
        """Checklist steps not answered."""
        answered = {item.step for item in self.checklist}
        return tuple(s for s in Step if s not in answered)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return {
            "id": self.id,
            "product": self.product,
            "environment": self.environment,
            "licence": self.licence_id,
            "models": list(self.models),
            "checklist": {
                i.step.value: {"answer": i.answer.value, "evidence": i.evidence} for i in self.checklist
            },
            "requester": self.requester,
            "requested_at": self.requested_at,
            "decision": self.decision.value,
            "reviewer": self.reviewer,
            "decided_at": self.decided_at,
            "notes": self.notes,
            "knowledge_digest": self.knowledge_digest,
            "scan_id": self.scan_id,
            "scan_digest": self.scan_digest,
            "documents": [{"name": d.name, "sha256": d.sha256} for d in self.documents],
            "superseded_by": self.superseded_by,
            "version": self.version,
        }


def checklist_from_json(text: str) -> tuple[ChecklistItem, ...]:
    """Decode the stored checklist column."""
    data = json.loads(text)
    return tuple(
        ChecklistItem(step=Step(k), answer=Answer(v["answer"]), evidence=v["evidence"])
        for k, v in sorted(data.items())
    )


@dataclass(frozen=True, kw_only=True)
class DeploymentRecord:
    id: int
    product: str
    environment: str
    model_id: str
    licence_id: str | None
    since: str
    until: str | None
    source: str
    scan_id: int | None
    recorded_by: str

    @property
    def active(self) -> bool:
        return self.until is None


@dataclass(frozen=True, kw_only=True)
class DeploymentInput:
    """One deployment to record by hand or import."""

    product: str
    environment: str
    model_id: str
    licence_id: str | None
    since: str | None = None


@dataclass(frozen=True, kw_only=True)
class DeploymentView:
    """A deployment with the sign-off state of its licence version there."""

    deployment: DeploymentRecord
    state: str  # approved | pending | rejected | review-required | missing
    signoff_id: int | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        d = self.deployment
        return {
            "id": d.id,
            "product": d.product,
            "environment": d.environment,
            "model": d.model_id,
            "licence": d.licence_id,
            "since": d.since,
            "until": d.until,
            "source": d.source,
            "signoff": {"state": self.state, "id": self.signoff_id, "detail": self.detail},
        }


@dataclass(frozen=True, kw_only=True)
class ScanRecord:
    id: int
    product: str
    environment: str | None
    digest: str
    knowledge_digest: str
    recorded_at: str
    started: tuple[int, ...] = ()  # deployments begun by this scan
    ended: tuple[int, ...] = ()  # deployments this scan no longer saw


@dataclass(frozen=True, kw_only=True)
class WaiverRecord:
    id: int
    product: str
    code: str
    licence_id: str | None
    reason: str
    approved_by: str
    created_at: str
    expires: str
    revoked_at: str | None
    revoked_by: str | None

    def state(self, today: str) -> str:
        """active, expired or revoked (``today`` as YYYY-MM-DD)."""
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires < today else "active"


@dataclass(frozen=True, kw_only=True)
class Status:
    """`registry status`: where the registry is and what it holds."""

    url: str
    revision: str | None
    head_revision: str
    counts: tuple[tuple[str, int], ...]
    audit_entries: int
    audit_head: str
