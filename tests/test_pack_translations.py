"""Pack content in other languages: translations/<lang>.toml, localize(), assess(language=...), and rule V014.

A pack declares the languages it carries (``[pack] translations``); its texts are shown in the
language asked for where it translates them, in its own language elsewhere (never blank);
translations change wording, never level, points or pins; ``validate`` reports an untranslated
text, a stale key, an undeclared language and a broken file, one line each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

import ondermijning as o
from ondermijning.cli import main
from ondermijning.testing import strategies as ost
from ondermijning.translation import PackTranslation, localize
from ondermijning.web import create_app

from .conftest import BIBLIOGRAPHY, MakePack
from .helpers import SOURCE, route_toml

CATALOG = o.load_catalog()
JONGEREN = CATALOG.signal_lists["deurne/jongeren"]

PACK = """
[pack]
id = "proefstad"
name = "Proefstad"
version = "1.0.0"
translations = ["en"]
""" + BIBLIOGRAPHY

ROUTES = route_toml("wijkteam", extra='notes = ["Bel eerst.", "Schrijf op wat je zag."]') + """
[[dilemma_cards]]
id = "buurman"
title = "Een buurman vraagt wat er is"
situation = "Na een inval vraagt een buurman wat er is gebeurd."
values = ["vertrouwelijkheid"]
questions = ["Wat mag je zeggen?"]
source = """ + SOURCE + """

[[dilemma_cards.options]]
title = "Niets zeggen"
description = "Je verwijst naar het gezin."
consequences.client = "Privacy blijft."
consequences.system = "Het gezin houdt regie."
consequences.professional = "Afstandelijk."
consequences.organisation = "Volgens de AVG."
"""

ENGLISH = """
[pack]
name = "Testville"

[routes.wijkteam]
name = "Neighbourhood team"
when = "When in doubt"
notes = ["Call first.", "Write down what you saw."]

[dilemma_cards.buurman]
title = "A neighbour asks what is going on"
situation = "After a raid a neighbour asks what happened."
values = ["confidentiality"]
questions = ["What may you say?"]
options.1.title = "Say nothing"
options.1.description = "You refer to the family."
options.1.consequences.client = "Privacy stays."
options.1.consequences.system = "The family stays in charge."
options.1.consequences.professional = "Distant."
options.1.consequences.organisation = "In line with the AVG."
"""


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", str(root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, [line for line in out.splitlines() if re.match(r"\S+:(\d+:)? [A-Z]\d{3} ", line)]


def test_a_bundled_pack_carries_english_and_declares_it() -> None:
    assert CATALOG.packs["deurne"].translations == ("en",)
    assert all(pack.translations == () for pack_id, pack in CATALOG.packs.items() if pack_id != "deurne")
    english = CATALOG.translations[("deurne", "en")]
    assert english.loaded and english.file.endswith("translations/en.toml")
    assert english.texts[("signals", "gedrag-agressief", "text")] == \
        "Reacts aggressively or threateningly towards peers or adults."
    assert [p for p in o.validate_catalog(CATALOG) if p.code == "V014"] == []  # complete, no stale key


def test_localize_shows_the_pack_in_english_and_leaves_dutch_as_it_is() -> None:
    shown = localize(JONGEREN, "en", CATALOG)
    assert shown.name == "Example list of signals in young people (after the Deurne ordering)"
    assert [c.name for c in shown.categories][:3] == ["Behaviour", "Appearance", "Possessions"]
    assert shown.signal("deurne/school-spijbelt").text == "Skips school more often or is late as a rule."
    # wording only: ids, weights, themes, red flags and sources are the list's own
    for source, translated in zip(JONGEREN.signals, shown.signals, strict=True):
        assert (translated.id, translated.weight, translated.themes, translated.red_flag, translated.source) == \
            (source.id, source.weight, source.themes, source.red_flag, source.source)
    assert localize(CATALOG.signals["deurne/school-spijbelt"], "en", CATALOG).text == shown.signal(
        "deurne/school-spijbelt").text  # a part on its own too
    assert localize(JONGEREN, "nl", CATALOG) is JONGEREN  # the pack's own language: the item itself
    assert localize(JONGEREN, "de", CATALOG) is JONGEREN  # a language the pack does not carry
    assert localize(JONGEREN, "en", CATALOG) is shown  # made once per catalog and language


def test_each_text_falls_back_to_the_packs_own_language_never_to_a_blank(make_pack: MakePack) -> None:
    partial = """
    [routes.wijkteam]
    name = "Neighbourhood team"
    when = "  "
    notes = ["Call first."]
    """
    root = make_pack("proefstad", {"routes.toml": ROUTES, "translations/en.toml": partial}, pack_toml=PACK)
    catalog = o.load_catalog([root])
    route = localize(catalog.routes["proefstad/wijkteam"], "en", catalog)
    assert route.name == "Neighbourhood team"
    assert route.when == "Bij twijfel"  # a blank translation is no translation
    assert route.notes == ("Bel eerst.", "Schrijf op wat je zag.")  # one note of two: the pack's own list
    card = localize(catalog.dilemma_cards["proefstad/buurman"], "en", catalog)
    assert card.title == "Een buurman vraagt wat er is"  # not translated at all
    assert localize(catalog.packs["proefstad"], "en", catalog).name == "Proefstad"


def test_a_complete_translation_is_valid_and_translates_nested_parts(make_pack: MakePack,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    root = make_pack("proefstad", {"routes.toml": ROUTES, "translations/en.toml": ENGLISH}, pack_toml=PACK)
    assert _validate(root, capsys) == (0, [])
    catalog = o.load_catalog([root])
    card = localize(catalog.dilemma_cards["proefstad/buurman"], "en", catalog)
    assert (card.options[0].title, card.options[0].consequences.system) == ("Say nothing",
                                                                           "The family stays in charge.")
    assert localize(catalog.packs["proefstad"], "en", catalog).name == "Testville"


def test_validate_names_each_untranslated_text_and_each_stale_key(make_pack: MakePack,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = (ENGLISH.replace('when = "When in doubt"\n', "")  # a missing text
            .replace("[routes.wijkteam]", "[routes.wijkteem]\nname = \"Typo team\"\n\n[routes.wijkteam]")  # stale id
            .replace('title = "Say nothing"', 'titel = "Say nothing"'))  # a stale field
    root = make_pack("proefstad", {"routes.toml": ROUTES, "translations/en.toml": text}, pack_toml=PACK)
    code, lines = _validate(root, capsys)
    assert code == 1
    file = f"{root}/translations/en.toml"
    assert len(lines) == 4, lines
    assert sum(line.startswith(f"{file}") and " V014 " in line for line in lines) == 4
    missing = [line for line in lines if "niet vertaald" in line]
    assert len(missing) == 2  # routes.wijkteam.when and the option title
    assert any("when van 'proefstad/wijkteam' ($.routes.wijkteam.when)" in line and "Bij twijfel" in line
               and "schrijf onder [routes.wijkteam]: when = ..." in line for line in missing)
    stale = [line for line in lines if "die het pack niet heeft" in line]
    assert any("$.routes.wijkteem.name" in line and "bedoel je $.routes.wijkteam.name?" in line for line in stale)
    assert any("$.dilemma_cards.buurman.options.1.titel" in line and "options.1.title" in line for line in stale)
    line_of_typo = next(n for n, t in enumerate(text.lstrip().splitlines(), 1) if "wijkteem" in t)
    assert any(line.startswith(f"{file}:{line_of_typo + 1}: ") for line in stale)  # located at the key


def test_a_declared_language_without_a_translation_is_one_line(make_pack: MakePack,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = make_pack("proefstad", {"routes.toml": ROUTES}, pack_toml=PACK)
    code, lines = _validate(root, capsys)
    assert code == 1
    (line,) = lines
    assert line.startswith(f"{root}/pack.toml:") and " V014 " in line and "$.pack.translations" in line
    assert f"maak {root}/translations/en.toml" in line


def test_an_undeclared_language_is_reported(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    pack = PACK.replace('translations = ["en"]\n', "")
    root = make_pack("proefstad", {"routes.toml": ROUTES, "translations/en.toml": ENGLISH}, pack_toml=pack)
    code, lines = _validate(root, capsys)
    assert code == 1
    (line,) = lines
    assert "noemt die taal niet in [pack] translations" in line and "voeg 'en' toe" in line


@pytest.mark.parametrize(("content", "code", "needle"), [
    ('[routes.wijkteam]\nname = "Neighbourhood team\n', "L005", "het bestand is niet geladen"),
    ('[routes.wijkteam]\nname = 3\n', "L103", "$.routes.wijkteam.name"),
    ('[route.wijkteam]\nname = "x"\n', "L101", "bedoel je 'routes'?"),
    (b"\xff\xfe", "L004", "UTF-8"),
])
def test_a_broken_translations_file_is_one_clear_line_and_no_flood(
        make_pack: MakePack, capsys: pytest.CaptureFixture[str], content: str | bytes, code: str,
        needle: str) -> None:
    root = make_pack("proefstad", {"routes.toml": ROUTES + "\nlevle = 1\n"}, pack_toml=PACK)
    target = root / "translations" / "en.toml"
    target.parent.mkdir()
    (target.write_bytes if isinstance(content, bytes) else target.write_text)(content)  # type: ignore[operator]
    exit_code, lines = _validate(root, capsys)
    assert exit_code == 1
    broken = [line for line in lines if line.startswith(str(target)) and " V014 " not in line]
    assert len(broken) == 1 and f" {code} " in broken[0] and needle in broken[0], lines
    assert not any(needle in line for line in lines if " V014 " in line)  # not reported again as missing
    # one pass: the content file's own mistake is reported in the same run
    assert any(" L101 " in line and "routes.toml" in line for line in lines)
    if code in ("L005", "L004"):  # a file that did not load: its texts are not reported as missing too
        assert not any("niet vertaald" in line for line in lines)


def test_a_translations_file_named_after_no_language_is_refused(make_pack: MakePack,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = make_pack("proefstad", {"routes.toml": ROUTES, "translations/english.toml": ENGLISH}, pack_toml=PACK)
    _code, lines = _validate(root, capsys)
    assert any(" L104 " in line and "'english.toml' is geen taalcode" in line for line in lines)


def test_an_extension_translates_the_signals_it_adds_to_another_packs_list(make_pack: MakePack) -> None:
    pack = PACK.replace("[pack]", "[pack]\nrequires = { deurne = \">=0.1\" }", 1)
    extension = f"""
    [[extensions]]
    id = "buurt"
    target = "deurne/jongeren"
    source = {SOURCE}

    [[extensions.categories]]
    id = "buurt"
    name = "Buurt"

    [[extensions.signals]]
    id = "scooter"
    category = "buurt"
    text = "Rijdt op wisselende scooters"
    source = {SOURCE}
    """
    english = """
    [pack]
    name = "Testville"
    [extensions.buurt]
    categories.buurt.name = "Neighbourhood"
    [signals.scooter]
    text = "Rides different scooters"
    """
    root = make_pack("proefstad", {"ext.toml": extension, "translations/en.toml": english}, pack_toml=pack)
    catalog = o.load_catalog([root])
    assert [p.format() for p in o.validate_catalog(catalog) if p.code == "V014"] == []
    shown = localize(catalog.signal_lists["deurne/jongeren"], "en", catalog)
    assert shown.signal("proefstad/scooter").text == "Rides different scooters"
    assert shown.signal("deurne/school-spijbelt").text == "Skips school more often or is late as a rule."
    assert shown.categories[-1].name == "Neighbourhood"


@pytest.mark.parametrize("translated", [True, False])
def test_a_protective_factor_an_extension_adds_to_an_untranslated_list_is_translated_and_checked(
        make_pack: MakePack, translated: bool) -> None:
    """The core pack carries no translation: its list is shown in English only for the extension's own part.

    V014 checks the extension's texts in another pack's list too (it skips other packs' items, not their
    lists that this pack extended).
    """
    extension = f"""
    [[extensions]]
    id = "steun"
    target = "core/volwassenen"
    source = {SOURCE}

    [[extensions.protective_factors]]
    id = "buurtcoach"
    text = "Heeft een vaste buurtcoach"
    source = {SOURCE}
    """
    english = '[pack]\nname = "Testville"\n'
    if translated:
        english += '[protective_factors.buurtcoach]\ntext = "Has a steady neighbourhood coach"\n'
    root = make_pack("proefstad", {"ext.toml": extension, "translations/en.toml": english}, pack_toml=PACK)
    catalog = o.load_catalog([root])
    missing = [p.message for p in o.validate_catalog(catalog) if p.code == "V014"]
    shown = localize(catalog.signal_lists["core/volwassenen"], "en", catalog)
    factor = next(f for f in shown.protective_factors if f.id == "proefstad/buurtcoach")
    if translated:
        assert missing == []
        assert factor.text == "Has a steady neighbourhood coach"
    else:
        assert missing == ["niet vertaald in 'en': text van 'proefstad/buurtcoach'"]
        assert factor.text == "Heeft een vaste buurtcoach"


def test_a_python_plugin_gives_its_translation_through_the_hook() -> None:
    from ondermijning import hookimpl

    class Plugin:
        @hookimpl
        def ondermijning_translations(self) -> list[PackTranslation]:
            return [PackTranslation.from_tables("deurne", "de", {"signals": {"school-spijbelt": {
                "text": "Schwänzt öfter"}}})]

    catalog = o.load_catalog(plugins=[Plugin()])
    assert localize(catalog.signal_lists["deurne/jongeren"], "de", catalog).signal(
        "deurne/school-spijbelt").text == "Schwänzt öfter"
    v014 = [p for p in o.validate_catalog(catalog) if p.code == "V014"]
    assert [p.message for p in v014] == ["het pack heeft een vertaling in 'de', maar noemt die taal niet in "
                                         "[pack] translations"]
    with pytest.raises(ValueError, match="verkeerd type"):
        PackTranslation.from_tables("deurne", "de", {"signals": {"x": {"text": 3}}})


@given(observed=ost.observations(JONGEREN), protective=st.lists(
    st.sampled_from([p.id for p in JONGEREN.protective_factors]), unique=True, max_size=3))
@settings(max_examples=40)
def test_translations_change_wording_never_level_points_or_pins(observed: Any, protective: list[str]) -> None:
    dutch = o.assess(JONGEREN, observed, catalog=CATALOG, protective=protective, language="nl")
    english = o.assess(JONGEREN, observed, catalog=CATALOG, protective=protective, language="en")
    assert (english.level, english.score, english.pins) == (dutch.level, dutch.score, dutch.pins)
    assert [(c.kind, c.source, c.points) for c in english.explanation.contributions] == \
        [(c.kind, c.source, c.points) for c in dutch.explanation.contributions]
    assert [(c.category, c.points, c.signals) for c in english.categories] == \
        [(c.category, c.points, c.signals) for c in dutch.categories]
    assert [r.signal for r in english.red_flags] == [r.signal for r in dutch.red_flags]
    assert [(w.signal, w.raises_to) for w in english.watch_next] == [(w.signal, w.raises_to) for w in dutch.watch_next]
    assert [r.id for r in english.routes] == [r.id for r in dutch.routes]
    assert [g.id for g in english.goals] == [g.id for g in dutch.goals]
    assert (english.language, dutch.language) == ("en", "nl")
    texts = {s.id: s.text for s in localize(JONGEREN, "en", CATALOG).signals}
    assert all(c.text == texts[c.source] for c in english.explanation.contributions if c.kind.value == "signal")


def test_the_picture_records_its_language_and_reads_back() -> None:
    picture = o.assess(JONGEREN, ["gedrag-agressief"], catalog=CATALOG, language="en-GB")
    data = json.loads(o.to_json(picture))
    assert (data["format_version"], data["language"]) == (4, "en")
    again = o.from_json(o.to_json(picture), o.InformationPicture)
    assert again == picture
    page = o.render(again, "text", catalog=CATALOG)
    assert "EXAMPLE LIST OF SIGNALS IN YOUNG PEOPLE" in page and "What low means for this list: There are signals" \
        in page
    assert o.assess(JONGEREN, [], catalog=CATALOG).language == "nl"  # the language of messages now
    with pytest.raises(ValueError, match="geen taalcode"):
        o.assess(JONGEREN, [], catalog=CATALOG, language="Engels alstublieft")


def test_assess_lang_en_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["assess", "--list", "deurne/jongeren", "--signal", "gedrag-agressief", "--signal", "school-spijbelt"]
    assert main(["--lang", "en", *args]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "+2 Reacts aggressively or threateningly towards peers or adults [fact]" in out
    assert "Behaviour: 2 points" in out and "Goals at low concern level" in out
    assert main([*args, "--format", "json", "--lang", "en"]) == 0
    english = json.loads(capsys.readouterr().out)
    assert main([*args, "--format", "json"]) == 0
    dutch = json.loads(capsys.readouterr().out)
    assert english["language"] == "en" and dutch["language"] == "nl"
    assert (english["level"], english["score"], english["pins"]) == (dutch["level"], dutch["score"], dutch["pins"])
    assert english["explanation"]["contributions"][0]["text"] != dutch["explanation"]["contributions"][0]["text"]


def test_the_web_app_shows_the_pack_in_the_request_language() -> None:
    with TestClient(create_app(CATALOG)) as client:
        english = client.get("/signaleren/lijst", params={"lijst": "deurne/jongeren"},
                             headers={"Accept-Language": "en"})
        dutch = client.get("/signaleren/lijst", params={"lijst": "deurne/jongeren"})
        assert english.status_code == dutch.status_code == 200
        assert "Reacts aggressively or threateningly towards peers or adults." in english.text
        assert "Reageert agressief of dreigend naar leeftijdgenoten of volwassenen." in dutch.text
        assert "Reacts aggressively" not in dutch.text
        start = client.get("/signaleren", headers={"Accept-Language": "en"})
        assert "Example list of signals in young people" in start.text
        body = {"signal_list": "deurne/jongeren", "signals": ["gedrag-agressief"]}
        api = client.post("/api/v1/assessments", json=body, headers={"Accept-Language": "en"}).json()
        assert api["language"] == "en"
        assert api["explanation"]["contributions"][0]["text"] == \
            "Reacts aggressively or threateningly towards peers or adults."
        page = client.post("/signaleren/beeld", data={"lijst": "deurne/jongeren", "signaal": "gedrag-agressief"},
                           headers={"Accept-Language": "en"})
        assert page.status_code == 200 and "Reacts aggressively" in page.text


def test_show_lists_in_english_and_the_json_as_the_pack_wrote_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "assess", "--show-lists"]) == 0
    text = capsys.readouterr().out
    assert "deurne/jongeren  Example list of signals in young people" in text
    assert "Reacts aggressively or threateningly towards peers" in text
    assert main(["--lang", "en", "assess", "--show-lists", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    deurne = next(sl for sl in data if sl["id"] == "deurne/jongeren")
    assert deurne["name"] == JONGEREN.name  # data: the pack's own text


def test_dilemma_lang_en_shows_the_card_as_its_pack_translates_it(make_pack: MakePack,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = str(make_pack("proefstad", {"routes.toml": ROUTES, "translations/en.toml": ENGLISH}, pack_toml=PACK))
    assert main(["--lang", "en", "dilemma", "--pack", root, "proefstad/buurman"]) == 0
    english = capsys.readouterr().out
    assert "DILEMMA CARD: A NEIGHBOUR ASKS WHAT IS GOING ON" in english and "Say nothing" in english
    assert "buurman" not in english.lower()
    assert main(["dilemma", "--pack", root, "proefstad/buurman"]) == 0
    assert "EEN BUURMAN VRAAGT WAT ER IS" in capsys.readouterr().out  # Dutch by default: the pack's own text
    assert main(["dilemma", "--pack", root, "--list", "--lang", "en"]) == 0
    assert "A neighbour asks what is going on" in capsys.readouterr().out
