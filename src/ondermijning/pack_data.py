"""Pack data (parsed TOML) -> model objects, without building the converter for data that is right.

:data:`ondermijning.converter.converter` writes and compiles a function per model class and
needs cattrs imported: about a tenth of a command's start-up. Most pack data is right, and for
right data structuring is plain: a table becomes the class of its field's type, a text stays a
text, a list becomes a tuple. :func:`structure` does that from a table per class, built once.
Whatever it does not take as it is (a wrong type, an unknown or missing key, a value a
validator refuses, a type it does not know) goes to the converter, which gives the same result
for what it accepts and raises its errors, with their key paths, for what it refuses. So for
every value the result is the converter's, or its error (``tests/test_pack_data.py`` shows it).

The rules are the converter's (see :mod:`ondermijning.converter`): unknown keys are refused;
``str``, ``int``, ``float`` and ``bool`` are not coerced (a boolean is no number, a whole
number is a float's value); a tuple is written as a list, never as a text.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from .model_base import resolve_types

T = TypeVar("T")

_Structure = Callable[[Any], Any]


class _NotPlain(Exception):
    """The value is not plain data of its type: the converter decides (and explains)."""


def structure(value: Any, cls: type[T]) -> T:
    """``value`` as ``cls``: what ``converter.structure(value, cls)`` gives, or the error it raises."""
    try:
        return _of(cls)(value)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - whatever it is, the converter gives the answer and the reasons
        from .converter import converter

        return converter.structure(value, cls)


_MADE: dict[Any, _Structure] = {}


def _of(type_: Any) -> _Structure:
    """The plain structuring function of a type, made once (a class's fields are looked up on first use)."""
    made = _MADE.get(type_)
    if made is None:
        made = _MADE[type_] = _make(type_)
    return made


def _make(type_: Any) -> _Structure:
    if type_ is str:
        return _text
    if type_ is bool:
        return _bool
    if type_ is int:
        return _int
    if type_ is float:
        return _float
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return type_  # the converter's hook calls the enum with the code
    if isinstance(type_, type) and attrs.has(type_):
        return _model(type_)
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_of(args[0])
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _optional(next(a for a in args if a is not type(None)))
    if origin in (dict, Mapping) and len(args) == 2:
        return _mapping(args[0], args[1])
    return _converter_only


def _converter_only(_value: Any) -> Any:
    raise _NotPlain  # a type pack data does not use: the converter knows it


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _NotPlain
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _NotPlain
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _NotPlain
    return value


def _float(value: Any) -> float:
    kind = type(value)
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is not int:
        raise _NotPlain
    return float(value)


def _tuple_of(element: Any) -> _Structure:
    def structure(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _NotPlain
        of = _of(element)
        return tuple([of(part) for part in value])

    return structure


def _optional(inner: Any) -> _Structure:
    def structure(value: Any) -> Any:
        return None if value is None else _of(inner)(value)

    return structure


def _mapping(key: Any, item: Any) -> _Structure:
    def structure(value: Any) -> dict[Any, Any]:
        if type(value) is not dict:
            raise _NotPlain
        of_key, of_item = _of(key), _of(item)
        return {of_key(k): of_item(v) for k, v in value.items()}

    return structure


def _model(cls: type) -> _Structure:
    plan: list[tuple[str, str, _Structure]] | None = None  # key, argument, how its value is structured

    def structure(value: Any) -> Any:
        nonlocal plan
        if plan is None:  # on first use: the field types are strings (__future__ annotations) until resolved
            resolve_types(cls)
            plan = [(f.name, f.alias, _of(f.type)) for f in attrs.fields(cls) if f.init]
        if type(value) is not dict or len(value) > len(plan):
            raise _NotPlain
        kwargs = {}
        found = 0
        for key, alias, of in plan:
            if key in value:
                kwargs[alias] = of(value[key])
                found += 1
        if found != len(value):
            raise _NotPlain  # an unknown key
        return cls(**kwargs)  # a missing key or a refused value raises here

    return structure
