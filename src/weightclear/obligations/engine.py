"""The obligations engine: build the facts once, run every rule, apply waivers.

The engine only gathers facts and derives new results (waived, ordered); each
rule returns complete results. A rule that raises becomes a ``review`` result
that names the rule and the error, never a crash (STYLE §5.1 item 12).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Sequence

from weightclear.context import DeploymentContext, Derivative
from weightclear.knowledge import KnowledgeBase
from weightclear.model import (
    Attribution,
    Evidence,
    GovernanceSnapshot,
    ModelUse,
    Result,
    Screening,
    Severity,
    Status,
)
from weightclear.obligations.registry import RULES
from weightclear.obligations.rule import Facts, Rule, Scope, Shipped, meta, needed
from weightclear.obligations.waivers import apply_waivers, check_waivers
from weightclear.resolve import resolve_name

#: reference kinds that point at weights on disk rather than at a name in code
_WEIGHT_SUFFIXES = (".gguf", ".safetensors", ".bin", ".pt", ".pth", ".onnx")


def _under(path: str, folder: str) -> bool:
    return folder == "" or path == folder or path.startswith(folder.rstrip("/") + "/")


def _folder_of(path: str) -> str:
    return posixpath.dirname(path) if "." in posixpath.basename(path) else path


def shipped_in(evidence: Evidence, folders: Sequence[str], kb: KnowledgeBase, *, ancestors: bool) -> Shipped:
    """The licence files, notices and model cards that travel with ``folders``.

    With ``ancestors`` a file counts when its folder contains a shipped folder
    (a LICENSE at the top of the tree travels with a bundled model); without,
    only files inside the folders count (a derivative's release folder).
    """

    def covers(path: str) -> bool:
        home = posixpath.dirname(path)
        if ancestors:
            return any(_under(f, home) or _under(path, f) for f in folders)
        return any(_under(path, f) for f in folders)

    cards = tuple(c for c in evidence.model_cards if covers(c.location.path))
    declared = tuple(
        (c.location, written, _licence_id(kb, c.licence, c.licence_name, c.licence_link))
        for c in cards
        if (written := c.licence_name if c.licence in (None, "other") else c.licence)
    )
    return Shipped(
        folders=tuple(folders),
        licence_files=tuple(f for f in evidence.licence_files if covers(f.location.path)),
        notices=tuple(n for n in evidence.notices if covers(n.location.path)),
        model_cards=cards,
        declared=declared,
    )


def _licence_id(kb: KnowledgeBase, *names: str | None) -> str | None:
    for name in names:
        if name and name != "other" and (terms := kb.licence_by_identifier(name)):
            return terms.id
    return None


def surface_attributions(evidence: Evidence, context: DeploymentContext) -> tuple[Attribution, ...]:
    """Attributions found on the declared public surfaces (all of them when none are declared)."""
    globs = context.product.attribution_surfaces
    if not globs:
        return evidence.attributions
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(globs)
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

    def facts(self, **fields: object) -> Facts:
        return Facts(context=self.context, evidence=self.evidence, **self.shared, **fields)  # type: ignore[arg-type]

    def model(self, use: ModelUse) -> Facts:
        terms = self.kb.licences.get(use.licence_id) if use.licence_id else None
        declared = next((self.declared[m] for m in (use.model_id, *use.lineage) if m in self.declared), None)
        weights = [
            _folder_of(r.location.path)
            for r in use.references
            if r.location.path.lower().endswith(_WEIGHT_SUFFIXES) or r.kind in ("hf-folder", "gguf-file")
        ]
        return self.facts(
            terms=terms,
            policy=self.kb.policies.get(terms.aup_id) if terms and terms.aup_id else None,
            model=use,
            access=declared.access if declared else None,
            declared_modality=declared.modality_used if declared else None,
            shipped=shipped_in(self.evidence, sorted(set(weights)) or [""], self.kb, ancestors=True),
        )

    def derivative(self, index: int, item: Derivative) -> list[Facts]:
        bases = [_resolve(name, self.kb) for name in item.base_model]
        outputs = [_resolve(name, self.kb) for name in item.trained_on_outputs_of]
        source_licences = frozenset(lic for _, lic in bases if lic)
        shipped = shipped_in(self.evidence, [item.path] if item.path else [], self.kb, ancestors=False)
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
                out.append(self.facts(terms=terms, via_outputs=via_outputs, source_models=ids, **common))
        return out


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
    return [
        m
        for m in models
        if m.used or m.model_id in builder.declared or set(m.lineage) & set(builder.declared)
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
    calls[Scope.PRODUCT] = [builder.facts(licences_in_use=tuple(licences), models=tuple(used))]
    results: list[Result] = []
    for rule in rules:
        info = meta(rule)
        for scope in info.scopes:
            for facts in calls[scope]:
                if info.needs and scope is not Scope.PRODUCT and not needed(facts.terms, info.needs):
                    continue
                results.extend(_run(rule, facts, strict=strict))
    ordered = sorted(results, key=lambda r: (r.model or "", r.licence or "", r.code, r.status, r.message))
    return apply_waivers(ordered, context, day)


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
