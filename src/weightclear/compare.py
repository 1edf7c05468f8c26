"""Open-weights licences side by side, and the checklist for closed-weights API contracts.

``compare_licences`` turns knowledge-base terms into rows of short facts (one
row per aspect a reviewer weighs: commercial use, thresholds, attribution,
naming, redistribution, use-policy flow-down, output use, the EU limit, law
and venue), each with the clause it rests on. Nothing here hard-codes a
licence fact; everything comes from ``LicenceTerms``.

The API checklist covers what a closed-weights provider contract can hide
(auto-renewal, minimum spend, data portability, fine-tuning limits, use of
your data). ``api_checklist_template`` writes it as TOML for a reviewer to fill
in; ``load_api_checklist`` reads the filled file for the evidence pack.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from weightclear.errors import ConfigError, InputError
from weightclear.knowledge import KnowledgeBase
from weightclear.knowledge.schema import LicenceTerms


@dataclass(frozen=True, kw_only=True)
class Row:
    """One aspect across the compared licences: licence id -> short fact (with its clause)."""

    aspect: str
    values: tuple[tuple[str, str], ...]

    def value(self, licence_id: str) -> str:
        """The fact for one licence ('' when absent)."""
        return dict(self.values).get(licence_id, "")


def _cite(text: str, clause: str | None) -> str:
    return f"{text} ({clause})" if clause else text


def _commercial(t: LicenceTerms) -> str:
    return _cite(t.use_scope.value.replace("-", " "), t.use_scope_clause)


def _threshold(t: LicenceTerms) -> str:
    th = t.user_threshold
    if th is None:
        return "none"
    unit = "monthly active users" if th.unit == "monthly-active-users" else "USD annual revenue"
    scope = ", affiliates included" if th.includes_affiliates else ""
    return _cite(f"above {th.limit:,} {unit} ({th.measured}{scope}): {th.consequence}", th.clause)


def _attribution(t: LicenceTerms) -> str:
    a = t.attribution
    if a is None:
        return "none"
    only = "; derivatives only" if a.derivatives_only else ""
    return _cite(f'show "{a.text}" on {", ".join(a.surfaces)}{only}', a.clause)


def _naming(t: LicenceTerms) -> str:
    n = t.naming_prefix
    if n is None:
        return "none"
    where = "at the start of" if n.position == "start" else "in"
    also = ", also for models trained on its outputs" if n.on_outputs else ""
    return _cite(f'"{n.prefix}" {where} a distributed derivative\'s name{also}', n.clause)


def _redistribution(t: LicenceTerms) -> str:
    r = t.redistribution
    if r is None:
        return "no conditions recorded"
    parts = ["ship a copy of the agreement" if r.agreement_copy else "no agreement copy required"]
    if r.notice_text:
        parts.append("a Notice file with the licensor's string")
    if r.modified_files_marked:
        parts.append("mark modified files")
    return _cite("; ".join(parts), r.clause)


def _flow_down(t: LicenceTerms) -> str:
    f = t.flow_down
    if f is None:
        return "none" if t.aup_id is None else f"use policy {t.aup_id} applies"
    return _cite(("required: " if f.required else "not required: ") + f.what, f.clause)


def _output_use(t: LicenceTerms) -> str:
    o = t.output_use
    if o is None:
        return "no limit recorded"
    return _cite(o.improve_other_models.replace("-", " ") + " to improve other models", o.clause)


def _eu(t: LicenceTerms) -> str:
    e = t.eu_multimodal
    if e is None:
        return "none"
    return _cite(
        "withheld from EU-domiciled licensees for " + ", ".join(m.value for m in e.modalities), e.clause
    )


def _law(t: LicenceTerms) -> str:
    g = t.governing_law
    if g is None:
        return "not stated"
    return _cite(g.law + (f"; venue: {g.venue}" if g.venue else ""), g.clause)


ASPECTS: tuple[tuple[str, Callable[[LicenceTerms], str]], ...] = (
    ("Title", lambda t: t.title),
    ("Release date", lambda t: t.release_date.isoformat() if t.release_date else "not stated"),
    ("Commercial use", _commercial),
    ("User or revenue threshold", _threshold),
    ("Attribution", _attribution),
    ("Derivative naming", _naming),
    ("Redistribution", _redistribution),
    ("Use-policy flow-down", _flow_down),
    ("Use of outputs", _output_use),
    ("EU multimodal limit", _eu),
    ("Governing law and venue", _law),
)


def default_ids(kb: KnowledgeBase) -> tuple[str, ...]:
    """The open-weights licence agreements in the knowledge base (standard OSS licences left out)."""
    return tuple(sorted(lid for lid, t in kb.licences.items() if t.kind == "agreement"))


def compare_licences(kb: KnowledgeBase, ids: Sequence[str]) -> tuple[Row, ...]:
    """One row per aspect, one value per licence, in the order of ``ids``."""
    missing = [lid for lid in ids if lid not in kb.licences]
    if missing:
        raise InputError(f"unknown licence id(s): {', '.join(missing)}; see `weightclear licence list`")
    terms = [kb.licences[lid] for lid in ids]
    return tuple(Row(aspect=name, values=tuple((t.id, fn(t)) for t in terms)) for name, fn in ASPECTS)


# -- closed-weights API contract checklist ---------------------------------------------

#: (key, question) pairs; the keys are stable, the questions are ours
API_ITEMS: tuple[tuple[str, str], ...] = (
    ("auto_renewal", "Does the contract renew automatically, and what notice ends it?"),
    ("minimum_spend", "Is there a minimum spend or committed volume, and what happens below it?"),
    ("price_changes", "Can the provider change prices or rate limits during the term, on what notice?"),
    ("data_use", "May the provider use prompts, outputs or files to train or improve its models?"),
    ("data_retention", "How long are prompts and outputs kept, and where (regions)?"),
    (
        "data_portability",
        "Can fine-tunes, embeddings, logs and other data be exported on exit, in what format?",
    ),
    ("fine_tuning_limits", "Who owns fine-tuned weights, and may they be used outside this provider?"),
    ("output_ownership", "Who owns outputs, and are any uses of outputs restricted?"),
    ("model_deprecation", "How much notice before a model version is retired or changed?"),
    ("usage_policy", "Which usage policy applies, and can it change unilaterally?"),
    ("indemnity", "Does the provider indemnify against third-party IP claims over outputs?"),
    ("liability_cap", "What is the liability cap, and does it cover data incidents?"),
    ("governing_law", "Governing law and venue."),
)
ANSWERS = ("yes", "no", "n/a", "unknown")


@dataclass(frozen=True, kw_only=True)
class ChecklistAnswer:
    """One answered item of the API checklist."""

    key: str
    question: str
    answer: str  # yes | no | n/a | unknown
    notes: str = ""
    clause: str = ""  # where the contract says it


@dataclass(frozen=True, kw_only=True)
class ApiChecklist:
    """A filled closed-weights API contract checklist."""

    path: str
    provider: str
    contract: str
    reviewer: str
    date: dt.date | None
    items: tuple[ChecklistAnswer, ...]

    @property
    def open_items(self) -> tuple[ChecklistAnswer, ...]:
        """Items not yet answered."""
        return tuple(i for i in self.items if i.answer == "unknown")


def api_checklist_template() -> str:
    """The TOML template a reviewer fills in (one table per item)."""
    lines = [
        "# Closed-weights API contract checklist (weightclear). Fill it in and pass it to",
        "# `weightclear report evidence --api-checklist FILE`. Answers: yes | no | n/a | unknown.",
        "",
        'provider = ""          # e.g. the API vendor',
        'contract = ""          # the agreement and its version or date',
        'reviewer = ""          # name <email>',
        "# date = 2025-01-31",
        "",
    ]
    for key, question in API_ITEMS:
        lines += [f"[{key}]", f"# {question}", 'answer = "unknown"', 'clause = ""', 'notes = ""', ""]
    return "\n".join(lines)


def _item(path: Path, key: str, question: str, raw: object) -> ChecklistAnswer:
    if not isinstance(raw, dict):
        raise ConfigError(f"[{key}] must be a table with answer, clause and notes", path=str(path), key=key)
    answer = str(raw.get("answer", "unknown")).strip().lower()
    if answer not in ANSWERS:
        raise ConfigError(f"answer must be one of {', '.join(ANSWERS)}", path=str(path), key=f"{key}.answer")
    return ChecklistAnswer(
        key=key,
        question=question,
        answer=answer,
        notes=str(raw.get("notes", "")),
        clause=str(raw.get("clause", "")),
    )


def load_api_checklist(path: Path) -> ApiChecklist:
    """Read a filled checklist; unknown keys and answers are errors that name the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the checklist: {exc.strerror}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from exc
    known = {k for k, _ in API_ITEMS} | {"provider", "contract", "reviewer", "date"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r}", path=str(path), key=unknown[0])
    date = data.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise ConfigError("date must be a TOML date (2025-01-31)", path=str(path), key="date")
    items = tuple(_item(path, key, q, data.get(key, {})) for key, q in API_ITEMS)
    return ApiChecklist(
        path=path.name,
        provider=str(data.get("provider", "")),
        contract=str(data.get("contract", "")),
        reviewer=str(data.get("reviewer", "")),
        date=date,
        items=items,
    )
