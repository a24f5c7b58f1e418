"""The OpenAPI 3.1 document at /api/v1/openapi.json: Litestar's paths, the library's schemas.

Litestar reads paths, parameters and which model each handler takes and returns from the
handlers' signatures. The schemas of those models come from one generator,
:func:`ondermijning.schema.json_schemas`, which describes the JSON that ``to_json`` writes and
the converter reads; nothing here describes a model by hand. Every operation answers a refusal
with a :class:`~ondermijning.web.problems.ProblemDetails` (``4XX``, ``application/problem+json``).

The document's own texts (the API's description, each operation's summary, the parameters' and
answers' descriptions) are in the request's language, like every answer: the handlers mark them
(``summary=N_(...)``) and :func:`openapi_document` translates them. The document is made once per
language and kept. The component schemas are the library's JSON Schemas (``ondermijning schema``),
whose descriptions are the models' docstrings: they are the same in every language.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any

import attrs
from litestar import Litestar, Request, get

from ..._version import __version__
from ...i18n import N_, _, language
from ...models import Case, ConversationGuide, DilemmaCard, Route, SignalList, Workshop
from ...models.picture import InformationPicture
from ...planner import Findings, Proposal
from ...schema import json_schemas
from ..problems import MEDIA_TYPE, ProblemDetails
from .models import AssessmentRequest, PackStatus

#: every model the API writes as a whole document, and those it reads as a bare object
DOCUMENTS = (InformationPicture, Proposal, PackStatus, SignalList, Route, DilemmaCard, Case, ConversationGuide,
             Workshop)
BODIES = (AssessmentRequest, Findings, ProblemDetails)
PREFIX = "#/components/schemas/"

DESCRIPTION = N_(
    "Signalenlijsten, routes, dilemmakaarten, casussen en trainingsaanbod van de geïnstalleerde packs, en het "
    "informatiebeeld en trainingstraject die de bibliotheek ondermijning daaruit berekent. Elk antwoord is "
    "precies de JSON die ondermijning.to_json schrijft. Het berekende zorgniveau is een advies; professionals "
    "stellen het niveau samen vast. Er wordt niets bewaard: geen opslag, geen sessies, geen cookies."
)


@functools.lru_cache(maxsize=1)
def component_schemas() -> dict[str, Any]:
    """The named schemas of every model on the wire, from the library's generator."""
    return json_schemas(DOCUMENTS, BODIES, ref_prefix=PREFIX)


#: what a successful answer is, per status (Litestar's own words are the HTTP reason phrases, in English)
ANSWERS = {"200": N_("Gelukt: het gevraagde document."), "201": N_("Vastgelegd: het document van wat is vastgelegd.")}


def _problem_response() -> dict[str, Any]:
    return {"description": _("Het verzoek is geweigerd: een probleemdocument (RFC 9457) met de code van de "
                             "bibliotheek en een uitleg in de taal van het verzoek."),
            "content": {MEDIA_TYPE: {"schema": {"$ref": f"{PREFIX}ProblemDetails"}}}}


def _translate_parameters(operation: dict[str, Any]) -> None:
    """A parameter's description (marked with ``N_`` in its handler) in the chosen language."""
    for parameter in operation.get("parameters", ()):
        for node in (parameter, parameter.get("schema", {})):
            if isinstance(node.get("description"), str):
                node["description"] = _(node["description"])


def _unwrap(node: Any) -> Any:
    """``{"allOf": [{"$ref": X}]}`` (what Litestar lets a DTO return) back to ``{"$ref": X}``."""
    if isinstance(node, dict):
        all_of = node.get("allOf")
        if len(node) == 1 and isinstance(all_of, list) and len(all_of) == 1 and set(all_of[0]) == {"$ref"}:
            return dict(all_of[0])
        return {key: _unwrap(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_unwrap(value) for value in node]
    return node


@attrs.frozen(kw_only=True)
class OpenAPIExtra:
    """What routes added to the app (the register) bring to the document.

    ``schemas`` are more named component schemas (from the library's generators); ``responses``
    names, per operation id, the schema of its 2xx answer (``"X[]"``: an array of X) where the
    handler returns plain JSON; operations under ``secured`` need a bearer token.
    """

    schemas: Mapping[str, Any] = attrs.field(factory=dict)
    responses: Mapping[str, str] = attrs.field(factory=dict)
    description: str = ""
    secured: str = ""


def _answer_schema(name: str) -> dict[str, Any]:
    if name.endswith("[]"):
        return {"type": "array", "items": {"$ref": PREFIX + name[:-2]}}
    return {"$ref": PREFIX + name}


def openapi_document(app: Litestar) -> dict[str, Any]:
    """The API's OpenAPI document in the chosen language: Litestar's operations with the library's schemas and
    problem answers."""
    extra: OpenAPIExtra = getattr(app.state, "openapi_extra", None) or OpenAPIExtra()
    document: dict[str, Any] = _unwrap(copy.deepcopy(app.openapi_schema.to_schema()))
    description = f"{_(DESCRIPTION)} {_(extra.description)}" if extra.description else _(DESCRIPTION)
    document["info"] = {"title": "ondermijning API", "version": __version__, "description": description,
                        "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"}}
    paths: dict[str, Any] = {}
    for path, item in document.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for operation in item.values():
            if "summary" in operation:
                operation["summary"] = _(operation["summary"])
            _translate_parameters(operation)
            responses = {code: answer for code, answer in operation.get("responses", {}).items()
                         if not code.startswith("4")}
            answer_schema = extra.responses.get(operation.get("operationId", ""))
            for code, answer in responses.items():  # a picture or plan must not stay in a cache
                if code in ANSWERS:
                    answer["description"] = _(ANSWERS[code])
                answer.setdefault("headers", {})["Cache-Control"] = {
                    "description": _("altijd no-store: niet bewaren"), "schema": {"type": "string",
                                                                             "const": "no-store"}}
                if answer_schema and "content" in answer:
                    answer["content"] = {"application/json": {"schema": _answer_schema(answer_schema)}}
            responses["4XX"] = _problem_response()
            operation["responses"] = responses
            if extra.secured and path.startswith(extra.secured):
                operation["security"] = [{"apiToken": []}]
        paths[path] = item
    document["paths"] = paths
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(component_schemas())
    schemas.update(extra.schemas)
    components: dict[str, Any] = {"schemas": dict(sorted(schemas.items()))}
    if extra.secured:
        components["securitySchemes"] = {"apiToken": {
            "type": "http", "scheme": "bearer",
            "description": _("een API-token om_<id>_<geheim>, uitgegeven door een beheerder")}}
    document["components"] = components
    return document


@get("/openapi.json", include_in_schema=False, sync_to_thread=False, media_type="application/json")
def openapi_json(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The OpenAPI 3.1 document of this API, in the request's language (made once per language)."""
    app = request.app
    documents: dict[str, dict[str, Any]] | None = getattr(app.state, "openapi_documents", None)
    if documents is None:
        documents = app.state.openapi_documents = {}
    chosen = language()
    cached = documents.get(chosen)
    if cached is None:
        cached = documents[chosen] = openapi_document(app)
    return cached
