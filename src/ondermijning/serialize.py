"""Stable, versioned JSON for pictures (and any other model).

The document is the model's fields plus two keys: ``"kind"`` (e.g. ``"information_picture"``)
and ``"format_version"``. Reading checks both, forbids unknown keys and reports problems in
one line with the key path. ``redact=True`` leaves out every free text a professional typed
(observation notes, the judgement's reason) and the pseudonym.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, TypeVar

import attrs
import cattrs

from .converter import converter
from .errors import OndermijningError
from .models.picture import PICTURE_FORMAT_VERSION, InformationPicture

T = TypeVar("T")

#: per class: the format version of its JSON form
FORMAT_VERSIONS: dict[type, int] = {InformationPicture: PICTURE_FORMAT_VERSION}
#: per class: older format versions that are still read (their missing keys take their defaults)
READABLE_VERSIONS: dict[type, tuple[int, ...]] = {InformationPicture: (1,)}


class JSONFormatError(OndermijningError, ValueError):
    """A JSON document that is not a valid document of the expected kind."""


def kind_of(cls: type) -> str:
    """``InformationPicture`` -> ``"information_picture"``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def to_data(obj: Any, *, redact: bool = False) -> dict[str, Any]:
    """The plain-data form of a model, with ``kind`` and ``format_version`` first."""
    if redact:
        obj = redacted(obj)
    data: dict[str, Any] = converter.unstructure(obj)
    return {"kind": kind_of(type(obj)), "format_version": FORMAT_VERSIONS.get(type(obj), 1), **data}


def to_json(obj: Any, *, redact: bool = False, indent: int | None = 2) -> str:
    """A model as JSON text (UTF-8 characters kept, keys in field order)."""
    return json.dumps(to_data(obj, redact=redact), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Read a model of class ``cls`` from JSON made by :func:`to_json`.

    Raises :class:`JSONFormatError` with one line saying what is wrong and where.
    """
    if isinstance(text, bytes):  # JSON between systems is UTF-8 (RFC 8259); json.loads would guess
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONFormatError(f"not UTF-8 text: byte {exc.start} cannot be decoded; "
                                  "save the file as UTF-8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONFormatError(f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise JSONFormatError("not a document this library writes: nested too deeply") from None
    if not isinstance(data, dict):
        raise JSONFormatError(f"expected a JSON object, got {type(data).__name__}")
    expected_kind, expected_version = kind_of(cls), FORMAT_VERSIONS.get(cls, 1)
    kind, version = data.pop("kind", None), data.pop("format_version", None)
    if kind != expected_kind:
        raise JSONFormatError(f"expected kind {expected_kind!r}, got {kind!r} ($.kind)")
    if version != expected_version and not (type(version) is int and version in READABLE_VERSIONS.get(cls, ())):
        raise JSONFormatError(f"format_version {version!r} is not supported; this version of ondermijning reads "
                              f"{expected_version} ($.format_version)")
    try:
        return converter.structure(data, cls)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        messages = cattrs.transform_error(exc, path="$")
        raise JSONFormatError("; ".join(messages)) from None
    except (TypeError, ValueError) as exc:
        raise JSONFormatError(str(exc)) from None


def content_hash(obj: Any) -> str:
    """``"sha256:"`` and the digest of a model's canonical JSON (keys sorted, no spaces, UTF-8)."""
    canonical = json.dumps(converter.unstructure(obj), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def redacted(obj: Any) -> Any:
    """The object without free texts a professional typed (notes, the judgement's reason, the pseudonym)."""
    if isinstance(obj, InformationPicture):
        observations = tuple(attrs.evolve(o, note="") for o in obj.observations)
        judgement = attrs.evolve(obj.judgement, reason="") if obj.judgement else None
        return attrs.evolve(obj, observations=observations, judgement=judgement, subject="")
    return obj
