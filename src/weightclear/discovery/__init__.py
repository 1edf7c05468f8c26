"""Discovery: walk a tree once and collect what every scanner finds, with no judgement.

``discover()`` lists the tree (discovery.walk), reads each wanted file once
(files over READ_LIMIT are not read: the artefact scanners read their headers
themselves), hands the bytes to every scanner whose ``wants()`` accepts the
path, and merges the findings into one Evidence. Scanners that pick files by
content (text, attribution) share ONE Hyperscan pass per file (onepass.py):
a file none of their patterns hits costs that pass and nothing more. Nothing here stops a scan: an
unreadable file or a failing scanner becomes a ScanIssue.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from weightclear import cache
from weightclear.discovery import kinds
from weightclear.discovery.artefacts.hf_cache import reference_from_dir
from weightclear.discovery.base import NOTHING, ContentScanner, FileContext, FileFindings, Scanner
from weightclear.discovery.onepass import OnePass, one_pass
from weightclear.discovery.resultcache import ResultCache, Scanned, Stamp, Warn, stamps, warn_on_stderr
from weightclear.discovery.scanners import build
from weightclear.discovery.text import TextScanner
from weightclear.discovery.walk import Entry, Opened, is_binary, walk
from weightclear.errors import InputError
from weightclear.knowledge import KnowledgeBase
from weightclear.model import Evidence, Reference, Resolution, ScanIssue
from weightclear.progress import NullProgress, Progress

__all__ = ["READ_LIMIT", "discover"]

#: files larger than this are not read whole (a text file this big is reported, weights are left to headers)
READ_LIMIT = 16 * 1024 * 1024
CONFIG_NAME = "weightclear.toml"  # as weightclear.context names it (discovery sits below context)
#: with --jobs 0, a tree gets one more worker process per this many files (up to one per CPU)
AUTO_FILES_PER_WORKER = 5_000
_CHUNK = 256  # files per unit of work and per progress update; small enough to balance workers
_UNWANTED = Scanned(False, 0, ())  # a file no scanner wants

Resolver = Callable[[str, KnowledgeBase], Resolution]
_Step = tuple[Scanner, "range | None"]  # a scanner and its ids in the one pass (None: not by content)


@dataclass
class _Batch:
    """What the scanners made of a chunk of files, one Scanned per file in the chunk's order."""

    scanned: list[Scanned] = field(default_factory=list)

    @property
    def findings(self) -> list[FileFindings]:
        """Every finding of the chunk, file after file."""
        return [found for file in self.scanned for found in file.findings]


def discover(
    root: Path,
    kb: KnowledgeBase,
    *,
    progress: Progress | None = None,
    jobs: int = 1,
    resolver: Resolver | None = None,
    scanners: Sequence[Scanner] | None = None,
    config: Path | None = None,
    use_cache: bool = False,
    warn: Warn = warn_on_stderr,
) -> Evidence:
    """Walk ``root`` and collect every model reference, licence text, notice and model card.

    ``resolver`` maps each candidate name to the catalogue (weightclear.resolve
    passes ``resolve_name``; discovery cannot import it, it sits above in the
    layers). Without one, only names of a known family with a version are kept.
    ``jobs`` > 1 scans in that many worker processes; the per-hit work is
    Python, so threads would not run it in parallel. ``jobs`` 0 chooses: one
    process per CPU, but no more than one per AUTO_FILES_PER_WORKER files
    (starting a worker and warming its caches costs more than a small tree).
    The deployment config (``config`` and ROOT/weightclear.toml) is left out of
    the text pass: its approvals name licences, not models, and the models it
    declares reach the inventory as context models.
    ``use_cache`` keeps each file's results in the user cache (discovery.resultcache):
    a re-scan reads only the files that changed. ``warn`` says when that cache is unusable.
    """
    if not root.exists():
        raise InputError("no such file or folder", path=str(root))
    progress = progress or NullProgress()
    active = tuple(scanners) if scanners is not None else build(kb, resolver)
    listing = walk(root)
    no_text = _configs(root, config)
    results = _result_cache(root, kb, active, resolver, no_text, warn) if use_cache else None
    progress.start("Scanning files", total=len(listing.files))
    try:
        scanned = _scan_listing(listing.files, active, kb, jobs, progress, no_text, results)
    finally:
        progress.finish()
    if results is not None:
        results.save()
    cache_refs = [ref for ref in map(reference_from_dir, listing.dirs) if ref is not None]
    return _drop_licence_ids(_merge(str(root), scanned, cache_refs, listing.issues))


def _result_cache(
    root: Path,
    kb: KnowledgeBase,
    scanners: Sequence[Scanner],
    resolver: Resolver | None,
    no_text: frozenset[str],
    warn: Warn,
) -> ResultCache | None:
    """The result cache of ``root`` for these options, or None when caching is off (no cache folder)."""
    if cache.user_cache_dir() is None:
        return None
    resolver_name = f"{resolver.__module__}.{resolver.__qualname__}" if resolver is not None else "-"
    options = [kb.digest, str(READ_LIMIT), resolver_name, *(s.name for s in scanners), "|", *sorted(no_text)]
    return ResultCache(root, options, warn)


def _scan_listing(
    entries: list[Entry],
    scanners: Sequence[Scanner],
    kb: KnowledgeBase,
    jobs: int,
    progress: Progress,
    no_text: frozenset[str],
    results: ResultCache | None,
) -> list[Scanned]:
    """What every listed file gave, in listing order: from the result cache, or scanned now."""
    if results is None:
        stamped: list[Stamp | None] = []
        todo = entries
        done: list[Scanned | None] = [None] * len(entries)
    else:
        stamped = stamps([entry.path for entry in entries])
        done = [results.get(entry.rel, st) for entry, st in zip(entries, stamped, strict=True)]
        todo = [entry for entry, found in zip(entries, done, strict=True) if found is None]
        progress.advance(len(entries) - len(todo))
    chunks = [todo[i : i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    workers = min(_workers(jobs, len(todo)), len(chunks))
    fresh = iter(
        [s for batch in _scan_all(chunks, scanners, kb, workers, progress, no_text) for s in batch.scanned]
    )
    for index, found in enumerate(done):
        if found is None:
            done[index] = found = next(fresh)
            if results is not None:
                results.put(entries[index].rel, stamped[index], found)
    return cast(list[Scanned], done)


def _workers(jobs: int, files: int) -> int:
    """How many processes scan ``files`` files for ``--jobs jobs`` (0: automatic)."""
    if jobs > 0:
        return jobs
    return max(1, min(os.cpu_count() or 1, files // AUTO_FILES_PER_WORKER))


def _configs(root: Path, config: Path | None) -> frozenset[str]:
    """The config files' paths relative to ``root`` ('/'-separated), as the walker names entries."""
    skipped = {CONFIG_NAME}
    if config is not None:
        with contextlib.suppress(ValueError):  # a config outside the tree is never walked
            skipped.add(config.resolve().relative_to(root.resolve()).as_posix())
    return frozenset(skipped)


def _drop_licence_ids(evidence: Evidence) -> Evidence:
    """A model card's own ``license:`` value is not an Ollama tag (``llama3.1`` there names the licence, not
    a model). A licence id on a line that names a licence is dropped by the text scanner; elsewhere
    (`models: [llama3, llama-3.1]`, a table's key) ``llama-3.1`` is the model.
    """
    declared = {(c.location.path, c.licence.lower()) for c in evidence.model_cards if c.licence}

    def is_licence(ref: Reference) -> bool:
        return ref.kind == kinds.OLLAMA_TAG and (ref.location.path, ref.text.lower()) in declared

    return replace(evidence, references=tuple(r for r in evidence.references if not is_licence(r)))


# Worker processes inherit the scanners through fork (compiled Hyperscan databases do not pickle).
_WORKER: tuple[Sequence[Scanner], KnowledgeBase, frozenset[str]] | None = None


def _scan_all(
    chunks: list[list[Entry]],
    scanners: Sequence[Scanner],
    kb: KnowledgeBase,
    workers: int,
    progress: Progress,
    no_text: frozenset[str],
) -> list[_Batch]:
    global _WORKER
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        batches = []
        for chunk in chunks:
            batches.append(_scan_chunk(chunk, scanners, kb, no_text))
            progress.advance(len(chunk))
        return batches
    _WORKER = (scanners, kb, no_text)
    one_pass(scanners, kb)  # compiled once, before the fork: every worker inherits the database
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            batches = []
            for chunk, batch in zip(chunks, pool.imap(_worker_chunk, chunks), strict=True):
                batches.append(batch)
                progress.advance(len(chunk))
            return batches
    finally:
        _WORKER = None


def _worker_chunk(chunk: list[Entry]) -> _Batch:
    assert _WORKER is not None
    return _scan_chunk(chunk, *_WORKER)


def _scan_chunk(
    chunk: Iterable[Entry],
    scanners: Sequence[Scanner],
    kb: KnowledgeBase,
    no_text: frozenset[str] = frozenset(),
) -> _Batch:
    batch = _Batch()
    plan = one_pass(scanners, kb)
    steps = list(zip(scanners, plan.ranges, strict=True))
    tests = [(step, step[0].wants) for step in steps]  # bound once: this loop runs per file
    # A scanner that drops binary content declares ``binary_body = False`` (base.Scanner): when
    # every scanner that wants a file does, a binary file's first block is all that is read.
    body = {id(scanner) for scanner in scanners if getattr(scanner, "binary_body", True)}
    for entry in chunk:
        rel = entry.rel
        try:
            opened = Opened(entry.path)
        except OSError as exc:
            batch.scanned.append(_unreadable(rel, exc))
            continue
        with opened:
            size = opened.size
            # The path and size decide who wants the file before any byte is read.
            wanting = [step for step, wants in tests if wants(rel, size)]
            if rel in no_text:
                wanting = [step for step in wanting if not isinstance(step[0], TextScanner)]
            if not wanting:
                batch.scanned.append(_UNWANTED)
                continue
            text_only = not any(id(step[0]) in body for step in wanting)
            try:
                _, data = opened.read(READ_LIMIT, text_only=text_only)
            except OSError as exc:
                batch.scanned.append(_unreadable(rel, exc))
                continue
        batch.scanned.append(_scan_file(entry, size, data, wanting, plan, kb, text_only=text_only))
    return batch


def _unreadable(rel: str, exc: OSError) -> Scanned:
    issue = ScanIssue(path=rel, message=f"cannot read: {exc.strerror or exc}")
    return Scanned(False, 0, (FileFindings(issues=(issue,)),), cacheable=False)


def _scan_file(
    entry: Entry,
    size: int,
    data: bytes | None,
    wanting: list[_Step],
    plan: OnePass,
    kb: KnowledgeBase,
    *,
    text_only: bool,
) -> Scanned:
    """What the scanners in ``wanting`` find in one file's bytes (``text_only``: none needs binary ones)."""
    rel = entry.rel
    # ONE pass over the bytes for every content scanner; without a hit they return at once. A
    # text-only binary file gets none: its data may be a first block, and every scanner drops it.
    content = any(ids_of is not None for _, ids_of in wanting)
    skip = data is None or (text_only and is_binary(data))
    ids = plan.hits(data) if content and not skip else []
    ctx: FileContext | None = None
    findings: list[FileFindings] = []
    for scanner, ids_of in wanting:
        if ids_of is not None:
            found = _run_content(scanner, rel, size, data, kb, plan.own(ids, ids_of))
        else:
            ctx = ctx or FileContext(path=Path(entry.path), rel_path=rel, size=size, data=data)
            found = _run(scanner, ctx, kb)
        if found is not NOTHING:
            findings.append(found)
    return Scanned(True, len(data) if data is not None else 0, tuple(findings))


def _run_content(
    scanner: Scanner, rel: str, size: int, data: bytes | None, kb: KnowledgeBase, hits: list[int]
) -> FileFindings:
    """A content scanner on one file, given its one-pass hits; a crash becomes an issue of that file."""
    try:
        return cast(ContentScanner, scanner).scan_bytes(rel, size, data, kb, hits)
    except Exception as exc:  # a scanner bug must not stop the scan of the other files
        message = f"scanner {scanner.name} failed: {type(exc).__name__}: {exc}"
        return FileFindings(issues=(ScanIssue(path=rel, message=message),))


def _run(scanner: Scanner, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
    """One scanner on one file; a crash is reported as an issue of that file, never raised."""
    try:
        return scanner.scan(ctx, kb)
    except Exception as exc:  # a scanner bug must not stop the scan of the other files
        message = f"scanner {scanner.name} failed: {type(exc).__name__}: {exc}"
        return FileFindings(issues=(ScanIssue(path=ctx.rel_path, message=message),))


def _merge(
    root: str, scanned: list[Scanned], cache_refs: list[Reference], walk_issues: list[ScanIssue]
) -> Evidence:
    merged = FileFindings(references=tuple(cache_refs), issues=tuple(walk_issues))
    parts = [merged, *(found for file in scanned for found in file.findings)]
    issues = {i for found in parts for i in found.issues}
    return Evidence(
        root=root,
        references=_dedupe([r for found in parts for r in found.references]),
        licence_files=tuple(x for found in parts for x in found.licence_files),
        notices=tuple(x for found in parts for x in found.notices),
        model_cards=tuple(x for found in parts for x in found.model_cards),
        attributions=tuple(x for found in parts for x in found.attributions),
        issues=tuple(sorted(issues, key=lambda i: (i.path, i.line or 0, i.message))),
        files_scanned=sum(1 for file in scanned if file.counted),
        bytes_scanned=sum(file.nbytes for file in scanned),
    )


def _dedupe(refs: list[Reference]) -> tuple[Reference, ...]:
    """One reference per (path, line, name): the text scanner and an artefact scanner may both see it.

    The artefact scanner's reading wins (it parsed the structure, e.g. a model card's
    ``base_model``); the reference keeps the place of the first one seen.
    """
    kept: dict[tuple[str, int | None, str], Reference] = {}
    for ref in refs:
        key = (ref.location.path, ref.location.line, ref.text.lower())
        first = kept.get(key)
        if first is None:
            kept[key] = ref
        elif first.kind in kinds.TEXT_KINDS and ref.kind not in kinds.TEXT_KINDS:
            # The text pass resolved the name already; keep that resolution if the artefact has none.
            kept[key] = replace(ref, resolution=ref.resolution or first.resolution)
    return tuple(kept.values())
