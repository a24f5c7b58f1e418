"""The register served over HTTP against the same operations in-process, on SQLite and PostgreSQL.

    python benchmarks/register_web.py [--requests 2000] [--seconds 20] [--concurrency 1 8] [--backend sqlite]

in-process   ``Register.show()`` (a case read with its purpose: a transaction and a log line) and
             ``Register.feedback()`` (a write) on one thread: the baseline
served       ``GET /api/v1/register/cases/{id}?purpose=...`` and ``POST .../feedback`` with an API token
             to a live ``ondermijning serve --db`` on loopback, from 1 and 8 concurrent clients
             (keep-alive connections, asyncio, in this process); each level stops after --requests
             requests or --seconds seconds

Prints throughput, p50 and p99 latency and the ratio to in-process per level, then checks that every
request left its line in the processing log and that the log verifies. Each request checks the token
(a SHA-256 and a database read), runs the operation's transaction with its log line, and writes the
register's JSON. The baseline is measured before and after the served levels; the higher one counts.
The clients share the machine with the server: on two cores a ratio is a floor. A benchmark, not a
test: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from serve import free_port, load, percentile, wait_until_serving  # noqa: E402

from ondermijning.assemble import load_catalog  # noqa: E402
from ondermijning.register.accounts import Accounts  # noqa: E402
from ondermijning.register.model import Actor, FeedbackStatus, Role  # noqa: E402
from ondermijning.register.service import Register  # noqa: E402
from tests.pgserver import PostgresServer, find_binaries  # noqa: E402

ADMIN = Actor(name="beheer", role=Role.ADMINISTRATOR)
CASES = 50


def seed(register: Register) -> tuple[str, list[str]]:
    """A coordinator system with a token, and cases with a picture each; the token and the case ids."""
    accounts = Accounts(register.store)
    accounts.add_user(ADMIN, "zaaksysteem", role=Role.COORDINATOR, municipality="deurne", kind="system")
    token = accounts.issue_token(ADMIN, "zaaksysteem")
    reporter = Actor(name="melder", role=Role.REPORTER, municipality="deurne")
    ids = [register.report(reporter, pseudonym=f"B-{n}-2026", municipality="deurne", signal_list="deurne/jongeren",
                           observed=["gedrag-agressief", "school-spijbelt"])[0].id for n in range(CASES)]
    return token, ids


def in_process(calls: list[Callable[[], object]], repeats: int = 3) -> float:
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for call in calls:
            call()
        rates.append(len(calls) / (time.perf_counter() - start))
    return statistics.median(rates)


def requests(host: str, port: int, token: str, ids: list[str], kind: str) -> list[bytes]:
    head = f"Host: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
    if kind == "read":
        return [f"GET /api/v1/register/cases/{i}?purpose=benchmark HTTP/1.1\r\n{head}\r\n".encode() for i in ids]
    body = json.dumps({"status": "in-progress", "message": "bezig"})
    return [(f"POST /api/v1/register/cases/{i}/feedback HTTP/1.1\r\n{head}Content-Type: application/json\r\n"
             f"Content-Length: {len(body)}\r\n\r\n{body}").encode() for i in ids]


def measure(db: str, args: argparse.Namespace, catalog: object) -> None:
    register = Register.open(db, catalog=catalog)  # type: ignore[arg-type]
    token, ids = seed(register)
    coordinator = Actor(name="coördinator", role=Role.COORDINATOR, municipality="deurne")
    work: dict[str, list[Callable[[], object]]] = {
        "read": [lambda i=i: register.show(coordinator, i, purpose="benchmark") for i in ids * 4],
        "write": [lambda i=i: register.feedback(coordinator, i, FeedbackStatus.IN_PROGRESS, message="bezig")
                  for i in ids * 2]}
    port, host = free_port(), "127.0.0.1"
    server = subprocess.Popen([sys.executable, "-m", "ondermijning", "serve", "--port", str(port), "--db", db,
                               "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    served: dict[str, list[tuple[int, int, float, float, float]]] = {"read": [], "write": []}
    before: dict[str, float] = {}
    after: dict[str, float] = {}
    try:
        wait_until_serving(server, host, port)
        asyncio.run(load(host, port, requests(host, port, token, ids, "read"), 2, 100, 10))  # warm up
        logged, done = 0, 0
        # reads first, then writes, each between its own baselines: writes lengthen the timelines reads read
        for kind in ("read", "write"):
            before[kind] = in_process(work[kind])
            payloads = requests(host, port, token, ids, kind)
            lines = len(register.log())
            for clients in args.concurrency:
                elapsed, latencies = asyncio.run(load(host, port, payloads, clients, args.requests, args.seconds))
                done += len(latencies)
                served[kind].append((clients, len(latencies), len(latencies) / elapsed,
                                     percentile(latencies, 0.5), percentile(latencies, 0.99)))
            logged += len(register.log()) - lines
            after[kind] = in_process(work[kind])
    finally:
        server.terminate()
        server.wait(timeout=15)
    verified = register.verify()
    register.dispose()
    for kind, label in (("read", "GET a case (read + log line)"), ("write", "POST feedback (write + log line)")):
        baseline = max(before[kind], after[kind])
        print(f"  {label}: in-process {before[kind]:.0f} /s before, {after[kind]:.0f} /s after")
        print(f"  {'clients':>8} {'requests':>9} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs in-process':>14}")
        for clients, count, rate, p50, p99 in served[kind]:
            print(f"  {clients:>8} {count:>9} {rate:>8.0f} {p50 * 1000:>8.2f} {p99 * 1000:>8.2f} "
                  f"{rate / baseline:>13.0%}")
    print(f"  log: {logged} new lines for {done} requests ({'each logged' if logged == done else 'MISMATCH'}); "
          f"verifies: {verified.ok} ({verified.entries} lines)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per level (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=20, help="time limit per level (default: %(default)s)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as folder:
        for backend in args.backend or ["sqlite", "postgresql"]:
            print(f"{backend}:")
            if backend == "sqlite":
                measure(str(Path(folder) / "register.sqlite3"), args, catalog)
                continue
            binaries = find_binaries()
            if binaries is None:
                print("  PostgreSQL is not installed here; skipped")
                continue
            server = PostgresServer(binaries, fast=False).start()
            try:
                measure(server.create_database("bench"), args, catalog)
            finally:
                server.stop()


if __name__ == "__main__":
    main()
