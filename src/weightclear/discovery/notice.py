"""Notice files (NOTICE, Notice, NOTICE.txt, ...): the start of their text, for the Notice rules."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from weightclear.discovery.base import NOTHING, FileContext, FileFindings
from weightclear.model import Location, NoticeFile

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

#: enough for any notice string of the licences we know (the longest is a few hundred bytes)
NOTICE_BYTES = 4096
_NOTICE_NAME = re.compile(r"^notice(?:s)?(?:\.(?:txt|md|rst))?$", re.IGNORECASE)


def is_notice_name(name: str) -> bool:
    """True for NOTICE, Notice, NOTICE.txt, notice.md and the like."""
    return bool(_NOTICE_NAME.match(name))


class NoticeScanner:
    """Reports every Notice file with the first NOTICE_BYTES of its text."""

    name = "notice"

    def wants(self, rel_path: str, size: int) -> bool:
        """Notice files by name only."""
        return is_notice_name(rel_path.rsplit("/", 1)[-1])

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """One NoticeFile holding the start of the text (undecodable bytes replaced)."""
        if ctx.data is None:
            return NOTHING
        text = ctx.data[:NOTICE_BYTES].decode("utf-8", errors="replace")
        return FileFindings(notices=(NoticeFile(location=Location(path=ctx.rel_path), text=text),))
