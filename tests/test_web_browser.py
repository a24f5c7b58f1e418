"""The web app as a person uses it: real headless Chromium (Debian's), at desktop width and at 360 px.

Each flow runs end to end against a live ``ondermijning serve``; axe-core (shipped inside
axe-playwright-python) checks every page for serious or critical accessibility violations. A
second server loads a pack whose texts are hostile HTML: the pages must show them as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ondermijning as o
from tests.browser import VIEWPORTS, accessible, require_chromium

require_chromium()

from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402


def test_the_signalling_flow_from_choice_to_picture_and_downloads(page: Page, server: Any, tmp_path: Path) -> None:
    page.goto(server.url + "/")
    expect(page.get_by_text("Er wordt niets bewaard.").first).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Signaleren").first.click()
    page.get_by_label("Gemeente (voor de lokale routes)").select_option("deurne")
    youth_list = "Voorbeeldlijst signalen bij jongeren (naar de Deurne-ordening)"
    page.get_by_label(youth_list).check()
    accessible(page)
    page.get_by_role("button", name="Verder naar de signalen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(youth_list)
    accessible(page)
    page.get_by_label("Reageert agressief of dreigend naar leeftijdgenoten of volwassenen").check()
    red_flag = page.locator("input[name=signaal][value='deurne/bezittingen-heeft-drugs']")
    red_flag.check()
    page.locator("input[name='soort:deurne/bezittingen-heeft-drugs'][value=interpretation]").check()
    page.locator("input[name=beschermend]").first.check()
    page.get_by_role("button", name="Informatiebeeld maken").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Informatiebeeld")
    expect(page.locator("[data-level]")).to_have_attribute("data-level", "high")
    expect(page.get_by_text("Berekend advies")).to_be_visible()
    expect(page.get_by_role("heading", name="Rode vlaggen")).to_be_visible()
    expect(page.get_by_role("heading", name="Om op te letten")).to_have_count(0)  # hoog: nothing can raise it
    scopes = page.locator("ol.routes > li").evaluate_all("items => items.map(i => i.className)")
    assert scopes and scopes == sorted(scopes, key=lambda c: "national" in c), scopes  # local first
    expect(page.locator(".privacy")).to_contain_text("Er wordt niets bewaard")
    accessible(page)

    page.get_by_label("Samen vastgesteld zorgniveau").select_option("moderate")
    page.get_by_label("Reden").fill("Besproken met het wijkteam; de jongere heeft steun thuis.")
    page.get_by_role("button", name="Oordeel naast het advies zetten").click()
    expect(page.locator("[data-level]")).to_have_attribute("data-level", "high")  # the advice stays
    expect(page.locator("[data-agreed]")).to_have_attribute("data-agreed", "moderate")
    expect(page.get_by_text("Wijkt af van het berekende advies")).to_be_visible()
    expect(page.get_by_role("button", name="Informatiebeeld afdrukken")).to_be_visible()  # the script ran
    accessible(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download als JSON").click()
    picture = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert picture["kind"] == "information_picture" and picture["level"] == "high"
    assert picture["judgement"]["level"] == "moderate"
    kinds = {o["signal"]: o["kind"] for o in picture["observations"]}
    assert kinds["deurne/bezittingen-heeft-drugs"] == "interpretation"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download als Markdown").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# Informatiebeeld") and "HOOG (advies)" in markdown

    page.emulate_media(media="print")  # the print view: no menus, forms or buttons
    expect(page.locator("header.site")).to_be_hidden()
    expect(page.get_by_role("button", name="Download als JSON")).to_be_hidden()
    expect(page.locator("[data-level]")).to_be_visible()


def test_signals_can_be_ticked_with_the_keyboard_alone(page: Page, server: Any) -> None:
    page.goto(server.url + "/signaleren/lijst?lijst=deurne/jongeren&gemeente=deurne")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "signaal":
            break
    focused = page.locator(":focus")
    assert focused.get_attribute("type") == "checkbox"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused control shows no focus outline"
    page.keyboard.press("Space")
    expect(focused).to_be_checked()
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-level]")).to_be_visible()


def test_a_dilemma_card_walked_step_by_step(page: Page, server: Any) -> None:
    page.goto(server.url + "/dilemmakaarten")
    accessible(page)
    page.locator("ul.cards a").first.click()
    expect(page.get_by_role("heading", name="De situatie")).to_be_visible()
    accessible(page)
    while page.get_by_role("link", name="Volgende stap").count():
        page.get_by_role("link", name="Volgende stap").click()
    expect(page.get_by_role("heading", name="Handelingsopties")).to_be_visible()
    accessible(page)
    page.locator("input[name=keuze]").first.check()
    page.get_by_role("button", name="Keuze bekijken").click()
    expect(page.get_by_text("Jullie keuze:")).to_be_visible()
    expect(page.get_by_text("hier wordt niets bewaard")).to_be_visible()
    accessible(page)
    page.goto(server.url + "/dilemmakaarten/afdrukken")
    cards = page.locator("article.page")
    assert cards.count() == len(o.load_catalog().dilemma_cards)  # 23 bundled
    accessible(page)


def test_a_case_discussion_guide_with_the_session_check(page: Page, server: Any) -> None:
    page.goto(server.url + "/casusbespreking")
    accessible(page)
    page.get_by_label("Aantal deelnemers").fill("7")
    page.get_by_label("Aantal begeleiders").fill("1")
    page.get_by_role("button", name="Draaiboek maken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draaiboek casuïstiekbespreking")
    notice = page.locator(".notice.warning")
    expect(notice).to_contain_text("S001")
    expect(notice).to_contain_text("S002")
    expect(page.get_by_role("heading", name="3. De vier vragen")).to_be_visible()
    accessible(page)


def test_the_training_planner_to_a_calendar(page: Page, server: Any) -> None:
    page.goto(server.url + "/training")
    accessible(page)
    form = page.locator("form").filter(has=page.get_by_role("button", name="Traject voorstellen", exact=True))
    fill(form, {"Gemeente of organisatie": "Gemeente Voorbeeld", "Zorgfraude": True,
                "Sociaal domein (Wmo, Jeugd, Werk en Inkomen, schuldhulp)": True, "Aantal deelnemers": "12",
                "Beschikbare weken": "12", "Datum van de eerste bijeenkomst (nodig voor de agenda)": "2026-09-07",
                "Begintijd van de bijeenkomsten (leeg: hele dagen in de agenda)": "13:30"})
    form.get_by_role("button", name="Traject voorstellen").click()
    assert calendar_of_the_trajectory(page)[0].decoded("DTSTART").hour == 13


def fill(form: Locator, values: dict[str, str | bool]) -> None:
    """Fill a form's fields by their labels: a text, or True to tick a box."""
    for label, value in values.items():
        field = form.get_by_label(label)
        field.check() if value is True else field.fill(str(value))


def calendar_of_the_trajectory(page: Page) -> list[Any]:
    """On the trajectory page: its title and first week shown, accessible; the .ics it downloads, as events."""
    from icalendar import Calendar

    expect(page.get_by_role("heading", level=1)).to_contain_text("Gemeente Voorbeeld")
    expect(page.get_by_text("Week 1, maandag 7 september 2026", exact=False).first).to_be_visible()
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Agenda downloaden (.ics)").click()
    assert download.value.suggested_filename == "training.ics"
    events: list[Any] = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
    assert events
    return events


def test_the_verkenning_as_a_form_to_the_trajectory_and_its_calendar(page: Page, server: Any) -> None:
    page.goto(server.url + "/training")
    form = page.get_by_role("form", name="Vanuit de verkenning: ")
    expect(form).to_be_visible()
    accessible(page)
    form.get_by_role("group", name="Om wie gaat het").get_by_label(
        "Professionals uit het sociaal domein (Wmo, Jeugd, Werk en Inkomen, schuldhulp)").check()
    damocles = form.get_by_label("Het sluiten van woningen na een drugsvondst, en wat dat voor bewoners betekent")
    damocles.focus()
    page.keyboard.press("Space")  # keyboard alone
    expect(damocles).to_be_checked()
    fill(form, {"Niet weten wat je mag delen, en met wie (de AVG)": True,
                "Naam van de organisatie of gemeente": "Gemeente Voorbeeld", "Hoeveel weken zijn er beschikbaar?": "16",
                "Wanneer is de eerste bijeenkomst? (nodig voor de agenda)": "2026-09-07",
                "Hoe laat beginnen de bijeenkomsten?": "09:30"})
    form.get_by_role("button", name="Traject voorstellen vanuit de verkenning").click()

    reasons = page.get_by_role("region", name="Wat de antwoorden uit de verkenning opleverden")
    expect(reasons).to_contain_text("Vragen over de Wet Damocles en sluiting van woningen")
    expect(reasons).to_contain_text("Het sluiten van woningen na een drugsvondst")
    expect(page.get_by_text("Vragen en behoeften: Vragen over informatie delen en de AVG", exact=False)).to_be_visible()
    start = calendar_of_the_trajectory(page)[0].decoded("DTSTART")
    assert (start.date().isoformat(), start.hour) == ("2026-09-07", 9)


def test_packs_with_versions_and_validation_status(page: Page, server: Any) -> None:
    page.goto(server.url + "/packs")
    rows = page.locator("tbody tr")
    assert rows.count() == 4
    expect(rows.filter(has_text="deurne")).to_contain_text("Geldig")
    expect(rows.filter(has_text="deurne")).to_contain_text("0.1.0")
    accessible(page)


@pytest.mark.parametrize(("locale", "lang", "heading"), [("nl-NL", "nl", "Dit adres bestaat niet"),
                                                      ("en-GB", "en", "This address does not exist")])
def test_a_refusal_is_a_page_in_the_browsers_language(browser: Browser, server: Any, locale: str, lang: str,
                                                      heading: str) -> None:
    """The browser's language (its Accept-Language) chooses the page's; the page says which (lang)."""
    context = browser.new_context(viewport=VIEWPORTS["360px"], locale=locale)
    page = context.new_page()  # the 404 itself shows in the console, so no check for console errors here
    response = page.goto(server.url + "/bestaat-niet")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_text("Code A005")).to_be_visible()
    accessible(page, lang)
    context.close()


# --- pack content is text, never markup ------------------------------------------------------------

HOSTILE = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'


def hostile_pack(root: Path) -> Path:
    text = json.dumps(HOSTILE)  # a JSON string is a valid TOML basic string
    source = '{ publication = "Test", section = "§1" }'
    folder = root / "boos"
    folder.mkdir()
    (folder / "pack.toml").write_text(f"""
[pack]
id = "boos"
name = {text}
version = "1.0.0"

[[signal_lists]]
id = "lijst"
name = {text}
description = {text}
source = {source}
red_flag_themes = ["core/drugs"]
scoring = {{ basis = {{ kind = "example" }}, thresholds = {{ moderate = 2, high = 5 }} }}

[[signal_lists.categories]]
id = "gedrag"
name = {text}

[[signal_lists.signals]]
id = "s1"
category = "gedrag"
text = {text}
weight = 3
source = {source}

[[signal_lists.protective_factors]]
id = "p1"
text = {text}
source = {source}

[[routes]]
id = "wijkteam"
name = {text}
action = "advice"
scope = "local"
levels = ["low", "moderate", "high"]
when = {text}
source = {source}

[[dilemma_cards]]
id = "kaart"
title = {text}
situation = {text}
source = {source}
values = [{text}]
questions = [{text}]

[[dilemma_cards.options]]
title = {text}
description = {text}
consequences = {{ client = {text}, system = {text}, professional = {text}, organisation = {text} }}
""", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.webserver import live_server

    root = tmp_path_factory.mktemp("hostile")
    with live_server(root, ["--pack", str(hostile_pack(root))]) as running:
        yield running


def test_pack_content_with_html_is_shown_as_text(page: Page, hostile_server: Any) -> None:
    def inert() -> None:
        assert page.evaluate("window.__pwned") is None, f"pack content ran as script on {page.url}"
        assert page.locator("main img").count() == 0
        assert page.locator("main script").count() == 0
        expect(page.get_by_text(HOSTILE).first).to_be_visible()

    page.goto(hostile_server.url + "/signaleren/lijst?lijst=boos/lijst&gemeente=boos")
    inert()
    page.locator("input[name=signaal]").first.check()
    page.locator("input[name=beschermend]").first.check()
    page.get_by_role("button", name="Informatiebeeld maken").click()
    expect(page.locator("[data-level]")).to_have_attribute("data-level", "moderate")
    inert()
    for path in ("/dilemmakaarten/boos/kaart", "/dilemmakaarten/boos/kaart?stap=4", "/dilemmakaarten/afdrukken",
                 "/packs", "/signaleren"):
        page.goto(hostile_server.url + path)
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator("main img").count() == 0, path
