"""Regenerate the shipped licence fingerprints from the reference corpus (``make fingerprints``).

Reads every text in ``../shared/corpus/licences/<id>/`` (or the folder given as the
first argument) and writes ``src/weightclear/knowledge/data/fingerprints/licences.json``:
numbers only (shingle hashes, per-section hashes, lengths, kinds), never text.
The output is deterministic, so running the script again yields the same bytes
(``tests/licence_text/test_fingerprints.py`` checks the committed file).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from weightclear.discovery.licence_fingerprints import FORMAT, exact_digest, reference_record
from weightclear.discovery.licence_normalise import split_sections, words

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "licences"
OUTPUT = REPO / "src" / "weightclear" / "knowledge" / "data" / "fingerprints" / "licences.json"

# Code Llama ships under the Llama 2 licence and policy, so its texts identify as llama-2.
ID_ALIASES = {"code-llama": "llama-2"}
POINTER_WORDS = 30  # a file this short is a pointer to another text, matched exactly
_POLICY_NAME = re.compile(r"use.?polic|acceptable|prohibited|usage.?polic|-pup-", re.IGNORECASE)


def kind_of(folder: str, name: str) -> str:
    """``use-policy`` for AUP / use policy / prohibited use / usage policy files, else ``agreement``."""
    return "use-policy" if _POLICY_NAME.search(name) or "prohibited-use" in folder else "agreement"


def split_appended_policy(text: str) -> tuple[str, str]:
    """Split a licence whose acceptable use policy is appended (the Llama 3 LICENSE) in two.

    The policy starts at the first line after the start that is a short title ending
    in "acceptable use policy" (such as "Meta Llama 3 Acceptable Use Policy").
    """
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines[1:], start=1):
        w = words(line)
        if 3 <= len(w) <= 8 and w[-3:] == ["acceptable", "use", "policy"]:
            return "".join(lines[:i]), "".join(lines[i:])
    return text, ""


def records(corpus: Path) -> dict[str, Any]:
    """The fingerprint document for every text under ``corpus``."""
    refs: list[dict[str, Any]] = []
    exact: list[dict[str, Any]] = []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != "SOURCES.md"):
        folder = path.parent.name
        licence_id = ID_ALIASES.get(folder, folder)
        kind = kind_of(folder, path.name)
        source = f"{folder}/{path.name}"
        text = path.read_text(encoding="utf-8")
        if len(words(text)) < POINTER_WORDS and folder in ID_ALIASES:
            exact.append({"id": licence_id, "kind": kind, "source": source, "digest": exact_digest(text)})
            continue
        head, policy = split_appended_policy(text) if kind == "agreement" else (text, "")
        refs.append(reference_record(split_sections(head), licence_id=licence_id, kind=kind, source=source))
        if policy:
            sections = split_sections(policy)
            refs.append(
                reference_record(
                    sections, licence_id=licence_id, kind="use-policy", source=f"{source}#policy"
                )
            )
    return {"format": FORMAT, "references": refs, "exact": exact}


def render(document: dict[str, Any]) -> str:
    """The fingerprint document as the exact text written to disk (sorted keys, one value per line)."""
    return json.dumps(document, indent=0, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    """Write the fingerprints; the optional argument is the corpus folder."""
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"corpus folder not found: {corpus}", file=sys.stderr)
        return 2
    document = records(corpus)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render(document), encoding="utf-8")
    print(f"{len(document['references'])} references, {len(document['exact'])} pointers -> {OUTPUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
