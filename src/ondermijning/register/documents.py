"""JSON Schemas of the register's documents: ``register show --format json`` and the register's API.

The documents are those :mod:`.render` writes (``register_case``, ``register_status``,
``register_reassessment``) and the entry the API answers a write with (``register_entry``).
Every part that is a model (a case, a picture, a judgement, a route taken, feedback, the
retention, a user, a log check) is described by the library's own generator
(:func:`ondermijning.schema.json_schemas`), so a schema cannot drift from its model; only the
envelopes that :mod:`.render` puts around them are spelled out here. Register-only models are
named ``Register…`` (``RegisterCase``), so they never clash with the catalog's (``Case``).
"""

from __future__ import annotations

import copy
from typing import Any

from ..models import ConcernLevel
from ..models.picture import InformationPicture, Judgement
from ..schema import document_name, json_schemas
from .accounts import User
from .codec import timestamp
from .log import Verification
from .model import Case, CaseStatus, Closing, Feedback, FeedbackStatus, Retention, Role, RouteTaken, SentPicture
from .render import CASE_FORMAT_VERSION

ENTRY_KINDS: dict[str, type | None] = {"assessment": None, "sent": SentPicture, "judgement": Judgement,
                                        "action": RouteTaken, "feedback": Feedback, "closing": Closing}
#: generated under the class name, published under a name of the register's own
_RENAMED = {"Case": "RegisterCase", "Retention": "RegisterRetention", "User": "RegisterUser",
            "Verification": "RegisterLogCheck", "RouteTaken": "RegisterRouteTaken", "Feedback": "RegisterFeedback",
            "Closing": "RegisterClosing", "SentPicture": "RegisterSentPicture"}
_TEXT = {"type": "string"}
_MOMENT = {"type": "string", "format": "date-time"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _enum(cls: type) -> dict[str, Any]:
    return {"enum": [member.value for member in cls]}  # type: ignore[attr-defined]


def _header(kind: str) -> dict[str, Any]:
    return {"kind": {"const": kind}, "format_version": {"enum": [CASE_FORMAT_VERSION]}}


def _closed(properties: dict[str, Any], description: str, required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "description": description, "properties": properties,
            "required": required if required is not None else list(properties), "additionalProperties": False}


def _renamed(node: Any, ref: str) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(ref):
                name = value[len(ref):]
                out[key] = ref + _RENAMED.get(name, name)
            else:
                out[key] = _renamed(value, ref)
        return out
    if isinstance(node, list):
        return [_renamed(value, ref) for value in node]
    return node


def register_schemas(ref_prefix: str = "#/$defs/") -> dict[str, Any]:
    """Named schemas of the register's documents and every model they hold (references at ``ref_prefix``)."""
    generated = json_schemas([InformationPicture], [Case, Retention, User, Verification, *filter(None,
                             ENTRY_KINDS.values())], ref_prefix=ref_prefix)
    defs: dict[str, Any] = {_RENAMED.get(name, name): _renamed(schema, ref_prefix) for name, schema in
                            generated.items()}

    def ref(name: str) -> dict[str, str]:
        return {"$ref": ref_prefix + name}

    envelope = {"seq": {"type": "integer", "minimum": 1}, "at": _MOMENT, "actor": _TEXT, "role": _enum(Role)}
    entries = []
    for kind, cls in ENTRY_KINDS.items():
        if cls is None:  # a picture kept whole, as to_json writes it
            own = {"picture": ref(document_name(InformationPicture)),
                   "reassessment_of": _nullable({"type": "integer", "minimum": 1})}
            schema = _closed({**envelope, "kind": {"const": kind}, **own}, "Een beeld zoals berekend.")
        else:
            model = copy.deepcopy(defs[_RENAMED.get(cls.__name__, cls.__name__)])
            schema = {**model, "properties": {**envelope, "kind": {"const": kind}, **model["properties"]},
                      "required": [*envelope, "kind", *model.get("required", [])]}
        name = f"Register{kind.capitalize()}Entry"
        defs[name] = schema
        entries.append(ref(name))
    defs["RegisterEntry"] = {"description": "Eén regel van de tijdlijn; 'kind' zegt welke.", "oneOf": entries}

    case = defs["RegisterCase"]
    current = _closed({"computed_level": _nullable(_enum(ConcernLevel)), "agreed_level": _nullable(_enum(ConcernLevel)),
                       "route": _nullable(_TEXT), "feedback": _nullable(_enum(FeedbackStatus))},
                      "Het laatste berekende niveau (advies), het samen vastgestelde niveau, de route, de "
                      "terugkoppeling.")
    defs["RegisterCaseDocument"] = _closed(
        {**_header("register_case"), **case["properties"], "current": current, "retention": ref("RegisterRetention"),
         "timeline": {"type": "array", "items": ref("RegisterEntry")}},
        "Een casus met zijn hele tijdlijn en bewaartermijn (register show --format json).")
    feedback_line = _closed({"at": _MOMENT, "status": _enum(FeedbackStatus), "message": _TEXT}, "Terugkoppeling.")
    defs["RegisterStatusDocument"] = _closed(
        {**_header("register_status"), "id": _TEXT, "opened_at": _MOMENT, "status": _enum(CaseStatus),
         "feedback": {"type": "array", "items": feedback_line}},
        "Wat een melder van zijn eigen melding ziet: wanneer gemeld, de status en de terugkoppeling.")
    level = _closed({"level": _enum(ConcernLevel), "score": {"type": "number"}, "pins": _nullable(ref("Pins"))},
                    "Een berekend niveau (advies) met zijn score en vastgelegde versies.")
    defs["RegisterReassessmentDocument"] = _closed(
        {**_header("register_reassessment"), "before_seq": {"type": "integer"}, "seq": {"type": "integer"},
         "before": level, "after": level, "pack_changed": {"type": "boolean"}, "list_changed": {"type": "boolean"},
         "dropped": {"type": "array", "items": _TEXT}},
        "Een herbeoordeling: het eerdere en het nieuwe berekende niveau, en wat er veranderde.")
    defs["RegisterEntryDocument"] = _closed(
        {**_header("register_entry"), "case": _TEXT, "version": {"type": "integer", "minimum": 1},
         "entry": ref("RegisterEntry")},
        "De regel die een schrijfactie aan de tijdlijn toevoegde, en de nieuwe versie van de casus.")
    defs["RegisterTokenDocument"] = _closed(
        {**_header("register_token"), "user": _TEXT, "token": _TEXT},
        "Een nieuw API-token: het wordt één keer getoond; bewaar het veilig.")
    return dict(sorted(defs.items()))


def case_summary(case: Case) -> dict[str, Any]:
    """A case without its timeline, as a list shows it (schema ``RegisterCase``)."""
    return {"id": case.id, "pseudonym": case.pseudonym, "municipality": case.municipality,
            "opened_by": case.opened_by, "opened_at": timestamp(case.opened_at),
            "updated_at": timestamp(case.updated_at), "status": case.status.value, "version": case.version}
