"""Served assessments against in-process ``assess()``, measured in the same run.

    python benchmarks/serve.py [--requests 3000] [--seconds 20] [--workers 1] [--concurrency 1 10 50]

in-process   ``assess()`` on one thread over the same observation sets: the baseline
served       ``POST /api/v1/assessments`` to a live ``ondermijning serve`` on loopback, from 1, 10 and
             50 concurrent clients (keep-alive connections, asyncio, in this process); each level
             stops after --requests requests or --seconds seconds, whichever comes first

Prints throughput, p50 and p99 latency per level, the ratio of served throughput at the highest
concurrency to in-process throughput (goal: at least 25%) and p99/p50 there (goal: at most 20x).
The baseline is measured before and after the served levels and the higher figure is used, so a
busy moment during the baseline does not flatter the ratio.
The client shares the machine with the server: on two cores the ratio is a floor, not a ceiling.
The load average is printed before and after, and per level the server's CPU time per request
(its processes' user and system time from /proc, on Linux) beside the CPU time of one in-process
``assess()``: on a shared, busy machine those say more than requests per second.
A benchmark, not a test: read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import ondermijning as o


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port



def wait_until_serving(server: subprocess.Popen[bytes], host: str, port: int) -> None:
    """Return once the started server answers (a minute at most; SystemExit when it stopped or never answered)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://{host}:{port}/api/v1/packs", timeout=2).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)

def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and all its descendants (Linux /proc; NaN elsewhere)."""
    try:
        total, pending = 0.0, [pid]
        while pending:
            current = pending.pop()
            proc = Path(f"/proc/{current}")
            fields = (proc / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in (proc / "task").iterdir():
                pending.extend(int(child) for child in (task / "children").read_text(encoding="ascii").split())
        return total
    except (OSError, ValueError, IndexError):
        return float("nan")


def bodies(catalog: o.Catalog, list_id: str, count: int) -> list[dict[str, object]]:
    sl = catalog.signal_lists[list_id]
    rng = random.Random(2026)
    ids = [s.id for s in sl.signals]
    out = []
    for _ in range(count):
        chosen = rng.sample(ids, rng.randint(0, 15))
        split = rng.randint(0, len(chosen))
        out.append({"signal_list": list_id, "signals": chosen[:split], "interpretations": chosen[split:]})
    return out


def in_process(catalog: o.Catalog, requests: list[dict[str, object]], repeats: int) -> tuple[float, float]:
    """Calls per second of assess() on this thread, and CPU microseconds per call (medians of ``repeats`` passes)."""
    sl = catalog.signal_lists[str(requests[0]["signal_list"])]
    observed = [[o.Observation(signal=s) for s in r["signals"]]  # type: ignore[attr-defined]
                + [o.Observation(signal=s, kind=o.ObservationKind.INTERPRETATION)
                   for s in r["interpretations"]]  # type: ignore[attr-defined]
                for r in requests]
    rates, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for items in observed:
            o.assess(sl, items, catalog=catalog)
        rates.append(len(observed) / (time.perf_counter() - start))
        cpu.append((time.process_time() - start_cpu) / len(observed) * 1e6)
    return statistics.median(rates), statistics.median(cpu)


async def _client(host: str, port: int, payloads: list[bytes], queue: asyncio.Queue[int],
                  latencies: list[float], deadline: float) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            try:
                index = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            start = time.perf_counter()
            writer.write(payloads[index % len(payloads)])
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            if not 200 <= status < 300:
                raise RuntimeError(f"status {status}")
            latencies.append(time.perf_counter() - start)
    finally:
        writer.close()


async def load(host: str, port: int, payloads: list[bytes], clients: int, requests: int,
               seconds: float) -> tuple[float, list[float]]:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(i)
    latencies: list[float] = []
    start = time.perf_counter()
    await asyncio.gather(*(_client(host, port, payloads, queue, latencies, start + seconds)
                           for _ in range(clients)))
    return time.perf_counter() - start, latencies


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", default="deurne/jongeren", help="signal list id (default: %(default)s)")
    parser.add_argument("--requests", type=int, default=3000, help="requests per level (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=20, help="time limit per level (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default: %(default)s)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10, 50],
                        help="concurrent clients per level (default: 1 10 50)")
    args = parser.parse_args()

    catalog = o.load_catalog()
    requests = bodies(catalog, args.list, 500)
    print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f} on {} cores".format(*os.getloadavg(),
                                                                                      os.cpu_count()))
    baseline, baseline_cpu = in_process(catalog, requests, repeats=5)
    port = free_port()
    host = "127.0.0.1"
    payloads = []
    for body in requests:
        data = json.dumps(body).encode()
        payloads.append(b"POST /api/v1/assessments HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                        b"Content-Length: %d\r\n\r\n%s" % (host.encode(), port, len(data), data))
    server = subprocess.Popen([sys.executable, "-m", "ondermijning", "serve", "--port", str(port), "--workers",
                               str(args.workers), "--log-level", "warning"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(server, host, port)
        asyncio.run(load(host, port, payloads, 4, 200, 10))  # warm up: imports, caches
        print(f"in-process assess(), one thread: {baseline:8.0f} /s, {baseline_cpu:6.1f} us CPU per call (before)")
        print(f"served, {args.workers} worker(s), POST /api/v1/assessments ({args.list}, 0-15 signals):")
        print(f"{'clients':>8} {'requests':>9} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'p99/p50':>8} "
              f"{'vs in-process':>14} {'server CPU us':>14}")
        last = (0.0, 0.0, 0.0)
        for clients in args.concurrency:
            used = cpu_seconds(server.pid)
            elapsed, latencies = asyncio.run(load(host, port, payloads, clients, args.requests, args.seconds))
            per_request = (cpu_seconds(server.pid) - used) / len(latencies) * 1e6
            rate = len(latencies) / elapsed
            p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
            print(f"{clients:>8} {len(latencies):>9} {rate:>8.0f} {p50 * 1000:>8.2f} {p99 * 1000:>8.2f} "
                  f"{p99 / p50:>8.1f} {rate / baseline:>13.0%} {per_request:>14.0f}")
            last = (rate, p50, p99)
        after, after_cpu = in_process(catalog, requests, repeats=5)
        print(f"in-process assess(), one thread: {after:8.0f} /s, {after_cpu:6.1f} us CPU per call (after)")
        print("load average (1, 5, 15 min) after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        baseline = max(baseline, after)
        rate, p50, p99 = last
        print(f"goal at {args.concurrency[-1]} clients: served >= 25% of in-process: {rate / baseline:.0%} "
              f"({'met' if rate / baseline >= 0.25 else 'not met'}); p99 <= 20x p50: {p99 / p50:.1f}x "
              f"({'met' if p99 <= 20 * p50 else 'not met'})")
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
