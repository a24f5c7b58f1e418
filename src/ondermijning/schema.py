"""JSON Schema for pack files and for every JSON document the library writes, generated from the models.

Pack files: editors that understand TOML with JSON Schema (taplo, Even Better TOML for VS
Code) complete and check keys as an author types: put ``#:schema ./pack.schema.json`` on the
first line of a pack file, or map ``**/pack/*.toml`` to the schema in ``.taplo.toml``.

Documents (:data:`DOCUMENTS`): the picture (``to_json``), ``plan --format json`` (a proposal
or a trajectory), ``validate --format json``, ``packs --format json``, ``diff --format
json`` and the catalog (``export --to json``). ``json_schema(name)`` gives one; a test checks
real output of each against it. In a pack file an optional key may be left out; in a document
it is written, as ``null`` when empty.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .diff import PackDiff
from .i18n import _
from .models import PackFile, SignalList, Trajectory
from .models.common import ID, LOCAL_ID, QUALIFIED_ID, REF
from .models.pack import SEMVER, Pack
from .models.picture import InformationPicture
from .planner.scheduling import Proposal
from .serialize import FORMAT_VERSIONS, READABLE_VERSIONS, document_key, kind_of
from .version_policy import VersionCheck

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ANY_ID = f"{LOCAL_ID.pattern}|{QUALIFIED_ID.pattern}"


def pack_file_schema() -> dict[str, Any]:
    """The schema of one pack file (``pack.toml`` and every content file)."""
    defs: dict[str, Any] = {}
    root = _object(PackFile, defs, toml=True)
    return {"$schema": DIALECT, "title": "ondermijning pack file",
            "description": "One TOML file of an ondermijning pack folder: the [pack] table (only in pack.toml) "
                           "and any content family as an array of tables.",
            **root, "$defs": defs}


def catalog_document_schema() -> dict[str, Any]:
    """The schema of ``ondermijning export --to json`` (:mod:`ondermijning.interop.catalog_json`)."""
    from .catalog import Catalog
    from .interop.catalog_json import FAMILIES, FORMAT_VERSION, KIND

    defs: dict[str, Any] = {}
    hints = typing.get_type_hints(Catalog)
    properties: dict[str, Any] = {"kind": {"const": KIND}, "format_version": {"const": FORMAT_VERSION},
                                  "library_version": {"type": "string"}}
    for family in FAMILIES:
        item = typing.get_args(hints[family])[1]
        properties[family] = {"type": "array", "items": _type(item, defs, toml=True)}
    case = {"type": "object", "additionalProperties": False, "required": ["origin", "signals", "score", "level"],
            "properties": {"origin": {"enum": ["example", "none", "single", "prefix"]},
                           "signals": {"type": "array", "items": {"type": "string", "pattern": QUALIFIED_ID.pattern}},
                           "score": {"type": "number"}, "level": {"enum": ["low", "moderate", "high"]},
                           "description": {"type": "string"}}}
    properties["signal_lists"] = {"type": "array", "items": {
        "type": "object", "additionalProperties": False,
        "required": ["list", "pack_version", "list_hash", "digits", "cases"],
        "properties": {"list": _type(SignalList, defs, toml=True), "pack_version": {"type": "string"},
                       "list_hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
                       "digits": {"type": "integer", "minimum": 0}, "cases": {"type": "array", "items": case}}}}
    for name, definition in defs.items():
        if name != "Pack":  # in the catalog every item id carries its pack; the pack id itself does not
            for field in definition.get("properties", {}).values():
                if field.get("pattern") == LOCAL_ID.pattern and field.get("description", "").startswith("the item's"):
                    field.update(pattern=QUALIFIED_ID.pattern, description="the item's id with its pack: 'pack/item'")
    return {"$schema": DIALECT, "title": "ondermijning catalog document",
            "description": "The whole catalog as one JSON document, with a conformance suite per signal list "
                           "(ondermijning export --to json).",
            "type": "object", "additionalProperties": False, "required": ["kind", "format_version", *FAMILIES,
                                                                           "signal_lists"],
            "properties": properties, "$defs": defs}


def model_document_schema(cls: type) -> dict[str, Any]:
    """The schema of ``to_json(obj)`` for a model class: its fields plus ``kind`` and ``format_version``.

    A field named like one of those two is listed under its document key (``workshop_kind``).

    ``format_version`` lists every version :func:`~ondermijning.from_json` reads, newest first.
    """
    defs: dict[str, Any] = {}
    root = _object(cls, defs, toml=False)
    versions = [FORMAT_VERSIONS.get(cls, 1), *READABLE_VERSIONS.get(cls, ())]
    # as in to_data, a model's own field named like an envelope key (Workshop.kind) is "workshop_kind"
    root["properties"] = {"kind": {"const": kind_of(cls)},
                          "format_version": {"enum": versions, "description": "written: the first; read: all"},
                          **{document_key(cls, key): value for key, value in root["properties"].items()}}
    root["required"] = ["kind", "format_version", *(document_key(cls, key) for key in root.get("required", []))]
    return {"$schema": DIALECT, "title": f"ondermijning {kind_of(cls).replace('_', ' ')}",
            "description": _describe(cls), **root, "$defs": defs}


def _problem_schema() -> dict[str, Any]:
    text = {"type": "string"}
    return {"type": "object", "additionalProperties": False,
            "required": ["code", "severity", "file", "line", "path", "message", "hint"],
            "properties": {"code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
                           "severity": {"enum": ["error", "warning"]}, "file": text,
                           "line": {"type": ["integer", "null"], "minimum": 1}, "path": text, "message": text,
                           "hint": text}}


def validation_report_schema() -> dict[str, Any]:
    """``ondermijning validate --format json``: ``{valid, stats, errors[...]}`` (errors holds warnings too)."""
    count = {"type": "integer", "minimum": 0}
    return {"$schema": DIALECT, "title": "ondermijning validation report", "type": "object",
            "additionalProperties": False, "required": ["valid", "stats", "errors"],
            "properties": {
                "valid": {"type": "boolean", "description": "true when no error is reported"},
                "stats": {"type": "object", "additionalProperties": False,
                          "required": ["errors", "warnings", "not_shown", "packs"],
                          "properties": {"errors": count, "warnings": count, "not_shown": count, "packs": count}},
                "errors": {"type": "array", "items": {"$ref": "#/$defs/Problem"}}},
            "$defs": {"Problem": _problem_schema()}}


def packs_listing_schema() -> dict[str, Any]:
    """``ondermijning packs --format json``: the packs, the plugins and the problems while loading."""
    text = {"type": "string"}
    pack = {"type": "object", "additionalProperties": False, "required": ["id", "version", "name", "origin", "counts"],
            "properties": {"id": text, "version": text, "name": text, "origin": text,
                           "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}}}}
    plugin = {"type": "object", "additionalProperties": False, "required": ["name", "distribution", "status", "error"],
              "properties": {"name": text, "distribution": text, "error": text,
                             "status": {"enum": ["loaded", "slow", "blocked", "broken"]}}}
    return {"$schema": DIALECT, "title": "ondermijning packs", "type": "object", "additionalProperties": False,
            "required": ["packs", "plugins", "problems"],
            "properties": {"packs": {"type": "array", "items": pack}, "plugins": {"type": "array", "items": plugin},
                           "problems": {"type": "array", "items": {"$ref": "#/$defs/Problem"}}},
            "$defs": {"Problem": _problem_schema()}}


def diff_schema() -> dict[str, Any]:
    """``ondermijning diff --format json``: the items that changed and the level shifts per list."""
    defs: dict[str, Any] = {}
    root = _object(PackDiff, defs, toml=False)
    root["properties"]["version_check"] = {**_object(VersionCheck, defs, toml=False),
                                           "description": "with --check-version: " + _describe(VersionCheck)}
    return {"$schema": DIALECT, "title": "ondermijning pack diff", **root, "$defs": defs}


#: document name -> its schema (``ondermijning schema --NAME``; ``schema`` alone: the pack file, ``schema catalog``)
DOCUMENTS: dict[str, Any] = {
    "pack-file": pack_file_schema,
    "picture": lambda: model_document_schema(InformationPicture),
    "proposal": lambda: model_document_schema(Proposal),
    "trajectory": lambda: model_document_schema(Trajectory),
    "validation-report": validation_report_schema,
    "packs": packs_listing_schema,
    "diff": diff_schema,
    "catalog": catalog_document_schema,
}


def json_schemas(documents: Sequence[type], plain: Sequence[type] = (), *,
                 ref_prefix: str = "#/$defs/") -> dict[str, Any]:
    """Named schemas of the JSON form for the models in ``documents`` and ``plain``, and all they hold.

    A class in ``documents`` is a whole document as ``to_json`` writes it (:func:`model_document_schema`)
    under the name ``<Class>Document``; a class in ``plain`` and every nested model is its bare object
    under its class name. References point at ``ref_prefix + name`` (``"#/components/schemas/"``
    inside an OpenAPI document: the web API's is built from this).
    """
    defs: dict[str, Any] = {}
    for cls in plain:
        _type(cls, defs, toml=False)
    for cls in documents:
        document = model_document_schema(cls)
        defs.update(document.pop("$defs"))
        document.pop("$schema")
        document.pop("title")
        defs[document_name(cls)] = document
    return _with_prefix(defs, ref_prefix) if ref_prefix != "#/$defs/" else defs


def document_name(cls: type) -> str:
    """The schema name of a whole document of ``cls``: ``InformationPictureDocument``."""
    return f"{cls.__name__}Document"


def _with_prefix(node: Any, prefix: str) -> Any:
    if isinstance(node, dict):
        return {key: (prefix + value.removeprefix("#/$defs/") if key == "$ref" else _with_prefix(value, prefix))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_with_prefix(value, prefix) for value in node]
    return node


def json_schema(document: str = "pack-file") -> dict[str, Any]:
    """The JSON Schema of a document the library reads or writes, by name (see :data:`DOCUMENTS`)."""
    if document not in DOCUMENTS:
        raise ValueError(_("onbekend document {document!r}: kies uit {choices}").format(
            document=document, choices=", ".join(DOCUMENTS)))
    result: dict[str, Any] = DOCUMENTS[document]()
    return result


def _describe(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.split("\n\n")[0].replace("\n", " ")


def _object(cls: type, defs: dict[str, Any], *, toml: bool) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        if field.default is attrs.NOTHING:
            required.append(field.name)
        properties[field.name] = _field(cls, field, hints[field.name], defs, toml=toml)
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _field(owner: type, field: attrs.Attribute[Any], hint: Any, defs: dict[str, Any], *,
           toml: bool) -> dict[str, Any]:
    if field.metadata.get(ID) and not toml:  # written qualified: "deurne/wijkagent"
        return {"type": "string", "pattern": _ANY_ID, "description": "the item's id, qualified by its pack"}
    if field.metadata.get(ID) or (owner is Pack and field.name == "id"):
        return {"type": "string", "pattern": LOCAL_ID.pattern,
                "description": "the item's id, without pack prefix (lower-case letters, digits, . _ -)"}
    if REF in field.metadata:
        ref = {"type": "string", "pattern": _ANY_ID, "description": f"id of one of the {field.metadata[REF]}; "
               "without prefix in this pack, 'pack/item' in another"}
        if field.default == "":
            ref["pattern"] = f"^$|{_ANY_ID}"
        return {"type": "array", "items": ref} if typing.get_origin(hint) is tuple else ref
    if owner is Pack and field.name == "version":
        return {"type": "string", "pattern": SEMVER.pattern, "description": "a semantic version, e.g. 1.0.0"}
    schema = _type(hint, defs, toml=toml)
    if getattr(field.validator, "__name__", "") == "_non_negative":
        schema["minimum"] = 0
    return schema


def _type(hint: Any, defs: dict[str, Any], *, toml: bool) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and args[1:] == (Ellipsis,):
        return {"type": "array", "items": _type(args[0], defs, toml=toml)}
    if origin is tuple:  # a fixed row, e.g. (old level, new level, count)
        return {"type": "array", "prefixItems": [_type(a, defs, toml=toml) for a in args],
                "minItems": len(args), "maxItems": len(args)}
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        options = [a for a in args if a is not type(None)]
        if not toml and len(options) < len(args):  # JSON writes an empty optional value as null
            return {"anyOf": [*(_type(a, defs, toml=toml) for a in options), {"type": "null"}]}
        # TOML has no null: optional means "may be left out"
        return (_type(options[0], defs, toml=toml) if len(options) == 1
                else {"anyOf": [_type(a, defs, toml=toml) for a in options]})
    if origin in (dict, Mapping) or hint is Mapping:
        return {"type": "object", "additionalProperties": _type(args[1], defs, toml=toml) if args else {}}
    simple = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
              float: {"type": "number"}, datetime.date: {"type": "string", "format": "date"},
              datetime.datetime: {"type": "string", "format": "date-time"}}
    if hint in simple:
        return dict(simple[hint])
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    if isinstance(hint, type) and attrs.has(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: models may refer to themselves
            defs[name] = {"description": _describe(hint), **_object(hint, defs, toml=toml)}
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {hint!r}")
