"""The @rule decorator (records metadata only) and the facts every rule reads.

A rule is a plain function ``Facts -> Iterable[Result]``. The decorator
attaches a ``RuleMeta``; it registers nothing and has no side effects
(registry.py lists the rules explicitly).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, cast

from weightclear.context import DeploymentContext, Derivative
from weightclear.knowledge.schema import LicenceTerms, UsePolicy
from weightclear.model import (
    Attribution,
    Evidence,
    GovernanceSnapshot,
    LicenceFile,
    Location,
    Modality,
    ModelCard,
    ModelUse,
    NoticeFile,
    Result,
    Screening,
    Severity,
    Status,
)
from weightclear.obligations.codes import FindingCode


class Scope(StrEnum):
    """What one call of a rule is about."""

    MODEL = "model"  # one model the product uses, under its licence
    DERIVATIVE = "derivative"  # one derivative declared in weightclear.toml, per licence it comes from
    PRODUCT = "product"  # the product as a whole


@dataclass(frozen=True, kw_only=True)
class Shipped:
    """What discovery found under a folder that ships (a derivative's path, a bundled model's folder)."""

    folders: tuple[str, ...]  # '' is the whole tree
    licence_files: tuple[LicenceFile, ...] = ()
    notices: tuple[NoticeFile, ...] = ()
    model_cards: tuple[ModelCard, ...] = ()
    #: licences the model cards declare: (where, as written, knowledge id or None when unknown)
    declared: tuple[tuple[Location, str, str | None], ...] = ()
    ancestors: bool = False  # files in a folder that contains a shipped folder travel with it too

    def travels_with(self, folder: str, path: str) -> bool:
        """True when the file at ``path`` ships with ``folder`` (inside it, or above it if ``ancestors``)."""
        home = posixpath.dirname(path)
        inside = folder == "" or path.startswith(folder.rstrip("/") + "/")
        above = home == "" or folder == home or folder.startswith(home + "/")
        return inside or (self.ancestors and above)

    def missing(self, found: Iterable[Location]) -> tuple[str, ...]:
        """The shipped folders that none of ``found`` travels with."""
        paths = [loc.path for loc in found]
        return tuple(f for f in self.folders if not any(self.travels_with(f, p) for p in paths))


@dataclass(frozen=True, kw_only=True)
class Facts:
    """Everything a rule may read. Rules never open files or the database."""

    context: DeploymentContext
    evidence: Evidence
    today: dt.date
    terms: LicenceTerms | None = None
    policy: UsePolicy | None = None
    model: ModelUse | None = None
    access: str | None = None  # Access declared for the model in weightclear.toml
    declared_modality: Modality | None = None  # modality_used declared in weightclear.toml
    derivative: Derivative | None = None
    derivative_index: int | None = None
    via_outputs: bool = False  # the derivative comes from `terms` only through training on outputs
    source_licences: frozenset[str] = frozenset()  # licences of every base model of the derivative
    source_models: tuple[str, ...] = ()  # catalogue ids the derivative takes from `terms`
    shipped: Shipped | None = None
    surface_attributions: tuple[Attribution, ...] = ()  # attributions on the declared public surfaces
    screenings: tuple[Screening, ...] = ()
    governance: GovernanceSnapshot | None = None
    licences_in_use: tuple[str, ...] = ()
    models: tuple[ModelUse, ...] = field(default=())
    #: product scope: (licence, (derivative name, its source ids under that licence)) of each derivative
    derivative_sources: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def model_ids(self) -> tuple[str, ...]:
        """The catalogue ids this call is about: the model and its lineage, or the derivative's sources."""
        if self.derivative is not None:
            return self.source_models
        return (self.model.model_id, *self.model.lineage) if self.model is not None else ()

    @property
    def declared_at(self) -> tuple[Location | None, ...]:
        """Where the subject is declared or used: a derivative's config entry, or a model's first uses."""
        if self.derivative is not None and self.derivative_index is not None:
            return (self.context.location("derivatives", self.derivative_index, "path"),)
        return tuple(r.location for r in self.model.references[:3]) if self.model is not None else ()

    @property
    def subject(self) -> str | None:
        """The model or derivative a result is about."""
        if self.derivative is not None:
            return self.derivative.name
        return self.model.model_id if self.model is not None else None

    def result(
        self,
        code: FindingCode,
        status: Status,
        severity: Severity,
        message: str,
        *,
        clause: str | None,
        locations: Iterable[Location | None] = (),
        remediation: str = "",
    ) -> Result:
        """A complete Result about this subject under this licence."""
        return Result(
            code=str(code),
            status=status,
            severity=severity,
            licence=self.terms.id if self.terms else (self.model.licence_id if self.model else None),
            clause=clause,
            message=message,
            model=self.subject,
            locations=tuple(loc for loc in locations if loc is not None),
            remediation=remediation,
        )

    def met(
        self,
        code: FindingCode,
        message: str,
        *,
        clause: str | None,
        locations: Iterable[Location | None] = (),
    ) -> Result:
        """A satisfied result (info)."""
        return self.result(code, Status.SATISFIED, Severity.INFO, message, clause=clause, locations=locations)

    def not_applicable(self, code: FindingCode, message: str, *, clause: str | None) -> Result:
        """A not-applicable result (info): the duty exists in the licence but not for this use."""
        return self.result(code, Status.NOT_APPLICABLE, Severity.INFO, message, clause=clause)

    def violated(
        self,
        code: FindingCode,
        message: str,
        *,
        clause: str | None,
        locations: Iterable[Location | None] = (),
        remediation: str = "",
        severity: Severity = Severity.BLOCK,
    ) -> Result:
        """A violated result (block unless told otherwise)."""
        return self.result(
            code,
            Status.VIOLATED,
            severity,
            message,
            clause=clause,
            locations=locations,
            remediation=remediation,
        )

    def review(
        self,
        code: FindingCode,
        message: str,
        *,
        clause: str | None,
        locations: Iterable[Location | None] = (),
        remediation: str = "",
        severity: Severity = Severity.WARN,
    ) -> Result:
        """A result a person must look at (warn unless told otherwise)."""
        return self.result(
            code,
            Status.REVIEW,
            severity,
            message,
            clause=clause,
            locations=locations,
            remediation=remediation,
        )


@dataclass(frozen=True, kw_only=True)
class RuleMeta:
    """What the engine needs to know about a rule."""

    name: str
    codes: tuple[FindingCode, ...]
    scopes: tuple[Scope, ...]
    needs: str | None  # the (dotted) LicenceTerms field that makes the rule apply; None: always runs
    severity: Severity


class Rule(Protocol):
    """A rule function with its metadata attached."""

    __rule__: RuleMeta
    __name__: str
    __module__: str
    __doc__: str | None

    def __call__(self, facts: Facts) -> Iterable[Result]: ...


def rule(
    *codes: FindingCode, scope: Scope | tuple[Scope, ...], needs: str | None, severity: Severity
) -> Callable[[Callable[[Facts], Iterable[Result]]], Rule]:
    """Attach a RuleMeta to a rule function; nothing else (no registration)."""

    def mark(func: Callable[[Facts], Iterable[Result]]) -> Rule:
        name = func.__module__.rsplit(".", 1)[-1]
        scopes = scope if isinstance(scope, tuple) else (scope,)
        func.__rule__ = RuleMeta(  # type: ignore[attr-defined]
            name=name, codes=codes, scopes=scopes, needs=needs, severity=severity
        )
        return cast(Rule, func)

    return mark


def needed(terms: LicenceTerms | None, needs: str | None) -> object:
    """The value of the (dotted) LicenceTerms field a rule needs; falsy when the rule does not apply."""
    value: object = terms
    for part in (needs or "").split("."):
        if not part:
            continue
        value = getattr(value, part, None)
    return value


def meta(r: Rule) -> RuleMeta:
    """The metadata of a rule."""
    return r.__rule__
