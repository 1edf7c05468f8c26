"""The explicit list of scanners discover() runs. A new scanner is one line in build()."""

from __future__ import annotations

from typing import TYPE_CHECKING

from weightclear.discovery.artefacts.gguf import GgufScanner
from weightclear.discovery.artefacts.hf_folder import HfFolderScanner
from weightclear.discovery.artefacts.ollama import OllamaScanner
from weightclear.discovery.artefacts.safetensors import SafetensorsScanner
from weightclear.discovery.attribution import AttributionScanner
from weightclear.discovery.base import NOTHING, FileContext, FileFindings, Scanner
from weightclear.discovery.licence_text import identify_file, is_licence_candidate
from weightclear.discovery.notice import NoticeScanner
from weightclear.discovery.text import Resolver, TextScanner

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase


class LicenceTextScanner:
    """Licence candidates (LICENSE*, USE_POLICY*, model-card README.md), identified by licence_text."""

    name = "licence-text"
    binary_body = False  # identify_file reads the file itself, by path

    def wants(self, rel_path: str, size: int) -> bool:
        """Only licence candidate names (cheap: the path alone decides)."""
        return is_licence_candidate(rel_path.rsplit("/", 1)[-1])

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """Every licence or use-policy text the file holds (id, kind, confidence, edited sections)."""
        found = identify_file(ctx.path, ctx.rel_path)
        return FileFindings(licence_files=tuple(found)) if found else NOTHING


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
