"""A learned classifier for the default install: logistic regression over hashed n-grams.

Features of one use case (all hashed into ``DIM`` buckets with CRC-32, so no
vocabulary ships): word unigrams and bigrams, character 3-5-grams inside each
padded word (tolerant of plurals, tenses and spelling), and the rule layer's
signals (which concepts fired, neutralised or not, the evasion and educational
cues). Each block is scaled to unit length. The weights are our own numbers,
computed from our labelled cases by ``benchmarks/aup_train_classifier.py`` and
stored sparsely in ``aup/data/classifier.npz`` with the thresholds that
leave-one-author-out validation chose (see that script). With the semantic extra,
``classifier-semantic.npz`` adds weights for the sentence embedding (``aup.semantic``).

The classifier explains itself by the words and word pairs that pushed its
``prohibited`` score up most; the screen adds the nearest labelled cases.
numpy is imported only when the classifier is first used, so commands that never
screen a use case do not pay for it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from weightclear.aup.concepts import ConceptKind
from weightclear.aup.matcher import Hit
from weightclear.errors import KnowledgeError

CLASSES = ("permitted", "review", "prohibited")
DIM = 1 << 18
_WORD = re.compile(r"[a-z0-9']+")
_CHAR_SIZES = (3, 4, 5)
# Function words say more about an author's style than about a use: no unigram or
# character n-grams of their own (word pairs keep them: "they are", "no consent").
_STOP = (
    "a an the and or but of to in on at for with by from as is are was were be been it its this that"
    " these those they them their we our us i my me you your he she his her him so if then than"
    " into about can will would should could do does did have has had not no"
)
STOP_WORDS = frozenset(_STOP.split())
_MODEL_FILE = "classifier.npz"
_SEMANTIC_FILE = "classifier-semantic.npz"


@dataclass(frozen=True)
class Limits:
    """When the classifier may change the rules' verdict (chosen by cross-author validation)."""

    review_to_prohibited: float  # P(prohibited) that raises a harm or sector the rules found
    permitted_to_prohibited: float  # P(prohibited) that raises a case the rules let pass
    permitted_to_review: float  # P(review) + P(prohibited) that sends a passed case to review
    overrule_frame: float  # P(prohibited) above which a defensive or educational frame no longer holds
    # P(prohibited) below which a prohibited verdict of the rules becomes review (0: never lowers);
    # review still stops the use for a person, so this errs toward review, never toward permitted
    prohibited_to_review: float = 0.0


@dataclass(frozen=True)
class Prediction:
    """The classifier's probabilities and the words behind its ``prohibited`` score."""

    probabilities: dict[str, float]
    reasons: tuple[str, ...]  # the words or word pairs that raised P(prohibited) most


def signals(hits: Iterable[Hit], offensive: bool = False) -> tuple[str, ...]:
    """The rule layer's findings as feature names (concept keys, kinds, neutralisers)."""
    out: list[str] = ["r:offensive"] if offensive else []
    for hit in hits:
        concept = hit.concept
        if hit.neutralised_by is not None:
            out += [f"r:neutral:{concept.key}", "r:neutralised"]
            continue
        kind = "backstop" if concept.backstop else str(concept.kind)
        out += [f"r:{concept.key}", f"r:kind:{kind}"]
        if concept.kind is ConceptKind.HARM:
            out.append("r:harm")
    return tuple(dict.fromkeys(out))


def bucket(term: str) -> int:
    """The hashed feature index of one term (stable across processes, unlike hash())."""
    return zlib.crc32(term.encode("utf-8")) & (DIM - 1)


def terms(norm: str, rule_signals: Sequence[str] = ()) -> list[tuple[str, str, float]]:
    """(term, the word it explains, value) for every feature of a normalised text."""
    words = _WORD.findall(norm)
    content = [w for w in words if w not in STOP_WORDS]
    word_terms = [(f"w:{w}", w) for w in content]
    word_terms += [(f"b:{a} {b}", f"{a} {b}") for a, b in pairwise(words)]
    char_terms = []
    for w in content:
        padded = f" {w} "
        for n in _CHAR_SIZES:
            char_terms += [(f"c:{padded[i : i + n]}", w) for i in range(max(1, len(padded) - n + 1))]
    out: list[tuple[str, str, float]] = []
    for block in (word_terms, char_terms):
        unique = dict(block)  # binary presence: a repeated word says no more
        scale = 1.0 / (len(unique) ** 0.5 or 1.0)
        out += [(term, word, scale) for term, word in unique.items()]
    out += [(s, s, 1.0) for s in rule_signals]
    return out


def vector(norm: str, rule_signals: Sequence[str] = ()) -> tuple[list[int], list[float]]:
    """Hashed indices and values of a text's features (colliding terms summed)."""
    acc: dict[int, float] = {}
    for term, _, value in terms(norm, rule_signals):
        b = bucket(term)
        acc[b] = acc.get(b, 0.0) + value
    return list(acc), list(acc.values())


class Classifier:
    """A three-class logistic regression over hashed features, with its decision limits."""

    def __init__(self, weights: Any, bias: Any, limits: Limits, dense: Any = None) -> None:
        import numpy as np

        self._np = np
        self._weights = np.asarray(weights, dtype=np.float32)  # (DIM, 3)
        self._bias = np.asarray(bias, dtype=np.float32)
        # weights of a sentence embedding (semantic extra), (width, 3), or None
        self._dense = None if dense is None else np.asarray(dense, dtype=np.float32)
        self.limits = limits

    @property
    def wants_embedding(self) -> bool:
        """True for the semantic model, whose features include the sentence embedding."""
        return self._dense is not None

    def predict(self, norm: str, rule_signals: Sequence[str] = (), embedding: Any = None) -> Prediction:
        """Probabilities for a normalised text and the words that raised P(prohibited) most."""
        np = self._np
        found = terms(norm, rule_signals)
        index = np.fromiter((bucket(t) for t, _, _ in found), dtype=np.int64, count=len(found))
        values = np.fromiter((v for _, _, v in found), dtype=np.float32, count=len(found))
        rows = self._weights[index] * values[:, None]
        logits = rows.sum(axis=0) + self._bias
        if self._dense is not None and embedding is not None:
            logits = logits + np.asarray(embedding, dtype=np.float32) @ self._dense
        exp = np.exp(logits - logits.max())
        probs = exp / exp.sum()
        # a term's push towards prohibited, against the mean of the other two classes
        push = rows[:, 2] - rows[:, :2].mean(axis=1)
        by_word: dict[str, float] = {}
        for (_, word, _), p in zip(found, push.tolist(), strict=True):
            by_word[word] = by_word.get(word, 0.0) + p
        top = sorted((w for w in by_word if by_word[w] > 0.05), key=lambda w: -by_word[w])[:4]
        return Prediction(
            probabilities={c: float(p) for c, p in zip(CLASSES, probs.tolist(), strict=True)},
            reasons=tuple(f'"{w}" +{by_word[w]:.2f}' for w in top),
        )


def from_arrays(data: Any) -> Classifier:
    """A classifier from the arrays of a model file (sparse weights); raises KnowledgeError."""
    import numpy as np

    try:
        index = np.asarray(data["index"], dtype=np.int64)
        sparse = np.asarray(data["weights"], dtype=np.float32)
        bias = np.asarray(data["bias"], dtype=np.float32)
        limits = Limits(*(float(x) for x in np.asarray(data["limits"]).tolist()))
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(f"{_MODEL_FILE}: expected index, weights, bias and limits: {exc}") from exc
    if sparse.shape != (len(index), 3) or bias.shape != (3,) or (len(index) and index.max() >= DIM):
        raise KnowledgeError(f"{_MODEL_FILE}: weights do not fit {DIM} buckets and 3 classes")
    weights = np.zeros((DIM, 3), dtype=np.float32)
    weights[index] = sparse
    dense = data.get("dense") if hasattr(data, "get") else None
    return Classifier(weights, bias, limits, dense)


@cache
def classifier(semantic: bool = False) -> Classifier:
    """The process-wide classifier (with ``semantic``: the one that also reads embeddings)."""
    import numpy as np

    name = _SEMANTIC_FILE if semantic else _MODEL_FILE
    item = resources.files("weightclear.aup").joinpath("data", name)
    with item.open("rb") as fh, np.load(fh) as data:
        return from_arrays({k: data[k] for k in data.files})
