"""Time `weightclear scan` against ripgrep and a plain Python read of every file; write docs/benchmarks.md.

The tree is built under benchmarks/.work/ (git-ignored) from snapshots of
public repositories extracted into benchmarks/.work/src/<owner+name>/ (see
docs/discovery.md, "Benchmarks"); they are copied as many times as needed to
reach --min-files files and --min-mb megabytes. Nothing fetched is committed.
The repositories and commits are TREE below; ``--extract-from DIR`` writes
them from local git repositories DIR/<owner>+<name>[/repo], so any machine
builds the same tree.

Every command runs as its own process, once to warm the page cache, then
--runs times, interleaved; the table gives medians [min-max] and the peak
resident memory reported by /usr/bin/time -v (or getrusage where absent).

ripgrep gets the same pattern set (the discovery anchors), case-insensitive,
and the same file selection as far as its flags allow: .gitignore rules
applied outside git (--no-require-git) and hidden files included (--hidden).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- scan_speed:start -->", "<!-- scan_speed:end -->"
#: what follows this marker in the section is prose written by hand (the conditions of a run, what
#: changed); a new run replaces the table above it and keeps it
NOTES = "<!-- scan_speed:notes -->"
_DISCOVER = """
import sys
from pathlib import Path
from weightclear.discovery import discover
from weightclear.knowledge import load
from weightclear.resolve import resolve_name
from weightclear.discovery.scanners import build
kb = load()
skip = set(sys.argv[3:])
scanners = [s for s in build(kb, resolve_name) if s.name not in skip]
found = discover(Path(sys.argv[1]), kb, resolver=resolve_name, jobs=int(sys.argv[2]), scanners=scanners)
print(len(found.references))
"""
_ONE_PASS = """
import sys
from pathlib import Path
from weightclear.discovery import READ_LIMIT
from weightclear.discovery.onepass import one_pass
from weightclear.discovery.scanners import build
from weightclear.discovery.walk import Opened, is_binary, walk
from weightclear.knowledge import load
kb = load()
plan = one_pass(build(kb), kb)
n = 0
for e in walk(Path(sys.argv[1])).files:
    with Opened(e.path) as opened:  # as discover() reads: a binary first block is read no further
        data = opened.read(READ_LIMIT, text_only=True).data
    n += bool(data) and not is_binary(data) and bool(plan.hits(data))
print(n)
"""
_READ_ALL = """
import os, sys
n = 0
for top, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        try:
            with open(os.path.join(top, name), 'rb') as f:
                n += len(f.read())
        except OSError:
            pass
print(n)
"""
#: the same, but a file of 64 KiB or more whose first 64 KiB hold a NUL in their first 8 KB is read no
#: further (ripgrep stops at a binary file's first NUL; discover() reads a binary file the same way
#: when only the text scanners want it)
_READ_TEXT = """
import os, sys
n = 0
for top, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        try:
            fd = os.open(os.path.join(top, name), os.O_RDONLY)
        except OSError:
            continue
        try:
            size = os.fstat(fd).st_size
            data = os.read(fd, 65536 if size >= 65536 else size + 1)
            if size >= 65536 and data.find(b"\\0", 0, 8192) < 0:
                data += os.read(fd, size + 1 - len(data))
            n += len(data)
        finally:
            os.close(fd)
print(n)
"""
READ_TEXT = "Python read stopping at a binary first block"

#: the snapshots the tree is built from (owner/name, commit): Go with a vendored llama.cpp, Rust and
#: Python serving code, evaluation configs by the thousand, notebooks, C++ and the Llama licences
TREE: tuple[tuple[str, str], ...] = (
    ("ollama/ollama", "fb30760996871fa9460115c753afd2c60d4ab0f7"),
    ("EleutherAI/lm-evaluation-harness", "4e7e0d47f33bc71070c1d38394bafbb52b117163"),
    ("meta-llama/llama-models", "a9c89c471f793423afd4cc3ca8671d6e56fe64cb"),
    ("huggingface/text-generation-inference", "db931fcf42da018a3657580c64bf2720f167f9ab"),
    ("meta-llama/llama-cookbook", "0e0033518623d03ac5c1654bf04b7e480f7d5e5a"),
    ("mlc-ai/mlc-llm", "79d603f085f50500e9509fa01785ffa7ecfaaa93"),
    ("open-compass/opencompass", "a5acc4bba3b658f151617a3b393602110fb7a740"),
)


def write_snapshot(gitdir: Path, commit: str, dest: Path) -> None:
    """Write the files of ``commit`` into dest; blobs a partial mirror lacks (its largest) are left out."""
    git = ["git", "--git-dir", str(gitdir)]
    listing = subprocess.run([*git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
    entries = []  # (blob id, path) of regular files; links and submodules are not snapshotted
    for item in listing.split(b"\0"):
        if item:
            meta, path = item.split(b"\t", 1)
            mode, kind, blob = meta.split()
            if kind == b"blob" and mode in (b"100644", b"100755"):
                entries.append((blob, path.decode("utf-8", "surrogateescape")))
    query = b"".join(blob + b"\n" for blob, _ in entries)
    out = subprocess.run([*git, "cat-file", "--batch"], input=query, capture_output=True, check=True).stdout
    pos = 0
    for _blob, path in entries:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out[pos : pos + size])
        pos += size + 1


def extract(git_root: Path, src: Path) -> None:
    """Write every TREE snapshot from a local git repository into src/<owner+name>/ (once)."""
    for repo, commit in TREE:
        name = repo.replace("/", "+")
        dest = src / name
        if (src / f"{name}.commit").exists():
            continue
        gitdir = next((d for d in (git_root / name / "repo", git_root / name) if d.is_dir()), None)
        if gitdir is None:
            sys.exit(f"no git repository for {repo} under {git_root}")
        print(f"writing {repo}@{commit[:10]} into {dest}", file=sys.stderr)  # a minute or two per tree
        shutil.rmtree(dest, ignore_errors=True)
        write_snapshot(gitdir, commit, dest)
        (src / f"{name}.commit").write_text(commit + "\n")


def tree_size(root: Path) -> tuple[int, int]:
    """(files, bytes) under root."""
    files = size = 0
    for top, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(top, name)
            if os.path.isfile(path) and not os.path.islink(path):
                files += 1
                size += os.path.getsize(path)
    return files, size


def build_tree(src: Path, dest: Path, min_files: int, min_mb: int) -> tuple[int, int, int]:
    """Copy the snapshots under src into dest/copyN, repository by repository, until both minimums are met.

    Whole copies first; the last copy takes the repositories with the most bytes per file first, so
    the tree reaches the size without many more files than needed.
    """
    wanted = {repo.replace("/", "+") for repo, _ in TREE}
    repos = sorted(p for p in src.iterdir() if p.is_dir() and p.name in wanted)
    if len(repos) < len(wanted):
        sys.exit(f"snapshots missing under {src}: run with --extract-from DIR first")
    sizes = {repo: tree_size(repo) for repo in repos}
    files = size = 0
    plan: list[tuple[int, Path]] = []
    copy = 0
    while files < min_files or size < min_mb * 1_000_000:
        order = (
            repos
            if files + sum(f for f, _ in sizes.values()) < min_files
            else sorted(repos, key=lambda r: -sizes[r][1] / max(sizes[r][0], 1))
        )
        for repo in order:
            if files >= min_files and size >= min_mb * 1_000_000:
                break
            plan.append((copy, repo))
            files, size = files + sizes[repo][0], size + sizes[repo][1]
        copy += 1
    for index, repo in plan:
        target = dest / f"copy{index}" / repo.name
        if not target.exists():
            shutil.copytree(repo, target, symlinks=True)
    wanted = {dest / f"copy{i}" / r.name for i, r in plan}
    for extra in (p for c in dest.iterdir() for p in c.iterdir() if p not in wanted):
        shutil.rmtree(extra)
    return copy, *tree_size(dest)


def patterns_file() -> Path:
    """The one-pass pattern set (text anchors and attribution words), one regex a line, for `rg -f`."""
    sys.path.insert(0, str(REPO / "src"))
    from weightclear.discovery.onepass import OnePass
    from weightclear.discovery.scanners import build
    from weightclear.knowledge import load

    kb = load()
    engine = OnePass(build(kb), kb).engine
    path = WORK / "anchors.txt"
    # Python's re.escape writes a space as `\ `, which ripgrep's regex syntax rejects: the same literal
    regexes = [r.replace("\\ ", " ") for r in (engine.regexes if engine else ())]
    path.write_text("\n".join(regexes) + "\n")
    return path


#: every command runs as an installed package would: its modules' .pyc files written by the warm-up run
#: and read after (PYTHONDONTWRITEBYTECODE would make each start compile about 100 modules again, ~0.25 s)
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one run."""
    if Path("/usr/bin/time").exists():
        with tempfile.NamedTemporaryFile("r") as log:
            start = time.perf_counter()
            argv = ["/usr/bin/time", "-v", "-o", log.name, *cmd]
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=False, env=_ENV)
            wall = time.perf_counter() - start
            match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", log.read())
            return wall, int(match.group(1)) if match else 0
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False, env=_ENV)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


#: the user cache of the re-scan row (results of the previous scan of the tree): its own folder, filled by
#: the warm-up run, so the first-scan rows never see it
RESCAN_CACHE = WORK / "rescan-cache"
RESCAN = "weightclear scan, re-scan of the unchanged tree (result cache warm)"
STARTUP = "weightclear scan of an empty folder -f json (start-up only)"
EMPTY = WORK / "empty-folder"


def commands(tree: Path, anchors: Path) -> dict[str, list[str]]:
    """Name -> argv of every engine measured.

    The first-scan rows run with ``--no-cache``: no per-file results of an earlier scan are read or
    written (the knowledge base and pattern database caches stay warm, as in every earlier table).
    """
    weightclear = [str(Path(sys.executable).parent / "weightclear"), "scan", str(tree), "-f", "json"]
    weightclear += ["-o", os.devnull, "--fail-on", "never"]
    first = [*weightclear, "--no-cache"]
    rg = ["rg", "--hidden", "--no-require-git", "-i", "-c", "-f", str(anchors), str(tree)]
    return {
        "rg -f (2 threads)": rg,
        "rg -f -j1": [*rg[:1], "-j1", *rg[1:]],
        "weightclear scan (first scan, default automatic workers)": first,
        "weightclear scan --jobs 1 (first scan)": [*first, "--jobs", "1"],
        RESCAN: ["env", f"WEIGHTCLEAR_CACHE_DIR={RESCAN_CACHE}", *weightclear],
        "discovery only (library call)": [sys.executable, "-c", _DISCOVER, str(tree), "1"],
        "discovery without the attribution scanner": [
            sys.executable,
            "-c",
            _DISCOVER,
            str(tree),
            "1",
            "attribution",
        ],
        "one pass only (walk, read, Hyperscan)": [sys.executable, "-c", _ONE_PASS, str(tree)],
        STARTUP: [weightclear[0], "scan", str(EMPTY), "-f", "json", "--no-cache"],
        "Python read of every file": [sys.executable, "-c", _READ_ALL, str(tree)],
        READ_TEXT: [sys.executable, "-c", _READ_TEXT, str(tree)],
    }


def measure(cmds: dict[str, list[str]], runs: int, once: set[str]) -> dict[str, tuple[list[float], int]]:
    """Warm up once, then ``runs`` interleaved rounds; the engines in ``once`` run a single time."""
    for name, cmd in cmds.items():
        if name not in once:
            timed(cmd)
    walls: dict[str, list[float]] = {name: [] for name in cmds}
    peaks: dict[str, int] = dict.fromkeys(cmds, 0)
    for round_ in range(runs):
        for name, cmd in cmds.items():
            if name in once and round_:
                continue
            wall, rss = timed(cmd)
            walls[name].append(wall)
            peaks[name] = max(peaks[name], rss)
    return {name: (walls[name], peaks[name]) for name in cmds}


def render(results: dict[str, tuple[list[float], int]], copies: int, files: int, size: int, runs: int) -> str:
    """The markdown section."""
    rg = statistics.median(results["rg -f (2 threads)"][0])
    floor = statistics.median(results["Python read of every file"][0])
    lines = [
        START,
        "## Scan speed",
        "",
        f"Tree: {files:,} files, {size / 1e6:.0f} MB (snapshots of {len(TREE)} public repositories, "
        f"copied up to {copies} times: {', '.join(f'`{r}@{c[:10]}`' for r, c in TREE)}), "
        f"warm page cache, {os.cpu_count()} CPUs; medians of {runs} interleaved runs after one warm-up. "
        "Regenerate with `python benchmarks/scan_speed.py`.",
        "",
        "| engine | median s [min–max] (runs) | × rg | × Python read | MB/s | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, (walls, peak) in results.items():
        med = statistics.median(walls)
        ratios = (
            "| – | – | – "  # no tree read: ratios to the tree's engines would mean nothing
            if name == STARTUP
            else f"| {med / rg:.2f} | {med / floor:.2f} | {size / 1e6 / med:.0f} "
        )
        spread = f"{med:.2f} [{min(walls):.2f}–{max(walls):.2f}] ({len(walls)})"
        lines.append(f"| {name} | {spread} {ratios}| {peak / 1024:.0f} |")
    lines += [
        "",
        "`weightclear scan` is the whole command: start-up (the scan command's imports only), knowledge "
        "base, every scanner, resolution, obligations and the JSON report; by default (`--jobs 0`, "
        f"automatic) with {_auto_workers(files)} worker processes for this tree, and in one process with "
        "`--jobs 1`. The first-scan rows (what the speed goal names) run with `--no-cache`: every file is "
        "read and scanned; only the knowledge base and the compiled patterns come from the user cache. "
        "The re-scan row is a separate figure: the same command without `--no-cache` after the warm-up "
        "run scanned the unchanged tree, so every file's results come from the result cache (its own "
        "cache folder; the walk, a stat per file, resolution, obligations and the report still run). "
        "The start-up row is the whole command on an empty folder: interpreter, imports, knowledge base "
        "(from the user cache) and an empty JSON report. "
        "The discovery rows are `discover()` in one process with name resolution in a fresh interpreter "
        "(start-up and knowledge base included). The one-pass row is the floor of this design: the walk, "
        "a read of every file and the Hyperscan pass, without any per-hit work; since round 4 it reads "
        "a binary file's first block only and runs no pass on binary data, as discover() does. "
        '"Python read of every file" reads every byte, the binary files\' too (ripgrep skips a binary '
        "file at its first NUL); the row after it stops at a binary first block (64 KiB, a NUL in its "
        "first 8 KB), the read discover() does when only the text scanners want a file.",
        END,
    ]
    return "\n".join(lines)


def _auto_workers(files: int) -> int:
    sys.path.insert(0, str(REPO / "src"))
    from weightclear.discovery import _workers

    return _workers(0, files)


def write_section(section: str) -> None:
    """Replace our section of docs/benchmarks.md (other sections belong to other benchmarks)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in text and END in text:
        old = text[text.index(START) : text.index(END)]
        if NOTES in old:
            section = section.replace(END, old[old.index(NOTES) :].rstrip("\n") + "\n" + END)
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    """Build the tree, measure, write the section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=WORK / "src")
    parser.add_argument(
        "--extract-from",
        type=Path,
        help="write TREE's snapshots from git repositories DIR/<owner>+<name>[/repo]",
    )
    parser.add_argument("--min-files", type=int, default=20_000)
    parser.add_argument("--min-mb", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    parser.add_argument(
        "--tree", type=Path, help="measure this existing tree instead (a subset; with --no-write)"
    )
    parser.add_argument("--skip", nargs="*", default=[], help="engines to leave out")
    parser.add_argument("--once", nargs="*", default=[], help="engines to run a single time (slow ones)")
    args = parser.parse_args()
    if shutil.which("rg") is None:
        sys.exit("ripgrep (rg) is not installed: it is the reference every row is compared with")
    if args.extract_from is not None:
        extract(args.extract_from, args.src)
    shutil.rmtree(RESCAN_CACHE, ignore_errors=True)  # filled by this run's warm-up, never by older code
    EMPTY.mkdir(parents=True, exist_ok=True)
    if args.tree is not None:
        tree, (files, size), copies = args.tree, tree_size(args.tree), 0
    else:
        tree = WORK / "speed-tree"
        copies, files, size = build_tree(args.src, tree, args.min_files, args.min_mb)
    cmds = {k: v for k, v in commands(tree, patterns_file()).items() if k not in args.skip}
    results = measure(cmds, args.runs, set(args.once))
    section = render(results, copies, files, size, args.runs)
    print(section)
    if not args.no_write:
        write_section(section)


if __name__ == "__main__":
    main()
