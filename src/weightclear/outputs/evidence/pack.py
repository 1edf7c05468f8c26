"""The evidence pack's inputs and the plain view every renderer (markdown, HTML, PDF) shows.

A pack is one ScanReport plus what the scan cannot hold: the registry's
sign-offs and audit head (when a registry is configured), a filled
closed-weights API checklist, and the date it was made. ``view`` arranges
these into numbered sections of rows; the templates only lay them out.

The pack digest is a SHA-256 over what the pack asserts (models, licence
versions, every obligation's status, approvals, sign-off decisions, the
checklist answers) and the registry's audit head, so a filed pack names the
exact audit-log state it was made against; the date is left out so the same
state always gives the same digest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from weightclear.model import Result, Status
from weightclear.obligations.codes import TITLES, FindingCode

if TYPE_CHECKING:
    from weightclear.compare import ApiChecklist
    from weightclear.knowledge import KnowledgeBase
    from weightclear.report import ScanReport

STATUS_LABEL = {
    Status.SATISFIED: "Met",
    Status.VIOLATED: "Not met",
    Status.REVIEW: "Review",
    Status.NOT_APPLICABLE: "Not applicable",
}
MAX_PLACES = 4
MAU_CODES = ("MAU_LICENCE_REQUIRED", "MAU_NEAR_THRESHOLD", "MAU_UNDECLARED", "USER_THRESHOLD_EXCEEDED")


@dataclass(frozen=True, kw_only=True)
class SignoffEntry:
    """One registry sign-off as the pack shows it."""

    id: int
    licence: str
    environment: str | None
    models: tuple[str, ...]
    decision: str
    requester: str
    requested_at: str
    reviewer: str | None
    decided_at: str | None
    knowledge_digest: str


@dataclass(frozen=True, kw_only=True)
class RegistryFacts:
    """What the registry holds for the product, loaded by the caller (outputs never open it)."""

    location: str
    audit_entries: int
    audit_head: str
    signoffs: tuple[SignoffEntry, ...] = ()
    attribution_owner: str | None = None
    mau: tuple[tuple[str, int, str], ...] = ()  # (month, users, declared by)


@dataclass(frozen=True, kw_only=True)
class PackInputs:
    """Everything one evidence pack shows."""

    report: ScanReport
    product: str
    generated: dt.datetime
    registry: RegistryFacts | None = None
    api_checklist: ApiChecklist | None = None
    title: str = "Open-Weights Model Licence Evidence Pack"


def digest(pack: PackInputs) -> str:
    """SHA-256 over what the pack asserts and the audit head (the date left out)."""
    report = pack.report
    body = {
        "product": pack.product,
        "knowledge": report.knowledge_digest,
        "config": report.config_digest,
        "models": [(m.model_id, m.licence_id, list(m.lineage)) for m in report.models],
        "results": [(r.code, r.status.value, r.model, r.licence, r.waived_by) for r in report.results],
        "audit_head": pack.registry.audit_head if pack.registry else None,
        "signoffs": [asdict(s) for s in pack.registry.signoffs] if pack.registry else [],
        "checklist": [(i.key, i.answer, i.clause, i.notes) for i in pack.api_checklist.items]
        if pack.api_checklist
        else [],
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def _places(result: Result) -> str:
    shown = [str(loc) for loc in result.locations[:MAX_PLACES]]
    more = len(result.locations) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _title(code: str) -> str:
    try:
        return TITLES[FindingCode(code)]
    except ValueError:
        return code


def _front(pack: PackInputs, pack_digest: str) -> list[tuple[str, str]]:
    report, ctx = pack.report, pack.report.context
    org = ctx.organisation if ctx else None
    prod = ctx.product if ctx else None
    owner = (pack.registry.attribution_owner if pack.registry else None) or (
        prod.attribution_owner if prod else None
    )
    reg = pack.registry
    return [
        ("Product", pack.product),
        ("Organisation", (org.name if org else None) or "not declared"),
        (
            "Distribution",
            ", ".join(d.value for d in prod.distribution) if prod and prod.distribution else "not declared",
        ),
        ("Attribution owner", owner or "not named"),
        ("Date of this pack", pack.generated.strftime("%d %B %Y, %H:%M UTC")),
        ("Tool", f"weightclear {report.tool_version}"),
        ("Knowledge base digest", report.knowledge_digest),
        ("Configuration digest", report.config_digest or "no weightclear.toml"),
        ("Registry", reg.location if reg else "no registry configured"),
        (
            "Audit log head",
            f"{reg.audit_head} (entry {reg.audit_entries})" if reg else "no registry configured",
        ),
        ("Pack digest (SHA-256)", pack_digest),
    ]


def _summary(report: ScanReport) -> dict[str, Any]:
    counts = Counter(r.status for r in report.results if r.waived_by is None)
    waived = sum(1 for r in report.results if r.waived_by)
    used = [m for m in report.models if m.used]
    findings = [
        {"code": f.code, "title": _title(f.code), "severity": f.severity.value, "model": f.model or "",
         "clause": f"{f.licence or ''} {f.clause or ''}".strip(), "message": f.message}
        for f in report.findings
    ]  # fmt: skip
    return {
        "models_used": len(used),
        "models_named": len(report.models) - len(used),
        "licences": sorted({m.licence_id for m in used if m.licence_id}),
        "counts": [(STATUS_LABEL[s], counts.get(s, 0)) for s in Status] + [("Waived", waived)],
        "findings": findings,
        "is_clear": not findings,
    }


def _models(report: ScanReport, kb: KnowledgeBase) -> list[dict[str, Any]]:
    rows = []
    for use in report.models:
        entry = kb.models.get(use.model_id)
        places = [str(r.location) for r in use.references[:MAX_PLACES]]
        rows.append(
            {
                "id": use.model_id,
                "version": (entry.version if entry else None) or "—",
                "licence": use.licence_id or "unresolved",
                "modality": use.modality.value if use.modality else "—",
                "lineage": " → ".join(use.lineage) or "—",
                "use": "used" if use.used else "named",
                "where": ", ".join(places) or "weightclear.toml",
            }
        )
    return rows


def _licences(report: ScanReport, kb: KnowledgeBase) -> list[dict[str, Any]]:
    from weightclear.compare import compare_licences  # the same facts `weightclear compare` shows

    # The terms of what the product uses; a licence only named in prose is not the product's to meet.
    ids = sorted({m.licence_id for m in report.models if m.used and m.licence_id in kb.licences})
    rows = compare_licences(kb, ids)
    out = []
    for lid in ids:
        terms = kb.licences[lid]
        out.append(
            {
                "id": lid,
                "title": terms.title,
                "summary": terms.summary,
                "source": f"{terms.source.origin} (SHA-256 {terms.source.sha256[:16]}…)"
                if terms.source
                else "—",
                "facts": [
                    (row.aspect, row.value(lid)) for row in rows[2:]
                ],  # title and date are in the heading
                "clauses": sorted(terms.clauses.items()),
                "release": terms.release_date.isoformat() if terms.release_date else "not stated",
            }
        )
    return out


def _obligations(report: ScanReport) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for res in report.results:
        groups.setdefault(res.licence or "no licence", []).append(
            {
                "code": res.code,
                "title": _title(res.code),
                "model": res.model or "all models",
                "clause": res.clause or "—",
                "status": "Waived" if res.waived_by else STATUS_LABEL[res.status],
                "status_key": "waived" if res.waived_by else res.status.value,
                "evidence": res.message + (f" [{_places(res)}]" if res.locations else ""),
                "waiver": res.waived_by or "",
            }
        )
    return [{"licence": lid, "rows": rows} for lid, rows in sorted(groups.items())]


def _mau_check(r: Result) -> dict[str, str]:
    status = STATUS_LABEL[r.status]
    return {
        "licence": r.licence or "—",
        "model": r.model or "—",
        "code": r.code,
        "status": status,
        "message": r.message,
    }


def _mau(pack: PackInputs) -> dict[str, Any]:
    ctx = pack.report.context
    declared = ctx.organisation.monthly_active_users if ctx else None
    if isinstance(declared, int):
        figures = [("every month", f"{declared:,}", "weightclear.toml")]
    else:
        figures = [(row.month, f"{row.users:,}", "weightclear.toml") for row in declared or ()]
    if pack.registry:
        figures += [(month, f"{users:,}", f"registry, {who}") for month, users, who in pack.registry.mau]
    checks = [_mau_check(r) for r in pack.report.results if r.code in MAU_CODES]
    return {
        "figures": figures,
        "source": f"weightclear.toml, configuration digest {pack.report.config_digest}"
        if pack.report.config_digest
        else "no configuration: nothing declared",
        "date": pack.generated.date().isoformat(),
        "checks": checks,
    }


def _attribution(pack: PackInputs, kb: KnowledgeBase) -> dict[str, Any]:
    report = pack.report
    ids = sorted({m.licence_id for m in report.models if m.used and m.licence_id in kb.licences})
    required = [
        (lid, kb.licences[lid].attribution.text, ", ".join(kb.licences[lid].attribution.surfaces))  # type: ignore[union-attr]
        for lid in ids
        if kb.licences[lid].attribution is not None
    ]
    ctx = report.context
    return {
        "owner": (pack.registry.attribution_owner if pack.registry else None)
        or (ctx.product.attribution_owner if ctx else None)
        or "not named",
        "surfaces": ", ".join(ctx.product.attribution_surfaces)
        if ctx and ctx.product.attribution_surfaces
        else "the whole tree",
        "required": required,
        "found": [(str(a.location), a.text) for a in report.evidence.attributions],
    }


def _screening(report: ScanReport, kb: KnowledgeBase) -> dict[str, Any]:
    ctx = report.context
    rows = []
    for s in report.screenings:
        cats = "; ".join(f"{m.name} ({m.section or m.key})" for m in s.matches) or "none matched"
        rows.append(
            {
                "policy": s.policy_id or "—",
                "licence": s.licence_id or "—",
                "verdict": s.verdict.value,
                "categories": cats,
            }
        )
    return {"use_case": (ctx.product.use_case if ctx else None) or "", "rows": rows}


def _approvals(pack: PackInputs) -> dict[str, Any]:
    ctx = pack.report.context
    approvals = [
        (
            a.licence,
            ", ".join(a.models) or "all models",
            a.approved_by,
            a.date.isoformat(),
            a.reference or "—",
        )
        for a in (ctx.approvals if ctx else ())
    ]
    waivers = [
        (
            w.code,
            w.licence or w.model or "—",
            w.reason,
            w.approved_by,
            w.expires.isoformat(),
            w.reference or "—",
        )
        for w in (ctx.waivers if ctx else ())
    ]
    signoffs = list(pack.registry.signoffs) if pack.registry else None
    return {"approvals": approvals, "waivers": waivers, "signoffs": signoffs}


def view(pack: PackInputs, kb: KnowledgeBase) -> dict[str, Any]:
    """The data every template renders: front matter, then the numbered sections' rows."""
    pack_digest = digest(pack)
    return {
        "title": pack.title,
        "product": pack.product,
        "date": pack.generated.strftime("%d %B %Y"),
        "digest": pack_digest,
        "front": _front(pack, pack_digest),
        "summary": _summary(pack.report),
        "models": _models(pack.report, kb),
        "licences": _licences(pack.report, kb),
        "obligations": _obligations(pack.report),
        "mau": _mau(pack),
        "attribution": _attribution(pack, kb),
        "screening": _screening(pack.report, kb),
        "approvals": _approvals(pack),
        "checklist": pack.api_checklist,
        "registry": pack.registry,
        "errors": [f"{i.path}: {i.message}" for i in pack.report.errors],
    }
