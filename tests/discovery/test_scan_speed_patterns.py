"""The speed benchmark's pattern file must be one ripgrep accepts, or ripgrep times an error.

Python's `re.escape` writes a space as `\\ `, which ripgrep's regex syntax rejects; catalogue aliases
with a space (`mathstral 7b`) put one in the file from session 7 until this was caught. Since Mathstral
became a family word of its own, no spaced alias is an anchor; the check stays for any that comes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, load_script


def test_the_pattern_file_is_plain_enough_for_ripgrep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    speed = load_script(REPO / "benchmarks" / "scan_speed.py")
    monkeypatch.setattr(speed, "WORK", tmp_path)
    lines = speed.patterns_file().read_text().splitlines()
    assert any("mathstral" in line for line in lines)  # a family word since session 10 (an alias before)
    assert not [line for line in lines if "\\ " in line]
    for line in lines:
        re.compile(line)
    if shutil.which("rg") is None:
        return  # ripgrep is not installed here: the escape check above is the regression test
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "a.md").write_text("We run Mathstral 7B.\n")
    done = subprocess.run(
        ["rg", "-i", "-c", "-f", str(tmp_path / "anchors.txt"), str(tmp_path / "tree")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
