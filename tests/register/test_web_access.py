"""Access through the API and the pages, as a property: over random users (names, roles, municipalities),
random cases (who opened them, where) and every way to read or change one, nobody gets what their role does
not allow; a refusal is a 403 or a 404 that names no pseudonym, and a line in the log; the log still verifies.

The rule is spelled out here, apart from ``register/access.py``. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

from ondermijning.register.model import Actor, Case, Role
from ondermijning.register.service import Register

from .webtools import Login, add_login, served

MUNICIPALITIES = ("deurne", "nieuwegein")
API = "/api/v1/register"
PAGES = "/register"


@attrs.frozen
class Spec:
    role: Role
    municipality: str
    number: int

    @property
    def name(self) -> str:
        return f"{self.role.value}-{self.municipality or 'overal'}-{self.number}"


users = (st.builds(Spec, role=st.sampled_from(list(Role)), municipality=st.sampled_from(MUNICIPALITIES),
                   number=st.integers(1, 2))
         | st.builds(Spec, role=st.just(Role.ADMINISTRATOR), municipality=st.just(""), number=st.just(1)))
#: who opens a case: a reporter account (number 1 or 2), a coordinator, or a name from the command line that
#: equals a reporter's while the case is in another municipality
openers = st.sampled_from(["reporter-deurne-1", "reporter-deurne-2", "reporter-nieuwegein-1",
                           "coordinator-deurne-1"]).flatmap(
    lambda name: st.tuples(st.just(name), st.sampled_from([name.split("-")[1]] * 3 + list(MUNICIPALITIES))))
OPERATIONS = ("read", "status", "list", "reports", "judge")


def may(spec: Spec, case: Case, operation: str) -> bool:
    """The rule: a coordinator works the cases of their municipality; a reporter sees the status of the cases
    they opened there; an administrator reads no case."""
    here = spec.municipality == case.municipality
    if spec.role is Role.COORDINATOR:
        return here
    if spec.role is Role.REPORTER:
        return operation == "status" and here and case.opened_by == spec.name
    return False


class World:
    """Users made on first use (each with a session and a token), and the cases made so far."""

    def __init__(self, register: Register, client: TestClient[Any]) -> None:
        self.register, self.client = register, client
        self.logins: dict[str, Login] = {}
        self.cases: list[Case] = []

    def login(self, spec: Spec) -> Login:
        if spec.name not in self.logins:
            self.logins[spec.name] = add_login(self.register, spec.name, spec.role, spec.municipality)
        return self.logins[spec.name]

    def case(self, opener: str, municipality: str) -> Case:
        actor = Actor(name=opener, role=Role.REPORTER if opener.startswith("reporter") else Role.COORDINATOR,
                      municipality=municipality)
        case, _entry = self.register.report(actor, pseudonym=f"Q-{len(self.cases) + 1}-{municipality[:3]}",
                                            municipality=municipality, signal_list="deurne/jongeren",
                                            observed=["school-spijbelt"])
        self.cases.append(case)
        return case


@pytest.fixture
def world(register: Register) -> Iterator[World]:
    with served(register) as client:
        yield World(register, client)


def _request(world: World, login: Login, channel: str, operation: str, case: Case) -> Any:
    client, purpose = world.client, "eigenschapstest"
    if channel == "api":
        headers = login.api
        return {
            "read": lambda: client.get(f"{API}/cases/{case.id}", params={"purpose": purpose}, headers=headers),
            "status": lambda: client.get(f"{API}/cases/{case.id}/status", headers=headers),
            "list": lambda: client.get(f"{API}/cases", params={"purpose": purpose}, headers=headers),
            "reports": lambda: client.get(f"{API}/reports", headers=headers),
            "judge": lambda: client.post(f"{API}/cases/{case.id}/judgements", json={"level": "high", "reason": "x"},
                                         headers=headers),
        }[operation]()
    headers = login.browser
    return {
        "read": lambda: client.get(f"{PAGES}/casussen/{case.id}", params={"doel": purpose}, headers=headers),
        "status": lambda: client.get(f"{PAGES}/meldingen/{case.id}", headers=headers),
        "list": lambda: client.get(f"{PAGES}/casussen", params={"doel": purpose}, headers=headers),
        "reports": lambda: client.get(f"{PAGES}/meldingen", headers=headers),
        "judge": lambda: client.post(f"{PAGES}/casussen/{case.id}/oordeel", data={
            "csrf": login.csrf, "niveau": "high", "reden": "x", "doel": purpose}, headers=headers,
            follow_redirects=False),
    }[operation]()


def aligned(spec: Spec, case: Case) -> Spec:
    """A user close to the case (its municipality; for a reporter, the opener's number), so that the allowed
    half of the rule gets as many examples as the refused one."""
    number = int(case.opened_by.rsplit("-", 1)[1]) if spec.role is Role.REPORTER else spec.number
    return Spec(role=spec.role, municipality=case.municipality if spec.municipality else "", number=number)


def _example(role: Role, municipality: str, number: int, channel: str, operation: str) -> Any:
    return example(spec=Spec(role, municipality, number), opener=("reporter-deurne-1", "deurne"), reuse=0, near=False,
                   channel=channel, operation=operation)


# each half of the rule on each channel at least once, whatever the random draw
@_example(Role.COORDINATOR, "deurne", 1, "api", "read")
@_example(Role.REPORTER, "deurne", 1, "pages", "status")
@_example(Role.COORDINATOR, "deurne", 2, "pages", "judge")
@_example(Role.COORDINATOR, "deurne", 1, "pages", "list")
@_example(Role.REPORTER, "deurne", 2, "api", "status")
@_example(Role.COORDINATOR, "nieuwegein", 1, "pages", "read")
@_example(Role.ADMINISTRATOR, "", 1, "api", "list")
@settings(max_examples=max(80, settings().max_examples),  # HYPOTHESIS_PROFILE=long: 2000
          deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(spec=users, opener=openers, reuse=st.integers(0, 5), near=st.booleans(),
       channel=st.sampled_from(["api", "pages"]), operation=st.sampled_from(OPERATIONS))
def test_nobody_reads_a_case_their_role_does_not_allow_through_the_api_or_the_pages(
        world: World, spec: Spec, opener: tuple[str, str], reuse: int, near: bool, channel: str,
        operation: str) -> None:
    register = world.register
    case = world.cases[reuse] if reuse < len(world.cases) else world.case(*opener)
    spec = aligned(spec, case) if near else spec
    login = world.login(spec)
    before = register.show(Actor(name="test", role=Role.COORDINATOR), case.id, purpose="test").case.version
    lines = len(register.log())
    response = _request(world, login, channel, operation, case)
    text = response.text
    others = [c.pseudonym for c in world.cases if not may(spec, c, "read")]
    assert not [p for p in others if p in text], f"{spec.name} saw a pseudonym that is not theirs to see"
    allowed = {"list": spec.role is Role.COORDINATOR, "reports": spec.role is not Role.ADMINISTRATOR}.get(
        operation, may(spec, case, operation))
    event(f"{operation}: {'allowed' if allowed else 'refused'}")
    after = register.show(Actor(name="test", role=Role.COORDINATOR), case.id, purpose="test").case.version
    new = register.log()[lines:-1]  # the test's own show is the last line
    if allowed:
        assert response.status_code in (200, 201, 303), (spec, operation, channel, response.status_code, text[:300])
        assert [e.action for e in new] == (["write"] if operation == "judge" else ["read"])
        assert json.loads(new[0].detail)["via"] == ("session" if channel == "pages" else f"api-token:{login.token_id}")
        if operation == "read":
            assert case.pseudonym in text  # the test is not vacuous: the case itself is there
        if operation in ("status", "reports"):
            assert case.pseudonym not in text  # a status never names the pseudonym
        if operation == "list":
            assert {c.pseudonym for c in world.cases if may(spec, c, "read")} <= {
                p for p in (c.pseudonym for c in world.cases) if p in text}
    else:
        assert response.status_code == 403, (spec, operation, channel, response.status_code, text[:300])
        assert case.pseudonym not in text
        assert [(e.action, e.actor) for e in new] == [("denied", spec.name)]
    assert after == before + (1 if allowed and operation == "judge" else 0)
    assert register.verify().ok
