"""Stable, versioned JSON for pictures (and any other model).

The document is the model's fields plus two keys: ``"kind"`` (e.g. ``"information_picture"``)
and ``"format_version"``. A model's own field named like one of them (``Workshop.kind``, the
module's kind) is written as ``<kind>_<field>`` (``"workshop_kind"``): :func:`document_key`.
Reading checks both, forbids unknown keys and reports problems in
one line with the key path. ``redact=True`` leaves out every free text a professional typed
(observation notes, the judgement's reason) and the pseudonym.

A picture is pinned to what it was computed with (:class:`~ondermijning.models.picture.Pins`).
:func:`compare_pins` says how a stored picture differs from the catalog loaded now, and
``from_json(text, InformationPicture, catalog=catalog)`` reads such a picture and says so in
a :class:`PinsWarning`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import warnings
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

import attrs
import cattrs

from ._version import __version__
from .converter import converter, error_lines
from .errors import OndermijningError
from .i18n import N_, _, number
from .models import Pack, SignalList
from .models.picture import PICTURE_FORMAT_VERSION, InformationPicture
from .shown import shown

T = TypeVar("T")

#: per class: the format version of its JSON form
FORMAT_VERSIONS: dict[type, int] = {InformationPicture: PICTURE_FORMAT_VERSION}
#: per class: older format versions that are still read (their missing keys take their defaults)
READABLE_VERSIONS: dict[type, tuple[int, ...]] = {InformationPicture: (1, 2, 3)}


class JSONFormatError(OndermijningError, ValueError):
    """A JSON document that is not a valid document of the expected kind."""


def kind_of(cls: type) -> str:
    """``InformationPicture`` -> ``"information_picture"``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


#: the keys every document starts with; a model field of the same name is renamed (:func:`document_key`)
ENVELOPE = ("kind", "format_version")


def document_key(cls: type, field: str) -> str:
    """The key of a model's field in its document: the field's name, or ``<kind>_<field>`` for an envelope key.

    ``document_key(Workshop, "kind")`` is ``"workshop_kind"``: the document's ``"kind"`` says
    what the document is (``"workshop"``), so the module's own kind needs another key. Only the
    top level is renamed; a model nested inside a document has no envelope to collide with.
    """
    return f"{kind_of(cls)}_{field}" if field in ENVELOPE else field


def to_data(obj: Any, *, redact: bool = False, using: cattrs.Converter | None = None) -> dict[str, Any]:
    """The plain-data form of a model, with ``kind`` and ``format_version`` first.

    ``using`` is a copy of the library's converter with extra hooks that write the same data
    (the web app's remembers catalog items it has written); by default the library's own.
    """
    if redact:
        obj = redacted(obj)
    cls = type(obj)
    data: dict[str, Any] = (using or converter).unstructure(obj)
    if "kind" in data or "format_version" in data:
        data = {document_key(cls, key): value for key, value in data.items()}
    return {"kind": kind_of(cls), "format_version": FORMAT_VERSIONS.get(cls, 1), **data}


def to_json(obj: Any, *, redact: bool = False, indent: int | None = 2) -> str:
    """A model as JSON text (UTF-8 characters kept, keys in field order)."""
    return json.dumps(to_data(obj, redact=redact), ensure_ascii=False, indent=indent)


class PinsWarning(UserWarning):
    """A picture read back was computed with another pack version, list or library than the catalog's."""


class _Packs(Protocol):
    """What :func:`compare_pins` needs of a catalog (a :class:`~ondermijning.catalog.Catalog` has it)."""

    @property
    def packs(self) -> Mapping[str, Pack]: ...

    @property
    def signal_lists(self) -> Mapping[str, SignalList]: ...


@attrs.frozen
class PinDifference:
    """One way a picture's pins differ from a catalog: which pin, its value then and now, and what it means.

    ``pin`` is ``"pins"`` (the picture has none: written before format version 2),
    ``"signal_list"`` (the list is not loaded now), ``"pack_version"``, ``"list_hash"`` (the
    list changed without a new pack version) or ``"library_version"``.
    """

    pin: str
    pinned: str
    current: str
    message: str


def compare_pins(picture: InformationPicture, catalog: _Packs) -> tuple[PinDifference, ...]:
    """How ``picture`` was computed compared with ``catalog`` now; empty when everything matches.

    A difference does not make the picture wrong: it was right for the list it names. It
    means assessing the same observations now may give another picture (re-assess with
    :func:`~ondermijning.assess` when that matters).
    """
    pins, list_id = picture.pins, picture.signal_list
    if pins is None:
        return (PinDifference("pins", "", "", _(
            "het informatiebeeld heeft geen pins (geschreven vóór formaatversie 2): niet na te gaan met welke "
            "versie van {list} het is berekend").format(list=list_id)),)
    sl = catalog.signal_lists.get(list_id)
    if sl is None:
        return (PinDifference("signal_list", list_id, "", _(
            "signalenlijst {list} is nu niet geladen (berekend met {pack} {version}): installeer dat pack om het "
            "beeld opnieuw te berekenen").format(list=list_id, pack=pins.pack, version=pins.pack_version or "?")),)
    found = []
    pack = catalog.packs.get(pins.pack)
    now = pack.version if pack is not None else ""
    list_hash = content_hash(sl)
    if pins.pack_version != now:
        changed = _("de lijst zelf is veranderd") if list_hash != pins.list_hash else _("de lijst zelf is gelijk")
        found.append(PinDifference("pack_version", pins.pack_version, now, _(
            "berekend met pack {pack} {then}, geladen is {now}; {changed}").format(
            pack=pins.pack, then=pins.pack_version or "?", now=now or "?", changed=changed)))
    elif list_hash != pins.list_hash:
        found.append(PinDifference("list_hash", pins.list_hash, list_hash, _(
            "signalenlijst {list} is veranderd sinds het beeld is berekend, al is de packversie ({version}) "
            "gelijk").format(list=list_id, version=now or "?")))
    if pins.library_version != __version__:
        found.append(PinDifference("library_version", pins.library_version, __version__, _(
            "berekend met ondermijning {then}, dit is {now}").format(then=pins.library_version, now=__version__)))
    return tuple(found)


def from_json(text: str | bytes, cls: type[T], *, catalog: _Packs | None = None) -> T:
    """Read a model of class ``cls`` from JSON made by :func:`to_json`.

    Raises :class:`JSONFormatError` with one line saying what is wrong and where. With
    ``catalog``, a picture whose pins differ from it (:func:`compare_pins`) is read all the
    same, with a :class:`PinsWarning` that says how.
    """
    if isinstance(text, bytes):  # JSON between systems is UTF-8 (RFC 8259); json.loads would guess
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONFormatError(_("geen UTF-8-tekst: byte {at} is niet te lezen; sla het bestand op als "
                                    "UTF-8").format(at=exc.start)) from None
    data = _parse(text)
    if not isinstance(data, dict):
        raise JSONFormatError(_("een JSON-object verwacht, kreeg {got}").format(got=_json_type(data)))
    expected_kind, expected_version = kind_of(cls), FORMAT_VERSIONS.get(cls, 1)
    kind, version = data.pop("kind", None), data.pop("format_version", None)
    if kind != expected_kind:
        raise JSONFormatError(shown(_("kind {expected!r} verwacht, kreeg {got!r} ($.kind)").format(
            expected=expected_kind, got=kind)))
    # type(...) is int: 2.0 == 2 and True == 1 in Python, but neither is a format version
    if type(version) is not int or (version != expected_version and version not in READABLE_VERSIONS.get(cls, ())):
        raise JSONFormatError(shown(_("format_version {version!r} wordt niet ondersteund; deze versie van "
                                      "ondermijning leest {expected} ($.format_version)").format(
                                          version=version, expected=expected_version)))
    own = {field.name for field in attrs.fields(cls)} if attrs.has(cls) else set()
    renamed = {document_key(cls, key): key for key in ENVELOPE if key in own}
    for key, field in renamed.items():
        if key in data:
            data[field] = data.pop(key)
    try:
        result = converter.structure(data, cls)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        messages = [_document_path(message, renamed) for message in error_lines(exc)]
        raise JSONFormatError(shown("; ".join(messages))) from None
    except (TypeError, ValueError, OverflowError, AttributeError, KeyError, RecursionError) as exc:
        raise JSONFormatError(shown(str(exc) or type(exc).__name__)) from None
    if catalog is not None and isinstance(result, InformationPicture):
        for difference in compare_pins(result, catalog):
            warnings.warn(difference.message, PinsWarning, stacklevel=2)
    return result


def _document_path(message: str, renamed: Mapping[str, str]) -> str:
    """A problem at ``$.kind`` of a workshop is at ``$.workshop_kind`` in the document the reader has."""
    for key, field in renamed.items():
        message = re.sub(rf"\$\.{field}\b", f"$.{key}", message)
    return message


#: what Python's json module says (English) -> the same in the chosen language
_JSON_REASONS = {
    "Expecting value": N_("waarde verwacht"),
    "Expecting property name enclosed in double quotes": N_("sleutel tussen dubbele aanhalingstekens verwacht"),
    "Expecting ':' delimiter": N_("':' verwacht"),
    "Expecting ',' delimiter": N_("',' verwacht"),
    "Extra data": N_("meer tekst na het einde van het document"),
    "Unterminated string starting at": N_("tekst zonder afsluitend aanhalingsteken"),
    "Invalid control character at": N_("ongeldig stuurteken"),
    "Invalid \\escape": N_("ongeldige escape met \\"),
    "Invalid \\uXXXX escape": N_("ongeldige \\uXXXX-escape"),
    "Illegal trailing comma before end of object": N_("komma voor het einde van het object"),
    "Illegal trailing comma before end of array": N_("komma voor het einde van de lijst"),
    "Unexpected UTF-8 BOM (decode using utf-8-sig)":
        N_("een BOM aan het begin; sla het bestand op als UTF-8 zonder BOM"),
}
_JSON_TYPES = {dict: N_("een object"), list: N_("een lijst"), str: N_("een tekst"), int: N_("een getal"),
               float: N_("een getal"), bool: N_("true of false"), type(None): N_("null")}


def json_reason(message: str) -> str:
    """A :class:`json.JSONDecodeError`'s ``msg`` in the chosen language (as written when it is a new one)."""
    known = _JSON_REASONS.get(message)
    return _(known) if known else message


def _json_type(value: Any) -> str:
    kind = _JSON_TYPES.get(type(value))
    return _(kind) if kind else type(value).__name__


#: digits of a JSON number this library reads; no field it writes needs more than a few
MAX_NUMBER_DIGITS = 30


def _constant(name: str) -> Any:
    raise JSONFormatError(_("geen JSON: {name} is geen getal dat JSON toestaat (RFC 8259); schrijf een eindig "
                            "getal").format(name=name))


def _float(text: str) -> float:
    value = float(text)
    if len(text) > MAX_NUMBER_DIGITS * 2 or not math.isfinite(value):
        raise JSONFormatError(_("getal {number} is te groot: schrijf een eindig getal van hoogstens 15 "
                                "significante cijfers").format(number=text[:20] + ("..." if len(text) > 20 else "")))
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise JSONFormatError(_("een heel getal van {digits} cijfers is groter dan dit formaat toestaat "
                                "({most} cijfers)").format(digits=number(len(text.lstrip("-"))),
                                                          most=MAX_NUMBER_DIGITS))
    return int(text)


def _parse(text: str) -> Any:
    """JSON as RFC 8259 has it: no NaN or Infinity, numbers that fit, text that is Unicode."""
    try:
        data = json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise JSONFormatError(_("geen JSON: {reason} (regel {line}, kolom {column})").format(
            reason=json_reason(exc.msg), line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise JSONFormatError(_("geen document dat deze bibliotheek schrijft: te diep genest")) from None
    stack = [(data, "$")]
    while stack:  # iterative: the parser already limited the depth, this must not recurse again
        value, path = stack.pop()
        if isinstance(value, dict):
            for key, inner in value.items():
                _text(key, path)
                stack.append((inner, f"{path}.{key}"))
        elif isinstance(value, list):
            stack.extend((inner, f"{path}[{i}]") for i, inner in enumerate(value))
        elif isinstance(value, str):
            _text(value, path)
    return data


def _text(value: str, path: str) -> None:
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):  # "\\ud800" alone: no character, and no UTF-8 for it
        raise JSONFormatError(shown(_("een tekst bevat een losse surrogaat (\\ud800-\\udfff), en dat is geen "
                                      "teken ({path})").format(path=path[:80])))


def content_hash(obj: Any) -> str:
    """``"sha256:"`` and the digest of a model's canonical JSON (keys sorted, no spaces, UTF-8).

    Numbers are written by value: a whole float as the integer (``2.0`` as ``2``, ``-0.0`` as
    ``0``), so two objects that compare equal hash the same (``weight = 2`` and ``weight = 2.0``
    score alike, and the caches that key on a list by equality rely on it).
    """
    canonical = json.dumps(_by_value(converter.unstructure(obj)), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _by_value(data: Any) -> Any:
    if isinstance(data, float):
        return int(data) if data.is_integer() else data
    if isinstance(data, dict):
        return {key: _by_value(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_by_value(value) for value in data]
    return data


def redacted(obj: Any) -> Any:
    """The object without free texts a professional typed (notes, the judgement's reason, the pseudonym)."""
    if isinstance(obj, InformationPicture):
        observations = tuple(attrs.evolve(o, note="") for o in obj.observations)
        judgement = attrs.evolve(obj.judgement, reason="") if obj.judgement else None
        return attrs.evolve(obj, observations=observations, judgement=judgement, subject="")
    return obj
