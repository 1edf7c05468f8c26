"""Licence-text identification: which official licence or use policy a text is, and what was edited.

How it works (``docs/licence-identification.md`` has the long form):

1. The text is normalised (``licence_normalise``): formatting differences vanish and
   URLs become one word.
2. Its 5-word shingles are hashed and looked up in the shipped fingerprints; each
   reference text scores the share of its (sampled) shingles found in the input.
   Containment, not similarity, so a header, a footer or a whole model card around
   the licence does not lower the score.
3. For each kind (agreement, use policy) the best reference at or above
   :data:`THRESHOLD` wins. References scoring within :data:`TIE_MARGIN` of the best are
   compared by how many of their sections match exactly: the title, date and
   version-name sections are what separate Llama 3.1, 3.2 and 3.3.
4. ``modified_sections`` lists the sections of the winning reference whose
   normalised words are not found unchanged, in order, in the input.

A text that matches nothing well enough is ``unknown``; nothing is forced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from weightclear.model import LicenceFile, LicenceFileKind, Location

if TYPE_CHECKING:  # numpy and the fingerprints load on the first identification, not at start-up
    import numpy as np
    import numpy.typing as npt

    from weightclear.discovery.licence_fingerprints import Fingerprints, Reference

UNKNOWN = "unknown"
THRESHOLD = 0.8  # share of a reference's shingles that must be present; Apache-2.0 reaches 0.72 of Falcon 2
TIE_MARGIN = 0.08  # candidates this close to the best are separated by exact section matches
POINTER_CHARS = 1000  # pointer files are one line; longer texts skip the exact-hash check
MAX_BYTES = 4 * 1024 * 1024  # a licence or model card is far smaller; more is read no further

_CANDIDATE = re.compile(
    r"^(?:.*licen[cs]e.*|copying.*|.*use[_-]?polic.*|.*usage[_-]?polic.*|.*acceptable.*use.*|.*terms[_-]of[_-]use.*)$",
    re.IGNORECASE,
)
# Source and data files named after licences (licence.py, license.json) are code, not texts.
_NOT_TEXT = re.compile(
    r"\.(?:py|pyc|js|ts|tsx|jsx|go|rs|java|c|h|cpp|rb|json|ya?ml|toml|cfg|ini|lock|sh)$", re.I
)
_MODEL_CARD = re.compile(r"^readme\.md$", re.IGNORECASE)
_POLICY_NAME = re.compile(r"use.?polic|acceptable|prohibited|usage.?polic", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Identification:
    """One licence or use-policy text recognised in an input (or ``unknown``, with the reason)."""

    licence_id: str
    kind: LicenceFileKind
    confidence: float
    modified_sections: tuple[str, ...] = ()
    reference: str = ""  # the corpus file the text matched best (folder/name)
    reason: str = ""


def is_licence_candidate(name: str) -> bool:
    """Whether a file called ``name`` may hold a licence or use-policy text.

    LICENSE*, LICENCE*, COPYING*, USE_POLICY*, *ACCEPTABLE*USE*, usage policies and
    ``README.md`` (a model card may carry the licence; :func:`identify_file` reads it
    only when it has YAML front matter). NOTICE files are not licences: they are
    handled by the notice scanner.
    """
    if _MODEL_CARD.match(name):
        return True
    if name.upper().startswith("NOTICE") or _NOT_TEXT.search(name):
        return False
    return bool(_CANDIDATE.match(name))


def identify_text(text: str) -> list[Identification]:
    """Every known licence or use-policy text in ``text``; ``[unknown]`` when there is none.

    At most one agreement and one use policy are reported (the Llama 3 LICENSE
    carries both); the agreement comes first.
    """
    from weightclear.discovery.licence_fingerprints import exact_digest, load
    from weightclear.discovery.licence_normalise import shingle_array, words

    prints = load()
    digest = exact_digest(text) if len(text) <= POINTER_CHARS else None
    for pointer in prints.exact:
        if pointer.digest == digest:
            reason = f"pointer to the {pointer.licence_id} text ({pointer.source})"
            return [_found(pointer.licence_id, pointer.kind, 1.0, (), pointer.source, reason)]
    tokens = words(text)
    hashes = shingle_array(tokens)
    scores = _scores(prints, hashes)
    found = []
    for kind in (LicenceFileKind.AGREEMENT, LicenceFileKind.USE_POLICY):
        match = _best(prints, scores, kind, tokens, hashes)
        if match is not None:
            found.append(match)
    return found or [_unknown(prints, scores)]


def _found(
    licence_id: str, kind: str, score: float, modified: tuple[str, ...], ref: str, reason: str
) -> Identification:
    return Identification(
        licence_id=licence_id,
        kind=LicenceFileKind(kind),
        confidence=round(score, 3),
        modified_sections=modified,
        reference=ref,
        reason=reason,
    )


def _scores(prints: Fingerprints, hashes: npt.NDArray[np.uint64]) -> dict[int, float]:
    import numpy as np  # here, not at start-up: most commands never identify a licence

    # Containment of every reference in the input at once: find the input's shingles among
    # the sorted reference shingles, then sum the owner rows of those found.
    known = prints.hashes
    if not len(hashes) or not len(known):
        return {}
    at = np.minimum(np.searchsorted(known, hashes), len(known) - 1)
    found = np.unique(at[known[at] == hashes])
    counts = prints.owners[found].sum(axis=0)
    share = counts / prints.sizes
    return {int(i): float(share[i]) for i in np.flatnonzero(counts)}


def _best(
    prints: Fingerprints,
    scores: dict[int, float],
    kind: str,
    tokens: list[str],
    hashes: npt.NDArray[np.uint64],
) -> Identification | None:
    ranked = sorted(
        ((s, i) for i, s in scores.items() if prints.references[i].kind == kind and s >= THRESHOLD),
        reverse=True,
    )
    if not ranked:
        return None
    top = ranked[0][0]
    best: tuple[float, float, int, tuple[str, ...]] | None = None
    for score, i in ranked:
        if score < top - TIE_MARGIN:
            break
        modified = modified_sections(prints.references[i], tokens, hashes)
        unchanged = 1 - len(modified) / max(1, len(prints.references[i].sections))
        if best is None or (unchanged, score) > (best[0], best[1]):
            best = (unchanged, score, i, modified)
        if not modified and score >= top:
            break  # an unchanged copy of the best-scoring text cannot be beaten
    assert best is not None  # ranked is not empty, and its first entry is within the margin
    _, score, i, modified = best
    ref = prints.references[i]
    reason = f"{score:.0%} of the {ref.licence_id} text found ({ref.source.split('#')[0]})"
    return _found(ref.licence_id, ref.kind, score, modified, ref.source, reason)


def _unknown(prints: Fingerprints, scores: dict[int, float]) -> Identification:
    if not scores or max(scores.values()) < 0.05:
        return Identification(
            licence_id=UNKNOWN, kind=LicenceFileKind.AGREEMENT, confidence=0.0, reason="no known licence text"
        )
    i = max(scores, key=lambda k: scores[k])
    ref = prints.references[i]
    reason = f"no known licence text; nearest is {ref.licence_id} with {scores[i]:.0%} of its text"
    return Identification(licence_id=UNKNOWN, kind=LicenceFileKind(ref.kind), confidence=0.0, reason=reason)


def modified_sections(ref: Reference, tokens: list[str], hashes: npt.NDArray[np.uint64]) -> tuple[str, ...]:
    """Labels of the sections of ``ref`` not found unchanged, in order, in ``tokens``.

    A section is located by the shingle at its start, searched after the previous
    section; it is unchanged when the words from there, for the section's length,
    hash to the stored value and the next section starts right after them.
    """
    import numpy as np

    from weightclear.discovery.licence_normalise import hash64

    anchors = np.unique(np.fromiter((s.anchor for s in ref.sections), dtype=np.uint64))
    at = np.minimum(np.searchsorted(anchors, hashes), len(anchors) - 1)
    where = np.flatnonzero(anchors[at] == hashes)
    positions: dict[int, list[int]] = {}
    for pos, h in zip(where.tolist(), hashes[where].tolist(), strict=True):
        positions.setdefault(h, []).append(pos)
    modified: list[str] = []
    cursor = 0
    expected_next: int | None = None
    previous = ""
    for section in ref.sections:
        start = _locate(positions, section.anchor, cursor)
        if start is None:
            modified.append(section.label)
            expected_next = None
            continue
        start += section.offset
        if expected_next is not None and start != expected_next and previous not in modified:
            modified.append(previous)  # words were inserted between the previous section and this one
        end = start + section.length
        if hash64(" ".join(tokens[start:end])) != section.digest:
            modified.append(section.label)
        cursor, expected_next, previous = max(cursor, start - section.offset + 1), end, section.label
    return tuple(sorted(set(modified), key=modified.index))


def _locate(positions: dict[int, list[int]], anchor: int, cursor: int) -> int | None:
    for pos in positions.get(anchor, ()):
        if pos >= cursor:
            return pos
    return None


def identify_path(path: Path) -> list[Identification]:
    """Identify the file at ``path``; unreadable, binary and non-UTF-8 files are ``unknown`` with a reason."""
    kind = LicenceFileKind.USE_POLICY if _POLICY_NAME.search(path.name) else LicenceFileKind.AGREEMENT
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES)
    except OSError as exc:
        return [
            Identification(
                licence_id=UNKNOWN, kind=kind, confidence=0.0, reason=f"cannot read: {exc.strerror}"
            )
        ]
    if b"\0" in data[:8192]:
        return [Identification(licence_id=UNKNOWN, kind=kind, confidence=0.0, reason="binary file")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [Identification(licence_id=UNKNOWN, kind=kind, confidence=0.0, reason="not UTF-8 text")]
    if _MODEL_CARD.match(path.name) and not _has_front_matter(text):
        return [
            Identification(
                licence_id=UNKNOWN, kind=kind, confidence=0.0, reason="README without front matter"
            )
        ]
    found = identify_text(text)
    if found[0].licence_id == UNKNOWN:
        return [Identification(licence_id=UNKNOWN, kind=kind, confidence=0.0, reason=found[0].reason)]
    return found


def _has_front_matter(text: str) -> bool:
    return text.startswith("---") and "\n---" in text[3:]


def identify_file(path: Path, display_path: str) -> list[LicenceFile]:
    """The licence files found in ``path``, reported at ``display_path``.

    Raises nothing: an unreadable file gives ``[]`` (the caller records the issue);
    a binary or non-UTF-8 candidate gives one ``unknown`` entry. A model card
    (README.md) is reported only when it holds a known text, since most hold none.
    """
    found = identify_path(path)
    if found[0].reason.startswith("cannot read"):
        return []
    if _MODEL_CARD.match(path.name) and found[0].licence_id == UNKNOWN:
        return []
    location = Location(path=display_path)
    return [
        LicenceFile(
            location=location,
            licence_id=f.licence_id,
            kind=f.kind,
            confidence=f.confidence,
            modified_sections=f.modified_sections,
        )
        for f in found
    ]
