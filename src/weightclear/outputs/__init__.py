"""Output formats: one module per format behind the Writer protocol, chosen through OutputFormat."""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from weightclear.outputs.base import Writer


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    MARKDOWN = "markdown"
    CYCLONEDX = "cyclonedx"
    SPDX = "spdx"
    HTML = "html"


def writer_for(fmt: OutputFormat) -> Writer:
    """The writer of ``fmt``; every member must map (mypy and a test check it)."""
    # Imports are local so that `scan --format json` never pays for WeasyPrint or CycloneDX.
    if fmt is OutputFormat.TABLE:
        from weightclear.outputs.table import TableWriter

        return TableWriter()
    if fmt is OutputFormat.JSON:
        from weightclear.outputs.json import JsonWriter

        return JsonWriter()
    if fmt is OutputFormat.SARIF:
        from weightclear.outputs.sarif import SarifWriter

        return SarifWriter()
    if fmt is OutputFormat.MARKDOWN:
        from weightclear.outputs.markdown import MarkdownWriter

        return MarkdownWriter()
    if fmt is OutputFormat.CYCLONEDX:
        from weightclear.outputs.cyclonedx import CycloneDxWriter

        return CycloneDxWriter()
    if fmt is OutputFormat.SPDX:
        from weightclear.outputs.spdx import SpdxWriter

        return SpdxWriter()
    if fmt is OutputFormat.HTML:
        from weightclear.outputs.html import HtmlWriter

        return HtmlWriter()
    assert_never(fmt)
