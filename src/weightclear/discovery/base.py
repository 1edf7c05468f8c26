"""The Scanner protocol: one implementation per kind of file, each in its own module.

discover() walks the tree once, reads each small file once, and hands every
scanner that wants the file a FileContext. Scanners never evaluate
obligations; they only report what the file says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from weightclear.model import (
    Attribution,
    LicenceFile,
    ModelCard,
    NoticeFile,
    Reference,
    ScanIssue,
)

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase


@dataclass(frozen=True, kw_only=True)
class FileFindings:
    """What one scanner found in one file."""

    references: tuple[Reference, ...] = ()
    licence_files: tuple[LicenceFile, ...] = ()
    notices: tuple[NoticeFile, ...] = ()
    model_cards: tuple[ModelCard, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    issues: tuple[ScanIssue, ...] = ()


NOTHING = FileFindings()


@dataclass(kw_only=True)
class FileContext:
    """One file as the walker sees it.

    ``data`` holds the file's bytes when the walker read it (text-sized files);
    it is None for files over the read limit (GGUF, safetensors), which a
    scanner must then read itself, header only.
    """

    path: Path  # absolute
    rel_path: str  # relative to the scan root, '/'-separated
    size: int
    data: bytes | None = None
    _text: str | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    def text(self) -> str | None:
        """The data decoded as UTF-8 (BOM allowed), or None when not valid UTF-8 or not read."""
        if self._text is None and self.data is not None:
            try:
                self._text = self.data.decode("utf-8-sig")
            except UnicodeDecodeError:
                return None
        return self._text


class Scanner(Protocol):
    """A scanner of one kind of file.

    A scanner may also set ``binary_body = False`` (a class attribute, optional):
    it reports nothing from the bytes of a binary file (a NUL in its first 8 KB)
    past the first block, so discover() need not read the rest. Without it, a
    wanted file is read whole, as the artefact scanners (GGUF, safetensors) need.
    """

    name: str

    def wants(self, rel_path: str, size: int) -> bool:
        """Cheap test on the path alone (no I/O): should scan() see this file?"""
        ...

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """Report what the file says; never raise for bad input, return a ScanIssue instead."""
        ...


@runtime_checkable
class ContentScanner(Scanner, Protocol):
    """A scanner that also picks its files by content, through discover's one pass.

    discover() compiles every content scanner's ``prefilter()`` into ONE
    multi-pattern database and scans each file's bytes once; ``scan_bytes``
    then gets the ids (indexes into its own prefilter) of the patterns that
    occur, with no FileContext built. A file with no hit must cost the scanner
    nothing beyond the checks it reports on (a text file that is binary).
    """

    def prefilter(self, kb: KnowledgeBase) -> tuple[str, ...]:
        """Lower-case regexes starting with a literal, matched caseless on the raw bytes."""
        ...

    def scan_bytes(
        self, rel_path: str, size: int, data: bytes | None, kb: KnowledgeBase, hits: Sequence[int]
    ) -> FileFindings:
        """The same findings as scan() given the prefilter ids that occur in ``data``."""
        ...
