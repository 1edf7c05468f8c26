"""The shipped licence fingerprints: numbers derived from the official texts, never the texts.

``knowledge/data/fingerprints/licences.json`` is written by
``scripts/build_fingerprints.py`` (``make fingerprints``) from the reference corpus.
Each reference text becomes a :class:`Reference`: its id and kind, a sample of its
5-word shingle hashes (for candidate selection), and per numbered section the hash
of the shingle where it starts, its length in words and the hash of its words (for
``modified_sections``). Tiny pointer files (Code Llama's "please refer to ...")
are kept as :class:`Exact` hashes of their whole text, URLs included, because a
two-shingle fingerprint would match any similar sentence.

Loading is lazy and cached: nothing is read until the first identification.
"""

from __future__ import annotations

import base64
import functools
import json
from array import array
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from weightclear.discovery.licence_normalise import SHINGLE, Section, hash64, shingles

FORMAT = 1
SAMPLE = 4  # keep 1 shingle in SAMPLE of long texts: a small file, still ~300 per licence
SHORT = 400  # texts under this many words keep every shingle
RESOURCE = ("knowledge", "data", "fingerprints", "licences.json")


@dataclass(frozen=True, kw_only=True)
class SectionPrint:
    """Where a section starts (a shingle hash and the offset into it), its length and hash."""

    label: str
    anchor: int
    offset: int
    length: int
    digest: int


@dataclass(frozen=True, kw_only=True)
class Reference:
    """One official text (or one part of a file, such as the AUP appended to the Llama 3 licence)."""

    licence_id: str
    kind: str
    source: str
    words: int
    shingles: frozenset[int]
    sections: tuple[SectionPrint, ...]


@dataclass(frozen=True, kw_only=True)
class Exact:
    """A pointer file identified by the hash of its whole whitespace-collapsed, lower-case text."""

    licence_id: str
    kind: str
    source: str
    digest: int


@dataclass(frozen=True, kw_only=True)
class Fingerprints:
    """Every reference plus an index from shingle hash to the references holding it."""

    references: tuple[Reference, ...]
    exact: tuple[Exact, ...]
    hashes: npt.NDArray[np.uint64]  # every distinct shingle hash of every reference, sorted
    owners: npt.NDArray[np.bool_]  # owners[k, i]: reference i holds hashes[k]
    sizes: npt.NDArray[np.float64]  # shingles per reference


def exact_digest(text: str) -> int:
    """The hash used for pointer files: lower case, whitespace collapsed, nothing else changed."""
    return hash64(" ".join(text.lower().split()))


def reference_record(sections: list[Section], *, licence_id: str, kind: str, source: str) -> dict[str, Any]:
    """The JSON record of one reference text, from its sections (see ``split_sections``)."""
    tokens = [w for s in sections for w in s.words]
    hashes = shingles(tokens)
    keep = sorted({h for h in hashes if len(tokens) < SHORT or h % SAMPLE == 0})
    return {
        "id": licence_id,
        "kind": kind,
        "source": source,
        "words": len(tokens),
        "shingles": base64.b64encode(array("Q", keep).tobytes()).decode("ascii"),
        "sections": _section_records(sections, hashes, len(tokens)),
    }


def _section_records(sections: list[Section], hashes: list[int], total: int) -> list[list[Any]]:
    out: list[list[Any]] = []
    start = 0
    for s in sections:
        # The anchor is the shingle at the section's start; near the end of the text it is
        # the last shingle, with an offset, so that short closing sections are located too.
        anchor_at = max(0, min(start, total - SHINGLE))
        out.append([s.label, hashes[anchor_at], start - anchor_at, len(s.words), hash64(" ".join(s.words))])
        start += len(s.words)
    return out


def parse(data: dict[str, Any]) -> Fingerprints:
    """Fingerprints from the decoded JSON document."""
    if data.get("format") != FORMAT:
        raise ValueError(f"fingerprint format {data.get('format')!r}, expected {FORMAT}")
    refs = tuple(_reference(r) for r in data["references"])
    exact = tuple(
        Exact(licence_id=e["id"], kind=e["kind"], source=e["source"], digest=e["digest"])
        for e in data["exact"]
    )
    hashes = np.array(sorted(set().union(*(r.shingles for r in refs))), dtype=np.uint64)
    owners = np.zeros((len(hashes), len(refs)), dtype=np.bool_)
    for i, ref in enumerate(refs):
        owners[np.searchsorted(hashes, np.array(sorted(ref.shingles), dtype=np.uint64)), i] = True
    sizes = np.array([max(1, len(r.shingles)) for r in refs], dtype=np.float64)
    return Fingerprints(references=refs, exact=exact, hashes=hashes, owners=owners, sizes=sizes)


def _reference(r: dict[str, Any]) -> Reference:
    values = array("Q")
    values.frombytes(base64.b64decode(r["shingles"]))
    sections = tuple(
        SectionPrint(label=s[0], anchor=s[1], offset=s[2], length=s[3], digest=s[4]) for s in r["sections"]
    )
    return Reference(
        licence_id=r["id"],
        kind=r["kind"],
        source=r["source"],
        words=r["words"],
        shingles=frozenset(values),
        sections=sections,
    )


@functools.cache
def load() -> Fingerprints:
    """The shipped fingerprints (read once, on first use)."""
    package = resources.files("weightclear")
    for part in RESOURCE:
        package = package / part
    return parse(json.loads(package.read_text(encoding="utf-8")))
