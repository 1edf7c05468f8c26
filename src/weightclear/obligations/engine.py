"""The obligations engine: build the facts once, run every rule, apply waivers.

The engine only gathers facts and derives new results (waived, ordered); each
rule returns complete results. A rule that raises becomes a ``review`` result
that names the rule and the error, never a crash (STYLE §5.1 item 12).
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections.abc import Iterable, Sequence
from typing import Any

from weightclear.context import DeploymentContext, Derivative
from weightclear.discovery import kinds
from weightclear.knowledge import KnowledgeBase
from weightclear.model import (
    Attribution,
    Evidence,
    GovernanceSnapshot,
    LicenceFile,
    Modality,
    ModelCard,
    ModelUse,
    NoticeFile,
    Result,
    Role,
    Screening,
    Severity,
    Status,
)
from weightclear.obligations.registry import RULES
from weightclear.obligations.rule import Facts, Rule, Scope, Shipped, meta, needed
from weightclear.obligations.waivers import apply_waivers, check_waivers
from weightclear.resolve import resolve_name

#: references that point at weights on disk (by file suffix or by the artefact scanner's kind)
_WEIGHT_SUFFIXES = (".gguf", ".safetensors", ".bin", ".pt", ".pth", ".onnx")
_WEIGHT_KINDS = frozenset({kinds.GGUF_FILE, kinds.HF_FOLDER, kinds.HF_CACHE, "safetensors-metadata"})


def _under(path: str, folder: str) -> bool:
    return folder == "" or path == folder or path.startswith(folder.rstrip("/") + "/")


def _folder_of(path: str) -> str:
    return posixpath.dirname(path) if "." in posixpath.basename(path) else path


class FileIndex:
    """Licence files, Notice files and model cards of the tree, grouped by folder (built once per call)."""

    def __init__(self, evidence: Evidence, kb: KnowledgeBase) -> None:
        self.by_dir: dict[str, tuple[list[LicenceFile], list[NoticeFile], list[ModelCard]]] = {}
        for lf in evidence.licence_files:
            self._slot(lf.location.path)[0].append(lf)
        for notice in evidence.notices:
            self._slot(notice.location.path)[1].append(notice)
        for card in evidence.model_cards:
            self._slot(card.location.path)[2].append(card)
        self.kb = kb
        self.licence_ids: dict[tuple[str | None, ...], str | None] = {}

    def _slot(self, path: str) -> tuple[list[LicenceFile], list[NoticeFile], list[ModelCard]]:
        return self.by_dir.setdefault(posixpath.dirname(path), ([], [], []))

    def shipped(self, folders: Sequence[str], *, ancestors: bool) -> Shipped:
        """What travels with ``folders``.

        With ``ancestors`` a file counts when its folder contains a shipped folder
        (a LICENSE at the top of the tree travels with a bundled model); without,
        only files inside the folders count (a derivative's release folder).
        """
        dirs = [
            d
            for d in sorted(self.by_dir)
            if any(_under(d, f) or (ancestors and _under(f, d)) for f in folders)
        ]
        files = [self.by_dir[d] for d in dirs]
        cards = tuple(c for lists in files for c in lists[2])
        return Shipped(
            ancestors=ancestors,
            folders=tuple(folders),
            licence_files=tuple(f for lists in files for f in lists[0]),
            notices=tuple(n for lists in files for n in lists[1]),
            model_cards=cards,
            declared=tuple(
                (c.location, written, self.licence_id(c.licence, c.licence_name, c.licence_link))
                for c in cards
                if (written := c.licence_name if c.licence in (None, "other") else c.licence)
            ),
        )

    def licence_id(self, *names: str | None) -> str | None:
        """The knowledge id a model card's licence fields name (cached: the lookup walks every licence)."""
        if names not in self.licence_ids:
            self.licence_ids[names] = next(
                (t.id for n in names if n and n != "other" and (t := self.kb.licence_by_identifier(n))), None
            )
        return self.licence_ids[names]


@functools.lru_cache(maxsize=32)
def _surface_spec(globs: tuple[str, ...]) -> Any:
    import pathspec  # compiled once per set of globs: the compile costs more than all the rules

    return pathspec.GitIgnoreSpec.from_lines(globs)


def surface_attributions(evidence: Evidence, context: DeploymentContext) -> tuple[Attribution, ...]:
    """Attributions found on the declared public surfaces (all of them when none are declared)."""
    globs = context.product.attribution_surfaces
    if not globs:
        return evidence.attributions
    spec = _surface_spec(tuple(globs))
    return tuple(a for a in evidence.attributions if spec.match_file(a.location.path))


def _resolve(name: str, kb: KnowledgeBase) -> tuple[str, str | None]:
    entry = kb.model_by_alias(name)
    if entry is not None:
        return entry.id, entry.licence
    found = resolve_name(name, kb)
    return found.model_id or name, found.licence_id


class _Builder:
    """Builds the Facts of every call, sharing what all calls read."""

    def __init__(
        self, evidence: Evidence, context: DeploymentContext, kb: KnowledgeBase, **shared: object
    ) -> None:
        self.evidence, self.context, self.kb = evidence, context, kb
        self.shared = shared
        self.declared = {_resolve(m.id, kb)[0]: m for m in context.models}
        self.files = FileIndex(evidence, kb)

    def facts(self, **fields: object) -> Facts:
        return Facts(context=self.context, evidence=self.evidence, **self.shared, **fields)  # type: ignore[arg-type]

    def model(self, use: ModelUse) -> Facts:
        terms = self.kb.licences.get(use.licence_id) if use.licence_id else None
        declared = next((self.declared[m] for m in (use.model_id, *use.lineage) if m in self.declared), None)
        weights = [
            _folder_of(r.location.path)
            for r in use.references
            if r.location.path.lower().endswith(_WEIGHT_SUFFIXES) or r.kind in _WEIGHT_KINDS
        ]
        return self.facts(
            terms=terms,
            policy=self.kb.policies.get(terms.aup_id) if terms and terms.aup_id else None,
            model=use,
            access=declared.access if declared else None,
            declared_modality=declared.modality_used if declared else None,
            shipped=self.files.shipped(sorted(set(weights)) or [""], ancestors=True),
        )

    def derivative(self, index: int, item: Derivative) -> list[Facts]:
        bases = [_resolve(name, self.kb) for name in item.base_model]
        outputs = [_resolve(name, self.kb) for name in item.trained_on_outputs_of]
        source_licences = frozenset(lic for _, lic in bases if lic)
        shipped = self.files.shipped([item.path] if item.path else [], ancestors=False)
        common = {
            "derivative": item,
            "derivative_index": index,
            "source_licences": source_licences,
            "shipped": shipped,
        }
        out: list[Facts] = []
        for via_outputs, sources in ((False, bases), (True, outputs)):
            for licence in sorted({lic or "" for _, lic in sources}):
                if via_outputs and licence in source_licences:
                    continue  # a base's licence already covers it
                terms = self.kb.licences.get(licence)
                ids = tuple(m for m, lic in sources if (lic or "") == licence)
                modality = self._modality(ids)
                out.append(
                    self.facts(
                        terms=terms,
                        via_outputs=via_outputs,
                        source_models=ids,
                        declared_modality=modality,
                        **common,
                    )
                )
        return out

    def _modality(self, model_ids: Sequence[str]) -> Modality | None:
        """The modality a derivative inherits: the widest of its catalogued sources."""
        found = [e.modality for m in model_ids if (e := self.kb.models.get(m)) is not None]
        wide = [m for m in found if m in (Modality.VISION, Modality.MULTIMODAL)]
        return (wide or found or [None])[0]


def _run(rule: Rule, facts: Facts, *, strict: bool) -> tuple[Result, ...]:
    try:
        return tuple(rule(facts))
    except Exception as exc:
        if strict:
            raise
        info = meta(rule)
        return (
            Result(
                code=str(info.codes[0]),
                status=Status.REVIEW,
                severity=Severity.WARN,
                licence=facts.terms.id if facts.terms else None,
                clause=None,
                message=f"rule {info.name} could not be evaluated: {type(exc).__name__}: {exc}",
                model=facts.subject,
                remediation="Check this obligation by hand and report the error.",
            ),
        )


def _in_scope(models: Iterable[ModelUse], builder: _Builder) -> list[ModelUse]:
    """Models used in the product: a use outside weightclear.toml's own text, or declared in [[models]]."""
    config = builder.context.rel_path if builder.context.declared else None

    def used(m: ModelUse) -> bool:
        # Licence ids and names in the config's approvals or waivers are not uses of a model.
        return any(
            r.role is Role.USE and (r.location.path != config or r.kind == "config") for r in m.references
        )

    return [
        m
        for m in models
        if used(m) or m.model_id in builder.declared or set(m.lineage) & set(builder.declared)
    ]


def evaluate(
    models: tuple[ModelUse, ...],
    evidence: Evidence,
    context: DeploymentContext,
    kb: KnowledgeBase,
    *,
    governance: GovernanceSnapshot | None = None,
    screenings: tuple[Screening, ...] = (),
    today: dt.date | None = None,
    rules: tuple[Rule, ...] = RULES,
    strict: bool = False,
) -> tuple[Result, ...]:
    """Evaluate every rule for every model; a crashing rule becomes a `review` result.

    ``strict`` re-raises a rule's exception (for tests and ``--debug``).
    """
    check_waivers(context)
    day = today or dt.date.today()
    builder = _Builder(
        evidence,
        context,
        kb,
        today=day,
        screenings=screenings,
        governance=governance,
        surface_attributions=surface_attributions(evidence, context),
    )
    used = _in_scope(models, builder)
    calls: dict[Scope, list[Facts]] = {
        Scope.MODEL: [builder.model(m) for m in used],
        Scope.DERIVATIVE: [f for i, d in enumerate(context.derivatives) for f in builder.derivative(i, d)],
    }
    licences = sorted({f.terms.id for fs in calls.values() for f in fs if f.terms})
    sources = sorted(
        {
            (f.terms.id, (f.derivative.name, *f.source_models))
            for f in calls[Scope.DERIVATIVE]
            if f.terms and f.derivative
        }
    )
    calls[Scope.PRODUCT] = [
        builder.facts(licences_in_use=tuple(licences), models=tuple(used), derivative_sources=tuple(sources))
    ]
    results: list[Result] = []
    for rule in rules:
        info = meta(rule)
        for scope in info.scopes:
            for facts in calls[scope]:
                if info.needs and scope is not Scope.PRODUCT and not needed(facts.terms, info.needs):
                    continue
                results.extend(_run(rule, facts, strict=strict))
    ordered = sorted(results, key=lambda r: (r.model or "", r.licence or "", r.code, r.status, r.message))
    return apply_waivers(ordered, context, day, governance)


def licences_in_use(
    models: Iterable[ModelUse], context: DeploymentContext, kb: KnowledgeBase
) -> tuple[str, ...]:
    """Known licence ids of the models used and of the declared derivatives' sources (for screening)."""
    found = {m.licence_id for m in models if m.licence_id}
    for item in context.derivatives:
        found |= {
            lic for name in (*item.base_model, *item.trained_on_outputs_of) if (lic := _resolve(name, kb)[1])
        }
    return tuple(sorted(lic for lic in found if lic in kb.licences))
