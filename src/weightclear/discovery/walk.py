"""List the files of a tree once (.gitignore rules, skipped folders, no symlink loops), and read them.

The walker only lists: no file is opened and no file stat'ed (d_type from
the directory entries says file or folder), so a 20,000-file tree lists in
a few tens of milliseconds. ``Opened`` opens a file, reads its first block and
knows its size (a stat only for files past that block); its ``read()`` takes
the rest, or nothing more when the block is binary and the caller wants text
alone. A file over the cap is never read past its first block. Folders are listed too (the HF cache
scanner looks at their names). What cannot be listed (unreadable folders,
broken links, symbolic link loops) becomes a ScanIssue.
"""

from __future__ import annotations

import errno
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pathspec

from weightclear.model import ScanIssue

#: folders never worth scanning: VCS data, installed dependencies, caches of our own tools, an IDE's
#: project files (`.idea/misc.xml` names the project, `Llama3.1_slack_bot`, never a model it runs)
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__", ".mypy_cache", ".pytest_cache",
     ".ruff_cache", ".tox", ".idea"}
)  # fmt: skip
SNIFF_BYTES = 8192  # a NUL byte in the first 8 KB marks binary content, as git and ripgrep decide
BLOCK_BYTES = 64 * 1024  # what a text-only read takes first; a binary file is read no further

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")  # pathspec names a group in every rule; names clash when joined
_ANY_DIR = "^(?:.+/)?"
_SUFFIXES = ("(?:(?P<ps_d>/)|$)", "(?P<ps_d>/)")


class Entry(NamedTuple):
    """One file to consider: absolute path and '/'-separated path relative to the root."""

    path: str
    rel: str


@dataclass
class Listing:
    """What the walk found."""

    files: list[Entry] = field(default_factory=list)
    dirs: list[str] = field(default_factory=list)  # relative paths of every folder walked
    issues: list[ScanIssue] = field(default_factory=list)


class Content(NamedTuple):
    """A file as read: its size, and its bytes unless over the cap (or only its first block)."""

    size: int
    data: bytes | None


def read(path: str, limit: int) -> Content:
    """Read a file whole when it is at most ``limit`` bytes; raises OSError when it cannot be read."""
    with Opened(path) as opened:
        return opened.read(limit)


class Opened:
    """A file open for reading, its size known before the scanners are asked (a context manager).

    Opening reads the first block (BLOCK_BYTES): a shorter result is the whole
    file and its size, so most files cost no stat; a larger file's size comes
    from the open descriptor. discover() asks the scanners about the path and
    that size, then ``read()`` takes only what they need: the whole file, or
    (``text_only``) the first block alone when that block is binary.
    """

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_RDONLY)
        try:
            self.head = os.read(self.fd, BLOCK_BYTES)
            self.size = len(self.head) if len(self.head) < BLOCK_BYTES else os.fstat(self.fd).st_size
        except OSError:
            os.close(self.fd)
            raise

    def __enter__(self) -> Opened:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def read(self, limit: int, *, text_only: bool = False) -> Content:
        """The file whole when at most ``limit`` bytes, else no data; raises OSError.

        With ``text_only``, a file whose first block is binary (is_binary) stops
        there: the data is that block, the size the file's. ripgrep stops at a
        binary file's first NUL for the same reason: a text scanner has nothing
        to read past it.
        """
        head, size = self.head, self.size
        if len(head) < BLOCK_BYTES:
            return Content(size=size, data=head if size <= limit else None)  # the whole file
        if size > limit:
            return Content(size=size, data=None)
        if text_only and is_binary(head):
            return Content(size=size, data=head)
        # The rest in one read of size + 1 bytes: a short result ends the file; a full one means it grew.
        data = head + os.read(self.fd, max(size + 1 - len(head), 0))
        while len(data) > size and len(data) <= limit:
            more = os.read(self.fd, 1 << 20)
            if not more:
                break
            data += more
        return Content(size=len(data), data=data if len(data) <= limit else None)


def is_binary(data: bytes) -> bool:
    """True when the start of ``data`` holds a NUL byte."""
    return data.find(b"\0", 0, SNIFF_BYTES) >= 0


class _Ignore:
    """The .gitignore rules of one folder, with a cheap pre-check before pathspec's full matching."""

    def __init__(self, base: str, lines: list[str]) -> None:
        self.base = base  # relative folder ('' for the root), rules apply to paths below it
        self.spec, self.quick_name, self.quick_path = _compile_rules(tuple(lines))

    def ignores(self, rel: str, name: str, is_dir: bool) -> bool:
        """True when the rules exclude ``rel`` (its last component is ``name``)."""
        sub = rel[len(self.base) + 1 :] if self.base else rel
        if is_dir:
            sub, name = sub + "/", name + "/"
        by_name = self.quick_name is not None and self.quick_name.match(name)
        if not by_name and not (self.quick_path is not None and self.quick_path.match(sub)):
            return False
        return bool(self.spec.match_file(sub))


@functools.lru_cache(maxsize=256)
def _compile_rules(
    lines: tuple[str, ...],
) -> tuple[pathspec.GitIgnoreSpec, re.Pattern[str] | None, re.Pattern[str] | None]:
    """The spec and quick regexes of a .gitignore's lines (the same file recurs across a monorepo)."""
    # The "simple" backend: pathspec's default compiles a Hyperscan database per .gitignore (about
    # 0.1 s each); full matching only runs on the rare paths the quick regexes below let through.
    spec = pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")
    includes = [p.regex.pattern for p in spec.patterns if p.include and p.regex is not None]
    by_name, by_path = _split_rules(includes)
    return spec, _join_rules(by_name), _join_rules(by_path)


def _file_checks(rules: list[_Ignore], rel_dir: str) -> list[tuple[_Ignore, str]]:
    """Per rule set: the path of ``rel_dir`` below the rule's folder, as a prefix for the names in it."""
    checks = []
    for rule in rules:
        below = rel_dir[len(rule.base) + 1 :] if rule.base else rel_dir
        checks.append((rule, below + "/" if below else ""))
    return checks


def _ignored_file(checks: list[tuple[_Ignore, str]], name: str) -> bool:
    """``_Ignore.ignores`` of every rule set for a file ``name`` of the folder the checks were made for."""
    for rule, prefix in checks:
        quick_name, quick_path = rule.quick_name, rule.quick_path
        maybe = (quick_name is not None and quick_name.match(name)) or (
            quick_path is not None and quick_path.match(prefix + name)
        )
        if maybe and rule.spec.match_file(prefix + name):
            return True
    return False


def _split_rules(regexes: list[str]) -> tuple[list[str], list[str]]:
    """Rules that only look at the last path component (most of them), and the others.

    Matching a name-only rule against the base name avoids the ``(?:.+/)?``
    prefix pathspec puts in front of it, which backtracks over every folder
    of the path.
    """
    by_name: list[str] = []
    by_path: list[str] = []
    for rx in regexes:
        rest = rx[len(_ANY_DIR) :] if rx.startswith(_ANY_DIR) else None
        suffix = next((s for s in _SUFFIXES if rest and rest.endswith(s)), None)
        core = rest[: -len(suffix)] if rest is not None and suffix else None
        if core is not None and "/" not in core.replace("[^/]", ""):
            by_name.append(f"{core}{'/' if suffix == _SUFFIXES[1] else '(?:/|$)'}")
        else:
            by_path.append(rx)
    return by_name, by_path


def _join_rules(regexes: list[str]) -> re.Pattern[str] | None:
    if not regexes:
        return None
    return re.compile("|".join("(?:" + _NAMED_GROUP.sub("(?:", rx) + ")" for rx in regexes))


def walk(root: Path) -> Listing:
    """List every file under ``root`` that .gitignore and SKIP_DIRS do not exclude, sorted by path."""
    listing = Listing()
    top = root.resolve()
    if top.is_file():
        listing.files.append(Entry(path=str(top), rel=top.name))
        return listing
    stat = top.stat()
    _walk_dir(str(top), "", [], {(stat.st_dev, stat.st_ino)}, set(), listing)
    listing.files.sort(key=lambda e: e.rel)
    listing.dirs.sort()
    listing.issues.sort(key=lambda i: i.path)
    return listing


def _read_ignore(path: str, rel_dir: str, listing: Listing) -> _Ignore | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError as exc:
        issue = ScanIssue(path=_join(rel_dir, ".gitignore"), message=f"cannot read: {exc.strerror}")
        listing.issues.append(issue)
        return None
    return _Ignore(rel_dir, lines) if lines else None


def _walk_dir(
    path: str,
    rel_dir: str,
    rules: list[_Ignore],
    ancestors: set[tuple[int, int]],
    seen: set[tuple[int, int]],
    listing: Listing,
) -> None:
    try:
        with os.scandir(path) as it:
            entries = list(it)
    except OSError as exc:
        listing.issues.append(ScanIssue(path=rel_dir or ".", message=f"cannot list folder: {exc.strerror}"))
        return
    if any(e.name == ".gitignore" for e in entries):
        own = _read_ignore(os.path.join(path, ".gitignore"), rel_dir, listing)
        if own is not None:
            rules = [*rules, own]
    files = listing.files
    checks = _file_checks(rules, rel_dir)
    for entry in entries:
        name = entry.name
        rel = f"{rel_dir}/{name}" if rel_dir else name
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as exc:
            problem = "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot stat: {exc.strerror}"
            listing.issues.append(ScanIssue(path=rel, message=problem))
            continue
        if is_file:
            if not checks or not _ignored_file(checks, name):
                files.append(Entry(entry.path, rel))
        elif is_dir:
            if name not in SKIP_DIRS and not any(r.ignores(rel, name, True) for r in rules):
                _enter(entry, rel, rules, ancestors, seen, listing)
        elif entry.is_symlink():
            listing.issues.append(ScanIssue(path=rel, message=_link_problem(entry.path)))


def _link_problem(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the link resolves to itself through other links
            return "symbolic link loop"
    return "broken symbolic link"


def _enter(
    entry: os.DirEntry[str],
    rel: str,
    rules: list[_Ignore],
    ancestors: set[tuple[int, int]],
    seen: set[tuple[int, int]],
    listing: Listing,
) -> None:
    """Walk into a folder unless it is a link back to one of its ancestors (a loop) or already walked."""
    try:
        stat = entry.stat()
    except OSError as exc:
        listing.issues.append(ScanIssue(path=rel, message=f"cannot stat: {exc.strerror}"))
        return
    key = (stat.st_dev, stat.st_ino)
    if key in ancestors:
        listing.issues.append(ScanIssue(path=rel, message="symbolic link loop (links to a parent)"))
        return
    if key in seen:
        return  # a second link to a folder already walked: its files are listed once
    seen.add(key)
    listing.dirs.append(rel)
    _walk_dir(entry.path, rel, rules, ancestors | {key}, seen, listing)


def _join(rel_dir: str, name: str) -> str:
    return f"{rel_dir}/{name}" if rel_dir else name
