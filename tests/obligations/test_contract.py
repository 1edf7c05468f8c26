"""Contract tests over every registered rule, and the engine's invariants."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obligations.wc_build import CLEAN, merge, model_use, parse_config, to_toml
from weightclear.context import DeploymentContext
from weightclear.knowledge import load
from weightclear.model import (
    Attribution,
    Evidence,
    LicenceFile,
    LicenceFileKind,
    Location,
    NoticeFile,
    Result,
    Status,
)
from weightclear.obligations.codes import FindingCode
from weightclear.obligations.engine import evaluate
from weightclear.obligations.registry import RULES
from weightclear.obligations.rule import Facts, Rule, Scope, Shipped, meta, rule

TODAY = dt.date(2026, 6, 1)
RULE_IDS = [meta(r).name + f"-{i}" for i, r in enumerate(RULES)]


@pytest.fixture
def no_io(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Rules never read files: any open() while a rule runs fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a rule opened a file: {args[:1]}")

    monkeypatch.setattr(builtins, "open", refuse)
    yield


def _full_facts() -> list[Facts]:
    """Every licence of the knowledge base, as a model and as a derivative, with everything declared."""
    kb = load()
    ctx = parse_config(
        to_toml(merge(CLEAN, {"derivatives": [{"name": "Llama-X", "path": "rel", "base_model": ["a"]}]}))
    )
    files = tuple(
        LicenceFile(
            location=Location(path="rel/LICENSE"),
            licence_id=t.id,
            kind=LicenceFileKind.AGREEMENT,
            confidence=1.0,
        )
        for t in kb.licences.values()
    )
    shipped = Shipped(
        folders=("rel",),
        licence_files=files,
        notices=(NoticeFile(location=Location(path="rel/NOTICE"), text="x"),),
    )
    ev = Evidence(
        root=".", attributions=(Attribution(location=Location(path="a.md", line=1), text="Built with Llama"),)
    )
    out = []
    for terms in kb.licences.values():
        model = model_use({"id": f"x/{terms.id}", "licence": terms.id}, kb)
        common: dict[str, Any] = {
            "context": ctx,
            "evidence": ev,
            "today": TODAY,
            "terms": terms,
            "shipped": shipped,
        }
        out.append(Facts(model=model, surface_attributions=ev.attributions, **common))
        out.append(
            Facts(
                derivative=ctx.derivatives[0],
                derivative_index=0,
                source_licences=frozenset({terms.id}),
                **common,
            )
        )
        out.append(Facts(derivative=ctx.derivatives[0], derivative_index=0, via_outputs=True, **common))
    return out


FULL = _full_facts()


def _check(results: Any, r: Rule) -> None:
    results = tuple(results)
    assert all(isinstance(x, Result) for x in results)
    assert {x.code for x in results} <= {str(c) for c in meta(r).codes}, "a rule returns only its own codes"


@pytest.mark.parametrize("r", RULES, ids=RULE_IDS)
def test_rule_on_empty_facts(r: Rule, no_io: None) -> None:
    _check(r(Facts(context=DeploymentContext(), evidence=Evidence(root="."), today=TODAY)), r)


@pytest.mark.parametrize("r", RULES, ids=RULE_IDS)
def test_rule_on_unknown_licence(r: Rule, no_io: None) -> None:
    model = model_use({"id": "acme/x", "licence": "no-such-licence"}, load())
    _check(r(Facts(context=DeploymentContext(), evidence=Evidence(root="."), today=TODAY, model=model)), r)


@pytest.mark.parametrize("r", RULES, ids=RULE_IDS)
def test_rule_on_full_fixture(r: Rule, no_io: None) -> None:
    for facts in FULL:
        _check(r(facts), r)


def test_every_code_has_a_rule() -> None:
    claimed = {c for r in RULES for c in meta(r).codes}
    assert claimed == set(FindingCode)


def test_rule_metadata() -> None:
    names = [meta(r).name for r in RULES]
    for r in RULES:
        info = meta(r)
        assert info.scopes and info.codes and r.__doc__
        assert names.count(info.name) == 1, "one rule per module"


def test_a_crashing_rule_becomes_a_review_result() -> None:
    @rule(
        FindingCode.NOTICE_MISSING,
        scope=Scope.PRODUCT,
        needs=None,
        severity=(FindingCode and None) or __import__("weightclear.model").model.Severity.BLOCK,
    )
    def broken(facts: Facts) -> Iterator[Result]:
        raise RuntimeError("boom")
        yield  # pragma: no cover

    results = evaluate((), Evidence(root="."), DeploymentContext(), load(), rules=(broken,), today=TODAY)
    assert [(r.code, r.status) for r in results] == [("NOTICE_MISSING", Status.REVIEW)]
    assert "boom" in results[0].message
    with pytest.raises(RuntimeError):
        evaluate(
            (), Evidence(root="."), DeploymentContext(), load(), rules=(broken,), today=TODAY, strict=True
        )


MODELS = [
    "meta-llama/Llama-2-7b-hf",
    "meta-llama/Meta-Llama-3-8B",
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Llama-3.2-11B-Vision",
    "meta-llama/Llama-3.3-70B-Instruct",
    "meta-llama/Llama-4-Scout-17B-16E",
]


@settings(max_examples=25, deadline=None)
@given(st.permutations(MODELS))
def test_engine_is_deterministic_and_order_free(order: list[str]) -> None:
    kb = load()
    ctx = parse_config(to_toml(merge(CLEAN, {"organisation": {"country": "NL"}})))
    ev = Evidence(root=".")
    first = evaluate(tuple(model_use(m, kb) for m in MODELS), ev, ctx, kb, today=TODAY)
    again = evaluate(tuple(model_use(m, kb) for m in order), ev, ctx, kb, today=TODAY)
    assert first == again


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(list(FindingCode)), st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)))
def test_waiver_silences_only_its_code_while_unexpired(code: FindingCode, expires: dt.date) -> None:
    kb = load()
    waiver = {"code": str(code), "reason": "r", "approved_by": "a", "expires": expires}
    plain = parse_config(to_toml({"product": {"distribution": "hosted"}}))
    waived = parse_config(to_toml({"product": {"distribution": "hosted"}, "waivers": [waiver]}))
    models = tuple(model_use(m, kb) for m in MODELS)
    before = evaluate(models, Evidence(root="."), plain, kb, today=TODAY)
    after = evaluate(models, Evidence(root="."), waived, kb, today=TODAY)
    assert len(before) == len(after)
    for b, a in zip(before, after, strict=True):
        if b.is_finding and b.code == code and expires >= TODAY:
            assert a.waived_by and not a.is_finding
        else:
            assert a.is_finding == b.is_finding
