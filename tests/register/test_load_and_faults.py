"""Concurrent writers lose and double nothing; a writer killed mid-transaction leaves no half record.

The full 10,000-operation run is ``python benchmarks/register.py``; this runs a smaller one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from ondermijning.register import tables as t

from .conftest import COORDINATOR, OpenRegister
from .load import ROOT, check, prepare, run_writers

WRITERS, OPS = 8, 40


def test_eight_concurrent_writers_lose_and_double_nothing(db: str, open_register: OpenRegister) -> None:
    register = open_register()
    shared = prepare(register, 3)
    reports = run_writers(db, WRITERS, OPS, shared)
    totals = check(register, reports, shared)
    assert all(r["cases"] + r["entries"] + r["reads"] - r["judged"] - r["conflicts"] == OPS for r in reports)
    assert totals["entries"] > WRITERS * OPS // 2


KILLED = """
import sys, time
from ondermijning.assemble import load_catalog
from ondermijning.register.model import Actor, Role, Case
from ondermijning.register.service import Register
from ondermijning.register.codec import detail

register = Register.open(sys.argv[1], catalog=load_catalog())
actor = Actor(name="slachtoffer", role=Role.COORDINATOR)
with register.store.transaction() as tx:
    case = Case(id="halfweg00001", pseudonym="H-1", municipality="deurne", opened_by=actor.name,
                opened_at=tx.now, updated_at=tx.now)
    tx.insert_case(case)
    tx.log(actor, "write", "case-new", case=case.id, detail=detail())
    print("midden in de transactie", flush=True)
    time.sleep(120)
"""

LOOP = """
import sys
from ondermijning.assemble import load_catalog
from ondermijning.models import ConcernLevel
from ondermijning.models.picture import Judgement
from ondermijning.register.model import Actor, Role
from ondermijning.register.service import Register

register = Register.open(sys.argv[1], catalog=load_catalog())
actor = Actor(name="lus", role=Role.COORDINATOR)
case = register.new_case(actor, pseudonym="L-1", municipality="deurne").id
print(case, flush=True)
while True:
    register.assess(actor, case, "deurne/jongeren", ["school-spijbelt"])
    register.judge(actor, case, Judgement(level=ConcernLevel.LOW, reason="lus"))
"""


def test_a_writer_killed_mid_transaction_leaves_nothing_half(db: str, open_register: OpenRegister) -> None:
    register = open_register()
    before = register.store.counts()
    child = subprocess.Popen([sys.executable, "-c", KILLED, db], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "midden in de transactie"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    reopened = open_register()
    assert reopened.store.counts() == before
    assert reopened.verify().ok
    case = reopened.new_case(COORDINATOR, pseudonym="N-2", municipality="deurne")
    assert reopened.verify().ok and case.version == 0


def test_a_writer_killed_at_any_moment_leaves_a_whole_register(db: str, open_register: OpenRegister) -> None:
    for delay in (0.3, 0.7, 1.1):
        child = subprocess.Popen([sys.executable, "-c", LOOP, db], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        case = child.stdout.readline().strip()
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        register = open_register()
        assert register.verify().ok
        with register.engine.connect() as connection:
            version = connection.execute(select(t.cases.c.version).where(t.cases.c.id == case)).scalar_one()
            seqs = [row[0] for row in connection.execute(select(t.entries.c.seq).where(t.entries.c.case_id == case)
                                                         .order_by(t.entries.c.seq))]
            writes = connection.execute(select(func.count()).select_from(t.log)
                                        .where(t.log.c.case_id == case)).scalar_one()
        assert seqs == list(range(1, version + 1))  # every entry whole, none half
        assert writes == version + 1  # one log line per entry, plus the case's opening
