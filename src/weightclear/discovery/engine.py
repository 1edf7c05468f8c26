"""The multi-pattern engine: which of many patterns occur in a block of bytes.

Hyperscan (the ``hyperscan`` wheel, Vectorscan inside) in block mode, every
pattern caseless with ``HS_FLAG_SINGLEMATCH``: one scan of a file says which
patterns occur and nothing more, at about ripgrep's speed (performance notes
§4 and §8). The compiled database is kept in the user cache, keyed by the
patterns, so a scan does not compile it again. Where Hyperscan cannot be
imported, ``re`` per pattern on the lower-cased bytes gives the same ids.
"""

from __future__ import annotations

import contextlib
import hashlib
import platform
import re
import threading
from collections.abc import Sequence
from typing import Any

from weightclear import cache

hyperscan: Any
try:  # the wheel exists for x86_64 Linux; elsewhere the `re` fallback runs
    import hyperscan
except ImportError:  # pragma: no cover - exercised where the wheel is absent
    hyperscan = None

_KEEP_DATABASES = 4  # compiled pattern sets kept in the user cache


class MultiPattern:
    """Which patterns occur in a block of bytes: Hyperscan when available, else ``re``."""

    def __init__(self, regexes: Sequence[str], *, use_hyperscan: bool = True) -> None:
        self.regexes = tuple(regexes)
        self._lower = [re.compile(r.encode()) for r in self.regexes]
        self._local = threading.local()
        self._db: Any = None
        if use_hyperscan and hyperscan is not None:
            self._db = _database([r.encode() for r in self.regexes])

    @property
    def engine(self) -> str:
        """'hyperscan' or 're': which first pass runs."""
        return "hyperscan" if self._db is not None else "re"

    def hits(self, data: bytes) -> list[int]:
        """Ids of the patterns that match somewhere in ``data`` (caseless)."""
        if self._db is None:
            lower = data.lower()
            return [i for i, rx in enumerate(self._lower) if rx.search(lower)]
        found: list[int] = []
        self._db.scan(data, match_event_handler=_on_match, context=found, scratch=self._scratch())
        return found

    def finditer(self, pattern_id: int, lower: bytes) -> list[tuple[int, int]]:
        """Every (start, end) of one pattern in lower-cased bytes."""
        return [m.span() for m in self._lower[pattern_id].finditer(lower)]

    def _scratch(self) -> Any:
        # Hyperscan scratch space is per thread (--jobs runs worker threads).
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = hyperscan.Scratch(self._db)
            self._local.scratch = scratch
        return scratch


def _database(expressions: list[bytes]) -> Any:
    """The compiled database: from the user cache when these patterns were compiled before."""
    flags = hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH
    version = str(getattr(hyperscan, "__version__", "")).encode()
    key = hashlib.sha256(
        b"\0".join([version, str(flags).encode(), platform.machine().encode(), *expressions])
    )
    name = f"hyperscan-{key.hexdigest()[:32]}.db"
    blob = cache.read(name)
    if blob is not None:
        with contextlib.suppress(Exception):  # truncated, or built for another CPU: compile
            return hyperscan.loadb(blob, hyperscan.HS_MODE_BLOCK)
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=expressions,
        ids=list(range(len(expressions))),
        elements=len(expressions),
        flags=[flags] * len(expressions),
    )
    cache.store(name, hyperscan.dumpb(db), family="hyperscan-*.db", keep=_KEEP_DATABASES)
    return db


def _on_match(pattern_id: int, start: int, end: int, flags: int, context: list[int]) -> None:
    context.append(pattern_id)
