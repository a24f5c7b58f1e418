"""The register served in-process (Litestar's TestClient over https, so Secure cookies travel), with users."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs
from argon2 import PasswordHasher
from litestar.testing import TestClient

from ondermijning.models.picture import Judgement
from ondermijning.register.accounts import Accounts
from ondermijning.register.model import Actor, FeedbackStatus, Role
from ondermijning.register.service import Register
from ondermijning.web import create_app
from ondermijning.web.register.auth import SESSION_COOKIE

ADMIN = Actor(name="beheer", role=Role.ADMINISTRATOR)
PASSWORD = "paard-batterij-niet-raden"
#: real argon2id at a lower cost: these tests are about who may do what (test_accounts.py checks the defaults)
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
BASE = "https://testserver.local"


@attrs.frozen
class Login:
    """A user of the served register: how it calls the API (token) and the pages (session cookie, CSRF)."""

    actor: Actor
    token: str
    secret: str
    csrf: str

    @property
    def api(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def browser(self) -> dict[str, str]:
        return {"Cookie": f"{SESSION_COOKIE}={self.secret}"}

    @property
    def token_id(self) -> str:
        return self.token.split("_", 2)[1]


def add_login(register: Register, name: str, role: Role, municipality: str = "") -> Login:
    """A person with a password, logged in once, and an API token of theirs."""
    accounts = Accounts(register.store, hasher=FAST)
    accounts.add_user(ADMIN, name, role=role, municipality=municipality, password=PASSWORD)
    session = accounts.login(name, PASSWORD)
    assert session is not None
    token = accounts.issue_token(ADMIN, name)
    return Login(actor=session.user.actor, token=token, secret=session.secret, csrf=session.csrf)


@contextmanager
def served(register: Register) -> Iterator[TestClient[Any]]:
    with TestClient(create_app(register=register), base_url=BASE) as client:
        yield client


def form_token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def seed_case(register: Register, level: str, *, route: str = "") -> tuple[dict[str, Login], str]:
    """Anna (coordinator), rob (reporter) and beheer (administrator) of deurne, and one case rob reported:
    judged ``level`` by anna, with ``route`` taken when given, and feedback in progress."""
    people = {"anna": add_login(register, "anna", Role.COORDINATOR, "deurne"),
              "rob": add_login(register, "rob", Role.REPORTER, "deurne"),
              "beheer": add_login(register, "beheer", Role.ADMINISTRATOR)}
    case, _entry = register.report(people["rob"].actor, pseudonym="P-2026-42", municipality="deurne",
                                   signal_list="deurne/jongeren", observed=["gedrag-agressief", "school-spijbelt"])
    register.judge(people["anna"].actor, case.id, Judgement(level=level, reason="Besproken in het overleg"))
    if route:
        register.act(people["anna"].actor, case.id, route)
    register.feedback(people["anna"].actor, case.id, FeedbackStatus.IN_PROGRESS, message="We pakken het op")
    return people, case.id
