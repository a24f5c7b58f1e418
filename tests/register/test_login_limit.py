"""The limit on failed logins, on SQLite and PostgreSQL: per name and per client address, in the database (so
it holds across workers), a locked login answered as a wrong password, and every refusal in the log."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from ondermijning.register import tables as t
from ondermijning.register.accounts import Accounts
from ondermijning.register.limits import CLIENT_FAILURES, NAME_FAILURES, WINDOW_MINUTES
from ondermijning.register.model import Role
from ondermijning.register.service import Register
from ondermijning.web.register.auth import LOGIN_COOKIE, SESSION_COOKIE

from ..webserver import live_server
from .conftest import OpenRegister
from .test_web_pages import log_in
from .webtools import ADMIN, FAST, PASSWORD, served

WRONG = "fout-wachtwoord-123"


class Clock:
    def __init__(self) -> None:
        self.now = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.timezone.utc)

    def __call__(self) -> datetime.datetime:
        return self.now

    def later(self, minutes: float) -> None:
        self.now += datetime.timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(register: Register, clock: Clock) -> Accounts:
    accounts = Accounts(register.store, clock=clock, hasher=FAST)
    for name in ("anna", "bram"):
        accounts.add_user(ADMIN, name, role=Role.COORDINATOR, municipality="deurne", password=PASSWORD)
    return accounts


def denied_details(register: Register) -> list[dict[str, object]]:
    return [json.loads(e.detail) for e in register.log() if (e.action, e.operation) == ("denied", "login")]


def test_a_name_is_locked_after_its_failures_and_answers_as_a_wrong_password(
        register: Register, accounts: Accounts, clock: Clock) -> None:
    for _ in range(NAME_FAILURES):
        assert accounts.login("anna", WRONG, client="10.0.0.1") is None
        clock.later(1)
    assert accounts.login("anna", PASSWORD, client="10.0.0.2") is None  # the right password, another address
    assert accounts.login("bram", PASSWORD, client="10.0.0.1") is not None  # another name from the same address
    details = denied_details(register)
    assert details[:NAME_FAILURES] == [{"known": True}] * NAME_FAILURES
    assert details[NAME_FAILURES] == {"known": True, "locked": ["name"]}
    clock.later(WINDOW_MINUTES - 1.5)  # the lock runs from the failure that reached the limit (a minute ago)
    assert accounts.login("anna", PASSWORD) is None
    clock.later(1)
    assert accounts.login("anna", PASSWORD) is not None
    assert register.verify().ok


def test_knocking_on_a_lock_does_not_lengthen_it_and_a_success_clears_the_count(
        register: Register, accounts: Accounts, clock: Clock) -> None:
    for _ in range(NAME_FAILURES - 1):
        assert accounts.login("anna", WRONG) is None
    assert accounts.login("anna", PASSWORD) is not None  # clears anna's failures
    for _ in range(NAME_FAILURES - 1):
        assert accounts.login("anna", WRONG) is None
    assert accounts.login("anna", PASSWORD) is not None
    for _ in range(NAME_FAILURES):
        assert accounts.login("anna", WRONG) is None
    for _ in range(WINDOW_MINUTES - 1):
        clock.later(1)
        assert accounts.login("anna", WRONG) is None
    clock.later(1.5)
    assert accounts.login("anna", PASSWORD) is not None


def test_an_unknown_name_is_counted_alike(register: Register, accounts: Accounts) -> None:
    """Whether a name is locked tells nothing about whether it exists: unknown names are counted the same way."""
    for _ in range(NAME_FAILURES + 1):
        assert accounts.login("niemand", WRONG) is None
    assert denied_details(register)[-1] == {"known": False, "locked": ["name"]}
    assert [e.actor for e in register.log() if e.action == "denied"] == ["?"] * (NAME_FAILURES + 1)


def test_an_address_is_locked_after_its_failures(register: Register, accounts: Accounts, clock: Clock) -> None:
    for n in range(CLIENT_FAILURES):
        assert accounts.login(f"gok-{n}", WRONG, client="192.0.2.7") is None
    assert accounts.login("anna", PASSWORD, client="192.0.2.7") is None
    assert denied_details(register)[-1] == {"known": True, "locked": ["client"]}
    assert accounts.login("anna", PASSWORD, client="192.0.2.8") is not None
    clock.later(WINDOW_MINUTES)
    assert accounts.login("bram", PASSWORD, client="192.0.2.7") is not None


def test_the_counts_are_in_the_database_as_keyed_hashes_and_go(
        open_register: OpenRegister, register: Register, accounts: Accounts, clock: Clock) -> None:
    """Two registers on one database (as two workers are) share the counts; no name or address is kept as text."""
    other = Accounts(open_register().store, clock=clock, hasher=FAST)
    for n in range(NAME_FAILURES):
        assert (accounts if n % 2 else other).login("anna", WRONG, client="198.51.100.3") is None
    assert other.login("anna", PASSWORD) is None and accounts.login("anna", PASSWORD) is None
    with register.engine.connect() as connection:
        rows = connection.execute(select(t.login_failures)).all()
    assert len(rows) == 2 and all(row.key.startswith("hmac-sha256:") for row in rows)
    assert not [row for row in rows if "anna" in repr(row) or "198.51" in repr(row)]
    clock.later(WINDOW_MINUTES + 1)
    assert accounts.login("bram", PASSWORD) is not None  # a login removes the counts whose window has passed
    with register.engine.connect() as connection:
        assert connection.execute(select(t.login_failures)).all() == []


def test_the_login_page_says_the_same_for_a_locked_login(register: Register) -> None:
    Accounts(register.store, hasher=FAST).add_user(ADMIN, "anna", role=Role.COORDINATOR, municipality="deurne",
                                                   password=PASSWORD)
    with served(register) as client:
        wrong = [log_in(client, "anna", WRONG) for _ in range(NAME_FAILURES)]
        locked = log_in(client, "anna")
    assert locked.status_code == 200 and SESSION_COOKIE not in locked.headers.get("set-cookie", "")
    assert "Naam of wachtwoord klopt niet" in locked.text
    assert [w.status_code for w in wrong] == [200] * NAME_FAILURES
    assert locked.text == wrong[-1].text  # word for word the page of a wrong password
    assert denied_details(register)[-1] == {"known": True, "locked": ["name"]}


def test_behind_a_proxy_the_limit_counts_the_forwarded_address(register: Register, db: str, tmp_path: Path) -> None:
    """serve --proxy: a live server takes the client's address from the proxy's X-Forwarded-For, so one guesser
    behind the proxy is locked and the others behind it are not."""
    Accounts(register.store, hasher=FAST).add_user(ADMIN, "anna", role=Role.COORDINATOR, municipality="deurne",
                                                   password=PASSWORD)
    register.dispose()
    with live_server(tmp_path, ["--db", db, "--proxy", "127.0.0.1"]) as server, \
            httpx.Client(base_url=server.url, follow_redirects=False, timeout=30) as client:
        def attempt(name: str, password: str, address: str) -> int:
            form = client.get("/aanmelden", headers={"X-Forwarded-For": address})
            token = form.cookies[LOGIN_COOKIE]
            answer = client.post("/aanmelden", data={"naam": name, "wachtwoord": password, "csrf": token},
                                 headers={"X-Forwarded-For": address, "Cookie": f"{LOGIN_COOKIE}={token}"})
            client.cookies.clear()
            return answer.status_code

        assert {attempt(f"gok-{n}", WRONG, "203.0.113.5") for n in range(CLIENT_FAILURES)} == {200}
        assert attempt("anna", PASSWORD, "203.0.113.5") == 200  # the guesser's address is locked: the login page
        assert attempt("anna", PASSWORD, "203.0.113.6") == 303  # someone else behind the same proxy logs in
    reopened = Register.open(db, catalog=register.catalog)
    try:
        assert json.loads(reopened.log()[-2].detail) == {"known": True, "locked": ["client"]}
    finally:
        reopened.dispose()
