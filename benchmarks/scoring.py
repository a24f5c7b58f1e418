"""Cost of scoring, as ratios to a bare-Python floor measured in the same run.

    python benchmarks/scoring.py [--list deurne/jongeren] [--sets 2000] [--repeats 31]

floor        sum(weights[i] for i in ids) over precomputed weights: the least any scorer must do
score        Scorer.score(ids): weights, combination steps, red flags and the level (what assess uses)
assess()     the whole information picture: explanation, breakdown, watch list, goals, routes

Each pass runs the three in turn through the same random observation sets (seeded, 0-15 signals
each), with the garbage collector off as timeit has it. Shown: the median CPU time per call over
--repeats passes, and the median of each pass's ratio to the floor of that same pass (a machine
busy for a while slows one pass alike). A benchmark, not a test: read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable

import ondermijning as o
from ondermijning.scoring import compile_scorer


def passes(works: list[tuple[Callable[[], None], int]], repeats: int) -> list[list[float]]:
    """CPU seconds per call of each ``(work, calls)`` in every pass; each pass runs the works in turn.

    In turn, so that each pass gives ratios measured side by side: a machine busy for a while slows
    the works of that pass alike. CPU time, so that waiting for a core on a shared machine does not
    count as cost. The garbage collector is off meanwhile, as :mod:`timeit` has it: a collection
    that happens to fall in one pass walks every object of the loaded catalog and makes that pass
    several times slower, whichever work it falls in.
    """
    times: list[list[float]] = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            row = []
            for work, calls in works:
                start = time.process_time()
                work()
                row.append((time.process_time() - start) / calls)
            times.append(row)
    finally:
        if collecting:
            gc.enable()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", default="deurne/jongeren", help="signal list id (default: %(default)s)")
    parser.add_argument("--sets", type=int, default=2000, help="random observation sets (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=31, help="passes; the medians are shown (default: %(default)s)")
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

    names = ("floor (sum of weights)", "score (Scorer.score)", "assess() (whole picture)")
    measured = passes([(floor, len(sets)), (score, len(sets)), (full, len(few))], args.repeats)
    print(f"{sl.id}: {len(ids)} signals, {args.sets} observation sets, median of {args.repeats} passes")
    for k, name in enumerate(names):
        seconds = statistics.median(row[k] for row in measured)
        ratio = statistics.median(row[k] / row[0] for row in measured)  # each pass against its own floor
        print(f"{name:<28} {seconds * 1e6:>9.2f} µs/call {ratio:>8.1f}x")

if __name__ == "__main__":
    main()
