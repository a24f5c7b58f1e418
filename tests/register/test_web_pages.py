"""The register's pages in-process, on SQLite and PostgreSQL: logging in and out, the cookie's attributes, the
CSRF token on every form, a purpose for every read, and what each role's pages show."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from litestar.testing import TestClient

from ondermijning.register.service import Register
from ondermijning.web.register.auth import LOGIN_COOKIE, SESSION_COOKIE

from .webtools import PASSWORD, Login, form_token, seed_case, served

CASES = "/register/casussen"


def cookie_attributes(header: str) -> dict[str, str]:
    name, _, rest = header.partition(";")
    attributes = {"name": name.split("=", 1)[0].strip()}
    for part in rest.split(";"):
        key, _, value = part.strip().partition("=")
        attributes[key.lower()] = value
    return attributes


def set_cookies(response: Any) -> dict[str, dict[str, str]]:
    return {a["name"]: a for a in map(cookie_attributes, response.headers.get_list("set-cookie"))}


def log_in(client: TestClient[Any], name: str, password: str = PASSWORD, back: str = "/register") -> Any:
    token = form_token(client.get("/aanmelden").text)
    return client.post("/aanmelden", data={"naam": name, "wachtwoord": password, "csrf": token, "terug": back},
                       follow_redirects=False)


@pytest.fixture
def seeded(register: Register) -> tuple[Register, dict[str, Login], str]:
    people, case = seed_case(register, "moderate")
    return register, people, case


def test_logging_in_sets_a_secure_host_only_cookie_and_logging_out_ends_it(
        seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, _people, _case = seeded
    with served(register) as client:
        form = client.get("/aanmelden")
        login_cookie = set_cookies(form)[LOGIN_COOKIE]
        assert LOGIN_COOKIE.startswith("__Host-") and "domain" not in login_cookie
        assert {"secure", "httponly"} <= set(login_cookie) and login_cookie["samesite"].lower() == "strict"
        wrong = log_in(client, "anna", "fout-wachtwoord-123")
        assert wrong.status_code == 200 and "Naam of wachtwoord klopt niet" in wrong.text
        assert SESSION_COOKIE not in set_cookies(wrong)
        right = log_in(client, "anna")
        assert right.status_code == 303 and right.headers["location"] == "/register"
        session = set_cookies(right)[SESSION_COOKIE]
        assert SESSION_COOKIE.startswith("__Host-") and "domain" not in session and session["path"] == "/"
        assert {"secure", "httponly"} <= set(session) and session["samesite"].lower() == "strict"
        assert session["max-age"] == str(8 * 3600)
        assert set_cookies(right)[LOGIN_COOKIE]["max-age"] == "0"  # the login form's token is used up
        start = client.get("/register", follow_redirects=False)
        assert start.headers["location"] == CASES
        page = client.get(CASES)
        assert "Waarom wil je" in page.text and 'name="doel"' in page.text  # a purpose first
        assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
        out = client.post("/afmelden", data={"csrf": form_token(page.text)}, follow_redirects=False)
        assert out.status_code == 303 and set_cookies(out)[SESSION_COOKIE]["max-age"] == "0"
        secret = right.cookies[SESSION_COOKIE]
        client.cookies.clear()
        again = client.get(CASES, headers={"Cookie": f"{SESSION_COOKIE}={secret}"}, follow_redirects=False)
        assert again.status_code == 303 and again.headers["location"].startswith("/aanmelden?terug=")
    operations = [(e.actor, e.action, e.operation) for e in register.log()][-3:]
    assert operations == [("anna", "denied", "login"), ("anna", "login", "login"), ("anna", "login", "logout")]


def test_a_form_without_its_csrf_token_or_from_another_site_is_refused(
        seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, people, case = seeded
    anna = people["anna"]
    judge = {"niveau": "high", "reden": "Samen besloten", "versie": "3", "doel": "x"}
    with served(register) as client:
        for extra, headers in (({}, {}), ({"csrf": "verkeerd"}, {}), ({"csrf": people["rob"].csrf}, {}),
                               ({"csrf": anna.csrf}, {"Sec-Fetch-Site": "cross-site"})):
            refused = client.post(f"{CASES}/{case}/oordeel", data={**judge, **extra},
                                  headers={**anna.browser, **headers}, follow_redirects=False)
            assert refused.status_code == 403 and "Code A013" in refused.text, extra
        assert register.show(anna.actor, case, purpose="test").case.version == 3  # nothing was written
        done = client.post(f"{CASES}/{case}/oordeel", data={**judge, "csrf": anna.csrf},
                           headers={**anna.browser, "Sec-Fetch-Site": "same-origin"}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == f"{CASES}/{case}?doel=x#tijdlijn"
        # the login form: its token must be the one of this browser's login cookie
        client.get("/aanmelden")
        stolen = client.post("/aanmelden", data={"naam": "anna", "wachtwoord": PASSWORD, "csrf": "x" * 43})
        assert stolen.status_code == 403 and "Code A013" in stolen.text
        client.cookies.clear()
        blind = client.post("/aanmelden", data={"naam": "anna", "wachtwoord": PASSWORD, "csrf": "x" * 43})
        assert blind.status_code == 403 and SESSION_COOKIE not in set_cookies(blind)
    assert register.show(anna.actor, case, purpose="test").case.version == 4


def test_a_coordinator_reads_with_a_purpose_and_the_log_records_the_session(
        seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, people, case = seeded
    anna = people["anna"]
    with served(register) as client:
        before = len(register.log())
        asked = client.get(f"{CASES}/{case}", headers=anna.browser)
        assert asked.status_code == 200 and "P-2026-42" not in asked.text and len(register.log()) == before
        shown = client.get(f"{CASES}/{case}", params={"doel": "voorbereiding casusoverleg"}, headers=anna.browser)
        assert shown.status_code == 200 and "P-2026-42" in shown.text
        assert 'data-level="' in shown.text and 'data-agreed="moderate"' in shown.text
        assert "Berekend met pack deurne" in shown.text and "in behandeling" in shown.text
        listed = client.get(CASES, params={"doel": "overzicht"}, headers=anna.browser)
        assert f'href="{CASES}/{case}?doel=overzicht"' in listed.text
        conflict = client.post(f"{CASES}/{case}/terugkoppeling", data={
            "csrf": anna.csrf, "versie": "1", "status": "closed", "doel": "x"}, headers=anna.browser)
        assert conflict.status_code == 409 and "Code A012" in conflict.text
    reads = [e for e in register.log() if e.action == "read"]
    show, listing = reads[-2:]
    assert (show.actor, show.role, show.operation, show.case, show.purpose) == (
        "anna", "coordinator", "show", case, "voorbereiding casusoverleg")
    assert show.legal_basis and json.loads(show.detail)["via"] == "session"
    assert (listing.operation, listing.purpose, json.loads(listing.detail)["via"]) == ("list", "overzicht", "session")


def test_a_reporter_reports_and_sees_only_status_and_feedback(
        seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, people, case = seeded
    rob = people["rob"]
    with served(register) as client:
        mine = client.get("/register/meldingen", headers=rob.browser)
        assert mine.status_code == 200 and case in mine.text and "We pakken het op" in mine.text
        for secret in ("P-2026-42", "Besproken in het overleg", "matig", "agressief"):
            assert secret not in mine.text, secret
        assert client.get(f"{CASES}/{case}", params={"doel": "x"}, headers=rob.browser).status_code == 403
        assert client.get(CASES, params={"doel": "x"}, headers=rob.browser).status_code == 403
        form = client.get("/register/melden/signalen", params={"lijst": "deurne/jongeren"}, headers=rob.browser)
        assert 'name="pseudoniem"' in form.text and 'name="signaal"' in form.text
        made = client.post("/register/melden", data={
            "csrf": rob.csrf, "lijst": "deurne/jongeren", "pseudoniem": "P-2026-43",
            "signaal": ["deurne/school-spijbelt", "deurne/gedrag-agressief"],
            "soort:deurne/gedrag-agressief": "interpretation"}, headers=rob.browser, follow_redirects=False)
        assert made.status_code == 303, made.text
        status = client.get(made.headers["location"], headers=rob.browser)
        assert "Je melding is vastgelegd" in status.text and "P-2026-43" not in status.text
        refused = client.post("/register/melden", data={"csrf": rob.csrf, "lijst": "deurne/jongeren",
                                                         "pseudoniem": "Jan Jansen"}, headers=rob.browser)
        assert refused.status_code == 422 and "Code A014" in refused.text and "nooit een naam" in refused.text
    new = next(c for c in register.cases(people["anna"].actor, purpose="test") if c.pseudonym == "P-2026-43")
    picture = register.show(people["anna"].actor, new.id, purpose="test").timeline[0].item.picture  # type: ignore
    assert {o.signal: o.kind.value for o in picture.observations} == {
        "deurne/school-spijbelt": "fact", "deurne/gedrag-agressief": "interpretation"}


def test_an_administrator_manages_users_and_sees_no_case(seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, people, case = seeded
    admin = people["beheer"]
    with served(register) as client:
        page = client.get("/register/gebruikers", headers=admin.browser)
        assert page.status_code == 200 and "rob" in page.text
        added = client.post("/register/gebruikers", data={
            "csrf": admin.csrf, "naam": "zaaksysteem", "soort": "system", "rol": "coordinator",
            "gemeente": "deurne"}, headers=admin.browser, follow_redirects=False)
        assert added.status_code == 303
        shown = client.post("/register/gebruikers/zaaksysteem/token", data={"csrf": admin.csrf},
                            headers=admin.browser)
        token = re.search(r'value="(om_[^"]+)"', shown.text)
        assert shown.status_code == 200 and token and "niet nog eens getoond" in shown.text
        api = client.get("/api/v1/register/cases", params={"purpose": "koppeling"},
                         headers={"Authorization": f"Bearer {token.group(1)}"})
        assert api.status_code == 200 and api.json()[0]["id"] == case
        assert client.get(f"{CASES}/{case}", params={"doel": "x"}, headers=admin.browser).status_code == 403
        no_token = client.post("/register/gebruikers/zaaksysteem/uitschakelen", data={}, headers=admin.browser)
        assert no_token.status_code == 403
        client.post("/register/gebruikers/zaaksysteem/uitschakelen", data={"csrf": admin.csrf}, headers=admin.browser)
        assert client.get("/api/v1/register/cases", params={"purpose": "koppeling"},
                          headers={"Authorization": f"Bearer {token.group(1)}"}).status_code == 401
        assert client.get("/register/gebruikers", headers=people["anna"].browser).status_code == 403


def test_without_a_session_a_page_leads_to_the_login_and_back_only_within_the_register(
        seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, _people, case = seeded
    with served(register) as client:
        asked = client.get(f"{CASES}/{case}", params={"doel": "overleg"}, follow_redirects=False)
        assert asked.status_code == 303
        back = f"{CASES}/{case}?doel=overleg"
        assert asked.headers["location"] == f"/aanmelden?terug={back.replace('?', '%3F').replace('=', '%3D')}"
        assert log_in(client, "anna", back=back).headers["location"] == back
        client.cookies.clear()
        for elsewhere in ("https://elders.example/register", "//elders.example/register", "/api/v1/packs",
                          "/register\\@elders.example"):
            assert log_in(client, "anna", back=elsewhere).headers["location"] == "/register", elsewhere
            client.cookies.clear()
        unposted = client.post(f"{CASES}/{case}/sluiten", data={"csrf": "x"}, follow_redirects=False)
        assert unposted.status_code == 303 and unposted.headers["location"].startswith("/aanmelden")
