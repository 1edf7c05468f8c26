"""The dashboard's figures kept in memory, served at once and refreshed in the background.

Every write to the registry extends the audit chain, so the chain's length
(``seq``) is an exact version number of its contents. A worker serves the
figures it holds without touching the database; when they are older than
``MAX_AGE`` seconds, the first reader starts one background check (one
indexed query) that renews them if the chain has not moved, else recomputes
them (stale-while-revalidate, single flight). So a write made elsewhere (another
worker, another replica, a CI push) shows within about ``MAX_AGE`` seconds
plus one recompute, and a burst of pushes costs at most one recompute per
``MAX_AGE``, whatever the number of readers.

A write of a person through this worker (see ``InvalidateOnWrite``) marks the
figures dirty: the next reader waits for fresh ones, so a reviewer sees their
own approval at once. The cache is never a source of truth: replicas stay
stateless and agree with the database within the bound.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, replace

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from weightclear.knowledge import KnowledgeBase
from weightclear.registry.repo import Registry
from weightclear.server import queries
from weightclear.server.pages.dashboard import Dashboard, compute

MAX_AGE = 2.0  # seconds: the bound on how old served figures may be (plus one recompute)
HTML_MAX = 256  # rendered pages kept (one per viewer and figures)
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    seq: int  # the audit chain's length the figures include, at least
    checked: float  # time.monotonic() of the last check against the database
    generation: int  # bumped on every recompute (keys the rendered pages)
    figures: Dashboard


class Figures:
    """One worker's dashboard figures, their freshness, and the pages rendered from them."""

    def __init__(self, reg: Registry, kb: KnowledgeBase, max_age: float = MAX_AGE) -> None:
        self._reg, self._kb, self.max_age = reg, kb, max_age
        self._snap: Snapshot | None = None
        self._dirty = False
        self._refreshing = False
        self._flag = threading.Lock()  # guards _refreshing and the page LRU
        self._compute = threading.Lock()  # single flight: one check or recompute at a time
        self._pages: OrderedDict[tuple[int, Hashable], bytes] = OrderedDict()

    def invalidate(self) -> None:
        """A write went through this worker: the next reader waits for fresh figures."""
        self._dirty = True

    def ready(self, min_seq: int = 0) -> Snapshot | None:
        """The figures to serve without waiting, or None when the caller must call ``fresh``.

        ``min_seq`` is an audit length the reader knows to exist (its own write,
        possibly through another worker): figures older than it are not served.
        """
        snap = self._snap
        if snap is None or self._dirty or snap.seq < min_seq:
            return None
        if time.monotonic() - snap.checked > self.max_age:
            self._revalidate_in_background()
        return snap

    def fresh(self) -> Snapshot:
        """Figures checked against the database now (blocking: call from a worker thread)."""
        started = time.monotonic()
        with self._compute:
            snap = self._snap
            if snap is not None and not self._dirty and snap.checked >= started:
                return snap  # another thread checked while this one waited
            return self._revalidate()

    def page(self, snap: Snapshot, viewer: Hashable) -> bytes | None:
        """The page rendered for ``viewer`` from these figures, if kept."""
        key = (snap.generation, viewer)
        with self._flag:
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
            return found

    def keep_page(self, snap: Snapshot, viewer: Hashable, html: bytes) -> None:
        """Keep a rendered page (least recently used pages go first)."""
        with self._flag:
            self._pages[(snap.generation, viewer)] = html
            while len(self._pages) > HTML_MAX:
                self._pages.popitem(last=False)

    def _revalidate(self) -> Snapshot:
        # Caller holds _compute. Clearing the flag before reading means a write
        # landing during the recompute marks the figures dirty again.
        dirty, self._dirty = self._dirty, False
        try:
            seq = queries.audit_seq(self._reg)
            snap = self._snap
            if snap is not None and not dirty and seq == snap.seq:
                snap = replace(snap, checked=time.monotonic())
            else:
                generation = snap.generation + 1 if snap else 1
                snap = Snapshot(seq, time.monotonic(), generation, compute(self._reg, self._kb))
        except BaseException:
            self._dirty = True  # the next reader retries and sees the error itself
            raise
        self._snap = snap
        return snap

    def _revalidate_in_background(self) -> None:
        with self._flag:
            if self._refreshing:
                return
            self._refreshing = True
        threading.Thread(target=self._background, name="dashboard-refresh", daemon=True).start()

    def _background(self) -> None:
        try:
            with self._compute:
                self._revalidate()
        except Exception:  # the database is away: readers recompute and report it themselves
            _log.exception("dashboard refresh failed")
        finally:
            with self._flag:
                self._refreshing = False


# Writes that invalidate at once: every successful non-read request except CI's
# scan pushes, which arrive in bursts from robots and show within MAX_AGE.
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
_BULK_WRITES = frozenset({"/api/v1/scans"})


class InvalidateOnWrite:
    """ASGI middleware: a successful write through this worker marks the dashboard figures dirty."""

    def __init__(self, app: ASGIApp, *, figures: Figures) -> None:
        self.app = app
        self.figures = figures

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _SAFE or scope["path"] in _BULK_WRITES:
            await self.app(scope, receive, send)
            return

        async def watch(message: Message) -> None:
            # The handler has finished (its transaction committed) when the response starts.
            if message["type"] == "http.response.start" and message["status"] < 400:
                self.figures.invalidate()
            await send(message)

        await self.app(scope, receive, watch)
