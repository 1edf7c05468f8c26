"""What a reviewer must re-check when a product moves from one licence version to another.

``diff_licences(kb, "llama-3", "llama-3.1")`` compares two ``LicenceTerms``
(and the use policies they incorporate) aspect by aspect and returns one
``Change`` per aspect that differs, with both values and the clause each
rests on. It is a pure function over the knowledge base: the CLI, the
registry (``VERSION_REVIEW_REQUIRED``) and the web pages all call it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from weightclear.knowledge.loader import KnowledgeBase
from weightclear.knowledge.schema import AupCategory, LicenceTerms, UsePolicy


class Aspect(StrEnum):
    """One thing about a licence version that a reviewer checks; the order is the report order."""

    USE_SCOPE = "use-scope"
    USER_THRESHOLD = "user-threshold"
    RELEASE_DATE = "release-date"
    ATTRIBUTION = "attribution"
    NAMING_PREFIX = "naming-prefix"
    NAMING_ON_OUTPUTS = "naming-on-outputs"
    OUTPUT_USE = "output-use"
    EU_MULTIMODAL = "eu-multimodal"
    AGREEMENT_COPY = "agreement-copy"
    NOTICE = "notice"
    FLOW_DOWN = "flow-down"
    GOVERNING_LAW = "governing-law"
    CLAUSE = "clause"  # a section whose one-line summary differs (or exists on one side only)
    AUP_ADDED = "aup-added"
    AUP_REMOVED = "aup-removed"
    AUP_REWORDED = "aup-reworded"
    AUP_RENUMBERED = "aup-renumbered"


@dataclass(frozen=True, kw_only=True)
class Change:
    """One aspect that differs between two licence versions.

    ``old``/``new`` are display values (``None``: the version has no such
    term); the clauses say where each version states it.
    """

    aspect: Aspect
    old: str | None
    new: str | None
    old_clause: str | None
    new_clause: str | None
    note: str  # one line: what the reviewer has to do about it
    key: str | None = None  # the AUP category key (aup-*) or the section (clause)


# A term as (display value, clause); (None, None) when the version lacks it.
_Value = tuple[str | None, str | None]


def _use_scope(t: LicenceTerms) -> _Value:
    return t.use_scope.value, t.use_scope_clause


def _threshold(t: LicenceTerms) -> _Value:
    u = t.user_threshold
    if u is None:
        return None, None
    who = "licensee and affiliates" if u.includes_affiliates else "licensee"
    exempt = "; integrated-product recipients exempt" if u.integrated_product_recipients_exempt else ""
    return f"more than {u.limit:,} {u.unit} ({who}), measured {u.measured}{exempt}", u.clause


def _release(t: LicenceTerms) -> _Value:
    return (t.release_date.isoformat() if t.release_date else None), "date line"


def _attribution(t: LicenceTerms) -> _Value:
    a = t.attribution
    if a is None:
        return None, None
    return " or ".join(repr(s) for s in (a.text, *a.alternatives)), a.clause


def _prefix(t: LicenceTerms) -> _Value:
    n = t.naming_prefix
    return (f"{n.prefix!r} at the {n.position}", n.clause) if n else (None, None)


def _on_outputs(t: LicenceTerms) -> _Value:
    n = t.naming_prefix
    return ("yes" if n.on_outputs else "no", n.clause) if n else (None, None)


def _output_use(t: LicenceTerms) -> _Value:
    o = t.output_use
    if o is None:
        return None, None
    extra = f" (except: {o.exception})" if o.exception else ""
    return o.improve_other_models + extra + ("; research only" if o.research_only else ""), o.clause


def _eu(t: LicenceTerms) -> _Value:
    e = t.eu_multimodal
    if e is None:
        return None, None
    exempt = "; end users exempt" if e.end_users_exempt else ""
    return "withheld in the EU for " + ", ".join(m.value for m in e.modalities) + exempt, e.clause


def _copy(t: LicenceTerms) -> _Value:
    r = t.redistribution
    return ("required" if r.agreement_copy else "not required", r.clause) if r else (None, None)


def _notice(t: LicenceTerms) -> _Value:
    r = t.redistribution
    if r is None or r.notice_text is None:
        return None, None
    return r.notice_text, r.notice_clause or r.clause


def _flow_down(t: LicenceTerms) -> _Value:
    f = t.flow_down
    return ("required" if f.required else "not required", f.clause) if f else (None, None)


def _law(t: LicenceTerms) -> _Value:
    g = t.governing_law
    if g is None:
        return None, None
    return g.law + (f"; {g.venue}" if g.venue else ""), g.clause


_TERMS: tuple[tuple[Aspect, Callable[[LicenceTerms], _Value], str], ...] = (
    (Aspect.USE_SCOPE, _use_scope, "re-check that the intended use is within the grant"),
    (Aspect.USER_THRESHOLD, _threshold, "re-check the user figures against the new limit"),
    (Aspect.RELEASE_DATE, _release, "users are counted for the calendar month before this date"),
    (Aspect.ATTRIBUTION, _attribution, "update the display string on every public surface"),
    (Aspect.NAMING_PREFIX, _prefix, "re-check the names of distributed derivative models"),
    (Aspect.NAMING_ON_OUTPUTS, _on_outputs, "re-check models trained on this model's outputs"),
    (Aspect.OUTPUT_USE, _output_use, "re-check how outputs are used to train or improve other models"),
    (Aspect.EU_MULTIMODAL, _eu, "re-check EU-based licensees using multimodal models"),
    (Aspect.AGREEMENT_COPY, _copy, "re-check the agreement copy that ships with the materials"),
    (Aspect.NOTICE, _notice, "replace the Notice file text with the new string"),
    (Aspect.FLOW_DOWN, _flow_down, "re-check the terms given to downstream users"),
    (Aspect.GOVERNING_LAW, _law, "tell legal: the governing law or venue changed"),
)


def term_values(terms: LicenceTerms) -> tuple[tuple[Aspect, str | None, str | None], ...]:
    """Each term of a licence as (aspect, display value, clause); value and clause are None when it lacks it.

    The one rendering of a term as text, shared by the diff and ``licence show``.
    """
    return tuple((aspect, *value(terms)) for aspect, value, _ in _TERMS)


def _term_changes(old: LicenceTerms, new: LicenceTerms) -> list[Change]:
    changes = []
    for (aspect, ov, oc), (_, nv, nc), (_, _, note) in zip(
        term_values(old), term_values(new), _TERMS, strict=True
    ):
        if ov != nv:
            changes.append(Change(aspect=aspect, old=ov, new=nv, old_clause=oc, new_clause=nc, note=note))
    return changes


def _clause_changes(old: LicenceTerms, new: LicenceTerms) -> list[Change]:
    """Sections whose summary differs; summaries are written version-neutral, so only substance shows."""
    changes = []
    for section in [*old.clauses, *(s for s in new.clauses if s not in old.clauses)]:
        before, after = old.clauses.get(section), new.clauses.get(section)
        if before != after:
            here = section if before is not None else None
            there = section if after is not None else None
            changes.append(
                Change(
                    aspect=Aspect.CLAUSE,
                    old=before,
                    new=after,
                    old_clause=here,
                    new_clause=there,
                    note="read the section again",
                    key=section,
                )
            )
    return changes


def _aup_clause(cat: AupCategory | None) -> str | None:
    return f"AUP §{cat.section}" if cat else None


def _aup_change(aspect: Aspect, old: AupCategory | None, new: AupCategory | None, note: str) -> Change:
    either = new or old
    assert either is not None  # one side always exists; the caller guarantees it
    return Change(
        aspect=aspect,
        old=f"{old.name}: {old.meaning}" if old else None,
        new=f"{new.name}: {new.meaning}" if new else None,
        old_clause=_aup_clause(old),
        new_clause=_aup_clause(new),
        note=note,
        key=either.key,
    )


def _policy_changes(old: UsePolicy | None, new: UsePolicy | None) -> list[Change]:
    """Categories added, removed, reworded or renumbered, matched by their shared key."""
    before = {c.key: c for c in (old.categories if old else ())}
    after = {c.key: c for c in (new.categories if new else ())}
    changes = []
    for key, cat in after.items():
        was = before.get(key)
        if was is None:
            changes.append(
                _aup_change(Aspect.AUP_ADDED, None, cat, "a new prohibited use: screen the use case again")
            )
        elif (was.name, was.meaning) != (cat.name, cat.meaning):
            changes.append(_aup_change(Aspect.AUP_REWORDED, was, cat, "the prohibited use reads differently"))
        elif was.section != cat.section:
            changes.append(_aup_change(Aspect.AUP_RENUMBERED, was, cat, "same meaning, new section number"))
    changes += [
        _aup_change(Aspect.AUP_REMOVED, cat, None, "no longer listed as prohibited")
        for key, cat in before.items()
        if key not in after
    ]
    return changes


def diff_licences(kb: KnowledgeBase, old_id: str, new_id: str) -> tuple[Change, ...]:
    """Every aspect a reviewer must re-check when moving from ``old_id`` to ``new_id``.

    Raises ``KnowledgeError`` for an unknown id. Equal ids give no changes.
    Term changes come first in ``Aspect`` order, then use-policy changes.
    """
    old, new = kb.licence(old_id), kb.licence(new_id)
    if old.id == new.id:
        return ()
    changes = _term_changes(old, new) + _clause_changes(old, new)
    changes += _policy_changes(kb.policy_for(old.id), kb.policy_for(new.id))
    order = list(Aspect)
    return tuple(sorted(changes, key=lambda c: order.index(c.aspect)))
