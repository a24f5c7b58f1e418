"""The library's one private cattrs converter.

Strict on purpose: unknown keys are errors (a typo must not be silently dropped), and
primitives are not coerced (``name = 5`` or ``weight = true`` is a wrong type, not
``"5"`` or ``1.0``).
"""

from __future__ import annotations

import enum
from typing import Any

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.preconf.json import make_converter as make_json_converter


def _strict(kind: type, accepted: tuple[type, ...]) -> Any:
    def structure(value: Any, _type: type) -> Any:
        # bool is an int subclass in Python, but never a number in a pack file
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(f"expected {_type_name(kind)}, got a boolean")
        if not isinstance(value, accepted):
            raise TypeError(f"expected {_type_name(kind)}, got {_type_name(type(value))}")
        return kind(value)

    return structure


_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
          list: "a list", dict: "a table"}


def _type_name(kind: type) -> str:
    return _NAMES.get(kind, kind.__name__)


def _is_homogenous_tuple(type_: Any) -> bool:
    args: tuple[Any, ...] = getattr(type_, "__args__", ())
    return getattr(type_, "__origin__", None) is tuple and args[1:] == (Ellipsis,)


def _make() -> cattrs.Converter:
    converter = make_json_converter(forbid_extra_keys=True)

    def sequence_hook(type_: Any) -> Any:
        default = homogenous_tuple_structure_factory(type_, converter)

        def structure(value: Any, _type: Any) -> Any:
            # a lone string would otherwise become a tuple of its characters
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {_type_name(type(value))}")
            return default(value, _type)

        return structure

    converter.register_structure_hook_factory(_is_homogenous_tuple, sequence_hook)

    def enum_hook(type_: type[enum.Enum]) -> Any:
        def structure(value: Any, _type: Any) -> Any:
            try:
                return type_(value)
            except ValueError:
                allowed = ", ".join(repr(m.value) for m in type_)
                raise ValueError(f"{value!r} is not one of {allowed}") from None

        return structure

    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), enum_hook)
    converter.register_structure_hook(str, _strict(str, (str,)))
    converter.register_structure_hook(int, _strict(int, (int,)))
    converter.register_structure_hook(float, _strict(float, (int, float)))
    converter.register_structure_hook(bool, _strict(bool, (bool,)))
    return converter


#: private: used by the loader (TOML data) and by JSON export/import
converter = _make()
