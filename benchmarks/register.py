"""The register under load: 8 concurrent writers, 10,000 operations, on SQLite and PostgreSQL.

    python benchmarks/register.py [--writers 8] [--ops 10000] [--backend sqlite --backend postgresql]

For each backend, in a new database: first one writer alone does ops/writers operations (the
baseline), then --writers processes do --ops operations together (cases opened, pictures
assessed, judgements with the optimistic version check, feedback, reads; every one a
transaction with its processing-log line). Then the same check as the test suite: every
reported operation is in the database exactly once, every timeline is whole, the log verifies.
PostgreSQL is a throw-away server started here with its normal durability (fsync on), SQLite
a file with synchronous=FULL. A benchmark, not a test: read the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ondermijning.assemble import load_catalog  # noqa: E402
from ondermijning.register.service import Register  # noqa: E402
from tests.pgserver import PostgresServer, find_binaries  # noqa: E402
from tests.register.load import check, prepare, run_writers  # noqa: E402


def measure(db: str, writers: int, ops: int, catalog: object) -> dict[str, float]:
    register = Register.open(db, catalog=catalog)  # type: ignore[arg-type]
    try:
        shared = prepare(register, 5)
        start = time.perf_counter()
        reports = run_writers(db, writers, ops // writers, shared)
        wall = time.perf_counter() - start
        totals = check(register, reports, shared)
    finally:
        register.dispose()
    # each writer's own time excludes its start-up (imports, catalog), which is not the register's cost
    busy = max(r["seconds"] for r in reports)
    return {"wall": wall, "busy": busy, "ops": writers * (ops // writers), **totals}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--ops", type=int, default=10_000, help="operations in all (default: %(default)s)")
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    backends = args.backend or ["sqlite", "postgresql"]
    catalog = load_catalog()
    server = None
    with tempfile.TemporaryDirectory() as folder:
        try:
            for backend in backends:
                def database(name: str, backend: str = backend) -> str:
                    nonlocal server
                    if backend == "sqlite":
                        return str(Path(folder) / f"{name}.sqlite3")
                    if server is None:
                        binaries = find_binaries()
                        if binaries is None:
                            raise SystemExit("PostgreSQL is not installed (initdb, pg_ctl)")
                        server = PostgresServer(binaries, fast=False).start()
                    return server.create_database(name)

                alone = measure(database(f"alone_{backend}"), 1, args.ops // args.writers, catalog)
                together = measure(database(f"load_{backend}"), args.writers, args.ops, catalog)
                rate_alone = alone["ops"] / alone["busy"]
                rate = together["ops"] / together["busy"]
                print(f"{backend}: {together['ops']:,} operations by {args.writers} writers in "
                      f"{together['busy']:.1f} s ({rate:,.0f} ops/s; wall {together['wall']:.1f} s with start-up); "
                      f"one writer alone: {rate_alone:,.0f} ops/s; ratio {rate / rate_alone:.2f}")
                print(f"    {together['cases']:,} cases, {together['entries']:,} entries, "
                      f"{together['log']:,} log lines, {together['conflicts']:,} version conflicts retried; "
                      "nothing lost or doubled; log verifies")
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()
