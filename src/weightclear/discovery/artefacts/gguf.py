"""GgufScanner: the licence, name and base models a GGUF file declares in its header.

llama.cpp's converter copies the model card into ``general.*`` keys: the card's
``license`` verbatim into ``general.license`` (``llama3.1``), its
``base_model`` list into ``general.base_model.N.*`` (with ``repo_url`` pointing
at the Hugging Face repo). See reference formats-and-identifiers §5.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from weightclear.discovery import kinds
from weightclear.discovery.artefacts.common import hf_id_from_url
from weightclear.discovery.artefacts.gguf_header import GgufFormatError, GgufHeader, Scalar, read_header
from weightclear.discovery.base import FileContext, FileFindings
from weightclear.model import Location, ModelCard, Reference, Role, ScanIssue

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

KIND = kinds.GGUF_FILE


def wanted_key(key: str) -> bool:
    """The keys worth decoding: identity, licence, source and lineage (everything under ``general.``)."""
    return key.startswith("general.")


def _text(values: dict[str, Scalar], key: str) -> str | None:
    value = values.get(key)
    return value.strip() or None if isinstance(value, str) else None


def base_models(values: dict[str, Scalar]) -> tuple[str, ...]:
    """The ``general.base_model.N`` entries as HF ids where a repo URL gives one, else their names."""
    count = values.get("general.base_model.count")
    found: list[str] = []
    # bool is an int too; a count that is not a small int is ignored rather than trusted
    limit = count if isinstance(count, int) and not isinstance(count, bool) and 0 < count <= 64 else 0
    for index in range(limit):
        prefix = f"general.base_model.{index}."
        repo = hf_id_from_url(_text(values, prefix + "repo_url") or _text(values, prefix + "url") or "")
        name = _text(values, prefix + "name")
        org = _text(values, prefix + "organization")
        if repo:
            found.append(repo)
        elif name:
            found.append(f"{org} {name}" if org and not name.lower().startswith(org.lower()) else name)
    return tuple(found)


def model_name(values: dict[str, Scalar], file_name: str) -> str:
    """The best name for the model in the file: its source repo, its name, its name parts, its file name."""
    source = _text(values, "general.source.huggingface.repository")
    for key in ("general.source.repo_url", "general.source.url", "general.repo_url"):
        source = source or hf_id_from_url(_text(values, key) or "")
    if source:
        return source
    name = _text(values, "general.name")
    if name:
        return name
    parts = [_text(values, f"general.{k}") for k in ("basename", "size_label", "finetune")]
    if parts[0]:
        return "-".join(p for p in parts if p)
    return file_name


def findings_from_header(header: GgufHeader, rel_path: str, file_name: str) -> FileFindings:
    """The model card and the reference a parsed header gives."""
    values = header.values
    location = Location(path=rel_path)
    name = model_name(values, file_name)
    card = ModelCard(
        location=location,
        name=name,
        licence=_text(values, "general.license"),
        licence_name=_text(values, "general.license.name"),
        licence_link=_text(values, "general.license.link"),
        base_models=base_models(values),
    )
    reference = Reference(location=location, text=name, kind=KIND, role=Role.USE)
    return FileFindings(references=(reference,), model_cards=(card,))


class GgufScanner:
    """Reads the metadata header of ``*.gguf`` files, whatever their size."""

    name = "gguf"

    def wants(self, rel_path: str, size: int) -> bool:
        """Every file named ``*.gguf``."""
        return rel_path.lower().endswith(".gguf")

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """Parse the header; a truncated or lying header becomes a ScanIssue with the reason."""
        del kb  # resolution happens later, in weightclear.resolve
        try:
            header = read_header(ctx.path, wanted_key, ctx.data)
        except GgufFormatError as exc:
            return FileFindings(issues=(ScanIssue(path=ctx.rel_path, message=f"GGUF header: {exc}"),))
        except (OSError, ValueError) as exc:
            return FileFindings(
                issues=(ScanIssue(path=ctx.rel_path, message=f"cannot read GGUF file: {exc}"),)
            )
        return findings_from_header(header, ctx.rel_path, ctx.name)
