"""The scan pipeline and its result, the ScanReport every output renders.

discover -> resolve -> context -> obligations -> ScanReport. Outputs compute
nothing: everything they show is in the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from weightclear import __version__
from weightclear.context import DeploymentContext, load_context
from weightclear.discovery import discover
from weightclear.knowledge import KnowledgeBase
from weightclear.model import (
    SEVERITY_RANK,
    Evidence,
    GovernanceSnapshot,
    ModelUse,
    Result,
    ScanIssue,
    Screening,
    Severity,
)
from weightclear.obligations.engine import evaluate, licences_in_use
from weightclear.progress import NullProgress, Progress
from weightclear.resolve import group_models, resolve_name

SCHEMA_VERSION = "1.0"


class FailOn(StrEnum):
    """The lowest severity of finding that makes `scan` exit 1."""

    BLOCK = "block"
    WARN = "warn"
    NEVER = "never"


@dataclass(frozen=True, kw_only=True)
class ScanReport:
    """Everything one scan found and concluded."""

    schema_version: str
    tool_version: str
    knowledge_digest: str
    config_digest: str | None
    root: str
    evidence: Evidence
    models: tuple[ModelUse, ...]
    results: tuple[Result, ...]
    screenings: tuple[Screening, ...] = ()
    context: DeploymentContext | None = None

    @property
    def findings(self) -> tuple[Result, ...]:
        """Results that are violated or need review and are not waived."""
        return tuple(r for r in self.results if r.is_finding)

    @property
    def errors(self) -> tuple[ScanIssue, ...]:
        return self.evidence.issues

    def exit_code(self, fail_on: FailOn) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 when some input could not be read."""
        if self.errors:
            return 2
        if fail_on is FailOn.NEVER:
            return 0
        floor = SEVERITY_RANK[Severity(fail_on.value)]
        return 1 if any(SEVERITY_RANK[f.severity] >= floor for f in self.findings) else 0


def run_scan(
    root: Path,
    kb: KnowledgeBase,
    *,
    config: Path | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    governance: GovernanceSnapshot | None = None,
    use_cache: bool = False,
) -> ScanReport:
    """Scan ``root`` and evaluate every obligation; the one entry point the CLI and server share.

    ``use_cache``: reuse each unchanged file's results from the previous scan of ``root`` (the CLI's
    default; discovery.resultcache).
    """
    progress = progress or NullProgress()
    context = load_context(config, root)
    evidence = discover(
        root, kb, progress=progress, jobs=jobs, resolver=resolve_name, config=config, use_cache=use_cache
    )
    models = group_models(evidence, kb, context)
    screenings = screen_use_case(models, context, kb)
    results = evaluate(models, evidence, context, kb, governance=governance, screenings=screenings)
    return ScanReport(
        schema_version=SCHEMA_VERSION,
        tool_version=__version__,
        knowledge_digest=kb.digest,
        config_digest=context.digest,
        root=str(root),
        evidence=evidence,
        models=models,
        results=results,
        screenings=screenings,
        context=context,
    )


def screen_use_case(
    models: tuple[ModelUse, ...], context: DeploymentContext, kb: KnowledgeBase
) -> tuple[Screening, ...]:
    """Screen the declared use case against the use policy of every licence in use."""
    use_case = context.product.use_case
    if not use_case:
        return ()
    from weightclear.aup.screen import screen_all  # local: only a declared use case pays for the matcher

    return screen_all(use_case, kb, licences_in_use(models, context, kb))
