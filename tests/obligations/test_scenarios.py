"""Deployment scenarios: each asserts the exact set of findings (and that no others appear)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from obligations.wc_build import run

HERE = Path(__file__).parent


def _load() -> list[Any]:
    out = []
    for path in sorted(HERE.glob("scenarios_*.yaml")):
        for spec in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            out.append(pytest.param(spec, id=spec["name"]))
    return out


SCENARIOS = _load()


@pytest.mark.parametrize("spec", SCENARIOS)
def test_scenario(spec: dict[str, Any]) -> None:
    assert spec.get("clause"), "every scenario names the clause it rests on"
    outcome = run(spec)
    assert outcome.findings == spec["expect"], "\n".join(
        f"{r.code} {r.status} {r.model}: {r.message}" for r in outcome.results if r.is_finding
    )


def test_there_are_at_least_sixty_scenarios() -> None:
    assert len(SCENARIOS) >= 60
