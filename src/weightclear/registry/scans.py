"""Scans shown to the registry: a summary and its digest, the screenings it made, and its deployments.

The digest covers what a sign-off rests on (tool and knowledge versions,
models with their licence versions, and every result), not the scan's root
path, so the same code scanned on a laptop and in CI has the same digest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from weightclear.registry import deployments
from weightclear.registry.audit import canonical, sha256
from weightclear.registry.records import ScanRecord
from weightclear.registry.tables import Scan, Screening
from weightclear.registry.tx import Tx, check_text

if TYPE_CHECKING:  # the pipeline is only needed by callers that pass a report
    from weightclear.report import ScanReport


def summary(report: ScanReport) -> dict[str, Any]:
    """The facts of a scan that its digest covers."""
    models = sorted(
        ({"id": m.model_id, "licence": m.licence_id, "used": m.used} for m in report.models),
        key=lambda m: (str(m["id"]), str(m["licence"])),
    )
    results = sorted(
        (
            {
                "code": r.code,
                "status": r.status.value,
                "severity": r.severity.value,
                "licence": r.licence,
                "model": r.model,
                "waived_by": r.waived_by,
            }
            for r in report.results
        ),
        key=canonical,
    )
    return {
        "schema_version": report.schema_version,
        "tool_version": report.tool_version,
        "knowledge_digest": report.knowledge_digest,
        "config_digest": report.config_digest,
        "models": models,
        "results": results,
    }


def digest(report: ScanReport) -> str:
    """sha256 of the canonical summary."""
    return sha256(canonical(summary(report)))


def used_models(report: ScanReport) -> set[tuple[str, str | None]]:
    """(model, licence version) pairs the scanned code uses, not only mentions."""
    return {(m.model_id, m.licence_id) for m in report.models if m.used}


def record(
    tx: Tx, actor: str, product: str, environment: str | None, report: ScanReport, *, deploy: bool
) -> ScanRecord:
    """Store a scan and its screenings; with ``deploy``, make the environment's deployments match it."""
    if deploy and not environment:
        raise ValueError("recording deployments needs an environment")
    product_id = tx.product_id(check_text("name", product), actor)
    env_id = tx.environment_id(product_id, environment, actor) if environment else None
    data = summary(report)
    row = tx.insert(
        Scan,
        {
            "product_id": product_id,
            "environment_id": env_id,
            "digest": sha256(canonical(data)),
            "knowledge_digest": report.knowledge_digest,
            "tool_version": report.tool_version,
            "root": report.root,
            "summary": canonical(data),
            "recorded_at": tx.at,
            "recorded_by": actor,
        },
        actor,
        "scan.record",
    )
    scan_id = int(row["id"])
    for s in report.screenings:
        values = {
            "product_id": product_id,
            "text": s.text,
            "verdict": s.verdict.value,
            "policy_id": s.policy_id,
            "licence_id": s.licence_id,
            "categories": canonical(sorted(m.key for m in s.matches)),
            "scan_id": scan_id,
            "recorded_at": tx.at,
            "recorded_by": actor,
        }
        tx.insert(Screening, values, actor, "screening.record")
    started: tuple[int, ...] = ()
    ended: tuple[int, ...] = ()
    if deploy and environment:
        started, ended = deployments.reconcile(tx, product, environment, used_models(report), actor, scan_id)
    return ScanRecord(
        id=scan_id,
        product=product,
        environment=environment,
        digest=str(row["digest"]),
        knowledge_digest=report.knowledge_digest,
        recorded_at=tx.at,
        started=started,
        ended=ended,
    )
