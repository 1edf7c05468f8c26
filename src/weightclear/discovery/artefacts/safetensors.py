"""SafetensorsScanner: the ``__metadata__`` map in a safetensors header.

A safetensors file starts with a little-endian u64 N, then N bytes of JSON:
one entry per tensor plus an optional ``__metadata__`` (str -> str). Some
exporters put ``license`` and ``base_model`` there. Only the header is read.
"""

from __future__ import annotations

import contextlib
import json
import struct
from typing import TYPE_CHECKING

from weightclear.discovery.artefacts.common import base_model_list
from weightclear.discovery.base import FileContext, FileFindings
from weightclear.model import Location, ModelCard, Reference, Role, ScanIssue

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

KIND = "safetensors-metadata"
# the safetensors library itself refuses headers over 100 MB
MAX_HEADER = 100_000_000

_LICENCE_KEYS = ("license", "licence")
_NAME_KEYS = ("name", "model_name", "general.name")
_BASE_KEYS = ("base_model", "base_models")


class SafetensorsFormatError(ValueError):
    """The header is not a readable safetensors header."""


def _header_bytes(ctx: FileContext) -> bytes:
    if ctx.size < 8:
        raise SafetensorsFormatError(f"file too short ({ctx.size} bytes)")
    if ctx.data is not None:
        (length,) = struct.unpack_from("<Q", ctx.data)
        _check_length(length, ctx.size)
        return ctx.data[8 : 8 + length]
    with ctx.path.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        _check_length(length, ctx.size)  # checked before the read allocates anything
        return handle.read(length)


def _check_length(length: int, size: int) -> None:
    if length > size - 8 or length > MAX_HEADER:
        raise SafetensorsFormatError(f"header length {length} does not fit in a {size}-byte file")


def read_header(ctx: FileContext) -> dict[str, object]:
    """The parsed JSON header of the file in ``ctx``; raises SafetensorsFormatError or OSError."""
    raw = _header_bytes(ctx)
    try:
        header = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SafetensorsFormatError(f"header is not JSON: {exc}") from None
    if not isinstance(header, dict):
        raise SafetensorsFormatError("header is not a JSON object")
    return header


def _first(metadata: dict[str, object], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _base_models(metadata: dict[str, object]) -> tuple[str, ...]:
    for key in _BASE_KEYS:
        value = metadata.get(key)
        if isinstance(value, str) and value.startswith("["):
            with contextlib.suppress(json.JSONDecodeError):  # some exporters store a JSON list as a string
                value = json.loads(value)
        found = base_model_list(value)
        if found:
            return found
    return ()


def findings_from_metadata(metadata: dict[str, object], rel_path: str) -> FileFindings:
    """A model card when the metadata declares a licence, a name or base models; one use per base model."""
    location = Location(path=rel_path)
    card = ModelCard(
        location=location,
        name=_first(metadata, _NAME_KEYS),
        licence=_first(metadata, _LICENCE_KEYS),
        licence_name=_first(metadata, ("license_name",)),
        licence_link=_first(metadata, ("license_link", "license_url")),
        base_models=_base_models(metadata),
    )
    if not (card.name or card.licence or card.base_models):
        return FileFindings()
    refs = tuple(Reference(location=location, text=b, kind=KIND, role=Role.USE) for b in card.base_models)
    if card.name:
        refs = (Reference(location=location, text=card.name, kind=KIND, role=Role.USE), *refs)
    return FileFindings(references=refs, model_cards=(card,))


class SafetensorsScanner:
    """Reads the JSON header of ``*.safetensors`` files (bounded; tensor data is never read)."""

    name = "safetensors"

    def wants(self, rel_path: str, size: int) -> bool:
        """Every file named ``*.safetensors``."""
        return rel_path.lower().endswith(".safetensors")

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """Report the ``__metadata__`` facts; a malformed header becomes a ScanIssue."""
        del kb
        try:
            header = read_header(ctx)
        except (SafetensorsFormatError, OSError, struct.error) as exc:
            return FileFindings(issues=(ScanIssue(path=ctx.rel_path, message=f"safetensors header: {exc}"),))
        metadata = header.get("__metadata__")
        if metadata is None:
            return FileFindings()
        if not isinstance(metadata, dict):
            issue = ScanIssue(path=ctx.rel_path, message="safetensors header: __metadata__ is not an object")
            return FileFindings(issues=(issue,))
        return findings_from_metadata(metadata, ctx.rel_path)
