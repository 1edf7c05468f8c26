"""Licence-text normalisation, shingle hashing and section splitting.

Shared by the identifier (``licence_text``) and the script that builds the
shipped fingerprints (``scripts/build_fingerprints.py``): both sides must turn a
text into exactly the same numbers, so everything that decides a hash lives here.

The normal form keeps only ASCII words, lower case, separated by one space.
Formatting that copies of one licence differ in (Markdown markup and escapes,
line wrapping, CRLF, smart quotes, ``(c)`` vs ``©``, hyphenation breaks such as
"royalty- free") therefore disappears, and every URL or e-mail address becomes
the single word ``urltoken``, so old and new addresses of one text agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SHINGLE = 5  # words per shingle; 5 keeps a one-word edit visible in 5 shingles
URL_TOKEN = "urltoken"

# Smart quotes, dashes and the copyright sign that NFKC leaves alone. The tokeniser drops
# punctuation anyway; mapping first keeps "(c)" and "©" the same word.
_PUNCT = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a9", "(c)"))
# Escapes left by YAML double-quoted strings (a licence pasted into `extra_gated_prompt`)
# and Markdown backslash escapes (`1\.`): without this "\nLlama" would become the word "nllama".
_ESCAPES = re.compile(r"\\u([0-9a-fA-F]{4})|\\[nrt]|\\(?=[^A-Za-z0-9\s])")
_EDGE = ".,;:!?\"'()[]*_`<>"
_PART = re.compile(r"[a-z0-9]+")
# A bare host such as llama.meta.com (addresses with a scheme, www. or @ are caught before).
_HOST = re.compile(r"[a-z0-9-]\.(?:com|org|net|ai|dev|io|ae|co|cn)\b")
_MASK = (1 << 64) - 1
_P = 0x100000001B3  # FNV prime: odd, so multiplying by it loses no bits modulo 2**64
_WORD_HASHES: dict[str, int] = {}
_CACHE_LIMIT = 200_000  # distinct words; licences use a few thousand


def _parts(chunk: str) -> list[str]:
    """A whitespace-separated chunk as words: an address becomes URL_TOKEN, else its alphanumeric runs."""
    if "://" in chunk or "www." in chunk or "@" in chunk or ("." in chunk and _HOST.search(chunk)):
        return [URL_TOKEN]
    return _PART.findall(chunk)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code:
        return chr(int(code, 16))
    return " " if len(match.group(0)) == 2 and match.group(0)[1] in "nrt" else ""  # else a Markdown escape


def words(text: str) -> list[str]:
    """The normalised words of ``text`` (see the module docstring)."""
    if "\\" in text:
        text = _ESCAPES.sub(_unescape, text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        for old, new in _PUNCT:
            text = text.replace(old, new)
    ascii_only = text.isascii()
    out: list[str] = []
    for chunk in text.lower().split():
        # Most chunks are plain words: keep the fast path free of regular expressions.
        if not chunk.isalnum():
            chunk = chunk.strip(_EDGE)  # "agreement," and "(“policy”)" are plain words too
        if chunk.isalnum() and (ascii_only or chunk.isascii()):
            out.append(chunk)
            continue
        for part in _parts(chunk):
            # A Markdown link `[url](url)` names the address twice where plain text names it once.
            if part != URL_TOKEN or not out or out[-1] != URL_TOKEN:
                out.append(part)
    return out


def normalise(text: str) -> str:
    """The normal form of ``text``: its normalised words joined by single spaces (idempotent)."""
    return " ".join(words(text))


def hash64(text: str) -> int:
    """A stable 64-bit hash (blake2b) of an already normalised string."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _word_hashes(tokens: list[str]) -> npt.NDArray[np.uint64]:
    cache = _WORD_HASHES
    missing = {w: hash64(w) for w in set(tokens).difference(cache)}
    lookup: Callable[[str], int] = cache.__getitem__
    if missing and len(cache) < _CACHE_LIMIT:
        cache.update(missing)
    elif missing:
        # The cache is full (random input): look up both, and never clear a dict that
        # another thread may be reading.
        def lookup(w: str) -> int:
            h = cache.get(w)
            return missing[w] if h is None else h

    return np.fromiter(map(lookup, tokens), dtype=np.uint64, count=len(tokens))


def shingle_array(tokens: list[str]) -> npt.NDArray[np.uint64]:
    """The hash of every run of SHINGLE consecutive words, in order (one per start position).

    Each word is hashed once (blake2b, cached); a shingle's hash is the polynomial
    sum of its words' hashes modulo 2**64, computed for all positions at once.
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    values = _word_hashes(tokens)
    if len(values) < SHINGLE:
        values = np.concatenate([values, np.zeros(SHINGLE - len(values), dtype=np.uint64)])
    n = len(values) - SHINGLE + 1
    out = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            out = out * np.uint64(_P) + values[k : k + n]
    return out


def shingles(tokens: list[str]) -> list[int]:
    """:func:`shingle_array` as Python ints."""
    return [int(h) for h in shingle_array(tokens).tolist()]


@dataclass(frozen=True, kw_only=True)
class Section:
    """One numbered section of a text: its label (``1.b.v``) and normalised words."""

    label: str
    words: tuple[str, ...]


# A numbered heading at the start of a line, once Markdown (`#`, `**`, `1\.`) is gone:
# "1.", "b.", "v.", "(a)", "12)". The marker decides the level (see _label).
_HEADING = re.compile(r"^[\s#*_>-]*\(?([0-9]{1,2}|[a-z]|[ivx]{1,5})\s*\\?[.)]\s")
_ROMAN = re.compile(r"^[ivx]+$")


def _is_roman(marker: str, last_letter: str) -> bool:
    # "i" after "h" is a letter, "i" after "b" starts roman numbering; "v" after "u" likewise.
    if not _ROMAN.match(marker):
        return False
    return len(marker) > 1 or not last_letter or ord(marker) != ord(last_letter) + 1


def split_sections(text: str) -> list[Section]:
    """Split ``text`` at its numbered headings into labelled sections.

    Labels are built hierarchically (``1``, ``1.b``, ``1.b.v``); the text before
    the first heading is the section ``preamble``. Empty sections are dropped.
    """
    sections: list[Section] = []
    label, current = "preamble", list[str]()
    number, letter = "", ""
    for line in text.splitlines():
        match = _HEADING.match(line.lower())
        if match:
            if current:
                sections.append(Section(label=label, words=tuple(current)))
            marker = match.group(1)
            if marker.isdigit():
                number, letter, label = marker, "", marker
            elif _is_roman(marker, letter):
                label = ".".join(p for p in (number, letter, marker) if p)
            else:
                letter, label = marker, ".".join(p for p in (number, marker) if p)
            current = []
        current.extend(words(line))
    if current:
        sections.append(Section(label=label, words=tuple(current)))
    return _unique_labels(sections)


def _unique_labels(sections: list[Section]) -> list[Section]:
    # Some texts restart their numbering (Llama 3.2, the AUPs); keep labels unique by suffixing.
    seen: dict[str, int] = {}
    out = []
    for s in sections:
        n = seen.get(s.label, 0)
        seen[s.label] = n + 1
        out.append(s if n == 0 else Section(label=f"{s.label}#{n + 1}", words=s.words))
    return out
