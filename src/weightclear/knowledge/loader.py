"""Load and cross-check the bundled knowledge base.

The data lives in ``knowledge/data`` as YAML (one file per licence version,
per use policy and per model family). It is validated with the pydantic
schema on first use, cross-checked (every reference between files resolves)
and summarised by a digest that every report and sign-off records.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

import pydantic
import yaml
from pydantic import ValidationError

from weightclear import cache as cache_files
from weightclear.errors import KnowledgeError
from weightclear.knowledge import schema
from weightclear.knowledge.schema import (
    SCHEMA_VERSION,
    Catalogue,
    LicenceTerms,
    ModelEntry,
    UsePolicy,
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_T = TypeVar("_T", LicenceTerms, UsePolicy, Catalogue)


@dataclass(frozen=True)
class KnowledgeBase:
    """Every licence, use policy and catalogued model, indexed by id."""

    licences: dict[str, LicenceTerms]
    policies: dict[str, UsePolicy]
    models: dict[str, ModelEntry]
    digest: str
    _by_alias: dict[str, str] = field(default_factory=dict, repr=False)

    def licence(self, licence_id: str) -> LicenceTerms:
        """The terms of ``licence_id``; raises KnowledgeError for an unknown id."""
        try:
            return self.licences[licence_id]
        except KeyError:
            raise KnowledgeError(f"unknown licence id {licence_id!r}") from None

    def policy_for(self, licence_id: str) -> UsePolicy | None:
        """The use policy a licence incorporates, if it has one."""
        aup_id = self.licence(licence_id).aup_id
        return self.policies.get(aup_id) if aup_id else None

    def model_by_alias(self, name: str) -> ModelEntry | None:
        """Exact lookup of a catalogue id or alias, case-insensitive."""
        model_id = self._by_alias.get(name.lower())
        return self.models[model_id] if model_id else None

    def licence_by_identifier(self, value: str) -> LicenceTerms | None:
        """Map an id other tools use (HF `license`, ScanCode key, SPDX id, URL) to our terms."""
        needle = value.strip().lower().rstrip("/")
        for terms in self.licences.values():
            ids = terms.identifiers
            names = {terms.id, *ids.hf, *ids.scancode, *(u.lower().rstrip("/") for u in ids.urls)}
            if ids.spdx:
                names.add(ids.spdx.lower())
            if needle in {n.lower() for n in names}:
                return terms
        return None


def _data_files(data: Traversable, folder: str) -> Iterator[Traversable]:
    root = data.joinpath(folder)
    if not root.is_dir():
        return
    for item in sorted(root.iterdir(), key=lambda t: t.name):
        if item.name.endswith((".yaml", ".yml")):
            yield item


def _read(item: Traversable) -> tuple[dict[str, object], bytes]:
    raw = item.read_bytes()
    try:
        data = yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{item.name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{item.name}: expected a mapping at the top level")
    if data.get("schema") != SCHEMA_VERSION:
        raise KnowledgeError(f"{item.name}: schema must be {SCHEMA_VERSION}, got {data.get('schema')!r}")
    return data, raw


def _validate(kind: type[_T], item: Traversable) -> tuple[_T, bytes]:
    data, raw = _read(item)
    try:
        return kind.model_validate(data), raw
    except ValidationError as exc:
        raise KnowledgeError(f"{item.name}: {exc}") from exc


def _cross_check(kb: KnowledgeBase) -> None:
    problems: list[str] = []
    for terms in kb.licences.values():
        if terms.aup_id and terms.aup_id not in kb.policies:
            problems.append(f"licence {terms.id}: aup_id {terms.aup_id!r} has no policy file")
        if terms.kind != "standard" and terms.source is None:
            problems.append(f"licence {terms.id}: no source hash (only standard licences may omit it)")
    for policy in kb.policies.values():
        problems += [
            f"policy {policy.id}: licence {lid!r} unknown"
            for lid in policy.licence_ids
            if lid not in kb.licences
        ]
    for model in kb.models.values():
        if model.licence not in kb.licences:
            problems.append(f"model {model.id}: licence {model.licence!r} unknown")
        if model.base_model and model.base_model not in kb.models:
            problems.append(f"model {model.id}: base_model {model.base_model!r} not in the catalogue")
    if problems:
        raise KnowledgeError("knowledge base is inconsistent:\n  " + "\n  ".join(problems))


def _alias_index(models: dict[str, ModelEntry]) -> dict[str, str]:
    index: dict[str, str] = {}
    for model in models.values():
        for name in (model.id, *model.aliases):
            key = name.lower()
            if index.get(key, model.id) != model.id:
                raise KnowledgeError(f"alias {name!r} names both {index[key]} and {model.id}")
            index[key] = model.id
    return index


@cache
def load() -> KnowledgeBase:
    """Load, validate and cross-check the bundled knowledge base (once per process).

    The validated result is cached under the user cache folder, keyed by a hash
    of every data file, the schema and this loader: parsing the YAML and
    validating it costs about 0.1 s, unpickling a few milliseconds.
    """
    data = resources.files("weightclear.knowledge").joinpath("data")
    key = _cache_key(data)
    cached = _read_cache(key)
    if cached is not None:
        return cached
    kb = load_from(data)
    _write_cache(key, kb)
    return kb


def _cache_key(data: Traversable) -> str:
    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}|{SCHEMA_VERSION}".encode())
    for module in (schema, sys.modules[__name__]):
        digest.update(Path(module.__file__ or "").read_bytes())
    for folder in ("licences", "aup", "models"):
        for item in _data_files(data, folder):
            digest.update(f"{folder}/{item.name}".encode() + b"\0" + item.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _read_cache(key: str) -> KnowledgeBase | None:
    blob = cache_files.read(f"knowledge-{key}.pickle")
    try:
        kb = pickle.loads(blob) if blob is not None else None  # our own file, written after validation
    except Exception:  # unreadable or from other code: load from the YAML
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def _write_cache(key: str, kb: KnowledgeBase) -> None:
    cache_files.store(
        f"knowledge-{key}.pickle",
        pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL),
        family="knowledge-*.pickle",
    )


def load_from(data: Traversable) -> KnowledgeBase:
    """Load, validate and cross-check a data folder laid out like the bundled one.

    ``data`` holds ``licences/``, ``aup/`` and ``models/``; tests and data
    reviews use it to check a tree other than the installed package's.
    """
    digest = hashlib.sha256()
    licences: dict[str, LicenceTerms] = {}
    policies: dict[str, UsePolicy] = {}
    models: dict[str, ModelEntry] = {}
    for item in _data_files(data, "licences"):
        terms, raw = _validate(LicenceTerms, item)
        if terms.id in licences:
            raise KnowledgeError(f"{item.name}: licence id {terms.id} defined twice")
        licences[terms.id] = terms
        digest.update(item.name.encode() + b"\0" + raw)
    for item in _data_files(data, "aup"):
        policy, raw = _validate(UsePolicy, item)
        policies[policy.id] = policy
        digest.update(item.name.encode() + b"\0" + raw)
    for item in _data_files(data, "models"):
        catalogue, raw = _validate(Catalogue, item)
        for entry in catalogue.models:
            if entry.id in models:
                raise KnowledgeError(f"{item.name}: model {entry.id} defined twice")
            models[entry.id] = entry
        digest.update(item.name.encode() + b"\0" + raw)
    kb = KnowledgeBase(
        licences=licences,
        policies=policies,
        models=models,
        digest=digest.hexdigest()[:16],
        _by_alias=_alias_index(models),
    )
    _cross_check(kb)
    return kb
