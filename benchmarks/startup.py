"""Startup cost of the command line, as ratios to a bare ``python -c pass`` measured in the same run.

    python benchmarks/startup.py [--runs 15]

Prints the median CPU time (user + system, of the command's own process) of each command over
the runs and its ratio to the baseline; the rows are run in turn, one run of each per round, so
that a machine busy for a while slows all of them alike. CPU time, not wall time: on a shared
machine a command waits for a core now and then, and the wait is not the command's cost (the
wall-time median is shown beside it). Where the operating system does not say a child's CPU
time (Windows), wall time is used.
The commands run as a user runs them: the installed ``ondermijning`` script when there is one
(else ``python -m ondermijning``), with the library's bytecode compiled. The script pip writes
imports ``re`` before ours runs, which alone is about 1.5x: the row ``python -c 'import re'`` is
that floor, measured in the same rounds, and ``python -m ondermijning --version`` shows the
library without it. uv writes a script that imports nothing before ours: the row ``uv's script``
runs that script's text.

- warm: the command line's cache holds the output (the usual case: nothing changed);
- cold: an empty cache folder for every run (the first run after a pack or plugin changed;
  it builds the catalog and writes the cache);
- no cache: ``ONDERMIJNING_CACHE=0`` (builds the catalog, writes nothing);
- tomllib: where the compiled tomli reads TOML (``ondermijning._toml``), the cold and no-cache
  rows again with ``ONDERMIJNING_TOML=tomllib``, the standard library's parser, in the same rounds.

This is a benchmark, not a test: machines here are shared and noisy, so read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ondermijning
from ondermijning import _toml

#: the script uv writes for the ``ondermijning`` entry point (0.13), run with ``python -c``
_UV_SCRIPT = """\
import sys
from ondermijning.cli import main
if __name__ == "__main__":
    if sys.argv[0].endswith("-script.pyw"):
        sys.argv[0] = sys.argv[0][:-11]
    elif sys.argv[0].endswith(".exe"):
        sys.argv[0] = sys.argv[0][:-4]
    sys.exit(main())
"""


def _command() -> list[str]:
    script = Path(sys.executable).parent / ("ondermijning.exe" if os.name == "nt" else "ondermijning")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ondermijning"]


def run_once(command: list[str], env: dict[str, str], fresh_cache: bool = False) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``command``."""
    folder = tempfile.mkdtemp(prefix="ondermijning-cold-") if fresh_cache else None
    run_env = {**env, "ONDERMIJNING_CACHE_DIR": folder} if folder else env
    try:
        start = time.perf_counter()
        if hasattr(os, "wait4"):
            with open(os.devnull, "wb") as null:
                child = subprocess.Popen(command, stdout=null, stderr=null, env=run_env)
                _pid, status, usage = os.wait4(child.pid, 0)
                child.returncode = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - start
            if child.returncode != 0:
                raise subprocess.CalledProcessError(child.returncode, command)
            return usage.ru_utime + usage.ru_stime, wall
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=run_env)
        wall = time.perf_counter() - start
        return wall, wall
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (median of these; default 15)")
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("--runs must be at least 10 for a meaningful median")
    compileall.compile_dir(str(Path(ondermijning.__file__).parent), quiet=1)  # as an installed wheel has it
    tool = _command()
    warm_dir = tempfile.mkdtemp(prefix="ondermijning-warm-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONDERMIJNING_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    warm = {**env, "ONDERMIJNING_CACHE_DIR": warm_dir}
    off = {**env, "ONDERMIJNING_CACHE": "0"}
    for command in ("packs", "validate"):  # fill the warm cache
        subprocess.run([*tool, command], check=False, stdout=subprocess.DEVNULL, env=warm)
    rows = [
        ("python -c pass (baseline)", [sys.executable, "-c", "pass"], env, False),
        ("python -c 'import re' (pip's script's own)", [sys.executable, "-c", "import re"], env, False),
        ("ondermijning --version", [*tool, "--version"], env, False),
        ("ondermijning --version (uv's script)", [sys.executable, "-c", _UV_SCRIPT, "--version"], env, False),
        ("python -m ondermijning --version", [sys.executable, "-m", "ondermijning", "--version"], env, False),
        ("ondermijning packs (warm)", [*tool, "packs"], warm, False),
        ("ondermijning validate (warm)", [*tool, "validate"], warm, False),
        ("ondermijning packs (cold)", [*tool, "packs"], env, True),
        ("ondermijning validate (cold)", [*tool, "validate"], env, True),
        ("ondermijning packs (no cache)", [*tool, "packs"], off, False),
        ("ondermijning validate (no cache)", [*tool, "validate"], off, False),
    ]
    if _toml.PARSER != "tomllib":  # what the compiled parser saves, measured in the same rounds
        standard = {"ONDERMIJNING_TOML": "tomllib"}
        rows += [(f"{name[:-1]}, tomllib)", command, {**run_env, **standard}, fresh)
                 for name, command, run_env, fresh in rows if name.endswith(("(cold)", "(no cache)"))]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"TOML: {_toml.PARSER}")
    print(f"{'command':<46} {'CPU':>9} {'ratio':>7} {'wall':>9}   ({args.runs} runs each, in turn; "
          f"{' '.join(tool[-2:])}; load average {load:.2f} on {os.cpu_count()} cores)")
    times: list[list[tuple[float, float]]] = [[] for _ in rows]
    try:
        for _ in range(args.runs):
            for i, (_name, command, run_env, fresh) in enumerate(rows):
                times[i].append(run_once(command, run_env, fresh))
    finally:
        shutil.rmtree(warm_dir, ignore_errors=True)
    baseline = statistics.median(cpu for cpu, _wall in times[0])
    for (name, *_rest), measured in zip(rows, times, strict=True):
        cpu = statistics.median(c for c, _w in measured)
        wall = statistics.median(w for _c, w in measured)
        print(f"{name:<46} {cpu * 1000:>7.1f}ms {cpu / baseline:>6.1f}x {wall * 1000:>7.1f}ms")
    if hasattr(os, "getloadavg"):
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
