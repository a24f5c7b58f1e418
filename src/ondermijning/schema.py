"""JSON Schema for pack files, generated from the models so it cannot drift from the loader.

Editors that understand TOML with JSON Schema (taplo, Even Better TOML for VS Code) complete
and check keys as an author types: put ``#:schema ./pack.schema.json`` on the first line of a
pack file, or map ``**/pack/*.toml`` to the schema in ``.taplo.toml``.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from .models import PackFile, SignalList
from .models.common import ID, LOCAL_ID, QUALIFIED_ID, REF
from .models.pack import SEMVER, Pack

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ANY_ID = f"{LOCAL_ID.pattern}|{QUALIFIED_ID.pattern}"


def pack_file_schema() -> dict[str, Any]:
    """The schema of one pack file (``pack.toml`` and every content file)."""
    defs: dict[str, Any] = {}
    root = _object(PackFile, defs)
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
        properties[family] = {"type": "array", "items": _type(item, defs)}
    case = {"type": "object", "additionalProperties": False, "required": ["origin", "signals", "score", "level"],
            "properties": {"origin": {"enum": ["example", "none", "single", "prefix"]},
                           "signals": {"type": "array", "items": {"type": "string", "pattern": QUALIFIED_ID.pattern}},
                           "score": {"type": "number"}, "level": {"enum": ["low", "moderate", "high"]},
                           "description": {"type": "string"}}}
    properties["signal_lists"] = {"type": "array", "items": {
        "type": "object", "additionalProperties": False,
        "required": ["list", "pack_version", "list_hash", "digits", "cases"],
        "properties": {"list": _type(SignalList, defs), "pack_version": {"type": "string"},
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


def _describe(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.split("\n\n")[0].replace("\n", " ")


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        if field.default is attrs.NOTHING:
            required.append(field.name)
        properties[field.name] = _field(cls, field, hints[field.name], defs)
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _field(owner: type, field: attrs.Attribute[Any], hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
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
    schema = _type(hint, defs)
    if getattr(field.validator, "__name__", "") == "_non_negative":
        schema["minimum"] = 0
    return schema


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], defs)}
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        options = [a for a in args if a is not type(None)]  # TOML has no null: optional means "may be left out"
        return _type(options[0], defs) if len(options) == 1 else {"anyOf": [_type(a, defs) for a in options]}
    if origin in (dict, Mapping) or hint is Mapping:
        return {"type": "object", "additionalProperties": _type(args[1], defs) if args else {}}
    simple = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
              float: {"type": "number"}, datetime.date: {"type": "string", "format": "date"}}
    if hint in simple:
        return dict(simple[hint])
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    if isinstance(hint, type) and attrs.has(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: models may refer to themselves
            defs[name] = {"description": _describe(hint), **_object(hint, defs)}
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {hint!r}")
