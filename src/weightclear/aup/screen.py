"""Screen a use case against a use policy: verdict, categories, sections and the phrases why.

The matcher finds concepts in the text once; each policy then decides what
they mean. A harmful concept is ``prohibited`` only when the policy lists one
of its category keys (with the policy's section); a harm the policy does not
list, and every sensitive sector, is ``review``. So the same text can be
prohibited under Llama 3.2 and only need review under Llama 3.1.

A similarity vote over labelled cases of our own (``aup.similar``) is a capped
second opinion: it may raise ``permitted`` to ``review`` when the nearest cases
are harmful, and raise a harm the rules found (at ``review``) to ``prohibited``
when the nearest cases agree strongly on a category the policy lists. It never
speaks when the rules found a defensive or educational frame, and never lowers.

The learned classifier (``aup.learned``: hashed n-grams and the rules' signals,
plus word embeddings with the semantic extra) is a third opinion under
limits chosen by leave-one-author-out validation: it may raise a verdict to
``review`` or, with a category the nearest prohibited cases share, to
``prohibited``, and overrules a defensive or educational frame only when it is
nearly certain. The one way it lowers: a prohibited verdict becomes ``review``
(still a stop for a person, never ``permitted``) when it is confident the use
is not prohibited, and the phrases say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from weightclear.aup import learned
from weightclear.aup.concepts import ConceptKind, load_concepts
from weightclear.aup.learned import Limits, Prediction
from weightclear.aup.matcher import Hit, Matcher, normalise
from weightclear.aup.semantic import RULES, SEMANTIC, embedder, mode
from weightclear.aup.similar import Vote, index
from weightclear.knowledge import KnowledgeBase
from weightclear.knowledge.schema import AupCategory, UsePolicy
from weightclear.model import Screening, ScreenMatch, Verdict

VERDICT_RANK: dict[Verdict, int] = {Verdict.PERMITTED: 0, Verdict.REVIEW: 1, Verdict.PROHIBITED: 2}

# The similarity vote's caps, set on the dev cases (leave-one-out): to raise permitted to
# review, the nearest case must be this close and this share of the votes harmful ...
RAISE_MIN_SIMILARITY = 0.20
RAISE_HARMFUL_SHARE = 0.80
# ... and to raise a harm the rules found to prohibited, closer and nearly unanimous.
PROHIBIT_MIN_SIMILARITY = 0.25
PROHIBIT_SHARE = 0.70
SIMILAR_KEY = "similar-cases"
LEARNED_KEY = "learned-classifier"


@cache
def matcher() -> Matcher:
    """The process-wide matcher over the bundled concepts (compiled on first use)."""
    return Matcher(load_concepts())


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    """The most severe verdict of several (``permitted`` for none)."""
    return max(verdicts, key=VERDICT_RANK.__getitem__, default=Verdict.PERMITTED)


def _category(policy: UsePolicy | None, keys: Sequence[str]) -> AupCategory | None:
    """The first of ``keys`` that the policy lists, as the policy's category."""
    if policy is None:
        return None
    by_key = {c.key: c for c in policy.categories}
    return next((by_key[k] for k in keys if k in by_key), None)


def _match(hit: Hit, policy: UsePolicy | None) -> ScreenMatch:
    """What one concept hit means under one policy."""
    concept = hit.concept
    if hit.neutralised_by is not None and hit.neutral_verdict is not None:
        return ScreenMatch(
            key=concept.key,
            name=concept.name,
            verdict=hit.neutral_verdict,
            phrases=(*hit.phrases, hit.neutralised_by),
        )
    category = _category(policy, concept.policy_keys)
    phrases = hit.phrases
    if category is None and hit.intent is not None:
        # a sector stated with a prohibited intent: prohibited under the intent's keys
        category = _category(policy, hit.intent_keys)
        phrases = (*hit.phrases, hit.intent)
    if category is not None:
        return ScreenMatch(
            key=category.key,
            name=category.name,
            verdict=Verdict.PROHIBITED,
            section=category.section,
            phrases=phrases,
        )
    verdict = Verdict.REVIEW if concept.kind is ConceptKind.HARM and policy is None else concept.otherwise
    return ScreenMatch(key=concept.key, name=concept.name, verdict=verdict, phrases=hit.phrases)


def _merge(matches: Iterable[ScreenMatch]) -> tuple[ScreenMatch, ...]:
    """One match per key (the most severe), phrases joined; most severe first."""
    merged: dict[str, ScreenMatch] = {}
    for m in matches:
        old = merged.get(m.key)
        if old is None:
            merged[m.key] = m
            continue
        keep = m if VERDICT_RANK[m.verdict] > VERDICT_RANK[old.verdict] else old
        phrases = tuple(dict.fromkeys((*keep.phrases, *old.phrases, *m.phrases)))
        merged[m.key] = ScreenMatch(
            key=keep.key, name=keep.name, verdict=keep.verdict, section=keep.section, phrases=phrases
        )
    return tuple(sorted(merged.values(), key=lambda m: -VERDICT_RANK[m.verdict]))


def _likeness(vote: Vote, label: str) -> tuple[str, ...]:
    """The nearest labelled cases with ``label``, as phrases a reviewer can check."""
    return tuple(
        f'like labelled {n.label} case "{n.text}" ({n.similarity:.2f})'
        for n in vote.neighbours
        if n.label in label
    )[:2]


def _named_elsewhere(found: list[tuple[Hit, ScreenMatch]], key: str) -> bool:
    """Whether the rules named a harm of another category than ``key``.

    Such a harm stays as the rules put it: when the policy does not list it, review is
    how the policies differ (Gemma prohibits what Llama reviews).
    """
    return any(
        h.concept.kind is ConceptKind.HARM and not h.concept.backstop and key not in h.concept.policy_keys
        for h, _ in found
    )


def _raisable(found: list[tuple[Hit, ScreenMatch]], key: str) -> bool:
    """Whether the neighbours' category ``key`` may raise what the rules found to prohibited.

    The rules must have found something (a sector, harm wording, a harm of that category),
    and no harm of another category.
    """
    return bool(found) and not _named_elsewhere(found, key)


def _similar(
    found: list[tuple[Hit, ScreenMatch]], vote: Vote | None, policy: UsePolicy | None
) -> ScreenMatch | None:
    """What the similarity vote adds under the caps, or None."""
    if vote is None or any(h.neutralised_by is not None for h, _ in found):
        return None  # the rules saw a defensive or educational frame: trust them
    verdict = worst(m.verdict for _, m in found)
    harmful = vote.share("prohibited") + vote.share("review")
    if verdict is Verdict.PERMITTED:
        if vote.top >= RAISE_MIN_SIMILARITY and harmful >= RAISE_HARMFUL_SHARE:
            return ScreenMatch(
                key=SIMILAR_KEY,
                name="Reads like labelled cases that are prohibited or need review",
                verdict=Verdict.REVIEW,
                phrases=_likeness(vote, "prohibited review"),
            )
        return None
    key = vote.category("prohibited")
    if verdict is not Verdict.REVIEW or not key or not _raisable(found, key):
        return None
    if vote.top < PROHIBIT_MIN_SIMILARITY or vote.share("prohibited") < PROHIBIT_SHARE:
        return None
    if any(h.concept.kind is ConceptKind.SAFEGUARD for h, _ in found):
        return None  # a stated safeguard reads like the harm it guards against: the likeness proves nothing
    category = _category(policy, (key,))
    if category is None:
        return None
    return ScreenMatch(
        key=category.key,
        name=category.name,
        verdict=Verdict.PROHIBITED,
        section=category.section,
        phrases=_likeness(vote, "prohibited"),
    )


def _learned_match(
    found: list[tuple[Hit, ScreenMatch]],
    verdict: Verdict,
    prediction: Prediction,
    vote: Vote | None,
    limits: Limits,
    policy: UsePolicy | None,
) -> ScreenMatch | None:
    """What the n-gram classifier adds: raise to review or prohibited, never lower.

    A prohibited verdict needs a category the policy lists: the one the nearest
    prohibited labelled cases share, when the rules named no other harm for the text.
    """
    p = prediction.probabilities
    if any(h.neutralised_by is not None for h, _ in found) and p["prohibited"] < limits.overrule_frame:
        return None  # the rules saw a defensive or educational frame: trust them unless very unlike
    odds = f"classifier: prohibited {p['prohibited']:.2f}, review {p['review']:.2f}"
    why = (odds, *prediction.reasons)
    # the lower limit needs the rules to have found a harm or sector, not only the neighbours
    ruled = worst(m.verdict for _, m in found)
    cut = limits.review_to_prohibited if ruled is Verdict.REVIEW else limits.permitted_to_prohibited
    key = vote.category("prohibited") if vote is not None else None
    if (
        verdict is not Verdict.PROHIBITED
        and key
        and p["prohibited"] >= cut
        and not _named_elsewhere(found, key)
    ):
        category = _category(policy, (key,))
        if category is not None:
            likeness = _likeness(vote, "prohibited") if vote is not None else ()
            return ScreenMatch(
                key=category.key,
                name=category.name,
                verdict=Verdict.PROHIBITED,
                section=category.section,
                phrases=(*why, *likeness),
            )
    if verdict is Verdict.PERMITTED and p["review"] + p["prohibited"] >= limits.permitted_to_review:
        return ScreenMatch(
            key=LEARNED_KEY,
            name="The classifier trained on labelled cases reads it as harmful or sensitive",
            verdict=Verdict.REVIEW,
            phrases=why,
        )
    return None


def _lowered(
    kept: list[ScreenMatch], prediction: Prediction, limits: Limits, outright: frozenset[str] = frozenset()
) -> list[ScreenMatch] | None:
    """The matches with every prohibited one lowered to review, when the classifier is confident
    the use is not prohibited (P(prohibited) below ``prohibited_to_review``); None otherwise.

    ``outright``: keys of sectors this policy prohibits as such (DeepSeek's any military use). The
    classifier judges how harmful a text reads, learnt on Llama 4's labels; it cannot overrule a
    policy that forbids a whole sector, so such a match keeps its verdict and nothing is lowered."""
    p = prediction.probabilities["prohibited"]
    if p >= limits.prohibited_to_review or worst(m.verdict for m in kept) is not Verdict.PROHIBITED:
        return None
    if any(m.key in outright and m.verdict is Verdict.PROHIBITED for m in kept):
        return None
    why = (
        f"lowered to review by the classifier: prohibited {p:.2f} < {limits.prohibited_to_review:.2f}"
        " (a person decides)"
    )
    return [
        replace(m, verdict=Verdict.REVIEW, phrases=(*m.phrases, why))
        if m.verdict is Verdict.PROHIBITED
        else m
        for m in kept
    ]


def with_classifier(
    found: list[tuple[Hit, ScreenMatch]],
    kept: list[ScreenMatch],
    prediction: Prediction,
    vote: Vote | None,
    limits: Limits,
    policy: UsePolicy | None,
) -> list[ScreenMatch]:
    """The rules' and neighbours' matches after the classifier's say: lower a prohibited verdict
    to review when it is confident there is no prohibited use, or raise one (``_learned_match``)."""
    outright = frozenset(
        m.key for h, m in found if h.concept.kind is ConceptKind.SECTOR and m.verdict is Verdict.PROHIBITED
    )
    lowered = _lowered(kept, prediction, limits, outright)
    if lowered is not None:
        return lowered
    extra = _learned_match(found, worst(m.verdict for m in kept), prediction, vote, limits, policy)
    return kept if extra is None else [*kept, extra]


def base_matches(
    hits: tuple[Hit, ...], policy: UsePolicy | None, vote: Vote | None
) -> tuple[list[tuple[Hit, ScreenMatch]], list[ScreenMatch]]:
    """What each hit means under the policy, and the matches the rules and neighbours keep."""
    found = [(hit, _match(hit, policy)) for hit in hits]
    decided = any(m.verdict is not Verdict.PERMITTED for h, m in found if not h.concept.backstop)
    # A backstop (harm wording that no specific concept explains) only speaks when nothing else does.
    kept = [m for h, m in found if not (h.concept.backstop and decided)]
    similar = _similar(found, vote, policy)
    if similar is not None:
        kept.append(similar)
    return found, kept


def _screening(
    text: str,
    hits: tuple[Hit, ...],
    policy: UsePolicy | None,
    licence_id: str | None,
    vote: Vote | None = None,
    prediction: Prediction | None = None,
    limits: Limits | None = None,
) -> Screening:
    found, kept = base_matches(hits, policy, vote)
    if prediction is not None:
        rule = limits or learned.classifier(mode() == SEMANTIC).limits
        kept = with_classifier(found, kept, prediction, vote, rule, policy)
    matches = _merge(kept)
    return Screening(
        text=text,
        verdict=worst(m.verdict for m in matches),
        policy_id=policy.id if policy else None,
        licence_id=licence_id,
        matches=matches,
    )


def predict(text: str, hits: Sequence[Hit]) -> Prediction | None:
    """The learned classifier's prediction, or None when WEIGHTCLEAR_AUP_MODE=rules."""
    running = mode()
    if running == RULES:
        return None
    if running == SEMANTIC:
        embedding = embedder().embed(text)
        return learned.classifier(True).predict(normalise(text), learned.signals(hits), embedding)
    return learned.classifier().predict(normalise(text), learned.signals(hits))


def screen(text: str, policy: UsePolicy | None, *, licence_id: str | None = None) -> Screening:
    """Screen one use case against one policy (``None``: no policy, so harms become ``review``)."""
    hits = matcher().hits(text)
    return _screening(text, hits, policy, licence_id, index().vote(text), predict(text, hits))


def screen_all(text: str, kb: KnowledgeBase, licence_ids: Sequence[str]) -> tuple[Screening, ...]:
    """Screen one use case against the policy of each licence (matching runs once).

    Raises KnowledgeError for a licence id the knowledge base does not know.
    """
    policies = [(lid, kb.policy_for(lid)) for lid in licence_ids]
    hits = matcher().hits(text)
    vote, prediction = index().vote(text), predict(text, hits)
    return tuple(_screening(text, hits, policy, lid, vote, prediction) for lid, policy in policies)


def llama_licences(kb: KnowledgeBase) -> tuple[str, ...]:
    """Every Llama licence version that incorporates a use policy, oldest first (the default)."""
    found = [t for t in kb.licences.values() if t.family == "llama" and t.aup_id]
    found.sort(key=lambda t: (t.release_date is None, t.release_date, t.id))
    return tuple(t.id for t in found)


def differences(screenings: Sequence[Screening]) -> tuple[str, ...]:
    """Lines saying where the verdicts of several licence versions differ (empty when they agree)."""
    verdicts = {s.verdict for s in screenings}
    if len(verdicts) < 2:
        return ()
    lines: list[str] = []
    for s in screenings:
        cats = ", ".join(
            f"{m.key} {m.section}" if m.section else m.key for m in s.matches if m.verdict is s.verdict
        )
        lines.append(f"{s.licence_id}: {s.verdict.value}" + (f" ({cats})" if cats else ""))
    return tuple(lines)
