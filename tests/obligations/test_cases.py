"""Each rule against its own cases file: the exact {code: status} of every result it returns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from obligations.wc_build import run
from weightclear.obligations.registry import RULES
from weightclear.obligations.rule import Rule, meta

CASES = Path(__file__).parent / "cases"
BY_NAME = {meta(r).name: r for r in RULES}


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append(pytest.param(path.stem, case, id=f"{path.stem}:{case['name']}"))
    return out


@pytest.mark.parametrize(("rule_name", "case"), _cases())
def test_case(rule_name: str, case: dict[str, Any]) -> None:
    rule: Rule = BY_NAME[rule_name]
    outcome = run(case, rules=(rule,))
    assert outcome.all == case["expect"], "\n".join(
        f"{r.code} {r.status}: {r.message}" for r in outcome.results
    )
    allowed = {str(c) for c in meta(rule).codes}
    assert {r.code for r in outcome.results} <= allowed
