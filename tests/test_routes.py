"""Routes by municipality: whose local routes a picture names, national ones for everyone, none twice."""

from __future__ import annotations

from pathlib import Path

import pytest

import ondermijning as o
from ondermijning.assessment import select_routes
from ondermijning.cli import main
from ondermijning.models import ConcernLevel, RouteScope
from ondermijning.scaffold import new_pack

from .conftest import MakePack
from .helpers import route_toml

RUNNER = "deurne/rol-runner"  # a red flag: drugs and criminal exploitation


@pytest.fixture(scope="module")
def tilburg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pack exactly as new-pack makes it, for a municipality that has no signal list in use."""
    return new_pack("tilburg", tmp_path_factory.mktemp("packs")) / "src" / "ondermijning_tilburg" / "pack"


def test_a_municipality_sees_its_own_local_routes_and_the_national_ones_never_deurnes(tilburg: Path) -> None:
    catalog = o.load_catalog([tilburg])
    picture = o.assess("deurne/jongeren", [RUNNER], catalog=catalog, municipality="tilburg")
    ids = [r.id for r in picture.routes]
    assert not [i for i in ids if i.startswith("deurne/")]
    local = [r for r in picture.routes if r.scope is RouteScope.LOCAL]
    assert local and all(r.id.startswith("tilburg/") for r in local)
    assert ids[: len(local)] == [r.id for r in local]  # local first
    assert {"core/veilig-thuis-melding", "core/meld-misdaad-anoniem", "core/politie-spoed"} <= set(ids)
    assert picture.municipality == "tilburg"


def test_without_a_municipality_the_lists_own_pack_is_used(tilburg: Path) -> None:
    catalog = o.load_catalog([tilburg])
    picture = o.assess("deurne/jongeren", [RUNNER], catalog=catalog)
    local = {r.id.partition("/")[0] for r in picture.routes if r.scope is RouteScope.LOCAL}
    assert local == {"deurne"}
    assert picture.municipality == "deurne"


@pytest.mark.english
def test_an_unknown_municipality_is_refused_with_a_suggestion(tilburg: Path) -> None:
    catalog = o.load_catalog([tilburg])
    with pytest.raises(o.UnknownItemError, match="did you mean 'tilburg'"):
        o.assess("deurne/jongeren", [RUNNER], catalog=catalog, municipality="tilbrug")


def test_the_cli_lists_the_municipalitys_routes_and_names_it(tilburg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--pack", str(tilburg), "assess", "--list", "deurne/jongeren", "--municipality", "tilburg",
                 "--signal", "rol-runner"])
    out = capsys.readouterr().out
    assert code == 0
    routes = out.split("Wie kun je inschakelen")[1]
    assert "(eerst lokaal: Gemeente Tilburg, dan landelijk)" in routes
    assert "Zorg- en Veiligheidshuis van de regio" in routes  # one of Tilburg's
    assert "Wijkagent" not in routes and "Jongerenwerker of gezinscoach" not in routes  # Deurne's
    assert "Veilig Thuis (melding)" in routes


@pytest.mark.english
def test_an_unknown_municipality_on_the_command_line_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", "--list", "deurne/jongeren", "--municipality", "deurn", "--signal", "rol-runner"])
    err = capsys.readouterr().err
    assert code == 2 and "did you mean 'deurne'?" in err and len(err.splitlines()) == 1


def test_a_pack_offers_routes_for_another_packs_list_and_can_limit_them_to_some_lists(make_pack: MakePack) -> None:
    only_youth = route_toml("school", extra='lists = ["deurne/jongeren"]')
    only_other = route_toml("ander", extra='lists = ["core/volwassenen"]')
    folder = make_pack("utrecht", {"r.toml": route_toml() + only_youth + only_other})
    catalog = o.load_catalog([folder])
    picture = o.assess("deurne/jongeren", ["school-spijbelt"], catalog=catalog, municipality="utrecht")
    assert [r.id for r in picture.routes if r.scope is RouteScope.LOCAL] == ["utrecht/wijkteam", "utrecht/school"]
    assert "utrecht" not in {s.id.partition("/")[0] for s in catalog.signal_lists["deurne/jongeren"].signals}


def test_no_route_appears_twice_and_a_municipalitys_own_entry_for_a_national_number_wins(
        make_pack: MakePack) -> None:
    own = route_toml("veilig-thuis", levels='["high"]', extra='phone = "0800-2000"').replace(
        'action = "advice"', 'action = "report"')
    folder = make_pack("utrecht", {"r.toml": own})
    catalog = o.load_catalog([folder])
    routes = select_routes(catalog.routes, ConcernLevel.HIGH, ["core/geweld"], municipality="utrecht")
    ids = [r.id for r in routes]
    assert len(ids) == len(set(ids))
    assert "utrecht/veilig-thuis" in ids and "core/veilig-thuis-melding" not in ids  # same action and number
    assert "core/veilig-thuis-advies" in ids  # advice is another action


def test_national_routes_come_from_the_core_pack_and_name_no_target_group() -> None:
    catalog = o.load_catalog(disable=["deurne", "nieuwegein"])
    national = {r.id for r in catalog.routes.values() if r.scope is RouteScope.NATIONAL}
    assert national == {"core/veilig-thuis-advies", "core/veilig-thuis-melding", "core/meld-misdaad-anoniem",
                        "core/politie-spoed", "core/politie-geen-spoed"}
    phones = {catalog.routes[r].phone for r in national}
    assert phones == {"0800-2000", "0800-7000", "112", "0900-8844"}
    for route_id in national:
        route = catalog.routes[route_id]
        assert "jongere" not in (route.when + route.share + route.legal_basis).lower(), route_id
        assert route.source.publication == "Algemeen bekend (niet in de Divosa-bronnen)"


def test_with_deurne_disabled_an_adult_list_at_hoog_still_lists_veilig_thuis(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--disable-plugin", "deurne", "--disable-plugin", "nieuwegein", "assess", "--list",
                 "core/volwassenen", "--signal", "geld-zaken-op-naam"])
    out = capsys.readouterr().out
    assert code == 0 and "Berekend zorgniveau: HOOG" in out
    assert "Veilig Thuis (melding): melding doen, 0800-2000" in out
    assert "Wie kun je inschakelen (landelijk)" in out  # core has no local routes: say so, and how to choose


def test_labour_exploitation_of_an_adult_does_not_send_you_to_veilig_thuis() -> None:
    catalog = o.load_catalog()
    picture = o.assess("core/volwassenen", ["werk-paspoort-ingenomen"], catalog=catalog, municipality="deurne")
    ids = [r.id for r in picture.routes]
    assert picture.level is ConcernLevel.HIGH
    assert not [i for i in ids if "veilig-thuis" in i]
    assert "deurne/aandachtsfunctionaris-mensenhandel" in ids  # Deurne's local route, chosen with municipality


def test_the_web_api_names_the_chosen_municipalitys_routes(tilburg: Path) -> None:
    from litestar.testing import TestClient

    from ondermijning.web import create_app

    catalog = o.load_catalog([tilburg])
    with TestClient(create_app(catalog)) as client:
        answer = client.post("/api/v1/assessments", json={"signal_list": "deurne/jongeren", "signals": ["rol-runner"],
                                                          "municipality": "tilburg"})
    assert answer.status_code == 200, answer.text
    ids = [r["id"] for r in answer.json()["routes"]]
    assert answer.json()["municipality"] == "tilburg"
    assert "tilburg/zorg-en-veiligheidshuis" in ids and not [i for i in ids if i.startswith("deurne/")]
