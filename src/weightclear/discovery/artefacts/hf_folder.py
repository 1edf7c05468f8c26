"""HfFolderScanner: Hugging Face model folders (``config.json``, ``adapter_config.json``, card front matter).

The card's YAML front matter carries ``license`` / ``license_name`` /
``license_link``, ``base_model`` (an id or a list) and ``base_model_relation``
(hub-docs model-cards.md). ``config.json`` carries ``_name_or_path`` and
``architectures``; ``model_type: llama`` alone names an architecture that many
non-Meta models share (TinyLlama, OpenLLaMA, Mistral forks), so it is never
taken as a model name.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import yaml

from weightclear.discovery import kinds
from weightclear.discovery.artefacts.common import base_model_list, is_hf_id
from weightclear.discovery.base import FileContext, FileFindings
from weightclear.model import Location, ModelCard, Reference, Role, ScanIssue

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

CARD_KIND = kinds.MODEL_CARD
FOLDER_KIND = kinds.HF_FOLDER
MAX_FRONT_MATTER = 1 << 20  # quant cards copy a whole licence into extra_gated_prompt (~15 KB)
MAX_ALIASES = 32  # real cards use none; a "billion laughs" needs many
MAX_CONFIG = 8 << 20

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CARD_KEYS = ("license", "license_name", "base_model", "library_name", "pipeline_tag", "model-index")
_DATASET_KEYS = ("task_categories", "dataset_info", "configs", "size_categories")


class CardError(ValueError):
    """The front matter cannot be read safely."""


def front_matter(text: str) -> tuple[str, int] | None:
    """The YAML between a leading ``---`` line and the next ``---`` or ``...`` line, and its first line."""
    if not text.startswith("---"):
        return None
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return None
    pos = first_nl + 1
    while pos < len(text):
        end = text.find("\n", pos)
        line = text[pos : end if end >= 0 else len(text)]
        if line.rstrip() in ("---", "..."):
            return text[first_nl + 1 : pos], 2
        if pos - first_nl > MAX_FRONT_MATTER:
            raise CardError(f"front matter longer than {MAX_FRONT_MATTER} bytes")
        if end < 0:
            break
        pos = end + 1
    return None  # no closing line: a Markdown rule, not front matter


def _count_aliases(block: str) -> int:
    # Scanning tokens is linear and never expands aliases, unlike composing the document.
    tokens = yaml.scan(block, Loader=_Loader)
    return sum(1 for t in tokens if isinstance(t, yaml.AliasToken | yaml.AnchorToken))


def load_front_matter(block: str) -> dict[str, object]:
    """Parse the front matter with libyaml after rejecting alias bombs; raises CardError."""
    try:
        if ("&" in block or "*" in block) and _count_aliases(block) > MAX_ALIASES:
            raise CardError(f"more than {MAX_ALIASES} YAML anchors/aliases (refused: possible alias bomb)")
        data = yaml.load(block, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise CardError(f"front matter is not valid YAML: {str(exc).splitlines()[0]}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CardError("front matter is not a mapping")
    return data


def _str(value: object) -> str | None:
    if isinstance(value, list):  # `license: [apache-2.0, mit]`
        value = ",".join(str(v) for v in value if v is not None)
    if isinstance(value, str | int | float) and str(value).strip():
        return str(value).strip()
    return None


def _line_of(text: str, needle: str, default: int) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else default


def _card_name(data: dict[str, object], folder: str) -> str:
    index = data.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], dict) and _str(index[0].get("name")):
        return str(_str(index[0].get("name")))
    return _str(data.get("model_name")) or folder


def card_findings(text: str, rel_path: str, folder: str) -> FileFindings:
    """Findings of a README: a ModelCard, a use of each base model and of the folder's own model."""
    try:
        found = front_matter(text)
        if found is None:
            return FileFindings()
        data = load_front_matter(found[0])
    except CardError as exc:
        return FileFindings(issues=(ScanIssue(path=rel_path, line=1, message=f"model card: {exc}"),))
    if not any(k in data for k in _CARD_KEYS) or (
        any(k in data for k in _DATASET_KEYS) and "base_model" not in data
    ):
        return FileFindings()  # a Jekyll page or a dataset card, not a model card
    card = ModelCard(
        location=Location(path=rel_path),
        name=_card_name(data, folder),
        licence=_str(data.get("license")),
        licence_name=_str(data.get("license_name")),
        licence_link=_str(data.get("license_link")),
        base_models=base_model_list(data.get("base_model")),
        base_model_relation=_str(data.get("base_model_relation")),
    )
    refs = [
        Reference(location=Location(path=rel_path), text=card.name or folder, kind=FOLDER_KIND, role=Role.USE)
    ]
    refs += [
        Reference(
            location=Location(path=rel_path, line=_line_of(text, b, 1)), text=b, kind=CARD_KIND, role=Role.USE
        )
        for b in card.base_models
    ]
    return FileFindings(references=tuple(refs), model_cards=(card,))


def config_findings(raw: bytes, rel_path: str, folder: str) -> FileFindings:
    """Findings of ``config.json`` / ``adapter_config.json``: the model it was made from, else the folder."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        if b"architectures" in raw or b"model_type" in raw or b"base_model_name_or_path" in raw:
            return FileFindings(
                issues=(ScanIssue(path=rel_path, message=f"model config is not JSON: {exc}"),)
            )
        return FileFindings()  # some other tool's config.json
    if not isinstance(data, dict):
        return FileFindings()
    text = raw.decode("utf-8", "replace")
    for key in ("base_model_name_or_path", "_name_or_path"):  # adapter, then full model
        value = _str(data.get(key))
        if value and is_hf_id(value):
            line = _line_of(text, f'"{key}"', 1)
            ref = Reference(
                location=Location(path=rel_path, line=line), text=value, kind=FOLDER_KIND, role=Role.USE
            )
            return FileFindings(references=(ref,))
    if isinstance(data.get("architectures"), list) and "model_type" in data:
        # a model folder whose config does not say where it came from: its folder name is the best name
        return FileFindings(
            references=(
                Reference(location=Location(path=rel_path), text=folder, kind=FOLDER_KIND, role=Role.USE),
            )
        )
    return FileFindings()


class HfFolderScanner:
    """Reads model cards (README front matter) and model configs of Hugging Face model folders."""

    name = "hf-folder"

    def wants(self, rel_path: str, size: int) -> bool:
        """README.md, config.json and adapter_config.json, by name."""
        base = rel_path.rsplit("/", 1)[-1].lower()
        return base in ("readme.md", "config.json", "adapter_config.json") and size <= MAX_CONFIG

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """Report the card or config facts; broken JSON or YAML becomes a ScanIssue."""
        del kb
        folder = ctx.path.parent.name
        try:
            raw = ctx.data if ctx.data is not None else ctx.path.read_bytes()
        except OSError as exc:
            return FileFindings(issues=(ScanIssue(path=ctx.rel_path, message=f"cannot read: {exc}"),))
        if ctx.name.lower() == "readme.md":
            return card_findings(raw.decode("utf-8-sig", "replace"), ctx.rel_path, folder)
        return config_findings(raw, ctx.rel_path, folder)
