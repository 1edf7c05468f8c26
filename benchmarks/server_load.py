"""Load on `weightclear serve` over loopback: dashboard reads and CI scan pushes from many clients.

Starts the real server (`weightclear serve`, uvicorn) as a subprocess on a
seeded registry, on SQLite and on PostgreSQL (WEIGHTCLEAR_TEST_POSTGRES_URL,
in a schema of its own, dropped afterwards), then runs N concurrent httpx
async clients, each sending its next request as soon as the last one
answered (closed loop), bounded in count and time. Writes its section of
docs/benchmarks.md.

    .venv/bin/python benchmarks/server_load.py [--clients 50] [--requests 3000] [--seconds 30] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from weightclear import knowledge
from weightclear.outputs.json import document
from weightclear.registry.records import ChecklistItem, Decision, DeploymentInput, Request, Step
from weightclear.registry.repo import Registry
from weightclear.report import run_scan
from weightclear.server import auth, auth_tables

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- server_load:start -->", "<!-- server_load:end -->"
PG_ENV = "WEIGHTCLEAR_TEST_POSTGRES_URL"
PASSWORD = "benchmark password"
MODELS = (
    ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1"),
    ("meta-llama/Llama-3.2-3B-Instruct", "llama-3.2"),
    ("meta-llama/Meta-Llama-3-8B-Instruct", "llama-3"),
    ("meta-llama/Llama-3.3-70B-Instruct", "llama-3.3"),
)


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)  # "dashboard 409: message" -> count
    elapsed: float = 0.0

    def add(self, kind: str, seconds: float, ok: bool, reason: str = "") -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        if not ok:
            self.failures[kind] = self.failures.get(kind, 0) + 1
            self.reasons[f"{kind} {reason}"] = self.reasons.get(f"{kind} {reason}", 0) + 1


def scan_doc() -> dict[str, Any]:
    """A real scan JSON, as CI would push it."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "app.py"
        src.write_text("".join(f'm{i} = load("{m}")\n' for i, (m, _) in enumerate(MODELS[:2])))
        data: dict[str, Any] = document(run_scan(Path(tmp), knowledge.load()))
        return data


def seed(url: str) -> dict[str, str]:
    """Products with deployments, sign-offs and scans; a reviewer and a CI robot. Returns tokens."""
    kb = knowledge.load()
    with Registry.open(url) as reg:
        auth_tables.ensure(reg.engine)
        items = [
            DeploymentInput(product=f"product-{p:02d}", environment=env, model_id=m, licence_id=lic)
            for p in range(40)
            for env in ("dev", "staging", "prod")
            for m, lic in MODELS[p % 3 : p % 3 + 2]
        ]
        reg.import_deployments("seed", items)
        checklist = tuple(ChecklistItem.parse(s, "yes: seeded") for s in Step)
        for p in range(0, 40, 2):
            name = f"product-{p:02d}"
            reg.set_attribution_owner("seed", name, "Jane")
            rec = reg.request_signoff(
                "seed",
                Request(product=name, environment=None, licence_id=MODELS[p % 3][1], checklist=checklist,
                        knowledge_digest=kb.digest),
            )  # fmt: skip
            if p % 4 == 0:
                reg.decide_signoff("legal", rec.id, Decision.APPROVED)
        engine = reg.engine
        reviewer = auth.create_user(engine, "rita", auth.Role.REVIEWER, PASSWORD)
        robot = auth.create_user(engine, "ci", auth.Role.ENGINEER, None)
        return {
            "rita": auth.create_token(engine, reviewer, "bench")[1],
            "ci": auth.create_token(engine, robot, "bench")[1],
        }


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WEIGHTCLEAR_SECRET": "benchmark-secret", "WEIGHTCLEAR_DB": url}
    cmd = [sys.executable, "-m", "weightclear", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start: " + (proc.stderr.read().decode() if proc.stderr else ""))


def login(base: str) -> httpx.Cookies:
    with httpx.Client(base_url=base) as client:
        client.get("/login")
        csrf = client.cookies["wc_csrf"]
        r = client.post(
            "/login", data={"name": "rita", "password": PASSWORD, "next": "/", "csrf_token": csrf}
        )
        assert r.status_code == 303, r.text
        return client.cookies


async def load(
    base: str, cookies: httpx.Cookies, token: str, doc: dict[str, Any], *, clients: int, pushers: int,
    requests: int, seconds: float,
) -> Stats:  # fmt: skip
    """``clients`` closed-loop clients (``pushers`` of them push scans) until ``requests`` or ``seconds``."""
    stats = Stats()
    budget = [requests]
    stop_at = time.monotonic() + seconds
    body = json.dumps(doc).encode()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        pushing = n < pushers
        while budget[0] > 0 and time.monotonic() < stop_at:
            budget[0] -= 1
            t0 = time.perf_counter()
            reason = ""
            try:
                if pushing:
                    r = await http.post(
                        "/api/v1/scans", content=body,
                        params={"product": f"product-{n:02d}", "environment": "ci"},
                        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                    )  # fmt: skip
                    ok = r.status_code == 201
                    reason = f"{r.status_code} {r.text[:160]}"
                else:
                    r = await http.get("/", cookies=cookies)
                    ok = r.status_code == 200 and "Dashboard" in r.text
                    reason = f"{r.status_code} {r.text[:160]}"
            except httpx.HTTPError as exc:
                ok, reason = False, f"{type(exc).__name__} {exc}"
            stats.add("push" if pushing else "dashboard", time.perf_counter() - t0, ok, reason)

    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        await asyncio.gather(*(client(n, http) for n in range(clients)))
    stats.elapsed = time.perf_counter() - t0
    return stats


WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRKJSON {\\"requests\\": %d, \\"seconds\\": %f, \\"p50\\": %f, \\"p99\\": %f, "
    .. "\\"failed\\": %d}\\n", summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def wrk_reads(base: str, cookies: httpx.Cookies, *, clients: int, seconds: float) -> dict[str, float]:
    """Dashboard reads from ``wrk`` (C, 2 threads, ``clients`` connections, ``seconds`` long).

    Failed = socket errors (connect, read, write, timeout) plus non-2xx/3xx answers.
    """
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_DONE)
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{clients}", f"-d{max(1, int(seconds))}s", "--timeout", "10s",
             "-H", f"Cookie: {cookie}", "-s", script.name, base + "/"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    found: dict[str, float] = json.loads(line[len("WRKJSON ") :])
    return found


def wrk_row(db: str, scenario: str, r: dict[str, float]) -> str:
    return (
        f"| {db} | {scenario} (wrk) | dashboard | {r['requests']:.0f} | {r['failed']:.0f} | "
        f"{r['requests'] / r['seconds']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} |"
    )


def load_avg() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def rows(db: str, scenario: str, stats: Stats) -> list[str]:
    for reason, n in stats.reasons.items():
        print(f"failed ({db}, {scenario}) x{n}: {reason}", file=sys.stderr)
    out = []
    for kind, lat in sorted(stats.latencies.items()):
        out.append(
            f"| {db} | {scenario} | {kind} | {len(lat)} | {stats.failures.get(kind, 0)} | "
            f"{len(lat) / stats.elapsed:.0f} | {statistics.median(lat) * 1000:.1f} | {pct(lat, 0.99):.1f} |"
        )
    return out


def pg_schema_url(base: str) -> tuple[str, str]:
    schema = f"wc_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def drop_schema(base: str, schema: str) -> None:
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


GOAL_MS = 100.0
verdicts: list[str] = []


def judge(db: str, reads: Stats, mixed: Stats) -> None:
    """Record whether the dashboard met the goal, alone and under pushes: p99 under 100 ms, no failure."""
    p99 = [pct(s.latencies.get("dashboard", [0.0]), 0.99) for s in (reads, mixed)]
    met = all(p < GOAL_MS for p in p99) and not reads.failures and not mixed.failures
    verdicts.append(
        f"{db}: {'met' if met else 'NOT met'} (p99 {p99[0]:.0f} ms alone, {p99[1]:.0f} ms under pushes)"
    )


def run_db(db: str, url: str, args: argparse.Namespace, doc: dict[str, Any]) -> list[str]:
    tokens = seed(url)
    port = 18000 + os.getpid() % 1000
    proc = start_server(url, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        cookies = login(base)
        # Warm-up: templates compiled, pools filled, the dashboard computed once.
        asyncio.run(load(base, cookies, tokens["ci"], doc, clients=4, pushers=0, requests=40, seconds=10))
        common = {"requests": args.requests, "seconds": args.seconds}
        if args.generator == "wrk":
            return run_wrk(db, base, cookies, tokens["ci"], doc, args)
        reads = asyncio.run(load(base, cookies, tokens["ci"], doc, clients=args.clients, pushers=0, **common))
        mixed = asyncio.run(load(base, cookies, tokens["ci"], doc, clients=args.clients, pushers=5, **common))
        judge(db, reads, mixed)
        return rows(db, "dashboard only", reads) + rows(db, "dashboard + 5 pushing", mixed)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def run_wrk(
    db: str, base: str, cookies: httpx.Cookies, token: str, doc: dict[str, Any], args: argparse.Namespace
) -> list[str]:
    """Reads from wrk alone, then wrk reads while 5 Python clients push scans."""
    reads = wrk_reads(base, cookies, clients=args.clients, seconds=args.seconds)
    pushes: list[Stats] = []
    pusher = threading.Thread(
        target=lambda: pushes.append(
            asyncio.run(
                load(
                    base,
                    cookies,
                    token,
                    doc,
                    clients=5,
                    pushers=5,
                    requests=args.requests,
                    seconds=args.seconds,
                )
            )
        )
    )
    pusher.start()
    mixed = wrk_reads(base, cookies, clients=args.clients, seconds=args.seconds)
    pusher.join()
    ok = all(r["failed"] == 0 and r["p99"] < GOAL_MS for r in (reads, mixed)) and not pushes[0].failures
    verdicts.append(
        f"{db}: {'met' if ok else 'NOT met'} "
        f"(p99 {reads['p99']:.0f} ms alone, {mixed['p99']:.0f} ms under pushes)"
    )
    return [
        wrk_row(db, "dashboard only", reads),
        wrk_row(db, "dashboard + 5 pushing", mixed),
        *rows(db, "dashboard + 5 pushing", pushes[0]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument(
        "--generator", choices=["wrk", "httpx"], default="wrk" if shutil.which("wrk") else "httpx",
        help="load generator for the reads: wrk (apt-get install wrk) when installed, else Python httpx",
    )  # fmt: skip
    args = parser.parse_args()
    start_load = load_avg()
    doc = scan_doc()
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        table += run_db("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args, doc)
    pg = os.environ.get(PG_ENV)
    if pg:
        url, schema = pg_schema_url(pg)
        try:
            table += run_db("PostgreSQL", url, args, doc)
        finally:
            drop_schema(pg, schema)
    section = "\n".join(
        [
            START,
            "## Server load (`benchmarks/server_load.py`)",
            "",
            f"`weightclear serve` with {args.workers} uvicorn worker(s) on loopback, "
            f"{args.clients} concurrent closed-loop clients on the same machine ("
            + (
                "reads from `wrk -t2 --latency`, time-bounded; pushes from 5 Python httpx clients; "
                if args.generator == "wrk"
                else "Python httpx, in one process; "
            )
            + "access log off), "
            f"at most {args.requests} requests or {args.seconds:.0f} s per scenario; "
            "registry seeded with 40 products, 240 deployments, 20 sign-offs. "
            "The dashboard is the full HTML page (logged in); a push is the JSON of a real scan "
            "sent to `POST /api/v1/scans`. "
            f"Machine: {os.cpu_count()} shared cores (load average {start_load} at the start), "
            f"Python {platform.python_version()}.",
            "",
            "| database | scenario | request | count | failed | per second | p50 ms | p99 ms |",
            "|---|---|---|---:|---:|---:|---:|---:|",
            *table,
            "",
            f"Goal (dashboard p99 under {GOAL_MS:.0f} ms at {args.clients} clients, no failed request): "
            + "; ".join(verdicts)
            + ". With closed-loop clients the mean latency is clients / throughput (Little's law), so the "
            f"goal needs well over {args.clients * 1000 / GOAL_MS:.0f} dashboards per second from these "
            "cores. "
            "A dashboard read is served on the event loop from figures kept in memory (checked against "
            "the audit head at most every 2 s in the background, recomputed only when it moved, so a burst "
            "of pushes costs one recompute per 2 s) and a page rendered once per viewer: no database "
            "query, no worker thread. The load generator, the server workers and other jobs share the "
            "same two cores, so the figures move with the machine's load.",
            END,
        ]
    )
    print(section)
    if not args.no_docs:
        current = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
        if START in current and END in current:
            head, rest = current.split(START, 1)
            DOCS.write_text(head + section + rest.split(END, 1)[1])
        else:
            DOCS.write_text(current.rstrip("\n") + "\n\n" + section + "\n")


if __name__ == "__main__":
    main()
