"""Files weightclear keeps between runs in the user's cache folder (compiled patterns, the checked knowledge
base). Every file is named by a digest of what it was made from, so a stale one is never read: it is only
pruned. A cache that cannot be read or written never stops a command.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

CACHE_ENV = "WEIGHTCLEAR_CACHE_DIR"


def user_cache_dir() -> Path | None:
    """Where weightclear keeps caches: $WEIGHTCLEAR_CACHE_DIR (empty: none), else the user cache folder."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    import platformdirs  # only when caching: it is not needed otherwise

    return Path(platformdirs.user_cache_dir("weightclear"))


def read(name: str) -> bytes | None:
    """The bytes of cache file ``name``, or None when caching is off or the file is absent or unreadable."""
    folder = user_cache_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def store(name: str, blob: bytes, *, family: str, keep: int = 1) -> OSError | None:
    """Write cache file ``name`` atomically, then keep only the ``keep`` newest files matching ``family``.

    Atomic (a temporary file renamed over it): a concurrent run reads the old file or the new one, never
    half of one. Returns the error when the folder cannot be written (None otherwise): callers that
    must say so (the scan's result cache warns) can, the others ignore it.
    """
    folder = user_cache_dir()
    if folder is None:
        return None
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as handle:
            temporary = handle.name
            handle.write(blob)
        os.replace(temporary, folder / name)
        temporary = None
        others = [p for p in folder.glob(family) if p.name != name]  # the file just written always stays
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in others[keep - 1 :]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return exc
    return None
