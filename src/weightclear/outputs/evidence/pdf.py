"""The evidence pack as a PDF: the HTML page laid out for A4 by WeasyPrint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from weightclear.outputs.evidence.html import render_html
from weightclear.outputs.evidence.pack import PackInputs

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase


def render_pdf(pack: PackInputs, kb: KnowledgeBase) -> bytes:
    """PDF bytes with the pack's title and product in the document metadata."""
    import weasyprint  # heavy (Pango, fonts): loaded only when a PDF is asked for

    html = weasyprint.HTML(string=render_html(pack, kb), base_url=None)
    doc = html.render()
    doc.metadata.title = f"{pack.title} — {pack.product}"
    doc.metadata.authors = ["weightclear"]
    doc.metadata.created = pack.generated.strftime("%Y-%m-%dT%H:%M:%SZ")
    doc.metadata.modified = doc.metadata.created
    pdf: bytes = doc.write_pdf()
    return pdf
