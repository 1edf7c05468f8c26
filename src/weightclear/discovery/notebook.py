"""Jupyter notebooks: the cells people wrote, never the outputs a run left behind.

Outputs repeat whatever a run printed (download logs, model cards, tracebacks)
and say nothing about what the notebook uses, so only cell sources are
scanned. Code cells are runnable code (a name there is a use, unless in a
comment); markdown cells are prose (a mention).
"""

from __future__ import annotations

import json
from dataclasses import dataclass


class NotebookError(ValueError):
    """The file is not a readable notebook; ``line`` is where the JSON broke, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, kw_only=True)
class Cell:
    """One cell: its type, its source, and the line of the .ipynb file where its source starts."""

    cell_type: str  # code | markdown | raw
    source: str
    first_line: int | None  # 1-based line in the .ipynb file of the first source line


def read_cells(text: str) -> list[Cell]:
    """The cells of a notebook (nbformat 4; nbformat 3 worksheets too)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"malformed notebook: {exc.msg}", exc.lineno) from None
    if not isinstance(doc, dict):
        raise NotebookError("malformed notebook: not a JSON object")
    raw_cells = doc.get("cells")
    if raw_cells is None and isinstance(doc.get("worksheets"), list):
        raw_cells = [c for ws in doc["worksheets"] if isinstance(ws, dict) for c in ws.get("cells", [])]
    if not isinstance(raw_cells, list):
        raise NotebookError("malformed notebook: no list of cells")
    starts = _source_lines(text)
    cells: list[Cell] = []
    for index, cell in enumerate(raw_cells):
        if not isinstance(cell, dict):
            raise NotebookError(f"malformed notebook: cell {index + 1} is not an object")
        source = cell.get("source", cell.get("input", ""))
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            raise NotebookError(f"malformed notebook: cell {index + 1} has no text source")
        first = starts[index] if len(starts) == len(raw_cells) else None
        cells.append(Cell(cell_type=str(cell.get("cell_type", "code")), source=source, first_line=first))
    return cells


def _source_lines(text: str) -> list[int]:
    """1-based line of the first source line of each cell, by the `"source":` keys in file order.

    nbformat writes each source line on a line of its own after the key, so
    cell line N is file line first_line + N - 1. Outputs have no "source" key.
    """
    lines: list[int] = []
    pos = 0
    line = 1
    while (idx := text.find('"source":', pos)) >= 0:
        line += text.count("\n", pos, idx)
        after = text[idx + 9 : idx + 40].lstrip(" ")
        lines.append(line + 1 if after.startswith("[\n") or after.startswith("[\r") else line)
        pos = idx + 1
    return lines
