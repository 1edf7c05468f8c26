"""Read use cases from a file: one per line, or JSON Lines with ``id`` and ``text``.

The whole file is checked before any case is screened, so a bad line stops the
run with an error that names the file and line, and no half-written output.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from weightclear.errors import InputError

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")


@dataclass(frozen=True, kw_only=True)
class UseCase:
    """One use case to screen; ``id`` is the JSON ``id`` or the line number."""

    id: str
    text: str
    line: int


def _is_jsonl(path: Path, lines: list[str]) -> bool:
    if path.suffix.lower() in _JSONL_SUFFIXES:
        return True
    first = next((line.strip() for line in lines if line.strip()), "")
    return first.startswith("{")


def _from_json(raw: str, path: Path, number: int) -> UseCase:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg})", path=str(path), line=number) from None
    if not isinstance(data, dict):
        raise InputError("expected a JSON object with a 'text' key", path=str(path), line=number)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("'text' must be a non-empty string", path=str(path), line=number)
    ident = data.get("id", number)
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        raise InputError("'id' must be a string or a number", path=str(path), line=number)
    return UseCase(id=str(ident), text=text.strip(), line=number)


def read_cases(path: Path) -> list[UseCase]:
    """Every use case of ``path``; blank lines (and ``#`` comment lines in plain text) are skipped.

    Raises InputError naming the file and line for an unreadable file or a bad JSON line.
    """
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path=str(path)) from None
    lines = content.splitlines()
    jsonl = _is_jsonl(path, lines)
    cases: list[UseCase] = []
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped or (not jsonl and stripped.startswith("#")):
            continue
        cases.append(
            _from_json(stripped, path, number)
            if jsonl
            else UseCase(id=str(number), text=stripped, line=number)
        )
    if not cases:
        raise InputError("no use cases in the file", path=str(path))
    return cases
