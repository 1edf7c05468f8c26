"""The scan JSON a CI job pushes, read back into a ``ScanReport`` the registry can record.

Only what the registry keeps is read (models with their references' roles,
results, screenings, digests); the rest of the document is accepted and
ignored, so a newer client's extra fields do not break an older server.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from weightclear.model import (
    Evidence,
    Location,
    Modality,
    ModelUse,
    Reference,
    Result,
    Role,
    Screening,
    ScreenMatch,
    Severity,
    Status,
    Verdict,
)
from weightclear.report import ScanReport

_Text = Field(max_length=2000)


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ToolIn(_Loose):
    name: str = Field(default="weightclear", max_length=100)
    version: str = Field(max_length=100)


class ReferenceIn(_Loose):
    path: str = _Text
    line: int | None = Field(default=None, ge=0)
    column: int | None = Field(default=None, ge=0)
    text: str = _Text
    kind: str = Field(max_length=100)
    role: Role


class ModelIn(_Loose):
    id: str = Field(min_length=1, max_length=300)
    family: str | None = Field(default=None, max_length=100)
    licence: str | None = Field(default=None, max_length=100)
    modality: Modality | None = None
    lineage: list[str] = Field(default_factory=list, max_length=50)
    references: list[ReferenceIn] = Field(default_factory=list, max_length=10_000)


class LocationIn(_Loose):
    path: str = _Text
    line: int | None = Field(default=None, ge=0)
    column: int | None = Field(default=None, ge=0)


class ResultIn(_Loose):
    code: str = Field(min_length=1, max_length=100)
    status: Status
    severity: Severity
    licence: str | None = Field(default=None, max_length=100)
    clause: str | None = Field(default=None, max_length=200)
    message: str = Field(default="", max_length=5000)
    model: str | None = Field(default=None, max_length=300)
    locations: list[LocationIn] = Field(default_factory=list, max_length=1000)
    remediation: str = Field(default="", max_length=5000)
    waived_by: str | None = Field(default=None, max_length=200)


class ScreeningIn(_Loose):
    text: str = Field(max_length=5000)
    verdict: Verdict
    policy: str | None = Field(default=None, max_length=100)
    licence: str | None = Field(default=None, max_length=100)
    categories: list[str] = Field(default_factory=list, max_length=100)


class ScanIn(_Loose):
    """The body of ``POST /api/v1/scans``: the output of ``weightclear scan --format json``."""

    schema_version: str = Field(max_length=20)
    tool: ToolIn
    knowledge_digest: str = Field(max_length=100)
    config_digest: str | None = Field(default=None, max_length=100)
    root: str = Field(default=".", max_length=2000)
    models: list[ModelIn] = Field(default_factory=list, max_length=5000)
    results: list[ResultIn] = Field(default_factory=list, max_length=50_000)
    screenings: list[ScreeningIn] = Field(default_factory=list, max_length=1000)
    kind: Literal["scan"] | None = None  # reserved for other pushed documents


def _reference(r: ReferenceIn) -> Reference:
    return Reference(
        location=Location(path=r.path, line=r.line, column=r.column), text=r.text, kind=r.kind, role=r.role
    )


def _result(r: ResultIn) -> Result:
    return Result(
        code=r.code,
        status=r.status,
        severity=r.severity,
        licence=r.licence,
        clause=r.clause,
        message=r.message,
        model=r.model,
        locations=tuple(Location(path=x.path, line=x.line, column=x.column) for x in r.locations),
        remediation=r.remediation,
        waived_by=r.waived_by,
    )


def _screening(s: ScreeningIn) -> Screening:
    matches = tuple(ScreenMatch(key=c, name=c, verdict=s.verdict) for c in s.categories)
    return Screening(
        text=s.text, verdict=s.verdict, policy_id=s.policy, licence_id=s.licence, matches=matches
    )


def to_report(doc: ScanIn) -> ScanReport:
    """The pushed document as a ScanReport (the parts the registry records)."""
    models = tuple(
        ModelUse(
            model_id=m.id,
            family=m.family,
            licence_id=m.licence,
            modality=m.modality,
            references=tuple(_reference(r) for r in m.references),
            lineage=tuple(m.lineage),
        )
        for m in doc.models
    )
    return ScanReport(
        schema_version=doc.schema_version,
        tool_version=doc.tool.version,
        knowledge_digest=doc.knowledge_digest,
        config_digest=doc.config_digest,
        root=doc.root,
        evidence=Evidence(root=doc.root),
        models=models,
        results=tuple(_result(r) for r in doc.results),
        screenings=tuple(_screening(s) for s in doc.screenings),
    )
