"""Optional semantic layer: static word embeddings and a small classifier trained on our cases.

Installed with ``pip install weightclear[semantic]``, which brings the ``wordllama``
package; its 256-dimension static token embeddings and its tokenizer ship inside
the package, so nothing is downloaded. A use case is embedded by averaging its
token vectors (well under a millisecond), then:

* a multinomial logistic regression (``aup/data/semantic-model.json``, weights
  computed by ``benchmarks/aup_train_semantic.py`` from our own labelled cases)
  gives the probability of ``permitted``, ``review`` and ``prohibited``;
* the nearest labelled cases (``aup/data/similar-cases.yaml``) in the same space
  name the category and serve as the explanation a reviewer can check.

Without the extra, :func:`opinion_for` returns None and the screener runs on its
rules alone; :func:`mode` says which ran.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources, util
from pathlib import Path
from typing import Any

from weightclear.aup.matcher import normalise
from weightclear.aup.similar import K, Neighbour, Vote, parse_cases
from weightclear.errors import KnowledgeError

CLASSES = ("permitted", "review", "prohibited")
# Set this to "rules" to run the rules alone even when the extra is installed.
MODE_ENV = "WEIGHTCLEAR_AUP_MODE"
_WEIGHTS = "l2_supercat_256.safetensors"
_TOKENIZER = "l2_supercat_tokenizer_config.json"


@dataclass(frozen=True)
class Thresholds:
    """When the classifier may change a verdict (set by cross-validation in the training script)."""

    review: float  # P(review) + P(prohibited) that raises permitted to review
    prohibit_with_rules: float  # P(prohibited) that raises a harm the rules found to prohibited
    prohibit_alone: float  # P(prohibited) that makes a verdict prohibited with no rule behind it


@dataclass(frozen=True)
class Opinion:
    """The classifier's probabilities for one text and its nearest labelled cases."""

    probabilities: dict[str, float]
    vote: Vote


def installed() -> bool:
    """True when the optional ``wordllama`` package (the ``semantic`` extra) is importable."""
    return util.find_spec("wordllama") is not None


def mode() -> str:
    """``rules+semantic`` when the extra is installed and not switched off, else ``rules``."""
    if os.environ.get(MODE_ENV, "").strip().lower() == "rules" or not installed():
        return "rules"
    return "rules+semantic"


class Embedder:
    """Average-pooled static token embeddings from the files inside the wordllama package."""

    def __init__(self) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        spec = util.find_spec("wordllama")
        if spec is None or spec.origin is None:
            raise KnowledgeError("the semantic extra is not installed (pip install 'weightclear[semantic]')")
        root = Path(spec.origin).parent
        self._np = np
        self._tokenizer = Tokenizer.from_file(str(root / "tokenizers" / _TOKENIZER))
        self._table = load_file(str(root / "weights" / _WEIGHTS))["embedding.weight"]

    def embed(self, text: str) -> Any:
        """The unit-length embedding of ``text`` (a numpy vector)."""
        ids = self._tokenizer.encode(normalise(text)).ids or [0]
        vec = self._table[ids].astype(self._np.float32).mean(axis=0)
        return vec / (self._np.linalg.norm(vec) or 1.0)


class Classifier:
    """Logistic regression over the embedding plus nearest labelled cases for the explanation."""

    def __init__(self, embedder: Embedder, model: dict[str, Any], cases: list[tuple[str, str, str]]) -> None:
        np = embedder._np
        self._np = np
        self._embedder = embedder
        self._weights = np.asarray(model["weights"], dtype=np.float32)
        self._bias = np.asarray(model["bias"], dtype=np.float32)
        t = model["thresholds"]
        self.thresholds = Thresholds(t["review"], t["prohibit_with_rules"], t["prohibit_alone"])
        self._cases = [(normalise(text), label, category) for text, label, category in cases]
        self._matrix = np.stack([embedder.embed(text) for text, _, _ in cases])

    def opinion(self, text: str, k: int = K) -> Opinion:
        """Probabilities per class and the ``k`` nearest labelled cases (an identical case excluded)."""
        np = self._np
        vec = self._embedder.embed(text)
        logits = vec @ self._weights + self._bias
        exp = np.exp(logits - logits.max())
        probs = {c: float(p) for c, p in zip(CLASSES, exp / exp.sum(), strict=True)}
        sims = self._matrix @ vec
        norm = normalise(text)
        near: list[Neighbour] = []
        for i in np.argsort(-sims):
            case_text, label, category = self._cases[int(i)]
            if case_text == norm:
                continue  # never recite a label: the benchmark's figures stay leave-one-out
            near.append(Neighbour(case_text, label, category, float(sims[int(i)])))
            if len(near) == k:
                break
        return Opinion(probs, Vote(tuple(near)))


def parse_model(raw: str, name: str = "semantic-model.json") -> dict[str, Any]:
    """The classifier file as a mapping; raises KnowledgeError when its shape is wrong."""
    try:
        model = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{name}: not valid JSON: {exc}") from exc
    ok = isinstance(model, dict) and tuple(model.get("classes", ())) == CLASSES
    if not ok or not all(k in model for k in ("weights", "bias", "thresholds")):
        raise KnowledgeError(f"{name}: expected classes {CLASSES}, weights, bias and thresholds")
    checked: dict[str, Any] = model
    return checked


@cache
def classifier() -> Classifier:
    """The process-wide classifier (loads the embeddings and embeds the labelled cases once)."""
    data = resources.files("weightclear.aup").joinpath("data")
    model = parse_model(data.joinpath("semantic-model.json").read_text(encoding="utf-8"))
    cases = parse_cases(data.joinpath("similar-cases.yaml").read_bytes())
    return Classifier(Embedder(), model, cases)


def opinion_for(text: str) -> Opinion | None:
    """The semantic opinion on ``text``, or None when the rules run alone."""
    if mode() != "rules+semantic":
        return None
    return classifier().opinion(text)
