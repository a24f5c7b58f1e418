"""The register's pages, refusals and API in the request's language, on SQLite and PostgreSQL: Dutch by default,
English for a request with ``Accept-Language: en``; and the OpenAPI document made once per language.

Besides the sentences checked by name, every English page is searched for each Dutch text of the register's
templates whose English differs (taken from the templates themselves), so a text left untranslated fails
(tests/test_languages.py reads every template for words outside ``_()``, which would not be looked for).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_file
from litestar.testing import TestClient

from ondermijning.i18n import _ as translate
from ondermijning.i18n import ngettext, using
from ondermijning.register.service import Register

from .webtools import Login, seed_case, served

ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "ondermijning" / "web" / "templates" / "register"
CASES = "/register/casussen"


def _fragments() -> list[str]:
    """The literal pieces (8+ characters, between placeholders and tags) of every register template message
    whose English differs from its Dutch."""
    found = set()
    for template in sorted(TEMPLATES.glob("*.html")):
        for _line, message, _comments, _context in extract_from_file("jinja2", template):
            forms = list(message) if isinstance(message, (tuple, list)) else [message]
            with using("en"):
                english = [ngettext(forms[0], forms[1], n) for n in (1, 2)] if len(forms) == 2 else [
                    translate(forms[0])]
            for dutch, translated in zip(forms, english, strict=True):
                found.update(piece.strip() for piece in re.split(r"\{[^}]*\}|<[^>]+>", dutch)
                             if len(piece.strip()) >= 8 and piece.strip() not in translated)
    return sorted(found)


DUTCH = _fragments()


def shown(page: str) -> str:
    """The text a person reads in a page's main part (tags dropped, entities decoded, spaces squeezed)."""
    main = page.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


def assert_english(response: Any) -> str:
    assert response.status_code in (200, 403, 404, 409), response.text
    assert '<html lang="en">' in response.text and response.headers["content-language"] == "en"
    text = shown(response.text)
    left = [fragment for fragment in DUTCH if fragment in text]
    assert not left, f"Dutch left in an English page ({response.url}): {left}"
    return text


def assert_dutch(response: Any) -> str:
    assert '<html lang="nl">' in response.text and response.headers["content-language"] == "nl"
    return shown(response.text)


@pytest.fixture
def seeded(register: Register) -> tuple[Register, dict[str, Login], str]:
    people, case = seed_case(register, "high", route="deurne/jongerenwerk-wijkteam")
    return register, people, case


def test_the_templates_give_the_check_something_to_find() -> None:
    assert len(DUTCH) > 100 and "Aanmelden bij het register" in DUTCH


def test_the_login_page_is_dutch_by_default_and_english_on_request(
        seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, _people, _case = seeded
    with served(register) as client:
        dutch = assert_dutch(client.get("/aanmelden"))
        assert "Aanmelden bij het register" in dutch and "Je sessie duurt hoogstens 8 uur." in dutch
        english = assert_english(client.get("/aanmelden", headers=ENGLISH))
        assert "Log in to the register" in english and "Your session lasts at most 8 hours." in english
        assert "User name" in english and "Password" in english
        # a refused login answers in the language of its own request
        form = client.get("/aanmelden", headers=ENGLISH).text
        token = re.search(r'name="csrf" value="([^"]*)"', form)
        assert token
        wrong = client.post("/aanmelden", data={"naam": "anna", "wachtwoord": "fout-wachtwoord-123",
                                                "csrf": token.group(1), "terug": "/register"}, headers=ENGLISH)
        assert "The name or password is wrong" in assert_english(wrong)


def test_a_coordinators_case_list_and_case_in_both_languages(seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, people, case = seeded
    anna = people["anna"].browser
    with served(register) as client:
        assert "Waarom wil je de casussen van je gemeente inzien?" in assert_dutch(client.get(CASES, headers=anna))
        asked = assert_english(client.get(CASES, headers={**anna, **ENGLISH}))
        assert "Why do you want to view the cases of your municipality?" in asked
        assert 'value="preparing the case meeting"' in client.get(CASES, headers={**anna, **ENGLISH}).text

        listed = assert_dutch(client.get(f"{CASES}?doel=overleg", headers=anna))
        assert "Casussen van je gemeente" in listed and "1 casus " in listed and " loopt " in listed
        listed = assert_english(client.get(f"{CASES}?doel=overleg", headers={**anna, **ENGLISH}))
        assert "Cases of your municipality" in listed and "1 case " in listed and " open " in listed
        assert "Logged in as anna (coordinator" in listed

        page = assert_english(client.get(f"{CASES}/{case}?doel=overleg", headers={**anna, **ENGLISH}))
        # the computed level stays advice beside the joint judgement, in English too
        assert "Computed advice (latest picture)" in page and "Advice, not a decision." in page
        assert "Set jointly (latest judgement) high" in page and "Differs from the computed advice" in page
        assert "Concern level set jointly: high." in page and "Feedback to the reporter: in progress" in page
        assert "anna (coordinator)" in page and "Timeline (newest first)" in page
        assert "ask for advice" in page or "advice asked" in page
        dutch = assert_dutch(client.get(f"{CASES}/{case}?doel=overleg", headers=anna))
        assert "Berekend advies (laatste beeld)" in dutch and "Een advies, geen besluit." in dutch
        assert "Samen vastgesteld zorgniveau: hoog." in dutch and "in behandeling" in dutch

        picture = assert_english(client.get(f"{CASES}/{case}/beeld?lijst=deurne/jongeren&doel=overleg&versie=4",
                                            headers={**anna, **ENGLISH}))
        assert f"New picture for case {case}" in picture and "Add the picture" in picture


def test_a_reporter_and_an_administrator_read_their_pages_in_english(
        seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, people, case = seeded
    rob, beheer = people["rob"].browser, people["beheer"].browser
    with served(register) as client:
        reports = assert_english(client.get("/register/meldingen", headers={**rob, **ENGLISH}))
        assert f"Report {case}" in reports and "Case: open" in reports and "Feedback: in progress" in reports
        assert "We pakken het op" in reports  # what the coordinator wrote stays as written
        assert "Terugkoppeling: in behandeling" in assert_dutch(client.get("/register/meldingen", headers=rob))
        made = assert_english(client.get(f"/register/meldingen/{case}?nieuw=1", headers={**rob, **ENGLISH}))
        assert "Your report has been recorded." in made and "Messages for you" in made
        assert "Step 1 of 2" in assert_english(client.get("/register/melden", headers={**rob, **ENGLISH}))
        form = assert_english(client.get("/register/melden/signalen?lijst=deurne/jongeren",
                                         headers={**rob, **ENGLISH}))
        assert "Step 2 of 2" in form and "Pseudonym (a code such as J-2026-017" in form

        users = assert_english(client.get("/register/gebruikers?toegevoegd=kim", headers={**beheer, **ENGLISH}))
        assert "User kim has been added." in users and "3 users" in users and "Disable rob" in users
        assert "3 gebruikers" in assert_dutch(client.get("/register/gebruikers", headers=beheer))
        issued = client.post("/register/gebruikers/rob/token", data={"csrf": people["beheer"].csrf},
                             headers={**beheer, **ENGLISH})
        assert "It is valid for 365 days." in assert_english(issued)


def test_refusals_on_the_pages_follow_the_request(seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, people, case = seeded
    anna, rob = people["anna"].browser, people["rob"].browser
    with served(register) as client:
        no_token = {"niveau": "high", "reden": "x"}
        english = client.post(f"{CASES}/{case}/oordeel", data=no_token, headers={**anna, **ENGLISH})
        assert english.status_code == 403
        assert "This form has expired or does not come from this site." in assert_english(english)
        dutch = client.post(f"{CASES}/{case}/oordeel", data=no_token, headers=anna)
        assert dutch.status_code == 403 and "Dit formulier is verlopen" in assert_dutch(dutch)
        # a reporter asking for a coordinator's page: the role's refusal (A011), in English
        refused = client.get(f"{CASES}/{case}?doel=nieuwsgierig", headers={**rob, **ENGLISH})
        assert refused.status_code == 403 and "Your role may not do this" in assert_english(refused)
        # a stale version (A012) in English
        stale = client.post(f"{CASES}/{case}/sluiten", data={"csrf": people["anna"].csrf, "versie": "1"},
                            headers={**anna, **ENGLISH})
        assert stale.status_code == 409 and "The case has changed in the meantime" in assert_english(stale)


def test_the_registers_api_problems_follow_the_request(seeded: tuple[Register, dict[str, Login], str]) -> None:
    register, people, case = seeded
    with served(register) as client:
        english = client.get("/api/v1/register/cases?purpose=x", headers=ENGLISH)
        dutch = client.get("/api/v1/register/cases?purpose=x")
        assert english.status_code == dutch.status_code == 401
        assert english.headers["content-language"] == "en" and dutch.headers["content-language"] == "nl"
        assert (english.json()["code"], dutch.json()["code"]) == ("A010", "A010")
        assert (english.json()["title"], dutch.json()["title"]) == ("Login required", "Aanmelden nodig")
        assert english.json()["detail"].startswith("The register asks who you are")
        assert dutch.json()["detail"].startswith("Het register vraagt wie je bent")
        role = client.get("/api/v1/register/cases?purpose=x", headers={**people["rob"].api, **ENGLISH})
        assert role.status_code == 403 and role.json()["title"] == "Your role may not do this"
        assert "may not do this" in role.json()["detail"]
        missing = client.get("/api/v1/register/cases/onbekend?purpose=x", headers={**people["anna"].api, **ENGLISH})
        assert missing.status_code == 404 and missing.json()["title"] == "Unknown id"
        assert missing.json()["detail"] != client.get("/api/v1/register/cases/onbekend?purpose=x",
                                                      headers=people["anna"].api).json()["detail"]
        stale = client.post(f"/api/v1/register/cases/{case}/closing", json={"version": 1},
                            headers={**people["anna"].api, **ENGLISH})
        assert stale.status_code == 409 and stale.json()["title"] == "The case has changed in the meantime"


def _texts(document: dict[str, Any]) -> dict[str, str]:
    """Every human text of the document's own (info, summaries, parameters, answers), by where it is."""
    found = {"info": document["info"]["description"],
             "security": document["components"]["securitySchemes"]["apiToken"]["description"]}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            found[f"{method} {path} summary"] = operation["summary"]
            for parameter in operation.get("parameters", ()):
                if "description" in parameter:
                    found[f"{method} {path} {parameter['name']}"] = parameter["description"]
            for code, answer in operation["responses"].items():
                found[f"{method} {path} {code}"] = answer["description"]
    return found


def test_the_openapi_document_follows_the_request_and_is_made_once_per_language(register: Register) -> None:
    with served(register) as client:
        dutch = client.get("/api/v1/openapi.json")
        english = client.get("/api/v1/openapi.json", headers=ENGLISH)
        again = client.get("/api/v1/openapi.json", headers=ENGLISH)
        documents = client.app.state.openapi_documents
    assert (dutch.headers["content-language"], english.headers["content-language"]) == ("nl", "en")
    assert "Accept-Language" in english.headers["vary"]
    nl, en = dutch.json(), english.json()
    assert again.json() == en and set(documents) == {"nl", "en"}
    operation = "/api/v1/register/cases/{case_id}"
    assert (nl["paths"][operation]["get"]["summary"], en["paths"][operation]["get"]["summary"]) == (
        "Eén casus met zijn tijdlijn", "One case with its timeline")
    assert en["info"]["description"].startswith("Signal lists, routes, dilemma cards")
    assert "The computed concern level is advice; professionals set the level together." in en["info"]["description"]
    assert "/api/v1/register" in en["info"]["description"]
    dutch_texts, english_texts = _texts(nl), _texts(en)
    assert dutch_texts.keys() == english_texts.keys() and len(dutch_texts) > 100
    same = [where for where, text in english_texts.items() if text == dutch_texts[where]]
    assert not same, f"texts of the OpenAPI document left in Dutch: {same}"
    # the same operations and schemas in both: only the words differ
    assert nl["paths"].keys() == en["paths"].keys() and nl["components"]["schemas"] == en["components"]["schemas"]


def test_a_register_page_in_english_says_so_in_the_browsers_terms(
        seeded: tuple[Register, dict[str, Login], str]) -> None:
    """A browser asking for Dutch first, then English, gets Dutch; the language is each request's own."""
    register, people, _case = seeded
    with served(register) as client:
        assert_dutch(client.get("/register/meldingen", headers={**people["rob"].browser,
                                                                 "Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"}))
        assert_english(client.get("/register/meldingen", headers={**people["rob"].browser, **ENGLISH}))
        assert_dutch(client.get("/register/meldingen", headers=people["rob"].browser))


def test_without_a_register_the_openapi_document_is_translated_too(catalog: Any) -> None:
    from ondermijning.web import create_app

    with TestClient(create_app(catalog)) as client:
        english = client.get("/api/v1/openapi.json", headers=ENGLISH).json()
        dutch = client.get("/api/v1/openapi.json").json()
    assert english["paths"]["/api/v1/routes"]["get"]["summary"] == "Routes, filtered"
    assert dutch["paths"]["/api/v1/routes"]["get"]["summary"] == "Routes, gefilterd"
    assert "securitySchemes" not in english["components"]
