"""Optional semantic features: static word embeddings from the ``wordllama`` package.

Installed with ``pip install weightclear[semantic]``, which brings the ``wordllama``
package; its 256-dimension static token embeddings and its tokenizer ship inside
the package, so nothing is downloaded. A use case is embedded by averaging its
token vectors (well under a millisecond), and the embedding joins the hashed
n-grams as features of the learned classifier (``aup.learned``): with the extra,
the classifier of ``aup/data/classifier-semantic.npz`` runs instead of the plain one.

:func:`mode` says which layers run; WEIGHTCLEAR_AUP_MODE can switch them off.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import util
from pathlib import Path
from typing import Any

from weightclear.aup.matcher import normalise
from weightclear.errors import KnowledgeError

# "rules": the rules (and TF-IDF neighbours) alone; "classifier": rules and the n-gram
# classifier without the extra even when it is installed; unset: everything installed.
MODE_ENV = "WEIGHTCLEAR_AUP_MODE"
RULES = "rules"
CLASSIFIER = "rules+classifier"
SEMANTIC = "rules+classifier+semantic"
_WEIGHTS = "l2_supercat_256.safetensors"
_TOKENIZER = "l2_supercat_tokenizer_config.json"


def installed() -> bool:
    """True when the optional ``wordllama`` package (the ``semantic`` extra) is importable."""
    return util.find_spec("wordllama") is not None


def mode() -> str:
    """Which layers run: ``rules``, ``rules+classifier`` (default) or ``rules+classifier+semantic``."""
    setting = os.environ.get(MODE_ENV, "").strip().lower()
    if setting == "rules":
        return RULES
    if setting == "classifier" or not installed():
        return CLASSIFIER
    return SEMANTIC


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


@cache
def embedder() -> Embedder:
    """The process-wide embedder (loads the embedding table once)."""
    return Embedder()
