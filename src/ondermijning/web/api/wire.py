"""How models cross the wire: bodies are read by the library's converter and written by ``to_data``.

:class:`ModelDTO` is Litestar's extension point for (de)serialising a handler's ``data`` and return
value. Litestar reads the model types from the handlers' signatures; this DTO hands the work to the
library, so a response is exactly what :func:`~ondermijning.serialize.to_json` writes and the
OpenAPI document describes it with the library's own schema generator (:mod:`.openapi`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Generator
from typing import Any, TypeVar

import cattrs
import msgspec
from litestar.dto import AbstractDTO, DTOFieldDefinition
from litestar.openapi.spec import OpenAPIType, Reference, Schema
from litestar.typing import FieldDefinition

from ...converter import converter
from ...i18n import _
from ...loader import _structure_problems
from ...locate import LineIndex
from ...models import Goal, ProtectiveFactor, Route, ScoringBasis, Thresholds
from ...models.picture import CategoryScore, Contribution, Decision, Observation, Pins, RedFlag, WatchSignal
from ...planner import Findings, FindingsError, findings_from_data
from ...schema import document_name
from ...serialize import to_data
from ..problems import ApiProblem, from_problems

#: a request body larger than this is refused (A002); an assessment of every signal is a few KB
MAX_BODY = 256 * 1024
_JSON_TYPES = ("application/json",)
T = TypeVar("T")


def read_json(body: bytes, content_type: str = "application/json") -> Any:
    """The JSON value of a request body, or a problem (A004 media type, A001 not JSON)."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in _JSON_TYPES and not media.endswith("+json"):
        raise ApiProblem("A004", _("Stuur de gegevens als JSON, met Content-Type: application/json."))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiProblem("A001", _("Geen UTF-8-tekst: byte {n} is niet te lezen.").format(n=exc.start)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiProblem("A001", _("Geen geldige JSON: fout op regel {line}, kolom {column}.").format(
            line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise ApiProblem("A001", _("De JSON is te diep genest.")) from None


def structure(data: Any, cls: type[Any]) -> Any:
    """``data`` as a ``cls``, read by the library's strict converter; its problems are L101–L104."""
    if cls is Findings:  # findings have their own reader (dates, themes), shared with findings files
        try:
            return findings_from_data(data)
        except FindingsError as exc:
            raise from_problems(exc.problems) from None
    if not isinstance(data, dict):
        raise ApiProblem("L103", _("Verwacht een JSON-object."))
    try:
        return converter.structure(data, cls)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        raise from_problems(_structure_problems(exc, "", LineIndex(""))) from None
    except (TypeError, ValueError):
        raise ApiProblem("L104", _("Ongeldige waarde in het verzoek.")) from None


def _memoizing_converter() -> cattrs.Converter:
    """The library's converter, remembering the JSON of the shared objects it has written.

    A picture names the same routes, goals, explanation lines, red flags and watch entries over
    and over; they are frozen objects of the catalog or of the list's compiled tables, so their
    JSON never changes. Each is encoded once and kept as ``msgspec.Raw``, which the response's
    encoder copies as it is. The hooks are the converter's own, so the output is the same
    (``tests/test_web_api.py`` compares it with ``to_json``). Observations are kept only without
    a date, an observer or a note (the list's own), so nothing a person typed stays behind.
    """
    memo_converter = converter.copy()
    cache: dict[int, tuple[Any, msgspec.Raw]] = {}

    def memoized(cls: type[Any]) -> Any:
        plain = memo_converter.gen_unstructure_attrs_fromdict(cls)

        def unstructure(obj: Any) -> Any:
            hit = cache.get(id(obj))
            if hit is not None and hit[0] is obj:
                return hit[1]
            if cls is Observation and (obj.date is not None or obj.observer or obj.note):
                return plain(obj)
            if len(cache) > 20_000:  # bounded: the catalog's items and a list's tables fit many times over
                cache.clear()
            value = msgspec.Raw(msgspec.json.encode(plain(obj)))
            cache[id(obj)] = (obj, value)  # the object is kept, so its id is not reused
            return value

        return unstructure

    for cls in SHARED:
        memo_converter.register_unstructure_hook(cls, memoized(cls))
    return memo_converter


#: frozen objects that pictures share (catalog items, lines of a list's compiled tables)
SHARED = (Route, Goal, ProtectiveFactor, Contribution, WatchSignal, RedFlag, CategoryScore, Decision, Observation,
          Pins, Thresholds, ScoringBasis)
_writer = _memoizing_converter()


def encode(data: Any) -> Any:
    """A model, or a collection of models, as the data ``to_json`` writes (shared parts as ``msgspec.Raw``)."""
    if isinstance(data, (list, tuple)):
        return [encode(item) for item in data]
    # a shared object as a whole document (GET /routes) is written plainly: its envelope goes around it
    return to_data(data, using=converter if type(data) in SHARED else _writer)


def reference(name: str) -> Schema:
    # wrapped in allOf: Litestar only accepts a Schema here; openapi.py unwraps it again
    return Schema(all_of=[Reference(ref=f"#/components/schemas/{name}")])


class ModelDTO(AbstractDTO[T]):
    """Read ``data`` with the library's converter; write results as ``to_json`` does; document both."""

    @classmethod
    def generate_field_definitions(cls, model_type: type[Any]) -> Generator[DTOFieldDefinition, None, None]:
        yield from ()  # no field-by-field transfer model: the converter handles the whole model

    @classmethod
    def detect_nested_field(cls, field_definition: FieldDefinition) -> bool:
        return False

    @classmethod
    def create_for_field_definition(cls, field_definition: FieldDefinition, handler_id: str,
                                    backend_cls: Any = None) -> None:
        return None  # nothing to compile ahead: see decode_bytes and data_to_encodable_type

    def decode_bytes(self, value: bytes) -> Any:
        content_type = self.asgi_connection.headers.get("content-type", "")
        return structure(read_json(value, content_type), self.model_type)

    def decode_builtins(self, value: dict[str, Any]) -> Any:
        return structure(value, self.model_type)

    def data_to_encodable_type(self, data: T | Collection[T]) -> Any:
        return encode(data)

    @classmethod
    def create_openapi_schema(cls, field_definition: FieldDefinition, handler_id: str,
                              schema_creator: Any) -> Reference | Schema:
        if field_definition.name == "data":  # a request body: the bare object
            return reference(cls.model_type.__name__)
        if field_definition.is_non_string_collection:
            return Schema(type=OpenAPIType.ARRAY, items=reference(document_name(cls.model_type)))
        return reference(document_name(cls.model_type))
