"""What the served register needs of the library: a report in one transaction, a reporter's overview,
lists only for those who read cases, log lines that say how the actor came in, and the log check."""

from __future__ import annotations

import json

import attrs
import pytest

from ondermijning.register.errors import AccessDenied, InvalidInput
from ondermijning.register.model import Actor, Assessment, FeedbackStatus, Role
from ondermijning.register.render import status_data
from ondermijning.register.service import Register

REPORTER = Actor(name="conciërge-7", role=Role.REPORTER, municipality="deurne")
COORDINATOR = Actor(name="coördinator-1", role=Role.COORDINATOR, municipality="deurne")


def test_a_report_opens_the_case_with_its_picture_in_one_transaction(register: Register) -> None:
    case, entry = register.report(REPORTER, pseudonym="R-2026-1", municipality="deurne",
                                  signal_list="deurne/jongeren", observed=["school-spijbelt"])
    assert (case.version, entry.seq, case.opened_by) == (1, 1, "conciërge-7")
    assert isinstance(entry.item, Assessment) and entry.item.picture.signal_list == "deurne/jongeren"
    assert [(e.operation, e.case) for e in register.log()] == [("case-new", case.id), ("assess", case.id)]
    before = register.store.counts()
    with pytest.raises(InvalidInput):  # an unknown signal: no case either
        register.report(REPORTER, pseudonym="R-2026-2", municipality="deurne", signal_list="deurne/jongeren",
                        observed=["bestaat-niet"])
    with pytest.raises(AccessDenied):  # another municipality: refused and logged, nothing opened
        register.report(REPORTER, pseudonym="R-2026-3", municipality="nieuwegein", signal_list="deurne/jongeren",
                        observed=["school-spijbelt"])
    after = register.store.counts()
    assert (after["register_cases"], after["register_entries"]) == (before["register_cases"],
                                                                    before["register_entries"])
    assert register.log()[-1].action == "denied" and register.verify().ok


def test_a_reporter_sees_the_status_of_their_own_reports_only(register: Register) -> None:
    mine, _entry = register.report(REPORTER, pseudonym="R-2026-1", municipality="deurne",
                                   signal_list="deurne/jongeren", observed=["school-spijbelt"])
    register.new_case(Actor(name="iemand-anders", role=Role.REPORTER, municipality="deurne"), pseudonym="R-2026-2",
                      municipality="deurne")
    register.new_case(COORDINATOR, pseudonym="R-2026-3", municipality="deurne")
    # the same name in another municipality (at the command line names are free): not theirs
    register.new_case(attrs.evolve(REPORTER, municipality="nieuwegein"), pseudonym="R-2026-4",
                      municipality="nieuwegein")
    register.feedback(COORDINATOR, mine.id, FeedbackStatus.IN_PROGRESS, message="We zijn ermee bezig")
    views = register.reports(REPORTER)
    assert [v.case for v in views] == [mine.id]
    data = status_data(views[0])
    assert set(data) == {"kind", "format_version", "id", "opened_at", "status", "feedback"}
    assert data["feedback"][0]["message"] == "We zijn ermee bezig" and "R-2026-1" not in json.dumps(data)
    last = register.log()[-1]
    assert (last.action, last.operation, json.loads(last.detail)["cases"]) == ("read", "reports", [mine.id])
    with pytest.raises(AccessDenied):
        register.reports(Actor(name="beheer", role=Role.ADMINISTRATOR))


def test_only_those_who_read_cases_list_them(register: Register) -> None:
    register.new_case(COORDINATOR, pseudonym="L-2026-1", municipality="deurne")
    register.new_case(Actor(name="c2", role=Role.COORDINATOR, municipality="nieuwegein"), pseudonym="L-2026-2",
                      municipality="nieuwegein")
    assert [c.pseudonym for c in register.cases(COORDINATOR, purpose="overzicht")] == ["L-2026-1"]
    for actor in (REPORTER, Actor(name="beheer", role=Role.ADMINISTRATOR)):
        with pytest.raises(AccessDenied):
            register.cases(actor, purpose="overzicht")
        assert (register.log()[-1].action, register.log()[-1].actor) == ("denied", actor.name)
    with pytest.raises(AccessDenied):  # another municipality's list, asked by name
        register.cases(COORDINATOR, municipality="nieuwegein", purpose="overzicht")


def test_the_log_says_how_the_actor_came_in(register: Register) -> None:
    via_token = attrs.evolve(COORDINATOR, via="api-token:0a1b2c3d4e5f")
    case = register.new_case(via_token, pseudonym="V-2026-1", municipality="deurne")
    register.show(attrs.evolve(COORDINATOR, via="session"), case.id, purpose="voorbereiding casusoverleg")
    register.show(COORDINATOR, case.id, purpose="vanaf de opdrachtregel")
    details = [json.loads(e.detail) for e in register.log()]
    assert [d.get("via") for d in details] == ["api-token:0a1b2c3d4e5f", "session", None]
    assert details[0]["municipality"] == "deurne" and register.verify().ok


def test_checking_the_log_through_the_api_is_for_those_who_may_read_it(register: Register) -> None:
    register.new_case(COORDINATOR, pseudonym="K-2026-1", municipality="deurne")
    assert register.verify(actor=Actor(name="beheer", role=Role.ADMINISTRATOR)).ok
    with pytest.raises(AccessDenied):
        register.verify(actor=REPORTER)
    assert (register.log()[-1].action, register.log()[-1].operation) == ("denied", "log-verify")
