"""The register's API under /api/v1/register, in-process, on SQLite and PostgreSQL: the library's documents,
problem documents for every refusal (401, 403, 404, 409, 422), the OpenAPI document, and the log."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from litestar.testing import TestClient
from openapi_spec_validator import validate

from ondermijning.register.model import Role
from ondermijning.register.service import Register
from ondermijning.web import create_app

from .webtools import ADMIN, BASE, Login, add_login, served

API = "/api/v1/register"


def problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["code"] == code and body["status"] == status and body["detail"]
    return body


def conforms(document: dict[str, Any], name: str, value: Any) -> None:
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    jsonschema.Draft202012Validator(schema).validate(value)


@pytest.fixture
def people(register: Register) -> dict[str, Login]:
    return {"coordinator": add_login(register, "anna", Role.COORDINATOR, "deurne"),
            "elsewhere": add_login(register, "nina", Role.COORDINATOR, "nieuwegein"),
            "reporter": add_login(register, "rob", Role.REPORTER, "deurne"),
            "admin": add_login(register, "beheer", Role.ADMINISTRATOR)}


def test_a_case_through_the_api_from_opening_to_closing(register: Register, people: dict[str, Login]) -> None:
    anna, rob = people["coordinator"], people["reporter"]
    with served(register) as client:
        openapi = client.get("/api/v1/openapi.json").json()
        made = client.post(f"{API}/cases", json={"pseudonym": "A-2026-1", "municipality": "deurne"}, headers=rob.api)
        assert made.status_code == 201, made.text
        conforms(openapi, "RegisterCaseDocument", made.json())
        case = made.json()["id"]
        steps = [("assessments", {"signal_list": "deurne/jongeren", "signals": ["gedrag-agressief"],
                                  "interpretations": ["school-spijbelt"], "version": 0}, rob),
                 ("judgements", {"level": "moderate", "reason": "Samen besproken", "consulted": ["wijkteam"],
                                 "version": 1}, anna),
                 ("actions", {"route": "deurne/jongerenwerk-wijkteam", "note": "contact gelegd"}, anna),
                 ("feedback", {"status": "in-progress", "message": "We pakken het op"}, anna),
                 ("reassessments", {}, anna),
                 ("closing", {"reason": "Hulp loopt"}, anna)]
        for n, (path, body, who) in enumerate(steps, start=1):
            answer = client.post(f"{API}/cases/{case}/{path}", json=body, headers=who.api)
            assert answer.status_code == 201, (path, answer.text)
            name = "RegisterReassessmentDocument" if path == "reassessments" else "RegisterEntryDocument"
            conforms(openapi, name, answer.json())
            if path != "reassessments":
                assert answer.json()["version"] == n
        shown = client.get(f"{API}/cases/{case}", params={"purpose": "voorbereiding casusoverleg"}, headers=anna.api)
        assert shown.status_code == 200
        data = shown.json()
        conforms(openapi, "RegisterCaseDocument", data)
        assert data["current"] == {"computed_level": data["timeline"][4]["picture"]["level"],
                                   "agreed_level": "moderate", "route": "deurne/jongerenwerk-wijkteam",
                                   "feedback": "in-progress"}
        assert data["timeline"][0]["picture"]["pins"]["pack"] == "deurne"
        assert [o["kind"] for o in data["timeline"][0]["picture"]["observations"]] == ["fact", "interpretation"]
        listed = client.get(f"{API}/cases", params={"purpose": "overzicht"}, headers=anna.api).json()
        assert [c["id"] for c in listed] == [case]
        for item in listed:
            conforms(openapi, "RegisterCase", item)
        status = client.get(f"{API}/cases/{case}/status", headers=rob.api).json()
        conforms(openapi, "RegisterStatusDocument", status)
        assert status["status"] == "closed" and "A-2026-1" not in json.dumps(status)
        reports = client.get(f"{API}/reports", headers=rob.api).json()
        assert [r["id"] for r in reports] == [case] and reports[0]["feedback"][0]["message"] == "We pakken het op"
    assert register.verify().ok


def test_refusals_are_problem_documents(register: Register, people: dict[str, Login]) -> None:
    anna, nina, rob, admin = (people[k] for k in ("coordinator", "elsewhere", "reporter", "admin"))
    case = register.new_case(rob.actor, pseudonym="B-2026-1", municipality="deurne").id
    with served(register) as client:
        missing = client.get(f"{API}/cases", params={"purpose": "x"})
        problem(missing, 401, "A010")
        assert missing.headers["www-authenticate"].startswith("Bearer")
        problem(client.get(f"{API}/cases", params={"purpose": "x"}, headers={"Authorization": "Bearer om_a_b"}),
                401, "A010")
        problem(client.get(f"{API}/cases", params={"purpose": "x"},
                           headers={"Authorization": "Basic YW5uYTp4"}), 401, "A010")
        problem(client.get(f"{API}/cases/{case}", params={"purpose": "x"}, headers=nina.api), 403, "A011")
        problem(client.get(f"{API}/cases/{case}", params={"purpose": "x"}, headers=rob.api), 403, "A011")
        problem(client.get(f"{API}/cases/{case}", params={"purpose": "x"}, headers=admin.api), 403, "A011")
        problem(client.get(f"{API}/cases", params={"purpose": "x"}, headers=rob.api), 403, "A011")
        problem(client.get(f"{API}/users", headers=anna.api), 403, "A011")
        problem(client.get(f"{API}/cases/bestaat-niet", params={"purpose": "x"}, headers=anna.api), 404, "A003")
        problem(client.get(f"{API}/cases/{case}", headers=anna.api), 400, "A007")  # a read needs a purpose
        problem(client.post(f"{API}/cases/{case}/feedback", json={"status": "received", "version": 7},
                            headers=anna.api), 409, "A012")
        problem(client.post(f"{API}/cases", json={"pseudonym": "Jan Jansen", "municipality": "deurne"},
                            headers=anna.api), 422, "A014")
        problem(client.post(f"{API}/cases", json={"pseudonym": "J-1", "municipality": "deurne", "naam": "x"},
                            headers=anna.api), 422, "L101")
        problem(client.post(f"{API}/cases/{case}/judgements", json={"level": "zeer hoog", "reason": "x"},
                            headers=anna.api), 422, "L104")
        problem(client.post(f"{API}/cases/{case}/assessments", json={"signal_list": "deurne/jongeren",
                                                                     "signals": ["bestaat-niet"]},
                            headers=rob.api), 422, "A014")
        closed = client.post(f"{API}/cases/{case}/closing", json={}, headers=anna.api)
        assert closed.status_code == 201
        problem(client.post(f"{API}/cases/{case}/judgements", json={"level": "low", "reason": "x"},
                            headers=anna.api), 409, "A012")
        problem(client.get(f"{API}/cases/{case}/status", headers=nina.api), 403, "A011")
    assert register.verify().ok


def test_administrators_manage_users_and_tokens(register: Register, people: dict[str, Login]) -> None:
    admin = people["admin"]
    with served(register) as client:
        openapi = client.get("/api/v1/openapi.json").json()
        made = client.post(f"{API}/users", json={"name": "zaaksysteem", "role": "coordinator",
                                                 "municipality": "deurne", "kind": "system"}, headers=admin.api)
        assert made.status_code == 201, made.text
        conforms(openapi, "RegisterUser", made.json())
        issued = client.post(f"{API}/users/zaaksysteem/tokens", json={"days": 30}, headers=admin.api)
        conforms(openapi, "RegisterTokenDocument", issued.json())
        token = {"Authorization": f"Bearer {issued.json()['token']}"}
        assert client.get(f"{API}/cases", params={"purpose": "koppeling testen"}, headers=token).status_code == 200
        users = client.get(f"{API}/users", headers=admin.api).json()
        assert {u["name"] for u in users} == {"anna", "nina", "rob", "beheer", "zaaksysteem"}
        assert all("password" not in json.dumps(u) for u in users)
        disabled = client.post(f"{API}/users/zaaksysteem/disable", headers=admin.api)
        assert disabled.status_code == 200 and disabled.json()["disabled"] is True
        problem(client.get(f"{API}/cases", params={"purpose": "x"}, headers=token), 401, "A010")
        check = client.get(f"{API}/log/verify", headers=admin.api).json()
        conforms(openapi, "RegisterLogCheck", check)
        assert check["problems"] == [] and check["entries"] > 5
        problem(client.get(f"{API}/log/verify", headers=people["reporter"].api), 403, "A011")
    operations = [(e.actor, e.operation) for e in register.log() if e.operation.startswith(("user", "token"))]
    assert ("beheer", "user-add") in operations and ("beheer", "token-issue") in operations
    assert ("beheer", "user-disable") in operations


def test_the_log_records_who_came_in_with_which_token(register: Register, people: dict[str, Login]) -> None:
    anna = people["coordinator"]
    case = register.new_case(anna.actor, pseudonym="C-2026-1", municipality="deurne").id
    with served(register) as client:
        client.get(f"{API}/cases/{case}", params={"purpose": "voorbereiding casusoverleg"}, headers=anna.api)
        client.get(f"{API}/cases/{case}", params={"purpose": "nieuwsgierig"}, headers=people["elsewhere"].api)
    read, denied = register.log()[-2:]
    assert (read.actor, read.role, read.action, read.operation, read.case, read.purpose) == (
        "anna", "coordinator", "read", "show", case, "voorbereiding casusoverleg")
    assert read.legal_basis and json.loads(read.detail)["via"] == f"api-token:{anna.token_id}"
    assert (denied.actor, denied.action, denied.purpose) == ("nina", "denied", "nieuwsgierig")
    assert json.loads(denied.detail)["via"] == f"api-token:{people['elsewhere'].token_id}"
    assert anna.token.split("_", 2)[2] not in json.dumps([e.detail for e in register.log()])


def test_the_openapi_document_describes_the_register(register: Register) -> None:
    with served(register) as client:
        document = client.get("/api/v1/openapi.json").json()
    validate(document)
    paths = {path for path in document["paths"] if path.startswith(API)}
    assert {f"{API}/cases", f"{API}/cases/{{case_id}}", f"{API}/cases/{{case_id}}/judgements", f"{API}/reports",
            f"{API}/users", f"{API}/log/verify"} <= paths
    operation = document["paths"][f"{API}/cases/{{case_id}}"]["get"]
    assert operation["security"] == [{"apiToken": []}]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RegisterCaseDocument"}
    assert "4XX" in operation["responses"]
    assert document["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    schemas = document["components"]["schemas"]
    assert "CaseDocument" in schemas and "RegisterCase" in schemas and "Case" not in schemas  # no clash


def test_without_a_register_there_is_no_register(catalog: Any) -> None:
    """serve without --db stays stateless: no register routes, no cookies, nothing about a register in the API."""
    with TestClient(create_app(catalog), base_url=BASE) as client:
        for path in ("/aanmelden", "/register", "/register/casussen", f"{API}/cases"):
            response = client.get(path)
            assert response.status_code == 404 and "set-cookie" not in response.headers, path
        page = client.get("/").text
        assert "Er wordt niets bewaard" in page and "/register" not in page
        document = client.get("/api/v1/openapi.json").json()
        assert not [p for p in document["paths"] if p.startswith(API)]
        assert "securitySchemes" not in document["components"]


def test_people_manage_nothing_through_the_api_without_the_role(register: Register) -> None:
    """An administrator's account made here, a coordinator's refused: the roles hold on the API as elsewhere."""
    anna = add_login(register, "anna", Role.COORDINATOR, "deurne")
    with served(register) as client:
        problem(client.post(f"{API}/users", json={"name": "nieuw", "role": "administrator"}, headers=anna.api),
                403, "A011")
    assert register.log()[-1].action == "denied" and ADMIN.role is Role.ADMINISTRATOR
