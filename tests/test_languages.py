"""Dutch by default, English on request: the command line (--lang, ONDERMIJNING_LANG, the locale) and the web app."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

import ondermijning as o
from ondermijning.cli import main
from ondermijning.web import create_app

from .conftest import MakePack


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_is_dutch_including_argparses_own_texts(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    out = capsys.readouterr().out
    assert stopped.value.code == 0
    assert out.startswith("gebruik: ondermijning ")
    assert "toon deze hulp en stop" in out and "toon het versienummer en stop" in out
    assert "\nopties:\n" in out and "usage:" not in out and "show this help" not in out
    assert "de taal van de meldingen" in out and "Afsluitcodes:" in out


def test_a_missing_argument_is_refused_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["diff", "oud"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.startswith("gebruik: ondermijning diff ")
    assert err.endswith("ondermijning diff: fout: deze argumenten ontbreken: NIEUW\n")


@pytest.mark.parametrize("words", [["--lang", "en", "diff", "oud"], ["diff", "oud", "--lang", "en"],
                                   ["diff", "--lang=en", "oud"]])
def test_lang_works_before_and_after_the_command(capsys: pytest.CaptureFixture[str], words: list[str]) -> None:
    with pytest.raises(SystemExit):
        main(words)
    err = capsys.readouterr().err
    assert err.startswith("usage: ondermijning diff ")
    assert err.endswith("ondermijning diff: error: the following arguments are required: NEW\n")


def test_the_language_lasts_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    """main() called twice in one process: --lang en the first time does not make the second one English."""
    assert run(capsys, "--lang", "en", "dilemma", "--list", "--all")[2] == \
        "ondermijning: error: give --list or --all, not both\n"
    assert run(capsys, "dilemma", "--list", "--all")[2] == "ondermijning: fout: geef --list of --all, niet allebei\n"


def test_an_unknown_language_is_refused_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "fr", "packs"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith("ondermijning: fout: argument --lang: ongeldige keuze: 'fr' "
                                            "(kies uit 'nl', 'en')\n")


def _broken(make_pack: MakePack) -> Path:
    return make_pack("kapot", {"routes.toml": '[[routes]]\nid = "r"\nname = "R"\nscope = "local"\n'
                                              'action = "advice"\nlevels = ["low"]\nwhen = "x"\nlevle = 1\n'})


def test_validate_on_a_broken_pack_speaks_dutch_by_default_and_english_with_lang_en(
        capsys: pytest.CaptureFixture[str], make_pack: MakePack, tmp_path: Path) -> None:
    """The problem lines, the summary and the command's own errors all follow the language."""
    folder = _broken(make_pack)
    code, _out, err = run(capsys, "validate", str(tmp_path / "nergens"))
    assert code == 2 and err.startswith(f"ondermijning: fout: {tmp_path / 'nergens'}: ")
    code, _out, err = run(capsys, "validate", str(tmp_path / "nergens"), "--lang", "en")
    assert code == 2 and err.startswith(f"ondermijning: error: {tmp_path / 'nergens'}: ")
    code, out, _err = run(capsys, "validate", str(folder))
    assert code == 1 and "L101 onbekende sleutel 'levle'" in out and ": 2 fouten" in out
    assert "unknown key" not in out and "error" not in out
    for words in (["--lang", "en", "validate", str(folder)], ["validate", str(folder), "--lang", "en"]):
        code, out, _err = run(capsys, *words)
        assert code == 1 and "L101 unknown key 'levle'" in out and ": 2 errors" in out
        assert "onbekende sleutel" not in out and "fout" not in out


def test_the_environment_and_the_locale_choose_english(make_pack: MakePack) -> None:
    """In a new process: ONDERMIJNING_LANG=en, or an English locale without it; anything else gives Dutch."""
    def packs_line(**env: str) -> str:
        environment = {k: v for k, v in os.environ.items()
                       if k not in ("ONDERMIJNING_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
        result = subprocess.run([sys.executable, "-m", "ondermijning", "dilemma", "--list", "--all"],
                                capture_output=True, text=True, env={**environment, **env}, check=False)
        return result.stderr

    assert packs_line() == "ondermijning: fout: geef --list of --all, niet allebei\n"
    assert packs_line(ONDERMIJNING_LANG="en") == "ondermijning: error: give --list or --all, not both\n"
    assert packs_line(LANG="en_GB.UTF-8") == "ondermijning: error: give --list or --all, not both\n"
    assert packs_line(LANG="nl_NL.UTF-8") == "ondermijning: fout: geef --list of --all, niet allebei\n"
    assert packs_line(LANG="en_GB.UTF-8", ONDERMIJNING_LANG="nl") == \
        "ondermijning: fout: geef --list of --all, niet allebei\n"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Any]]:
    with TestClient(create_app(o.load_catalog())) as test_client:
        yield test_client


def test_pages_are_dutch_and_say_so(client: TestClient[Any]) -> None:
    response = client.get("/signaleren")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.text and "Verder naar de signalen" in response.text
    assert response.headers["content-language"] == "nl"
    assert "Accept-Language" in response.headers["vary"]


def test_a_page_in_english_with_accept_language_en(client: TestClient[Any]) -> None:
    response = client.get("/signaleren", headers={"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"})
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "On to the signals" in response.text and "Skip to content" in response.text
    assert "Verder naar de signalen" not in response.text
    assert response.headers["content-language"] == "en"
    # the next request without the header is Dutch again: the language is the request's, not the process's
    assert '<html lang="nl">' in client.get("/signaleren").text


def test_an_unknown_address_is_answered_in_the_requests_language(client: TestClient[Any]) -> None:
    page = client.get("/nergens", headers={"Accept-Language": "en"})
    assert page.status_code == 404 and '<html lang="en">' in page.text and "This address does not exist" in page.text
    dutch = client.get("/nergens")
    assert dutch.status_code == 404 and "Dit adres bestaat niet" in dutch.text


def test_a_problem_document_in_english_with_accept_language_en(client: TestClient[Any]) -> None:
    body = {"signal_list": "deurne/jongeren", "signals": ["gedrag-agresief"]}
    english = client.post("/api/v1/assessments", json=body, headers={"Accept-Language": "en"})
    dutch = client.post("/api/v1/assessments", json=body)
    assert english.status_code == dutch.status_code == 422
    assert english.headers["content-type"].startswith("application/problem+json")
    assert (english.json()["title"], dutch.json()["title"]) == ("Unknown id", "Onbekend id")
    assert english.json()["detail"].startswith("Unknown signal 'gedrag-agresief'")
    assert dutch.json()["detail"].startswith("Onbekend signaal 'gedrag-agresief'")
    assert english.json()["code"] == dutch.json()["code"] == "A003"


TEMPLATES = Path(o.__file__).parent / "web" / "templates"
#: words a template may show as they are, in every language (the project's name, an HTTP header)
AS_THEY_ARE = {"ondermijning", "Authorization", "Bearer"}


def unwrapped(template: str) -> list[str]:
    """Words of a template a person reads that are not inside ``{{ }}`` (so not through ``_()``)."""
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", template, flags=re.S)
    readable = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text)
    readable += re.split(r"<[^>]*>", text)
    return [word for part in readable for word in re.findall(r"[^\W\d_]{2,}", html.unescape(part))
            if word not in AS_THEY_ARE]


@pytest.mark.parametrize("template", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")))
def test_every_text_of_a_template_goes_through_the_catalog(template: str) -> None:
    """Every page of the web app, the register's and the others: no word outside ``_()``."""
    assert not unwrapped((TEMPLATES / template).read_text(encoding="utf-8")), template


def test_the_unwrapped_check_finds_a_bare_text() -> None:
    assert unwrapped('<p>{{ _("Goed") }} Fout <span title="Titel">{{ x }}</span></p>') == ["Titel", "Fout"]


def test_the_sites_validation_messages_follow_the_request(make_pack: MakePack) -> None:
    """The served catalog's validation report is made once per language, not in the first request's language."""
    from ondermijning.i18n import using
    from ondermijning.web.site import Site

    folder = make_pack("p", {"routes.toml": '[[routes]]\nid = "r"\nname = "R"\nscope = "local"\naction = "advice"\n'
                                            'levels = ["low"]\nwhen = "x"\nlists = ["p/nergens"]\n'
                                            'source = { publication = "Test", section = "§1" }\n'})
    site = Site(o.load_catalog([folder]))
    with using("en"):
        english = [p.message for p in site.problems if p.code == "V001"]
    dutch = [p.message for p in site.problems if p.code == "V001"]
    assert english == ["lists of 'p/r': unknown reference to signal list 'p/nergens'"]
    assert dutch == ["lists van 'p/r': onbekende verwijzing naar signalenlijst 'p/nergens'"]
    with using("en"):
        assert [p.message for p in site.problems if p.code == "V001"] == english  # kept, not made again
    assert site.reports["p"].errors == 1  # the counts do not depend on the language


def test_a_case_sessions_advice_in_both_languages() -> None:
    """S001–S003 (sessions.py, used by the guide page, ``guide`` and the planner): Dutch, or English."""
    from ondermijning.i18n import using
    from ondermijning.sessions import check_case_session

    guide = next(iter(o.load_catalog().guides.values()))
    many = ["a", "b", "c", "d", "e", "f", "g"][:guide.max_cases + 1]

    def findings() -> list[tuple[str, str, str]]:
        found = check_case_session(guide, participants=guide.max_participants + 2, facilitators=1, cases=many)
        return [(p.code, p.message, p.hint) for p in found]

    dutch = findings()
    with using("en"):
        english = findings()
    assert [code for code, _m, _h in dutch] == [code for code, _m, _h in english] == ["S001", "S002", "S003"]
    n = guide.max_participants + 2
    assert dutch[0][1].startswith(f"{n} deelnemers; de leidraad adviseert")
    assert english[0][1].startswith(f"{n} participants; the guide advises")
    assert dutch[1][1].startswith("1 begeleider; de leidraad vraagt er") and english[1][1].startswith(
        "1 facilitator; the guide asks for")
    assert english[2][1].startswith(f"{len(many)} cases in one session") and english[2][2].startswith("Better to")
    assert all(d != e for d, e in zip(dutch, english, strict=True))
