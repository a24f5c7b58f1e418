"""NUL and other control characters, on SQLite and PostgreSQL: one Dutch line from the library, a 4xx problem
document from the API, a page that says what is wrong, and never a 5xx (PostgreSQL cannot store or compare NUL)."""

from __future__ import annotations

from typing import Any

import pytest

from ondermijning.models.picture import Judgement
from ondermijning.register.accounts import Accounts
from ondermijning.register.errors import AccessDenied, CaseNotFound, InvalidInput
from ondermijning.register.model import Role
from ondermijning.register.service import Register

from .test_web_api import API, problem
from .test_web_pages import log_in
from .webtools import ADMIN, FAST, PASSWORD, Login, add_login, form_token, served

NUL = "\x00"


@pytest.fixture
def people(register: Register) -> dict[str, Login]:
    return {"anna": add_login(register, "anna", Role.COORDINATOR, "deurne"),
            "rob": add_login(register, "rob", Role.REPORTER, "deurne"),
            "beheer": add_login(register, "beheer", Role.ADMINISTRATOR)}


def test_the_library_refuses_control_characters_in_one_dutch_line(register: Register,
                                                                   people: dict[str, Login]) -> None:
    anna, rob = people["anna"].actor, people["rob"].actor
    case = register.new_case(rob, pseudonym="N-2026-1", municipality="deurne").id
    refusals = {
        "purpose": lambda: register.new_case(rob, pseudonym="N-2026-2", municipality="deurne", purpose=f"a{NUL}b"),
        "consulted": lambda: register.judge(anna, case, Judgement(level="low", reason="Besproken",
                                                                  consulted=[f"wijk{NUL}team"])),
        "reason": lambda: register.judge(anna, case, Judgement(level="low", reason=f"Be{NUL}sproken")),
        "note": lambda: register.act(anna, case, "deurne/jongerenwerk-wijkteam", note=f"x{NUL}"),
        "message": lambda: register.feedback(anna, case, "received", message="\x07"),  # type: ignore[arg-type]
        "show purpose": lambda: register.show(anna, case, purpose=f"overleg{NUL}"),
        "status purpose": lambda: register.status(rob, case, purpose=f"{NUL}"),
        "reassess purpose": lambda: register.reassess(anna, case, purpose=f"{NUL}x"),
        "municipality": lambda: register.new_case(rob, pseudonym="N-2026-3", municipality=f"deurne{NUL}"),
    }
    for what, refused in refusals.items():
        with pytest.raises(InvalidInput) as caught:
            refused()
        line = str(caught.value)
        assert "\n" not in line and NUL not in line, what
        if what != "municipality":
            assert "stuurteken" in line, (what, line)
    with pytest.raises(CaseNotFound):
        register.show(anna, f"{case}{NUL}", purpose="overleg")
    with pytest.raises(AccessDenied):  # another municipality than anna's: refused, and the refusal logged
        register.cases(anna, purpose="overzicht", municipality=f"deurne{NUL}")
    assert [c.id for c in register.cases(anna, purpose="overzicht")] == [case]
    assert register.show(anna, case, purpose="overleg").timeline == ()  # nothing of the refusals was written
    assert register.verify().ok


def test_accounts_treat_nul_as_nobody(register: Register, people: dict[str, Login]) -> None:
    accounts = Accounts(register.store, hasher=FAST)
    assert accounts.login(f"anna{NUL}", PASSWORD) is None
    assert accounts.login("anna", f"{PASSWORD}{NUL}") is None
    assert accounts.token_user(f"om_{people['anna'].token_id}{NUL}_x") is None
    assert accounts.token_user(f"om_{NUL}_{NUL}") is None
    assert accounts.token_user(people["anna"].token + NUL) is None
    for name, municipality in ((f"nieuw{NUL}", "deurne"), ("nieuw", f"deurne{NUL}"), ("nieuw", "Deurne Zuid")):
        with pytest.raises(InvalidInput) as caught:
            accounts.add_user(ADMIN, name, role=Role.REPORTER, municipality=municipality, password=PASSWORD)
        assert NUL not in str(caught.value)
    with pytest.raises(InvalidInput):
        accounts.disable(ADMIN, f"anna{NUL}")
    denied = [e for e in register.log() if e.action == "denied"]
    assert [(e.operation, e.actor) for e in denied] == [("login", "?"), ("login", "anna")] + [("token", "?")] * 3
    assert register.verify().ok


def test_the_api_answers_nul_with_a_problem_document(register: Register, people: dict[str, Login]) -> None:
    anna, rob, admin = people["anna"], people["rob"], people["beheer"]
    case = register.new_case(rob.actor, pseudonym="N-2026-1", municipality="deurne").id
    requests: list[tuple[str, str, dict[str, Any], Login, int, str]] = [
        ("get", f"{API}/cases", {"params": {"purpose": NUL}}, anna, 422, "A014"),
        ("get", f"{API}/cases", {"params": {"purpose": "x", "municipality": NUL}}, anna, 403, "A011"),
        ("get", f"{API}/cases/{case}", {"params": {"purpose": f"x{NUL}"}}, anna, 422, "A014"),
        ("get", f"{API}/cases/{case}%00", {"params": {"purpose": "x"}}, anna, 404, "A003"),
        ("get", f"{API}/cases/{case}/status", {"params": {"purpose": NUL}}, rob, 422, "A014"),
        ("get", f"{API}/reports", {"params": {"purpose": NUL}}, rob, 422, "A014"),
        ("post", f"{API}/cases", {"json": {"pseudonym": f"N-{NUL}1", "municipality": "deurne"}}, rob, 422, "A014"),
        ("post", f"{API}/cases", {"json": {"pseudonym": "N-2026-9", "municipality": NUL}}, rob, 422, "A014"),
        ("post", f"{API}/cases", {"json": {"pseudonym": "N-2026-9", "municipality": "deurne", "purpose": NUL}},
         rob, 422, "A014"),
        ("post", f"{API}/cases/{case}/assessments", {"json": {"signal_list": NUL}}, rob, 422, "A014"),
        ("post", f"{API}/cases/{case}/assessments",
         {"json": {"signal_list": "deurne/jongeren", "signals": [NUL]}}, rob, 422, "A014"),
        ("post", f"{API}/cases/{case}/judgements",
         {"json": {"level": "low", "reason": "x", "consulted": [f"wijk{NUL}"]}}, anna, 422, "A014"),
        ("post", f"{API}/cases/{case}/judgements", {"json": {"level": "low", "reason": NUL}}, anna, 422, "A014"),
        ("post", f"{API}/cases/{case}/actions", {"json": {"route": NUL}}, anna, 422, "A014"),
        ("post", f"{API}/cases/{case}/actions",
         {"json": {"route": "deurne/jongerenwerk-wijkteam", "note": NUL}}, anna, 422, "A014"),
        ("post", f"{API}/cases/{case}/feedback", {"json": {"status": "received", "message": NUL}}, anna, 422, "A014"),
        ("post", f"{API}/cases/{case}/closing", {"json": {"reason": NUL}}, anna, 422, "A014"),
        ("post", f"{API}/cases/{case}/reassessments", {"json": {"purpose": NUL}}, anna, 422, "A014"),
        ("post", f"{API}/cases/{case}%00/closing", {"json": {}}, anna, 404, "A003"),
        ("post", f"{API}/users", {"json": {"name": f"x{NUL}", "role": "reporter", "municipality": "deurne"}},
         admin, 422, "A014"),
        ("post", f"{API}/users", {"json": {"name": "nieuw", "role": "reporter", "municipality": NUL}},
         admin, 422, "A014"),
        ("post", f"{API}/users/anna%00/disable", {}, admin, 422, "A014"),
        ("post", f"{API}/users/anna%00/tokens", {"json": {}}, admin, 422, "A014"),
    ]
    with served(register) as client:
        for method, path, arguments, who, status, code in requests:
            answer = getattr(client, method)(path, headers=who.api, **arguments)
            body = problem(answer, status, code)
            assert NUL not in body["detail"], (path, body)
    assert register.show(anna.actor, case, purpose="controle").timeline == ()
    assert register.verify().ok


def test_the_pages_answer_nul_without_a_server_error(register: Register, people: dict[str, Login]) -> None:
    case = register.new_case(people["rob"].actor, pseudonym="N-2026-1", municipality="deurne").id
    with served(register) as client:
        refused = log_in(client, f"anna{NUL}")
        assert refused.status_code == 200 and "Naam of wachtwoord klopt niet" in refused.text
        assert log_in(client, "anna").status_code == 303
        page = client.get(f"/register/casussen/{case}", params={"doel": "overleg"})
        csrf = form_token(page.text)
        for path, form in ((f"/register/casussen/{case}/oordeel",
                            {"niveau": "low", "reden": "Besproken", "geraadpleegd": f"wijk{NUL}team"}),
                           (f"/register/casussen/{case}/route", {"route": "deurne/jongerenwerk-wijkteam",
                                                                "notitie": NUL}),
                           (f"/register/casussen/{case}/sluiten", {"reden": NUL})):
            answer = client.post(path, data={**form, "csrf": csrf}, follow_redirects=False)
            assert 400 <= answer.status_code < 500 and "stuurteken" in answer.text, (path, answer.text)
        shown = client.get(f"/register/casussen/{case}", params={"doel": f"overleg{NUL}"})
        assert 400 <= shown.status_code < 500 and "stuurteken" in shown.text
        missing = client.get(f"/register/casussen/{case}%00", params={"doel": "overleg"})
        assert missing.status_code == 404
    assert register.show(people["anna"].actor, case, purpose="controle").timeline == ()
