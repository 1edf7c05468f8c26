"""Train the default screener's n-gram classifier, validated across authors; write classifier.npz.

    .venv/bin/python benchmarks/aup_train_classifier.py            # validate, pick limits, write
    .venv/bin/python benchmarks/aup_train_classifier.py --misses   # also print cross-author misses
    .venv/bin/python benchmarks/aup_train_classifier.py --no-write # validate only
    .venv/bin/python benchmarks/aup_train_classifier.py --mode default &  # the two modes on two cores
    .venv/bin/python benchmarks/aup_train_classifier.py --mode semantic

The hidden test sets are written by people who wrote none of our training cases, so
every figure here is *leave-one-author-out*: each author's cases are screened by a
classifier trained only on the other authors' cases, with the TF-IDF neighbours also
built from the other authors only. Authors and their files are listed in
benchmarks/aup_sets.py (an author's missing file is skipped); the unseen blind sets are
never read here.

The limits that let the classifier change the rules' verdict are chosen on those
out-of-author verdicts for the issue's objective with margins: the most prohibited
recall such that at most 1.5% of permitted cases are called prohibited pooled and at
most 2% for every author alone (or the rules' own rate where it is higher), and review
recall stays at least 0.88. One limit lowers: a prohibited verdict becomes review when
P(prohibited) is below it (0: never). The rules were written reading authors A to J, so
their own figures there overstate; the classifier's do not.

Deterministic: no random draws anywhere (zero initial weights, full-batch Adam, a
fixed grid, authors and cases in file order, stable sorts), so the same files give
the same model file and figures byte for byte.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import product
from pathlib import Path
from typing import Any

import aup_sets
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from weightclear.aup import learned  # noqa: E402
from weightclear.aup.learned import CLASSES, Limits, Prediction  # noqa: E402
from weightclear.aup.matcher import normalise  # noqa: E402
from weightclear.aup.similar import Index, Vote  # noqa: E402

OUT = HERE.parent / "src" / "weightclear" / "aup" / "data" / "classifier.npz"
OUT_SEMANTIC = OUT.with_name("classifier-semantic.npz")
FIGURES = HERE / "aup_cross_author.json"  # the validation figures, for benchmarks/aup_screen.py
AUTHORS = aup_sets.authors()
LICENCE = "llama-4"
L2 = 3e-4
STEPS = 400
MIN_DF = 2  # a feature must occur in this many training cases to get a weight
MAX_PERMITTED_AS_PROHIBITED = 0.015  # pooled over the authors
MAX_AUTHOR_PERMITTED_AS_PROHIBITED = 0.02  # each author alone (the goal, unseen authors vary)
MIN_REVIEW_RECALL = 0.88
GRID = (
    (0.5, 0.6, 0.7, 0.8, 0.9, 1.1),  # review -> prohibited (0.3 and 0.4 were never picked in five rounds)
    # permitted -> prohibited with no rule behind it: from 0.6, a margin we set, not the objective.
    # With no rule to guard it the classifier must be more likely right than wrong by a margin; the
    # objective alone picks 0.5 (pooled prohibited recall 0.893 against 0.869 at 0.6, permitted ->
    # prohibited 1.4% against 1.2%), and hand-written hard negatives sit at P 0.5-0.6.
    (0.6, 0.7, 0.8, 0.9, 1.1),
    (0.4, 0.5, 0.6, 0.7, 1.1),  # permitted -> review
    (0.8, 0.9, 0.95, 1.1),  # a defensive or educational frame overruled
    # a prohibited verdict of the rules lowered to review when P(prohibited) is below (0: never);
    # at most 0.3, so only a confident classifier lowers, and only to review
    (0.0, 0.05, 0.1, 0.2, 0.3),
)
SILENT = Limits(1.1, 1.1, 1.1, 1.1)


def load(authors: Sequence[str] = tuple(AUTHORS)) -> list[dict[str, Any]]:
    """Every training case of ``authors``, tagged with its author."""
    cases: list[dict[str, Any]] = []
    for author in authors:
        for name in AUTHORS[author]:
            path = HERE / name
            if path.exists():
                rows = [
                    json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
                ]
                cases += [{**row, "author": author} for row in rows]
    return cases


class Design:
    """The training cases' features as a sparse matrix (rows of hashed indices and values)."""

    def __init__(self, vectors: Sequence[tuple[list[int], list[float]]]) -> None:
        self.rows = np.concatenate([np.full(len(i), r) for r, (i, _) in enumerate(vectors)])
        self.cols = np.concatenate([np.asarray(i, dtype=np.int64) for i, _ in vectors])
        self.vals = np.concatenate([np.asarray(v, dtype=np.float64) for _, v in vectors])
        self.n = len(vectors)

    def subset(self, keep: Any, min_df: int = MIN_DF) -> tuple[Any, Any, Any, Any]:
        """(rows renumbered, compact columns, values, bucket of each compact column) for some rows."""
        mask = np.isin(self.rows, keep)
        rows, cols, vals = self.rows[mask], self.cols[mask], self.vals[mask]
        df = Counter(cols.tolist())
        frequent = np.array([df[c] >= min_df for c in cols.tolist()], dtype=bool)
        rows, cols, vals = rows[frequent], cols[frequent], vals[frequent]
        buckets, compact = np.unique(cols, return_inverse=True)
        renumber = {int(r): k for k, r in enumerate(np.asarray(keep).tolist())}
        return np.array([renumber[int(r)] for r in rows.tolist()]), compact, vals, buckets


def fit(rows: Any, cols: Any, vals: Any, y: Any, width: int, l2: float = L2) -> tuple[Any, Any]:
    """Multinomial logistic regression by Adam on sparse features (mean cross-entropy + L2)."""
    n = len(y)
    w, b = np.zeros((width, 3)), np.zeros(3)
    target = np.eye(3)[y]
    m1, m2 = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, STEPS + 1):
        z = np.stack([np.bincount(rows, vals * w[cols, c], minlength=n) for c in range(3)], 1) + b
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        g = (p - target) / n
        grad = np.stack([np.bincount(cols, vals * g[rows, c], minlength=width) for c in range(3)], 1)
        grad += l2 * w
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad * grad
        w -= 0.05 * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
        b -= 0.5 * g.sum(0)
    return w, b


def arrays(buckets: Any, w: Any, b: Any, limits: Limits) -> dict[str, Any]:
    """The model file's arrays: sparse hashed weights, and the embedding's weights when present."""
    hashed = buckets < learned.DIM
    out = {
        "index": buckets[hashed].astype(np.uint32),
        "weights": w[hashed].astype(np.float16),
        "bias": b.astype(np.float32),
        "limits": np.array(list(vars(limits).values()), dtype=np.float32),
    }
    if not hashed.all():
        dense = np.zeros((int(buckets.max()) - learned.DIM + 1, 3), dtype=np.float32)
        dense[buckets[~hashed] - learned.DIM] = w[~hashed]
        out["dense"] = dense
    return out


def train(design: Design, y: Any, keep: Any) -> learned.Classifier:
    """A classifier fitted on the rows ``keep`` (features rarer than MIN_DF there get no weight)."""
    rows, cols, vals, buckets = design.subset(keep)
    w, b = fit(rows, cols, vals, y[keep], len(buckets))
    return learned.from_arrays(arrays(buckets, w, b, SILENT))


def rates(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Recalls, permitted called prohibited and prohibited let pass."""
    c = Counter(pairs)
    n = Counter(g for g, _ in pairs)
    return {
        "n": len(pairs),
        "prohibited": c[("prohibited", "prohibited")] / max(1, n["prohibited"]),
        "review": c[("review", "review")] / max(1, n["review"]),
        "permitted": c[("permitted", "permitted")] / max(1, n["permitted"]),
        "permitted_as_prohibited": c[("permitted", "prohibited")] / max(1, n["permitted"]),
        "prohibited_as_permitted": c[("prohibited", "permitted")] / max(1, n["prohibited"]),
    }


def show(name: str, r: dict[str, float]) -> str:
    """One line of figures."""
    return (
        f"{name:34} n={int(r['n']):4} prohibited {r['prohibited']:.3f}  review {r['review']:.3f}  "
        f"permitted {r['permitted']:.3f}  perm->proh {r['permitted_as_prohibited']:.1%}  "
        f"proh->perm {r['prohibited_as_permitted']:.1%}"
    )


class CrossAuthor:
    """Out-of-author predictions and neighbours for every case, and the verdicts they lead to."""

    def __init__(self, cases: list[dict[str, Any]], semantic: bool = False) -> None:
        from weightclear.aup.screen import matcher
        from weightclear.knowledge import load as load_kb

        self.cases = cases
        self.labels = [str(c["label"]) for c in cases]
        self.authors = sorted({c["author"] for c in cases})
        self.policy = load_kb().policy_for(LICENCE)
        texts = [str(c["text"]) for c in cases]
        self.hits = [matcher().hits(t) for t in texts]
        self.embeddings = embed(texts) if semantic else [None] * len(texts)
        self.design = Design(
            [features(t, h, e) for t, h, e in zip(texts, self.hits, self.embeddings, strict=True)]
        )
        self.y = np.array([CLASSES.index(label) for label in self.labels])
        self._base: list[tuple[Any, Any]] | None = None
        self.predictions: list[Prediction] = [Prediction({}, ())] * len(cases)
        self.votes: list[Vote] = [Vote(())] * len(cases)
        mode = "semantic" if semantic else "rules"
        for n, author in enumerate(self.authors, 1):
            # a run takes minutes per author: say where it is (stderr, so a piped report stays clean)
            where = f"out of author ({mode}): {n}/{len(self.authors)} author {author}"
            print(where, file=sys.stderr, flush=True)
            held = np.array([i for i, c in enumerate(cases) if c["author"] == author])
            others = np.array([i for i, c in enumerate(cases) if c["author"] != author])
            model = train(self.design, self.y, others)
            index = Index([(texts[i], self.labels[i], _category(cases[i])) for i in others.tolist()])
            for i in held.tolist():
                norm, signals = normalise(texts[i]), learned.signals(self.hits[i])
                self.predictions[i] = model.predict(norm, signals, self.embeddings[i])
                self.votes[i] = index.vote(texts[i])

    @property
    def base(self) -> list[tuple[Any, Any]]:
        """Every case's rules-and-neighbours matches (``screen.base_matches``), computed once."""
        from weightclear.aup.screen import base_matches

        if self._base is None:
            self._base = [
                base_matches(hits, self.policy, vote)
                for hits, vote in zip(self.hits, self.votes, strict=True)
            ]
        return self._base

    def verdicts(self, limits: Limits | None) -> list[str]:
        """The screen's verdict of every case under ``limits`` (None: rules and neighbours only).

        The same decision as ``screen._screening``, with the rules' part computed once.
        """
        from weightclear.aup.screen import with_classifier, worst

        out = []
        for (found, kept), vote, pred in zip(self.base, self.votes, self.predictions, strict=True):
            if limits is not None:
                kept = with_classifier(found, kept, pred, vote, limits, self.policy)
            out.append(worst(m.verdict for m in kept).value)
        return out

    def rates_of(self, author: str, verdicts: list[str]) -> dict[str, float]:
        """The figures of one author's cases."""
        mine = zip(self.labels, verdicts, self.cases, strict=True)
        return rates([(g, v) for g, v, c in mine if c["author"] == author])

    def report(self, name: str, verdicts: list[str]) -> dict[str, float]:
        """Print per-author and pooled figures; return the pooled ones."""
        pairs = list(zip(self.labels, verdicts, strict=True))
        for author in self.authors:
            print(show(f"{name}, author {author}", self.rates_of(author, verdicts)))
        pooled = rates(pairs)
        print(show(f"{name}, pooled", pooled))
        return pooled


def embed(texts: Sequence[str]) -> list[Any]:
    """Sentence embeddings of the texts (the semantic extra)."""
    from weightclear.aup.semantic import embedder

    return [embedder().embed(t) for t in texts]


def features(text: str, hits: Any, embedding: Any) -> tuple[list[int], list[float]]:
    """Hashed features of one case; the embedding, when given, in columns after the buckets."""
    index, values = learned.vector(normalise(text), learned.signals(hits))
    if embedding is not None:
        index += [learned.DIM + j for j in range(len(embedding))]
        values += [float(v) for v in embedding]
    return index, values


def _category(case: dict[str, Any]) -> str:
    return str((case.get("categories") or [""])[0])


def caps(cv: CrossAuthor) -> tuple[float, dict[str, float]]:
    """The permitted -> prohibited caps, pooled and per author.

    The classifier can only raise a verdict, so where the rules alone already call more permitted
    cases prohibited than a cap allows (authors E and F, round 5), the cap becomes the rules' own
    rate: the classifier may then add no permitted -> prohibited crossing at all for that author.
    """
    base = cv.verdicts(None)
    pooled = rates(list(zip(cv.labels, base, strict=True)))["permitted_as_prohibited"]
    per_author = {
        a: max(MAX_AUTHOR_PERMITTED_AS_PROHIBITED, cv.rates_of(a, base)["permitted_as_prohibited"])
        for a in cv.authors
    }
    return max(MAX_PERMITTED_AS_PROHIBITED, pooled), per_author


def pick(cv: CrossAuthor) -> tuple[Limits, dict[str, float]]:
    """The limits with the most pooled prohibited recall under the caps (pooled and per author)."""
    best: tuple[float, Limits, dict[str, float]] | None = None
    pooled_cap, author_cap = caps(cv)
    authors = np.array([c["author"] for c in cv.cases])
    labels = np.array(cv.labels)
    permitted = labels == "permitted"
    mine = {a: permitted & (authors == a) for a in cv.authors}
    grid = Grid(cv)
    for values in product(*GRID):
        limits = Limits(*values)
        verdicts = grid.verdicts(limits)
        r = rates(list(zip(cv.labels, verdicts.tolist(), strict=True)))
        if r["permitted_as_prohibited"] > pooled_cap + 1e-9 or r["review"] < MIN_REVIEW_RECALL:
            continue
        called = verdicts == "prohibited"
        if any(called[m].mean() > author_cap[a] + 1e-9 for a, m in mine.items()):
            continue
        # prohibited recall first; then prohibited not let pass; permitted kept permitted breaks ties
        score = r["prohibited"] - 0.5 * r["prohibited_as_permitted"] + 0.01 * r["permitted"]
        if best is None or score > best[0]:
            best = (score, limits, r)
    if best is None:
        raise SystemExit("no limits meet the permitted-as-prohibited caps and the review recall floor")
    grid.check(best[1])
    return best[1], best[2]


class Grid:
    """Every case's verdict under any limits, by table look-up instead of a screen per case and limits.

    A verdict depends on the limits only through four comparisons of the case's probabilities
    (``screen.with_classifier``): P(prohibited) below the lowering limit, below the frame limit, at
    or above the raising limit (review_to_prohibited when the rules found a sector or harm to review,
    else permitted_to_prohibited), and P(review) + P(prohibited) at or above permitted_to_review. So
    the screen runs 16 times per case, once per outcome of the four, and the grid's thousands of
    limits cost a few numpy comparisons each. ``check`` compares the table with the screen itself.
    """

    def __init__(self, cv: CrossAuthor) -> None:
        from weightclear.aup.screen import worst

        probabilities = [p.probabilities for p in cv.predictions]
        self.p = np.array([p.get("prohibited", 0.0) for p in probabilities])
        self.harmful = self.p + np.array([p.get("review", 0.0) for p in probabilities])
        self.ruled_review = np.array(
            [worst(m.verdict for _, m in found).value == "review" for found, _ in cv.base]
        )
        rows = [[_outcome(cv, i, bits) for bits in range(16)] for i in range(len(cv.cases))]
        self.table = np.array(rows, dtype=object) if rows else np.zeros((0, 16), dtype=object)
        self._cv = cv

    def verdicts(self, limits: Limits) -> Any:
        """The verdict of every case under ``limits`` (an array of class names)."""
        cut = np.where(self.ruled_review, limits.review_to_prohibited, limits.permitted_to_prohibited)
        bits = (
            (self.p < limits.prohibited_to_review) * 8
            + (self.p < limits.overrule_frame) * 4
            + (self.p >= cut) * 2
            + (self.harmful >= limits.permitted_to_review)
        )
        return self.table[np.arange(len(bits)), bits]

    def check(self, limits: Limits) -> None:
        """Fail when the table disagrees with the screen on ``limits``."""
        if self.verdicts(limits).tolist() != self._cv.verdicts(limits):
            raise SystemExit(f"the verdict table disagrees with the screen under {limits}")


def _outcome(cv: CrossAuthor, i: int, bits: int) -> str:
    """Case ``i``'s verdict under limits chosen so that the four comparisons come out as ``bits``."""
    from weightclear.aup.screen import with_classifier, worst

    on = (0.0, 1.1)  # P >= 0.0 always holds, P >= 1.1 never; P < 1.1 always holds, P < 0.0 never
    raise_at = on[0] if bits & 2 else on[1]
    limits = Limits(
        review_to_prohibited=raise_at,
        permitted_to_prohibited=raise_at,
        permitted_to_review=on[0] if bits & 1 else on[1],
        overrule_frame=on[1] if bits & 4 else on[0],
        prohibited_to_review=on[1] if bits & 8 else on[0],
    )
    found, kept = cv.base[i]
    kept = with_classifier(found, kept, cv.predictions[i], cv.votes[i], limits, cv.policy)
    return str(worst(m.verdict for m in kept).value)


def misses(cv: CrossAuthor, verdicts: list[str], keep: Callable[[str, str], bool]) -> None:
    """Print the cross-author misses (training data, so reading them is fair)."""
    for case, verdict, pred in zip(cv.cases, verdicts, cv.predictions, strict=True):
        if keep(str(case["label"]), verdict):
            p = pred.probabilities.get("prohibited", 0.0)
            head = f"{case['author']} {case['id']:12} {case['label']:>10} -> {verdict:10} p={p:.2f}"
            print(f"{head} {case['text']}")


def build(
    cases: list[dict[str, Any]], semantic: bool, show_misses: bool, out: Path | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validate one mode across authors, choose its limits, fit on every case, write its model.

    Returns the mode's figures (with those of the limits the model file had before, under the
    same validation) and those of the rules and neighbours alone.
    """
    name = "rules + classifier" + (" + semantic" if semantic else "")
    cv = CrossAuthor(cases, semantic)
    base = cv.verdicts(None)
    rules = {
        "pooled": cv.report("rules + neighbours", base),
        "authors": {a: cv.rates_of(a, base) for a in cv.authors},
    }
    shipped = learned.classifier(semantic).limits  # the limits the model file had before this run
    before = cv.verdicts(shipped)
    previous = {"limits": vars(shipped), "pooled": cv.report(f"{name} (shipped limits)", before)}
    previous["authors"] = {a: cv.rates_of(a, before) for a in cv.authors}
    limits, pooled = pick(cv)
    print(f"{name}: chosen {limits}")
    verdicts = cv.verdicts(limits)
    per_author = {a: cv.rates_of(a, verdicts) for a in cv.authors}
    cv.report(name, verdicts)
    if show_misses:
        misses(cv, verdicts, lambda gold, got: gold == "prohibited" and got != "prohibited")
        misses(cv, verdicts, lambda gold, got: gold != "prohibited" and got == "prohibited")
    if out is not None:
        rows, cols, vals, buckets = cv.design.subset(np.arange(len(cases)))
        w, b = fit(rows, cols, vals, cv.y, len(buckets))
        np.savez_compressed(out, **arrays(buckets, w, b, limits))
        print(f"{int((buckets < learned.DIM).sum())} weighted buckets -> {out.relative_to(HERE.parent)}")
    mode = {"limits": vars(limits), "pooled": pooled, "authors": per_author, "shipped_before": previous}
    return mode, rules


def main() -> None:
    """Validate across authors, choose the limits, fit on every case and write the models."""
    from weightclear.aup.semantic import installed

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="print prohibited cases not called prohibited")
    parser.add_argument("--no-write", action="store_true", help="validate only")
    parser.add_argument(
        "--mode",
        choices=("both", "default", "semantic"),
        default="both",
        help="train one mode only (run the two in parallel on two cores; each updates its own figures)",
    )
    args = parser.parse_args()
    cases = load()
    print(f"{len(cases)} cases by author: {dict(Counter(c['author'] for c in cases))}")
    figures: dict[str, Any] = {}
    if args.mode in ("both", "default"):
        figures["rules+classifier"], figures["rules"] = build(
            cases, False, args.misses, None if args.no_write else OUT
        )
    if args.mode in ("both", "semantic") and installed():
        out = None if args.no_write else OUT_SEMANTIC
        figures["rules+classifier+semantic"], _ = build(cases, True, args.misses, out)
    if not args.no_write:
        write_figures(figures)


def write_figures(figures: dict[str, Any]) -> None:
    """Merge this run's figures into FIGURES (a one-mode run keeps the other mode's figures).

    Two one-mode runs may end together: the merge holds a lock so neither loses the other's."""
    with FIGURES.open("a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        text = FIGURES.read_text(encoding="utf-8")
        merged: dict[str, Any] = json.loads(text) if text.strip() else {}
        merged.update(figures)
        order = ("rules+classifier", "rules", "rules+classifier+semantic")
        merged = {k: merged[k] for k in sorted(merged, key=lambda k: order.index(k) if k in order else 9)}
        FIGURES.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
