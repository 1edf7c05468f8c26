"""docs/cli.md is generated from the real --help; it must match the code."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, load_script


def test_cli_reference_is_current() -> None:
    module = load_script(REPO / "scripts" / "gen_cli_docs.py")
    committed = Path(module.DOC).read_text(encoding="utf-8")
    assert committed == module.render(), "docs/cli.md is stale: run python scripts/gen_cli_docs.py"
