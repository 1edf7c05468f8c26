"""Helpers of the export tests: a small product tree built in tmp_path, the CycloneDX validator."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

CONFIG = """\
[organisation]
name = "Tiny Co"
country = "US"
licensee_type = "company"
monthly_active_users = [{ month = "2024-06", users = 20_000 }]

[product]
name = "Tiny Chat"
distribution = "hosted"
use_case = "Answer questions about our product manuals."
attribution_owner = "Ann <ann@tiny.example>"

[[approvals]]
licence = "llama-3.1"
approved_by = "Legal <legal@tiny.example>"
date = 2024-09-02
reference = "LEGAL-1"
"""

CARD = """\
---
license: llama3.1
base_model: meta-llama/Llama-3.1-8B-Instruct
---
# tiny-chat-8b
"""


def build(root: Path) -> Path:
    """app.py uses Llama 3.1 8B Instruct; a fine-tune's card names it as base; About shows the string."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.py").write_text('MODEL = "meta-llama/Llama-3.1-8B-Instruct"\n', encoding="utf-8")
    (root / "models" / "tiny-chat-8b").mkdir(parents=True)
    (root / "models" / "tiny-chat-8b" / "README.md").write_text(CARD, encoding="utf-8")
    (root / "About.md").write_text("Built with Llama\n", encoding="utf-8")
    (root / "weightclear.toml").write_text(CONFIG, encoding="utf-8")
    return root


@cache
def cyclonedx_validator() -> JsonStrictValidator:
    """The library's CycloneDX 1.6 JSON validator; compiling the schema takes seconds, so once per run."""
    return JsonStrictValidator(SchemaVersion.V1_6)
