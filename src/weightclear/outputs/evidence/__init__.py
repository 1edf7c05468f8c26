"""The evidence pack a legal team files: one scan, its licence terms, obligations and sign-offs.

``pack.PackInputs`` holds what the pack shows; ``render(pack, fmt)`` turns it
into Markdown, a self-contained HTML page, or a PDF (WeasyPrint).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from weightclear.outputs.evidence.pack import PackInputs, RegistryFacts, SignoffEntry

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

__all__ = ["PackFormat", "PackInputs", "RegistryFacts", "SignoffEntry", "render"]


class PackFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"


def render(pack: PackInputs, fmt: PackFormat, kb: KnowledgeBase) -> bytes:
    """The pack in ``fmt``, as bytes ready to write (UTF-8 for the text formats)."""
    # Local imports: only a PDF pays for WeasyPrint.
    if fmt is PackFormat.MARKDOWN:
        from weightclear.outputs.evidence.markdown import render_markdown

        return render_markdown(pack, kb).encode("utf-8")
    if fmt is PackFormat.HTML:
        from weightclear.outputs.evidence.html import render_html

        return render_html(pack, kb).encode("utf-8")
    if fmt is PackFormat.PDF:
        from weightclear.outputs.evidence.pdf import render_pdf

        return render_pdf(pack, kb)
    assert_never(fmt)
