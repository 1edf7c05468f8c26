"""Reading use-case files."""

from __future__ import annotations

from pathlib import Path

import pytest

from weightclear.aup.cases import read_cases
from weightclear.errors import InputError


def test_plain_lines_skip_blanks_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "cases.txt"
    path.write_text("# header\n\n  first use  \nsecond use\n", encoding="utf-8")
    assert [(c.id, c.text, c.line) for c in read_cases(path)] == [
        ("3", "first use", 3),
        ("4", "second use", 4),
    ]


def test_jsonl_is_recognised_by_its_first_line_whatever_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "cases.txt"
    path.write_text('{"id": "a", "text": "first"}\n{"text": "second"}\n', encoding="utf-8")
    assert [(c.id, c.text) for c in read_cases(path)] == [("a", "first"), ("2", "second")]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "JSON object"),
        ('{"text": ""}', "non-empty"),
        ('{"text": "x", "id": [1]}', "'id'"),
        ('{"text": "x", "id": true}', "'id'"),
        ("{oops", "not valid JSON"),
    ],
)
def test_bad_jsonl_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_cases(path)
    assert info.value.line == 2 and info.value.path == str(path)


def test_an_empty_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n# nothing\n", encoding="utf-8")
    with pytest.raises(InputError, match="no use cases"):
        read_cases(path)


def test_undecodable_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match="cannot read"):
        read_cases(path)
