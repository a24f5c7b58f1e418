"""Concurrent writers on one register, and the check that nothing was lost or doubled.

Shared by ``test_load.py`` (a moderate run in the suite) and ``benchmarks/register.py`` (the
full 10,000 operations).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ondermijning.register import tables as t
from ondermijning.register.model import Actor, Role
from ondermijning.register.service import Register

ROOT = Path(__file__).resolve().parents[2]
PARENT = Actor(name="opzet", role=Role.COORDINATOR)


def prepare(register: Register, shared: int) -> list[str]:
    """The cases every writer works on."""
    return [register.new_case(PARENT, pseudonym=f"S-{n}", municipality="deurne").id for n in range(shared)]


def run_writers(db: str, writers: int, ops: int, shared: list[str]) -> list[dict[str, Any]]:
    """``writers`` processes doing ``ops`` operations each, at the same time; their reports."""
    processes = [subprocess.Popen([sys.executable, "-m", "tests.register.writer", db, str(w), str(ops), str(w),
                                   *shared], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for w in range(writers)]
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=1800)
        if process.returncode != 0:
            raise AssertionError(f"a writer failed ({process.returncode}):\n{err}")
        reports.append(json.loads(out.strip().splitlines()[-1]))
    return reports


def check(register: Register, reports: list[dict[str, Any]], shared: list[str]) -> dict[str, int]:
    """Every reported operation is in the database exactly once, every timeline is whole, the log verifies."""
    cases = len(shared) + sum(r["cases"] for r in reports)
    entries = sum(r["entries"] for r in reports)
    lines = len(shared) + sum(r["cases"] + r["entries"] + r["reads"] for r in reports)
    assert register.store.counts() == {"register_cases": cases, "register_entries": entries, "register_log": lines}
    expected: dict[str, int] = {}
    for report in reports:
        for case, n in report["per_case"].items():
            expected[case] = expected.get(case, 0) + n
    with register.engine.connect() as connection:
        rows = connection.execute(select(t.entries.c.case_id, func.count(), func.min(t.entries.c.seq),
                                         func.max(t.entries.c.seq)).group_by(t.entries.c.case_id)).all()
        versions = dict(connection.execute(select(t.cases.c.id, t.cases.c.version)).all())
    found = {case: n for case, n, _low, _high in rows}
    assert found == expected, "entries lost or doubled"
    assert all(low == 1 and high == n == versions[case] for case, n, low, high in rows), "a timeline has a gap"
    result = register.verify()
    assert result.ok, result.problems
    return {"cases": cases, "entries": entries, "log": lines, "conflicts": sum(r["conflicts"] for r in reports)}
