"""GGUF header reader and scanner: same values as gguf.GGUFReader, issues (never exceptions) on bad input."""

from __future__ import annotations

import contextlib
import struct
import time
from pathlib import Path

import gguf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.artefacts.ggufs import write_gguf

from weightclear.discovery.artefacts.gguf import GgufScanner, wanted_key
from weightclear.discovery.artefacts.gguf_header import GgufFormatError, parse_header, read_header
from weightclear.discovery.base import FileContext, FileFindings
from weightclear.knowledge import load


def scan(path: Path, data: bytes | None = None) -> FileFindings:
    ctx = FileContext(path=path, rel_path=f"models/{path.name}", size=path.stat().st_size, data=data)
    return GgufScanner().scan(ctx, load())


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_gguf(tmp_path_factory.mktemp("gguf") / "acme-support-8b.Q4_K_M.gguf")


def test_reads_the_same_general_values_as_gguf_reader(sample: Path) -> None:
    reader = gguf.GGUFReader(sample)
    expected = {k: f.contents() for k, f in reader.fields.items() if k.startswith("general.")}
    header = read_header(sample, wanted_key)
    assert header.values == expected
    assert (
        header.values["general.license.link"] == "https://www.llama.com/llama3_1/license/"
    )  # after tokenizer
    assert header.kv_count == len(reader.fields) - 3  # GGUFReader also lists GGUF.version / counts
    assert header.tensor_count == 1


def test_scanner_reports_card_and_reference(sample: Path) -> None:
    found = scan(sample)
    assert found.issues == ()
    (card,) = found.model_cards
    assert card.name == "Acme Support 8B"
    assert card.licence == "llama3.1"
    assert card.licence_name == "llama3.1-community"
    assert card.base_models == ("meta-llama/Llama-3.1-8B-Instruct", "Local Base")
    (ref,) = found.references
    assert (ref.text, ref.kind, ref.role.value, ref.location.path) == (
        "Acme Support 8B",
        "gguf-file",
        "use",
        "models/acme-support-8b.Q4_K_M.gguf",
    )


def test_source_repository_is_the_preferred_name(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "x.gguf", source="bartowski/Llama-3.2-1B-Instruct-GGUF")
    assert scan(path).references[0].text == "bartowski/Llama-3.2-1B-Instruct-GGUF"


def test_bytes_already_read_give_the_same_findings(sample: Path) -> None:
    assert scan(sample, sample.read_bytes()) == scan(sample)


def test_big_endian_file(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "be.gguf", endianess=gguf.GGUFEndian.BIG)
    assert read_header(path, wanted_key).values["general.license"] == "llama3.1"


def test_truncated_at_every_offset_is_an_issue(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "small.gguf", tokens=[b"a", b"bb", b"x" * 100])
    data = path.read_bytes()
    end = parse_header(data, wanted_key).header_end
    cut = tmp_path / "cut.gguf"
    for size in range(end):
        cut.write_bytes(data[:size])
        found = scan(cut)
        assert len(found.issues) == 1 and not found.references, size
        assert found.issues[0].path == "models/cut.gguf"
    cut.write_bytes(data[:end])  # the tensor infos are never read
    assert scan(cut).issues == ()


def _patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    return data[:offset] + struct.pack(fmt, value) + data[offset + struct.calcsize(fmt) :]


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (lambda d: b"GGUX" + d[4:], "not a GGUF file"),
        (lambda d: _patched(d, 4, "<I", 1), "unsupported GGUF version 1"),
        (lambda d: _patched(d, 4, "<I", 4), "unsupported GGUF version 4"),
        (lambda d: _patched(d, 16, "<Q", 2**62), "KV count"),
        (lambda d: _patched(d, 24, "<Q", 2**40), "claims"),  # first key length beyond the key limit
        (lambda d: _patched(d, 24, "<Q", 60_000), "truncated"),  # key length beyond the end of the file
        (lambda d: _patched(d, d.index(b"tokenizer.ggml.tokens") + 21 + 8, "<Q", 2**61), "string array"),
        (lambda d: _patched(d, d.index(b"tokenizer.ggml.tokens") + 21 + 16, "<Q", 2**50), "truncated"),
        (lambda d: _patched(d, d.index(b"tokenizer.ggml.token_type") + 25 + 8, "<Q", 2**60), "array of"),
        (lambda d: _patched(d, d.index(b"general.architecture") + 20, "<I", 99), "unknown value type 99"),
    ],
)
def test_lying_or_wrong_headers_are_issues(tmp_path: Path, patch: object, message: str) -> None:
    data = write_gguf(tmp_path / "ok.gguf", tokens=[b"a", b"bb"]).read_bytes()
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(patch(data))  # type: ignore[operator]
    (issue,) = scan(bad).issues
    assert message in issue.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 600), st.integers(0, 255)), min_size=1, max_size=6))
def test_random_corruption_never_raises(tmp_path: Path, edits: list[tuple[int, int]]) -> None:
    data = bytearray(write_gguf(tmp_path / "fuzz.gguf", tokens=[b"a", b"bc", b"d" * 70]).read_bytes())
    for offset, value in edits:
        data[offset % len(data)] = value
    with contextlib.suppress(GgufFormatError):
        parse_header(bytes(data), wanted_key)


def test_a_sparse_4_gb_file_reads_its_header_only(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "big.gguf")
    with path.open("r+b") as handle:
        handle.truncate(4 << 30)  # sparse: the size must not matter, only the header
    start = time.perf_counter()
    found = scan(path)
    elapsed = time.perf_counter() - start
    assert found.model_cards[0].licence == "llama3.1"
    assert elapsed < 0.5


def test_wants_gguf_files_only() -> None:
    scanner = GgufScanner()
    assert scanner.wants("a/b/Model-Q4_K_M.GGUF", 10)
    assert not scanner.wants("a/b/model.safetensors", 10)
