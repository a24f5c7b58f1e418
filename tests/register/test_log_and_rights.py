"""The processing log (who, when, which case, purpose, legal basis; tamper-evident) and the AVG rights."""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

import attrs
import pytest
from sqlalchemy import delete, select, text, update

from ondermijning.models import ConcernLevel
from ondermijning.models.picture import Judgement
from ondermijning.register import tables as t
from ondermijning.register.errors import AccessDenied, CaseNotFound
from ondermijning.register.model import Actor, FeedbackStatus, Role
from ondermijning.register.retention import DEFAULT_POLICY, policy_for
from ondermijning.register.service import Register

from .conftest import COORDINATOR, OpenRegister

PSEUDONYM = "Z-9917-QX"


def filled_case(register: Register, pseudonym: str = PSEUDONYM) -> str:
    case = register.new_case(COORDINATOR, pseudonym=pseudonym, municipality="deurne").id
    register.assess(COORDINATOR, case, "deurne/jongeren", ["gedrag-agressief", "school-spijbelt"])
    register.judge(COORDINATOR, case, Judgement(level=ConcernLevel.MODERATE, reason="samen"))
    register.act(COORDINATOR, case, "collegiaal-overleg")
    register.feedback(COORDINATOR, case, FeedbackStatus.RECEIVED)
    return case


def test_every_read_and_write_is_logged_with_purpose_and_legal_basis(register: Register) -> None:
    case = filled_case(register)
    register.show(COORDINATOR, case, purpose="voorbereiding casusoverleg")
    log = register.log()
    assert [(e.action, e.operation) for e in log] == [
        ("write", "case-new"), ("write", "assess"), ("write", "judge"), ("write", "act"), ("write", "feedback"),
        ("read", "show")]
    policy, from_pack = policy_for(register.catalog, "deurne")
    assert from_pack
    assert all(e.case == case and e.actor == COORDINATOR.name and e.role == "coordinator" for e in log)
    assert all(e.legal_basis == policy.legal_basis for e in log)
    assert log[0].purpose == policy.purpose and log[-1].purpose == "voorbereiding casusoverleg"
    assert all(datetime.datetime.fromisoformat(e.at).tzinfo is not None for e in log)
    assert all(PSEUDONYM not in json.dumps(attrs.asdict(e)) for e in log)
    assert register.verify().ok


def _edit(register: Register, statement: object) -> None:
    with register.engine.begin() as connection:
        connection.execute(statement)  # type: ignore[call-overload]


def test_verify_finds_an_edited_line(register: Register) -> None:
    filled_case(register)
    assert register.verify().ok
    _edit(register, update(t.log).where(t.log.c.seq == 3).values(purpose="iets anders"))
    result = register.verify()
    assert not result.ok
    assert result.problems == ("logregel 3 is gewijzigd: de inhoud past niet meer bij de hash",)


def test_verify_finds_a_deleted_line(register: Register) -> None:
    filled_case(register)
    _edit(register, delete(t.log).where(t.log.c.seq == 2))
    assert any("logregel 2 ontbreekt" in p for p in register.verify().problems)


def test_verify_finds_a_deleted_last_line(register: Register) -> None:
    filled_case(register)
    _edit(register, delete(t.log).where(t.log.c.seq == 5))
    problems = register.verify().problems
    assert len(problems) == 1 and "eindigt bij regel 4" in problems[0]


def test_verify_finds_a_line_replaced_with_a_fresh_hash(register: Register) -> None:
    """Someone who recomputes the edited line's hash still breaks the next line's link."""
    from ondermijning.register.log import chained
    from ondermijning.register.store import _log_entry

    filled_case(register)
    with register.engine.begin() as connection:
        row = connection.execute(select(t.log).where(t.log.c.seq == 2)).one()
        forged = chained(attrs.evolve(_log_entry(row), purpose="vervalst"))
        connection.execute(update(t.log).where(t.log.c.seq == 2).values(purpose="vervalst", hash=forged.hash))
    problems = register.verify().problems
    assert problems == ("logregel 3 verwijst niet naar de regel ervoor (een regel is verwijderd of vervangen)",)


def test_an_anchor_pins_the_log_up_to_that_line(register: Register) -> None:
    filled_case(register)
    head = register.verify().head
    register.show(COORDINATOR, register.log()[0].case, purpose="later")
    assert register.verify(anchor=head).ok
    assert register.verify(anchor="sha256:" + "1" * 64).anchored is False


def everything(register: Register) -> str:
    """Every row of every register table, as text."""
    with register.engine.connect() as connection:
        return "\n".join(repr(tuple(row)) for table in t.metadata.sorted_tables
                         for row in connection.execute(select(table)))


def test_purge_removes_an_expired_case_from_every_table_and_logs_it(register: Register) -> None:
    old = filled_case(register)
    other = filled_case(register, "Z-0001-AB")
    policy, _ = policy_for(register.catalog, "deurne")
    today = datetime.date.today()
    assert register.purge(COORDINATOR, today=today + datetime.timedelta(days=policy.retention_days - 1)) == []
    register.show(COORDINATOR, other, purpose="still here")  # reading does not extend retention
    purged = register.purge(COORDINATOR, today=today + datetime.timedelta(days=policy.retention_days))
    assert sorted(p.case for p in purged) == sorted([old, other])
    with register.engine.connect() as connection:
        for table in (t.cases, t.entries):
            assert connection.execute(select(table)).all() == []
    rows = everything(register)
    assert PSEUDONYM not in rows
    purge_lines = [e for e in register.log() if e.action == "purge"]
    assert {e.case for e in purge_lines} == {old, other}
    assert json.loads(purge_lines[0].detail)["retention_days"] == policy.retention_days
    with pytest.raises(CaseNotFound):
        register.show(COORDINATOR, old, purpose="x")
    assert register.verify().ok


def test_without_a_pack_policy_the_conservative_default_applies(register: Register) -> None:
    case = register.new_case(COORDINATOR, pseudonym="N-2026-4", municipality="nsob")
    record = register.show(COORDINATOR, case.id, purpose="test")
    assert not record.retention.from_pack and record.retention.days == DEFAULT_POLICY.retention_days
    assert "de gemeente moet" in record.retention.legal_basis
    assert register.log()[0].legal_basis == DEFAULT_POLICY.legal_basis


def _file_bytes(db: str) -> bytes:
    return b"".join(Path(p).read_bytes() for p in (db, db + "-wal") if Path(p).exists())


def test_export_gives_everything_and_erase_leaves_no_trace_but_the_log(register: Register, db: str) -> None:
    first, second = filled_case(register), filled_case(register)
    keep = filled_case(register, "K-1234")
    exported = register.export(COORDINATOR, PSEUDONYM, purpose="inzageverzoek")
    assert sorted(r.case.id for r in exported) == sorted([first, second])
    assert all(len(r.timeline) == 4 for r in exported)
    removed = register.erase(COORDINATOR, PSEUDONYM)
    assert sorted(r.case.id for r in removed) == sorted([first, second])
    assert PSEUDONYM not in everything(register)  # the log keeps a keyed digest, not the pseudonym
    if "://" not in db:
        assert PSEUDONYM.encode() not in _file_bytes(db)  # not even in freed pages or the WAL
    lines = [e for e in register.log() if e.action in ("export", "erase")]
    assert {(e.action, e.case) for e in lines} == {("export", first), ("export", second), ("erase", first),
                                                  ("erase", second)}
    digests = {json.loads(e.detail)["subject"] for e in lines}
    assert len(digests) == 1 and next(iter(digests)).startswith("hmac-sha256:")
    assert register.show(COORDINATOR, keep, purpose="x").case.pseudonym == "K-1234"
    assert register.verify().ok


def test_a_request_for_someone_not_held_is_still_logged(register: Register) -> None:
    assert register.export(COORDINATOR, "X-0000") == []
    assert [(e.action, json.loads(e.detail)["cases"]) for e in register.log()] == [("export", 0)]


def test_reporters_see_their_own_status_only_and_administrators_no_case(register: Register) -> None:
    reporter = Actor(name="conciërge-7", role=Role.REPORTER, municipality="deurne")
    other_reporter = Actor(name="wijkagent-2", role=Role.REPORTER, municipality="deurne")
    admin = Actor(name="beheer", role=Role.ADMINISTRATOR)
    case = register.new_case(reporter, pseudonym="R-2026-1", municipality="deurne").id
    register.assess(reporter, case, "deurne/jongeren", ["school-spijbelt"])
    register.feedback(COORDINATOR, case, FeedbackStatus.IN_PROGRESS, message="We zijn ermee bezig")
    view = register.status(reporter, case)
    assert [(f.status, f.message) for _, f in view.feedback] == [(FeedbackStatus.IN_PROGRESS, "We zijn ermee bezig")]
    for actor, call in ((reporter, lambda a: register.show(a, case, purpose="nieuwsgierig")),
                        (other_reporter, lambda a: register.status(a, case)),
                        (admin, lambda a: register.show(a, case, purpose="beheer")),
                        (reporter, lambda a: register.judge(a, case, Judgement(level=ConcernLevel.LOW, reason="x")))):
        with pytest.raises(AccessDenied):
            call(actor)
    denied = [e for e in register.log() if e.action == "denied"]
    assert [(e.actor, e.operation) for e in denied] == [
        ("conciërge-7", "show"), ("wijkagent-2", "status"), ("beheer", "show"), ("conciërge-7", "judge")]
    elsewhere = Actor(name="coördinator-helmond", role=Role.COORDINATOR, municipality="helmond")
    with pytest.raises(AccessDenied):
        register.show(elsewhere, case, purpose="x")
    assert register.verify().ok


def test_backup_is_a_register_that_opens_and_verifies(register: Register, tmp_path: Path) -> None:
    case = filled_case(register)
    copy = register.backup(COORDINATOR, tmp_path / "kopie.sqlite3")
    assert copy.stat().st_mode & 0o077 == 0
    with pytest.raises(Exception, match="bestaat al"):
        register.backup(COORDINATOR, copy)
    restored = Register.open(copy, catalog=register.catalog, create=False)
    try:
        assert restored.verify().ok
        assert restored.log()[-1].operation == "backup"  # the copy holds its own line
        assert len(restored.show(COORDINATOR, case, purpose="herstel").timeline) == 4
        assert restored.verify().entries == register.verify().entries + 1
    finally:
        restored.dispose()
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_migrations_make_the_schema_the_tables_describe(register: Register) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from ondermijning.register import database

    with register.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": database.VERSION_TABLE})
        assert compare_metadata(context, t.metadata) == []
        assert connection.execute(text(f"SELECT version_num FROM {database.VERSION_TABLE}")).scalar() == database.HEAD
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(database.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == database.HEAD


def test_several_processes_may_open_a_new_database_at_once(db: str, open_register: OpenRegister) -> None:
    import subprocess
    import sys

    script = ("import sys; from ondermijning.register.database import connect; "
              "connect(sys.argv[1]).dispose()")
    processes = [subprocess.Popen([sys.executable, "-c", script, db]) for _ in range(4)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0, 0, 0]
    assert open_register().verify().ok


def test_verify_finds_a_changed_head(register: Register) -> None:
    filled_case(register)
    _edit(register, update(t.log_head).values(hash="sha256:" + "2" * 64))
    assert register.verify().problems == (
        "de kop van het logboek past niet bij regel 5: die regel is vervangen of de kop is gewijzigd",)
