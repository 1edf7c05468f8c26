"""Benchmark: GGUF metadata of a sparse 4 GB file, our header reader against gguf.GGUFReader.

Writes two sparse 4 GiB GGUF v3 files with the `gguf` package: one with a
Llama-3-sized vocabulary (128,256 tokens, token types and scores), one that
adds 280,147 BPE merges as Llama 3 has. Both carry the licence and lineage
keys, some of them after the tokenizer block. Times, in-process and with the
files in the page cache:

* our reader (``weightclear.discovery.artefacts.gguf_header.read_header``),
  first call in the process (includes compiling its regex) and warm median;
* the same reader with the regex fast path off (the plain ``struct`` loop);
* ``gguf.GGUFReader(path)`` plus reading ``general.license``.

Then replaces its own section of docs/benchmarks.md (between the
``gguf_header`` markers) and leaves the rest of that file alone.

    python benchmarks/gguf_header.py [--runs 15] [--reader-runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import gguf
import numpy as np

from weightclear.discovery.artefacts import gguf_header
from weightclear.discovery.artefacts.gguf import wanted_key

SIZE = 4 << 30
TOKENS = 128_256
MERGES = 280_147
DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
START, END = "<!-- gguf_header:start -->", "<!-- gguf_header:end -->"


def _tokens(count: int, rng: random.Random) -> list[bytes]:
    # byte-level BPE-like strings: mostly 2-12 bytes, a long tail past 64 bytes, some multi-byte UTF-8
    alphabet = "abcdefghijklmnopqrstuvwxyzĠ0123456789"
    out = []
    for i in range(count):
        length = min(1 + int(rng.expovariate(1 / 6)), 200)
        out.append((f"{i:x}" + "".join(rng.choice(alphabet) for _ in range(length))).encode())
    return out


def write_sparse_gguf(path: Path, *, merges: bool) -> int:
    """Write the header with the `gguf` package, then extend the file to 4 GiB without writing data."""
    rng = random.Random(0)
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_name("Acme Support 8B")
    writer.add_license("llama3.1")
    writer.add_base_model_count(1)
    writer.add_base_model_repo_url(0, "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct")
    writer.add_token_list(_tokens(TOKENS, rng))
    writer.add_token_types([1] * TOKENS)
    writer.add_token_scores([0.0] * TOKENS)
    if merges:
        writer.add_token_merges(
            [f"{rng.randrange(TOKENS):x} {rng.randrange(TOKENS):x}" for _ in range(MERGES)]
        )
    writer.add_license_link("https://www.llama.com/llama3_1/license/")  # after the tokenizer block
    writer.add_tensor_info("token_embd.weight", (TOKENS, 4096), np.dtype(np.float16), TOKENS * 4096 * 2)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    writer.close()
    header_bytes = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(SIZE)  # sparse: the tensor data is a hole
    return header_bytes


def _time(call: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _ours(path: Path) -> object:
    return gguf_header.read_header(path, wanted_key).values


def _plain_loop(path: Path) -> object:
    # Switch the regex fast path off by making its chunk unreachable (benchmark only).
    saved = gguf_header._CHUNK
    gguf_header._CHUNK = 1 << 62
    try:
        return _ours(path)
    finally:
        gguf_header._CHUNK = saved


def _gguf_reader(path: Path) -> object:
    return gguf.GGUFReader(path).get_field("general.license").contents()  # type: ignore[union-attr]


def measure(path: Path, runs: int, reader_runs: int) -> dict[str, str]:
    """Median [min-max] in ms for each reader on ``path``; checks they agree on the licence."""
    assert _ours(path)["general.license"] == _gguf_reader(path) == "llama3.1"  # type: ignore[index]
    path.read_bytes()[:1]  # warm the first page
    rows = {
        "ours": _time(lambda: _ours(path), runs),
        "plain": _time(lambda: _plain_loop(path), runs),
        "reader": _time(lambda: _gguf_reader(path), reader_runs),
    }
    return {k: f"{statistics.median(v):,.1f} [{min(v):,.1f}–{max(v):,.1f}]" for k, v in rows.items()}


def _gguf_version() -> str:
    from importlib.metadata import version

    return version("gguf")


def render(
    results: list[tuple[str, int, float, dict[str, str]]], first_ms: float, runs: int, reader_runs: int
) -> str:
    """The Markdown section for docs/benchmarks.md."""
    lines = [
        START,
        "## GGUF header: metadata of a 4 GiB file",
        "",
        f"`python benchmarks/gguf_header.py` on {platform.machine()}, Python {platform.python_version()}, "
        f"gguf {_gguf_version()}; sparse 4 GiB GGUF v3 files written by the `gguf` package; "
        f"in-process, page cache warm; medians of {runs} runs "
        f"({reader_runs} for GGUFReader), ms [min–max].",
        "",
        "| file | header bytes | our reader | our reader, plain struct loop | GGUFReader + general.license |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, header_bytes, _, row in results:
        lines.append(f"| {label} | {header_bytes:,} | **{row['ours']}** | {row['plain']} | {row['reader']} |")
    lines += [
        "",
        f"First call in a fresh process (compiles the string-skipping regex once): {first_ms:,.1f} ms.",
        "Our reader walks every KV and steps over array contents (strings by their lengths) without",
        "materialising them; it stops before the tensor infos, so the tensor data are never touched.",
        "Target: under 20 ms for the 128k-token vocabulary.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(section: str, docs: Path = DOCS) -> None:
    """Replace (or append) the gguf_header section of docs/benchmarks.md."""
    text = docs.read_text(encoding="utf-8") if docs.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(text, encoding="utf-8")


def main() -> None:
    """Write the files, time the readers, update docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reader-runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for label, merges in (
            ("128,256 tokens + types + scores", False),
            ("the same + 280,147 merges", True),
        ):
            path = folder / ("vocab-merges.gguf" if merges else "vocab.gguf")
            header_bytes = write_sparse_gguf(path, merges=merges)
            if not results:
                first_ms = _time(lambda p=path: _ours(p), 1)[0]  # type: ignore[misc]
            row = measure(path, args.runs, args.reader_runs)
            print(f"{label}: header {header_bytes:,} B; {row}")
            results.append((label, header_bytes, 0.0, row))
    write_section(render(results, first_ms, args.runs, args.reader_runs))
    print(f"updated {DOCS}")


if __name__ == "__main__":
    main()
