"""Precision and recall of discovery on labelled files of public repositories; writes docs/benchmarks.md.

Labels (benchmarks/labels/discovery.jsonl) name, for each labelled file of a
public repository at a commit, every model reference a reviewer expects:
line, text as written, model, licence version and role. A file with no
reference has one entry with ``line: null``. Predictions in a labelled file
that match no label are false positives. The repositories' snapshots are read
from benchmarks/.work/src/<owner>+<name>/ (see docs/discovery.md); nothing of
them is committed.

Reported: precision and recall of uses (role ``use``), of all references,
role accuracy, and version accuracy (the resolved licence equals the labelled
one, over matched references whose label has a licence).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LABELS = HERE / "labels" / "discovery.jsonl"
SRC = HERE / ".work" / "src"
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- discovery_accuracy:start -->", "<!-- discovery_accuracy:end -->"


@dataclass
class Tally:
    """Counts over every labelled file."""

    files: int = 0
    labelled: int = 0
    predicted: int = 0
    matched: int = 0
    labelled_uses: int = 0
    predicted_uses: int = 0
    matched_uses: int = 0
    role_right: int = 0
    versioned: int = 0
    version_right: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_version: list[str] = field(default_factory=list)


def load_labels(path: Path) -> dict[tuple[str, str, str], list[dict[str, object]]]:
    """(repo, commit, path) -> the expected references of that file."""
    files: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        key = (str(item["repo"]), str(item["commit"]), str(item["path"]))
        files[key]
        if item["line"] is not None:
            files[key].append(item)
    return files


def predict(file: Path) -> list[tuple[int | None, str, str, str | None]]:
    """(line, text, role, licence) of every reference discovery reports in one file."""
    sys.path.insert(0, str(REPO / "src"))
    from weightclear.discovery import discover
    from weightclear.knowledge import load
    from weightclear.resolve import resolve_name

    evidence = discover(file, load(), resolver=resolve_name)
    return [
        (r.location.line, r.text, r.role.value, r.resolution.licence_id if r.resolution else None)
        for r in evidence.references
        if r.kind not in ("hf-folder", "model-card")  # artefact scanners: not what these labels cover
    ]


def score(labels: dict[tuple[str, str, str], list[dict[str, object]]], src: Path) -> Tally:
    """Compare predictions with labels, file by file."""
    tally = Tally()
    for (repo, commit, rel), expected in sorted(labels.items()):
        snapshot = src / repo.replace("/", "+")
        stamp = snapshot.with_suffix(".commit")
        if stamp.exists() and stamp.read_text().strip() != commit:
            print(f"warning: {repo} snapshot is not at the labelled commit {commit[:10]}", file=sys.stderr)
        file = snapshot / rel
        if not file.is_file():
            sys.exit(f"missing {file}: extract the snapshot of {repo} first (docs/discovery.md)")
        tally.files += 1
        got = predict(file)
        tally.labelled += len(expected)
        tally.predicted += len(got)
        tally.labelled_uses += sum(1 for e in expected if e["role"] == "use")
        tally.predicted_uses += sum(1 for g in got if g[2] == "use")
        unmatched = list(got)
        for exp in expected:
            text = str(exp["text"]).lower()
            hit = next((g for g in unmatched if g[0] == exp["line"] and g[1].lower() == text), None)
            where = f"{repo}:{rel}:{exp['line']} {exp['text']}"
            if hit is None:
                tally.misses.append(where)
                continue
            unmatched.remove(hit)
            tally.matched += 1
            tally.role_right += hit[2] == exp["role"]
            if exp["role"] == "use" and hit[2] == "use":
                tally.matched_uses += 1
            if exp["licence"] is not None:
                tally.versioned += 1
                if hit[3] == exp["licence"]:
                    tally.version_right += 1
                else:
                    tally.wrong_version.append(f"{where}: {hit[3]} (expected {exp['licence']})")
        tally.extras += [f"{repo}:{rel}:{g[0]} {g[1]} ({g[2]})" for g in unmatched]
    return tally


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "n/a"


def render(t: Tally) -> str:
    """The markdown section."""
    lines = [
        START,
        "## Discovery accuracy",
        "",
        f"{t.files} labelled files of public repositories ({t.labelled} expected references, "
        f"{t.labelled_uses} of them uses); labels in `benchmarks/labels/discovery.jsonl`. "
        "Regenerate with `python benchmarks/discovery_accuracy.py`.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| precision of uses | {_ratio(t.matched_uses, t.predicted_uses)} |",
        f"| recall of uses | {_ratio(t.matched_uses, t.labelled_uses)} |",
        f"| precision, all references | {_ratio(t.matched, t.predicted)} |",
        f"| recall, all references | {_ratio(t.matched, t.labelled)} |",
        f"| role right (matched) | {_ratio(t.role_right, t.matched)} |",
        f"| licence version right (labelled licence) | {_ratio(t.version_right, t.versioned)} |",
        "",
    ]
    details = (("Missed", t.misses), ("Not expected", t.extras), ("Wrong version", t.wrong_version))
    for title, items in details:
        if items:
            lines.append(f"{title}: " + "; ".join(f"`{i}`" for i in items))
            lines.append("")
    lines.append(END)
    return "\n".join(lines)


def write_section(section: str) -> None:
    """Replace our section of docs/benchmarks.md (other sections belong to other benchmarks)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    """Score, print, write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--src", type=Path, default=SRC)
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args()
    section = render(score(load_labels(args.labels), args.src))
    print(section)
    if not args.no_write:
        write_section(section)


if __name__ == "__main__":
    main()
