"""The user cache: atomic writes, pruning of older files of a family, and caching switched off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from weightclear import cache


def test_store_keeps_the_newest_of_a_family(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    (tmp_path / "other.txt").write_bytes(b"not ours")
    for i in range(4):
        cache.store(f"db-{i}.bin", bytes([i]), family="db-*.bin", keep=2)
        os.utime(tmp_path / f"db-{i}.bin", (1_000 + i, 1_000 + i))  # distinct ages on any file system
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db-2.bin", "db-3.bin", "other.txt"]
    assert cache.read("db-3.bin") == b"\x03"
    assert cache.read("db-0.bin") is None
    assert not list(tmp_path.glob("*.tmp"))


def test_the_file_just_written_stays_even_when_older_ones_look_newer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    (tmp_path / "k-old.pickle").write_bytes(b"old")
    os.utime(tmp_path / "k-old.pickle", (4_000_000_000, 4_000_000_000))  # a clock set ahead
    cache.store("k-new.pickle", b"new", family="k-*.pickle")
    assert [p.name for p in tmp_path.iterdir()] == ["k-new.pickle"]


def test_an_empty_setting_turns_caching_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    cache.store("x.bin", b"x", family="x*.bin")
    assert cache.user_cache_dir() is None
    assert cache.read("x.bin") is None
