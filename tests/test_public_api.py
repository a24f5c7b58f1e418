"""The names an embedder uses: all importable from ``ondermijning``, and models that check their arguments."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

import ondermijning as o
from ondermijning.models import Example, Goal, Route, Source, Workshop
from ondermijning.models.picture import Contribution, Decision, InformationPicture, WatchSignal

SOURCE = Source("Test")


def test_the_names_of_the_embedding_guide_import_from_the_package() -> None:
    from ondermijning import (  # noqa: F401 - importing is the test
        Catalog,
        ConcernLevel,
        InformationPicture,
        JSONFormatError,
        Judgement,
        Observation,
        ObservationKind,
        Pins,
        load_catalog,
        render,
    )

    for name in o.__all__:
        assert getattr(o, name) is not None, name
    assert set(dir(o)) >= set(o.__all__)


def test_every_public_name_resolves_in_a_fresh_interpreter() -> None:
    """Lazy names must resolve without help from an earlier import (a typo in the table would not show)."""
    code = "import ondermijning as o; [getattr(o, n) for n in o.__all__]; print(len(o.__all__))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) >= 30


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        o.nothing  # noqa: B018


def test_codes_convert_to_enums_when_a_model_is_made() -> None:
    assert o.Observation(signal="x", kind="interpretation").kind is o.ObservationKind.INTERPRETATION
    assert o.Judgement(level="high", reason="").level is o.ConcernLevel.HIGH
    assert Goal(id="g", text="t", levels=["low", o.ConcernLevel.HIGH], source=SOURCE).levels == (
        o.ConcernLevel.LOW, o.ConcernLevel.HIGH)
    assert Example(signals=("a",), expected="moderate").expected is o.ConcernLevel.MODERATE
    route = Route(id="r", name="R", action="advice", scope="national", levels=["low"], when="w", source=SOURCE)
    assert (route.action.value, route.scope.value) == ("advice", "national")
    workshop = Workshop(id="w", title="W", kind="workshop", goal_type="knowledge", goal="g", source=SOURCE)
    assert (workshop.kind.value, workshop.goal_type.value) == ("workshop", "knowledge")
    assert WatchSignal(signal="s", text="t", category="c", raises_to="high").raises_to is o.ConcernLevel.HIGH
    assert Contribution(kind="signal", source="s", points=1).kind.value == "signal"
    assert Decision(kind="threshold", text="t").kind.value == "threshold"
    assert o.Observation(signal="x", date="2026-03-01").date == datetime.date(2026, 3, 1)


@pytest.mark.parametrize(("make", "error", "words"), [
    (lambda: o.Judgement(level="hoog", reason=""), ValueError, "'hoog' is geen ConcernLevel: gebruik een van "
                                                               "'low', 'moderate', 'high'"),
    (lambda: o.Judgement(level=2, reason=""), TypeError, "ConcernLevel verwacht, kreeg int"),
    (lambda: o.Observation(signal="x", kind="interpretatie"), ValueError, "geen ObservationKind"),
    (lambda: o.Observation(signal="x", kind=o.ConcernLevel.HIGH), TypeError, "ObservationKind verwacht"),
    (lambda: o.Observation(signal="x", date="1-3-2026"), ValueError, "schrijf JJJJ-MM-DD"),
    (lambda: o.Observation(signal="x", date=datetime.datetime(2026, 3, 1)), TypeError, ".date()"),
    (lambda: o.Judgement(level="low", reason="", consulted="wijkagent"), TypeError, "schrijf ['wijkagent']"),
    (lambda: Goal(id="g", text="t", levels="low", source=SOURCE), TypeError, "een lijst van ConcernLevel"),
], ids=["level-word", "level-number", "kind", "kind-type", "date", "datetime", "lone-text", "levels-text"])
def test_a_wrong_argument_fails_when_the_model_is_made(make: object, error: type, words: str) -> None:
    with pytest.raises(error) as caught:
        make()  # type: ignore[operator]
    assert words in str(caught.value)


def test_a_picture_made_by_hand_with_codes_writes_and_reads_back() -> None:
    """What failed before: a code kept as text made to_json raise AttributeError deep inside cattrs."""
    catalog = o.load_catalog()
    picture = o.assess("deurne/jongeren", [o.Observation(signal="school-spijbelt", kind="interpretation")],
                       catalog=catalog, judgement=o.Judgement(level="moderate", reason="samen besproken"))
    assert o.from_json(o.to_json(picture), InformationPicture) == picture


def test_reading_files_still_locates_a_wrong_code(tmp_path: Path) -> None:
    """TOML and JSON are structured by cattrs before the converters run: errors keep their key path."""
    (tmp_path / "pack.toml").write_text(
        '[pack]\nid = "p"\nname = "P"\nversion = "1.0.0"\n\n[[routes]]\nid = "r"\nname = "R"\naction = "adviseren"\n'
        'scope = "local"\nlevels = ["low", "hoog"]\nwhen = "w"\nsource = { publication = "x" }\n', encoding="utf-8")
    problems = [p.format() for p in o.load_catalog([tmp_path]).problems]
    assert any("pack.toml:9: L104" in p and "'adviseren'" in p and "($.routes[0].action)" in p for p in problems)
    assert any("pack.toml:11: L104" in p and "($.routes[0].levels[1])" in p for p in problems)
    text = o.to_json(o.assess("deurne/jongeren", ["school-spijbelt"], catalog=o.load_catalog()))
    wrong = r"'laag' is niet toegestaan; kies uit 'low', 'moderate', 'high' @ \$\.level"
    with pytest.raises(o.JSONFormatError, match=wrong):
        o.from_json(text.replace('"level": "low"', '"level": "laag"', 1), InformationPicture)


# --- render, public ------------------------------------------------------------------------------

@pytest.mark.parametrize("first", [
    "import ondermijning as o",
    "import ondermijning.render.picture; import ondermijning as o",  # the subpackage bound first
    "from ondermijning import render; import ondermijning as o",
])
def test_render_is_callable_whatever_was_imported_first(first: str) -> None:
    code = (f"{first}\nfrom ondermijning import render\nc = o.load_catalog()\n"
            "p = o.assess('deurne/jongeren', ['school-spijbelt'], catalog=c)\n"
            "print(render(p, 'html', catalog=c) == o.render(p, 'html', catalog=c))\n"
            "print(o.render(p, 'markdown').splitlines()[0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["True", "# Informatiebeeld: deurne/jongeren"]


def test_render_gives_text_markdown_and_a_complete_html_page() -> None:
    catalog = o.load_catalog()
    picture = o.assess("deurne/jongeren", ["school-spijbelt", "gedrag-agressief"], catalog=catalog)
    page = o.render(picture, "html", catalog=catalog)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    title = "Voorbeeldlijst signalen bij jongeren (naar de Deurne-ordening)"
    assert f"<h1>Informatiebeeld: {title}</h1>" in page and page.endswith("</html>\n")
    assert "(advies)" in page and "Gezamenlijk oordeel" in page
    assert o.render(picture).startswith("INFORMATIEBEELD: DEURNE/JONGEREN")  # without a catalog: the id
    assert o.render(picture, "text", catalog=catalog).startswith(f"INFORMATIEBEELD: {title.upper()}")
    with pytest.raises(ValueError, match="onbekend formaat 'pdf': kies uit text, markdown, html"):
        o.render(picture, "pdf")
    with pytest.raises(TypeError, match="geen str"):
        o.render("picture", "html")  # type: ignore[call-overload]


def test_assess_writes_an_html_page(capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning.cli import main

    assert main(["assess", "--list", "jongeren", "--signal", "school-spijbelt", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "Berekend zorgniveau: LAAG (advies)" in out


# --- pins: a picture read back with another pack version says so --------------------------------

def _with_version(catalog: o.Catalog, version: str) -> o.Catalog:
    import attrs

    pack = attrs.evolve(catalog.packs["deurne"], version=version)
    return attrs.evolve(catalog, packs={**catalog.packs, "deurne": pack})


def test_compare_pins_is_empty_for_the_catalog_a_picture_was_made_with() -> None:
    catalog = o.load_catalog()
    picture = o.assess("deurne/jongeren", ["school-spijbelt"], catalog=catalog)
    assert o.compare_pins(picture, catalog) == ()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert o.from_json(o.to_json(picture), InformationPicture, catalog=catalog) == picture


def test_a_picture_made_with_another_pack_version_is_read_and_says_so() -> None:
    import attrs

    catalog = o.load_catalog()
    picture = o.assess("deurne/jongeren", ["school-spijbelt"], catalog=catalog)
    newer = _with_version(catalog, "0.2.0")
    (difference,) = o.compare_pins(picture, newer)
    assert (difference.pin, difference.pinned, difference.current) == ("pack_version", "0.1.0", "0.2.0")
    assert difference.message == "berekend met pack deurne 0.1.0, geladen is 0.2.0; de lijst zelf is gelijk"
    with pytest.warns(o.PinsWarning, match="berekend met pack deurne 0.1.0, geladen is 0.2.0"):
        read = o.from_json(o.to_json(picture), InformationPicture, catalog=newer)
    assert read == picture

    sl = catalog.signal_lists["deurne/jongeren"]
    changed = attrs.evolve(sl, signals=sl.signals[:-1])
    same_version = attrs.evolve(catalog, signal_lists={**catalog.signal_lists, sl.id: changed})
    assert [d.pin for d in o.compare_pins(picture, same_version)] == ["list_hash"]
    assert "de lijst zelf is veranderd" in o.compare_pins(picture, _with_version(same_version, "0.2.0"))[0].message
    old_library = attrs.evolve(picture, pins=attrs.evolve(picture.pins, library_version="0.0.1"))
    assert [d.pin for d in o.compare_pins(old_library, catalog)] == ["library_version"]


def test_a_picture_without_pins_or_without_its_list_is_read_and_says_so() -> None:
    import attrs

    catalog = o.load_catalog()
    picture = o.assess("deurne/jongeren", ["school-spijbelt"], catalog=catalog)
    (no_pins,) = o.compare_pins(attrs.evolve(picture, pins=None), catalog)
    assert no_pins.pin == "pins" and "vóór formaatversie 2" in no_pins.message
    without = o.load_catalog(disable=["deurne"])
    (missing,) = o.compare_pins(picture, without)
    assert missing.pin == "signal_list" and "deurne/jongeren is nu niet geladen" in missing.message


def test_show_renders_a_stored_picture_and_notes_other_pins(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning.cli import main

    stored = tmp_path / "beeld.json"
    assert main(["assess", "--list", "jongeren", "--signal", "school-spijbelt", "--format", "json"]) == 0
    stored.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["show", str(stored), "--format", "html"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("<!DOCTYPE html>") and err == ""
    older = stored.read_text(encoding="utf-8").replace('"pack_version": "0.1.0"', '"pack_version": "0.0.9"')
    stored.write_text(older, encoding="utf-8")
    assert main(["show", str(stored)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("INFORMATIEBEELD: VOORBEELDLIJST SIGNALEN BIJ JONGEREN (NAAR DE DEURNE-ORDENING)")
    assert err == "ondermijning: let op: berekend met pack deurne 0.0.9, geladen is 0.1.0; de lijst zelf is gelijk\n"
    stored.write_text('{"kind": "proposal"}', encoding="utf-8")
    assert main(["show", str(stored)]) == 1
    assert "kind 'information_picture' verwacht, kreeg 'proposal'" in capsys.readouterr().err
    assert main(["show", str(tmp_path / "nope.json")]) == 2
