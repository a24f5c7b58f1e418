"""Access, as a property: over random users, roles, municipalities and cases, nobody reads or
changes a case their role does not allow, every refusal is logged, and the log still verifies."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ondermijning.models import ConcernLevel
from ondermijning.models.picture import Judgement
from ondermijning.register.access import Permission, allowed
from ondermijning.register.errors import AccessDenied
from ondermijning.register.model import Actor, Case, FeedbackStatus, Role
from ondermijning.register.service import Register

MUNICIPALITIES = ("deurne", "nieuwegein")
actors = st.builds(Actor, name=st.sampled_from(["a", "b", "c"]), role=st.sampled_from(list(Role)),
                   municipality=st.sampled_from(("", *MUNICIPALITIES)))


def _expected(actor: Actor, case: Case, permission: Permission) -> bool:
    """The rule, spelled out independently of access.py."""
    if actor.municipality and actor.municipality != case.municipality:
        return False
    if actor.role is Role.ADMINISTRATOR:
        return False
    if actor.role is Role.REPORTER:
        return permission in (Permission.READ_STATUS, Permission.ADD_PICTURE) and case.opened_by == actor.name
    return True


@pytest.fixture
def seeded(register: Register) -> tuple[Register, list[Case]]:
    opener = [Actor(name=n, role=Role.REPORTER, municipality=m) for n in ("a", "b") for m in MUNICIPALITIES]
    cases = [register.new_case(o, pseudonym=f"A-{i}", municipality=o.municipality) for i, o in enumerate(opener)]
    return register, cases


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actor=actors, index=st.integers(0, 3), operation=st.sampled_from(["show", "status", "judge", "assess",
                                                                          "feedback", "export"]))
def test_nobody_reaches_a_case_their_role_does_not_allow(seeded: tuple[Register, list[Case]], actor: Actor,
                                                          index: int, operation: str) -> None:
    register, cases = seeded
    case = cases[index]
    permission = {"show": Permission.READ_CASE, "status": Permission.READ_STATUS, "judge": Permission.WRITE_CASE,
                  "assess": Permission.ADD_PICTURE, "feedback": Permission.WRITE_CASE,
                  "export": Permission.EXPORT}[operation]
    expected = _expected(actor, case, permission)
    assert allowed(actor, permission, case) is expected
    before = len(register.log())
    calls = {
        "show": lambda: register.show(actor, case.id, purpose="eigenschapstest"),
        "status": lambda: register.status(actor, case.id),
        "judge": lambda: register.judge(actor, case.id, Judgement(level=ConcernLevel.LOW, reason="x")),
        "assess": lambda: register.assess(actor, case.id, "deurne/jongeren", ["school-spijbelt"]),
        "feedback": lambda: register.feedback(actor, case.id, FeedbackStatus.RECEIVED),
        "export": lambda: register.export(actor, case.pseudonym, municipality=case.municipality),
    }
    if expected:
        calls[operation]()
        assert register.log()[-1].action != "denied"
    else:
        with pytest.raises(AccessDenied):
            calls[operation]()
        last = register.log()[-1]
        assert (last.action, last.actor, last.operation) == ("denied", actor.name, operation)
    assert len(register.log()) == before + 1
    assert register.verify().ok


def test_administrators_manage_users_and_coordinators_do_not() -> None:
    admin, coordinator = Actor(name="x", role=Role.ADMINISTRATOR), Actor(name="y", role=Role.COORDINATOR)
    assert allowed(admin, Permission.MANAGE_USERS) and not allowed(coordinator, Permission.MANAGE_USERS)
    assert not allowed(Actor(name="z", role=Role.REPORTER), Permission.PURGE)
