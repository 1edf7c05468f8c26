"""The evidence pack as one self-contained HTML page (CSS inlined, no external resource)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from weightclear.outputs.evidence.pack import PackInputs, view
from weightclear.outputs.evidence.templating import environment, stylesheet

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase


def render_html(pack: PackInputs, kb: KnowledgeBase) -> str:
    """The pack as HTML; also the source WeasyPrint lays out for the PDF."""
    return environment(True).get_template("pack.html.j2").render(v=view(pack, kb), css=stylesheet())
