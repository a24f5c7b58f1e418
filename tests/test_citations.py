"""Citations that can be checked: the bibliography, V010 (a section the publication lacks), V011."""

from __future__ import annotations

from pathlib import Path

import pytest

import ondermijning as o
from ondermijning.citations import cited_sections, declared_sections
from ondermijning.cli import main
from ondermijning.didactics import load_didactics

from .conftest import MakePack
from .helpers import route_toml

ROOT = Path(__file__).resolve().parent.parent
CATALOG = o.load_catalog()
VB = "Divosa, De naïviteit voorbij (2022)"
HR = "Divosa, Handreiking Opzetten trainingsaanbod ondermijnende criminaliteit en het sociaal domein (2022)"


def test_every_bundled_citation_names_a_declared_section_of_a_declared_publication() -> None:
    assert [p.format() for p in o.validate_catalog(CATALOG, select=["V010", "V011"])] == []


def test_the_seven_citations_the_review_found_wrong_are_fixed() -> None:
    themes, frameworks = CATALOG.themes, CATALOG.frameworks
    assert frameworks["core/meldcode"].source.section.startswith("§4.2")
    assert "Themaverhalen" not in frameworks["core/participatiewet"].source.section
    assert "Pilot Nieuwegein" in themes["core/uitkeringsfraude"].source.section
    assert "Het onzichtbare gevolg" in themes["core/hennepteelt"].source.section
    assert themes["core/radicalisering"].source.publication == "ondermijning: eigen uitwerking"
    for route in ("core/veilig-thuis-advies", "core/veilig-thuis-melding"):
        assert CATALOG.routes[route].source.publication == "Algemeen bekend (niet in de Divosa-bronnen)"


def test_the_didactics_cite_declared_sections_too() -> None:
    publication = next(p for p in CATALOG.publications.values() if p.title == HR)
    forms = declared_sections(publication)
    didactics = load_didactics()
    sources = [g.source for g in didactics.goals] + [r.source for r in didactics.room_setups]
    assert sources
    for source in sources:
        for section in cited_sections(source.section):
            assert section.casefold() in forms, section


@pytest.mark.parametrize(("cited", "sections"), [
    ("§3.5 Vroegsignalering", ["§3.5 Vroegsignalering"]),
    ("§3.4 (casus Zorgen om zorg)", ["§3.4"]),
    ("§5 Didactiek (doel; groepsgrootte)", ["§5 Didactiek"]),
    ("Pilot Nieuwegein; Pilot MER-gemeenten", ["Pilot Nieuwegein", "Pilot MER-gemeenten"]),
    ("", []),
])
def test_a_section_citation_is_split_at_semicolons_outside_parentheses(cited: str, sections: list[str]) -> None:
    assert cited_sections(cited) == sections


def test_a_section_the_publication_does_not_declare_fails_validate_with_a_located_line(
        make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    route = route_toml().replace('source = { publication = "Test", section = "§1" }',
                                 f'source = {{ publication = "{VB}", section = "Ervaringsverhaal Tristen" }}')
    folder = make_pack("x", {"r.toml": route})
    code = main(["validate", str(folder)])
    out = capsys.readouterr().out
    assert code == 1
    (line,) = [line for line in out.splitlines() if " V010 " in line]
    source_line = next(n for n, text in enumerate((folder / "r.toml").read_text().splitlines(), 1)
                       if text.startswith("source ="))
    assert line.startswith(f"{folder / 'r.toml'}:{source_line}: V010 ")
    assert "($.routes[0].source.section)" in line and "bedoel je 'Ervaringsverhaal Tristan'?" in line


def test_a_part_that_does_not_exist_gets_the_parts_of_its_section_as_hint(make_pack: MakePack) -> None:
    route = route_toml().replace('section = "§1" }', 'section = "§1, Bijlage" }')
    folder = make_pack("x", {"r.toml": route,
                             "b.toml": '[[publications]]\nid = "extra"\ntitle = "Test 2"\n'})
    (problem,) = o.validate_catalog(o.load_catalog([folder]), select=["V010"])
    assert problem.hint == "'§1' heeft geen onderdelen; citeer de sectie zelf"


def test_a_publication_nobody_declares_is_a_warning_that_suggests_a_title(make_pack: MakePack) -> None:
    route = route_toml().replace('publication = "Test"', 'publication = "Divosa, De naiviteit voorbij (2022)"')
    folder = make_pack("x", {"r.toml": route}, bibliography=False)
    (problem,) = o.validate_catalog(o.load_catalog([folder]), select=["V011"])
    assert (problem.severity.value, problem.path) == ("warning", "$.routes[0].source.publication")
    assert problem.line == route.strip().splitlines().index(next(x for x in route.strip().splitlines()
                                                                   if x.startswith("source ="))) + 1
    assert problem.hint == f"bedoel je {VB!r}?"


def test_general_knowledge_and_own_design_are_marked_as_such() -> None:
    kinds = {p.title: p.kind.value for p in CATALOG.publications.values()}
    assert kinds["Algemeen bekend (niet in de Divosa-bronnen)"] == "general-knowledge"
    assert kinds["ondermijning: eigen uitwerking"] == "own"
    for route in CATALOG.routes.values():
        if route.phone:
            assert route.source.publication == "Algemeen bekend (niet in de Divosa-bronnen)", route.id
