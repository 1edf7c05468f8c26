"""The concept patterns the screener uses, as validated data (``aup/data/concepts.yaml``).

A *concept* is a harmful use (keyed like the policy categories it maps to) or
a sensitive sector that wants a person to look at it. It matches through
rules: ``any`` (one phrase is enough) or ``all`` (one phrase from every group:
an actor/action/object combination). Phrases are regular expressions that may
name shared lexicon fragments as ``@name``. These are our own patterns, not
licence facts: which concept is *prohibited* under a policy is decided by the
policy file (``knowledge/data/aup``), never here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from weightclear.errors import KnowledgeError
from weightclear.model import Verdict

SCHEMA_VERSION = 1
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LEXICON_REF = re.compile(r"@([a-z_]+)")


class ConceptKind(StrEnum):
    HARM = "harm"  # a use some policy prohibits
    SECTOR = "sector"  # a sensitive sector: review, unless a policy prohibits it outright
    # a stated safeguard ("always run the age check", "show a clear notice"): permitted on its own, and
    # the neighbour vote may not make a use prohibited past it (the rules and the classifier still may)
    SAFEGUARD = "safeguard"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSpec(_Strict):
    """One way a concept matches: ``any`` phrase, or one phrase of ``all`` groups."""

    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()  # the rule does not fire when one of these is in the text
    within: int | None = Field(default=None, gt=0)  # 'all' groups must fit in this many characters

    @model_validator(mode="after")
    def _one_form(self) -> RuleSpec:
        if bool(self.any) == bool(self.all):
            raise ValueError("a rule has exactly one of 'any' or 'all'")
        return self


class ConceptSpec(_Strict):
    """A harmful use or sensitive sector, with the policy keys it maps onto."""

    key: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    kind: ConceptKind
    # policy category keys, in order of preference: the first the policy has makes it prohibited
    policy_keys: tuple[str, ...] = ()
    # verdict when no policy key applies (a harm no policy lists is still worth a look)
    otherwise: Verdict = Verdict.REVIEW
    # verdict when a defensive or educational intent governs the phrase (fraud *detection*)
    defended: Verdict = Verdict.PERMITTED
    # whether an educational frame (history, news, teaching) also neutralises it
    educable: bool = False
    # whether a defensive intent can neutralise it at all (not for "filter out older applicants")
    defensible: bool = True
    # a backstop is reported only when no other concept asks for review or more
    backstop: bool = False
    # whether a prohibited intent stated with this sector (no consent, deceit, evasion) makes
    # the use prohibited under the intent's policy keys: "intent x sensitive sector"
    intent: bool = False
    rules: tuple[RuleSpec, ...] = Field(min_length=1)


class IntentSpec(_Strict):
    """A prohibited intent (no consent, deceit, evasion) and the policy keys it maps onto."""

    name: str
    policy_keys: tuple[str, ...] = Field(min_length=1)
    any: tuple[str, ...] = Field(min_length=1)


class ConceptFile(_Strict):
    schema_: int = Field(alias="schema")
    lexicon: dict[str, str]
    negation: tuple[str, ...]  # words that cancel a phrase right after them ("no spam")
    defensive: tuple[str, ...]  # intents that turn a harmful topic into a defensive one
    purpose: tuple[str, ...]  # defensive purposes stated anywhere ("to train our safety classifier")
    educational: tuple[str, ...]  # teaching, history, news, analysis
    offensive: tuple[str, ...]  # evasion cues that cancel any defensive reading
    # a system that refuses harmful requests, or a test that it does: defensive, and the request it
    # refuses ("how to build a bomb") is no instruction cue
    refusal: tuple[str, ...] = ()
    intent: tuple[IntentSpec, ...] = ()  # prohibited intents that turn a sector into a harm
    concepts: tuple[ConceptSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _keys_unique(self) -> ConceptFile:
        keys = [c.key for c in self.concepts]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"concept keys defined twice: {dupes}")
        return self


@dataclass(frozen=True)
class Rule:
    """A compiled rule: ``groups`` must all match; ``unless`` must not."""

    groups: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    within: int | None = None


@dataclass(frozen=True)
class Concept:
    """A compiled concept."""

    key: str
    name: str
    kind: ConceptKind
    policy_keys: tuple[str, ...]
    otherwise: Verdict
    defended: Verdict
    educable: bool
    defensible: bool
    backstop: bool
    rules: tuple[Rule, ...]
    intent: bool = False


@dataclass(frozen=True)
class Intent:
    """A compiled prohibited intent."""

    name: str
    policy_keys: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ConceptSet:
    """Everything the matcher needs, compiled once per process."""

    concepts: tuple[Concept, ...]
    negation: re.Pattern[str]
    defensive: re.Pattern[str]
    purpose: re.Pattern[str]
    educational: re.Pattern[str]
    offensive: re.Pattern[str]
    intents: tuple[Intent, ...] = ()
    refusal: re.Pattern[str] | None = None


def _expand(pattern: str, lexicon: dict[str, str], depth: int = 0) -> str:
    """Replace ``@name`` with its lexicon fragment (fragments may name others)."""
    if depth > 5:
        raise KnowledgeError(f"concepts.yaml: lexicon nesting too deep in {pattern!r}")

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in lexicon:
            raise KnowledgeError(f"concepts.yaml: unknown lexicon entry @{name}")
        return "(?:" + _expand(lexicon[name], lexicon, depth + 1) + ")"

    return _LEXICON_REF.sub(sub, pattern)


def _compile(pattern: str, lexicon: dict[str, str]) -> re.Pattern[str]:
    # Whole words at both ends; authors write stems as `harass\w*`.
    source = r"\b(?:" + _expand(pattern, lexicon) + r")\b"
    try:
        return re.compile(source)
    except re.error as exc:
        raise KnowledgeError(f"concepts.yaml: bad pattern {pattern!r}: {exc}") from exc


def _alternation(patterns: tuple[str, ...], lexicon: dict[str, str]) -> re.Pattern[str]:
    return _compile("|".join(f"(?:{p})" for p in patterns), lexicon)


def compile_file(spec: ConceptFile) -> ConceptSet:
    """Compile every pattern of a validated concept file."""
    lex = spec.lexicon
    concepts = tuple(
        Concept(
            key=c.key,
            name=c.name,
            kind=c.kind,
            policy_keys=c.policy_keys,
            otherwise=c.otherwise,
            defended=c.defended,
            educable=c.educable,
            defensible=c.defensible,
            backstop=c.backstop,
            intent=c.intent,
            rules=tuple(
                Rule(
                    groups=tuple(_compile(p, lex) for p in (r.all or (_join(r.any),))),
                    unless=tuple(_compile(p, lex) for p in r.unless),
                    within=r.within,
                )
                for r in c.rules
            ),
        )
        for c in spec.concepts
    )
    return ConceptSet(
        concepts=concepts,
        negation=_alternation(spec.negation, lex),
        defensive=_alternation(spec.defensive, lex),
        purpose=_alternation(spec.purpose, lex),
        educational=_alternation(spec.educational, lex),
        offensive=_alternation(spec.offensive, lex),
        intents=tuple(Intent(i.name, i.policy_keys, _alternation(i.any, lex)) for i in spec.intent),
        refusal=_alternation(spec.refusal, lex) if spec.refusal else None,
    )


def _join(phrases: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in phrases)


def parse(raw: bytes | str, name: str = "concepts.yaml") -> ConceptFile:
    """Validate the YAML text of a concept file; raises KnowledgeError naming the problem."""
    try:
        data = yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
        raise KnowledgeError(f"{name}: expected a mapping with schema: {SCHEMA_VERSION}")
    try:
        return ConceptFile.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(f"{name}: {exc}") from exc


@cache
def load_concepts() -> ConceptSet:
    """Load, validate and compile the bundled concept file (once per process)."""
    item = resources.files("weightclear.aup").joinpath("data", "concepts.yaml")
    return compile_file(parse(item.read_bytes()))
