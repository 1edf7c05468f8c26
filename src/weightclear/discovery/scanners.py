"""The explicit list of scanners discover() runs. A new scanner is one line in build()."""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any

from weightclear.discovery.artefacts.gguf import GgufScanner
from weightclear.discovery.artefacts.hf_folder import HfFolderScanner
from weightclear.discovery.artefacts.ollama import OllamaScanner
from weightclear.discovery.artefacts.safetensors import SafetensorsScanner
from weightclear.discovery.attribution import AttributionScanner
from weightclear.discovery.base import NOTHING, FileContext, FileFindings, Scanner
from weightclear.discovery.notice import NoticeScanner
from weightclear.discovery.text import Resolver, TextScanner

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase


class LicenceTextScanner:
    """Licence candidates (LICENSE*, USE_POLICY*, model-card README.md), identified by licence_text."""

    name = "licence-text"

    def wants(self, rel_path: str, size: int) -> bool:
        """Asks licence_text which names are licence candidates."""
        identify = _licence_text()
        return identify is not None and bool(identify.is_licence_candidate(rel_path.rsplit("/", 1)[-1]))

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """Every licence or use-policy text the file holds."""
        identify = _licence_text()
        if identify is None:
            return NOTHING
        return FileFindings(licence_files=tuple(identify.identify_file(ctx.path, ctx.rel_path)))


@functools.cache
def _licence_text() -> Any:
    # TODO(lead): licence_text.py is written in parallel; import it directly once it has landed.
    try:
        return importlib.import_module("weightclear.discovery.licence_text")
    except ImportError:
        return None


def build(kb: KnowledgeBase | None, resolver: Resolver | None = None) -> tuple[Scanner, ...]:
    """Every scanner, in the order their findings are reported."""
    return (
        TextScanner(kb, resolver=resolver),
        NoticeScanner(),
        AttributionScanner(),
        LicenceTextScanner(),
        GgufScanner(),
        SafetensorsScanner(),
        HfFolderScanner(),
        OllamaScanner(),
    )
