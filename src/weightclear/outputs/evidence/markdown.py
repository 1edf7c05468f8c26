"""The evidence pack as Markdown (for a wiki, a ticket or a pull request)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from weightclear.outputs.evidence.pack import PackInputs, view
from weightclear.outputs.evidence.templating import environment

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

_BLANKS = re.compile(r"\n{3,}")


def render_markdown(pack: PackInputs, kb: KnowledgeBase) -> str:
    """The pack's sections as Markdown tables; runs of blank lines squeezed to one."""
    text = environment(False).get_template("pack.md.j2").render(v=view(pack, kb))
    return _BLANKS.sub("\n\n", text).strip() + "\n"
