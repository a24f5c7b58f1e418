"""One concurrent writer for the load test and ``benchmarks/register.py``.

``python -m tests.register.writer DB WRITER OPS SEED SHARED...`` does OPS operations on the
register at DB: it opens cases of its own, and assesses, judges (with the optimistic version
check, retrying on a conflict), gives feedback on and reads both its own cases and the SHARED
cases every writer works on. It prints one JSON line: how many of each succeeded, so the
parent can check that nothing was lost or doubled.
"""

from __future__ import annotations

import json
import random
import sys
import time

from ondermijning.assemble import load_catalog
from ondermijning.models import ConcernLevel
from ondermijning.models.picture import Judgement
from ondermijning.register.errors import Conflict
from ondermijning.register.model import Actor, FeedbackStatus, Role
from ondermijning.register.service import Register

SIGNALS = ["gedrag-agressief", "school-spijbelt", "vrienden-nieuwe-oudere-vrienden", "uiterlijk-dure-kleding"]


def main(db: str, writer: int, ops: int, seed: int, shared: list[str]) -> dict[str, object]:
    rng = random.Random(seed)
    register = Register.open(db, catalog=load_catalog())
    actor = Actor(name=f"schrijver-{writer}", role=Role.COORDINATOR)
    own: list[str] = []
    done = {"cases": 0, "entries": 0, "reads": 0, "judged": 0, "conflicts": 0}
    per_case: dict[str, int] = {}
    start = time.perf_counter()
    try:
        for n in range(ops):
            choice = rng.random()
            targets = own + shared
            if choice < 0.1 or not targets:
                case = register.new_case(actor, pseudonym=f"W{writer}-{n}", municipality="deurne").id
                own.append(case)
                done["cases"] += 1
                continue
            case = rng.choice(targets)
            if choice < 0.35:
                register.assess(actor, case, "deurne/jongeren", rng.sample(SIGNALS, rng.randint(1, 3)))
            elif choice < 0.6:
                _judge(register, actor, case, rng, done)
            elif choice < 0.75:
                register.feedback(actor, case, FeedbackStatus.IN_PROGRESS, message=f"update {n}")
            else:
                register.show(actor, case, purpose="belastingtest")
                done["reads"] += 1
                continue
            done["entries"] += 1
            per_case[case] = per_case.get(case, 0) + 1
    finally:
        register.dispose()
    return {**done, "per_case": per_case, "seconds": time.perf_counter() - start}


def _judge(register: Register, actor: Actor, case: str, rng: random.Random, done: dict[str, int]) -> None:
    """Read the case, then judge it on the version seen; on a conflict, read again (what a person would do)."""
    while True:
        seen = register.show(actor, case, purpose="oordeel voorbereiden").case.version
        done["reads"] += 1
        try:
            register.judge(actor, case, Judgement(level=rng.choice(list(ConcernLevel)), reason="belastingtest"),
                           seen=seen)
            done["judged"] += 1  # the reads before each attempt are not operations of their own
            return
        except Conflict:
            done["conflicts"] += 1


if __name__ == "__main__":
    db, writer, ops, seed, *shared = sys.argv[1:]
    print(json.dumps(main(db, int(writer), int(ops), int(seed), shared)))
