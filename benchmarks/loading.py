"""Loading and validating large packs: time against a bare ``tomllib`` parse of the same files.

    python benchmarks/loading.py [--sizes 1000,10000,100000] [--repeats 3]

For each size a pack is generated with that many signals (lists of 1,000 signals, one list a
file, each with its categories, themes and a golden example) and, in a fresh interpreter:

parse        tomllib.loads of every file of the pack: the least any loader must do
load         ondermijning.load_catalog([pack], autoload=False): the pack and the built-ins (their rules)
validate     validate_catalog on that catalog (every rule)

Printed: the median of ``--repeats`` runs of each, the ratio (load + validate) / parse, how the
time grows from one size to the next (ten times the signals should take about ten times as
long), and the memory the loaded catalog holds (peak resident size after minus before).
Packs this large need ``ONDERMIJNING_MAX_ITEMS`` (set here); the default limit is 5,000 items.
A benchmark, not a test: read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PER_LIST = 1000
THEMES = 10
CATEGORIES = 9

_CHILD = r"""
import json, resource, statistics, sys, time, tomllib
from pathlib import Path
folder, repeats = Path(sys.argv[1]), int(sys.argv[2])
files = sorted(folder.glob("*.toml"))
def parse():
    for f in files:
        tomllib.loads(f.read_text(encoding="utf-8"))
import ondermijning as o
from ondermijning.validate import validate_catalog
parse_t, load_t, validate_t, memory = [], [], [], []
for _ in range(repeats):
    t = time.perf_counter(); parse(); parse_t.append(time.perf_counter() - t)
for _ in range(repeats):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    catalog = o.load_catalog([folder], autoload=False)
    load_t.append(time.perf_counter() - t)
    memory.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    t = time.perf_counter()
    problems = validate_catalog(catalog)
    validate_t.append(time.perf_counter() - t)
    assert not [p for p in problems if p.severity.value == "error"], problems[:3]
    mine = sum(1 for key in catalog.signals if key.startswith("groot/"))  # the built-in lists have signals too
    assert mine == int(sys.argv[3]), mine
    del catalog, problems
print(json.dumps({"parse": statistics.median(parse_t), "load": statistics.median(load_t),
                  "validate": statistics.median(validate_t), "memory_kb": memory[0]}))
"""


def write_pack(folder: Path, signals: int) -> None:
    source = '{ publication = "Benchmark", section = "§1" }'
    themes = "".join(f'\n[[themes]]\nid = "thema-{t}"\nname = "Thema {t}"\nsource = {source}\n' for t in range(THEMES))
    publication = ('\n[[publications]]\nid = "benchmark"\ntitle = "Benchmark"\n'
                   '\n[[publications.sections]]\ntitle = "§1"\n')
    (folder / "pack.toml").write_text(
        f'[pack]\nid = "groot"\nname = "Groot"\nversion = "1.0.0"\n{themes}{publication}', encoding="utf-8")
    for number in range((signals + PER_LIST - 1) // PER_LIST):
        count = min(PER_LIST, signals - number * PER_LIST)
        parts = [f'[[signal_lists]]\nid = "lijst-{number}"\nname = "Lijst {number}"\nsource = {source}\n'
                 f'red_flag_themes = ["thema-0"]\n\n[signal_lists.scoring]\n'
                 f'thresholds = {{ moderate = 5, high = 12 }}\nbasis = {{ kind = "example" }}\n\n'
                 f'[[signal_lists.scoring.combination]]\n'
                 f'categories = 3\nbonus = 2\n']
        parts += [f'\n[[signal_lists.categories]]\nid = "c{c}"\nname = "Categorie {c}"\n' for c in range(CATEGORIES)]
        parts += [f'\n[[signal_lists.signals]]\nid = "s-{number}-{i}"\ncategory = "c{i % CATEGORIES}"\n'
                  f'text = "Signaal {i} van lijst {number}: iets wat een professional ziet of hoort."\n'
                  f'weight = {1 + i % 3}\nthemes = ["thema-{i % THEMES}"]\nsource = {source}\n'
                  f'{"red_flag = true" if i == 0 else ""}\n'
                  for i in range(count)]
        parts.append(f'\n[[signal_lists.examples]]\nsignals = ["s-{number}-1"]\nexpected = "low"\n')
        (folder / f"lijst-{number:04d}.toml").write_text("".join(parts), encoding="utf-8")


def measure(signals: int, repeats: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix=f"ondermijning-{signals}-"))
    try:
        write_pack(folder, signals)
        env = {**os.environ, "ONDERMIJNING_MAX_ITEMS": str(2 * signals + 1000), "ONDERMIJNING_CACHE": "0"}
        done = subprocess.run([sys.executable, "-c", _CHILD, str(folder), str(repeats), str(signals)],
                              capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:  # the generated pack no longer loads: say why, not only that the child failed
            raise SystemExit(f"{signals:,} signals: the measuring process failed:\n{done.stderr.strip()}")
        result: dict[str, float] = json.loads(done.stdout)
        result["bytes"] = sum(f.stat().st_size for f in folder.glob("*.toml"))
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="signals per pack (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each; the median is shown")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'signals':>8} {'MB':>6} {'parse':>8} {'load':>8} {'validate':>9} {'(l+v)/parse':>12} "
          f"{'growth':>7} {'memory':>10}")
    previous = None
    for size in sizes:
        r = measure(size, args.repeats)
        total = r["load"] + r["validate"]
        growth = f"{total / previous:.1f}x" if previous else "-"
        previous = total
        print(f"{size:>8,} {r['bytes'] / 1e6:>6.1f} {r['parse']:>7.2f}s {r['load']:>7.2f}s {r['validate']:>8.2f}s "
              f"{total / r['parse']:>11.2f}x {growth:>7} {r['memory_kb'] / 1024:>8.0f}MB")


if __name__ == "__main__":
    main()
