"""Nearest labelled use cases by character n-gram TF-IDF: a pure-Python second opinion.

The rules catch the wording their concepts describe; this layer looks for labelled
cases of our own (the *dev* part of ``benchmarks/aup_cases.jsonl``, shipped as
``aup/data/similar-cases.yaml``) that read alike, so a use case worded like a
known prohibited one is not waved through only because no pattern fits it.
Character n-grams inside word boundaries tolerate plurals, tenses and spelling
variants without a stemmer. The screen caps what the vote may do: it can raise a
``permitted`` verdict to ``review``, and a harm the rules already found to
``prohibited``; it never lowers a verdict.

A text identical to a labelled case is skipped as its own neighbour, so the
layer generalises from neighbours instead of reciting a label (and the dev
figures of the benchmark are leave-one-out).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from weightclear.aup.matcher import normalise
from weightclear.errors import KnowledgeError

K = 5  # neighbours that vote
_GRAM = 4  # character n-gram length, inside " word " boundaries
_WORD = re.compile(r"[a-z0-9']+")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Neighbour:
    """A labelled case and how close it is (cosine similarity, 0..1)."""

    text: str
    label: str  # prohibited, review or permitted
    category: str  # the labelled policy category or sector ('' for permitted)
    similarity: float


@dataclass(frozen=True)
class Vote:
    """The k nearest labelled cases and their similarity-weighted shares per label."""

    neighbours: tuple[Neighbour, ...]

    def share(self, label: str) -> float:
        """Similarity-weighted share of the neighbours carrying ``label`` (0 when none are close)."""
        total = sum(n.similarity for n in self.neighbours)
        if total <= 0:
            return 0.0
        return sum(n.similarity for n in self.neighbours if n.label == label) / total

    @property
    def top(self) -> float:
        """Similarity of the nearest neighbour (0 when there is none)."""
        return self.neighbours[0].similarity if self.neighbours else 0.0

    def category(self, label: str) -> str | None:
        """The category most of the neighbours with ``label`` share (weighted), or None."""
        weights: dict[str, float] = defaultdict(float)
        for n in self.neighbours:
            if n.label == label and n.category:
                weights[n.category] += n.similarity
        return max(weights, key=weights.__getitem__) if weights else None


def _features(norm: str) -> Counter[str]:
    """Character n-grams of each word (padded) plus whole words: the terms of one text."""
    words = _WORD.findall(norm)
    terms: Counter[str] = Counter()
    for word in words:
        padded = f" {word} "
        terms.update(padded[i : i + _GRAM] for i in range(max(1, len(padded) - _GRAM + 1)))
        terms["w:" + word] += 1
    return terms


class Index:
    """TF-IDF vectors of the labelled cases with an inverted index for fast cosine search."""

    def __init__(self, cases: list[tuple[str, str, str]]) -> None:
        self._cases = [(normalise(text), label, category) for text, label, category in cases]
        docs = [_features(norm) for norm, _, _ in self._cases]
        df: Counter[str] = Counter(term for doc in docs for term in doc)
        n = len(docs)
        self._idf = {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for term, weight in self._vector(doc).items():
                postings[term].append((i, weight))
        # numpy arrays per term: a query adds whole posting lists at once (the common
        # character grams reach most cases, so a Python loop over them is the slow part)
        import numpy as np

        self._np = np
        self._postings = {
            term: (np.fromiter((d for d, _ in rows), np.int32), np.fromiter((w for _, w in rows), np.float64))
            for term, rows in postings.items()
        }

    def _vector(self, terms: Counter[str]) -> dict[str, float]:
        # sublinear tf, idf, unit length; terms never seen in the cases carry no evidence
        raw = {t: (1.0 + math.log(c)) * self._idf[t] for t, c in terms.items() if t in self._idf}
        length = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {t: v / length for t, v in raw.items()}

    def vote(self, text: str, k: int = K) -> Vote:
        """The ``k`` labelled cases nearest to ``text`` (an identical case excluded)."""
        np = self._np
        norm = normalise(text)
        scores = np.zeros(len(self._cases))
        for term, weight in self._vector(_features(norm)).items():
            docs, doc_weights = self._postings[term]
            scores[docs] += weight * doc_weights  # a term occurs once per posting list
        near: list[Neighbour] = []
        for i in np.argsort(-scores, kind="stable")[: k + 5].tolist():  # room for identical texts
            s = float(scores[i])
            if s <= 0 or self._cases[i][0] == norm or len(near) == k:
                continue
            case_text, label, category = self._cases[i]
            near.append(Neighbour(text=case_text, label=label, category=category, similarity=s))
        return Vote(tuple(near))


def parse_cases(raw: bytes | str, name: str = "similar-cases.yaml") -> list[tuple[str, str, str]]:
    """``[label, category, text]`` rows of the shipped case file; raises KnowledgeError when malformed."""
    try:
        rows = yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: not valid YAML: {exc}") from exc
    cases = rows.get("cases") if isinstance(rows, dict) else None
    if not isinstance(cases, list):
        raise KnowledgeError(f"{name}: expected a mapping with a 'cases' list")
    out: list[tuple[str, str, str]] = []
    for row in cases:
        if not (isinstance(row, list) and len(row) == 3 and all(isinstance(v, str) for v in row)):
            raise KnowledgeError(f"{name}: each case is [label, category, text], got {row!r}")
        label, category, text = row
        if label not in {"prohibited", "review", "permitted"}:
            raise KnowledgeError(f"{name}: unknown label {label!r}")
        out.append((text, label, category))
    return out


@cache
def index() -> Index:
    """The process-wide index over the shipped labelled cases (built on first use)."""
    item = resources.files("weightclear.aup").joinpath("data", "similar-cases.yaml")
    return Index(parse_cases(item.read_bytes()))
