"""AttributionScanner: display strings such as ``Built with Llama`` on product surfaces.

The strings come from the knowledge base (every licence's attribution text,
its alternatives, and the fixed part of a derivative statement), so a new
licence needs no code here. They are found through markup: HTML and JSX/TSX
tags, JSX ``{" "}`` spacers, ``&nbsp;``, Markdown emphasis and i18n JSON
values, so ``Built with <b>Llama</b>`` counts. Near misses (``Built with
Meta Llama 3`` where ``Built with Llama`` is due, other capitals, another
verb before a known brand) are reported as written, so the rule can tell a
wrong text from a missing one. Files that hold none of the verbs (any case)
are rejected by a few substring tests before any regex runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from weightclear.discovery.base import NOTHING, FileContext, FileFindings
from weightclear.model import Attribution, Location

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

#: surfaces users read: web pages, app UI sources, docs, i18n bundles
SURFACE_SUFFIXES = frozenset(
    ".html .htm .xhtml .jsx .tsx .js .mjs .ts .vue .svelte .astro .md .mdx .markdown .rst .txt .adoc "  # noqa: SIM905
    ".json .yaml .yml .po .properties .strings .xml .xib .storyboard .erb .hbs .ejs .njk .j2 .jinja "
    ".liquid .php .swift .kt .java .dart".split()
)
MAX_BYTES = 4 << 20  # a surface larger than this is a bundle or data dump, not a page

# Between two words of a display string: whitespace, tags, entities, JSX spacers, Markdown emphasis.
_SEP = r"""(?:\s|&nbsp;|&#160;|<[^<>]{0,300}>|\{\s*(?:"\s*"|'\s*'|`\s*`)?\s*\}|[*_~])+"""
_SEP_RE = re.compile(_SEP)
_VERBS = ("built", "powered", "improved")
_PREPS = ("with", "by", "on", "using")
_LEAD = 160  # characters of the same line kept before a derivative statement


@dataclass(frozen=True)
class _Patterns:
    exact: tuple[re.Pattern[str], ...]
    near: re.Pattern[str] | None
    statements: tuple[re.Pattern[str], ...]
    prefilter: tuple[bytes, ...]
    #: per exact pattern, the verb every match of it starts with (None: not a verb)
    leads: tuple[str | None, ...] = ()
    #: per statement, a verb it holds (None: none)
    statement_leads: tuple[str | None, ...] = ()
    #: per statement, the part from that verb on: a statement can only match where this matches at a verb
    statement_tails: tuple[re.Pattern[str] | None, ...] = ()


def _words(text: str) -> str:
    return _SEP.join(re.escape(w) for w in text.split())


def _display_strings(kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    displays: list[str] = []
    statements: list[str] = []
    for terms in kb.licences.values():
        if terms.attribution:
            displays += [terms.attribution.text, *terms.attribution.alternatives]
        statement = terms.redistribution.derivative_statement if terms.redistribution else None
        if statement:
            statements.append(" ".join(re.sub(r"^.*\]", "", statement).split()))
    return sorted(set(displays)), sorted(set(statements))


def _anchor(text: str) -> str:
    """The word every match of ``text`` contains, lower case: its verb, else its longest word.

    The verb, not the first word: a statement begins with "is", which every file holds.
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]
    verbs = [w for w in words if w in _VERBS]
    return verbs[0] if verbs else max(words, key=len, default="")


@cache
def _compile(digest: str, displays: tuple[str, ...], statements: tuple[str, ...]) -> _Patterns:
    del digest  # part of the cache key only: a new knowledge base compiles anew
    exact = tuple(re.compile(_words(d), re.IGNORECASE) for d in displays)
    brands = sorted(
        {w.lower() for d in displays for w in re.findall(r"[A-Za-z]{4,}", " ".join(d.split()[2:]))}
    )
    near = None
    if brands:
        verb, prep, brand = "|".join(_VERBS), "|".join(_PREPS), "|".join(map(re.escape, brands))
        tail = rf"(?:{_SEP}(?i:{brand}|AI|v?\d[\d.]*)\b){{0,2}}"
        # Words between the verb and the brand must be capitalised ("Meta"), so prose such as
        # "built with the llama-index package" is no near miss; nor are llama.cpp and llama-index.
        near = re.compile(
            rf"\b(?i:{verb}){_SEP}(?i:{prep}){_SEP}(?:[A-Z][A-Za-z]*{_SEP}){{0,2}}?(?i:{brand})\b"
            rf"(?![-.](?:index|cpp)\b){tail}"
        )
    # Anchored on the statement's own words; up to _LEAD characters of its line before it are
    # added in Python (see _statement_matches), not by a leading `[^\n]{0,160}?` that made the
    # regex engine try 160 gaps at every position of every file.
    stmts = tuple(re.compile(_words(s), re.IGNORECASE) for s in statements)
    prefilter = tuple(
        sorted({w.encode() for w in _VERBS} | {_anchor(t).encode() for t in (*displays, *statements)})
    )
    leads = tuple(d.split()[0].lower() if d.split()[0].lower() in _VERBS else None for d in displays)
    statement_leads = tuple(v if (v := _anchor(t)) in _VERBS else None for t in statements)
    statement_tails = tuple(_tail(t, lead) for t, lead in zip(statements, statement_leads, strict=True))
    return _Patterns(
        exact=exact,
        near=near,
        statements=stmts,
        prefilter=prefilter,
        leads=leads,
        statement_leads=statement_leads,
        statement_tails=statement_tails,
    )


def _tail(statement: str, lead: str | None) -> re.Pattern[str] | None:
    """The statement's pattern from its verb on (the words after "is"), or None without a verb."""
    words = statement.split()
    lowered = [w.lower() for w in words]
    if lead is None or lead not in lowered:
        return None
    return re.compile(_words(" ".join(words[lowered.index(lead) :])), re.IGNORECASE)


_last: list[tuple[KnowledgeBase, _Patterns]] = []  # the last knowledge base seen: scan() runs per file


def patterns(kb: KnowledgeBase) -> _Patterns:
    """The compiled patterns for ``kb`` (once per knowledge digest)."""
    if _last and _last[0][0] is kb:
        return _last[0][1]
    displays, statements = _display_strings(kb)
    compiled = _compile(kb.digest, tuple(displays), tuple(statements))
    _last[:] = [(kb, compiled)]
    return compiled


def _statement_matches(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Spans of ``[^\\n]{0,_LEAD}?`` + ``regex``, found from the anchored ``regex`` alone.

    The leftmost match of the lazy lead starts at the latest of: the previous match's
    end, the statement's line start, and ``_LEAD`` characters before the statement.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    while (match := regex.search(text, pos)) is not None:
        hit = match.start()
        start = max(pos, text.rfind("\n", 0, hit) + 1, hit - _LEAD)
        spans.append((start, match.end()))
        pos = match.end()
    return spans


def _matches_at(regex: re.Pattern[str], text: str, starts: list[int]) -> list[tuple[int, int]]:
    """What ``regex.finditer(text)`` finds when no match can start outside ``starts`` (sorted)."""
    spans: list[tuple[int, int]] = []
    end = 0
    for start in starts:
        if start >= end and (match := regex.match(text, start)) is not None:
            spans.append((start, match.end()))
            end = match.end()
    return spans


_VERB_RE = re.compile("|".join(f"({re.escape(v)})" for v in _VERBS), re.IGNORECASE)


def _verb_offsets(text: str) -> dict[str, list[int]]:
    """Where each verb starts in ``text``, in the IGNORECASE sense of the patterns.

    str.find on the text lowered with the same offsets: dotless and dotted I first become I,
    as the regex engine's case rules have them, and İ is the only letter lower() expands.
    Where lengths still differ, one regex pass with the patterns' own case rules (the verbs
    cannot overlap one another, so non-overlapping matches find them all).
    """
    offsets: dict[str, list[int]] = {verb: [] for verb in _VERBS}
    lowered = text.lower() if text.isascii() else text.replace("\u0131", "I").replace("\u0130", "I").lower()
    if len(lowered) != len(text):
        for match in _VERB_RE.finditer(text):
            offsets[_VERBS[(match.lastindex or 1) - 1]].append(match.start())
        return offsets
    for verb in _VERBS:
        found = offsets[verb] = []
        at = lowered.find(verb)
        while at >= 0:
            found.append(at)
            at = lowered.find(verb, at + 1)
    return offsets


def _spans(compiled: _Patterns, text: str) -> list[tuple[int, int]]:
    """Spans of every display string, near miss and statement in ``text``.

    A pattern that starts with a verb is only tried where the verb is (a few regex
    matches instead of a pass per pattern over the file).
    """
    at = _verb_offsets(text)
    spans: list[tuple[int, int]] = []
    for regex, lead in zip(compiled.exact, compiled.leads or (None,) * len(compiled.exact), strict=True):
        if lead is not None:
            spans += _matches_at(regex, text, at[lead])
        else:
            spans += [(m.start(), m.end()) for m in regex.finditer(text)]
    if compiled.near is not None:  # it starts with one of the verbs
        spans += _matches_at(compiled.near, text, sorted(o for offs in at.values() for o in offs))
    tails = compiled.statement_tails or (None,) * len(compiled.statements)
    for regex, lead, tail in zip(compiled.statements, compiled.statement_leads, tails, strict=True):
        # A statement holding a verb needs that verb in the file, and its words from the verb on
        # right there: a few anchored matches rule out the whole-file search on most files.
        if lead is None or (at[lead] and (tail is None or any(tail.match(text, o) for o in at[lead]))):
            spans += _statement_matches(regex, text)
    return spans


def _clean(text: str) -> str:
    return " ".join(_SEP_RE.sub(" ", text).split())


class AttributionScanner:
    """Reports every display string (exact or near miss) with its line."""

    name = "attribution"

    def wants(self, rel_path: str, size: int) -> bool:
        """Text surfaces users read, by suffix and size."""
        dot = rel_path.rfind(".")
        return size <= MAX_BYTES and dot > rel_path.rfind("/") and rel_path[dot:].lower() in SURFACE_SUFFIXES

    def prefilter(self, kb: KnowledgeBase) -> tuple[str, ...]:
        """The words every display string or statement holds (its verb), for discover's one pass."""
        return tuple(re.escape(word.decode()) for word in patterns(kb).prefilter)

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """Find display strings; costs a few substring tests on files without any."""
        data = ctx.data
        if not data:
            return NOTHING
        lowered = data.lower()  # one C pass; the words are ASCII, so bytes.lower is case-folding enough
        hits = [i for i, word in enumerate(patterns(kb).prefilter) if word in lowered]
        return self.scan_bytes(ctx.rel_path, ctx.size, data, kb, hits)

    def scan_bytes(
        self, rel_path: str, size: int, data: bytes | None, kb: KnowledgeBase, hits: Sequence[int]
    ) -> FileFindings:
        """The same as scan() given which prefilter words occur (none: nothing to do)."""
        del size
        if not hits or not data:
            return NOTHING
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return NOTHING
        found: dict[tuple[int, str], Attribution] = {}
        for start, end in _spans(patterns(kb), text):
            line = text.count("\n", 0, start) + 1
            column = start - text.rfind("\n", 0, start)
            cleaned = _clean(text[start:end])
            location = Location(path=rel_path, line=line, column=column)
            found.setdefault((start, cleaned), Attribution(location=location, text=cleaned))
        if not found:
            return NOTHING
        return FileFindings(attributions=tuple(found[k] for k in sorted(found)))
