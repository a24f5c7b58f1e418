"""The register's pages in real headless Chromium against ``ondermijning serve --db`` (SQLite and PostgreSQL):
a coordinator logs in, reads a case's timeline and adds the joint judgement; a reporter makes a report and
sees only its feedback status. axe-core checks every page; the session cookie is Secure on plain http to
127.0.0.1, as the docs say browsers allow on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator

import attrs
import pytest

from tests.browser import VIEWPORTS, accessible, require_chromium

require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

from ondermijning.assemble import load_catalog  # noqa: E402
from ondermijning.register.model import FeedbackStatus, Role  # noqa: E402
from ondermijning.register.service import Register  # noqa: E402
from ondermijning.web.register.auth import SESSION_COOKIE  # noqa: E402

from ..webserver import live_server  # noqa: E402
from .conftest import BACKENDS  # noqa: E402
from .webtools import PASSWORD, add_login  # noqa: E402


@attrs.frozen
class Live:
    url: str
    case: str  # a case of Deurne, opened by the reporter rob
    elsewhere: str  # a case of Nieuwegein


@pytest.fixture(scope="module", params=BACKENDS)
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("register-live")
    if request.param == "sqlite":
        db = str(folder / "register.sqlite3")
    else:
        db = request.getfixturevalue("postgres").create_database(f"browser_{os.getpid()}")
    register = Register.open(db, catalog=load_catalog())
    try:
        anna = add_login(register, "anna", Role.COORDINATOR, "deurne")
        rob = add_login(register, "rob", Role.REPORTER, "deurne")
        nina = add_login(register, "nina", Role.COORDINATOR, "nieuwegein")
        case, _entry = register.report(rob.actor, pseudonym="B-2026-7", municipality="deurne",
                                       signal_list="deurne/jongeren",
                                       observed=["gedrag-agressief", "school-spijbelt", "bezittingen-heeft-drugs"])
        register.act(anna.actor, case.id, "deurne/jongerenwerk-wijkteam", note="gesprek gepland")
        register.feedback(anna.actor, case.id, FeedbackStatus.IN_PROGRESS, message="We hebben contact gelegd")
        other = register.new_case(nina.actor, pseudonym="N-2026-9", municipality="nieuwegein")
    finally:
        register.dispose()
    with live_server(folder, ["--db", db]) as running:
        yield Live(url=running.url, case=case.id, elsewhere=other.id)


def _page(browser: Browser, viewport: str) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="nl-NL")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" and "403" not in m.text else None)
    yield opened
    context.close()
    assert not errors, f"the browser reported errors (a CSP refusal shows here too): {errors}"


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, "desktop")


@pytest.fixture
def narrow(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, "360px")


def log_in(page: Page, live: Live, name: str) -> None:
    page.goto(live.url + "/register")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden bij het register")
    accessible(page)
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Naam of wachtwoord klopt niet")
    accessible(page)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")  # the keyboard alone
    expect(page.get_by_text(f"Aangemeld als {name}")).to_be_visible()


def test_a_coordinator_reads_the_timeline_and_adds_the_joint_judgement(desktop: Page, live: Live,
                                                                       browser: Browser) -> None:
    page = desktop
    log_in(page, live, "anna")  # over plain http to 127.0.0.1: the browser keeps the Secure cookie on loopback
    cookie = next(c for c in page.context.cookies() if c["name"] == SESSION_COOKIE)
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waarom wil je")  # a purpose before the list
    accessible(page)
    page.get_by_label("Doel van het inzien").fill("voorbereiding casusoverleg")
    page.get_by_role("button", name="Inzien").click()
    expect(page.get_by_role("link", name=live.case)).to_be_visible()
    expect(page.get_by_role("link", name=live.elsewhere)).to_have_count(0)  # another municipality's case
    accessible(page)
    page.get_by_role("link", name=live.case).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Casus {live.case}")
    expect(page.locator("[data-level]")).to_have_attribute("data-level", "high")  # a red flag: the advice
    expect(page.get_by_text("Een advies, geen besluit.")).to_be_visible()
    expect(page.locator(".level.agreed")).to_contain_text("nog niet")
    picture = page.locator("li[data-kind=assessment]")
    expect(picture).to_contain_text("Berekend met pack deurne 0.1.0, lijst sha256:")
    picture.get_by_text("Waargenomen signalen (3)").click()
    expect(picture).to_contain_text("[feit]")
    expect(page.locator("li[data-kind=action]")).to_contain_text("advies gevraagd")
    expect(page.locator("[data-feedback]")).to_have_attribute("data-feedback", "in-progress")
    accessible(page)

    page.get_by_label("Samen vastgesteld zorgniveau").select_option("moderate")
    page.get_by_label("Reden van het oordeel").fill("Besproken met wijkteam en school; steun thuis.")
    page.get_by_label("Geraadpleegd (rollen, geen namen; gescheiden door komma's)").fill("jongerenwerker, mentor")
    page.get_by_role("button", name="Oordeel vastleggen").click()
    expect(page.locator("[data-agreed]")).to_have_attribute("data-agreed", "moderate")
    expect(page.locator("[data-level]")).to_have_attribute("data-level", "high")  # the advice stays beside it
    expect(page.get_by_text("Wijkt af van het berekende advies (hoog).")).to_be_visible()
    expect(page.locator("li[data-kind=judgement]")).to_contain_text("Geraadpleegd: jongerenwerker, mentor.")
    accessible(page)

    # the same case page at 360 px, in a browser that asks for English: English, the advice still beside the judgement
    narrow = browser.new_context(viewport=VIEWPORTS["360px"], storage_state=page.context.storage_state(),
                                 locale="en-GB")
    small = narrow.new_page()
    small.goto(page.url)
    expect(small.get_by_role("heading", level=1)).to_have_text(f"Case {live.case}")
    expect(small.get_by_text("Advice, not a decision.")).to_be_visible()
    expect(small.get_by_text("Differs from the computed advice (high).")).to_be_visible()
    accessible(small, lang="en")
    narrow.close()

    page.goto(f"{live.url}/register/casussen/{live.elsewhere}?doel=nieuwsgierig")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit mag je niet met deze rol")
    expect(page.get_by_text("N-2026-9")).to_have_count(0)
    page.goto(live.url + "/register/casussen?doel=afmelden")
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_text("Je bent afgemeld.")).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"] == SESSION_COOKIE]


def test_a_reporter_reports_and_sees_only_the_feedback_status(narrow: Page, live: Live) -> None:
    page = narrow
    log_in(page, live, "rob")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn meldingen")
    mine = page.locator("section.report", has_text=live.case)
    expect(mine.locator("[data-feedback-latest]")).to_have_text("in behandeling")
    expect(mine).to_contain_text("We hebben contact gelegd")
    for hidden in ("B-2026-7", "wijkteam", "hoog", "Reageert agressief"):
        expect(page.locator("main").get_by_text(hidden)).to_have_count(0)
    accessible(page)

    page.get_by_role("link", name="Nieuwe melding").click()
    accessible(page)
    page.get_by_label(load_catalog().signal_lists["deurne/jongeren"].name).check()
    page.get_by_role("button", name="Verder naar de signalen").click()
    page.get_by_label("Pseudoniem (een code zoals J-2026-017, nooit een naam, geboortedatum of BSN)").fill("B-2026-8")
    page.get_by_label("Spijbelt vaker of komt structureel te laat").check()
    accessible(page)
    page.get_by_role("button", name="Melding doen").click()
    expect(page.get_by_role("status")).to_contain_text("Je melding is vastgelegd")
    expect(page.locator("[data-feedback-latest]")).to_have_text("nog geen terugkoppeling")
    expect(page.locator("main").get_by_text("B-2026-8")).to_have_count(0)
    accessible(page)

    response = page.goto(f"{live.url}/register/casussen/{live.case}?doel=nieuwsgierig")
    assert response is not None and response.status == 403
    expect(page.get_by_text("B-2026-7")).to_have_count(0)

