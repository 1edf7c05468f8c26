"""`weightclear screen`: screen use cases against acceptable use policies."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from weightclear.aup.cases import UseCase, read_cases
from weightclear.aup.screen import differences, llama_licences, screen_all, worst
from weightclear.aup.semantic import mode as semantic_mode
from weightclear.cli.exit import ExitCode
from weightclear.errors import InputError
from weightclear.knowledge import KnowledgeBase, load
from weightclear.model import Screening, Verdict


class ScreenFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class FailOn(StrEnum):
    """The lowest verdict that makes `screen` exit 1."""

    REVIEW = "review"
    PROHIBITED = "prohibited"
    NEVER = "never"


def _licences(kb: KnowledgeBase, wanted: list[str]) -> tuple[str, ...]:
    if not wanted:
        return llama_licences(kb)
    unknown = [lid for lid in wanted if lid not in kb.licences]
    if unknown:
        known = ", ".join(sorted(kb.licences))
        raise InputError(f"unknown licence {', '.join(unknown)} (known: {known})")
    return tuple(dict.fromkeys(wanted))


def _cases(text: str | None, file: Path | None) -> list[UseCase]:
    if (text is None) == (file is None):
        raise InputError("give one use case as TEXT, or --file F (one use case per line, or JSON Lines)")
    if file is not None:
        return read_cases(file)
    assert text is not None
    if not text.strip():
        raise InputError("the use case is empty")
    return [UseCase(id="1", text=text.strip(), line=1)]


def _json_items(case: UseCase, screenings: tuple[Screening, ...], mode: str) -> Iterator[dict[str, object]]:
    for s in screenings:
        yield {
            "id": case.id,
            "mode": mode,
            "text": s.text,
            "verdict": s.verdict.value,
            "categories": [m.key for m in s.matches if m.verdict is not Verdict.PERMITTED],
            "licence": s.licence_id,
            "policy": s.policy_id,
            "reasons": [
                {
                    "category": m.key,
                    "name": m.name,
                    "verdict": m.verdict.value,
                    "section": m.section,
                    "phrases": list(m.phrases),
                }
                for m in s.matches
            ],
        }


def _why(s: Screening) -> str:
    parts = []
    for m in s.matches:
        where = f" §{m.section}" if m.section else ""
        parts.append(f"{m.key}{where} ({m.verdict.value}): " + "; ".join(f'"{p}"' for p in m.phrases))
    return "\n".join(parts) or "no sensitive use found"


def _table_rows(case: UseCase, screenings: tuple[Screening, ...]) -> Iterator[tuple[str, ...]]:
    """One row per group of licences that reach the same verdict for the same reasons."""
    groups: dict[tuple[Verdict, str], list[str]] = {}
    for s in screenings:
        groups.setdefault((s.verdict, _why(s)), []).append(s.licence_id or "(no policy)")
    for (verdict, why), licences in groups.items():
        yield case.id, case.text, verdict.value, ", ".join(licences), why


@contextmanager
def _progress(total: int) -> Iterator[Progress | None]:
    """A Rich progress bar on stderr, only when stderr is a terminal and there is enough to show."""
    console = Console(stderr=True)
    if total < 50 or not console.is_terminal:
        yield None
        return
    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        yield bar


def _run(
    cases: list[UseCase], kb: KnowledgeBase, licences: tuple[str, ...], fmt: ScreenFormat
) -> list[tuple[UseCase, tuple[Screening, ...]]]:
    """Screen every case, streaming JSON as it goes; returns the results for the summary."""
    results: list[tuple[UseCase, tuple[Screening, ...]]] = []
    mode = semantic_mode()
    out = sys.stdout
    first = True
    if fmt is ScreenFormat.JSON:
        out.write("[")
    with _progress(len(cases)) as bar:
        task = bar.add_task("screening", total=len(cases)) if bar else None
        for case in cases:
            screenings = screen_all(case.text, kb, licences)
            results.append((case, screenings))
            if fmt is ScreenFormat.JSON:
                for item in _json_items(case, screenings, mode):
                    out.write(("\n  " if first else ",\n  ") + json.dumps(item, ensure_ascii=False))
                    first = False
            if bar is not None and task is not None:
                bar.advance(task)
    if fmt is ScreenFormat.JSON:
        out.write("\n]\n" if not first else "]\n")
        out.flush()
    return results


def _print_table(results: list[tuple[UseCase, tuple[Screening, ...]]]) -> None:
    console = Console()
    table = Table(show_lines=True)
    for column in ("id", "use case", "verdict", "licences", "why: category §section (verdict): phrases"):
        table.add_column(column, overflow="fold")
    for case, screenings in results:
        for row in _table_rows(case, screenings):
            table.add_row(*row)
    console.print(table)
    for case, screenings in results:
        lines = differences(screenings)
        if lines:
            console.print(f"[bold]{case.id}[/]: versions differ: " + "; ".join(lines), highlight=False)


def _summary(results: list[tuple[UseCase, tuple[Screening, ...]]]) -> tuple[str, Verdict]:
    overall = [worst(s.verdict for s in screenings) for _, screenings in results]
    counts = {v: overall.count(v) for v in Verdict}
    differ = sum(1 for _, screenings in results if differences(screenings))
    text = (
        f"{len(results)} use case(s): {counts[Verdict.PROHIBITED]} prohibited, {counts[Verdict.REVIEW]} "
        f"review, {counts[Verdict.PERMITTED]} permitted; licence versions differ on {differ}"
    )
    return text, worst(overall)


def screen(
    text: Annotated[str | None, typer.Argument(help="The use case to screen, in plain words.")] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", help="Use cases, one per line, or JSON Lines with 'id' and 'text'."),
    ] = None,
    licence: Annotated[
        list[str] | None,
        typer.Option(
            "--licence",
            "-l",
            help="Licence whose use policy applies (repeatable; default: every Llama version).",
        ),
    ] = None,
    fmt: Annotated[ScreenFormat, typer.Option("--format", help="Output format.")] = ScreenFormat.TABLE,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest verdict that makes the exit code 1.")
    ] = FailOn.REVIEW,
) -> None:
    """Screen use cases against acceptable use policies: prohibited, review or permitted, and why.

    Concept rules decide and explain; a classifier trained on our labelled cases (word and
    character n-grams) may raise a verdict, never lower it. With the optional extra
    (pip install 'weightclear\\[semantic]') word embeddings also speak. The mode that ran is
    printed on stderr and given as "mode" in JSON (rules+classifier or rules+classifier+semantic);
    WEIGHTCLEAR_AUP_MODE=rules runs the rules alone.
    """
    kb = load()
    licences = _licences(kb, licence or [])
    cases = _cases(text, file)
    results = _run(cases, kb, licences, fmt)
    if fmt is ScreenFormat.TABLE:
        _print_table(results)
    summary, overall = _summary(results)
    Console(stderr=True).print(f"{summary} (mode: {semantic_mode()})", highlight=False)
    failing = {FailOn.REVIEW: (Verdict.REVIEW, Verdict.PROHIBITED), FailOn.PROHIBITED: (Verdict.PROHIBITED,)}
    if overall in failing.get(fail_on, ()):
        raise typer.Exit(ExitCode.FINDINGS)
