"""Where a list's numbers come from: required, validated, and shown next to every threshold a person reads."""

from __future__ import annotations

import json

import attrs
import pytest

import ondermijning as o
from ondermijning.cli import main
from ondermijning.models import BasisKind, ScoringBasis
from ondermijning.render import render
from ondermijning.render.cards import signal_list_document
from ondermijning.render.picture import picture_document

from .conftest import MakePack
from .helpers import route_toml, signal_list_toml

CATALOG = o.load_catalog()
DEURNE = CATALOG.signal_lists["deurne/jongeren"]
EXAMPLE = "voorbeeldwaarden van pack deurne, niet door een gemeente vastgesteld"


def test_the_bundled_youth_list_is_named_and_marked_as_an_example() -> None:
    assert DEURNE.scoring.basis.kind is BasisKind.EXAMPLE
    assert DEURNE.name.startswith("Voorbeeldlijst") and "Deurne-ordening" in DEURNE.name
    assert "voorbeeld" in CATALOG.packs["deurne"].name.lower()


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_picture_says_next_to_its_thresholds_that_they_are_example_values(fmt: str) -> None:
    picture = o.assess(DEURNE, ["gedrag-agressief"], catalog=CATALOG)
    out = " ".join(render(picture_document(picture, CATALOG), fmt).split())
    assert f"drempels: matig vanaf 5, hoog vanaf 12 ({EXAMPLE})" in out


def test_the_json_picture_carries_the_basis() -> None:
    data = json.loads(o.to_json(o.assess(DEURNE, [], catalog=CATALOG)))
    assert data["explanation"]["basis"]["kind"] == "example"
    assert data["explanation"]["thresholds"] == {"moderate": 5, "high": 12}


def test_an_established_basis_names_the_body_and_date() -> None:
    basis = ScoringBasis(kind=BasisKind.ESTABLISHED, by="het college van B&W van Tilburg", date="2026-03-12")
    established = attrs.evolve(DEURNE, scoring=attrs.evolve(DEURNE.scoring, basis=basis))
    text = render(picture_document(o.assess(established, [], catalog=CATALOG), CATALOG), "text")
    assert "vastgesteld door het college van B&W van Tilburg op 2026-03-12" in " ".join(text.split())


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_show_lists_and_the_printed_list_cards_show_the_basis(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--show-lists", "--format", fmt]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"matig vanaf 5, hoog vanaf 12 ({EXAMPLE})" in out


def test_the_list_card_says_what_red_flags_mean_and_what_the_levels_mean() -> None:
    out = " ".join(render(signal_list_document(DEURNE, CATALOG), "text").split())
    assert "Rode vlaggen geven altijd hoog" in out and "kunnen erop wijzen" in out
    assert "matig: Er lijken risicofactoren" in out


def test_a_list_without_basis_is_a_located_load_error(make_pack: MakePack) -> None:
    text = signal_list_toml().replace('basis = { kind = "example" }, ', "")
    catalog = o.load_catalog([make_pack("x", {"l.toml": text, "r.toml": route_toml()})], autoload=False)
    (problem,) = catalog.problems
    assert (problem.code, problem.path) == ("L102", "$.signal_lists[0].scoring.basis")


def test_an_established_basis_without_body_or_date_is_v012(make_pack: MakePack) -> None:
    text = signal_list_toml().replace('basis = { kind = "example" }', 'basis = { kind = "established" }')
    catalog = o.load_catalog([make_pack("x", {"l.toml": text, "r.toml": route_toml()})], autoload=False)
    problems = o.validate_catalog(catalog, select=["V012"])
    assert [p.path for p in problems] == ["$.signal_lists[0].scoring.basis.by", "$.signal_lists[0].scoring.basis.date"]


def test_a_basis_date_must_be_a_date(make_pack: MakePack) -> None:
    text = signal_list_toml().replace('basis = { kind = "example" }',
                                      'basis = { kind = "established", by = "raad", date = "maart 2026" }')
    catalog = o.load_catalog([make_pack("x", {"l.toml": text})], autoload=False)
    (problem,) = catalog.problems
    assert problem.code == "L104" and "JJJJ-MM-DD" in problem.message


def test_red_flag_themes_and_red_flag_signals_agree_in_every_bundled_list() -> None:
    assert o.validate_catalog(CATALOG, select=["V003", "V009"]) == []
    for sl in CATALOG.signal_lists.values():
        carried = {t for s in sl.signals if s.red_flag for t in s.themes}
        assert set(sl.red_flag_themes) <= carried, sl.id


def test_the_youth_list_says_themes_point_and_only_red_flags_force_high() -> None:
    assert "kan wijzen" in DEURNE.description
    assert "alleen een rode vlag" in DEURNE.description
    themed = [s for s in DEURNE.signals if not s.red_flag and set(s.themes) & set(DEURNE.red_flag_themes)]
    assert themed  # such signals exist by design, and do not force hoog on their own
    assert o.assess(DEURNE, [themed[0].id], catalog=CATALOG).level is not o.ConcernLevel.HIGH


def test_exported_forms_show_the_basis_next_to_the_level() -> None:
    import json as json_

    from ondermijning.interop.fhir import questionnaire
    from ondermijning.interop.xlsform import sheets

    pack = CATALOG.packs["deurne"]
    assert EXAMPLE in json_.dumps(questionnaire(DEURNE, pack), ensure_ascii=False)
    survey = sheets(DEURNE, pack)["survey"]
    assert any(EXAMPLE in str(cell) for row in survey for cell in row)
