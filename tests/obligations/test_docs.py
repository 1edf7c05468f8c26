"""The docs and the cases keep up with the code: every code has a rule, a page, cases and a citation."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import get_args

import pytest
import yaml
from pydantic import BaseModel
from tests.conftest import load_script

from weightclear.context import Config
from weightclear.knowledge import load
from weightclear.obligations.codes import FindingCode
from weightclear.obligations.registry import RULES
from weightclear.obligations.rule import meta, needed

REPO = Path(__file__).resolve().parents[2]
CASES = Path(__file__).parent / "cases"
FINDING = {"violated", "review"}


def _generator() -> ModuleType:
    return load_script(REPO / "scripts" / "gen_code_docs.py")


def test_code_pages_are_current() -> None:
    for name, text in _generator().pages(load()).items():
        path = REPO / "docs" / "codes" / name
        assert path.is_file(), f"docs/codes/{name} missing: run scripts/gen_code_docs.py"
        assert path.read_text(encoding="utf-8") == text, (
            f"docs/codes/{name} is stale: run scripts/gen_code_docs.py"
        )


@pytest.mark.parametrize("r", RULES, ids=[meta(r).name for r in RULES])
def test_rule_has_cases_with_a_finding_and_a_pass(r: object) -> None:
    info = meta(r)  # type: ignore[arg-type]
    path = CASES / f"{info.name}.yaml"
    assert path.is_file(), f"{path.name} missing"
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert any(set(c["expect"].values()) & FINDING for c in cases), "no violated/review case"
    assert any(not set(c["expect"].values()) & FINDING for c in cases), "no passing case"


def test_every_code_is_exercised_as_a_finding() -> None:
    seen: set[str] = set()
    for path in CASES.glob("*.yaml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            seen |= {code for code, status in case["expect"].items() if status in FINDING}
    assert {str(c) for c in FindingCode} <= seen


@pytest.mark.parametrize(
    "r", [r for r in RULES if meta(r).needs], ids=[meta(r).name for r in RULES if meta(r).needs]
)
def test_rule_rests_on_a_knowledge_citation(r: object) -> None:
    info = meta(r)  # type: ignore[arg-type]
    kb = load()
    citing = [t.id for t in kb.licences.values() if needed(t, info.needs)]
    if not citing and info.needs in ("redistribution.derivative_statement", "flow_down.required"):
        pytest.skip(f"no licence with {info.needs} in the knowledge base yet")
    assert citing, f"no licence in the knowledge base has {info.needs}"


def _keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, field in model.model_fields.items():
        out.append(name)
        inner = field.annotation
        for arg in (*get_args(inner), inner):
            for sub in (*get_args(arg), arg):
                if isinstance(sub, type) and issubclass(sub, BaseModel):
                    out += _keys(sub)
    return out


def test_every_config_key_is_documented() -> None:
    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [
        k for k in _keys(Config) if f"`{k}`" not in text and f"[{k}]" not in text and f"[[{k}]]" not in text
    ]
    assert not missing, f"docs/configuration.md does not document {missing}"


def test_ci_files_call_the_real_cli() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = " ".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in action["runs"]["steps"])
    assert "--format sarif" in steps or ("sarif" in steps and "upload-sarif" in steps)
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} >= {"weightclear"}
    assert all(h["entry"].startswith("weightclear scan") for h in hooks)
