"""Build obligation scenarios from plain data (the cases and scenario YAML files).

A scenario names the models in use, the weightclear.toml content (as a dict,
written out as TOML so the real parser reads it), and what discovery found
(attributions, notices, licence files, model cards). The engine then runs on
real knowledge-base terms; only the scan itself is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pytest

from weightclear.context import DeploymentContext, parse_config
from weightclear.knowledge import KnowledgeBase, load
from weightclear.knowledge.schema import ModelEntry
from weightclear.model import (
    Attribution,
    Evidence,
    GovernanceSnapshot,
    LicenceFile,
    LicenceFileKind,
    Location,
    MauDeclarationState,
    ModelCard,
    ModelUse,
    NoticeFile,
    Reference,
    Result,
    Role,
    Screening,
    ScreenMatch,
    SignoffState,
    Status,
    Verdict,
    WaiverState,
)
from weightclear.obligations.engine import evaluate, licences_in_use
from weightclear.obligations.registry import RULES
from weightclear.obligations.rule import Rule

TODAY = dt.date(2026, 6, 1)

#: a deployment where every fact is declared and nothing is wrong, for scenarios to change
CLEAN: dict[str, Any] = {
    "organisation": {
        "name": "Acme",
        "country": "US",
        "licensee_type": "company",
        "monthly_active_users": 2_000_000,
    },
    "product": {
        "name": "Acme Support",
        "distribution": "hosted",
        "use_case": "Answer customers' questions about their orders.",
        "attribution_owner": "Jane Doe",
        "downstream_terms": "TERMS.md",
    },
}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(value)


def to_toml(config: Mapping[str, Any]) -> str:
    """Write a two-level config dict (tables and arrays of tables) as TOML."""
    lines: list[str] = []
    for section, body in config.items():
        rows = body if isinstance(body, list) else [body]
        for row in rows:
            lines.append(f"[[{section}]]" if isinstance(body, list) else f"[{section}]")
            lines += [f"{key} = {_value(value)}" for key, value in row.items()]
            lines.append("")
    return "\n".join(lines)


def merge(base: Mapping[str, Any], change: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``change`` applied per table; a None value deletes a key or table."""
    out = {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in base.items()}
    for key, value in change.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(out.get(key), dict):
            for inner, item in value.items():
                if item is None:
                    out[key].pop(inner, None)
                else:
                    out[key][inner] = item
        else:
            out[key] = value
    return out


def knowledge(*licences: str) -> KnowledgeBase:
    """The real knowledge base; skips the test while a licence it needs is not written yet."""
    kb = load()
    missing = [lid for lid in licences if lid not in kb.licences]
    if missing:
        pytest.skip(f"knowledge base has no {', '.join(missing)} yet")
    return kb


def with_catalogue(kb: KnowledgeBase, entries: Sequence[Mapping[str, Any]]) -> KnowledgeBase:
    """``kb`` plus catalogue entries it does not have yet (catalogues still being written)."""
    extra = {e["id"]: ModelEntry(**e) for e in entries if kb.model_by_alias(e["id"]) is None}
    if not extra:
        return kb
    models = {**kb.models, **extra}
    aliases = {**kb._by_alias, **{m.lower(): m for m in extra}}
    return replace(kb, models=models, _by_alias=aliases)


def model_use(spec: str | Mapping[str, Any], kb: KnowledgeBase) -> ModelUse:
    """A ModelUse for a catalogue id (or a dict with id, path, kind, role, licence, modality)."""
    data: Mapping[str, Any] = {"id": spec} if isinstance(spec, str) else spec
    entry = kb.model_by_alias(data["id"])
    if entry is None and "licence" not in data:
        pytest.skip(f"catalogue has no {data['id']} yet")
    refs = tuple(
        Reference(
            location=Location(path=path, line=data.get("line", 3)),
            text=data["id"],
            kind=data.get("kind", "hf-id"),
            role=Role(data.get("role", "use")),
        )
        for path in data.get("paths", [data.get("path", "app/llm.py")])
    )
    return ModelUse(
        model_id=entry.id if entry else data["id"],
        family=entry.family if entry else None,
        licence_id=data.get("licence", entry.licence if entry else None),
        modality=data.get("modality", entry.modality if entry else None),
        references=refs,
        lineage=tuple(data.get("lineage", ())),
    )


def _loc(item: Mapping[str, Any]) -> Location:
    return Location(path=item["path"], line=item.get("line"))


def evidence(spec: Mapping[str, Any]) -> Evidence:
    """Evidence from plain data."""
    return Evidence(
        root=".",
        attributions=tuple(
            Attribution(location=_loc(a), text=a["text"]) for a in spec.get("attributions", ())
        ),
        notices=tuple(NoticeFile(location=_loc(n), text=n["text"]) for n in spec.get("notices", ())),
        licence_files=tuple(
            LicenceFile(
                location=_loc(f),
                licence_id=f["licence"],
                kind=LicenceFileKind(f.get("kind", "agreement")),
                confidence=1.0,
                modified_sections=tuple(f.get("modified", ())),
            )
            for f in spec.get("licence_files", ())
        ),
        model_cards=tuple(
            ModelCard(location=_loc(c), licence=c.get("licence"), licence_name=c.get("licence_name"))
            for c in spec.get("model_cards", ())
        ),
    )


def _screenings(
    spec: Mapping[str, Any], models: Sequence[ModelUse], ctx: DeploymentContext, kb: KnowledgeBase
) -> tuple[Screening, ...]:
    text = ctx.product.use_case or ""
    given = {s["licence"]: s for s in spec.get("screenings", ())}
    out = []
    for lid in licences_in_use(models, ctx, kb):
        s = given.get(lid, {"verdict": "permitted"})
        verdict = Verdict(s["verdict"])
        matches = (
            ScreenMatch(key="k", name=s.get("name", "category"), verdict=verdict, section=s.get("section")),
        )
        out.append(
            Screening(
                text=text,
                verdict=verdict,
                policy_id=None,
                licence_id=lid,
                matches=matches if verdict is not Verdict.PERMITTED else (),
            )
        )
    return tuple(out) if text else ()


@dataclass(frozen=True)
class Outcome:
    results: tuple[Result, ...]

    @property
    def findings(self) -> dict[str, str]:
        """{code: status} of the findings (one status per code, or the test fails)."""
        return _by_code(r for r in self.results if r.is_finding)

    @property
    def all(self) -> dict[str, str]:
        """{code: status} of every result."""
        return _by_code(self.results)


def _by_code(results: Any) -> dict[str, str]:
    pairs = {(r.code, str(r.status)) for r in results}
    out = dict(pairs)
    assert len(out) == len(pairs), f"one code with several statuses: {sorted(pairs)}"
    return out


def _approve(
    config: dict[str, Any], approve: Any, models: Sequence[ModelUse], kb: KnowledgeBase
) -> dict[str, Any]:
    """Add approvals: True for every licence in use, a list for those, False for none."""
    if approve is False or "approvals" in config or not config:
        return config
    if approve is True:
        approve = licences_in_use(models, parse_config(to_toml(config)), kb)
    rows = [{"licence": lid, "approved_by": "Legal", "date": dt.date(2025, 1, 2)} for lid in approve]
    return {**config, "approvals": rows} if rows else config


def registry_snapshot(spec: Mapping[str, Any]) -> GovernanceSnapshot | None:
    """The GovernanceSnapshot of a scenario: ``registry_approved`` (licence ids) and ``registry``.

    ``registry`` holds ``signoffs`` ({licence, models, id, decision}), ``waivers``
    ({code, licence, expires, id}), ``mau`` ({organisation, month, users}),
    ``organisation`` and ``attribution_owner``, as the registry would load them.
    """
    reg: Mapping[str, Any] = spec.get("registry", {})
    signoffs = [
        SignoffState(licence_id=lid, product="p", environment=None, decision="approved")
        for lid in spec.get("registry_approved", ())
    ]
    signoffs += [
        SignoffState(
            licence_id=s["licence"],
            product="p",
            environment=None,
            decision=s.get("decision", "approved"),
            signoff_id=s.get("id"),
            models=tuple(s.get("models", ())),
        )
        for s in reg.get("signoffs", ())
    ]
    if not signoffs and not reg:
        return None
    waivers = tuple(
        WaiverState(
            code=w["code"],
            licence_id=w.get("licence"),
            reason=w.get("reason", "accepted"),
            approved_by=w.get("approved_by", "legal"),
            expires=str(w["expires"]),
            waiver_id=w.get("id"),
        )
        for w in reg.get("waivers", ())
    )
    mau = tuple(
        MauDeclarationState(
            organisation=m["organisation"], month=m["month"], users=m["users"], declared_by=m.get("by")
        )
        for m in reg.get("mau", ())
    )
    return GovernanceSnapshot(
        product="p",
        signoffs=tuple(signoffs),
        attribution_owner=reg.get("attribution_owner"),
        waivers=waivers,
        organisation=reg.get("organisation"),
        mau=mau,
    )


def run(spec: Mapping[str, Any], *, rules: tuple[Rule, ...] = RULES) -> Outcome:
    """Evaluate one scenario (see the module docstring for its keys)."""
    kb = with_catalogue(knowledge(*spec.get("needs", ())), spec.get("catalogue", ()))
    base = CLEAN if spec.get("base", "clean") == "clean" else {}
    config = merge(base, spec.get("config", {}))
    models = tuple(model_use(m, kb) for m in spec.get("models", ()))
    config = _approve(config, spec.get("approve", True), models, kb)
    ctx = parse_config(to_toml(config)) if config else DeploymentContext()
    ctx = replace(ctx, missing_paths=frozenset(spec.get("missing_paths", ())))
    governance = registry_snapshot(spec)
    results = evaluate(
        models,
        evidence(spec.get("evidence", {})),
        ctx,
        kb,
        governance=governance,
        screenings=_screenings(spec, models, ctx, kb),
        today=spec.get("today", TODAY),
        rules=rules,
        strict=True,
    )
    return Outcome(results)


def statuses(outcome: Outcome) -> set[Status]:
    """The statuses present in an outcome."""
    return {r.status for r in outcome.results}
