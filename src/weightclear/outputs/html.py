"""`scan --format html`: the scan report as one self-contained HTML page (inlined CSS, no CDN).

It is the evidence pack's page without the registry: the same numbered
sections (models and lineage, licence terms, the obligations checklist, MAU,
attribution, screening, approvals), so what a developer sees is what the
legal team later files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from weightclear.outputs import stamp
from weightclear.outputs.evidence.html import render_html
from weightclear.outputs.evidence.pack import PackInputs

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase
    from weightclear.report import ScanReport

TITLE = "Open-Weights Model Licence Scan Report"


def _kb() -> KnowledgeBase:
    from weightclear import knowledge

    return knowledge.load()


class HtmlWriter:
    """Writes the report as one HTML page (written even when there are no findings)."""

    is_manifest = True

    def __init__(
        self, *, kb: KnowledgeBase | None = None, clock: Callable[[], dt.datetime] = stamp.now
    ) -> None:
        self._kb = kb
        self._clock = clock

    def write(self, report: ScanReport, out: TextIO) -> None:
        """The page; the product name comes from weightclear.toml, else the scanned folder."""
        declared = report.context.product.name if report.context else None
        product = declared or report.root.rstrip("/").rsplit("/", 1)[-1] or "product"
        pack = PackInputs(report=report, product=product, generated=self._clock(), title=TITLE)
        out.write(render_html(pack, self._kb or _kb()))
