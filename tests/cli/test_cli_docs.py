"""docs/cli.md is generated from the real --help; it must match the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.conftest import REPO


def test_cli_reference_is_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_cli_docs", REPO / "scripts" / "gen_cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = Path(module.DOC).read_text(encoding="utf-8")
    assert committed == module.render(), "docs/cli.md is stale: run python scripts/gen_cli_docs.py"
