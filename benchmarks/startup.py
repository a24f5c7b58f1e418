"""Startup cost of the command line, as ratios to a bare ``python -c pass`` measured in the same run.

    python benchmarks/startup.py [--runs 15]

Prints the median wall time of each command over the runs and its ratio to the baseline.
This is a benchmark, not a test: machines here are shared and noisy, so read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "ondermijning --version": [sys.executable, "-m", "ondermijning", "--version"],
    "ondermijning packs": [sys.executable, "-m", "ondermijning", "packs"],
    "ondermijning validate": [sys.executable, "-m", "ondermijning", "validate"],
}


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (median of these; default 15)")
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("--runs must be at least 10 for a meaningful median")
    baseline = None
    print(f"{'command':<30} {'median':>9} {'ratio':>7}   ({args.runs} runs each)")
    for name, command in COMMANDS.items():
        seconds = median_seconds(command, args.runs)
        baseline = baseline or seconds
        print(f"{name:<30} {seconds * 1000:>7.1f}ms {seconds / baseline:>6.1f}x")


if __name__ == "__main__":
    main()
