"""The per-file result cache: a re-scan reads only what changed and reports exactly what a cold scan does."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import run_cli
from discovery.conftest import write
from weightclear import cache
from weightclear.discovery.base import FileFindings
from weightclear.discovery.resultcache import RACY_NS, ResultCache, Scanned, stamp, stamps
from weightclear.model import ScanIssue

CARD = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# My fine-tune\n"
TREE = {
    "api/main.py": 'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\n',
    "worker/jobs.py": 'TAGGER = "eu.meta.llama3-2-1b-instruct-v1:0"\n',
    "deploy/Modelfile": "FROM llama3.2:3b\n",
    "README.md": "We use Llama 3.1 in production.\n",
    "models/tuned/config.json": '{"model_type": "llama", "architectures": ["LlamaForCausalLM"]}\n',
    "models/tuned/README.md": CARD,
    "notes.txt": "nothing to see here\n",
}


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def settle() -> None:
    """Wait until files written so far are older than a scan starting now minus RACY_NS (trusted)."""
    time.sleep(RACY_NS * 1.5 / 1e9)


def scan(root: Path, *extra: str) -> tuple[int, str, str]:
    result = run_cli("scan", str(root), "--format", "json", "--fail-on", "never", *extra)
    return result.exit_code, result.stdout, result.stderr


def assert_same_as_cold(root: Path) -> dict[str, object]:
    """A scan with the cache gives the bytes a cold scan (--no-cache) gives; returns the document."""
    cold = scan(root, "--no-cache")
    warm = scan(root)
    assert warm == cold
    return dict(json.loads(warm[1]))


def paths(doc: dict[str, object]) -> set[tuple[str, str]]:
    return {(r["path"], r["text"]) for r in doc["references"]}  # type: ignore[attr-defined]


def test_a_rescan_is_byte_identical_to_a_cold_scan(tmp_path: Path, cache_dir: Path) -> None:
    root = write(tmp_path / "app", TREE)
    settle()
    cold = scan(root, "--no-cache")
    assert not list(cache_dir.glob("scan-*.pickle"))  # --no-cache neither reads nor writes it
    first, second = scan(root), scan(root)
    assert first == cold and second == cold
    assert len(list(cache_dir.glob("scan-*.pickle"))) == 1
    assert ("api/main.py", "meta-llama/Llama-3.1-8B-Instruct") in paths(json.loads(second[1]))


def test_edits_deletions_and_additions_are_seen_as_a_cold_scan_sees_them(
    tmp_path: Path, cache_dir: Path
) -> None:
    root = write(tmp_path / "app", TREE)
    settle()
    scan(root)
    scan(root)
    (root / "api/main.py").write_text('MODEL = "Qwen/Qwen2.5-7B-Instruct"\n')  # another size
    doc = assert_same_as_cold(root)
    assert ("api/main.py", "Qwen/Qwen2.5-7B-Instruct") in paths(doc)
    settle()
    scan(root)
    # The same size, written right away (the racy case) and again after a pause.
    (root / "deploy/Modelfile").write_text("FROM llama3.1:8b\n")
    assert ("deploy/Modelfile", "llama3.1:8b") in paths(assert_same_as_cold(root))
    settle()
    (root / "deploy/Modelfile").write_text("FROM llama3.3:8b\n")
    assert ("deploy/Modelfile", "llama3.3:8b") in paths(assert_same_as_cold(root))
    (root / "worker/jobs.py").unlink()
    (root / "new.py").write_text('LLM = "mistralai/Mistral-7B-Instruct-v0.3"\n')
    doc = assert_same_as_cold(root)
    assert not any(path == "worker/jobs.py" for path, _ in paths(doc))
    assert ("new.py", "mistralai/Mistral-7B-Instruct-v0.3") in paths(doc)


def test_a_model_folder_is_rebuilt_from_cached_files(tmp_path: Path, cache_dir: Path) -> None:
    root = write(tmp_path / "app", TREE)
    settle()
    scan(root)
    before = assert_same_as_cold(root)
    (root / "models/tuned/README.md").write_text(CARD.replace("llama3.1", "apache-2.0"))
    after = assert_same_as_cold(root)
    assert before["model_cards"] != after["model_cards"]


def test_options_change_results_as_a_cold_scan(tmp_path: Path, cache_dir: Path) -> None:
    config = '# runs mistralai/Mistral-7B-Instruct-v0.3\n[product]\nname = "x"\n'
    root = write(tmp_path / "app", {**TREE, "deploy.toml": config})
    settle()
    scan(root)
    plain = assert_same_as_cold(root)
    cold = scan(root, "--no-cache", "--config", str(root / "deploy.toml"))
    assert scan(root, "--config", str(root / "deploy.toml")) == cold
    assert paths(json.loads(cold[1])) != paths(plain)  # the config is left out of the text pass


def test_a_corrupt_cache_file_is_ignored_with_a_warning(tmp_path: Path, cache_dir: Path) -> None:
    root = write(tmp_path / "app", TREE)
    settle()
    cold = scan(root, "--no-cache")
    scan(root)
    (written,) = cache_dir.glob("scan-*.pickle")
    written.write_bytes(b"\x80\x05not a pickle at all")
    code, out, err = scan(root)
    assert (code, out) == cold[:2]
    assert "warning: result cache" in err and "ignored" in err
    assert scan(root) == cold  # rewritten whole at the end of that scan


def test_an_unwritable_cache_folder_is_a_warning_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))  # mkdir fails, even for root
    root = write(tmp_path / "app", TREE)
    cold = scan(root, "--no-cache")
    code, out, err = scan(root)
    assert (code, out) == cold[:2]
    assert "warning: result cache not written" in err


def test_caching_off_when_the_cache_folder_is_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    root = write(tmp_path / "app", TREE)
    assert scan(root) == scan(root, "--no-cache")


# Units: the cache itself.

FOUND = Scanned(True, 3, (FileFindings(issues=(ScanIssue(path="a.py", message="m"),)),))


def test_unchanged_files_are_hits_and_only_under_the_same_key(tmp_path: Path, cache_dir: Path) -> None:
    (tmp_path / "a.py").write_text("abc")
    settle()
    first = ResultCache(tmp_path, ["kb-1", "opt"])
    assert first.get("a.py", stamp(str(tmp_path / "a.py"))) is None
    first.put("a.py", stamp(str(tmp_path / "a.py")), FOUND)
    first.put("gone.py", None, FOUND)  # could not be stat'ed: never kept
    first.save()
    again = ResultCache(tmp_path, ["kb-1", "opt"])
    now = stamp(str(tmp_path / "a.py"))
    assert now is not None and again.get("a.py", now) == FOUND
    for other in range(4):  # another size, mtime, ctime or inode (a file moved in): read again
        assert again.get("a.py", tuple(v + 1 if i == other else v for i, v in enumerate(now))) is None  # type: ignore[arg-type]
    assert again.get("gone.py", None) is None
    assert ResultCache(tmp_path, ["kb-2", "opt"]).get("a.py", stamp(str(tmp_path / "a.py"))) is None
    assert ResultCache(tmp_path / "elsewhere", ["kb-1", "opt"]).name != again.name


def test_a_file_changed_just_before_the_previous_scan_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    (tmp_path / "a.py").write_text("abc")  # no pause: within RACY_NS of the scan below
    first = ResultCache(tmp_path, ["k"])
    first.put("a.py", stamp(str(tmp_path / "a.py")), FOUND)
    first.save()
    assert ResultCache(tmp_path, ["k"]).get("a.py", stamp(str(tmp_path / "a.py"))) is None


def test_unreadable_files_are_not_kept(tmp_path: Path, cache_dir: Path) -> None:
    (tmp_path / "a.py").write_text("abc")
    settle()
    first = ResultCache(tmp_path, ["k"])
    first.put("a.py", stamp(str(tmp_path / "a.py")), FOUND._replace(cacheable=False))
    first.save()
    assert ResultCache(tmp_path, ["k"]).get("a.py", stamp(str(tmp_path / "a.py"))) is None


def test_store_returns_the_error_of_an_unwritable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "f").write_text("x")
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "f" / "sub"))
    assert isinstance(cache.store("x.bin", b"1", family="x*.bin"), OSError)
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "ok"))
    assert cache.store("x.bin", b"1", family="x*.bin") is None


def test_stamps_folder_by_folder_are_the_stamps_of_each_path(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": "1", "sub/b.py": "22", "sub/deeper/c.py": "333", "z.py": "4444"})
    paths = [
        str(tmp_path / p) for p in ("a.py", "sub/b.py", "gone.py", "sub/deeper/c.py", "nowhere/x.py", "z.py")
    ]
    found = stamps(paths)
    assert found == [stamp(p) for p in paths]
    assert [s[0] if s else None for s in found] == [1, 2, None, 3, None, 4]
