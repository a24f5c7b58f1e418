"""The benchmarks still run: each script, on the smallest sizes it takes, ends well and prints its rows.

Timings are not checked (benchmarks are read by people, as ratios, on a quiet machine); what is
checked is that a change to the library has not left a benchmark behind. ``loading.py`` once
generated packs that no longer validated (a required key added later), and nobody saw it until
the figures were wanted. ``startup.py`` is left out: it only runs the command line, whose
commands the CLI tests run, and its smallest run takes half a minute.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.parametrize(("script", "arguments", "printed"), [
    ("loading.py", ["--sizes", "1000", "--repeats", "1"], "(l+v)/parse"),
    ("scoring.py", ["--sets", "20", "--repeats", "1"], "assess() (whole picture)"),
    ("interop.py", ["--sets", "5", "--repeats", "1"], "xpath (lxml, XLSForm)"),
    ("register.py", ["--ops", "60", "--writers", "2", "--backend", "sqlite"], "nothing lost or doubled"),
    ("register_web.py", ["--requests", "10", "--seconds", "2", "--concurrency", "1", "--backend", "sqlite"],
     "verifies: True"),
    ("serve.py", ["--requests", "10", "--seconds", "2", "--concurrency", "1"], "in-process assess()"),
])
def test_a_benchmark_runs_to_its_end(script: str, arguments: list[str], printed: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), *arguments], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert printed in done.stdout, done.stdout
