"""Find the concepts a use-case text touches, independent of any policy.

The text is normalised once; every concept rule is a set of regular
expressions. A phrase right after a negation ("no spam", "never gives medical
advice") does not count. A harmful phrase governed by a defensive intent
("detect fraud", "a malware classifier") or in an educational frame ("the
history of chemical weapons") is *neutralised*: it is kept, so the reviewer
sees why, but it carries the concept's ``defended`` verdict instead. Evasion
cues ("undetectable", "step by step") cancel every neutralising reading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from weightclear.aup.concepts import Concept, ConceptSet, Rule
from weightclear.model import Verdict

# How far before a phrase a defensive verb may stand and still govern it, and how
# far after it a defensive noun may follow ("fraud detection", "spam filter").
_BEFORE_CHARS = 70
_AFTER_CHARS = 36
_NEGATION_WORDS_BEFORE = 2
# A refusal frame ("the bot refuses ...", "a refusal test") holds only when nothing in the text
# undoes refusing: a wish for fewer refusals or a model that never refuses is the opposite.
_REFUSAL_UNDONE = re.compile(
    r"\b(?:never|no longer|stops?|stopping|quits?|won't|will not|doesn't|does not|don't|do not|without|"
    r"less|fewer|lower|reduc\w*|remov\w*|strip\w*|abliterat\w*|bypass\w*|eliminat\w*|disabl\w*|undo\w*|"
    r"get rid of|away|jailbreak\w*|uncensor\w*|ignor\w*|overrid\w*)\W+(?:[\w'-]+\W+){0,3}?refus"
    r"|\b(?:refus|declin)\w* (?:nothing|no one|no requests?|less|fewer|anything)\b"
    # a complaint that it refuses too much ("it refuse many of our requests")
    r"|\b(?:refus|declin|block)\w* (?:too |so )?(?:many|most|lots|a lot|half|some) (?:of )?"
    r"(?:our |my |the |their )?(?:requests|prompts|questions|queries)"
    # a bot told to deny being one ("if asked 'are you bot' say no") is not refusing anything
    r"|\bask\w*\W+(?:[\w'-]+\W+){0,4}?(?:bot|ai|robot|machine)\W+"
    r"(?:[\w'-]+\W+){0,4}?(?:say|answer|reply)\w* no\b"
    r"|\b(?:unlock|rout|redirect|forward)\w*\W+(?:[\w'-]+\W+){0,5}?(?:refus|declin)"
)
# A refusal frame (and a defensive verb before a phrase) covers only what is asked of the system:
# the refusal's object, or a request word shortly before the harmful phrase (or at its head), in the
# same sentence, with no other duty between them. "Refuses off-topic questions and writes phishing
# emails" states two duties, and the second is no refused request.
_REQUEST_WORD = re.compile(
    r"\b(?:asks?|asked|asking|requests?|requested|prompts?|questions?|quer(?:y|ies)|wants?|wanting|tries|"
    r"try|trying|attempts?)\b"
)
_REQUEST_REACH = 70
# A second duty is a sentence break, a third-person verb after a conjunction ("and writes"), or an
# instruction verb after one: "write phishing emails, and keep copies to train our classifier" gives
# the purpose to keeping copies, not to the emails.
_OTHER_DUTY = re.compile(
    r"[;.!?]\s|\b(?:and|but|also|then|while|plus)\s+(?:also\s+|then\s+)?(?!the\b|this\b|its\b)[a-z]+(?:s|es)\b"
    r"|\b(?:and|then|also)\s+(?:also\s+|then\s+)?(?:keep|store|save|log|archive|retain|use|reuse|send|post|"
    r"publish|share|sell|upload|add|feed|collect|record|copy|forward|submit|export|run|deploy)\b"
)

# A second defensive verb that shares the first one's object ("detects and reports", "flags or removes").
_SHARED_OBJECT = re.compile(
    r"\s*\b(?:and|or)\s+(?:then\s+)?(?:report|escalat|flag|remov|delet|block|quarantin|log|alert|label|blur|hid|"
    r"track|review|redact|filter|takes? down)\w*"
)

_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
# Contractions typed without the apostrophe ("dont", "theyre") get it back, so the rules see one spelling
# of each. Only forms that are no other English word: "wont", "cant", "its", "were", "lets", "ill" and
# "im" stay as typed.
_BARE_CONTRACTION = re.compile(
    r"\b(?:do|does|did|is|are|was|were|has|have|had|should|would|could|must|need)nt\b"
    r"|\b(?:they|you)(?:re|ve)\b|\b(?:we|i)ve\b|\b(?:that|what|there|who)s\b"
)


@dataclass(frozen=True)
class Hit:
    """One concept the text touches, the phrases that led there, and any neutralising cue."""

    concept: Concept
    phrases: tuple[str, ...]
    neutralised_by: str | None = None  # e.g. 'defensive intent "detect"'
    neutral_verdict: Verdict | None = None  # the verdict the neutralising cue leads to
    intent: str | None = None  # a prohibited intent stated with a sector, e.g. 'no consent "they don't know"'
    intent_keys: tuple[str, ...] = ()  # the policy keys of that intent


# Single quotes around a word or a few ('customers', 'consulting fee') mark irony or a euphemism, and
# the words inside are what the patterns read: an opening quote after no letter, a closing one before
# none, so apostrophes ("they're", "players' gpus") stay.
_SCARE_QUOTES = re.compile(r"(?<![\w'])'([^'\n]{1,60}?)'(?![\w])")


def normalise(text: str) -> str:
    """Lower-case, plain quotes and dashes, single spaces: the form every pattern sees."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _SCARE_QUOTES.sub(r"\1", _BARE_CONTRACTION.sub(_with_apostrophe, text))
    # feature flags and ticket slugs join their words with underscores (`fake_reviews_for_rival`), or
    # with hyphens when the whole text is one slug (`fake-reviews-for-rival`; `anti-spam` in a sentence stays)
    text = text.replace("_", " ")
    if text.count("-") >= 2 and len(text.split()) == 1:
        text = text.replace("-", " ")
    return " ".join(text.split())


def _with_apostrophe(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.endswith("nt"):
        return f"{word[:-2]}n't"
    if word.endswith(("re", "ve")):
        return f"{word[:-2]}'{word[-2:]}"
    return f"{word[:-1]}'s"


class Matcher:
    """Applies a compiled ConceptSet to texts; stateless and safe to share."""

    def __init__(self, concepts: ConceptSet) -> None:
        self._set = concepts
        neg = concepts.negation.pattern
        # a negation word followed by at most two words, right before the phrase
        self._negated_tail = re.compile(
            neg + r"\W+(?:[\w'-]+\W+){0,%s}$".replace("%s", str(_NEGATION_WORDS_BEFORE))
        )
        self._defensive_head = re.compile(r"^\W*(?:[\w'-]+\W+){0,1}?" + concepts.defensive.pattern)

    def hits(self, text: str) -> tuple[Hit, ...]:
        """Every concept the (raw) text touches, in concept-file order."""
        norm = normalise(text)
        refusal = self._refusal(norm)
        offensive = self._offensive(norm, refusal)
        educational = None if offensive else self._set.educational.search(norm)
        intent = self._intent(norm)
        found: list[Hit] = []
        for concept in self._set.concepts:
            hit = self._concept_hit(concept, norm, offensive, educational, refusal)
            if hit is not None and intent and concept.intent and hit.neutralised_by is None:
                hit = replace(hit, intent=intent[0], intent_keys=intent[1])
            if hit is not None:
                found.append(hit)
        return tuple(found)

    def _refusal(self, norm: str) -> re.Match[str] | None:
        """A system that refuses harmful requests, or a test that it does (None when undone)."""
        if self._set.refusal is None or _REFUSAL_UNDONE.search(norm):
            return None
        return self._set.refusal.search(norm)

    def _offensive(self, norm: str, refusal: re.Match[str] | None) -> bool:
        """Whether an evasion or instruction cue stands, other than a request the system refuses."""
        return any(
            refusal is None or not _refused_request(norm, m.start(), refusal)
            for m in self._set.offensive.finditer(norm)
        )

    def _intent(self, norm: str) -> tuple[str, tuple[str, ...]] | None:
        """The first prohibited intent the text states (un-negated) and its policy keys, or None."""
        for intent in self._set.intents:
            for m in intent.pattern.finditer(norm):
                if not self._negated(norm, m.start()):
                    return f'{intent.name} "{m.group(0)}"', intent.policy_keys
        return None

    def _concept_hit(
        self,
        concept: Concept,
        norm: str,
        offensive: bool,
        educational: re.Match[str] | None,
        refusal: re.Match[str] | None,
    ) -> Hit | None:
        best: Hit | None = None
        for rule in concept.rules:
            spans = self._rule_spans(rule, norm, offensive)
            if spans is None:
                continue
            phrases = tuple(dict.fromkeys(norm[s:e] for s, e in spans))
            cue = None if offensive else self._neutraliser(concept, norm, spans, educational, refusal)
            if cue is None:
                return Hit(concept=concept, phrases=phrases)  # an un-neutralised rule decides
            hit = Hit(concept=concept, phrases=phrases, neutralised_by=cue[0], neutral_verdict=cue[1])
            best = best or hit
        return best

    def _rule_spans(self, rule: Rule, norm: str, offensive: bool) -> list[tuple[int, int]] | None:
        """One un-negated span of every group, or None when the rule does not fire.

        ``unless`` patterns name benign frames ("antivirus", "our own servers"); an
        evasion cue in the text overrides them as it overrides defensive intent.
        """
        if not offensive and any(p.search(norm) for p in rule.unless):
            return None
        candidates: list[list[tuple[int, int]]] = []
        for index, group in enumerate(rule.groups):
            # Only the head (the action) can be negated: "never give legal advice" is not
            # legal advice, but "avoid hiring women" still names women.
            spans = [m.span() for m in group.finditer(norm) if index or not self._negated(norm, m.start())]
            if not spans:
                return None
            candidates.append(spans)
        if rule.within is None:
            return [spans[0] for spans in candidates]
        return _close_together(candidates, rule.within)

    def _negated(self, norm: str, start: int) -> bool:
        return self._negated_tail.search(norm[max(0, start - 40) : start]) is not None

    def _neutraliser(
        self,
        concept: Concept,
        norm: str,
        spans: list[tuple[int, int]],
        educational: re.Match[str] | None,
        refusal: re.Match[str] | None = None,
    ) -> tuple[str, Verdict] | None:
        """Why the hit is neutralised and the verdict that leaves, or None."""
        if educational is not None and concept.educable:
            # teaching, history and news about a harm are permitted, whatever the harm
            return f'educational frame "{educational.group(0)}"', Verdict.PERMITTED
        if not concept.defensible:
            return None
        if refusal is not None and _refused_request(norm, spans[0][0], refusal):
            return f'refusal frame "{refusal.group(0)}"', concept.defended
        # any stated purpose of the phrase's own duty, not only the text's first ("a cyber course. He asks how
        # stalkerware hides so he can write a checker")
        purposes = self._set.purpose.finditer(norm)
        purpose = next((p for p in purposes if _same_duty(norm, spans[0][0], p.span())), None)
        if purpose is not None:
            return f'defensive purpose "{purpose.group(0)}"', concept.defended
        for start, end in spans:
            lo = max(0, start - _BEFORE_CHARS)
            # the nearest cue of the phrase's own duty: "classifier that detects and reports csam" is
            # governed by "detects"; "refuses to discuss politics and helps find ..." by none
            cues = reversed(list(self._set.defensive.finditer(norm, lo, start)))
            cue = next((c for c in cues if _same_duty(norm, start, c.span(), verb=True)), None)
            if cue is None:
                cue = self._defensive_head.search(norm[end : end + _AFTER_CHARS])
            if cue is not None:
                return f'defensive intent "{cue.group(0).strip(" ,.")}"', concept.defended
        return None


def _same_duty(norm: str, start: int, cue: tuple[int, int], *, verb: bool = False) -> bool:
    """Whether the phrase at ``start`` and a cue at ``cue`` (start, end) belong to one duty: no
    sentence break or second duty between them ("fake reviews for our shop; the team also runs a
    security awareness newsletter" is two). When the cue is a ``verb``, a second verb right after it
    shares its object: "detects and reports csam" is one duty ("questions and writes" is two)."""
    lo, hi = (cue[1], start) if cue[1] <= start else (start, cue[0])
    other = _OTHER_DUTY.search(norm, lo, hi)
    # only a defensive verb right after the cue shares its object: "detects and writes csam" is two duties
    if verb and other is not None and other.start() <= lo + 1 and _SHARED_OBJECT.match(norm, other.start()):
        other = _OTHER_DUTY.search(norm, other.end(), hi)
    return other is None


def _refused_request(norm: str, start: int, refusal: re.Match[str]) -> bool:
    """Whether the phrase at ``start`` is what the system refuses: the object of the refusal ("won't
    generate ...") or something asked of it, with no other duty between (see ``_OTHER_DUTY``)."""
    if refusal.end() <= start <= refusal.end() + _REQUEST_REACH and _same_duty(norm, start, refusal.span()):
        return True
    asked = None
    for asked in _REQUEST_WORD.finditer(norm, max(0, start - _REQUEST_REACH), start + 20):
        if asked.start() >= start:
            return True  # the phrase begins with the request ("asks for a meth recipe")
    return asked is not None and _same_duty(norm, start, asked.span())


def _close_together(candidates: list[list[tuple[int, int]]], within: int) -> list[tuple[int, int]] | None:
    """Spans, one per group, that fit in ``within`` characters (each nearest to an anchor of the first)."""
    for anchor in candidates[0]:
        centre = (anchor[0] + anchor[1]) / 2
        chosen = [anchor] + [
            min(spans, key=lambda s: abs((s[0] + s[1]) / 2 - centre)) for spans in candidates[1:]
        ]
        if max(e for _, e in chosen) - min(s for s, _ in chosen) <= within:
            return chosen
    return None
