"""OllamaScanner: Modelfiles and the manifests of Ollama's local model store.

A Modelfile names its weights with ``FROM`` (a tag such as ``llama3.1:8b``,
``hf.co/<user>/<repo>:<quant>``, or a local ``.gguf`` / safetensors folder)
and may carry ``ADAPTER`` and a ``LICENSE \"\"\"...\"\"\"`` block (ollama
docs/modelfile.mdx). The store keeps one manifest per pulled tag under
``manifests/<host>/<namespace>/<name>/<tag>``; the path itself is the tag.
Ollama has no licence identifier, only text (ollama/ollama#3888), so a
LICENSE block is identified here only by the licence's exact title line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from weightclear.discovery import kinds
from weightclear.discovery.base import FileContext, FileFindings
from weightclear.model import LicenceFile, LicenceFileKind, Location, Reference, Role, ScanIssue

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

TAG_KIND = kinds.OLLAMA_TAG
GGUF_KIND = kinds.GGUF_FILE
FOLDER_KIND = kinds.HF_FOLDER
DEFAULT_HOST = "registry.ollama.ai"
MAX_MANIFEST = 1 << 20
LICENCE_LAYER = "application/vnd.ollama.image.license"
MAX_LICENCE_HEAD = 16 << 10
TITLE_CONFIDENCE = 0.6  # a title line alone says which licence, not that the text is intact

_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\s+(.*)$")


def is_modelfile(rel_path: str) -> bool:
    """``Modelfile``, ``Modelfile.<x>`` or ``<x>.modelfile``."""
    base = rel_path.rsplit("/", 1)[-1].lower()
    return base == "modelfile" or base.startswith("modelfile.") or base.endswith(".modelfile")


def manifest_tag(rel_path: str) -> str | None:
    """The tag a store manifest names: ``registry.ollama.ai/library/llama3.1/8b`` is ``llama3.1:8b``."""
    parts = rel_path.split("/")
    if "manifests" not in parts:
        return None
    rest = parts[len(parts) - 1 - parts[::-1].index("manifests") + 1 :]
    if len(rest) != 4 or not all(rest):
        return None
    host, namespace, name, tag = rest
    if host == DEFAULT_HOST:
        return f"{name}:{tag}" if namespace == "library" else f"{namespace}/{name}:{tag}"
    return f"{host}/{namespace}/{name}:{tag}"


def _instructions(text: str) -> list[tuple[int, str, str]]:
    """(line, INSTRUCTION, argument) for each instruction; triple-quoted arguments span lines."""
    out: list[tuple[int, str, str]] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = _INSTRUCTION.match(lines[index])
        start = index
        index += 1
        if not match or lines[start].lstrip().startswith("#"):
            continue
        arg = match.group(2).strip()
        if arg.startswith('"""') and (len(arg) < 6 or not arg.endswith('"""')):
            body = [arg[3:]]
            while index < len(lines) and '"""' not in lines[index]:
                body.append(lines[index])
                index += 1
            if index < len(lines):
                body.append(lines[index].split('"""', 1)[0])
                index += 1
            arg = "\n".join(body)
        elif arg.startswith('"""'):
            arg = arg[3:-3]
        out.append((start + 1, match.group(1).upper(), arg))
    return out


def _weights_reference(arg: str, location: Location) -> Reference | None:
    value = arg.strip().strip("\"'")
    if not value:
        return None
    is_path = value.startswith(("./", "../", "/", "~", ".\\")) or value.lower().endswith(".gguf")
    if not is_path:
        return Reference(location=location, text=value, kind=TAG_KIND, role=Role.USE)
    name = value.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    kind = GGUF_KIND if name.lower().endswith(".gguf") else FOLDER_KIND
    return (
        Reference(location=location, text=name, kind=kind, role=Role.USE)
        if name not in ("", ".", "..")
        else None
    )


def _licence_files(text: str, location: Location, kb: KnowledgeBase) -> list[LicenceFile]:
    lowered = " ".join(text.lower().split())
    found = [
        LicenceFile(
            location=location, licence_id=t.id, kind=LicenceFileKind.AGREEMENT, confidence=TITLE_CONFIDENCE
        )
        for t in kb.licences.values()
        if t.kind == "agreement" and " ".join(t.title.lower().split()) in lowered
    ]
    found += [
        LicenceFile(
            location=location, licence_id=p.id, kind=LicenceFileKind.USE_POLICY, confidence=TITLE_CONFIDENCE
        )
        for p in kb.policies.values()
        if " ".join(p.title.lower().split()) in lowered
    ]
    return found


def modelfile_findings(text: str, rel_path: str, kb: KnowledgeBase) -> FileFindings:
    """References for FROM and ADAPTER, licence files for LICENSE blocks whose title we know."""
    refs: list[Reference] = []
    licences: list[LicenceFile] = []
    for line, instruction, arg in _instructions(text):
        location = Location(path=rel_path, line=line)
        if instruction in ("FROM", "ADAPTER"):
            ref = _weights_reference(arg, location)
            refs += [ref] if ref else []
        elif instruction == "LICENSE":
            licences += _licence_files(arg, location, kb)
    return FileFindings(references=tuple(refs), licence_files=tuple(licences))


def _licence_blobs(data: dict[str, object], manifest: Path) -> list[Path]:
    """The store blobs a manifest's licence layers point at (``<models>/blobs/sha256-<hex>``)."""
    layers = data.get("layers")
    if len(manifest.parents) <= 4 or not isinstance(layers, list):
        return []
    store = manifest.parents[4]  # <models>/manifests/<host>/<namespace>/<name>/<tag>
    digests = [
        str(layer.get("digest", ""))
        for layer in layers
        if isinstance(layer, dict) and layer.get("mediaType") == LICENCE_LAYER
    ]
    return [store / "blobs" / d.replace(":", "-") for d in digests if re.fullmatch(r"sha256:[0-9a-f]{64}", d)]


def manifest_findings(raw: bytes, rel_path: str, tag: str, path: Path, kb: KnowledgeBase) -> FileFindings:
    """A use of the tag; the manifest's licence layers too, when their title line is a known licence."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return FileFindings(issues=(ScanIssue(path=rel_path, message=f"Ollama manifest is not JSON: {exc}"),))
    if not isinstance(data, dict) or not isinstance(data.get("layers"), list):
        return FileFindings(issues=(ScanIssue(path=rel_path, message="Ollama manifest has no layers list"),))
    location = Location(path=rel_path)
    licences: list[LicenceFile] = []
    for blob in _licence_blobs(data, path):
        try:
            with blob.open("rb") as handle:  # the title is at the top; never read a whole blob
                licences += _licence_files(
                    handle.read(MAX_LICENCE_HEAD).decode("utf-8", "replace"), location, kb
                )
        except OSError:
            continue  # a pruned store: the tag still names the model
    ref = Reference(location=location, text=tag, kind=TAG_KIND, role=Role.USE)
    return FileFindings(references=(ref,), licence_files=tuple(licences))


class OllamaScanner:
    """Reads Modelfiles and Ollama store manifests."""

    name = "ollama"

    def wants(self, rel_path: str, size: int) -> bool:
        """Modelfiles by name; manifests by their place under ``manifests/<host>/<ns>/<name>/<tag>``."""
        return size <= MAX_MANIFEST and (is_modelfile(rel_path) or manifest_tag(rel_path) is not None)

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """Report what the Modelfile or manifest names; unreadable input becomes a ScanIssue."""
        try:
            raw = ctx.data if ctx.data is not None else ctx.path.read_bytes()
        except OSError as exc:
            return FileFindings(issues=(ScanIssue(path=ctx.rel_path, message=f"cannot read: {exc}"),))
        tag = manifest_tag(ctx.rel_path)
        if tag is not None and not is_modelfile(ctx.rel_path):
            return manifest_findings(raw, ctx.rel_path, tag, ctx.path, kb)
        return modelfile_findings(raw.decode("utf-8-sig", "replace"), ctx.rel_path, kb)
