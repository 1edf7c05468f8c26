"""Measure the obligations engine on a product with 50 models and write docs/benchmarks.md.

    .venv/bin/python benchmarks/rules_eval.py            # measure and write the doc section
    .venv/bin/python benchmarks/rules_eval.py --print    # measure only

The scan is not timed: the facts (models, evidence, weightclear.toml) are built
first, as `run_scan` has them after discovery and resolution; then `evaluate`
runs every rule over them. Only this script's section of the doc is replaced.
"""

from __future__ import annotations

import datetime as dt
import itertools
import platform
import statistics
import sys
import time
from pathlib import Path

from weightclear.context import DeploymentContext, parse_config
from weightclear.knowledge import KnowledgeBase, load
from weightclear.model import (
    Attribution,
    Evidence,
    LicenceFile,
    LicenceFileKind,
    Location,
    ModelUse,
    NoticeFile,
    Reference,
    Role,
)
from weightclear.obligations.engine import evaluate
from weightclear.obligations.registry import RULES

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- rules_eval:start -->", "<!-- rules_eval:end -->"
MODELS = 50
DERIVATIVES = 10
ROUNDS = 200


def facts(kb: KnowledgeBase) -> tuple[tuple[ModelUse, ...], Evidence, DeploymentContext]:
    """A product using MODELS catalogue models, with DERIVATIVES shipped derivatives and full evidence."""
    catalogue = sorted(kb.models.values(), key=lambda m: m.id)
    models = tuple(
        ModelUse(
            model_id=f"{entry.id}#{i}",  # distinct uses even when the catalogue is small
            family=entry.family,
            licence_id=entry.licence,
            modality=entry.modality,
            references=tuple(
                Reference(
                    location=Location(path=f"src/svc{i}/m{j}.py", line=j + 1),
                    text=entry.id,
                    kind="hf-id",
                    role=Role.USE,
                )
                for j in range(3)
            ),
        )
        for i, entry in zip(range(MODELS), itertools.cycle(catalogue), strict=False)
    )
    derivs = "\n".join(
        f'[[derivatives]]\nname = "Llama-Acme-{i}"\npath = "release/d{i}"\n'
        f'base_model = ["{catalogue[i % len(catalogue)].id}"]\n'
        for i in range(DERIVATIVES)
    )
    config = parse_config(
        '[organisation]\ncountry = "NL"\nmonthly_active_users = 5_000_000\n'
        '[product]\ndistribution = ["hosted", "on-device"]\nuse_case = "Answer support questions."\n'
        'attribution_owner = "Jane"\nattribution_surfaces = ["web/**", "docs/**/*.md"]\n'
        '[[approvals]]\nlicence = "llama-3.1"\napproved_by = "Legal"\ndate = 2025-01-02\n'
        '[[waivers]]\ncode = "NOTICE_MISSING"\nreason = "r"\napproved_by = "Legal"\nexpires = 2099-01-01\n'
        + derivs
    )
    evidence = Evidence(
        root=".",
        attributions=tuple(
            Attribution(location=Location(path=f"web/p{i}.tsx", line=3), text="Built with Llama")
            for i in range(20)
        ),
        notices=tuple(
            NoticeFile(location=Location(path=f"release/d{i}/NOTICE"), text="notice")
            for i in range(DERIVATIVES)
        ),
        licence_files=tuple(
            LicenceFile(
                location=Location(path=f"release/d{i}/LICENSE"),
                licence_id="llama-3.1",
                kind=LicenceFileKind.AGREEMENT,
                confidence=1.0,
            )
            for i in range(DERIVATIVES)
        ),
    )
    return models, evidence, config


def measure() -> dict[str, float | int]:
    """Median, p90 and max milliseconds of one evaluate() over ROUNDS runs (after a warm-up)."""
    kb = load()
    models, evidence, config = facts(kb)
    today = dt.date(2026, 6, 1)
    results = evaluate(models, evidence, config, kb, today=today)  # warm-up: imports, pathspec compile
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        evaluate(models, evidence, config, kb, today=today)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "median": statistics.median(times),
        "p90": times[int(len(times) * 0.9)],
        "max": times[-1],
        "results": len(results),
        "rules": len(RULES),
    }


def section(m: dict[str, float | int]) -> str:
    """The Markdown section for docs/benchmarks.md."""
    return "\n".join(
        [
            START,
            "## Obligations engine (`benchmarks/rules_eval.py`)",
            "",
            f"One `evaluate()` over a product with {MODELS} models ({DERIVATIVES} shipped derivatives,",
            "20 display strings, licence copies and Notices, approvals and a waiver):",
            f"{m['rules']} rules, {m['results']} results. {ROUNDS} runs after one warm-up,",
            f"{platform.python_implementation()} {platform.python_version()}, on the shared 2-core machine.",
            "The scan itself is not included (see the scan benchmark).",
            "",
            "| median | p90 | max | budget |",
            "|---:|---:|---:|---:|",
            f"| {m['median']:.1f} ms | {m['p90']:.1f} ms | {m['max']:.1f} ms | 50 ms |",
            "",
            END,
        ]
    )


def write(text: str) -> None:
    """Replace this script's section of docs/benchmarks.md (create the file when missing)."""
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in doc and END in doc:
        head, rest = doc.split(START, 1)
        doc = head + text + rest.split(END, 1)[1]
    else:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    DOC.write_text(doc, encoding="utf-8")


def main(argv: list[str]) -> int:
    """Measure; write the doc section unless --print."""
    figures = measure()
    text = section(figures)
    print(text)
    if "--print" not in argv:
        write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
