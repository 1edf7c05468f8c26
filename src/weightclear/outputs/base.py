"""The Writer protocol every output format implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from weightclear.report import ScanReport


class Writer(Protocol):
    """Renders a ScanReport; computes nothing the report does not hold."""

    #: manifest formats (json, sarif, BOMs) are always written, even when there is nothing to show
    is_manifest: bool

    def write(self, report: ScanReport, out: TextIO) -> None: ...
