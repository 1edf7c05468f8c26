"""A loose guard on the engine's speed (the measured figures are in docs/benchmarks.md)."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

from tests.conftest import load_script

from weightclear.knowledge import load
from weightclear.obligations.engine import evaluate

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "rules_eval.py"


def test_fifty_models_evaluate_well_within_budget() -> None:
    bench = load_script(BENCH)
    kb = load()
    models, evidence, config = bench.facts(kb)
    evaluate(models, evidence, config, kb, today=dt.date(2026, 6, 1))
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        evaluate(models, evidence, config, kb, today=dt.date(2026, 6, 1))
        times.append(time.perf_counter() - t0)
    # The budget is 50 ms on a quiet machine; CI runners are shared, so only a regression fails this.
    assert statistics.median(times) < 0.25
