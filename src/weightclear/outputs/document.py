"""What the BOM writers share: an injectable clock and serial, and one JSON document per run."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from weightclear.outputs import stamp

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase
    from weightclear.report import ScanReport

Clock = Callable[[], dt.datetime]
Serial = Callable[[], uuid.UUID]
Builder = Callable[..., dict[str, Any]]  # document(report, kb, *, now, serial) -> JSON-ready data


class JsonDocumentWriter:
    """Writes the document its ``build`` makes (a manifest format: always written).

    Golden-file tests inject the clock and serial so that the same inputs give the same bytes.
    """

    is_manifest = True
    build: Builder

    def __init__(
        self, *, kb: KnowledgeBase | None = None, clock: Clock = stamp.now, serial: Serial = uuid.uuid4
    ) -> None:
        self._kb = kb
        self._clock = clock
        self._serial = serial

    def write(self, report: ScanReport, out: TextIO) -> None:
        """One JSON document, two-space indented, keys in the builder's order."""
        from weightclear import knowledge  # loaded once per process; only for titles, links and ids

        kb = self._kb or knowledge.load()
        doc = type(self).build(report, kb, now=self._clock(), serial=self._serial())
        out.write(json.dumps(doc, indent=2, ensure_ascii=False))
        out.write("\n")
