"""Cost of scoring, as ratios to a bare-Python floor measured in the same run.

    python benchmarks/scoring.py [--list deurne/jongeren] [--sets 2000] [--repeats 15]

floor        sum(weights[i] for i in ids) over precomputed weights: the least any scorer must do
score        Scorer.score(ids): weights, combination steps, red flags and the level (what assess uses)
assess()     the whole information picture: explanation, breakdown, watch list, goals, routes

Each figure is the median over --repeats passes through the same random observation sets
(seeded, 0-15 signals each). A benchmark, not a test: read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

import ondermijning as o
from ondermijning.scoring import compile_scorer


def median_per_call(work: Callable[[], None], calls: int, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", default="deurne/jongeren", help="signal list id (default: %(default)s)")
    parser.add_argument("--sets", type=int, default=2000, help="random observation sets (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=15, help="passes; the median is shown (default: %(default)s)")
    args = parser.parse_args()

    catalog = o.load_catalog()
    sl = catalog.signal_lists[args.list]
    rng = random.Random(2026)
    ids = [s.id for s in sl.signals]
    sets = [frozenset(rng.sample(ids, rng.randint(0, 15))) for _ in range(args.sets)]
    weights = {s.id: s.weight for s in sl.signals}
    scorer = compile_scorer(sl, tuple(catalog.scoring_rules))

    def floor() -> None:
        for observed in sets:
            sum(weights[i] for i in observed)

    def score() -> None:
        for observed in sets:
            scorer.score(observed)

    few = sets[: max(1, args.sets // 10)]

    def full() -> None:
        for observed in few:
            o.assess(sl, observed, catalog=catalog)

    base = median_per_call(floor, len(sets), args.repeats)
    rows = [("floor (sum of weights)", base),
            ("score (Scorer.score)", median_per_call(score, len(sets), args.repeats)),
            ("assess() (whole picture)", median_per_call(full, len(few), args.repeats))]
    print(f"{sl.id}: {len(ids)} signals, {args.sets} observation sets, median of {args.repeats} passes")
    for name, seconds in rows:
        print(f"{name:<28} {seconds * 1e6:>9.2f} µs/call {seconds / base:>8.1f}x")


if __name__ == "__main__":
    main()
