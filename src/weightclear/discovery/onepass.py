"""One multi-pattern pass per file for every scanner that picks its files by content.

The text scanner's anchors (model families, organisations, catalogue aliases)
and the attribution scanner's verbs go into ONE Hyperscan database
(``HS_FLAG_SINGLEMATCH``, caseless, block mode; see text.MultiPattern), built
from what the scanners export when discover() starts, so a pattern another
module adds flows into the pass by itself. Each file's bytes are scanned once;
a file with no hit costs that scan and nothing more: no decode, no Path, no
FileContext (performance notes §4 and §8).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from weightclear.discovery.base import ContentScanner, Scanner
from weightclear.discovery.engine import MultiPattern

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase


class OnePass:
    """The combined database of the content scanners among ``scanners``, and how to split its hits."""

    def __init__(self, scanners: Sequence[Scanner], kb: KnowledgeBase) -> None:
        regexes: list[str] = []
        #: per scanner (same order): the ids of its patterns in the database, or None (not by content)
        self.ranges: tuple[range | None, ...]
        ranges: list[range | None] = []
        for scanner in scanners:
            if isinstance(scanner, ContentScanner):
                own = scanner.prefilter(kb)
                ranges.append(range(len(regexes), len(regexes) + len(own)))
                regexes += own
            else:
                ranges.append(None)
        self.ranges = tuple(ranges)
        self.engine = MultiPattern(regexes) if regexes else None
        self.scanners = tuple(scanners)

    def hits(self, data: bytes | None) -> list[int]:
        """Ids of every pattern (all scanners) that occurs in ``data``."""
        if not data or self.engine is None:
            return []
        return self.engine.hits(data)

    @staticmethod
    def own(ids: list[int], ids_of: range) -> list[int]:
        """The hits that belong to one scanner, as indexes into its own prefilter."""
        return [i - ids_of.start for i in ids if i in ids_of] if ids else []


_cache: list[tuple[tuple[Scanner, ...], KnowledgeBase, OnePass]] = []


def one_pass(scanners: Sequence[Scanner], kb: KnowledgeBase) -> OnePass:
    """The OnePass of these scanners and knowledge base (compiled once, reused chunk after chunk)."""
    key = tuple(scanners)
    for seen, seen_kb, built in _cache:
        if seen_kb is kb and len(seen) == len(key) and all(a is b for a, b in zip(seen, key, strict=True)):
            return built
    built = OnePass(key, kb)
    _cache[:] = [(key, kb, built)]
    return built
