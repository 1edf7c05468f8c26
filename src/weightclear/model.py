"""Value types shared by every layer.

Facts and results are frozen, keyword-only dataclasses: build new ones with
``dataclasses.replace`` and never mutate them. Collections inside them are
tuples, so a value can be hashed, compared and safely shared between threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """Whether a reference makes the product depend on a model or only names it."""

    USE = "use"  # code, configs, manifests, runnable defaults
    MENTION = "mention"  # prose, comments, READMEs


class Modality(StrEnum):
    """What a model takes in; the EU clause of Llama 3.2+ turns on this."""

    TEXT = "text"
    VISION = "vision"  # image + text in, text out (Llama 3.2 Vision)
    MULTIMODAL = "multimodal"  # natively multimodal (Llama 4)
    IMAGE = "image"  # image generation (Stable Diffusion)
    AUDIO = "audio"
    CODE = "code"
    EMBEDDING = "embedding"


class LicenceFileKind(StrEnum):
    AGREEMENT = "agreement"
    USE_POLICY = "use-policy"


class Status(StrEnum):
    """Outcome of one obligation for one model."""

    SATISFIED = "satisfied"
    VIOLATED = "violated"
    REVIEW = "review"
    NOT_APPLICABLE = "not-applicable"


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"
    INFO = "info"


SEVERITY_RANK: dict[Severity, int] = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}


@dataclass(frozen=True, kw_only=True, order=True)
class Location:
    """A place in the scanned tree; ``path`` is relative to the scan root, with ``/``."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, kw_only=True)
class Resolution:
    """How a written model name maps onto the catalogue.

    ``model_id`` is the canonical catalogue id when the name is an official
    model, or the written name itself for a derivative whose licence comes from
    its ``lineage`` (base models, nearest first).
    """

    text: str
    model_id: str | None
    licence_id: str | None
    family: str | None = None
    modality: Modality | None = None
    lineage: tuple[str, ...] = ()
    reason: str = ""  # one line: why this resolution (for `model resolve` and reviewers)


@dataclass(frozen=True, kw_only=True)
class Reference:
    """A model named in a file, as written, with its role and resolution."""

    location: Location
    text: str
    kind: str  # hf-id, ollama-tag, bedrock-id, gguf-file, hf-folder, ... (discovery.kinds)
    role: Role
    resolution: Resolution | None = None


@dataclass(frozen=True, kw_only=True)
class LicenceFile:
    """A licence or use-policy text found in the tree and identified."""

    location: Location
    licence_id: str  # a knowledge id, or "unknown"
    kind: LicenceFileKind
    confidence: float
    modified_sections: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Attribution:
    """A display string such as ``Built with Llama`` found on a product surface."""

    location: Location
    text: str


@dataclass(frozen=True, kw_only=True)
class NoticeFile:
    """A file named as a Notice file (NOTICE, Notice.txt, ...) and the start of its text."""

    location: Location
    text: str  # at most the first few kilobytes, enough to hold any notice string


@dataclass(frozen=True, kw_only=True)
class ModelCard:
    """What a model folder, GGUF header or safetensors header says about itself."""

    location: Location
    name: str | None = None
    licence: str | None = None  # declared licence id as written (`llama3.1`, `other`, SPDX, ...)
    licence_name: str | None = None
    licence_link: str | None = None
    base_models: tuple[str, ...] = ()
    base_model_relation: str | None = None


@dataclass(frozen=True, kw_only=True)
class ScanIssue:
    """A file the scan could not read or understand, and why. It never stops a scan."""

    path: str
    message: str
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """Everything discovery found in one tree; no judgement yet."""

    root: str
    references: tuple[Reference, ...] = ()
    licence_files: tuple[LicenceFile, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    notices: tuple[NoticeFile, ...] = ()
    model_cards: tuple[ModelCard, ...] = ()
    issues: tuple[ScanIssue, ...] = ()
    files_scanned: int = 0
    bytes_scanned: int = 0


@dataclass(frozen=True, kw_only=True)
class ModelUse:
    """One model the product uses, with every reference to it (the resolve layer's output)."""

    model_id: str
    family: str | None
    licence_id: str | None
    modality: Modality | None
    references: tuple[Reference, ...] = ()
    lineage: tuple[str, ...] = ()

    @property
    def used(self) -> bool:
        """True when at least one reference is a use, not only a mention."""
        return any(ref.role is Role.USE for ref in self.references)


class Verdict(StrEnum):
    """Outcome of screening a use case against a use policy."""

    PERMITTED = "permitted"
    REVIEW = "review"
    PROHIBITED = "prohibited"


@dataclass(frozen=True, kw_only=True)
class ScreenMatch:
    """One policy category a use case matched, and the phrases that led there."""

    key: str  # category key shared across policy versions (e.g. "fake-engagement")
    name: str
    verdict: Verdict  # PROHIBITED for a policy category, REVIEW for a sensitive sector
    section: str | None = None  # the policy's section, when the category is in the policy
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Screening:
    """A use case screened against one policy."""

    text: str
    verdict: Verdict
    policy_id: str | None
    licence_id: str | None
    matches: tuple[ScreenMatch, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Result:
    """The outcome of one obligation for one model; a finding when violated or review."""

    code: str  # a FindingCode value
    status: Status
    severity: Severity
    licence: str | None
    clause: str | None
    message: str
    model: str | None = None
    locations: tuple[Location, ...] = ()
    remediation: str = ""
    waived_by: str | None = None  # waiver reference, when a waiver silences this finding

    @property
    def is_finding(self) -> bool:
        return self.status in (Status.VIOLATED, Status.REVIEW) and self.waived_by is None


@dataclass(frozen=True, kw_only=True)
class SignoffState:
    """One sign-off as the registry holds it, for rules to read (they never open the database)."""

    licence_id: str
    product: str
    environment: str | None
    decision: str  # pending | approved | rejected
    reviewer: str | None = None
    decided_at: str | None = None
    signoff_id: int | None = None  # the registry's id, for messages ("sign-off #3")
    models: tuple[str, ...] = ()  # the models it covers; empty: every model under the licence
    knowledge_digest: str | None = None  # the knowledge base the decision was made against


@dataclass(frozen=True, kw_only=True)
class WaiverState:
    """A registry waiver that is not revoked (expired ones too: the engine says they expired)."""

    code: str
    licence_id: str | None
    reason: str
    approved_by: str
    expires: str  # YYYY-MM-DD; the waiver silences findings up to and including this day
    waiver_id: int | None = None  # the registry's id, for the report ("registry waiver #2")


@dataclass(frozen=True, kw_only=True)
class MauDeclarationState:
    """One organisation's monthly active users for one calendar month, as the registry holds it."""

    organisation: str
    month: str  # YYYY-MM
    users: int
    declared_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class GovernanceSnapshot:
    """The registry's view of a product, loaded by the caller and passed to the rules."""

    product: str
    environment: str | None = None
    signoffs: tuple[SignoffState, ...] = field(default_factory=tuple)
    attribution_owner: str | None = None  # the named owner in the registry, if any
    waivers: tuple[WaiverState, ...] = ()  # the product's waivers not revoked, expired ones included
    organisation: str | None = None  # the organisation the registry links the product to
    mau: tuple[MauDeclarationState, ...] = ()  # MAU declarations, the latest per organisation and month

    def approved_licences(self) -> frozenset[str]:
        """Licence versions with an approved sign-off here (the base of VERSION_REVIEW_REQUIRED diffs)."""
        return frozenset(s.licence_id for s in self.signoffs if s.decision == "approved")
