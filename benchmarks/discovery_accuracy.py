"""Precision and recall of discovery on labelled files of public repositories; writes docs/benchmarks.md.

Labels name, for each labelled file of a public repository at a commit, every
model reference a reviewer expects: line, text as written, model, licence
version and role. A file with no reference has one entry with ``line: null``.
Predictions in a labelled file that match no label are false positives.
Licence ``"unresolved"`` says the name must resolve to no licence (a model
the knowledge base has no licence for, such as the original LLaMA); ``null``
leaves the licence unchecked.

Labelling rules: a reference is a written name of a model of a covered family
(Llama, Gemma, Qwen, DeepSeek, Mistral, Falcon, Phi, BLOOM, Stable Diffusion,
NVIDIA, OLMo, gpt-oss, StarCoder) that carries a version or size ("Llama 3",
``gemma3``, ``mistral-7b``); a family word alone is not one. Chat-template
names, output folders, job, run and endpoint names, file names and URLs of web
pages are not references; a Hub URL is. Prose, comments, docstrings, help
strings and commented-out code are mentions; code, configs and data are uses.
Each file was labelled from reading it, before its predictions were looked at.

Four label sets: ``discovery.jsonl`` (dev: errors there were studied and fixed
in general terms), ``discovery_heldout.jsonl`` (held-out: labelled the same
way, never tuned on) and ``discovery_heldout2.jsonl`` (held-out 2: labelled in
round 2 from repositories not used before, measured once before that round's
fixes, never tuned on) and ``discovery_heldout3.jsonl`` (held-out 3: labelled in
round 3 from 3 repositories not used before, measured once before that round's
fixes and once after, never tuned on) and ``discovery_heldout4.jsonl`` (held-out
4: labelled in round 4 from 8 repositories not used before, before any look at
the tool's output on them, measured once blind by the lead, then its errors read
in round 5, so no longer blind) and ``discovery_heldout5.jsonl`` (held-out 5:
labelled in round 5 (session 4) from 8 repositories not used before, before any
look at the tool's output on them, measured once blind by the lead, then its
errors read in round 7, so no longer blind) and ``discovery_heldout6.jsonl``
(held-out 6: labelled in round 10 (session 6) from 9 repositories not used
before, before any look at the tool's output on them, measured by the lead) and
``discovery_heldout7.jsonl`` (held-out 7: labelled in round 11 (session 6) from 7
repositories not used before, before any look at the tool's output on them,
measured by the lead) and ``discovery_heldout8.jsonl`` (held-out 8: labelled in
round 12 (session 7) by the lead from 3 repositories not used before, read file
by file before any scan of them; its helper labeller never started) and
``discovery_heldout9.jsonl`` (held-out 9: labelled in round 13 (session 8) by a
helper from 6 repositories not used before, before any look at the tool's output
on them, measured by the lead) and ``discovery_heldout10.jsonl`` (held-out 10:
labelled in round 14 (session 8) by a helper from 5 repositories not used
before, before any look at the tool's output on them, measured by the lead) and
``discovery_heldout11.jsonl`` (held-out 11: labelled in round 15 (session 8) by a
helper from 6 repositories not used before, before any look at the tool's output
on them, measured by the lead) and ``discovery_heldout12.jsonl`` (held-out 12:
labelled in round 16 (session 9) by a helper from 6 repositories not used before,
before any look at the tool's output on them, measured by the lead) and
``discovery_heldout13.jsonl`` (held-out 13: labelled in round 17 (session 9) by a
helper from 5 repositories not used before, before any look at the tool's output
on them, measured by the lead) and ``discovery_heldout14.jsonl`` (held-out 14:
labelled in round 18 (session 9) by a helper from 4 repositories not used before,
before any look at the tool's output on them, measured by the lead) and
``discovery_heldout15.jsonl`` (held-out 15:
labelled in round 18 (session 9, a second helper) by a helper from 5 repositories
not used before, before any look at the tool's output on them, measured by the
lead) and ``discovery_heldout16.jsonl`` (held-out 16: labelled in round 20 (session 10) by a helper
from 6 repositories not used before, before any look at the tool's output on them, measured by the
lead) and ``discovery_heldout17.jsonl`` (held-out 17: the same, in round 21, by a second helper from 5
repositories) and ``discovery_heldout18.jsonl`` (held-out 18: the same, in round 22, by a third helper
from 6 repositories) and ``discovery_heldout19.jsonl`` (held-out 19: the same, in round 23, by a fourth
helper from 5 repositories) and ``discovery_heldout20.jsonl`` and ``discovery_heldout21.jsonl``
(held-out 20 and 21: the same, in round 24, by a fifth and sixth helper from 6 and 5 repositories).
Held-out 22 (session 10, a seventh helper, 5 repositories) was measured once at the end. Held-out 23
and 24 (session 11, two helpers, 5 repositories each) were measured once before round 26; their
TinyLlama labels, which the labelling brief asked for and the issue names decoys, were removed after.
Held-out 25 and 26 (session 11, two more helpers, 5 repositories each) were measured once before
round 27, held-out 27 and 28 (two more) once before round 28, held-out 29 to 31 (three more) once
after it, and held-out 32 and 33 (two more) once at the end. Held-out 34 to 36 (session 12, three
helpers, 5 repositories each) were measured once before round 30, held-out 37 to 39 (session 13, the
same) once before round 31, held-out 40 to 42 (session 13, three more) once before round 32, and
held-out 43 to 45 (three more) once before round 33, held-out 46 to 48 (three more) once before round
34, held-out 49 to 51 (three more) once before round 35, held-out 52 to 54 (three more) once before
round 36, and held-out 55 and 56 (two more, at the very end) once, with no round after them. Held-out
57 to 59 (session 14, three helpers) were measured once before round 37, held-out 60 to 62 (three
more) once before round 38, held-out 63 to 65 (three more) once before round 39, held-out 66 to 68
(three more) once before round 40, and held-out 69 to 71 (three more) once on the final code of
session 14, with no round after them. Held-out 72 to 74 (session 15, three helpers) were measured once
before round 41, held-out 75 to 77 (session 16, three helpers) once before round 42, held-out 78 to
80 (three more) once before round 43, held-out 81 to 83 (three more) once before round 44,
held-out 84 to 86 (three more) once before round 45, held-out 87 to 89 (three more) once before
round 46, held-out 90 to 92 (three more) once before round 47, and held-out 93 to 95 (session 17,
three helpers) once before round 48, held-out 96 to 98 (three more) once before round 49, held-out
99 to 101 (three more) once before round 50, held-out 102 to 104 (three more) once before round 51, and
held-out 105 to 107 (three more) once before round 52, held-out 108 to 110 (three more) once before
round 53, held-out 111 to 113 (session 18, three helpers) once before round 54, held-out 114 to 116
(three more) once before round 55, held-out 117 to 119 (three more) once before round 56, held-out 120
to 122 (three more) once before round 57, and held-out 123 to 125 (three more) once before round 58. All
are reported.
Gemma 4 labels that expected ``gemma`` (held-out and held-out 17) were corrected to ``apache-2.0`` in
session 10, when Gemma 4's licence was checked.

A label meets a prediction on its line when both name the same thing once
written the same way (``canonical``): lower case, no URL scheme
(``hf://``, ``ollama://``, Hub URLs), HF-cache folders as ``org/name``; failing
that, when one is a whole part of the other (``Llama 3.1`` of ``Llama 3.1 8B``); last (since
session 15), when the prediction is the label and a tag word (``qwen3-8b`` of ``qwen/qwen3-8b-local``,
``llama3.2`` of ``llama3.2:latest``; up to three tag words since session 17, as
``-hf-nebius``); and (since session 17) when both name the model one GGUF file or repository packs
(``Qwen3-0.6B`` of ``bartowski/Qwen_Qwen3-0.6B-GGUF``, a repository of its file on one URI); a
Bedrock id is compared without its cross-region prefix (``us.``, ``eu.``) since session 17. A line of
a file an artefact scanner reads (an adapter's ``base_model_name_or_path``) counts as a reference too
since session 15.

The repositories' files are read from benchmarks/.work/src/<owner>+<name>/
(whole snapshots, also used by scan_speed.py) or benchmarks/.work/labelled/
<owner>+<name>/ (only the labelled files, written by ``--extract-from DIR``
from git repositories DIR/<owner>+<name>[/repo] at the labelled commits).
Nothing of them is committed. Files of absent repositories are skipped and
listed; ``--needs`` prints the repositories and commits the labels need.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LABELS = HERE / "labels" / "discovery.jsonl"
HELDOUT = HERE / "labels" / "discovery_heldout.jsonl"
# held-out 2 onward: one file per round of unseen repositories, numbered in the order they were labelled
HELDOUT_COUNT = 125
SETS = [LABELS, HELDOUT] + [
    HERE / "labels" / f"discovery_heldout{n}.jsonl" for n in range(2, HELDOUT_COUNT + 1)
]
SET_NAMES = {LABELS.name: "dev", HELDOUT.name: "held-out"} | {
    f"discovery_heldout{n}.jsonl": f"held-out {n}" for n in range(2, HELDOUT_COUNT + 1)
}
SRC = HERE / ".work" / "src"
LABELLED = HERE / ".work" / "labelled"
UNRESOLVED = "unresolved"
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- discovery_accuracy:start -->", "<!-- discovery_accuracy:end -->"


@dataclass
class Tally:
    """Counts over every labelled file."""

    files: int = 0
    skipped: int = 0
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
        # The tool reports a name once per line (the same spelling twice on a line is one reference):
        # a label repeating another on its line, compared the same way, is counted once.
        twin = any(
            e["line"] == item["line"] and canonical(str(e["text"])) == canonical(str(item["text"]))
            for e in files[key]
        )
        if item["line"] is not None and not twin:
            files[key].append(item)
    return files


def needs(labels: dict[tuple[str, str, str], list[dict[str, object]]]) -> dict[str, str]:
    """repo -> the commit its labels were made at."""
    return {repo: commit for repo, commit, _ in sorted(labels)}


def locate(repo: str, commit: str, rel: str, roots: list[Path]) -> Path | None:
    """The labelled file in the first root holding a snapshot of ``repo`` (None: absent)."""
    for root in roots:
        snapshot = root / repo.replace("/", "+")
        stamp = snapshot.with_suffix(".commit")
        if stamp.exists() and stamp.read_text().strip() != commit:
            print(f"warning: {snapshot} is not at the labelled commit {commit[:10]}", file=sys.stderr)
        if (snapshot / rel).is_file():
            return snapshot / rel
    return None


def extract(labels: dict[tuple[str, str, str], list[dict[str, object]]], git_root: Path) -> None:
    """Write each labelled file from a local git repository at its labelled commit into LABELLED."""
    for repo, commit, rel in sorted(labels):
        name = repo.replace("/", "+")
        gitdir = next((d for d in (git_root / name / "repo", git_root / name) if d.is_dir()), None)
        if gitdir is None:
            continue
        shown = subprocess.run(
            ["git", "--git-dir", str(gitdir), "show", f"{commit}:{rel}"], capture_output=True, check=False
        )
        if shown.returncode != 0:
            print(f"not in {gitdir}: {commit[:10]}:{rel}", file=sys.stderr)
            continue
        dest = LABELLED / name / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(shown.stdout)
        (LABELLED / f"{name}.commit").write_text(commit + "\n")


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
        # artefact scanners' findings are not what these labels cover, except a line of a file they read
        # (`base_model_name_or_path` in an adapter's config): a reference as written there
        if r.kind not in ("hf-folder", "model-card") or r.location.line is not None
    ]


def score(labels: dict[tuple[str, str, str], list[dict[str, object]]], roots: list[Path]) -> Tally:
    """Compare predictions with labels, file by file; files of absent snapshots are skipped."""
    tally = Tally()
    for (repo, commit, rel), expected in sorted(labels.items()):
        file = locate(repo, commit, rel, roots)
        if file is None:
            tally.skipped += 1
            continue
        tally.files += 1
        got = predict(file)
        tally.labelled += len(expected)
        tally.predicted += len(got)
        tally.labelled_uses += sum(1 for e in expected if e["role"] == "use")
        tally.predicted_uses += sum(1 for g in got if g[2] == "use")
        unmatched = list(got)
        for exp, hit in _pair(expected, unmatched):
            where = f"{repo}:{rel}:{exp['line']} {exp['text']}"
            if hit is None:
                tally.misses.append(where)
                continue
            tally.matched += 1
            tally.role_right += hit[2] == exp["role"]
            if exp["role"] == "use" and hit[2] == "use":
                tally.matched_uses += 1
            if exp["licence"] is not None:
                tally.versioned += 1
                if hit[3] == (None if exp["licence"] == UNRESOLVED else exp["licence"]):
                    tally.version_right += 1
                else:
                    tally.wrong_version.append(f"{where}: {hit[3]} (expected {exp['licence']})")
        tally.extras += [f"{repo}:{rel}:{g[0]} {g[1]} ({g[2]})" for g in unmatched]
    return tally


_SCHEME = re.compile(r"^(?:https?://(?:www\.)?(?:huggingface\.co|hf\.co)/|[a-z][a-z0-9+]*://)", re.I)


_BEDROCK_REGION = re.compile(r"(^|[/:])(?:us|eu|apac|us-gov|global)\.(?=[a-z]+\.)")
_ROUTED_SUFFIX = re.compile(
    r"^([^:]*/[^:]+):(?:fireworks-ai|together|nebius|novita|sambanova|hyperbolic|cerebras|groq|"
    r"featherless-ai|fal-ai|hf-inference|cohere|nscale|scaleway|fastest|cheapest|all)$"
)


def canonical(text: str) -> str:
    """A written name as both sides compare it: lower case, no URL scheme, HF-cache folders as org/name,
    no Markdown link brackets or possessive.

    The tool reports ``models--org--name`` and ``hf://org/name`` as ``org/name``; a label written as
    the file spells it must still meet that report.
    """
    # a label may keep a Markdown link's brackets or a possessive (`[Mixtral-8x22B-v0.1]`, `Qwen3's`)
    low = _SCHEME.sub("", text.strip().lower().strip("[]").removesuffix("'s"))
    if low != text.strip().lower().strip("[]").removesuffix("'s"):
        low = low.split("#", 1)[0]  # a Hub page's anchor (`Qwen/Qwen3-8B#best-practices`) is the page's model
    # an inference provider after a Hub id, and a NIM container's registry and tag around the model it serves
    low = _ROUTED_SUFFIX.sub(r"\1", low)
    low = _BEDROCK_REGION.sub(r"\1", low)  # a cross-region profile of a Bedrock id (`us.meta.llama...`)
    if low.startswith("nvcr.io/nim/"):
        low = low.removeprefix("nvcr.io/nim/").split(":", 1)[0]
    if low.startswith("models--"):
        parts = low.split("/", 1)[0].split("--")
        low = f"{parts[1]}/{'--'.join(parts[2:])}" if len(parts) >= 3 else low
    return low


def _within(short: str, long: str) -> bool:
    """True when ``short`` is a whole part of ``long``: bounded by its ends, a space or a slash.

    A colon also opens a part (``cerebras:llama-3.3-70b``, ``bedrock:us.meta...``: a provider prefix) but
    does not close one, so ``llama3`` is not a part of the Ollama tag ``llama3:8b``; except after a Hub
    id, where it picks one quantisation of that repository (``hf.co/org/name-GGUF:Q4_K_M``).
    """
    closers = " /:" if "/" in short else " /"
    at = long.find(short)
    while at >= 0:
        end = at + len(short)
        if (at == 0 or long[at - 1] in " /:") and (end == len(long) or long[end] in closers):
            return True
        at = long.find(short, at + 1)
    return False


# Tag words after a whole name (`-local`, `:latest`, `-hidden`; up to three, as a provider after the model,
# `-hf-nebius`): no digit, so no other size or version; or a quantisation (`-q4`, an Ollama tag's `:q4_0`);
# or a context length after a colon (Bedrock's `meta.llama3-70b:128k`)
_TAG_WORD = re.compile(r"(?:[-:][a-z]+){1,3}$|[-.:]q\d(?:_[a-z0-9]+)*$|:\d+k$")


def _tagged(got: str, want: str) -> bool:
    """The report is the label plus a tag word: `qwen3-8b` of `qwen/qwen3-8b-local`, `llama3.2` of
    `llama3.2:latest` (a label that stops before a deployment's tag). Not the other way: a report that
    stops early (`Qwen 2.5` of `Qwen 2.5-Coder`) may name another model."""
    at = got.find(want)
    return at >= 0 and (at == 0 or got[at - 1] in " /:") and bool(_TAG_WORD.fullmatch(got[at + len(want) :]))


# Where a quantised copy's file or repository name stops naming the model: its quantisation, precision or
# format word (`-Q4_K_M`, `-bf16`, `-GGUF`); and the quantiser's copy of the org word before it (`google_`).
_PACK_CUT = re.compile(r"[-._](?:ud-)?(?:i?q\d|bf16|fp16|f16|f32|gguf)")
_PACK_HEAD = re.compile(r"^(?:mmproj-|mtp-)?(?:[a-z0-9]+_(?=[a-z]))?")


def _packed_model(text: str) -> str:
    """The model a GGUF file's or repository's name packs, without the quantiser's words around it."""
    name = text.rsplit("/", 1)[-1]
    cut = _PACK_CUT.search(name)
    return _PACK_HEAD.sub("", name[: cut.start()]) if cut is not None and cut.start() > 0 else name


def _packed(got: str, want: str) -> bool:
    """Both name the model one GGUF file or repository packs: the label writes only the model
    (`qwen3-0.6b` of `bartowski/qwen_qwen3-0.6b-gguf` or `qwen_qwen3-0.6b-q4_k_m.gguf`), or the repository
    where the report names the file of it (`org/qwen3-8b-gguf` of `qwen3-8b-q4_k_m.gguf`, one URI)."""
    if "gguf" not in got and "gguf" not in want:
        return False
    return _packed_model(got) == _packed_model(want)


def _pair(
    expected: list[dict[str, object]], unmatched: list[tuple[int | None, str, str, str | None]]
) -> list[tuple[dict[str, object], tuple[int | None, str, str, str | None] | None]]:
    """Each label with the prediction on its line naming the same thing (None: missed).

    Same canonical text first, for every label; then, for labels still unpaired, one text a whole
    part of the other (``Llama 3.1`` of ``Llama 3.1 8B``, ``org/name`` of ``watsonx/org/name``); last,
    one text the other plus a tag word (``qwen3-8b`` of ``qwen/qwen3-8b-local``); and two that name the
    model one GGUF file or repository packs (``qwen3-0.6b`` of ``qwen_qwen3-0.6b-q4_k_m.gguf``).
    Paired predictions are removed from ``unmatched``; what is left there was not expected.
    """
    paired: dict[int, tuple[int | None, str, str, str | None]] = {}
    for rule in (_same, _part, _tagged, _packed):
        for i, exp in enumerate(expected):
            if i in paired:
                continue
            want = canonical(str(exp["text"]))
            hit = next((g for g in unmatched if g[0] == exp["line"] and rule(canonical(g[1]), want)), None)
            if hit is not None:
                paired[i] = hit
                unmatched.remove(hit)
    return [(exp, paired.get(i)) for i, exp in enumerate(expected)]


def _same(got: str, want: str) -> bool:
    return got == want


def _part(got: str, want: str) -> bool:
    return _within(got, want) or _within(want, got)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "n/a"


def _rows(t: Tally) -> list[tuple[str, str]]:
    return [
        ("labelled files (skipped: snapshot absent)", f"{t.files} ({t.skipped})"),
        ("expected references (uses)", f"{t.labelled} ({t.labelled_uses})"),
        ("precision of uses", _ratio(t.matched_uses, t.predicted_uses)),
        ("recall of uses", _ratio(t.matched_uses, t.labelled_uses)),
        ("precision, all references", _ratio(t.matched, t.predicted)),
        ("recall, all references", _ratio(t.matched, t.labelled)),
        ("role right (matched)", _ratio(t.role_right, t.matched)),
        ("licence version right (labelled licence)", _ratio(t.version_right, t.versioned)),
    ]


# Measured once, before round 2 changed anything but the labels (commit 6166455): held-out 2 with the
# comparison of then (exact text), then all three sets with the comparison of canonical names.
BEFORE_ROUND2 = [
    "Before round 2 (use precision / use recall / licence version): held-out 2 as first measured, exact "
    "text comparison: 0.432 (48/111) / 0.516 (48/93) / 0.895 (51/57); with the canonical comparison above "
    "and the tool unchanged: dev 0.930 (93/100) / 1.000 (93/93) / 0.991, held-out 0.970 (64/66) / "
    "0.955 (64/67) / 0.958, held-out 2 0.441 (49/111) / 0.527 (49/93) / 0.908 (59/65).",
]

# Read after held-out 2 was measured, and left unfixed in round 2 (fixing them would tune on it).
HELDOUT2_CAUSES = [
    "Held-out 2 errors by cause, read after measuring and not fixed in round 2 (that would tune on it): "
    "one KubeAI catalogue (`charts/models/values.yaml`) holds most of them: its `url: hf://org/name` and "
    "`ollama://tag` values are dropped as web URLs (44 missed uses, 3 more `ollama://` in other manifests) "
    "and its keys, deployment names with an accelerator suffix (`llama-3.1-8b-instruct-fp8-l4`, `-h100`, "
    "`-cpu`, `-gh200`), are reported as uses (44); then GGUF file names and an `alias` in llama-cpp-python "
    "server configs, `openai/gpt-4` resolved to a model, test-dict `name`s with a size, a Makefile target, "
    "Dockerfile stage names (`exllamav2-kernels-builder`), a class name (`FlashGemma2`); Qwen3.5 (and "
    "Gemma 4) have no catalogue entry and no licence source in the references.",
]

# Measured once, before round 3 changed anything but the labels, its errors not read.
BEFORE_ROUND3 = [
    "Held-out 3 (before round 3; labelled from NVIDIA/nim-deploy, h2oai/h2ogpt and bentoml/OpenLLM "
    "before any scan of them, measured once, its error listing not read): use precision 0.527 (29/55), "
    "use recall 0.592 (29/49); all references 0.696 (78/112) / 0.788 (78/99); role right 0.987; "
    "licence version 1.000 (44/44). Most of its uses are NIM container images "
    "(`nvcr.io/nim/<org>/<model>:<tag>`), labelled as the model they serve.",
    "Round 3 fixed general causes read in dev and held-out 2 only: a record's sized `name` beside its own "
    'model key (`"name": "mistral-7b", "model_id": "org/..."`) is a label, a Makefile target is a '
    "command, an `alias` value is a name given; use precision dev 0.969 -> 0.979, held-out 2 0.877 -> "
    "0.930 (held-out 2 is no longer blind). Qwen3.5, Gemma 4, functiongemma and Qwen2-VL stay unresolved: "
    "the references give no licence for them. Held-out 3 after round 3 (measured once more, not tuned "
    "on): unchanged, use precision 0.527 (29/55), use recall 0.592 (29/49): these fixes did not reach its "
    "errors, and the 0.97 goal is not met on unseen code.",
    "After round 3 the lead read held-out 3's errors (so it is no longer blind either) and fixed the "
    "general causes they showed: a NIM container (`nvcr.io/nim/org/name:tag`) names its model, "
    "`nvidia-nim-*` / `*-nim-*` resources are deployments, `v03` is version 0.3; with the KubeAI forms "
    "read from held-out 2 (`hf://` / `ollama://` URIs, hardware-suffixed deployment names). The table "
    "above is after those fixes; the honest figures for unseen code are the blind ones: held-out 2 "
    "0.432 / 0.516 and held-out 3 0.527 / 0.592 (use precision / recall) when first measured.",
]


# Round 4 (h25): general causes read in the four seen sets' errors and in forms none of them covers; no
# rule names a case. Held-out 4 was labelled meanwhile by another engineer and nothing was tuned on it.
ROUND4 = [
    "Round 4 fixed general causes read in the errors of dev, held-out, held-out 2 and held-out 3 (all "
    "seen) and in forms no set covers (checked on small trees in `tests/discovery/test_accuracy_round5.py`): "
    "Kubernetes object names (`metadata: name:`, sized or not) and labels, annotations and selectors are "
    "resources; so are names ending in a resource word (`-endpoint`, `-svc`) and ids with their slash "
    "turned into a dash (`meta-llama3-8b-instruct`); a `name` under a `model:` block and an Ollama "
    "`create:` item are models; prompt types, served aliases, tool and reasoning parsers and the "
    "`save_pretrained` / `push_to_hub` targets are settings; a GGUF file picked from a repository named "
    "just before it is part of that reference; a bare name a record took as its label (`- name: llama3` "
    "over `modelURL:`) is that record when named again; Hugging Face cache paths, `qwq:32b`, Ollama lists "
    "flattened by helm-docs, requests to Ollama's port, Bedrock ARNs, Azure ML registry URIs, KerasHub "
    "presets, Kaggle model handles and prose "
    "versions with a letter (`DeepSeek R1`) are read; URL fragments, licence ids and their files, "
    "package metadata, C internals and base64 are silent; an Ollama URI of an uncovered family "
    "(`ollama://granite3.1-dense`) and an org's bare family word (`Google/Gemma`) name no model. "
    "A version the catalogue lacks (Gemma 4, Qwen3.5, LLaMA 1) now stays unresolved (a model of its "
    "family, no licence: no reference gives one), which costs held-out two labels that expect `gemma` "
    "for Gemma 4. Use precision / use recall before -> after round 4: dev 0.979 / 1.000 -> 0.989 / "
    "1.000, held-out 0.970 / 0.955 -> 0.985 / 0.985, held-out 2 0.930 / 1.000 -> 0.989 / 1.000, "
    "held-out 3 0.902 / 0.939 -> 1.000 / 0.939. All four sets were seen, so these are not figures for "
    "unseen code; held-out 4 is: labelled meanwhile by another engineer, it was measured once, after "
    "every round-4 fix was committed, and its error listing was not read.",
    "Left as they are: the issue's decoys OpenLLaMA and its fine-tunes, which held-out 3 labels as "
    "models; licence ids written as names in prose (`the llama-2 family`, dropped as a licence); label "
    "gaps (a notebook line and h2ogpt README lines naming a model the labels omit); Qwen3.5, "
    "functiongemma and Qwen2-VL-2B without a licence source.",
]


# Round 5 (h31): held-out 4 was measured once, blind, after round 4; then the lead read its errors, so it
# is no longer blind. Each fix is a rule for any repository (tests/discovery/test_accuracy_round6.py).
ROUND5 = [
    "Held-out 4 (labelled in round 4 from 8 repositories not used before; measured once, blind, after "
    "round 4, before this round): use precision 0.801 (113/141), use recall 1.000 (113/113). That is the "
    "honest figure for unseen code. Held-out 4 is no longer blind: its errors were read in round 5 and "
    "their general causes fixed (checked on small trees in `tests/discovery/test_accuracy_round6.py`): "
    "an `org/name:tag` with a container build tag (`cu121`, `rocm`, `latest`, a dotted version, "
    "`-devel`) is an image; a GGUF file's name is a model only where it is loaded (a model / file / path "
    "setting, `Model=`, `-m`, a call's argument, a URI), not in a list of files or a mount target, and a "
    "split set is named by its first shard only; TinyLlama GGUF files are decoys; data sets "
    "(`dataset_name`), new-model names and a dataclass field's `default=` under a setting name are "
    "settings; a document's top-level `name` over the model it runs, names ending in `-train` / `-pool` "
    "and kubectl's `kind/name` are resources; a select option's `label` beside its `value` is display "
    "text; prose sizes (`Mistral 7B`, `Mixtral 8x22B`), slash-joined lists (`Qwen-1.8B/Qwen-7B`) and a "
    "name followed by its size (`Qwen2.5-Coder 1.5B`, `Llama-3 8B`) are read whole, before the context "
    'rules; `"help":` values, `Description=` lines and the docstrings of an extension-less Python '
    "script (by its `#!` line) are prose; Mistral's `open-` prefix and `mistral-8x7b` spell Mixtral. "
    "Held-out 4 after round 5: use precision 0.966 (113/117), use recall 1.000 (113/113); the other four "
    "sets unchanged. Left: DeepSeek-V3.1 (labels expect MIT; the references give V3 the DeepSeek licence "
    "and only R1 MIT) and Gemma-SEA-LION-v4 (its base is not in the references) stay unresolved; a "
    '`"value"` of a reasoning-parser option (`qwen3`); KServe\'s `--model_name=llama2` (a served name) and '
    "prose service names; `ramalama pull qwen2.5vl:3b` in a demo script, labelled a mention (a demo "
    "script that pulls a model reads as a use under the labelling rules); Mistral Nemo 12B, Codestral "
    "Mamba 7B, Mistral Large 2407 (two-word names) in a table.",
]


# Round 7 (h42): held-out 5 was measured once, blind, with the code of the end of session 4's round 5
# (round 6 changed nothing); then the lead read its errors, so it is no longer blind. Each fix is a rule
# for any repository (tests/discovery/test_accuracy_round8.py).
ROUND7 = [
    "Held-out 5 (labelled in session 4 from 8 repositories not used before; measured once, blind, before "
    "round 7): use precision 0.811 (159/196), use recall 0.878 (159/181); all references 0.892 (321/360) "
    "/ 0.892 (321/360); role right 0.944 (303/321); licence version 0.971 (272/280). That is the honest "
    "figure for unseen code. Held-out 5 is no longer blind: its errors were read in round 7 and their "
    "general causes fixed (checked on small trees in `tests/discovery/test_accuracy_round8.py`): Kaggle "
    "(`kaggle.com/models/owner/model[/framework]`) and ModelScope (`modelscope.cn/models/org/name`) model "
    "pages name their model; a download URL of a GGUF file names that file, and a GGUF name shaped like "
    "a module path (`em_german_mistral_v01.Q4_0.gguf`) is read; a provider before a colon "
    "(`ollama:qwen3`, `bedrock:...`, `gateway/bedrock:...`, pydantic-ai's spelling) is a client prefix; "
    "Bedrock's `deepseek.r1` is a Bedrock id; `1_5b` is size 1.5B and `.gguf2` a format marker; a "
    'substring test (`\'llama2\' in name`), an architecture field (`"type": "LLaMA3"`, `model_type`), '
    "a tokenizer file (`*.spiece.model`), test and template classes (`TestQwen3VLChatTemplate`), a name "
    "followed by `License` / `Community License` / `format` / `template`, quantisation digits and "
    "GPT4All's own name (`gpt4all-falcon-q4_0.gguf`), KServe's `--model_name` beside `--model_id` and "
    "the `value` of a parser or template select's option name no model; a data file's `description` "
    "value is prose; a spaced name that is a model or id key's whole value (`model='Llama 3.2 1B "
    "Instruct'`, GPT4All's API ids) is a use; Mistral line words before a size or date (`Mistral Nemo "
    "12B`, `Mistral Large 2407`) are read. Use precision / use recall before -> after round 7: held-out "
    "5 0.811 / 0.878 -> 0.977 (170/174) / 0.939 (170/181); held-out 4 0.966 / 1.000 -> 0.974 / 1.000; "
    "dev, held-out, held-out 2 and held-out 3 unchanged; held-out 4's licence version 0.973 -> 0.968, as "
    "`Codestral Mamba 7B` is now read but unresolved (no reference gives its licence). Licence names "
    "are no longer mentions, which costs dev four mention labels (`the Llama 3 Community License "
    "Agreement`) that held-out 5 labels the other way.",
    "Left, with the labels judged against the labelling rules: Mistral API tier names without a version "
    "or size (`mistral-large-latest`, `mistral-tiny`, `mistral/mistral-large`) stay silent, as dev, "
    "held-out 3 and held-out 4 label them, though held-out 5 expects them; OpenLLaMA stays a decoy (the "
    "issue's list; dev and held-out label it so, held-out 3 and 5 as models); GPT4All catalogue `name`s "
    "are display text (held-out 4 labels a `name` so); xinference's model name `llama-3.1` equals a "
    "licence id and is dropped as one outside this part's files; QwQ-32B and Qwen2-VL have no licence "
    "source in the references; a list of chat-template names (`['llama', 'llama2', ...]`), a "
    "reasoning-parser list in prose, GGUF names in a Markdown table of files, a GGUF default of a Typer "
    "option, display names in a docstring (`GPT OSS 120B`) and `deepseek/deepseek-v3/community`.",
    "Round 9 (session 6) read three frameworks no label set holds (litgpt, mlx-examples, peft) and fixed "
    "what they showed (checked on small trees in `tests/discovery/test_accuracy_round9.py`): code symbols "
    "named after a model (`class Llama2(PromptStyle)`, `Llama2()`, `isinstance(x, Phi3)`, a bare "
    "identifier as a value or argument, `falcon3 = [...]`), regular expressions that match names, a norm "
    "or style type, Python's `from mistral import` (it was read as a Modelfile's `FROM`) and the Hub's "
    "own pages (`huggingface.co/blog/falcon3`) name no model; a display name of several words is display "
    "text. The six seen sets' use figures did not change.",
    "Held-out 6 (labelled in session 6 from 9 repositories not used before: smolagents, dspy, mlc-llm, "
    "gpt-oss, llamafile, haystack, vercel/ai, aibrix, cog-examples; measured once, blind, after round 9 "
    "and before any look at its errors): use precision 0.903 (112/124), use recall 0.974 (112/115); all "
    "references 0.934 (285/305) / 0.963 (285/296); role right 0.989; licence version 0.989 "
    "(259/262). The code at the start of session 6 gives 0.889 (112/126) / 0.974 on it. That is the "
    "honest figure for unseen code, and it is below the 0.97 goal for precision. Held-out 6 is no longer "
    "blind: its errors were read in round 10 and their general causes fixed (checked on small trees in "
    "`tests/discovery/test_accuracy_round10.py`): a shell variable's default (`${MODEL_NAME:-org/name}`) "
    "is the model; a label keyed by a domain (`model.aibrix.ai/name: ...`) names a resource; a llamafile "
    "named after a model (`Llama-3.2-1B-Instruct.Q4_K_M.llamafile`, also with `.exe`, and a "
    "`...-llamafile` repository) is that model's weights, while the llamafile tool stays a decoy; an HTML "
    "link's text names the model of its `href` (it was dropped as an echo); `Llama Guard 4` is read "
    "whole; `ollama0.31.2` in a cache key is Ollama's version. Left, judged against the labelling rules: "
    "checkpoint folders named after the model (`gpt-oss-120b/original/`), which held-out 6 does not "
    "label and the tool reports, as a folder of weights is the model; a label gap (`Llama2-13b` in "
    "dspy's FAQ); `DeepSeek V3.2-Speciale` read as `DeepSeek V3.2`; Fireworks' "
    "`stable-diffusion-xl-1024-v1-0`, QwQ-32B-Preview and the alt text `gpt-oss-120` without a licence.",
    "Held-out 7 (labelled in session 6 from 7 repositories not used before: open-r1, alignment-handbook, "
    "mem0, autogen, llm-compressor, llama-stack-apps, fragments; 53 files, 128 references, written in "
    "about 25 minutes, so small; measured once, blind, after round 10): use precision 1.000 (40/40), use "
    "recall 0.727 (40/55); all references 0.958 (114/119) / 0.891 (114/128); role right 0.956; licence "
    "version 0.977 (85/87). Most missed uses are display names in a JSON catalogue beside the id they "
    'name (`"name": "Llama 4 Scout Instruct"` next to `"id": "accounts/fireworks/models/..."`), '
    "which held-out 7 labels as uses and the tool, since round 3, reads as the record's label (held-out 4 "
    "labels display names as mentions): a labelling disagreement, left as it is. Round 11, from its "
    "errors (it is no longer blind): Mistral's line words before a version (`Mistral Large 3`, "
    "`Mistral Small 3.1`) are read, and DeepSeek-R1-0528 (MIT, as R1) joins the catalogue. Left: a "
    "`-checkpoint` folder named after a model and link texts of Hub links that name a derivative.",
    "Session 7 (round 12). Its two helper labellers never started in time, so held-out 8 was labelled by "
    "the lead: 32 files of 3 repositories not used before (aider, browser-use, open-interpreter), 68 "
    "references, each file read and labelled before any scan of it. It is less independent than "
    "held-outs 4 to 7 (the labeller wrote the rules), and small. Measured once: use precision 0.791 "
    "(34/43), use recall 0.971 (34/35); all references 0.914 (64/70) / 0.941 (64/68); role right 0.938; "
    "licence version 0.984. Its errors, read after that measure and fixed in general terms (checked in "
    "`tests/discovery/test_accuracy_round12.py`): a leaderboard's `dirname:` and other results folders "
    "name no model (5 false uses); a one-word name ending in its family word takes a prose size "
    "(`CodeLlama 7b`); DeepSeek's line words come before a version (`DeepSeek Chat V3`); in Python a "
    "name in backticks inside a string is Markdown for a person, a mention (a profile's message: "
    "Model set to \\`llama3\\`). "
    "After: 0.971 / 0.971; no other set changed. Left, judged against the labelling rules: "
    "`ollama/codestral`, which the tool reports as Codestral 22B (an Ollama tag, as dev labels bare "
    "`mistral` tags) and held-out 8 leaves unlabelled (no version); `QwQ + DeepSeek V2.5` in a "
    "leaderboard's `model:` field, a use by the rules and display text to the tool; Mistral Small 3.2 "
    "(`mistral-small-2506`), not in the catalogue. Also this round: QwQ-32B(-Preview), Qwen2-VL 2B / 7B, "
    "DeepSeek-V3.1, Mamba-Codestral-7B and Mathstral-7B joined the catalogue from their model cards' "
    "`license` fields (licence version right rises on held-out, held-out 4, 5 and 6); the first "
    "Codestral Mamba had resolved to Codestral 22B's non-production licence.",
    "Session 8 (round 13). Held-out 9 was labelled by a helper from 6 repositories not used before "
    "(triton-inference-server/tutorials, Chainlit/cookbook, getumbrel/llama-gpt, localGPT, "
    "docker/genai-stack, R2R): 60 files, 220 references, 107 uses, each file read and labelled before "
    "any scan. Measured once, blind, after Mistral Small 3.2 and Magistral joined the catalogue and "
    "before any other change: use precision 0.907 (88/97), use recall 0.822 (88/107); all references "
    "0.879 (211/240) / 0.959 (211/220); role right 0.934; licence version 0.914 (171/187). That is the "
    "honest figure for unseen code. Its errors, read after that measure and fixed in general terms "
    "(checked in `tests/discovery/test_accuracy_round13.py`): `Code Llama 7B` in prose is Meta's code "
    "model (it was read as a Llama 1 size, with no licence: 16 wrong licence versions); a compose default "
    "without a colon (`${LLM-llama2}`) is the model, as `${LLM:-llama2}` was; a GGUF default inside a "
    "path (`MODEL: '/models/${MODEL_NAME:-x.gguf}'`) is judged by the line's key, not the variable's "
    "name; LlamaGPT (an app) and a host with its port (`llama-gpt-api:8000`) name no model; a cache "
    "folder mounted into a container ends at the colon. One convention changed: a spaced name that is a "
    "string's whole value in code or data (`name: 'Llama 2 7B'` in a model list, `author=\"Llama 2\"`) "
    "is a use, as held-out 5, 7, 8 and 9 label it, while display-name, title and label keys (also "
    "`*_TITLE` constants) and longer texts stay mentions; held-out 2 labels a dict of display names "
    "mentions and loses 7 points of use precision, dev, held-out and held-out 4 are unchanged. After: "
    "held-out 9 0.982 (107/109) / 1.000 (107/107), licence version 0.995; held-out 5 use recall 0.939 -> "
    "0.967, held-out 7 0.727 -> 0.818. Left: Triton served and folder names (`falcon7b`, `llama2vllm`), "
    "which the labels leave out and the tool reports as mentions in prose; `34B Code Llama` (size "
    "first); a `TRTLLM_TRITON_URL` value named after its model; Phind-CodeLlama without a licence.",
    "Held-out 10 was labelled in the same session by another helper from 5 repositories not used before "
    "(khoj, gpt-researcher, NVIDIA/GenerativeAIExamples, guidellm, weaviate/recipes): 52 files, 240 "
    "references, 138 uses. Measured once, blind, after round 13: use precision 0.957 (132/138), use "
    "recall 0.957 (132/138); all references 0.962 (227/236) / 0.946 (227/240); role right 0.996; licence "
    "version 0.990 (200/202): the best first measure of the ten sets, still under 0.97. Round 14, from its "
    "errors (checked in `tests/discovery/test_accuracy_round13.py`): more client prefixes before a colon "
    "(`vllm_openai:`, `mistralai:`, `dashscope:`; a provider's model of no family stays silent), "
    "Weaviate's modules (`text2vec-ollama`) name no model, NVIDIA's first catalogue ids "
    "(`ai-mixtral-8x7b-instruct`) resolve, a served name that is a Hub id names the model it serves, "
    "compose `profiles` are settings. After: 0.993 (133/134) / 0.964 (133/138), licence version 1.000; "
    "no other set changed. Left, judged against the labelling rules: substring tests "
    "(`specificModel.includes('falcon-40b')`, `\"deepseek-r1\" in name`), which match names and name none "
    "(held-out 5 labels them so); Mistral API tiers without a version or size (`mistral-large-latest`, "
    "`mistral-tiny`).",
    "Held-out 11, by a third helper the same session from 6 repositories not used before (devika, n8n's "
    "self-hosted AI starter kit, petals, BentoVLLM, Qwen2.5, NextChat): 53 files, 211 references, 87 "
    "uses. Measured once, blind, after round 14: use precision 0.734 (58/79), use recall 0.667 (58/87); "
    "all references 0.791 (189/239) / 0.896 (189/211); role right 0.947; licence version 0.949 "
    "(149/157). That is the honest figure for unseen code, far under the goal; most of the gap is "
    "labelling conventions this set reads the other way. Round 15, from its errors (checked in "
    "`tests/discovery/test_accuracy_round13.py`): `DeepSeek R1 Distill Llama 3.3 70B` is read whole, as "
    "the distill under its base's licence (it was read as R1, under MIT); n8n's node types, test "
    "fixtures (`org/TestMixtral`), chat templates (`.jinja`), container names and an image tag with a "
    "version before its CUDA build (`qwenllm/qwen:2-cu121`) name no model. After: 0.817 (58/71) / "
    "0.667; held-out's licence version 115 -> 114 of 121, as its label gives a Qwen distill R1's MIT "
    "where the catalogue gives the Qwen base's Apache-2.0 (as the issue's lineage rule asks). Left, "
    "judged against the labelling rules: provider API tiers without a version or size (`qwen-turbo`, "
    "`qwen-max`, `mistral-large-latest`, 15 expected uses), which dev and held-outs 6 to 8 leave silent "
    "(held-out 5 and 10 label a few of them); "
    "BentoVLLM's deployment `name`s and its README's table of deployment folders (28 references the "
    "tool reports, as the names carry the model and size they deploy), which this set leaves out; a "
    "deployment's `description:` display name, a mention to the tool (prose for a person) and a use to "
    'this set; a `startswith("meta-llama/Llama-2-")` prefix test; spaced `Phi 4 14B` and `GPT OSS '
    "MoE 20B`, which the tool does not read.",
    "Held-out 12, by a helper in session 9 from 6 repositories not used before (TabbyML/tabby, "
    "chatbot-ui, huggingface/cookbook, NousResearch/Hermes-Function-Calling, groqbook, "
    "screenshot-to-code): 60 files, 265 references, 117 uses. Measured once, blind, after round 15: use "
    "precision 0.979 (94/96), use recall 0.803 (94/117); all references 0.983 (234/238) / 0.883 "
    "(234/265); role right 0.996; licence version 0.892 (206/231). Round 16, from its errors (checked in "
    "`tests/discovery/test_accuracy_round16.py`): a community name that spells its base as the "
    "catalogue's spellings do is that base's derivative (`Nous-Hermes-2-Mixtral-8x7B-DPO`, under "
    "Apache-2.0; `my-llama-7b-finetune` still picks no Llama version); a context length after the size "
    "is no version (`gemma-2B-10M`); `Qwen2-0-5B` is 0.5B; `DeepSeekCoder` is DeepSeek Coder; "
    "StarCoderBase 1B, 3B and 7B are catalogued with the names Tabby and Ollama serve them under; a "
    "user's Ollama model tagged `:latest` with a size in its name is a model, not a container image; a "
    'GGUF file set through `os.environ["..._MODEL_NAME"]` or passed as a call\'s first argument on the '
    "line under the call is loaded; a name URL-encoded in a web page's query names no model. After: use "
    "precision 0.980 (97/99), use recall 0.829 (97/117); all references 0.988 (238/241) / 0.898 "
    "(238/265); licence version 0.983 (231/235); no other set changed. Left: 27 Mistral API tiers and "
    "their display names (`mistral-small-latest`, `Mistral Tiny`), labelled here with no licence, as "
    "held-out 11 does; reporting them was tried and measured: held-out 11 and 12 gain 26 uses, dev and "
    "held-out 6 to 8 (which leave them silent) lose 20 to wrong uses, so it was not kept: a hosted tier "
    "is served under the provider's terms, not an open-weights licence this tool clears. Also left: "
    "`SD1.5`, which no anchor finds, and CodeQwen1.5's licence, which this set reads as Tongyi Qianwen "
    "and the catalogue (from the model cards) as its research edition.",
    "Held-out 13, by another helper in session 9 from 5 repositories not used before (opea-project/"
    "GenAIInfra, pipecat, outlines, rasbt/LLMs-from-scratch, Perplexica): 60 files, 204 references, 52 "
    "uses. Measured once, blind, after round 16: use precision 0.912 (52/57), use recall 1.000 (52/52); "
    "all references 0.914 (191/209) / 0.936 (191/204); role right 1.000; licence version 0.956 "
    "(174/182). Round 17, from its errors (checked in `tests/discovery/test_accuracy_round16.py`): a "
    "deployment named for an Intel Gaudi or another accelerator it runs on (`llama-3.1-8b-instruct-gaudi`, "
    "`-hpu`, `-inf2`) is a deployment, as `-h100` already was; a name followed by a template placeholder "
    '(`f"Qwen/Qwen3-{size}"`) names a set of models, not one; Stable Diffusion 3 Medium (Community '
    "Licence since July 2024) and Olmo 3 (Apache-2.0) are catalogued. After: use precision 1.000 "
    "(52/52), use recall 1.000; all references 0.995 (191/192) / 0.936; licence version 1.000 (182/182); "
    "no other set changed. Left, judged against the labelling rules: a GGUF `filename=` under its "
    "`repo_id=` (10 mentions here; held-out 2 leaves such lines out, held-out 5 labels half of them), "
    "read by the tool as part of the repository's reference; `Llama 3.*` closing a Markdown emphasis, "
    "read as a regular expression; `Llama  3` with two spaces. After round 17 a GGUF file name that "
    "nothing loads is dropped only where it is a use (an output file, a test fixture in code); in prose, "
    "comments and tables of downloads it is a mention (held-out 5, 11 and 13 gain a little, no set "
    "loses).",
    "Held-out 15, by a second helper in session 9 from 5 repositories not used before "
    "(local-ai-packaged, deepeval, ragas, Arize phoenix, open-webui/pipelines): 55 files, 206 "
    "references, 132 uses. Measured once, blind, after round 17 and the GGUF change: use precision 0.822 "
    "(129/157), use recall 0.977 (129/132); all references 0.866 (201/232) / 0.976 (201/206); role "
    "right 0.995; licence version 0.988 (163/165). Round 18, from its errors (checked in "
    "`tests/discovery/test_accuracy_round16.py`): `Ollama` inside a camel-case word starts no name (25 "
    "node and edge ids of a Flowise flow, `chatOllama_0-input-baseUrl-string`, were read as models); a "
    "value to replace with one's own (`your-azure-deepseek-r1-api-key-here`) names no model; a name in "
    "Markdown bold with underscores (`__mixtral-8x7b-32768__`) is read; DeepSeek-V3.2, V3.2-Exp and "
    "V3.2-Speciale are catalogued (MIT). After: use precision 0.992 (129/130), use recall 0.977; all "
    "references 0.981 (202/206) / 0.981; licence version 1.000 (166/166); no other set changed. Left: "
    "bare Ollama tags without a version (`mistral-nemo`, `ollama/mistral`), which this set reads the "
    "other way from the tool's rule (a bare tag counts where Ollama runs it); `ministral-3` (Ministral "
    '3 is not catalogued); `dolphin-mixtral`; "Mistral\'s 7B".',
    "Held-out 14, by a third helper in session 9 from 4 repositories not used before (vllm-project/"
    "recipes, create-llama, quivr, AgentGPT): 43 files, 300 references, 108 uses. Measured once, blind, "
    "after round 18: use precision 0.389 (96/247), use recall 0.889 (96/108); all references 0.913 "
    "(283/310) / 0.943 (283/300); role right 0.537 (152/283); licence version 0.984 (250/254). Almost all "
    "of the gap was one cause: vLLM's recipes keep a Markdown guide in a YAML block scalar (`guide: |`), "
    "which the tool read as YAML (uses) and this set as documentation (mentions), as every set reads a "
    "Markdown file. Round 19 (checked in `tests/discovery/test_accuracy_round16.py`): a block scalar under "
    "a documentation key (`guide`, `description`, `notes`, `instructions`, `overview` ...) is prose, while "
    "`run: |` and `script: |` blocks stay commands; a republished model with its own revision after the "
    "size (`nvidia/gpt-oss-120b-Eagle3-v3`) is a derivative of the model it names. After: use precision "
    "0.970 (96/99), use recall 0.889; role right 0.993; licence version 0.996 (253/254); no other set "
    "changed. Left: Mistral API tiers (`mistral-small-latest`, `mistral-tiny`, labelled here with no "
    "licence, as held-out 11 and 12 do), quivr's `llama-3` / `mistral-large` keys of a context-length "
    "table, Ministral 3 (not catalogued), link texts the set leaves out beside their URLs.",
    "Session 10, before held-out 16: a republisher's revision after a catalogue spelling's date or size "
    "(`nvidia/DeepSeek-R1-0528-NVFP4-v2`) is not the family's version (it was read as DeepSeek V2): "
    "held-out 14's licence version 0.996 -> 1.000; Mistral 3 (Ministral 3 3B / 8B / 14B and Mistral "
    "Large 3, December 2025, Apache-2.0) is catalogued and `ministral` is a family word: held-out 15's "
    "use recall 0.977 -> 0.985; no other set changed.",
    "Held-out 16, by a helper in session 10 from 6 repositories not used before (pytorch/torchtune, "
    "pytorch/torchchat, QwenLM/Qwen3, google-gemini/gemma-cookbook, casper-hansen/AutoAWQ, "
    "mistralai/mistral-inference): 131 files, 723 references, 282 uses. Measured once, blind, after the "
    "two changes above: use precision 0.799 (179/224), use recall 0.635 (179/282); all references 0.811 "
    "(538/663) / 0.744 (538/723); role right 0.994; licence version 0.979 (511/522). Round 20, from its "
    "errors (checked in `tests/discovery/test_accuracy_round20.py`): a path to a file a model folder "
    "holds (`/tmp/Llama-3.2-1B-Instruct/original/tokenizer.model`, `/tmp/phi-4/vocab.json`) names that "
    "folder's model, as the folder alone did; an archive of weights named after a sized or dated model "
    "(`mistral-7B-Instruct-v0.3.tar`, downloaded from Mistral's CDN) names it; a torchtune builder with a "
    "size (`_component_: torchtune.models.llama3_2.lora_llama3_2_1b`) names the model it builds, and "
    "`qwen2_5_0_5b` is Qwen2.5 0.5B, while a recipe config (`--config llama3/8B_full_single_device`) "
    "names none; a bare `quant_path`, `--mlx-path` and `export_dir` are folders a script writes (an "
    "org/name `quant_path` is the model an inference script loads); an e-mail address at a model maker's "
    "domain, a ModelScope page's tab (`/summary`), a quantiser class, an image pushed under a registry "
    "variable and torchchat's `transformer_params_key` name no model; Mathstral is a family word. The "
    "comparison now ignores a label's Markdown link brackets and possessive (`[Mixtral-8x22B-v0.1]`, "
    "`Qwen3's`). After: use precision 0.957 (243/254), use recall 0.862 (243/282); all references "
    "0.967 (647/669) / 0.895 (647/723); licence version 0.979; held-out 11 gained one reference, no "
    "other set changed. Left: one URL per line of a model's files (`.../resolve/main/config.json`, "
    "nine on a line: the tool reports the model once a line); AutoAWQ's table cells split across "
    "columns (`Mistral | 7B`); `2b_pt_v2.gguf` (no family word); the Kaggle folder layout "
    "`/tmp/llama-3.2/pytorch/1b`; `Qwen3 (14B)`; a job's `id: 'Build gemma3 1b Image'`, read as a mention.",
    "Held-out 17, by a second helper in session 10 from 5 repositories not used before (Nutlope/"
    "llamacoder, huggingface/lighteval, NVIDIA/NeMo-Guardrails, neuml/txtai, volcengine/verl): 160 files, "
    "361 references, 149 uses. Measured once, blind, after round 20 and the screening commit: use "
    "precision 0.940 (126/134), use recall 0.846 (126/149); all references 0.945 (325/344) / 0.900 "
    "(325/361); role right 0.975; licence version 0.949 (299/315). Round 21, from its errors (checked in "
    "`tests/discovery/test_accuracy_round20.py`): Gemma 4 (April 2026) is catalogued under Apache-2.0, "
    "which its release states, and Qwen3.5 (every size, February and March 2026) under Apache-2.0; "
    "the brief given to this set's labeller and to held-out's said every Gemma is under the Gemma Terms, "
    "so their 10 Gemma 4 labels were corrected to Apache-2.0 (the tool had left Gemma 4 unresolved until "
    "then: a version the catalogue lacks borrows no licence, which is why it never reported the wrong "
    "one); Gemma 3n, ShieldGemma and Qwen1.5-MoE-A2.7B are catalogued; a catalogue size's own words "
    "(`e2b`, `a3b`) are not extra words, so `Gemma 4` names the family, not its 31B model; a Hub id "
    "routed to an inference provider (`openai/gpt-oss-20b:nebius`, behind `hf-inference-providers/`) is "
    "that model; a licence id is dropped only on a line that names a licence, so NeMo-Guardrails' "
    "`models: [llama3, llama-3.1]` lists models (held-out 14's `llama-3.1` keys gain too); an "
    "experiment's or project's name, an output folder under a path (`output_dir = \"$HOME/models/x\"`) "
    "and a web page's query value (`blog?id=qwen2.5-llm`) name no model. After: use precision 0.986 "
    "(140/142), use recall 0.940 (140/149); all references 0.980 (343/350) / 0.950 (343/361); licence "
    "version 0.991 (330/333). Other sets: dev's and held-out 2's licence version reach 1.000, held-out "
    "14's use recall 0.889 -> 0.917, held-out 5's all-reference recall 0.944 -> 0.961; none lost. Left: "
    "HuggingFaceH4/zephyr-7b-beta (14 references; a Mistral fine-tune whose name has no family word), a "
    'substring test (`"gemma-2-2b-it" in name_or_path`), `Llama 3.405B`, `Qwen3-Coder-*`.',
    "Held-out 18, by a third helper in session 10 from 6 repositories not used before (OpenRLHF, "
    "EleutherAI/gpt-neox, open-compass/opencompass, pytorch/executorch, huggingface/optimum, "
    "langchain-ai/langgraph): 131 files, 259 references, 116 uses. Measured once, blind, after round 21: "
    "use precision 0.448 (94/210), use recall 0.810 (94/116); all references 0.596 (232/389) / 0.896 "
    "(232/259); role right 0.996; licence version 0.991. Round 22, from its errors (checked in "
    "`tests/discovery/test_accuracy_round20.py`): OpenCompass's `abbr` (the name a model's results are "
    "shown under: 40 false uses), a `work_dir`, a wandb group, a data file of a training split named "
    "after its model (`pairwise/llama3_dpo_train_chosen_document`: 50 false uses in gpt-neox's "
    'post-training configs) and a registry of architectures (`"phi3": NormalizedTextConfigWithGQA`) '
    "name no model. After: use precision 0.758 (94/124), use recall 0.810; all references 0.823 "
    "(232/282) / 0.896; no other set changed. Left, judged against the labelling rules: gpt-neox's "
    "converted checkpoints (`checkpoints/neox_converted/llama3-8b-instruct`, 17 uses the set leaves out: "
    "the weights are Llama 3's, so the tool keeps them), OpenRLHF's checkpoint folders, serving-run "
    "names (`qwen-7b-vllm`), executorch's compiled `.pte` files and snake_case model keys (`phi_4_mini`).",
    "Held-out 19, by a fourth helper in session 10 from 5 repositories not used before (sigoden/aichat, "
    "FlowiseAI/Flowise, microsoft/promptflow, Portkey-AI/gateway, janhq/cortex.cpp): 135 files, 527 "
    "references, 290 uses. Measured once, blind, after round 22: use precision 0.869 (225/259), use "
    "recall 0.776 (225/290); all references 0.961 (444/462) / 0.843 (444/527); role right 0.937; "
    "licence version 0.958. Round 23, from its errors (checked in "
    "`tests/discovery/test_accuracy_round20.py`): the `name` of an item in a `models:` list with no model "
    "key of its own is the model (aichat's client configs), while a record's `name` over its own `model:` "
    "key stays the record's label. The comparison now reads a label's inference-provider suffix "
    "(`deepseek-ai/DeepSeek-V3.2-Exp:novita`) and a NIM container's registry and tag as the tool reports "
    "them (the model). After: use precision 0.886 (233/263), use recall 0.803 (233/290); all references "
    "0.972 (453/466) / 0.860 (453/527); no other set changed. Left: 40 provider API tiers labelled "
    "with no licence (`mistral-tiny`, `deepseek-chat`, `qwen3-max`, `*-latest`), the convention the sets "
    "split on; cortex's branch-per-size Hub URLs (`cortexso/mistral/tree/7b-gguf`); display names in a "
    "hub listing (`Mistral 7B Instruct v0.3 Q4_K_M GGUF`), which the set reads as uses; demo text in the "
    "homepage's `.tsx`, which it reads as mentions.",
    "Held-out 21, by a fifth helper in session 10 from 5 repositories not used before (lm-sys/RouteLLM, "
    "weaviate/Verba, truera/trulens, agno-agi/agno, camel-ai/camel): 145 files, 403 references, 223 uses. "
    "Measured once, blind, after round 23 and the parenthesised-size change: use precision 0.935 "
    "(174/186), use recall 0.780 (174/223); all references 0.962 (327/340) / 0.811 (327/403); role right "
    "0.982; licence version 0.859 (267/311). Round 24, from its errors (checked in "
    "`tests/discovery/test_accuracy_round20.py`): an endpoint after `@` (Unify's "
    "`mixtral-8x7b-instruct-v0.1@fireworks-ai`, 43 references; LM Studio's `model@q4_k_m`) is not part of "
    "the model's name; a `model_type` with a point release or a size (camel's `model_type=\"llama3.2\"`) "
    "names a model, not an architecture; a model whose own name carries a marker is not named without it "
    "(`SDXL` is SDXL 1.0, not SDXL-Turbo: a licence error, research-only for an OpenRAIL++ model); Pixtral "
    "12B (Apache-2.0) and Pixtral Large (research licence) are catalogued. After: use precision 0.938 "
    "(182/194), use recall 0.816 (182/223); all references 0.963 / 0.831; licence version 0.994 (317/319); "
    "held-out 16's licence version 0.979 -> 0.989, no other set changed. Left: provider API tiers "
    "(`deepseek-chat`, `qwen-plus`, `mistral-large-latest`), camel's enum members "
    "(`NVIDIA_LLAMA3_1_405B_INSTRUCT`), substring tests and DeepSeek V4 (not catalogued: its licence was "
    "not verified here).",
    "Held-out 20, by a sixth helper in session 10 from 6 repositories not used before (QwenLM/Qwen-Agent, "
    "hiyouga/EasyR1, meta-llama/PurpleLlama, InternLM/xtuner, datawhalechina/self-llm, unslothai/notebooks): "
    "168 files, 607 references, 240 uses. Measured once, blind, after round 24: use precision 0.941 "
    "(208/221), use recall 0.867 (208/240); all references 0.922 (496/538) / 0.817 (496/607); role right "
    "0.998; licence version 0.993. Round 25, from its errors (checked in "
    "`tests/discovery/test_accuracy_round20.py`): a tutorial's number before a name (`# 01-Qwen3.5-4B`) is "
    "not part of it; a BibTeX key (`@misc{metallamaguard2,`), a `...Function` class and a name ending in "
    "`-key` (a session secret) name no model. After: use precision 0.950 (208/219), use recall 0.867; all "
    "references 0.934 (498/533) / 0.820; no other set changed. Left: 73 provider API tiers (`qwen-max`, "
    "`qwen-plus`, `qwen-vl-max-latest`: Alibaba's hosted models, not open weights), bare `GPT-OSS` in "
    "prose, `Llama Guard 3` without a size in headings the set leaves out, architecture names in "
    "monkey-patch tables.",
    "Held-out 22, by a seventh helper in session 10 from 5 repositories not used before (stanford-oval/"
    "storm, Cinnamon/kotaemon, gpustack/gpustack, huggingface/smol-course, NVIDIA/NeMo-Skills): "
    "130 files, 271 references, 66 uses. Measured once, blind, after round 25, at the end of the session; "
    "its errors were read but no round was made from them: use precision 0.968 (61/63), use recall 0.924 "
    "(61/66); all references 0.973 (256/263) / 0.945 (256/271); role right 1.000; licence version 0.906 "
    "(230/254). Most licence misses are NVIDIA's own models the catalogue leaves out: Nemotron Nano 9B v2 "
    "(the edition of NVIDIA's open model licence it ships under was not verified here) and the "
    "OpenReasoning- and OpenMath-Nemotron fine-tunes of Qwen2.5 (the set gives them Apache-2.0 from their "
    "base; their own cards were not checked); the use misses are DeepSeek's API tiers. Nemotron Nano 2 "
    "was catalogued in session 11 under the NVIDIA Open Model Licence (press coverage of its release "
    "names that licence): licence version 0.906 -> 0.937.",
    "Held-out 23 and 24, by two helpers in session 11 from 10 repositories not used before (held-out 23, "
    "serving and deployment: kaito-project/kaito, sgl-project/ome, InftyAI/llmaz, containers/ai-lab-recipes, "
    "triton-inference-server/tensorrtllm_backend; held-out 24, applications and training: "
    "Lightning-AI/litgpt, arcee-ai/mergekit, modelscope/ms-swift, eosphoros-ai/DB-GPT, enricoros/big-AGI): "
    "318 files. Measured once, blind, at the start of session 11: held-out 23 use precision 0.933 "
    "(294/315), use recall 0.821 (294/358), licence version 0.940 (453/482); held-out 24 0.899 (223/248) / "
    "0.845 (223/264), licence version 0.978 (500/511). The labelling brief had said TinyLlama with a size "
    "is a reference; the issue names it a decoy, so its 14 labels (3 and 11) were removed after that "
    "measure. Round 26, from their errors (checked in `tests/discovery/test_accuracy_round26.py`): "
    "Kubernetes objects that register a model under its own name (OME's `ClusterBaseModel`, llmaz's "
    "`OpenModel`) name it in `metadata.name`; Kubernetes names write a point as `--` (`qwen2-0--5b`) or as "
    "`-` before a size (`deepseek-r1-distill-qwen-1-5b`, read so only when the name as written fits no "
    "model); a whole version with a size only one point release has is that release (`llama3-405b` is "
    "Llama 3.1); a record in a long list is found under its list's key past comments and earlier records "
    "(KAITO's supported models), and KAITO's `preset: name:` is the model; a weights file of no family's "
    "name (`checkpoints/meta-llama/Meta-Llama-3.1-8B/lit_model.pth`) names its model folder; a config's "
    "`auto_map` class after a repository id is cut off; runtime, workspace, playground and load-balancer "
    "names (`-rt`, `srt-`, `workspace-`, `-lb`) and litgpt's `out_dir` name no model; MicroLlama and "
    "smol_llama are decoys as TinyLlama is; Qwen1.5-110B, phi-1 and phi-1.5, OLMoE-1B-7B, Nemotron Nano 2 "
    "and DeepSeekMoE 16B are catalogued. After: held-out 23 0.969 (342/353) / 0.955 (342/358), licence "
    "version 0.996; held-out 24 0.958 (227/237) / 0.873 (227/260), licence version 0.979; held-out 19 "
    "0.886 / 0.803 -> 0.905 / 0.855 and held-out 22's licence version 0.906 -> 0.937; no set lost a use. "
    "Three paths to weights in model folders now count as mentions in held-out 6 and 18, which leave them "
    "unlabelled. Left: provider API tiers (`deepseek-chat`, `qwen-plus`), spaced `Phi 4` in prose, "
    "litgpt's Markdown tables of model families, DeepSeek V4 and Qwen3.6 (not catalogued).",
    "Held-out 25 and 26, by two more helpers in session 11 from 10 repositories not used before (held-out "
    "25, RAG and chat applications: chatchat-space/Langchain-Chatchat, infiniflow/ragflow, "
    "opea-project/GenAIExamples, langgenius/dify-official-plugins, llmware-ai/llmware; held-out 26, "
    "training, evaluation and quantisation: allenai/reward-bench, allenai/open-instruct, "
    "modelscope/evalscope, ModelCloud/GPTQModel, huggingface/nanotron): 329 files. Measured once, "
    "blind: held-out 26 after round 26, use precision 0.683 (164/240), use recall 0.722 (164/227), "
    "licence version 0.996; held-out 25 after round 26 and the first of round 27's data-set and class "
    "fixes below (drawn from held-out 26 alone), 0.887 (323/364) / 0.807 (323/400), licence version "
    "0.939. Round 27, from their errors (checked in `tests/discovery/test_accuracy_round26.py`): the "
    "keys and items of a training config's data-set block (`dataset_mixer:`) and a `--dataset_mixer_list` "
    'flag are data sets; a registry\'s quantisation classes (`"gemma3": Gemma3...GPTQ`) and a name after '
    "`import` are code; `model_type` as a call's argument is an architecture; the default of a command-line "
    'flag named as an output (`add_argument("--save_path", default=...)`), a destination repository '
    'and a Beaker workspace name no model; "llama3 ring attention" is a technique; a `name` with a point '
    'or dated release (`"name": "deepseek-v3.2"` in a provider catalogue) names a model as a sized '
    "one does; a mapping's earlier keys no longer stop the search for its parent; a value keyed by a "
    "locale (Dify's `label: en_US: ...`) is display text, a mention. After: held-out 25 0.948 (329/347) / "
    "0.823 (329/400), licence version 0.940; held-out 26 0.785 (164/209) / 0.722; held-out 22 0.968 -> "
    "1.000 use precision; held-out 20 loses two role matches (0.950 -> 0.941 use precision: two "
    "catalogue names it labels mentions). Left, mostly conventions the sets split on: BFCL's `-FC` "
    "handler names beside the plain id on one line (held-out 26 labels one spelling), substring tests "
    "(`\"Llama-3\" in model`, labelled uses), Alibaba's and DeepSeek's API tiers, tokenizer repositories "
    "named after a model (held-out 21 labels one a use, held-out 26 leaves them out), evaluation run "
    "names in comments, and Bedrock display lists of spaced names.",
    "Held-out 27 and 28, by two more helpers in session 11 from 10 repositories not used before (held-out "
    "27, JavaScript, TypeScript, Go and Rust: mlc-ai/web-llm, songquanpeng/one-api, cline/cline, "
    "EricLBuehler/mistral.rs, huggingface/candle; held-out 28, infrastructure and MLOps: awslabs/ai-on-eks, "
    "huggingface/Google-Cloud-Containers, GoogleCloudPlatform/kubernetes-engine-samples, "
    "aws-samples/sagemaker-genai-hosting-examples, aws-samples/awsome-distributed-training): 340 files. "
    "Measured once, blind: held-out 27 after round 27, use precision 0.868 (368/424), use recall 0.834 "
    "(368/441), licence version 0.969; held-out 28 after round 27 and the first two fixes below (drawn from "
    "held-out 27 alone), 0.649 (150/231) / 0.824 (150/182), licence version 0.965. Round 28, from their "
    "errors (checked in `tests/discovery/test_accuracy_round26.py`): a Rust or C++ path "
    "(`Which::Mistral7bV01`, `Phi3::new`), an enum's variant alone on its line and an import's alias are "
    "code; the comparison reads "
    "a Hub URL's `#anchor` as the page's model; a cloud region or an abbreviated instance type "
    "(`-useast1`, `-g6e12xl`) in a name makes it a run's, as do serving words (`-vllm`, `-sglang`, `-tgi`), "
    "a pod's ordinal (`-worker-0`) and SageMaker's `lmi-` prefix; Ray Serve's `module:entrypoint`, a "
    "`.yaml-template` file and Megatron's `_text_document` data prefix name no model. After: held-out 27 "
    "0.939 (368/392) / 0.834, held-out 28 0.732 (150/205) / 0.824; held-out 18 0.758 -> 0.790 use "
    "precision; no other set changed. Left: held-out 28's output and fine-tune names "
    "(`gemma-4-31b-int4-awq`, `gemma-4-e2b-it-tool-calling-ft`: derivatives the tool reports under their "
    "base's licence and the set "
    "leaves out), Ray Serve application names, GGUF files beside their repository in a Rust match arm "
    "(held-out 27 labels both), spaced `Stable Diffusion 3` and `Phi 3` in prose, and API tiers.",
    "Held-out 29, 30 and 31, by three more helpers at the end of session 11 from 15 repositories not used "
    "before (held-out 29, on-device and edge inference: ml-explore/mlx-lm, microsoft/onnxruntime-genai, "
    "openvinotoolkit/openvino.genai, dusty-nv/jetson-containers, a-ghorbani/pocketpal-ai; held-out 30, "
    "Java and .NET: spring-projects/spring-ai, langchain4j/langchain4j-examples, tjake/Jlama, "
    "SciSharp/LLamaSharp, microsoft/Generative-AI-for-beginners-dotnet; held-out 31, gateways and "
    "observability: openlit/openlit, traceloop/openllmetry, Agenta-AI/agenta, tensorzero/tensorzero, "
    "langfuse/langfuse): 479 files. Measured once, blind, after round 28: held-out 29 use precision 0.885 "
    "(438/495), use recall 0.866 (438/506), licence version 0.982; held-out 31 0.846 (401/474) / 0.685 "
    "(401/585), licence version 0.993; held-out 30, after one fix drawn from held-out 29 (a `.gitignore` "
    "and the like list folders, named after models, that a tool leaves out: no longer scanned), 0.859 "
    "(116/135) / 0.716 (116/162), licence version 0.984. After that fix held-out 29 reads 0.896 "
    "(438/489); no round was made from these sets. Most of held-out 31's missed uses are Mistral's and "
    "DeepSeek's API tiers (`mistral/mistral-medium-latest`, `deepseek-chat`), which the tool leaves out "
    "by design; the rest, across the three, are conventions the sets split on: a GGUF file beside its "
    "repository (the tool reports one of the two), `org/repo/file.gguf` (the tool reports the file, "
    "held-out 29 labels the repository), a gateway's model aliases and TOML table names, architecture "
    "lists in C++ and chat-template names. A last round from held-out 30 (checked in "
    "`tests/discovery/test_accuracy_round26.py`): a GGUF file a .NET or Java project loads is read behind "
    'the folders of a Windows path (`"ModelPath": "..\\\\Models\\\\x.gguf"`), in an MSBuild '
    'element (`<LocalFileName>`) and joined to a folder (`Path.Combine(dir, "x.gguf")`); GPULlama3 '
    "(a Java project) is a decoy; a `.jar` or `.cs` file names no model. Held-out 30 after it: 0.883 "
    "(121/137) / 0.747 (121/162); no other set changed.",
    "Held-out 32 and 33, by two more helpers at the end of session 11 from 10 repositories not used before "
    "(held-out 32, data platforms and cloud AI services: databricks/databricks-ml-examples, "
    "IBM/watsonx-ai-samples, Snowflake-Labs/sf-samples, databricks-demos/dbdemos-notebooks, "
    "oracle-samples/oci-data-science-ai-samples; held-out 33, courses and tutorials: "
    "ed-donner/llm_engineering, peremartra/Large-Language-Model-Notebooks-Course, "
    "philschmid/deep-learning-pytorch-huggingface, DataTalksClub/llm-zoomcamp, "
    "HandsOnLLM/Hands-On-Large-Language-Models): 333 files. Measured once, blind, after round 29: held-out "
    "32 use precision 0.847 (144/170), use recall 0.490 (144/294), licence version 0.986; held-out 33 0.923 "
    "(179/194) / 0.891 (179/201), licence version 0.983. Both labelled notebook outputs (printed model "
    "lists, logs), which the issue leaves out of a scan (cells, not outputs): 71 of the 120 lines where "
    "held-out 32 expects a reference the tool does not report are inside outputs; most of the rest are "
    "watsonx enum names (`ModelTypes.LLAMA_2_13B_CHAT`) and names without a version (`mistral-large`). "
    "One fix (checked in `tests/discovery/test_accuracy_round26.py`): a Databricks foundation-model "
    "endpoint (`llm_endpoint_name: databricks-meta-llama-3-3-70b-instruct`) is its model, not an "
    "endpoint's own name. Held-out 32 after it: 0.851 (148/174) / 0.503 (148/294); no other set changed.",
    "Held-out 34 to 36, by three helpers at the start of session 12 from 15 repositories not used before "
    "(held-out 34, agent frameworks: modelscope/agentscope, geekan/MetaGPT, langroid/langroid, "
    "NVIDIA/NeMo-Agent-Toolkit, VoltAgent/voltagent; held-out 35, fine-tuning and evaluation: "
    "ContextualAI/HALOs, huggingface/peft, tatsu-lab/alpaca_eval, NovaSky-AI/SkyThought, "
    "mlfoundations/evalchemy; held-out 36, self-hosted chat: av/harbor, helixml/helix, ggozad/oterm, "
    "n4ze3m/page-assist, fmaclen/hollama): 478 files. Measured once, blind, on the code of session 11: "
    "held-out 34 use precision 0.967 (208/215), use recall 0.715 (208/291), licence version 0.885; "
    "held-out 35 0.918 (213/232) / 0.835 (213/255), licence 0.981; held-out 36 0.877 (171/195) / 0.919 "
    "(171/186), licence 0.931. Most of held-out 34's misses are provider API tiers (`qwen-max`, "
    "`deepseek-chat`, `mistral-large-latest`), which the tool leaves out by design and the labelling rules "
    "above exclude (no version or size; the helpers' brief asked for them with no licence). Round 30 "
    "(checked in `tests/discovery/test_accuracy_round30.py`): snake case made of a family word, a size "
    'and a model\'s own words only is a model name (`"llama_3_8b_instruct"`, `"mixtral_8x7b_instruct"`, '
    "as evaluation harnesses register models and hosted platforms name them); any other snake case stays "
    "an identifier; BigScience's models other than BLOOM (T0, mT0) are not reported (no covered family). "
    "Catalogued: Nemotron 3 Nano 30B-A3B (NVIDIA Open Model Licence; Nemotron 3 Super names "
    "a differently titled licence the knowledge base lacks and is left out), DeepSeek-V4 Pro and Flash "
    "(MIT), Qwen2-57B-A14B (Apache-2.0), Qwen1.5-32B (Tongyi Qianwen). The benchmark now lets a colon "
    "close a Hub id (`hf.co/org/name-GGUF:Q4_K_M` meets a label `org/name-GGUF`: one quantisation of that "
    "repository), which moved held-out 21 and 31 too. After: held-out 34 0.968 (213/220) / 0.732 "
    "(213/291), licence 0.958; held-out 35 0.927 (227/245) / 0.890 (all references 0.918); held-out 36 "
    "0.887 (173/195) / 0.930, licence 0.964. Elsewhere: held-out 16 "
    "recall 0.862 -> 0.876, held-out 21 0.938 / 0.816 -> 0.948 / 0.825, held-out 31 0.846 / 0.685 -> "
    "0.859 / 0.696; held-out 22 precision 1.000 -> 0.984 (an SQL column alias `AS llama_3_1_8b`) and "
    "held-out 3's all-reference precision 0.960 -> 0.951 (an output folder `./results/mistral_7b`); held-out "
    "19's all-reference precision 0.981 -> 0.985.",
    "Held-out 37 to 39, by three helpers at the start of session 13 from 15 repositories not used before "
    "(held-out 37, serving on Kubernetes and clouds: envoyproxy/ai-gateway, GoogleCloudPlatform/ai-on-gke, "
    "llmariner/llmariner, katanemo/archgw, awslabs/data-on-eks; held-out 38, on-device apps: "
    "google-ai-edge/gallery, software-mansion/react-native-executorch, Mobile-Artificial-Intelligence/maid, "
    "ml-explore/mlx-swift-examples, transformerlab/transformerlab-app; held-out 39, data pipelines: "
    "magpie-align/magpie, bespokelabsai/curator, google/langextract, meta-llama/synthetic-data-kit, "
    "open-thoughts/open-thoughts): 568 files. The brief now said that provider API tiers (no version or "
    "size) are not references. Measured once, blind, on the code of round 30: held-out 37 use precision "
    "0.844 (151/179), use recall 0.915 (151/165), licence version 0.988; held-out 38 0.790 (181/229) / "
    "0.644 (181/281), licence 0.988; held-out 39 0.942 (244/259) / 0.924 (244/264), licence 0.998. "
    'Round 31 (checked in `tests/discovery/test_accuracy_round31.py`): "Phi 3 Mini" and "GPT OSS 120B" '
    "written with a space count when capitalised (eleven earlier sets gain from it); snake case with the "
    "version glued to the family (`LLAMA3_2_1B_QLORA`, `qwen3_0_6b`, `LLMRegistry.qwen3_8b_4bit`, "
    "`torchtune.models.llama3.llama3_8b`: how on-device SDKs and builders name models) is a model where "
    "it is passed, called or written in a config, unless the file declares it, and `qwen2_5_1_5b` "
    'resolves to Qwen2.5 1.5B; prose keeps the variant after the size ("Llama 3.1 70B Instruct") and '
    'reads "Gemma 3n E2B" and "Gemma 3-1B-it"; a quoted name before "in the" is prose, not a '
    "substring test; a Markdown link's text whose target is a Hub data set or Space is that data set; an "
    "object `kubectl` acts on, a Terraform object's labels and names, and an environment variable's name "
    "are not models. A second pass over the misses and false positives of every set: SDXL by its name "
    '("SDXL", "SDXL Turbo", `sdxl-turbo`; a lower-case `sdxl` alone stays a folder or a type), a '
    "precision written after a Hub id (`meta-llama/llama-3.1-8b-instruct/fp-16`), and the folder a shell "
    "command enters or makes (`cd phi4-multi-modal/pytorch`). Left as they are: org-glued names "
    "(`google-gemma-2b-it-q4_0`, one project's convention, dropped as resource names elsewhere), a "
    "record's display `name` beside its `modelId`, model-bundle files (`.task`, `.litertlm`) and "
    "Markdown image captions, on which the labels split. After: held-out 37 0.888 (151/170) / 0.915, "
    "all references 0.850 / 0.917 -> 0.890 / 0.931; held-out 38 0.820 (218/266) / 0.776 (218/281), all "
    "references 0.905 / 0.674 -> 0.926 / 0.884; held-out 39 0.944 (253/268) / 0.958 (253/264), all "
    "references 0.917 / 0.946 -> 0.967 / 0.978. Elsewhere: recall of uses held-out 18 0.810 -> 0.836, "
    "28 0.824 -> 0.857, 31 0.696 -> 0.706, 32 0.503 -> 0.517; all-reference recall held-out 24 0.897 -> "
    "0.914 (Phi in prose), 25 0.866 -> 0.876 (SDXL); all-reference precision held-out 29 0.905 -> 0.913 "
    "and 3 0.951 -> 0.970 (folders). Lower: use precision held-out 32 0.851 -> 0.831 (Databricks' "
    "`system.ai.llama_v3_2_3b_instruct`, a registered `mixtral_8x7b_instruct` and an SDXL container, "
    "which the labels leave out), 25 0.948 -> 0.938 and 21 0.948 -> 0.939 (SDXL where the labels call it "
    "a mention or leave it out).",
    "Held-out 40 to 42, by three more helpers later in session 13 from 15 repositories not used before "
    "(held-out 40, voice and vision assistants: huggingface/speech-to-speech, fixie-ai/ultravox, "
    "haotian-liu/LLaVA, openvla/openvla, roboflow/maestro; held-out 41, image and video generation: "
    "kohya-ss/sd-scripts, Wan-Video/Wan2.1, Lightricks/LTX-Video, kijai/ComfyUI-HunyuanVideoWrapper, "
    "if-ai/ComfyUI-IF_AI_tools; held-out 42, code assistants: twinnydotdev/twinny, qodo-ai/pr-agent, "
    "ggml-org/llama.vscode, di-sukharev/opencommit, carlrobertoh/ProxyAI): 551 files. Measured once, "
    "blind, on the code of round 31: held-out 40 use precision 0.742 (92/124), use recall 0.948 (92/97), "
    "licence version 0.968; held-out 41 0.697 (99/142) / 0.908 (99/109), all references 0.854 / 0.668, "
    "licence 0.833; held-out 42 0.867 (353/407) / 0.994 (353/355), licence 0.942. Round 32 (checked in "
    "`tests/discovery/test_accuracy_round32.py`): Stable Diffusion in prose and by its short name "
    '("Stable Diffusion 3.5", "Stable Diffusion XL", "SD3", "SD1.5", as written in capitals; '
    '"SD3/3.5" is SD3 and another version of it); a version written with dashes or underscores is read '
    "after every word (`ultravox-v0_6-llama-3_3-70b` is Llama 3.3, not 3); the lines under a YAML "
    "`description:` key with nothing after its colon are text a person reads; Replicate's "
    "`owner/model:<sha256>` is that model; catalogued CodeGemma 1.1 (Gemma Terms) and Together's "
    "`meta-llama/LlamaGuard-2-8b` (Llama 3). Left: held-out 40's speech-to-speech names its Qwen3 TTS "
    "backend `qwen3`, which the tool reports as a Qwen3 mention and the labels leave out; held-out 42's "
    'chat-template enums ("Llama 3", "Phi-3") and llama.cpp\'s `--fim-qwen-7b-default` presets. After: '
    "held-out 40 0.742 / 0.948, licence 0.996; held-out 41 0.683 (99/145) / 0.908, all references "
    "0.867 / 0.915, licence 0.837; held-out 42 0.870 (354/407) / 0.997 (354/355), licence 0.955. "
    "Elsewhere: all-reference recall held-out 25 0.876 -> 0.891, 27 0.873 -> 0.886, 29 0.907 -> "
    "0.913 (Stable Diffusion names); held-out 25's use precision 0.938 -> 0.965 (a plugin's description "
    "text); no earlier set lost a reference.",
    "Held-out 43 to 45, by three more helpers in session 13 from 15 repositories not used before "
    "(held-out 43, safety and red-teaming tools: walledai/walledeval, NVIDIA/garak, "
    "EasyJailbreak/EasyJailbreak, AI-secure/DecodingTrust, confident-ai/deepteam; held-out 44, "
    "quantisation tools: Vahe1994/AQLM, AutoGPTQ/AutoGPTQ, turboderp/exllamav2, mit-han-lab/llm-awq, "
    "intel/auto-round; held-out 45, domain assistants: shibing624/MedicalGPT, virattt/ai-hedge-fund, "
    "Future-House/paper-qa, AI4Finance-Foundation/FinGPT, epfLLM/meditron): 549 files. Measured once, "
    "blind, on the code of round 32: held-out 43 use precision 0.920 (242/263), use recall 0.984 "
    "(242/246), licence version 0.981; held-out 44 0.612 (93/152) / 0.762 (93/122), all references "
    "0.861 / 0.913, licence 0.971; held-out 45 0.748 (89/119) / 0.978 (89/91), all references 0.725 / "
    "0.972, licence 0.987. Round 33 (checked in `tests/discovery/test_accuracy_round33.py`): a folder of "
    "one quantisation of a model (`/models/mistral-7b-exl2/4.0bpw`) names the model folder above it; a "
    "bare name after a family-level id on its line (`google/gemma-3`, then `[gemma-3-12b-it-int4](...)`) "
    "is an echo only when it adds no size; a name ending in a date and a time of day is a training run's "
    "output (`MT-llama2-linear_202309241345`); AllenAI's Molmo is no OLMo. Tried and dropped: BLOOM by "
    "its size (`bloom-7b1`), which found BLOOMZ sizes the catalogue lacks, with no licence. Left: "
    'architecture ids in support lists (`"qwen2"`, `"phi3"`), output folders and `.pt` caches named '
    "after a model, and training-stage folders (`llama-7b-sft`), on which the labels split. After: "
    "held-out 43 unchanged; held-out 44 0.665 (113/170) / 0.926 (113/122), all references 0.876 / 0.975; "
    "held-out 45 0.774 (89/115) / 0.978, all references 0.777 / 0.972. Elsewhere: held-out 33's "
    "all-reference precision 0.940 -> 0.943 (Molmo); no other earlier set changed.",
    "Held-out 46 to 48, by three more helpers in session 13 from 15 repositories not used before "
    "(held-out 46, role-play front-ends: Haidra-Org/horde-worker-reGen, SillyTavern/SillyTavern, "
    "vegu-ai/talemate, agnaistic/agnai, kwaroran/RisuAI; held-out 47, multilingual projects: "
    "ymcui/Chinese-LLaMA-Alpaca-3, llm-jp/llm-jp-eval-mm, Beomi/KoAlpaca, FreedomIntelligence/AceGPT, "
    "EuroEval/EuroEval; held-out 48, automation and integrations: acon96/home-llm, josStorer/chatGPTBox, "
    "valentinfrlch/ha-llmvision, Zie619/n8n-workflows, enescingoz/awesome-n8n-templates): 529 files. "
    "Measured once, blind, on the code of round 33: held-out 46 use precision 0.712 (84/118), use recall "
    "0.677 (84/124), all references 0.840 / 0.767, licence version 0.884; held-out 47 0.925 (381/412) / "
    "0.941 (381/405), licence 0.977; held-out 48 0.828 (135/163) / 0.839 (135/161), all references "
    "0.954 / 0.895, licence 0.975. Round 34 (checked in `tests/discovery/test_accuracy_round34.py`): a "
    "point release written without its point (`llama31_8b`, `qwen25-7b`, `phi35-mini`, `SD15`, `SD21`) "
    'and "SD 1.5" with a space; a Hub revision after an id (`org/name@main`) is that repository; a '
    "Markdown link's text is never an echo of an id before it on the line; an escape in a JSON or code "
    "string (`\\nMistral-7B-Instruct`) is no part of the name. Left: tokenizer and chat-template keys "
    '(`"llama3"`, `"qwen2"`) and lower-case `sdxl` keys, which the labels split on; the Horde\'s '
    "snake-case baselines (`stable_diffusion_xl`); display names in a mapping after their ids. After: "
    "held-out 46 0.712 / 0.677, all references 0.844 / 0.786, licence 0.975; held-out 47 0.934 "
    "(385/412) / 0.951 (385/405); held-out 48 0.828 / 0.839, all references 0.954 / 0.899. Elsewhere: "
    "all-reference recall held-out 32 0.761 -> 0.772 (watsonx's `meta-llama/llama-3-70b-instruct` after "
    "an escaped newline); held-out 33's use precision 0.923 -> 0.927.",
    "Held-out 49 to 51, by three more helpers at the end of session 13 from 15 repositories not used "
    "before (held-out 49, research code: princeton-nlp/SimPO, princeton-nlp/HELMET, SafeAILab/EAGLE, "
    "hkust-nlp/simpleRL-reason, locuslab/wanda; held-out 50, productivity tools: charmbracelet/mods, "
    "ErikBjare/gptme, chatboxai/chatbox, your-papa/obsidian-Smart2Brain, logancyang/obsidian-copilot; "
    "held-out 51, MLOps example collections: basetenlabs/truss-examples, CerebriumAI/examples, "
    "bentoml/BentoML, leptonai/examples, anyscale/templates): 587 files. Measured once, blind, on the code "
    "of round 34: held-out 49 use precision 0.972 (342/352), use recall 0.961 (342/356), licence version "
    "0.989 (the first set of all whose first use precision reaches 0.97); held-out 50 0.887 (305/344) / "
    "0.910 (305/335), licence 0.961; held-out 51 0.846 (137/162) / 0.792 (137/173), all references "
    "0.843 / 0.936, licence 0.975. Round 35 (checked in `tests/discovery/test_accuracy_round35.py`): a "
    "user's own alias or deployment of a model (`my-llama-3.1-8b`, `deploy-llama-3-70b`) names no model; a "
    "Markdown link to a page of the same repository (`[...](7-image-and-video/3-sdxl-refiner)`) is a path; "
    '"Stable Diffusion XL Turbo" (catalogued as SDXL-Turbo\'s name), "DeepSeek-V3 0324" (MIT, not the '
    'first V3\'s licence) and "Nemotron 3 Nano" are read whole in prose. Left: names split by `&nbsp;` '
    "(`Mistral 7&nbsp;B`), Meta's `-evals` data sets, which a labeller counted as the model. After: held-out "
    "49 unchanged; held-out 50 unchanged; held-out 51 0.913 (137/150) / 0.792, all references 0.892 / "
    "0.936, licence 0.997. Elsewhere: all-reference precision held-out 32 0.891 -> 0.905, 28 0.860 -> "
    "0.866 (user aliases and relative links); no earlier set lost a reference.",
    "Held-out 52 to 54, by three more helpers at the end of session 13 from 15 repositories not used "
    "before (held-out 52, search and knowledge-base products: pathwaycom/llm-app, truefoundry/cognita, "
    "zilliztech/deep-searcher, castorini/rank_llm, Tencent/WeKnora; held-out 53, games and simulations:"
    " undreamai/LLMUnity, kolbytn/mindcraft, a16z-infra/ai-town, art-from-the-machine/Mantella, "
    "balrog-ai/BALROG; held-out 54, capability benchmarks: THUDM/LongBench, "
    "LiveCodeBench/LiveCodeBench, bigcode-project/bigcodebench, LiveBench/LiveBench, "
    "ShishirPatil/gorilla): 534 files. Measured once, blind, on the code of round 35: held-out 52 use "
    "precision 0.793 (69/87), use recall 0.908 (69/76), licence version 0.979; held-out 53 0.841 "
    "(111/132) / 0.867 (111/128), licence 0.983; held-out 54 0.792 (355/448) / 0.835 (355/425), licence"
    " 0.992. Round 36 (checked in `tests/discovery/test_accuracy_round36.py`): PPIO's "
    "`org/name/community` is that model; LLMUnity's `llamalib` binaries name no model; providers' ids "
    "of Nemotron Nano 2 without the `NVIDIA-` prefix (`nvidia/nemotron-nano-9b-v2`, Bedrock's "
    "`nvidia.nemotron-nano-9b-v2`) are catalogued. Left: serving suffixes the labels leave off and the "
    "tool keeps as written (BFCL's `-FC`, LiveBench's `-thinking`, OpenRouter's `:free` on a bare name:"
    " dropping it was tried and undone, as it loses the OpenRouter kind of `org/name:free`), brace "
    "lists (`Llama-3.1-{8B,70B}-Instruct`), closed models with a version (`mistral-large-2402`, "
    "`qwen3-max-2025-09-23`). After: held-out 52 0.795 (70/88) / 0.921 (70/76), licence 0.987; held-out"
    " 53 0.910 (111/122) / 0.867 (111/128); held-out 54 unchanged. Elsewhere: five Nemotron Nano 2 ids "
    "in held-out 19, 23, 31 and 43 now carry their licence; no earlier set lost a reference.",
    "Held-out 55 and 56, by two more helpers in the last hour of session 13, measured once on the final "
    "code and not studied: held-out 55 (company chat and support bots: jakobdylanc/llmcord, "
    "mattermost/mattermost-plugin-ai, zhayujie/chatgpt-on-wechat, 1Panel-dev/MaxKB; 125 files) use "
    "precision 0.854 (164/192), use recall 0.970 (164/169), all references 0.939 / 0.985, licence 0.978; "
    "held-out 56 (edge inference: airockchip/rknn-llm only, 35 files) 0.630 (17/27) / 1.000 (17/17), all "
    "references 0.723 / 0.990, licence 1.000, most of its false positives converted model files (`.rkllm`, "
    "`.rknn`, `.onnx`) the labels leave out as file names. The same helper's two other repositories, and "
    "a third helper's whole set (SDKs in Go, Ruby, PHP and Rust), were labelled by regular expressions "
    "under time pressure rather than by reading the files, and are not used.",
    "Held-out 57 to 59, by three helpers at the start of session 14 from 14 repositories not used before "
    "(held-out 57, applications in other languages than Python: awaescher/OllamaSharp, "
    "jeremychone/rust-genai, guinmoon/LLMFarm, cloudwego/eino-ext, prism-php/prism, 151 files; held-out "
    "58, web front-ends and browser extensions: stackblitz-labs/bolt.diy, jakobhoeg/nextjs-ollama-llm-ui, "
    "mlc-ai/web-llm-chat, sauravpanda/BrowserAI, huggingface/transformers.js-examples, 100 files; held-out "
    "59, agent frameworks: Fosowl/agenticSeek, FoundationAgents/OpenManus, MeetKai/functionary, "
    "InternLM/lagent, 62 files, a helper that stopped early). Measured once, blind, on the code of round "
    "36: held-out 57 use precision 0.975 (77/79), use recall 0.928 (77/83), all references 0.952 / 0.920, "
    "licence 1.000; held-out 58 0.771 (74/96) / 0.698 (74/106), all references 0.911 / 0.945, role right "
    "0.769, licence 0.965; held-out 59 0.846 (11/13) / 1.000 (11/11), all references 0.919 / 1.000. Round "
    "37 (checked in `tests/discovery/test_accuracy_round37.py`): a namespace written with two colons "
    "(rust-genai's `ollama_cloud::gemma3:4b`, `fireworks::gpt-oss-20b`) is a client prefix; in a React "
    "component (`.jsx`, `.tsx`) the text after a tag, a line of page text and a link's `href` are "
    "mentions; a package's or an app's own name over its version (`package.json`, `pyproject.toml`), a "
    "name in a code span that prose calls a folder or a project, and a bare `version` setting "
    '(functionary\'s `version = "v3-llama3.1-reasoning"`) name no model. Tried and undone: taking Hub '
    "repositories of tokenizers (`Xenova/llama-3-tokenizer`) for no model, which held-out 14 and 21 label "
    "as references (a model's tokenizer is part of its licensed materials). Left: display names beside "
    "their ids (`label: 'Llama 3.1 8B'` in bolt.diy's provider lists, 25 uses to held-out 58 and mentions "
    "to the tool, as in earlier rounds), substring tests (`startsWith('qwen3')`), DeepSeek's Janus "
    "(not catalogued), GGUF files a Swift test loads, which held-out 57 leaves out as file names. After: "
    "held-out 57 0.976 (83/85) / 1.000 (83/83), all references 0.955 / 0.983; held-out 58 0.914 (74/81) / "
    "0.698, all references 0.951 / 0.945, role right 0.850; held-out 59 1.000 (11/11) / 1.000, all "
    "references 0.971 / 1.000. Elsewhere: use precision held-out 19 0.905 -> 0.926 and 11 0.817 -> 0.829, "
    "licence version held-out 31 0.993 -> 0.998; no earlier set lost a reference.",
    "Held-out 60 to 62, by three more helpers in session 14 from 15 repositories not used before "
    "(held-out 60, merging, distillation and RL post-training: arcee-ai/DistillKit, "
    "RLHFlow/RLHF-Reward-Modeling, Open-Reasoner-Zero/Open-Reasoner-Zero, SakanaAI/evolutionary-model-merge,"
    " agentica-project/rllm, 184 files; held-out 61, synthetic data pipelines: huggingface/cosmopedia, "
    "argilla-io/synthetic-data-generator, instructlab/sdg, datadreamer-dev/DataDreamer, "
    "e-p-armstrong/augmentoolkit, 190 files; held-out 62, text-to-SQL and data-analysis agents: "
    "eosphoros-ai/DB-GPT-Hub, defog-ai/sql-eval, vanna-ai/vanna, microsoft/data-formulator, "
    "microsoft/TaskWeaver, 175 files). Measured once, blind, on the code of round 37: held-out 60 use "
    "precision 0.875 (161/184), use recall 0.970 (161/166), all references 0.917 / 0.978, licence 0.991; "
    "held-out 61 0.895 (162/181) / 0.994 (162/163), all references 0.898 / 0.987, licence 0.995; held-out "
    "62 0.743 (52/70) / 0.963 (52/54), all references 0.884 / 0.940, licence 0.968. Round 38 (checked in "
    "`tests/discovery/test_accuracy_round38.py`): a chat format chosen by its family name (axolotl's "
    "`conversation: llama3`, `--model_family llama3`, Magpie's pre-query template set through "
    "`os.environ[...]` or compared with `==`), a W&B run's `wandb_name` and a file a script writes "
    "(`--predicted_out_filename .../pred_codellama13b.sql`) name no model; a prose size no longer takes "
    "the bracket that closes a sentence (`(such as Llama 2 13B).`). Left: LoRA adapters trained and "
    "saved under `adapter/CodeLlama-13b-sql-lora` (17 references the tool reports, as a fine-tune's "
    "folder names its base, and held-out 62 leaves out as outputs), BLOOM and BLOOMZ by size in a "
    "dict (`BLOOMZ-7B1-mt`; tried in round 33 and dropped), `ChineseLLaMA2-7B` and `ORZ-R1-Distill-Qwen-14B` "
    'without their base\'s licence, a dict of token ids keyed by family (`"llama3": [128009, ...]`). After: '
    "held-out 60 0.931 (161/173) / 0.970, all references 0.948 / 0.978; held-out 61 0.936 (162/173) / "
    "0.994, all references 0.928 / 0.987; held-out 62 0.754 (52/69) / 0.963, all references 0.891 / "
    "0.944. Elsewhere: use precision held-out 39 0.944 -> 0.958 (Magpie's recipes), 38 0.820 -> 0.823, "
    "43 0.920 -> 0.924; two spaced names in held-out 28 and 32 now match their labels; no earlier set "
    "lost a reference.",
    "Held-out 63 to 65, by three more helpers in session 14 from 15 repositories not used before "
    "(held-out 63, load-testing and serving benchmarks: kubernetes-sigs/inference-perf, "
    "sgl-project/genai-bench, llm-d/llm-d-benchmark, huggingface/inference-benchmarker, "
    "openshift-psap/llm-load-test, 186 files; held-out 64, document parsing and OCR: allenai/olmocr, "
    "docling-project/docling, illuin-tech/colpali, NanoNets/docext, datalab-to/marker, 182 files; "
    "held-out 65, robotics and embodied agents: Physical-Intelligence/openpi, TRI-ML/prismatic-vlms, "
    "dusty-nv/NanoLLM, mbodiai/embodied-agents, Robot-VLAs/RoboVLMs, 169 files). Measured once, blind, "
    "on the code of round 38: held-out 63 use precision 0.899 (124/138), use recall 0.738 (124/168), all "
    "references 0.853 / 0.967, role right 0.854, licence 0.984; held-out 64 0.400 (42/105) / 0.700 "
    "(42/60), all references 0.446 / 0.907, licence 0.967; held-out 65 0.919 (148/161) / 0.827 (148/179), "
    "all references 0.922 / 0.888, licence 0.913. Round 39 (checked in "
    "`tests/discovery/test_accuracy_round39.py`): AllenAI's olmOCR models are no OLMo (Qwen2-VL and "
    "Qwen2.5-VL fine-tunes, named after neither; 113 false references in held-out 64); a snake-case "
    "model name may end in `_lora` (openpi's `gemma_2b_lora`). Left, judged against the labelling rules: "
    "ColPali's adapters (`ColQwen2`, `ColGemma3`, `vidore/colqwen2-v1.0`), which held-out 64 leaves out "
    "as other projects' models and the tool reports as derivatives of the Qwen and Gemma models they are "
    "trained on, whose licences they carry (most of held-out 64's remaining false references); llm-d's "
    "stack names (`qwen3-06b`, `llama-31-8b`) in its guides; a golden file of queries (`.txt`, read as "
    "prose) that held-out 63 labels as 41 uses; prismatic's `llama2+7b` ids without a licence; "
    "chat-template keys named after a family. After: held-out 63 unchanged; held-out 64 0.500 (42/84) / "
    "0.700, all references 0.613 / 0.907; held-out 65 0.923 (156/169) / 0.872 (156/179), all references "
    "0.924 / 0.917, licence 0.916. No earlier set changed.",
    "Held-out 66 to 68, by three more helpers in session 14 from 15 repositories not used before "
    "(held-out 66, home automation and voice assistants: dnhkng/GLaDOS, Picovoice/pico-cookbook, "
    "xinnan-tech/xiaozhi-esp32-server, allenporter/home-assistant-datasets, Picovoice/picollm, 157 files; "
    "held-out 67, scientific agents: snap-stanford/Biomni, microsoft/LLaVA-Med, ur-whitelab/MDCrow, "
    "PharMolix/OpenBioMed, Teddy-XiongGZ/MedRAG, 151 files; held-out 68, security tooling: "
    "mrwadams/stride-gpt, cyberark/FuzzyAI, aliasrobotics/cai, vxcontrol/pentagi, "
    "westonbrown/Cyber-AutoAgent, 164 files). Measured once, blind, on the code of round 39: held-out 66 "
    "use precision 0.603 (108/179), use recall 0.777 (108/139), all references 0.854 / 0.893, licence "
    "0.988; held-out 67 1.000 (14/14) / 0.438 (14/32), all references 0.977 / 0.689, licence 0.976; "
    "held-out 68 0.883 (309/350) / 0.920 (309/336), all references 0.982 / 0.941, licence 0.981. Round 40 "
    "(checked in `tests/discovery/test_accuracy_round40.py`): Ollama Cloud's `ollama_cloud/` client prefix "
    "and its tags ending in `-cloud` (`nemotron-3-nano:30b-cloud`), the model of the tag without it. Left, "
    "judged against the labelling rules: Picovoice's model files (`llama-3.2-1b-instruct-385.pllm`), which "
    "held-out 66 labels by the model they hold and the tool leaves out as file names; notebook outputs and "
    "substring tests (`'llama-2' in model_name`), most of held-out 67's misses; hosted tiers with a version "
    "(`qwen3-max`, `qwen3-coder-plus`), which held-out 68 labels; Bedrock's `deepseek.v3.2` (not "
    "catalogued: no Bedrock id of V3.2 was found to check it against). After: held-out 66 and 67 "
    "unchanged; held-out 68 0.884 (313/354) / 0.932 (313/336), all references 0.982 / 0.962, licence "
    "0.987. No earlier set changed.",
    "Held-out 69 to 71, by three more helpers at the end of session 14 from 15 repositories not used "
    "before, measured once on the code of round 40 and not studied: held-out 69 (browser automation and "
    "scraping: browser-use/web-ui, ScrapeGraphAI/Scrapegraph-ai, unclecode/crawl4ai, lavague-ai/LaVague, "
    "ServiceNow/AgentLab; 177 files) use precision 0.905 (333/368), use recall 0.985 (333/338), all "
    "references 0.920 / 0.981, licence 0.967; held-out 70 (translation tools: SakuraLLM/SakuraLLM, "
    "yihong0618/bilingual_book_maker, Byaidu/PDFMathTranslate, zyddnys/manga-image-translator, "
    "fe1ixxu/ALMA; 162 files) 0.711 (27/38) / 1.000 (27/27), all references 0.760 / 0.880, licence 1.000; "
    "held-out 71 (education and tutoring: eth-lre/mathtutorbench, XqFeng-Josie/AI_Education_Paper_Replicate, "
    "KnoWhiz/DeepTutor, HKUDS/DeepTutor, THU-MAIC/OpenMAIC; 184 files) 0.989 (280/283) / 0.927 (280/302), "
    "all references 0.990 / 0.949, licence 0.962. Seen in passing, not fixed: `mixtral:8x22b-instruct` "
    "and `mixtral-moe-8x7B-instruct` resolve to no model (the 8x7B tag does, through a provider's alias), "
    "Ollama's `qwen:4b` is given Apache-2.0 where Qwen1.5-4B is under the Tongyi Qianwen research licence, "
    "and squashed point releases with a size (`Llama318B`) stay unresolved.",
    "Held-out 72 to 74, by three helpers at the start of session 15 from 15 repositories not used before "
    "(held-out 72, terminal assistants: plandex-ai/plandex, tak-bro/aicommit2, yusufcanb/tlm, "
    "appleboy/CodeGPT, kharvd/gpt-cli, 153 files; held-out 73, knowledge graphs and GraphRAG: "
    "OSU-NLP-Group/HippoRAG, HKUDS/MiniRAG, gusye1234/nano-graphrag, neo4j-labs/llm-graph-builder, "
    "zjunlp/DeepKE, 159 files; held-out 74, finance agents: TauricResearch/TradingAgents, "
    "wangd12rpi/FinLoRA, pipiku915/FinMem-LLM-StockTrading, The-FinAI/PIXIU, hsliuping/TradingAgents-CN, "
    "172 files). Measured once, blind, on the code of session 14 and the comparison of then: held-out 72 "
    "use precision 0.664 (77/116), use recall 0.602 (77/128), all references 0.847 / 0.815, licence "
    "0.951; held-out 73 0.902 (92/102) / 0.852 (92/108), all references 0.908 / 0.847, licence 0.940; "
    "held-out 74 0.885 (154/174) / 0.860 (154/179), all references 0.858 / 0.894, licence 0.986. Two "
    "changes to the comparison, read from them: a label that stops before a deployment's tag word, which "
    "the tool reports with it (`qwen3-8b` of plandex's `qwen/qwen3-8b-local`, `llama3.2` of "
    "`llama3.2:latest`), had counted as a miss and a false use at once; and a line of a file an artefact "
    "scanner reads (`base_model_name_or_path` in a LoRA adapter's config) was left out of the comparison. "
    "With both, on the same code: held-out 72 0.905 (105/116) / 0.820 (105/128), all references 1.000 / "
    "0.962; 73 unchanged; 74 0.898 (159/177) / 0.888 (159/179). Every earlier set was re-measured with "
    "them (held-out 54 0.792 -> 0.906 use precision, most of it function-calling variants `-FC` of the "
    "Berkeley leaderboard; 26, 31, 50, 51, 53, 55, 66 and 69 gain a little; none loses). Round 41 "
    "(checked in `tests/discovery/test_accuracy_round41.py`): a family written as the org of a bare "
    "version (`deepseek/v3`, `deepseek/r1-70b`) is that family's model, and `org/v3` is no second "
    "version of a name before the slash; a name whose every catalogued model has one and the same "
    "version takes it at a size that fits (`mixtral:8x22b-instruct`); an uncatalogued Llama 2 size "
    "(`hfl/chinese-llama-2-1.3b`) takes Llama 2's licence, not none (Llama Guard 2 and Prompt Guard 2 "
    "share the number under other licences); Ollama's `qwen:4b` is Qwen1.5-4B, under the research "
    'licence; BLOOM and BLOOMZ by a size of their own (`BLOOM-560M`, `bloomz-7b1-mt`: "bloom" alone '
    "is a filter or an app), with BLOOM 1B1 and 3B and the smaller BLOOMZ catalogued (round 33 had "
    "dropped BLOOM by its size for want of them). After: held-out 72 0.908 (108/119) / 0.844 (108/128), "
    "all references 1.000 / 0.978, licence 0.936 (plandex's `deepseek/r1-hidden`, now paired, resolves to "
    "no model); 73 0.907 (98/108) / 0.907 (98/108), all references 0.910 / 0.876, licence 0.948; 74 "
    "unchanged; held-out 11, 23, 26, 33, 45, 57 and 62 found 18 more references (BLOOM), 3 more false; no "
    "earlier set lost a reference. "
    "Left, judged against the labelling rules: display names in a model table's `Description` "
    "(plandex), substring tests (`startsWith('deepseek-v4-')`), names written with a non-breaking "
    "hyphen (`Qwen3\u2011Plus`, `LLAMA\u20118B`), llm-graph-builder's option keys "
    "(`groq_llama3_70b`, `fireworks_qwen3_6`), DeepKE's `MODEL_DICT` keys.",
    "Held-out 75 to 77, by three helpers at the start of session 16 from 15 repositories not used before "
    "(held-out 75, chat bots for messaging platforms: kevinthedang/discord-ollama, "
    "TBXark/ChatGPT-Telegram-Workers, etkecc/baibot, langbot-app/LangBot, Mai-with-u/MaiBot, 171 files; "
    "held-out 76, legal and contract tools: Arnie016/Law_Qwen, 1hamzaiqbal/LegalRagAgent, "
    "PiotrTyrakowski/PolishLawLLM-Benchmark, pengxiao-song/LaWGPT, JSv4/OpenContracts, 157 files; "
    "held-out 77, agent memory and MCP: BAI-LAB/MemoryOS, jonigl/mcp-client-for-ollama, chrishayuk/mcp-cli, "
    "topoteretes/cognee, MemTensor/MemOS, 186 files). Measured once, blind, on the code of session 15: "
    "held-out 75 use precision 0.969 (63/65), use recall 0.808 (63/78), all references 0.988 / 0.842, "
    "licence 0.962; held-out 76 0.521 (49/94) / 0.907 (49/54), all references 0.800 / 0.972, licence "
    "0.994; held-out 77 0.881 (155/176) / 0.934 (155/166), all references 0.901 / 0.943, licence 1.000. "
    "Round 42 (checked in `tests/discovery/test_accuracy_round42.py`): a project's own fine-tune named "
    "after its base and no Hub id (`qwen2.5-32b-law-finetuned`, 28 false uses in held-out 76) is its "
    "output; a project's key for one provider's copy of a model (`groq-llama70b`, `or-gemma27b`) names "
    "none, as a user's own alias does not; an editor's extension id (`vizards.deepseek-v4-for-copilot`) "
    "names none; the `name` of a request to Ollama's model API (`/api/pull`) is the model; a family word "
    "with its size in brackets (`Mistral (7B)`) is read whole; a message printed or logged for a person "
    '(`print("Checking for DeepSeek-V3 ...")`, `console.log(`, `logger.info(`) is a mention, as a help '
    'string is; a substring test in code (`"qwen2.5" in name`, `.startsWith("llama3")`), silent since '
    "round 7, is a use, as nearly every set labels it (pooled over all sets, use recall 0.881 -> 0.891 at "
    "the same precision, 0.904; held-out 67 0.438 -> 0.625, 46 0.677 -> 0.815, 64 0.700 -> 0.850). The "
    "comparison pairs a label with a report that adds a quantisation (`Phi-3-mini` of "
    "`Phi-3-mini-q4`). Tried and undone, each measured on every set: hosted-only tiers with a version "
    "(`qwen3-max`, `qwen3.6-flash`, Mistral Medium) as no model (held-out 77 leaves them out, but 11, "
    "19, 20, 55, 68, 71, 72 and 74 label about 150 of them); a quoted key over a value that names a "
    'model (`"Llama-2-13B": "meta-llama/..."` alias tables are labelled uses in held-out 60, 61 and '
    "73); a page of Ollama's library (`ollama.com/library/llama3.1`), which held-out 66 leaves out. "
    "After: held-out 75 0.985 (65/66) / 0.833 (65/78); 76 0.817 (49/60) / 0.907, all references 0.966 / "
    "0.972, role right 0.913 -> 0.953; 77 0.889 (160/180) / 0.964 (160/166). Printed messages as "
    "mentions raise the use precision of 17 earlier sets (held-out 41 0.683 -> 0.728, 64 0.500 -> 0.545, 21 "
    "0.939 -> "
    "0.963) and lower held-out 71's use recall 0.927 -> 0.911 (it labels them uses); provider keys raise "
    "held-out 31's use precision 0.875 -> 0.890 and cost 73 one use (`groq-llama3`); the fine-tune rule "
    "costs held-out 29 two uses and 16 one mention. Left: a record's `name` beside "
    "`model_identifier` and a test's `name=` argument (MaiBot, LangBot), model ids written with the org "
    "joined "
    "by a dash as keys of a table (`google-gemma-3-12b-it`), a model named twice on one line, display "
    "names (`DeepSeek Chat (V3)`), Qwen3-TTS (not catalogued).",
    "Held-out 78 to 80, by three more helpers in session 16 from 15 repositories not used before "
    "(held-out 78, note-taking plugins: glowingjade/obsidian-smart-composer, "
    "nhaouari/obsidian-textgenerator-plugin, reorproject/reor, lfnovo/open-notebook, MODSetter/SurfSense, "
    "186 files; held-out 79, audio and video tools: homebrewltd/ichigo, mozilla-ai/document-to-podcast, "
    "DAMO-NLP-SG/VideoLLaMA2, Zackriya-Solutions/meeting-minutes, OpenGVLab/Ask-Anything, 152 files; "
    "held-out 80, prompt optimisation and LLM testing: SylphAI-Inc/AdalFlow, zou-group/textgrad, "
    "ianarawjo/ChainForge, UKGovernmentBEIS/inspect_ai, Giskard-AI/giskard, 181 files). Measured once, "
    "blind, after round 42 and the substring-test change: held-out 78 use precision 0.915 (86/94), use "
    "recall 0.887 (86/97), all references 0.900 / 0.990, licence 1.000; held-out 79 0.480 (36/75) / "
    "0.800 (36/45), all references 0.561 / 0.915, licence 1.000; held-out 80 0.946 (387/409) / 0.958 "
    "(387/404), all references 0.963 / 0.965, licence 0.994. Round 43 (checked in "
    "`tests/discovery/test_accuracy_round43.py`): DAMO's VideoLLaMA 2 and 3 (`VideoLLaMA2-7B-16F`), built "
    "on Mistral, Mixtral and Qwen2, name no Llama 2 (about 100 false references in held-out 79, with "
    "Llama 2's licence); the first Video-LLaMA, written with a hyphen, has Llama 2 checkpoints and stays "
    "read (held-out 13 labels one); a module imported by a relative import (`from .llama31 import ...`) "
    "and an identifier a function returns (`return falcon7b;`) are code; Ollama's `details` give an "
    'architecture as a bare `family` (`"family": "gemma4"`; `llm_family: llama2` still names a model, '
    "as held-out 40 and 65 label it); a test's made-up credential (`deepseek-key-456`) names no model. "
    "After: held-out 78 0.989 (86/87) / 0.887; 79 0.706 (36/51) / 0.800, all references 0.956 / 0.915; "
    "80 0.951 (387/407) / 0.958. Earlier sets: use precision up in held-out 40, 41, 44, 46, 64, 65 and "
    "70; no set lost a reference. Tried and undone: Mistral Medium and Magistral Medium (hosted only) as "
    "no model, which held-out 77 and 80 leave out and 19, 25, 30, 34, 42 and 68 label. Left: a UI's "
    "default model in a `.tsx` component (meeting-minutes' `gemma3:1b`, labelled mentions), fine-tunes "
    "named after their base (`VideoChat2_phi3`, `Jan-Llama3-0719`), a placeholder path "
    "(`your_model_path/llm/Phi-3-mini-128k-instruct`), textgrad's engine prefixes "
    "(`together-meta-llama/...`), a provider route in front of a Hub id "
    "(`vllm/meta-llama/Llama-3-8B:adapter`), "
    "ChainForge's display enums (`Llama3Instruct8b`, `Bloom560M`).",
    "Held-out 81 to 83, by three more helpers in session 16 from 15 repositories not used before "
    "(held-out 81, medical assistants: kbressem/medAlpaca, bowang-lab/MedRAX, TsinghuaC3I/UltraMedical, "
    "StanfordMIMI/clin-summ, FreedomIntelligence/Apollo, 174 files; held-out 82, e-commerce and marketing "
    "generators: niki-nakamura/SeoMasterPro, Rishabhupadhya/ai-content-repurpose, yavru421/llamalister, "
    "prepref/ai-advert, iradwatkins/gangrunprintingv1, 205 files; held-out 83, CI and repository bots: "
    "sunmh207/AI-Codereview-Gitlab, mattzcarey/shippie, hyperb1iss/git-iris, belingud/gptcomet, "
    "jnsahaj/lumen, 161 files). Measured once, blind, after round 43: held-out 81 use precision 0.983 "
    "(59/60), use recall 0.983 (59/60), all references 0.979 / 0.979, licence 1.000; held-out 82 0.714 "
    "(35/49) / 1.000 (35/35), all references 0.718 / 0.976, licence 0.897; held-out 83 0.970 (32/33) / "
    "1.000 (32/32), all references 1.000 / 1.000, licence 1.000. Held-out 81 and 83 are the first sets to "
    "meet the 0.97 goal for both use figures when first measured (both are small: 60 and 32 uses). Round 44 "
    "(checked in `tests/discovery/test_accuracy_round44.py`), from held-out 82: TinyMistral is no Mistral "
    "model, as TinyLlama is no Llama; Karpathy's llama2.c (`llama2c-model`) and a CMake target's build "
    "folder (`llama-qwen2vl-cli.dir`) name no model; a function named for what it does to a model "
    '(`initLlama3`) is code; an architecture read and compared (`getattr(config, "model_type", None) == '
    '"gemma2"`) and a registry key over an instance of a class (`"llama3": Llama3ToolUtils()`) name no '
    "model; a family word glued to a derivative's own word in camel case (`RuadaptQwen2.5-32B-instruct`) "
    "is read as two words, so the derivative takes its base's licence (held-out 19, 62 and 73 gain "
    "licence versions). The comparison pairs a label with a report that adds a quantisation after a point "
    "(`llama-2-7b` of `llama-2-7b.Q4_0`). After: held-out 82 0.833 (35/42) / 1.000, licence 0.897 -> 0.975, "
    "all references 0.815 / "
    "0.984; 81 and 83 unchanged; held-out 44 and 45 gain a little precision; no set lost a reference. "
    "Left: WebLLM's model ids (`llama3-8b-q4f16_1-MLC`), which held-out 82 reads as folder names, GGUF "
    "files in llama.cpp's guides, `Llama 3.x`.",
    "Held-out 84 to 86, by three more helpers in session 16 from 15 repositories not used before "
    "(held-out 84, recruiting tools: srbhr/Resume-Matcher, xai770/republic_of_love, abaskabato/recrutas, "
    "acharya-aayush/ResumeAuditor, rish-0-0/job-gtm, 160 files; held-out 85, DevOps and SRE copilots: "
    "robusta-dev/holmesgpt, GoogleCloudPlatform/kubectl-ai, k8sgpt-ai/k8sgpt, microsoft/AIOpsLab, "
    "kagent-dev/kagent, 167 files; held-out 86, research assistants: going-doer/Paper2Code, THUDM/LongCite, "
    "zhu-minjun/Researcher, SakanaAI/AI-Scientist, binary-husky/gpt_academic, 159 files). Measured once, "
    "blind, after round 44: held-out 84 use precision 0.807 (146/181), use recall 0.986 (146/148), all "
    "references 0.963 / 0.986, licence 0.997; held-out 85 0.886 (70/79) / 0.886 (70/79), all references "
    "0.915 / 0.861, licence 0.991; held-out 86 0.860 (92/107) / 0.948 (92/97), all references 0.921 / "
    "0.866, licence 0.941. Round 45 (checked in `tests/discovery/test_accuracy_round45.py`): SQL and Lua "
    "write comments with `--` (and SQL with `/* */`), so a name there is a mention (held-out 84's graders "
    'compared in SQL comments); a Go struct literal\'s `{Name: "llama3.1", ...}` lists a model, not a '
    "deployment; a provider's snapshot stamp written year, month and day (Volcengine's "
    "`deepseek-r1-250120`) and the `dashscope-` and `volcengine-` prefixes are the serving of the model "
    "they wrap; Baidu Qianfan's `BLOOMZ-7B` is BLOOMZ 7B1 (a catalogue alias); a folder of runs named "
    "after a model (`llama3.1-runs`) names no model. After: held-out 84 0.880 (146/166) / 0.986; 85 0.885 "
    "(77/87) / 0.975 (77/79); 86 0.921 (93/101) / 0.959 (93/97), licence 0.941 -> 1.000. Earlier sets: "
    "held-out 34's use recall 0.735 -> 0.749, held-out 24, 25 and 50 gain a licence version, held-out 66 "
    "one use's precision; none lost a reference. Tried and undone: a shell's `echo \"...\"` as a message "
    "(a mention), as held-out 76 and 84 label it: held-out 38 labels an echoed command as a use (pooled use "
    "recall 0.894 -> 0.892 for precision 0.907 -> 0.908). Left: names in notebook outputs, gpt_academic's "
    "`ollama-` model prefix (`ollama-phi3`; Ollama's own tool names are read so too), k8sgpt's display "
    "names (`Voxtral Mini 3B`, `Nemotron Nano 9B v2`, `GPT OSS Safeguard 20B`), a `name=` an agent is "
    "registered under.",
    "Held-out 87 to 89, by three more helpers in session 16 from 15 repositories not used before "
    "(held-out 87, Gradio and Streamlit apps: TencentARC/PhotoMaker, lllyasviel/Fooocus, "
    "GaiZhenbiao/ChuanhuChatGPT, patchy631/ai-engineering-hub, Shubhamsaboo/awesome-llm-apps, 189 files; "
    "held-out 88, Kaggle solutions: mtenenholtz/lmsys-chatbot-arena-solution, "
    "Shakleen/mining-misconceptions-in-math, evanarlian/kaggle-aimo2, king398/lmsys-scoring, "
    "tascj/kaggle-lmsys-chatbot-arena, 199 files; held-out 89, story writers: datacrystals/AIStoryWriter, "
    "THUDM/LongWriter, YILING0013/AI_NovelGenerator, ruifrvaz/local-model-creative-writing, "
    "NousResearch/storywriter, 211 files). Measured once, blind, after round 45: held-out 87 use "
    "precision 0.803 (126/157), use recall 0.920 (126/137), all references 0.963 / 0.958, licence 0.978; "
    "held-out 88 0.883 (106/120) / 0.955 (106/111), all references 0.920 / 0.914, licence 0.977; held-out "
    "89 0.947 (71/75) / 0.518 (71/137), all references 0.913 / 0.754, licence 0.991. Round 46 (checked in "
    "`tests/discovery/test_accuracy_round46.py`): an Ollama URI with the server after `@` "
    "(`ollama://llama3:70b@10.1.65.4:11434`, 63 uses in held-out 89 read as a host and port) names its "
    "tag; a triple-quoted string a program runs as a command (`os.system(f'''./Write.py ...''')`) is code, "
    "not a docstring; a script's argument with a default (`${1:-meta-llama/...}`) is read as a named "
    'variable\'s is (it was cut to `1:-meta-llama`); "Meta-Llama 3.1 70B" is read whole in prose; '
    "DeepSeek's release glued to its name (`DeepSeekR1`) is that release; where a Kaggle notebook mounts "
    "a model (`/kaggle/input/model/framework/variation/1`) the variation names it, as in a Kaggle handle; "
    "a Streamlit or Gradio page's text (`st.title(...)`, `st.sidebar.info(`, `gr.Markdown(`) is a mention. "
    "After: held-out 87 0.901 (128/142) / 0.934 (128/137); 88 0.888 (111/125) / 1.000 (111/111); 89 0.784 "
    "(134/171) / 0.978 (134/137), all references 0.869 / 0.976 (its new false uses are bare Ollama tags "
    "in `ollama://mistral` and `ollama://gemma`, which the tool reads as each name's default model and "
    "the set leaves unlabelled). Earlier sets: held-out 3's use recall 0.939 -> 0.980, 79's use precision "
    "0.706 -> 0.766, held-out 20 one reference more; none lost a reference. Left: ChuanhuChatGPT's "
    'display names as model keys (`"Groq LLaMA3 8B": {"model_name": ...}`), Stable Diffusion\'s short '
    "names (`SD2.x`, `SD15`), run and output folders of Kaggle solutions "
    "(`gemma-2-9b-it-smoothing-2560-len`), DeepSeek's Janus (not catalogued).",
    "Held-out 90 to 92, by three more helpers in session 16 from 15 repositories not used before "
    "(held-out 90, embedding and reranking pipelines: McGill-NLP/llm2vec, texttron/tevatron, "
    "AnswerDotAI/rerankers, michaelfeil/infinity, FlagOpen/FlagEmbedding, 193 files; held-out 91, web3 "
    "agents: dcommey/sol-llm-eval, heurist-network/heurist-agent-framework, "
    "moondevonyt/moon-dev-ai-agents, nearai/nearai, fboiero/MIESC, 190 files; held-out 92, email and "
    "calendar assistants: elie222/inbox-zero, kcalvelli/axios-ai-mail, Mail-0/Zero, "
    "demoh-forugh/agentic-2025, herald-email/herald-mail-app, 181 files). Measured once, blind, after round "
    "46: held-out 90 use precision 0.856 (101/118), use recall 1.000 (101/101), all references 0.915 / "
    "0.988, licence 0.799; held-out 91 0.915 (237/259) / 0.926 (237/256), all references 0.959 / 0.968, "
    "licence 0.998; held-out 92 0.832 (168/202) / 0.944 (168/178), all references 0.977 / 0.932, licence "
    "0.956. Round 47 (checked in `tests/discovery/test_accuracy_round47.py`): Mistral 7B's releases are "
    "numbered 0.1 to 0.3, so a derivative that writes `v2` after the size "
    "(`McGill-NLP/LLM2Vec-Mistral-7B-Instruct-v2-mntp`) is one of Mistral 7B Instruct v0.2 under "
    "Apache-2.0 (it had been read as Mistral's version 2 and given Mistral Large 2's research licence, a "
    "wrong licence, not a missing one); a Mistral line written with a hyphen takes a prose size "
    "(`Mistral-Small 22B`, `Mistral-Nemo 12B`); a terminal colour code before a name "
    "(`\\033[1mllama3.2:1b`) is no part of it. After: held-out 90 licence 0.799 -> 0.840; 92 use precision "
    "0.840 (168/200), all references 0.985 / 0.991; 91 unchanged; no earlier set changed. Left: held-out "
    "90's licences of fine-tunes whose names give no size (`BAAI/bge-reranker-v2-gemma`: Gemma 1 to 3 are "
    "under the Gemma Terms and Gemma 4 under Apache-2.0, so a Gemma without a version stays undecided), "
    "Sheared-LLaMA and RepLLaMA (not catalogued), ColQwen2 class names; held-out 91's possessives "
    "(`DeepSeek's V3`) and NEAR's canonical names (`llama3p1_70binstruct`); held-out 92's printed menus "
    "(`printf` lines), which the set reads as mentions, and an SDK's model constants "
    "(`GROQ_MODELS.LLAMA_8B`).",
    "Held-out 93 to 95, by three helpers in session 17 from 15 repositories not used before (held-out 93, "
    "game development and NPC dialogue: getnamo/Llama-Unreal, nobodywho-ooo/nobodywho, "
    "GoodStartLabs/AI_Diplomacy, lmgame-org/GamingAgent, sethkarten/pokechamp, 177 files; held-out 94, "
    "customer-support assistants: arc53/DocsGPT, emcie-co/parlant, bolna-ai/bolna, Tiledesk/tiledesk-llm, "
    "dograh-hq/dograh, 163 files; held-out 95, code-completion servers and editor plugins: "
    "smallcloudai/refact, olimorris/codecompanion.nvim, milanglacier/minuet-ai.nvim, yetone/avante.nvim, "
    "stacklok/codegate, 195 files). Measured once, blind, after round 47: held-out 93 use precision 0.561 "
    "(170/303), use recall 0.711 (170/239), all references 0.653 / 0.753, licence 0.994; held-out 94 0.957 "
    "(155/162) / 0.928 (155/167), all references 0.970 / 0.996, licence 1.000; held-out 95 0.966 (281/291) "
    "/ 0.553 (281/508), all references 0.976 / 0.678, licence 0.964. Most of held-out 93's errors were the "
    "comparison's: its labeller wrote the model inside a GGUF file's or repository's name (`Qwen3-0.6B` of "
    "`bartowski/Qwen_Qwen3-0.6B-GGUF`), which the comparison now pairs (`_packed`); with it and the tool "
    "unchanged, held-out 93 reads 0.726 (220/303) / 0.921 (220/239), and one earlier pair changes "
    "(held-out 47, all references 638 -> 639). Round 48 (checked in "
    "`tests/discovery/test_accuracy_round48.py`): a model written as a path of its parts (Refact's "
    "`llama3.1/8b/instruct`, `qwen2.5/coder/1.5b/base`, `starcoder2/3b/vllm`) is one name, not a folder "
    "path; `codellama/7b` is Code Llama 7B; a class the file defines (`class Llama3_1_8B(...)`) is code "
    'where it is named; an account\'s user name (`"username": "PAC-LLM-qwen3-8b"`) is no model; shared '
    "libraries and release archives (`libllama.so.0`, `.7z`) are files; a CI expression for a folder "
    "(`${{ github.workspace }}/models/x.gguf`) no longer stands for the line's key (its last word, "
    "`workspace`, had read as a workspace setting); the server after a model "
    "(`openai:llama-3.2-3b@http://localhost:8000`) is cut. After: held-out 93 0.813 (226/278) / 0.946 "
    "(226/239); 94 0.994 (155/156) / 0.928; 95 0.976 (411/421) / 0.809 (411/508), licence 0.981; earlier "
    "sets unchanged but held-out 77 (one tokenizer folder under a CI expression, "
    "`${{ github.workspace }}/qwen3-embedding-tokenizer`, now reported: 160/180 -> 160/181). Tried and "
    "undone: Refact's provider keys (`groq-llama-3.1-8b`, 33 labels in held-out 95, also labelled in 34 "
    "and 73) against round 42's rule that a provider's key names no model (held-out 31, 76 and 80 leave "
    "them out: 22 references): the sets split, so round 42's rule stays. A `nickname` is a display name "
    "(held-out 50 labels them), so only user and account names are left out. Left: pokechamp's accounts "
    "as keys of a password file, a sampler preset (`explicit-gemma4`), GGUF names a fetch stores "
    '(`name = "x.gguf"` in Nix) and copies to, parlant\'s class names in prose.',
    "Held-out 96 to 98, by three more helpers in session 17 from 15 repositories not used before "
    "(held-out 96, local desktop apps and model launchers: exo-explore/exo, withcatai/node-llama-cpp, "
    "mostlygeek/llama-swap, sugarforever/chat-ollama, sammcj/gollama, 178 files; held-out 97, safety, "
    "guardrails and red-teaming tools: mlcommons/modelbench, aiverify-foundation/moonshot-data, "
    "msoedov/agentic_security, usail-hkust/JailTrickBench, tml-epfl/llm-adaptive-attacks, 179 files; "
    "held-out 98, mobile and edge deployment: google-ai-edge/ai-edge-torch, "
    "google-ai-edge/mediapipe-samples, UbiquitousLearning/mllm, mit-han-lab/TinyChatEngine, "
    "cactus-compute/cactus, 191 files). Measured once, "
    "blind, after round 48: held-out 96 use precision 0.753 (510/677), use recall 0.924 (510/552), all "
    "references 0.777 / 0.943, licence 0.985; held-out 97 0.914 (491/537) / 0.903 (491/544), all "
    "references 0.927 / 0.942, licence 0.990; held-out 98 0.463 (112/242) / 0.691 (112/162), all "
    "references 0.727 / 0.894, licence 0.942. Two changes to the comparison, read from them: a label that "
    "names a GGUF repository meets the report of a file of it on the same line (one URI, "
    "`hf:org/x-GGUF/x.Q4_K_M.gguf`), as `_packed` now compares the model both names pack; and a label may "
    "stop before up to three tag words, not one (a provider after the model: modelbench's "
    "`meta-llama-3_1-8b-instruct-hf-nebius`). With them and the tool unchanged: held-out 96 0.770 "
    "(521/677) / 0.944, 97 0.922 (495/537) / 0.910, 98 unchanged; earlier sets gain pairs of the same "
    "kind (held-out 26, 31, 47, 54, 80: Berkeley's `-FC-novita`, tensorzero's `-vllm-dynamic`), none "
    "loses one. Round 49 (checked in `tests/discovery/test_accuracy_round49.py`): a member of an enum or "
    'table of architectures or families (`qwen2moe = "qwen2moe"` in `enum GgufArchitectureType {`, '
    "gollama's `familyColours`; a block of code such as `switch (model.architecture.tokenizer) {` or a "
    "test titled with the word is not one) and a name paired with a format's enum constant in a C++ "
    'table (llama.cpp\'s `{ "llama2", LLM_CHAT_TEMPLATE_LLAMA_2 }`, `{ PROJECTOR_TYPE_GEMMA3, "gemma3"}`) '
    "are classes of models; a name mapped to a chat wrapper or parser class is a format; node-llama-cpp's "
    "`hf:org/repo/file.gguf` is a Hub URI, where a program loads the file; the constants an enum lists "
    "(`enum { LLaMA_7B, Mistral_7B }`) and a C struct's instances are the file's own; C++ and CUDA "
    "headers (`.hpp`, `.cuh`) are code files; a snake-case model name takes a precision or quantisation "
    "(`LLaMA2_7B_chat_awq_int4`); a Hub data set named after a model (`karanxa/llama-2-jailbreak-dataset`, "
    "`..._jailbreak_responses`) is no model. After: held-out 96 0.824 (532/646) / 0.964 (532/552); 97 "
    "0.943 (495/525) / 0.910; 98 0.641 (134/209) / 0.827 (134/162); earlier sets: held-out 29 three "
    "references more, 45 one false one less. Left: GGUF, MediaPipe `.task` and checkpoint file names, "
    "which held-out 93 and 96 label as models and 98 leaves out; SUT ids with the org glued by a dash "
    "(`mistralai-ministral-8b-2410`, read as resources since round 4); TinyChatEngine's model constants "
    'used in another file than their enum; chat-template names (`template_name == "llama-2"`).',
    "Held-out 99 to 101, by three more helpers in session 17 from 15 repositories not used before "
    "(held-out 99, low-code LLM app builders: TaskingAI/TaskingAI, PySpur-Dev/pyspur, coze-dev/coze-studio, "
    "dataelement/bisheng, simstudioai/sim, 187 files; held-out 100, labelling and human-feedback tools: "
    "prometheus-eval/prometheus-eval, huggingface/data-is-better-together, refuel-ai/autolabel, "
    "flowaicom/flow-judge, Kiln-AI/Kiln, 180 files; held-out 101, geospatial, climate and agriculture "
    "assistants: Morteza-Khazaei/QGIS-Copilot, JimmylearningCoding/AgriMind, iamtekson/GeoAgent, "
    "semanticClimate/llmrag, opengeos/geoai, 198 files). Measured once, blind, after round 49: held-out 99 "
    "use precision 0.812 (281/346), use recall 0.918 (281/306), all references 0.854 / 0.941, licence "
    "0.980; held-out 100 0.786 (81/103) / 0.704 (81/115), all references 0.869 / 0.826, licence 0.980; "
    "held-out 101 0.821 (23/28) / 1.000 (23/23), all references 1.000 / 1.000, licence 1.000 (its only "
    "errors were roles). One change to the comparison: a Bedrock id and its cross-region profile "
    "(`us.meta.llama...`, also after a client prefix) are one name; held-out 99 reads 0.818 (283/346) / "
    "0.925 with it, no earlier set changes. Round 50 (checked in "
    "`tests/discovery/test_accuracy_round50.py`): translation keys for a model's display name or text "
    "(`i18n:llama3_8b_name`, `..._description`) name no model; a class whose name puts words before the "
    "family and version (`HostLlama2Chat`) is code; a llamafile repository whose only family word is its "
    "suffix (`flowaicom/Flow-Judge-v0.1-Llamafile`, a Phi fine-tune) is no Llama; a model maker's own "
    'repository under an endpoint or run setting (`ENDPOINT_NAME = "meta-llama/..."`, not a data set\'s '
    "key) is that model, as nothing of a user's is written there; snake-case ids take Llama 4's named "
    "variants and embedding words (Kiln's `llama_4_maverick`, `qwen_3_embedding_8b`); Volcengine's "
    "snapshot after a slash (`DeepSeek-R1/250528`) is R1; a message passed to `log(` or `_log(`, a Gradio "
    "tab's or accordion's title and a QML comment are text a person reads. After: held-out 99 0.876 "
    "(283/323) / 0.925; 100 0.825 (85/103) / 0.739 (85/115); 101 0.920 (23/25) / 1.000; earlier sets: "
    "held-out 33, 40 and 44 lose 4 false uses, 47 finds 1 more, 73 2 more (`groq_llama3_70b`-style keys "
    "of a size). Left: Kiln's bare `phi_4` / `phi_3_5` ids and the notebook outputs held-out 100 labels; "
    "pyspur's node titles (`Gemma2`) and bare Ollama tags (`ollama/mistral`); coze's display names "
    "before a YAML model block (`name: Deepseek-R1`); Bedrock's closed Mistral tiers "
    "(`mistral.mistral-large-2402-v1:0`), which held-out 99 leaves out.",
    "Held-out 102 to 104, by three more helpers in session 17 from 15 repositories not used before "
    "(held-out 102, AI companions and character chat: Open-LLM-VTuber/Open-LLM-VTuber, semperai/amica, "
    "a16z-infra/companion-app, bigsk1/voice-chat-ai, GrailFinder/gf-lt, 164 files; held-out 103, "
    "accessibility and assistive tools: cartertemm/AI-content-describer, "
    "kellylford/Image-Description-Toolkit, gaganmanku96/ElderlyCare, lukeslp/alt-text-local-ai, "
    "Mosic-asia/kioku, 174 files; held-out 104, sports, fitness, nutrition and travel assistants: "
    "OSU-NLP-Group/TravelPlanner, ryannnsevidal/calisthenics-app, french-barbarians/barbarian-trainer, "
    "violetzu/TennisProject, PartORG/nutrition-ai-assistant, 192 files). Measured once, blind, after "
    "round 50: held-out 102 use precision 0.966 (28/29), use recall 0.966 (28/29), all references 0.833 "
    "/ 0.976, licence 0.975; held-out 103 0.755 (71/94) / 0.947 (71/75), all references 0.888 / 0.994, "
    "licence 1.000; held-out 104 **1.000 (31/31) / 1.000 (31/31)**, all references 0.976 / 0.976, "
    "licence 1.000 (small sets: 29 and 31 uses). Most of held-out 103's false uses are LLaVA fine-tunes "
    "on Phi-3 and Llama 3 (`llava-phi3`, `llava-llama3`), which the set leaves out as another family and "
    "the tool reports, as their weights are under those licences. Round 51 (checked in "
    "`tests/discovery/test_accuracy_round51.py`): a table of chat templates or formats keyed by the "
    'format\'s name (`TEMPLATES = {"LLAMA3": {...}}`) holds formats, not models, while one that maps a '
    'model\'s name to its format\'s name (`DEFAULT_TEMPLATE = {"LLaMA2": "llama2"}`) keeps its keys as '
    "models (held-out 62 labels them); a number written with thousands separators after a family word "
    "(`nemotron 1,048,576`, a context length) is no version. After: held-out 102 1.000 (28/28) / 0.966; "
    "103 and 104 unchanged; earlier sets: held-out 29, 65 and 79 lose 4 false uses. Left: Markdown bold "
    "inside a name (`Qwen3-VL-**2B**`), Ollama's bare `nemotron`, the LLaVA fine-tunes above.",
    "Held-out 105 to 107, by three more helpers in session 17 from 15 repositories not used before "
    "(held-out 105, LLM API routers, proxies and price tables: pydantic/genai-prices, "
    "vllm-project/semantic-router, MartialBE/one-hub, lunary-ai/lunary, theopenco/llmgateway, 182 files; "
    "held-out 106, agent benchmark environments: RAGEN-AI/RAGEN, THUDM/AgentBench, OpenPipe/ART, "
    "evalplus/evalplus, sierra-research/tau-bench, 168 files; held-out 107, multimodal generation "
    "pipelines: gokayfem/ComfyUI_VLM_nodes, ostris/ai-toolkit, deepbeepmeep/Wan2GP, FunAudioLLM/CosyVoice, "
    "Acly/krita-ai-diffusion, 194 files). Measured once, blind, after round 51: held-out 105 use precision "
    "0.917 (835/911), use recall 0.923 (835/905), all references 0.918 / 0.978, licence 0.975; held-out 106 "
    "0.953 (121/127) / 0.976 (121/124), all references 0.967 / 0.994, licence 1.000; held-out 107 0.581 "
    "(144/248) / 0.742 (144/194), all references 0.807 / 0.908, licence 0.925. Round 52 (checked in "
    "`tests/discovery/test_accuracy_round52.py`): a sized `name` whose record gives a base model "
    '(`TrainableModel(name="llama-8b-007", base_model="meta-llama/...")`) is a model the project trains, '
    "named after that base, which is the reference (a `base_model` that is a provider's word, "
    '`base_model: "hf"`, does not count). After: held-out 106 0.976 (121/124) / 0.976; 105 and 107 '
    "unchanged; no earlier set changed. Left, as conventions the sets split on: held-out 107's weight "
    "files and text-encoder folders (`Qwen2.5-VL-7B-Instruct_bf16.safetensors`), which it leaves out as "
    "file names and held-out 93 and 96 label; Kiln-style snake keys of text encoders (`qwen_3_4b`); hosted "
    "versions of closed models (`mistral-medium-2505`, `qwen3p6-plus`) and reasoning-family keys "
    "(`reasoning_family: qwen3`) that held-out 105 leaves out. Left as gaps: Qwen-Image and its edits "
    "(`Qwen-Image-Edit-2509`, not catalogued), Stable Diffusion's short names (`SD XL`, `sd_v1.5`), "
    "hyperpyyaml class paths (`!new:cosyvoice.llm.llm.Qwen2LM`), npm tokenizer packages "
    "(`llama3-tokenizer-js`).",
    "Held-out 108 to 110, by three more helpers in session 17 from 15 repositories not used before "
    "(held-out 108, natural-language BI and report tools: dataease/SQLBot, tencentmusic/supersonic, "
    "Dataherald/dataherald, microsoft/lida, defog-ai/sqlcoder, 162 files; held-out 109, training "
    "frameworks' recipes: NVIDIA/NeMo-RL, mosaicml/llm-foundry, THUDM/slime, "
    "huggingface/autotrain-advanced, h2oai/h2o-llmstudio, 172 files; held-out 110, personal assistants: "
    "yihong0618/xiaogpt, ILikeAI/AlwaysReddy, KoljaB/RealtimeVoiceChat, OpenInterpreter/01, "
    "mudler/LocalAGI, 178 files). Measured once, blind, after round 52: held-out 108 use precision 1.000 "
    "(13/13), use recall 0.650 (13/20), all references 1.000 / 0.750, licence 1.000; held-out 109 0.687 "
    "(101/147) / 0.990 (101/102), all references 0.773 / 0.992, licence 0.992; held-out 110 0.818 (18/22) "
    "/ 1.000 (18/18), all references 0.945 / 0.912, licence 1.000. Round 53 (checked in "
    "`tests/discovery/test_accuracy_round53.py`): the bare `name` of an item in a code array under a "
    "models key (`model_options: [ { name: 'deepseek-r1' }, ...]`) is a model the program offers, as an "
    "item of a YAML `models:` list already was; a `name` under an experiment tracker's block (`wandb:`, "
    "`mlflow:`) is a run's name, sized or not. After: held-out 108 1.000 (20/20) / 1.000 (20/20); 109 0.737 "
    "(101/137) / 0.990; 110 unchanged; earlier sets: held-out 25, 29, 38, 68, 71 and 75 find 27 more uses "
    "(71's recall 0.917 -> 0.950, 38's 0.776 -> 0.794) at about the same precision. Tried and undone: a "
    "trainer's `checkpoint_dir` as an output folder (NeMo-RL's `results/grpo-...`): torchtune's "
    "`checkpoint_dir` is the model it loads, and held-out 16, 18 and 24 label it (29 uses lost in 16). "
    "Left: converted checkpoints (`Qwen3-8B_torch_dist`, `DeepSeek-R1-bf16`), which held-out 109 leaves "
    "out. One wrong licence fixed after the round: Volcengine's snapshot stamp names a dated release when "
    "the catalogue has one of that day (`deepseek-v3-250324` is DeepSeek-V3-0324, MIT; the stamp had been "
    "dropped, giving V3's DeepSeek licence: held-out 108's licence 0.957 -> 1.000); `deepseek-r1-250120`, "
    "with no dated release of that day, is R1 as before.",
    "Held-out 111 to 113, by three helpers in session 18 from 15 repositories not used before (held-out "
    "111, self-hosted answer engines: rashadphz/farfalle, nilsherzig/LLocalSearch, "
    "developersdigest/llm-answer-engine, jjleng/sensei, leptonai/search_with_lepton, 181 files; held-out "
    "112, test, documentation and code-migration tools: eli64s/readme-ai, Codium-ai/cover-agent, "
    "fynnfluegge/doc-comments-ai, OpenBMB/RepoAgent, codeintegrity-ai/mutahunter, 183 files; held-out 113, "
    "courses and tutorials: neural-maze/agentic_patterns, mneedham/LearnDataWithMark, "
    "datawhalechina/happy-llm, curiousily/AI-Bootcamp, huggingface/agents-course, 121 files, labelled from "
    "the lines a family-name search found and their surroundings, so less carefully than the brief asks; a "
    "first attempt at 113 whose labels a script had proposed was discarded unmeasured). Measured once, "
    "blind, after round 53: held-out 111 use precision 0.762 (32/42), use recall 0.821 (32/39), all "
    "references 0.850 / 0.895, licence 1.000; held-out 112 1.000 (4/4) / 1.000 (4/4), all references 0.875 "
    "/ 1.000, licence 1.000; held-out 113 0.818 (45/55) / 0.750 (45/60), all references 0.820 / 0.927, "
    "licence 0.991. Round 54 (checked in `tests/discovery/test_accuracy_round54.py`): a project's own enum "
    "or constant object read as a member (`ChatModel.LLAMA_3_70B`, `GROQ_MODELS.LLAMA_8B`) or imported "
    "from a module of the project (`from .catalog import LLAMA_3_1_8B`, `import { ChatModel } from "
    '"../../generated"`) is code, as a constant the file declares already was; an SDK\'s constant '
    "(`ModelTypes.LLAMA_3_70B_INSTRUCT`, imported from a package) still names its model. The names of a "
    "Python module's `__all__`, a Kubernetes service's host name (`mistral-7b-instruct.default.svc."
    "cluster.local`) and media files (`assets/winamp-llama.mp3`, whose `mp3` had read as Llama 3) name no "
    "model. The comparison pairs a label with a report that adds an Ollama quantisation tag (`:q4_0`). "
    "After: held-out 111 0.914 (32/35) / 0.821; 112 unchanged; 113 0.849 (45/53) / 0.750, all references "
    "0.847 / 0.943; earlier sets: held-out 41, 46, 92 and 105 lose 20 false uses (92's precision 0.840 -> "
    "0.866), no recall lost. Left: a project's enum imported by an absolute module path "
    "(`from backend.constants import ChatModel`) or used where no import shows (JSX), which cannot be told "
    "from an SDK's in one file; a record's display `name` beside its model (`name: \"Llama3\"`); notebook "
    "outputs, which held-out 113 labels; Ollama's `deepseek-r1:8b`, which the catalogue keeps as the "
    "Llama distill (the stricter reading; Ollama re-pointed it to the MIT Qwen3 distill in May 2025).",
    "Held-out 114 to 116, by three more helpers in session 18 from 15 repositories not used before "
    "(held-out 114, office add-ins: quazardous/localwriter, palamut62/libre_calc_ai_addon, "
    "TelecoDev/office-ai-suite, Wangyiquan95/ollama-word-addin, negiturkey/Local_LLM_for_Excel, 150 files; "
    "held-out 115, LLM observability: Scale3-Labs/langtrace-python-sdk, Arize-ai/openinference, "
    "AgentOps-AI/agentops, Helicone/ai-gateway, lmnr-ai/lmnr, 103 files; held-out 116, LLM recommenders: "
    "ljy0ustc/LLaRA, zhengbw0324/LC-Rec, SAI990323/BIGRec, zyang1580/CoLLM, microsoft/RecAI, 150 files). "
    "Measured once, blind, after round 54: held-out 114 use precision 0.965 (83/86), use recall 0.790 "
    "(83/105), all references 0.982 / 1.000, licence 0.955; held-out 115 0.975 (115/118) / 1.000 (115/115), "
    "all references 0.956 / 1.000, licence 0.992: the fourth set to meet the goal for both use figures when "
    "first measured; held-out 116 0.811 (30/37) / 1.000 (30/30), all references 0.895 / 1.000, licence "
    '1.000. Most of 114\'s missed uses are display names in a model table (`"display_name": "Mistral Large '
    '3"`), which it labels uses and the tool reads as mentions, as earlier sets split. Round 55 (checked in '
    "`tests/discovery/test_accuracy_round55.py`): `DeepSeek R1 Distill 70B` is read whole, as the one "
    "distill of that size (Llama 3.3 70B's, under its licence; `DeepSeek R1` alone had been read, under "
    "MIT); the names inside a command-line flag's default string are that flag's "
    "(`add_argument('--chat_template', default=\"in [llama-2, llama-3]\")`: chat formats); Olmo 3.1 "
    "(December 2025, Apache-2.0) is catalogued. After: held-out 114 licence 0.955 -> 0.987, uses unchanged; "
    "115 unchanged; 116 0.857 (30/35) / 1.000; earlier sets: held-out 58 finds one more use, 26 and 105 "
    "gain licence versions. Left: display names, as above; RepLLaMA (`castorini/repllama-v1-7b-lora-"
    "passage`, not catalogued); a Markdown line that lists a template option's values; Mistral tiers with "
    "no version (`magistral-small`, `codestral`), which held-out 115 leaves out.",
    "Held-out 117 to 119, by three more helpers in session 18 from 15 repositories not used before "
    "(held-out 117, database-native AI: timescale/pgai, postgresml/postgresml, tembo-io/pg_vectorize, "
    "dsg-polymtl/flockmtl, lancedb/vectordb-recipes, 155 files; held-out 118, workflow orchestration: "
    "flyteorg/flytesnacks, kestra-io/plugin-langchain4j, kestra-io/plugin-ai, zenml-io/zenml-projects, "
    "unionai/unionai-examples, 100 files; held-out 119, docs Q&A bots: uibcdf/molsys-ai-server, "
    "onyx-dot-app/onyx, Infrasity-Labs/growth-marketing-playbooks, nirogu/Docuchat, "
    "egeturkuler/smart-inbox-agent, 150 files; 119's brief had an older theme spliced into its theme "
    "line by mistake, which its labeller noticed). Measured once, blind, after round 55: held-out 117 use "
    "precision 0.976 (83/85), use recall 0.814 (83/102), all references 0.963 / 0.941, licence 1.000; "
    "held-out 118 0.901 (64/71) / 0.955 (64/67), all references 0.918 / 0.963, licence 0.987; held-out "
    "119 0.914 (64/70) / 0.914 (64/70), all references 0.964 / 0.964, licence 1.000. Round 56 (checked "
    "in `tests/discovery/test_accuracy_round56.py`): a family word glued in camel case to the word "
    "before it with a dash before its version (`Samhita/OrpoLlama-3-8B-Instruct`, `TwinLlama-3.1-8B`) "
    "is a derivative of that family's model, as `RuadaptQwen2.5-32B` already was (TinyLlama, OpenLLaMA "
    "and MedGemma stay whole); a Maven or Gradle coordinate (`dev.langchain4j:langchain4j-mistral-ai`) "
    "is a library. The comparison pairs a label with a report that adds Bedrock's context length "
    "(`meta.llama3-70b:128k`). After: held-out 117 unchanged; 118 0.914 (64/70) / 0.955, licence 1.000; "
    "119 0.929 (65/70) / 0.929; earlier sets: held-out 24, 88 and 100 gain licence versions. Tried and "
    'undone: a lower-case `sdxl` as a string\'s whole value (`diffuser_model="sdxl"`): held-out 46 and '
    "117 gain 10 uses, 24, 32, 41, 51 and 107 lose about 40 to false ones. Left: bare `sdxl`, as above; "
    "a record's `name` beside its `id`, a regular expression in a test (`/Llama 3 70B/`) and the folder "
    "a `cd` enters after a clone, which these sets label and earlier ones leave out; a ZenML model's "
    "registry `name` under `model:` (`llm-peft-llama-3-1`).",
    "Held-out 120 to 122, by three more helpers in session 18 from 15 repositories not used before "
    "(held-out 120, workplace chat bots: JENX-AI/slackbot, agentifyanchor/ollama-teams-agent-llama32, "
    "lamini-ai/lamini-examples, victornemeth/teamsllama, aviad-buskila/Llama3.1_local_slack_bot, 100 files; "
    "held-out 121, cloud ML platform samples: aws-samples/amazon-sagemaker-generativeai, "
    "aws-samples/generative-ai-on-amazon-sagemaker, Konjarla-Vindya/son-azureml-oss-models, "
    "daekeun-ml/sagemaker-finetune-serve-e2e, alvarobartt/vertex-ai-huggingface-inference-toolkit, 154 "
    "files; held-out 122, jailbreak research code: RICommunity/TAP, JoRo-Code/Jailbreaks, "
    "OpenSQZ/Jailbreak-Foundry, diogo-cruz/multi_turn_jailbreaks, FreshbirdZhao/LLMs_Jailbreak, 156 files). "
    "Measured once, blind, after round 56: held-out 120 use precision 0.909 (30/33), use recall 1.000 "
    "(30/30), all references 0.930 / 0.976, licence 1.000; held-out 121 0.696 (87/125) / 1.000 (87/87), all "
    "references 0.769 / 0.979, licence 0.971; held-out 122 0.969 (126/130) / 0.962 (126/131), all "
    "references 0.967 / 0.962, licence 0.988. Round 57 (checked in "
    "`tests/discovery/test_accuracy_round57.py`): a CI workflow's own `name:` over its `on:` triggers "
    "(`name: bigscience-bloom-1b1`) and its job ids under `jobs:` (`llama3:`) are what the workflow and its "
    "jobs are called; an IDE's project folder (`.idea/`, whose files name the project, "
    "`Llama3.1_slack_bot`) is not scanned. One wrong licence fixed: DeepSeek-R1-0528-Qwen3-8B, not "
    "catalogued, had been given its family's DeepSeek licence; it is catalogued under its base's "
    "Apache-2.0, as the other R1 distills are (held-out 122 labels it MIT, its repository's licence). "
    "After: held-out 120 0.938 (30/32) / 1.000; 121 0.806 (87/108) / 1.000; 122 unchanged; held-out 44 "
    "gains three licence versions. Left: 121's NeMo-RL output folders (`results/grpo-...`, tried and undone "
    "in round 53), HyperPod deployment names (`qwen3-4b-instruct-cpt`), GPT-2 prompt generators named after "
    "Stable Diffusion (`distilgpt2-stable-diffusion-v2`), read as its derivatives, and BLOOM ids with the "
    "org "
    "joined by a dash (`bigscience-bloom-1b1`), read without a licence; closed hosted models with a date "
    "(`qwen-plus-2025-07-28`, `mistral-ocr-2505`). An uncatalogued model of a family still takes the "
    "family's licence when every catalogued model of the version read has it, and the version can be "
    "the base's (`deepseek-r1-0529-qwen3-14b` reads as DeepSeek 3, under the DeepSeek licence): wrong for "
    "a distill, and named here for the next round.",
    "Held-out 123 to 125, by three more helpers in session 18 from 15 repositories not used before "
    "(held-out 123, insurance, banking and real-estate assistants: EmbeddAlex/realestate-assistant, "
    "Akshataa1804/claim-ease, Jawahar0308/Claim_agent, joannamooon/Llama-Bank, llamasearchai/llamaclaims, "
    "100 files; held-out 124, model arenas and playgrounds: ai-shifu/ChatALL, dezoito/ollama-grid-search, "
    "TIGER-AI-Lab/GenAI-Arena, lmarena/arena-hard-auto, nat/openplayground, 121 files; held-out 125, data "
    "cleaning and entity resolution: AmeerArsala/LLM-Data-Cleaner, AdeelBeg/Data-Cleaning-with-OLLAMA, "
    "tshu-w/LLM4EM, davidlapetina/entity-resolution, giannisak/ER, 103 files). Measured once, blind, after "
    "round 57: held-out 123 use precision 0.941 (16/17), use recall 1.000 (16/16), all references 0.978 / "
    "1.000, licence 1.000; held-out 124 0.793 (207/261) / 0.818 (207/253), all references 0.894 / 0.869, "
    "licence 0.994; held-out 125 0.852 (23/27) / 1.000 (23/23), all references 0.867 / 1.000, licence "
    "1.000. Round 58 (checked in `tests/discovery/test_accuracy_round58.py`): Stability's language models "
    "(StableLM, StableBeluga) are no model of a covered family (they had been reported, unresolved); a "
    'string that is the name of a class the file declares (`static _className = "Gemma29bGroqAPIBot"`) '
    "is code. After: held-out 124 0.825 (207/251) / 0.818; 123 and 125 unchanged; earlier sets: held-out "
    "21, 25, 29, 46, 48, 54, 60, 61, 79, 87, 96 and 121 lose 19 false uses (79's precision 0.783 -> 0.818), "
    "no use lost. Left: 124's camel-glued Stable Diffusion names (`SDXLTurbo`, `SDXLLightning`) and "
    "translated strings of model names (`en.json`), which it labels uses; Bedrock config aliases "
    "(`aws_llama_3_8b_instruct`), a provider-key convention the sets split on; a Modelfile's `FROM` of an "
    "uncovered family (`FROM orca2`), reported unresolved as a model in use. After the round, one licence "
    "risk named in round 57 was closed: an uncatalogued model whose name carries another family's model "
    "(`deepseek-r1-0529-qwen3-14b`) no longer takes its first family's licence from the version it read "
    "(`qwen3` had read as DeepSeek 3, under the DeepSeek licence); it is the derivative of the base it "
    "names (Qwen3-14B, Apache-2.0). No labelled set has such a name.",
]


def render(sets: dict[str, Tally], repos: dict[str, str]) -> str:
    """The markdown section: one column per label set, then each set's errors."""
    names = list(sets)
    lines = [
        START,
        "## Discovery accuracy",
        "",
        "Labelled files of public repositories; labels in `benchmarks/labels/discovery.jsonl` (dev: its "
        "errors were studied and fixed in general terms), `benchmarks/labels/discovery_heldout.jsonl` "
        "(held-out: labelled the same way, not tuned on) and `benchmarks/labels/discovery_heldout2.jsonl` "
        "(held-out 2: labelled in round 2 from 8 repositories not used before, before any scan of them; "
        "not tuned on; its errors were read after measuring and some causes fixed, so it is no longer "
        "blind) and `benchmarks/labels/discovery_heldout3.jsonl` (held-out 3: labelled in round 3 from 3 "
        "repositories not used before, before any scan of them; never tuned on) and "
        "`benchmarks/labels/discovery_heldout4.jsonl` (held-out 4: 8 repositories not used before, measured "
        "once blind after round 4, then its errors read: no longer blind) and "
        "`benchmarks/labels/discovery_heldout5.jsonl` (held-out 5: 8 repositories not used before, measured "
        "once blind before round 7, then its errors read: no longer blind) and "
        "`benchmarks/labels/discovery_heldout6.jsonl` (held-out 6: 9 repositories not used before, measured "
        "once blind after round 9, then its errors read in round 10: no longer blind) and "
        "`benchmarks/labels/discovery_heldout7.jsonl` (held-out 7: 7 repositories not used before, measured "
        "once blind after round 10, then its errors read in round 11: no longer blind) and "
        "`benchmarks/labels/discovery_heldout8.jsonl` (held-out 8: 3 repositories not used before, "
        "labelled by the lead before any scan, measured once, then its errors read in round 12: no longer "
        "blind). Regenerate with "
        "`python benchmarks/discovery_accuracy.py` (after `--extract-from DIR` or with whole snapshots "
        "under `benchmarks/.work/src/`; `--needs` lists the repositories and commits).",
        "",
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    columns = [_rows(t) for t in sets.values()]
    for i, (label, _) in enumerate(columns[0]):
        lines.append(f"| {label} | " + " | ".join(c[i][1] for c in columns) + " |")
    lines += ["", *BEFORE_ROUND2, "", *HELDOUT2_CAUSES, "", *BEFORE_ROUND3, "", *ROUND4, "", *ROUND5]
    lines += ["", *ROUND7]
    lines += ["", f"{len(repos)} repositories: " + ", ".join(f"`{r}@{c[:10]}`" for r, c in repos.items()), ""]
    for name, t in sets.items():
        details = (("missed", t.misses), ("not expected", t.extras), ("wrong version", t.wrong_version))
        for title, items in details:
            if items:
                lines.append(f"{name}, {title}: " + "; ".join(f"`{i}`" for i in items))
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
    parser.add_argument(
        "--labels",
        type=Path,
        nargs="*",
        default=SETS,
    )
    parser.add_argument(
        "--src", type=Path, action="append", help="snapshot roots (default: .work/src, .work/labelled)"
    )
    parser.add_argument(
        "--extract-from", type=Path, help="a folder of git repositories <owner>+<name>[/repo]"
    )
    parser.add_argument("--needs", action="store_true", help="print the repositories and commits needed")
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args()
    sets = {SET_NAMES.get(p.name, p.stem): load_labels(p) for p in args.labels if p.exists() or p not in SETS}
    everything = {k: v for labels in sets.values() for k, v in labels.items()}
    repos = needs(everything)
    if args.needs:
        print("\n".join(f"{repo} {commit}" for repo, commit in repos.items()))
        return
    if args.extract_from:
        extract(everything, args.extract_from)
    roots = args.src or [SRC, LABELLED]
    section = render({name: score(labels, roots) for name, labels in sets.items()}, repos)
    print(section)
    if not args.no_write:
        write_section(section)


if __name__ == "__main__":
    main()
