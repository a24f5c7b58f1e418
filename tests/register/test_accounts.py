"""Accounts: people with argon2-hashed passwords and sessions, systems with API tokens; all logged."""

from __future__ import annotations

import datetime
import json

import pytest
from sqlalchemy import select

from ondermijning.register import tables as t
from ondermijning.register.accounts import Accounts
from ondermijning.register.errors import AccessDenied, InvalidInput
from ondermijning.register.model import Actor, Role
from ondermijning.register.service import Register

ADMIN = Actor(name="beheer", role=Role.ADMINISTRATOR)
PASSWORD = "paard-batterij-niet-raden"


def test_a_person_logs_in_with_a_password_stored_as_argon2(register: Register) -> None:
    accounts = Accounts(register.store)
    accounts.add_user(ADMIN, "anna", role=Role.COORDINATOR, municipality="deurne", password=PASSWORD)
    with register.engine.connect() as connection:
        stored = connection.execute(select(t.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.login("anna", "fout-wachtwoord-123") is None
    assert accounts.login("niemand", PASSWORD) is None
    session = accounts.login("anna", PASSWORD)
    assert session is not None and session.user.actor == Actor(name="anna", role=Role.COORDINATOR,
                                                                 municipality="deurne")
    with register.engine.connect() as connection:
        kept = connection.execute(select(t.sessions.c.id_hash)).scalar_one()
    assert session.secret not in kept  # only a hash of the cookie's secret is stored
    again = accounts.session(session.secret)
    assert again is not None and again.user.name == "anna"
    assert accounts.csrf_ok(again, session.csrf) and not accounts.csrf_ok(again, "x") and not accounts.csrf_ok(
        again, "")
    accounts.logout(again)
    assert accounts.session(session.secret) is None
    lines = [(e.action, e.operation, e.actor, e.role) for e in register.log()]
    assert lines == [("write", "user-add", "beheer", "administrator"), ("denied", "login", "anna", "coordinator"),
                     ("denied", "login", "?", ""), ("login", "login", "anna", "coordinator"),
                     ("login", "logout", "anna", "coordinator")]
    assert register.verify().ok


def test_a_password_typed_as_the_name_stays_out_of_the_log(register: Register) -> None:
    """People type their password into the name field; the log, which nobody may edit, must not keep it."""
    accounts = Accounts(register.store)
    accounts.add_user(ADMIN, "anna", role=Role.COORDINATOR, municipality="deurne", password=PASSWORD)
    assert accounts.login(PASSWORD, PASSWORD) is None
    last = register.log()[-1]
    assert (last.action, last.operation, last.actor, last.role) == ("denied", "login", "?", "")
    assert PASSWORD not in repr(register.log())


def test_sessions_end(register: Register) -> None:
    now = [datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.timezone.utc)]
    accounts = Accounts(register.store, clock=lambda: now[0])
    accounts.add_user(ADMIN, "bob", role=Role.REPORTER, municipality="deurne", password=PASSWORD)
    session = accounts.login("bob", PASSWORD)
    assert session is not None
    now[0] += datetime.timedelta(hours=8)
    assert accounts.session(session.secret) is None
    fresh = accounts.login("bob", PASSWORD)
    assert fresh is not None
    with register.engine.connect() as connection:  # the expired session's row went with the new login
        assert connection.execute(select(t.sessions.c.expires_at)).scalars().all() == [
            (now[0] + datetime.timedelta(hours=8)).isoformat(timespec="microseconds")]
    accounts.disable(ADMIN, "bob")
    assert accounts.session(fresh.secret) is None and accounts.login("bob", PASSWORD) is None


def test_systems_use_tokens_shown_once(register: Register) -> None:
    accounts = Accounts(register.store)
    accounts.add_user(ADMIN, "zaaksysteem", role=Role.COORDINATOR, municipality="deurne", kind="system")
    token = accounts.issue_token(ADMIN, "zaaksysteem")
    user = accounts.token_user(token)
    assert user is not None and (user.name, user.kind) == ("zaaksysteem", "system")
    with register.engine.connect() as connection:
        assert token.split("_", 2)[2] not in repr(connection.execute(select(t.tokens)).all())
    assert accounts.token_user(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert accounts.token_user("onzin") is None
    accounts.revoke_token(ADMIN, token.split("_", 2)[1])
    assert accounts.token_user(token) is None
    assert [e.operation for e in register.log() if e.action == "denied"] == ["token", "token", "token"]
    details = [json.loads(e.detail)["token"] for e in register.log() if e.action == "denied"]
    assert details == [token.split("_", 2)[1], "", token.split("_", 2)[1]]  # ours by id; anything else not
    assert accounts.token_user("ghp_een-geheim-van-iemand-anders_x") is None  # another system's secret
    assert "een-geheim" not in repr(register.log())
    assert accounts.login("zaaksysteem", PASSWORD) is None  # a system has no password


def test_only_administrators_manage_users(register: Register) -> None:
    accounts = Accounts(register.store)
    with pytest.raises(AccessDenied):
        accounts.add_user(Actor(name="c", role=Role.COORDINATOR), "x1", role=Role.REPORTER, municipality="deurne")
    with pytest.raises(InvalidInput, match="minstens 12"):
        accounts.add_user(ADMIN, "kort", role=Role.REPORTER, municipality="deurne", password="kort")
    with pytest.raises(InvalidInput, match="gemeente"):
        accounts.add_user(ADMIN, "zonder", role=Role.REPORTER)
    accounts.add_user(ADMIN, "dubbel", role=Role.REPORTER, municipality="deurne")
    with pytest.raises(InvalidInput, match="bestaat al"):
        accounts.add_user(ADMIN, "dubbel", role=Role.REPORTER, municipality="deurne")
    assert [u.name for u in accounts.users(ADMIN)] == ["dubbel"]
    assert [e.action for e in register.log()][:2] == ["denied", "write"]
