"""`weightclear init [PATH]`: write a starter weightclear.toml from a scan of PATH."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from weightclear.context import CONFIG_NAME, DeploymentContext
from weightclear.errors import InputError
from weightclear.model import ModelUse, Role

_HEAD = """\
# weightclear.toml: the deployment facts a scan cannot see. Every key is checked;
# see docs/configuration.md. Fill in the blanks, then run `weightclear scan`.

[organisation]
name = ""
# country = "NL"                   # principal place of business, ISO 3166 alpha-2
licensee_type = "company"          # company | individual
# monthly active users of the licensee AND its affiliates, per calendar month (or one bare number)
# monthly_active_users = [{ month = "2024-06", users = 0 }]

[product]
name = {name}
# internal | hosted | api-resale | on-device | weights-published | delivered-to-client
# | recipient-integrated | end-user  (one value or a list)
distribution = "internal"
users_in_eu = false
use_case = ""                      # one or two sentences: what the product does with the models
attribution_owner = ""             # who keeps "Built with ..." on the page
# attribution_surfaces = ["web/**/*.html", "docs/**/*.md"]
"""

_MODEL = """
[[models]]                         # {licence}; found in {where}
id = {id}
access = "{access}"{pad}# self-hosted | provider-api | bundled | third-party-product
"""

#: reference kinds that name a model on someone else's API (discovery.kinds)
_PROVIDER_KINDS = frozenset(
    {"bedrock-id", "azure-id", "vertex-id", "together-id", "groq-id", "fireworks-id", "openrouter-id"}
    | {"cloudflare-id", "databricks-id", "litellm-id"}
)

_TAIL = """
# [[derivatives]]
# name = "Llama-Acme-8B"
# path = "release/acme-8b"
# base_model = ["meta-llama/Llama-3.1-8B-Instruct"]
# method = "fine-tune"             # fine-tune | lora-adapter | quantisation | merge | distillation
# exposure = "distributed"         # internal | hosted-feature | hosted-named | distributed

# [[approvals]]
# licence = "llama-3.1"
# approved_by = "Legal <legal@example.com>"
# date = 2025-01-31
"""


def starter(name: str, models: tuple[ModelUse, ...]) -> str:
    """The text of a starter weightclear.toml for a product using ``models``."""
    text = _HEAD.replace("{name}", json.dumps(name))
    for use in models:
        if use.used:
            uses = [r for r in use.references if r.role is Role.USE]
            access = "provider-api" if all(r.kind in _PROVIDER_KINDS for r in uses) else "self-hosted"
            fields = {
                "{licence}": use.licence_id or "licence unknown",
                "{where}": uses[0].location.path if uses else "?",
                "{id}": json.dumps(use.model_id),
                "{access}": access,
                "{pad}": " " * (19 - len(access)),
            }
            block = _MODEL
            for key, value in fields.items():
                block = block.replace(key, value)
            text += block
    return text + _TAIL


def init(
    path: Annotated[Path, typer.Argument(help="The project to scan; the file is written there.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing weightclear.toml.")] = False,
) -> None:
    """Scan PATH and write PATH/weightclear.toml listing the models found."""
    from weightclear.discovery import discover
    from weightclear.knowledge import load
    from weightclear.resolve import group_models

    if not path.is_dir():
        raise InputError("not a directory", path=str(path))
    target = path / CONFIG_NAME
    if target.exists() and not force:
        raise InputError("already exists; pass --force to overwrite it", path=str(target))
    kb = load()
    models = group_models(discover(path, kb), kb, DeploymentContext())
    target.write_text(starter(path.resolve().name, models), encoding="utf-8")
    typer.echo(f"wrote {target} ({sum(m.used for m in models)} model(s) found)")
