"""What each file gave the scanners, kept between scans of the same root (as ruff and mypy do).

A re-scan of a tree reads only the files that changed: every other file's findings come from the
previous scan. One cache file per scan root (``scan-<digest of the root>.pickle`` in the user cache,
weightclear.cache), loaded once and written atomically at the end. Two levels of keys:

- the whole file: weightclear's version and the code and data findings depend on (discovery, the
  knowledge base and its data, name resolution, the value types), the knowledge base digest and
  the scan's options (scanners, resolver, files left out of the text pass, read limit); any change
  and the file is ignored, then replaced;
- each entry: the file's path relative to the root, its size, modification and change times (ns)
  and inode. A file changed in the last RACY_NS before the previous scan started is read again: a
  write in the same clock tick as that scan's read would leave every stamp as it was (git's "racy"
  entries).

Only what one file alone gives is cached (discover()'s FileFindings of that file). What depends on
several files (model folders, lineage, deduplication, grouping) is recomputed from these per-file
facts on every scan. A cache that cannot be read or written never stops a scan: it is ignored with
a warning.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from weightclear import __version__, cache
from weightclear.discovery.base import FileFindings

_FORMAT = 1  # bump when the layout of a cache file changes
_KEEP_ROOTS = 32  # scan roots whose results are kept; the least recently scanned go first
_PACKAGE = Path(__file__).resolve().parents[1]
#: a file whose change time is this close to (or after) the previous scan's start is not trusted: file
#: times advance in clock ticks (a few ms), so a write just after that scan read it may keep its stamp
RACY_NS = 100_000_000

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Warn = Callable[[str], None]


class Scanned(NamedTuple):
    """What the scanners made of one file: counted in files_scanned, its bytes, what they found."""

    counted: bool
    nbytes: int
    findings: tuple[FileFindings, ...]
    cacheable: bool = True  # False when the file could not be read (it may be readable next time)


def stamp(path: str) -> Stamp | None:
    """The size, modification and change times and inode of ``path``, or None when it cannot be stat'ed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def stamps(paths: Sequence[str]) -> list[Stamp | None]:
    """``stamp()`` of every path, folder by folder: a stat relative to an open folder skips resolving
    the whole path again (about a third less time on a 40,000-file tree)."""
    if os.stat not in os.supports_dir_fd:
        return [stamp(path) for path in paths]
    found: list[Stamp | None] = [None] * len(paths)
    by_folder: dict[str, list[int]] = {}
    for index, path in enumerate(paths):
        by_folder.setdefault(os.path.dirname(path), []).append(index)
    for folder, indexes in by_folder.items():
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue  # left None: read and scanned again, which reports what is wrong
        try:
            for index in indexes:
                with contextlib.suppress(OSError):
                    st = os.stat(os.path.basename(paths[index]), dir_fd=fd)
                    found[index] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        finally:
            os.close(fd)
    return found


def warn_on_stderr(message: str) -> None:
    """The default warning: one line on stderr (the scan itself goes on)."""
    print(f"warning: {message}", file=sys.stderr, flush=True)


class ResultCache:
    """Per-file results of one scan root: read once at the start, written once at the end."""

    def __init__(self, root: Path, options: Iterable[str], warn: Warn = warn_on_stderr) -> None:
        self.name = f"scan-{_digest(os.fsencode(str(root.resolve())))[:32]}.pickle"
        self.key = _digest(_code_digest().encode(), *(o.encode() for o in options))
        self._warn = warn
        self._start = time.time_ns()
        self._trusted_before = 0  # change times before this are older than the previous scan's reads
        self._old: dict[str, tuple[Stamp, Scanned]] = self._load()
        self._new: dict[str, tuple[Stamp, Scanned]] = {}
        self._changed = False

    def get(self, rel: str, current: Stamp | None) -> Scanned | None:
        """The cached results of ``rel`` when its stamp is unchanged (and keep them for the next scan)."""
        if current is None or current[2] >= self._trusted_before:
            return None
        seen = self._old.get(rel)
        if seen is None or seen[0] != current:
            return None
        self._new[rel] = seen
        return seen[1]

    def put(self, rel: str, current: Stamp | None, scanned: Scanned) -> None:
        """Record what a fresh scan of ``rel`` gave (files that could not be read are not kept)."""
        if current is not None and scanned.cacheable:
            self._new[rel] = (current, scanned)
        self._changed = True

    def save(self) -> None:
        """Write the results of this scan (only the files it saw) when anything changed."""
        if not self._changed and len(self._new) == len(self._old):
            return
        blob = pickle.dumps((_FORMAT, self.key, self._start, self._new), protocol=pickle.HIGHEST_PROTOCOL)
        error = cache.store(self.name, blob, family="scan-*.pickle", keep=_KEEP_ROOTS)
        if error is not None:
            self._warn(
                f"result cache not written ({error.strerror or error}); the next scan reads every file"
            )

    def _load(self) -> dict[str, tuple[Stamp, Scanned]]:
        blob = cache.read(self.name)
        if blob is None:
            return {}
        try:
            with _no_gc():  # tens of thousands of small objects: the cyclic collector would run many times
                form, key, start, files = pickle.loads(blob)  # our own file; anything unexpected is ignored
        except Exception as exc:  # truncated or garbage: scan as if cold
            self._warn(f"result cache {self.name} unreadable ({type(exc).__name__}); ignored")
            return {}
        if form != _FORMAT or key != self.key or not isinstance(files, dict) or not isinstance(start, int):
            return {}  # other code, data or options: stale, replaced at the end
        self._trusted_before = start - RACY_NS
        return files


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector off for a block that allocates many objects and frees none."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.hexdigest()


_CODE: list[str] = []


#: what a file's findings are computed with: discovery, the layers below it, and the name resolution the
#: CLI hands the text scanner (weightclear.resolve); an edit elsewhere (the obligations, the outputs) never
#: changes a per-file finding, so it does not throw the results away
_CODE_PARTS = ("discovery", "knowledge", "resolve*.py", "model.py", "errors.py", "progress.py", "__init__.py")


def _code_digest() -> str:
    """A digest of the versions of weightclear and Python, and of the code and data findings depend on.

    Computed once per process; files are taken by path, size and modification time (a stat each, not a
    read), so a developer's edit never meets results computed by the code before it.
    """
    if not _CODE:
        files: set[Path] = set()
        for part in _CODE_PARTS:
            found = _PACKAGE / part
            files |= set(found.rglob("*.*")) if found.is_dir() else set(_PACKAGE.glob(part))
        parts = [__version__.encode(), sys.version.encode()]
        for path in sorted(files):
            if "__pycache__" not in path.parts:
                st = path.stat()
                parts.append(
                    f"{path.relative_to(_PACKAGE).as_posix()}:{st.st_size}:{st.st_mtime_ns}".encode()
                )
        _CODE.append(_digest(*parts))
    return _CODE[0]
