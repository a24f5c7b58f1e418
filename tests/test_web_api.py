"""The JSON API in-process: responses are the library's own JSON, refusals are problem documents."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from litestar.testing import TestClient
from openapi_spec_validator import validate

import ondermijning as o
from ondermijning.codes import BY_CODE
from ondermijning.models import ConcernLevel, RouteScope
from ondermijning.scaffold import new_pack
from ondermijning.web import create_app

from .conftest import MakePack
from .helpers import route_toml

RED_FLAG = "deurne/bezittingen-heeft-drugs"


@pytest.fixture(scope="module")
def catalog() -> o.Catalog:
    return o.load_catalog()


@pytest.fixture(scope="module")
def client(catalog: o.Catalog) -> Iterator[TestClient[Any]]:
    with TestClient(create_app(catalog)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def openapi(client: TestClient[Any]) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def conforms(document: dict[str, Any], name: str, value: Any) -> None:
    """``value`` is valid against the OpenAPI document's component ``name``."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    jsonschema.Draft202012Validator(schema).validate(value)


def test_the_openapi_document_is_valid_openapi_3_1(openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.1")
    validate(openapi)
    paths = set(openapi["paths"])
    assert {"/api/v1/assessments", "/api/v1/plans", "/api/v1/plans/calendar", "/api/v1/packs", "/api/v1/routes",
            "/api/v1/signal-lists/{pack}/{item}", "/api/v1/dilemma-cards", "/api/v1/cases", "/api/v1/guides",
            "/api/v1/workshops"} <= paths
    assert not any(p.startswith("/signaleren") for p in paths)  # pages are not API


def test_the_schemas_are_the_library_generators_not_a_copy(openapi: dict[str, Any]) -> None:
    from ondermijning.web.api.openapi import component_schemas

    for name, schema in component_schemas().items():
        assert openapi["components"]["schemas"][name] == schema
    body = openapi["paths"]["/api/v1/assessments"]["post"]
    assert body["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AssessmentRequest"}
    ok = body["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/InformationPictureDocument"}
    assert "application/problem+json" in body["responses"]["4XX"]["content"]


def test_an_assessment_is_exactly_what_to_json_writes(client: TestClient[Any], catalog: o.Catalog,
                                                      openapi: dict[str, Any]) -> None:
    response = client.post("/api/v1/assessments", json={
        "signal_list": "deurne/jongeren", "signals": ["gedrag-agressief"], "interpretations": [RED_FLAG],
        "protective": ["beschermend-vertrouwde-volwassene"]})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    observed = [o.Observation(signal="deurne/gedrag-agressief"),
                o.Observation(signal=RED_FLAG, kind=o.ObservationKind.INTERPRETATION)]
    expected = o.assess("deurne/jongeren", observed, catalog=catalog,
                        protective=["beschermend-vertrouwde-volwassene"])
    assert response.json() == json.loads(o.to_json(expected))
    assert o.from_json(response.content, o.InformationPicture) == expected
    assert response.json()["level"] == "high"
    conforms(openapi, "InformationPictureDocument", response.json())


def test_a_judgement_is_kept_beside_the_computed_level(client: TestClient[Any]) -> None:
    response = client.post("/api/v1/assessments", json={
        "signal_list": "deurne/jongeren", "signals": [RED_FLAG],
        "judgement": {"level": "moderate", "reason": "Samen besproken", "consulted": ["jongerenwerker"]}})
    picture = o.from_json(response.content, o.InformationPicture)
    assert picture.level is ConcernLevel.HIGH
    assert picture.judgement is not None and picture.judgement.level is ConcernLevel.MODERATE


@pytest.mark.parametrize(("path", "name"), [
    ("/api/v1/signal-lists", "SignalListDocument"), ("/api/v1/routes", "RouteDocument"),
    ("/api/v1/dilemma-cards", "DilemmaCardDocument"), ("/api/v1/cases", "CaseDocument"),
    ("/api/v1/guides", "ConversationGuideDocument"), ("/api/v1/workshops", "WorkshopDocument"),
    ("/api/v1/packs", "PackStatusDocument"),
])
def test_every_list_is_an_array_of_library_documents(client: TestClient[Any], openapi: dict[str, Any],
                                                     path: str, name: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    items = response.json()
    assert items
    for item in items:
        conforms(openapi, name, item)


@pytest.mark.parametrize(("path", "family", "cls"), [
    ("/api/v1/signal-lists", "signal_lists", o.SignalList), ("/api/v1/routes", "routes", o.Route),
    ("/api/v1/dilemma-cards", "dilemma_cards", o.DilemmaCard), ("/api/v1/cases", "cases", o.Case),
    ("/api/v1/guides", "guides", o.ConversationGuide), ("/api/v1/workshops", "workshops", o.Workshop),
])
def test_every_item_served_reads_back_as_the_catalogs(client: TestClient[Any], catalog: o.Catalog, path: str,
                                                      family: str, cls: type) -> None:
    items = client.get(path).json()
    assert [o.from_json(json.dumps(item), cls) for item in items] == [
        catalog.family(family)[item["id"]] for item in items]


def _observations_per_level(catalog: o.Catalog, signal_list: o.SignalList) -> dict[ConcernLevel, list[str]]:
    """For each level, a few themed signals of the list that give it (themes: the API's ``theme`` can say them)."""
    themed = [s.id for s in signal_list.signals if s.themes][:30]
    found: dict[ConcernLevel, list[str]] = {}
    for size in (1, 2, 3):
        for combination in itertools.combinations(themed, size):
            found.setdefault(o.assess(signal_list, combination, catalog=catalog).level, list(combination))
        if len(found) == len(ConcernLevel):
            return found
    raise AssertionError(f"{signal_list.id}: no themed signals for {set(ConcernLevel) - set(found)}")


def test_routes_are_the_ones_a_picture_names_for_every_municipality_and_level(make_pack: MakePack,
                                                                              tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    tilburg = new_pack("tilburg", tmp_path / "packs") / "src" / "ondermijning_tilburg" / "pack"
    own_112 = route_toml("spoed", levels='["high"]', extra='phone = "112"').replace('"advice"', '"report"')
    only_youth = route_toml("school", extra='lists = ["deurne/jongeren"]')
    catalog = o.load_catalog([tilburg, make_pack("utrecht", {"r.toml": route_toml() + own_112 + only_youth})])
    compared: set[tuple[str, ConcernLevel]] = set()
    with TestClient(create_app(catalog)) as client:
        for signal_list in (catalog.signal_lists["deurne/jongeren"], catalog.signal_lists["core/volwassenen"]):
            themes_of = {s.id: s.themes for s in signal_list.signals}
            for level, observed in _observations_per_level(catalog, signal_list).items():
                themes = sorted({t for signal in observed for t in themes_of[signal]})
                for municipality in [*catalog.packs, None]:
                    picture = o.assess(signal_list, observed, catalog=catalog, municipality=municipality)
                    params = {"level": level.value, "theme": themes, "signal_list": signal_list.id,
                              **({"municipality": municipality} if municipality else {})}
                    response = client.get("/api/v1/routes", params=params)
                    assert response.status_code == 200
                    assert [r["id"] for r in response.json()] == [r.id for r in picture.routes], (params, picture.level)
                    compared.add((picture.municipality, picture.level))
        high = client.get("/api/v1/routes", params={"municipality": "utrecht", "level": "high"}).json()
        none = client.get("/api/v1/routes", params={"level": "high"}).json()
    assert {(m, level) for m in catalog.packs for level in ConcernLevel} <= compared
    assert "utrecht/spoed" in [r["id"] for r in high] and "core/politie-spoed" not in [r["id"] for r in high]
    assert "utrecht/school" not in [r["id"] for r in high]  # names a list: only with signal_list
    assert none and all(r["scope"] == RouteScope.NATIONAL.value for r in none)  # no municipality: national only


def test_unknown_route_filters_are_problems(client: TestClient[Any]) -> None:
    for params, path in [({"signal_list": "deurne/jongern"}, "signal_list"), ({"theme": ["core/drugs", "drgs"]},
                                                                              "theme")]:
        response = client.get("/api/v1/routes", params=params)
        assert response.status_code == 422 and response.json()["code"] == "A003", response.text
        assert response.json()["errors"][0]["path"] == path


def test_one_item_by_its_id_with_the_slash(client: TestClient[Any], catalog: o.Catalog) -> None:
    response = client.get("/api/v1/signal-lists/deurne/jongeren")
    assert response.status_code == 200
    assert response.json() == json.loads(o.to_json(catalog.signal_lists["deurne/jongeren"]))
    card_id = next(iter(catalog.dilemma_cards))
    assert client.get(f"/api/v1/dilemma-cards/{card_id}").json()["id"] == card_id


def test_routes_filtered_by_municipality_level_and_theme(client: TestClient[Any], catalog: o.Catalog) -> None:
    routes = client.get("/api/v1/routes", params={"municipality": "deurne", "level": "high"}).json()
    assert routes and all("high" in r["levels"] for r in routes)
    scopes = [r["scope"] for r in routes]
    assert scopes == sorted(scopes, key=lambda s: s != "local")  # local first
    assert all(r["id"].startswith("deurne/") for r in routes if r["scope"] == "local")
    themed = client.get("/api/v1/routes", params={"theme": "core/drugs"}).json()
    assert all(not r["themes"] or "core/drugs" in r["themes"] for r in themed)
    assert len(themed) < len(catalog.routes)


def problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["code"] == code and code in BY_CODE
    assert body["status"] == status and body["type"] == f"urn:ondermijning:problem:{code}"
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.text
    return body


def test_an_unknown_signal_is_a_problem_with_a_dutch_suggestion(client: TestClient[Any],
                                                                openapi: dict[str, Any]) -> None:
    response = client.post("/api/v1/assessments", json={"signal_list": "deurne/jongeren",
                                                         "signals": ["gedrag-agresief"]})
    body = problem(response, 422, "A003")
    assert body["detail"].startswith("Onbekend signaal 'gedrag-agresief'; bedoel je 'deurne/gedrag-agressief'")
    assert body["errors"][0]["path"] == "$.signals[0]"
    conforms(openapi, "ProblemDetails", body)


@pytest.mark.parametrize(("body", "code", "path"), [
    ({"signal_list": "deurne/onbekend"}, "A003", "$.signal_list"),
    ({"signal_list": "deurne/jongeren", "protective": ["nee"]}, "A003", "$.protective[0]"),
    ({"signal_list": "deurne/jongeren", "municipality": "atlantis"}, "A003", "$.municipality"),
    ({"signal_list": 5}, "L103", "$.signal_list"),
    ({"signal_list": "deurne/jongeren", "signals": "gedrag-agressief"}, "L103", "$.signals"),
    ({"signals": []}, "L102", "$.signal_list"),
    ({"signal_list": "deurne/jongeren", "signalen": []}, "L101", "$.signalen"),
    ({"signal_list": "deurne/jongeren", "judgement": {"level": "hoog", "reason": ""}}, "L104", "$.judgement.level"),
    ({"signal_list": "deurne/jongeren", "signals": [RED_FLAG], "interpretations": [RED_FLAG]}, "L104",
     "$.interpretations[0]"),
])
def test_wrong_bodies_are_problems_with_the_librarys_codes(client: TestClient[Any], body: dict[str, Any],
                                                           code: str, path: str) -> None:
    response = client.post("/api/v1/assessments", json=body)
    found = problem(response, 404 if body.get("signal_list") == "deurne/onbekend" else 422, code)
    assert path in [e["path"] for e in found["errors"]]


def test_malformed_oversized_and_mistyped_requests(client: TestClient[Any]) -> None:
    json_type = {"content-type": "application/json"}
    problem(client.post("/api/v1/assessments", content=b'{"signal_list": ', headers=json_type), 400, "A001")
    problem(client.post("/api/v1/assessments", content=b"\xff\xfe", headers=json_type), 400, "A001")
    problem(client.post("/api/v1/assessments", content=b"[" * 100_000, headers=json_type), 400, "A001")
    problem(client.post("/api/v1/assessments", content=b"[]", headers=json_type), 422, "L103")
    problem(client.post("/api/v1/assessments", content=b" " * 300_000, headers=json_type), 413, "A002")
    problem(client.post("/api/v1/assessments", content=b"signal_list=x",
                        headers={"content-type": "application/x-www-form-urlencoded"}), 415, "A004")
    problem(client.get("/api/v1/nergens"), 404, "A005")
    problem(client.delete("/api/v1/packs"), 405, "A006")
    problem(client.get("/api/v1/routes", params={"level": "hoog"}), 400, "A007")
    problem(client.get("/api/v1/routes", params={"municipality": "atlantis"}), 422, "A003")
    problem(client.get("/api/v1/signal-lists/deurne/nee"), 404, "A003")
    problem(client.get("/api/v1/packs/atlantis"), 404, "A003")


def test_a_plan_is_the_proposal_and_its_calendar_downloads(client: TestClient[Any], catalog: o.Catalog,
                                                            openapi: dict[str, Any]) -> None:
    from icalendar import Calendar

    from ondermijning.planner import Findings, Proposal, propose

    findings = {"municipality": "Gemeente Voorbeeld", "themes": ["core/zorgfraude"], "audiences": ["social"],
                "participants": 12, "weeks": 12, "start": "2026-09-07"}
    response = client.post("/api/v1/plans", json=findings)
    assert response.status_code == 200
    expected = propose(o.from_json(json.dumps({"kind": "findings", "format_version": 1, **findings}), Findings),
                       catalog)
    assert o.from_json(response.content, Proposal) == expected
    conforms(openapi, "ProposalDocument", response.json())
    ics = client.post("/api/v1/plans/calendar", params={"time": "13:30"}, json=findings)
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert "attachment" in ics.headers["content-disposition"]
    events = Calendar.from_ical(ics.text).walk("VEVENT")
    assert len(events) == len([s for phase in expected.trajectory.phases for s in phase.sessions])
    assert events[0].decoded("DTSTART").hour == 13


def test_the_planner_pages_verkenning_gives_the_findings_explore_writes(client: TestClient[Any],
                                                                       catalog: o.Catalog) -> None:
    import datetime
    import html
    from urllib.parse import urlencode

    from icalendar import Calendar

    from ondermijning.converter import converter
    from ondermijning.exploration import findings_from

    answers = {"wie": ["sociaal", "veiligheid"], "lastig": ["avg", "damocles"], "anders": ["casussen"]}
    form = [("verkenning", "core/verkenning"), *(("antwoord", f"{q}:{a}") for q, ids in answers.items() for a in ids),
            ("thema", "core/zorgfraude"), ("deelnemers", "12"), ("weken", "16"), ("start", "2026-09-07"),
            ("tijd", "13:30")]
    explored = findings_from(catalog.explorations["core/verkenning"], answers, participants=12, weeks=16,
                             themes=["core/zorgfraude"], start=datetime.date(2026, 9, 7))
    posted = {"content": urlencode(form), "headers": {"content-type": "application/x-www-form-urlencoded"}}

    def sessions(ics: str) -> list[tuple[str, object]]:
        return [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in Calendar.from_ical(ics).walk("VEVENT")]

    api = client.post("/api/v1/plans/calendar", params={"time": "13:30"},
                      json=converter.unstructure(explored.findings))
    page = client.post("/training/agenda.ics", **posted)
    assert page.status_code == api.status_code == 200
    assert sessions(page.text) == sessions(api.text) and sessions(api.text)
    shown = client.post("/training/traject", **posted)
    assert shown.status_code == 200
    for why in explored.reasons.values():  # each value with the answers that led to it
        assert all(html.escape(answer, quote=False) in shown.text for answer in why)
    wrong = client.post("/training/traject", content=urlencode([*form, ("antwoord", "lastig:bestaat-niet")]),
                        headers=posted["headers"])
    assert wrong.status_code == 400 and "Kies alleen uit de getoonde antwoorden van de verkenning." in wrong.text


def test_wrong_findings_are_problems(client: TestClient[Any]) -> None:
    problem(client.post("/api/v1/plans", json={"participants": 0, "weeks": 12}), 422, "L104")
    problem(client.post("/api/v1/plans", json={"participants": 5, "weeks": 5, "themes": ["zorgfroude"]}), 422,
            "L104")
    problem(client.post("/api/v1/plans", json={"participants": 5, "weeks": 5, "start": "2026-02-30"}), 422, "L104")
    problem(client.post("/api/v1/plans/calendar", json={"participants": 5, "weeks": 5}), 422, "L102")
    problem(client.post("/api/v1/plans/calendar", params={"time": "25:00"},
                        json={"participants": 5, "weeks": 5, "start": "2026-09-07"}), 400, "A007")
    problem(client.post("/api/v1/plans/calendar", json={"participants": 5, "weeks": 104, "start": "9999-12-27"}),
            422, "A008")


def test_every_response_carries_the_privacy_and_security_headers(client: TestClient[Any]) -> None:
    for response in (client.get("/"), client.get("/api/v1/packs"), client.get("/api/v1/nergens"),
                     client.post("/api/v1/assessments", json={"signal_list": "deurne/jongeren"})):
        headers = response.headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "http" not in csp
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["cache-control"] == "no-store"
        assert "set-cookie" not in headers
    assert client.get("/static/style.css").headers["cache-control"].startswith("public")


def test_the_app_takes_extra_routes_under_the_same_rules(catalog: o.Catalog) -> None:
    from litestar import get

    @get("/api/v1/extra", sync_to_thread=False)
    def extra() -> dict[str, str]:
        raise ValueError("a bug in an extra route")

    with TestClient(create_app(catalog, routes=[extra])) as test_client:
        response = test_client.get("/api/v1/extra")
        body = problem(response, 500, "A009")
        assert "a bug" not in response.text and body["detail"].startswith("Er ging iets mis")
        assert response.headers["x-frame-options"] == "DENY"


def test_the_memoizing_writer_writes_what_to_json_writes(catalog: o.Catalog) -> None:
    """The API remembers the JSON of shared objects; what the response's encoder writes stays exactly to_json's."""
    import msgspec
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ondermijning.web.api.wire import encode

    lists = list(catalog.signal_lists.values())

    @given(st.data())
    @settings(max_examples=60, deadline=None)
    def check(data: st.DataObject) -> None:
        sl = data.draw(st.sampled_from(lists))
        ids = data.draw(st.lists(st.sampled_from([s.id for s in sl.signals]), unique=True, max_size=15))
        observed = [data.draw(st.sampled_from([i, o.Observation(signal=i, kind="interpretation"),
                                               o.Observation(signal=i, note="gezien bij de ingang")])) for i in ids]
        protective = data.draw(st.lists(st.sampled_from([p.id for p in sl.protective_factors]), unique=True))
        picture = o.assess(sl, observed, catalog=catalog, protective=protective)
        for _ in range(2):  # the second time from the memo
            assert msgspec.json.decode(msgspec.json.encode(encode(picture))) == json.loads(o.to_json(picture))
        assert encode([picture, picture]) == [encode(picture)] * 2

    check()


def test_the_writer_keeps_nothing_a_person_typed(catalog: o.Catalog) -> None:
    """Shared objects are remembered; an observation with a note (or a date, an observer) is not."""
    import gc
    import weakref

    from ondermijning.web.api.wire import encode

    noted = o.Observation(signal="deurne/gedrag-agressief", note="gezien bij de ingang", observer="conciërge")
    plain = o.Observation(signal="deurne/school-spijbelt")
    picture = o.assess("deurne/jongeren", [noted, plain], catalog=catalog)
    encode(picture)
    gone = weakref.ref(picture.observations[0])
    assert gone() is not None and gone().note  # type: ignore[union-attr]
    del picture, noted
    gc.collect()
    assert gone() is None
