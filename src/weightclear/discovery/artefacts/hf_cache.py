"""Hugging Face cache folders: ``models--ORG--NAME`` names the repo ``ORG/NAME``.

The hub cache (``~/.cache/huggingface/hub``, ``HF_HUB_CACHE``) keeps one folder
per repo, ``models--<org>--<name>/{blobs,refs,snapshots}``; llama.cpp uses the
same layout. The walker calls :func:`reference_from_dir` for every directory.
"""

from __future__ import annotations

from weightclear.discovery import kinds
from weightclear.discovery.artefacts.common import is_hf_id
from weightclear.model import Location, Reference, Role

KIND = kinds.HF_CACHE
_PREFIX = "models--"


def repo_id_from_dir_name(name: str) -> str | None:
    """``models--meta-llama--Llama-3.1-8B`` -> ``meta-llama/Llama-3.1-8B``; None for other names."""
    if not name.startswith(_PREFIX):
        return None
    parts = name[len(_PREFIX) :].split("--")
    # the Hub forbids '--' inside org and repo names, so the split is unambiguous
    if len(parts) == 1 and parts[0]:
        return parts[0]  # legacy repos without an org (gpt2, bert-base-uncased)
    if len(parts) != 2:
        return None
    repo_id = "/".join(parts)
    return repo_id if is_hf_id(repo_id) else None


def reference_from_dir(rel_dir: str) -> Reference | None:
    """A use of ``ORG/NAME`` when the last part of ``rel_dir`` is a cache folder ``models--ORG--NAME``."""
    repo_id = repo_id_from_dir_name(rel_dir.rstrip("/").rsplit("/", 1)[-1])
    if repo_id is None:
        return None
    return Reference(location=Location(path=rel_dir.rstrip("/")), text=repo_id, kind=KIND, role=Role.USE)
