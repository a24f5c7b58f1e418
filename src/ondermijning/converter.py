"""The library's one private cattrs converter.

Strict on purpose: unknown keys are errors (a typo must not be silently dropped), and
primitives are not coerced (``name = 5`` or ``weight = true`` is a wrong type, not
``"5"`` or ``1.0``). An object with several invalid values reports all of them, not only
the first one its attrs validators meet.

Structuring takes two passes only when it fails. cattrs writes a function per class, and the
ones that collect every error with its key path (detailed validation) are more than twice
the code, which Python compiles on every start-up. So data is structured first by a plain
twin with the same hooks, which stops at the first error; data it refuses is structured again
in detail, and that pass (built only then) raises the errors a person sees.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterator, Set
from typing import Any

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import configure_converter as configure_json_converter
from cattrs.preconf.json import make_converter as make_json_converter

from .i18n import N_, _


def _strict(kind: type, accepted: tuple[type, ...]) -> Any:
    def structure(value: Any, _type: type) -> Any:
        # bool is an int subclass in Python, but never a number in a pack file
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(_("{expected} verwacht, kreeg true of false").format(expected=type_name(kind)))
        if not isinstance(value, accepted):
            raise TypeError(_("{expected} verwacht, kreeg {got}").format(expected=type_name(kind),
                                                                          got=type_name(type(value))))
        return kind(value)

    return structure


_NAMES = {str: N_("tekst"), int: N_("een heel getal"), float: N_("een getal"), bool: N_("true of false"),
          list: N_("een lijst"), dict: N_("een tabel")}


def type_name(kind: type) -> str:
    """The type as a pack author reads it (``een heel getal``), in the chosen language."""
    return _(_NAMES[kind]) if kind in _NAMES else kind.__name__


def _is_homogenous_tuple(type_: Any) -> bool:
    args: tuple[Any, ...] = getattr(type_, "__args__", ())
    return getattr(type_, "__origin__", None) is tuple and args[1:] == (Ellipsis,)


def _attrs_hook(cl: type, converter: cattrs.Converter) -> Any:
    """cattrs' own hook for an attrs class, reporting *every* value its validators refuse.

    attrs runs the validators in ``__init__`` and stops at the first bad value; a pack author
    should see all of them at once, so on failure the other validated fields are checked too.
    """
    generated: Any = make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True,
                                            _cattrs_detailed_validation=True)
    checked = [a for a in attrs.fields(cl) if a.validator is not None and a.init and a.type is not None]

    def structure(value: Any, type_: Any) -> Any:
        try:
            return generated(value, type_)
        except cattrs.ClassValidationError as exc:
            # errors without a note come from __init__: every field structured, a validator refused one
            _noted, raised_in_init = exc.group_exceptions()
            first = next((e for e in raised_in_init if isinstance(e, ValueError)), None)
            if first is None:
                raise
            others = list(_other_invalid_values(converter, checked, value, skip=getattr(first, "field", None)))
            if not others:
                raise
            raise cattrs.ClassValidationError(exc.message, [*exc.exceptions, *others], cl) from None

    return structure


def _other_invalid_values(converter: cattrs.Converter, checked: list[attrs.Attribute[Any]], value: Any,
                          skip: str | None) -> Iterator[ValueError]:
    for attribute in checked:
        if attribute.name == skip or attribute.alias not in value:
            continue
        try:  # the library's validators look at one value, never at the instance
            field_value = converter.structure(value[attribute.alias], attribute.type)  # type: ignore[arg-type]
            if attribute.converter is not None:
                field_value = attribute.converter(field_value)  # type: ignore[operator]
            attribute.validator(None, attribute, field_value)  # type: ignore[misc]
        except ValueError as exc:
            yield exc
        except Exception:  # noqa: BLE001 - defensive: the first error is reported in any case
            continue


class _TwoPassConverter(JsonConverter):
    """A converter whose :meth:`structure` tries the plain twin first (see the module's docstring)."""

    _plain: cattrs.Converter | None = None

    def structure(self, obj: Any, cl: Any) -> Any:
        if self._plain is None:
            self._plain = _configured(make_json_converter(forbid_extra_keys=True, detailed_validation=False),
                                      detailed=False)
        try:
            return self._plain.structure(obj, cl)
        except Exception:  # noqa: BLE001 - whatever the plain pass refuses, the detailed pass explains
            return super().structure(obj, cl)


def _make() -> cattrs.Converter:
    # as cattrs.preconf.json.make_converter builds its converter, with this class
    converter = _TwoPassConverter(forbid_extra_keys=True,
                                  unstruct_collection_overrides={Set: list, Counter: dict})
    configure_json_converter(converter)
    return _configured(converter, detailed=True)


def _configured(converter: cattrs.Converter, *, detailed: bool) -> cattrs.Converter:
    """``converter`` with the library's hooks; both passes get the same ones, unknown keys refused in both."""

    def sequence_hook(type_: Any) -> Any:
        default = homogenous_tuple_structure_factory(type_, converter)

        def structure(value: Any, _type: Any) -> Any:
            # a lone string would otherwise become a tuple of its characters
            if not isinstance(value, (list, tuple)):
                raise TypeError(_("een lijst verwacht, kreeg {got}").format(got=type_name(type(value))))
            return default(value, _type)

        return structure

    converter.register_structure_hook_factory(_is_homogenous_tuple, sequence_hook)

    def enum_hook(type_: type[enum.Enum]) -> Any:
        def structure(value: Any, _type: Any) -> Any:
            try:
                return type_(value)
            except ValueError:
                allowed = ", ".join(repr(m.value) for m in type_)
                message = _("{value!r} is niet toegestaan; kies uit {allowed}")
                raise ValueError(message.format(value=value, allowed=allowed)) from None

        return structure

    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), enum_hook)

    # once per class: cattrs asks again for every field that holds the class (Source, in dozens of models)
    made: dict[type, Any] = {}

    def attrs_hook(cl: type) -> Any:
        if cl not in made:
            made[cl] = _attrs_hook(cl, converter) if detailed else make_dict_structure_fn(
                cl, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False)
        return made[cl]

    converter.register_structure_hook_factory(attrs.has, attrs_hook)
    converter.register_structure_hook(str, _strict(str, (str,)))
    converter.register_structure_hook(int, _strict(int, (int,)))
    converter.register_structure_hook(float, _strict(float, (int, float)))
    converter.register_structure_hook(bool, _strict(bool, (bool,)))
    return converter


def _reason(exc: BaseException, type_: Any) -> str:
    """What is wrong with one value cattrs refused, as :func:`cattrs.transform_error` asks for it, in the
    chosen language: this converter's own errors already say it; cattrs' own texts are English."""
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        return _("onbekende sleutels: {keys}").format(keys=", ".join(sorted(exc.extra_fields)))
    if isinstance(exc, KeyError):
        return _("verplichte sleutel ontbreekt")
    if isinstance(exc, AttributeError):  # cattrs reads a table with .items(): a text or number has none
        return _("een tabel verwacht")
    if isinstance(exc, (TypeError, ValueError)) and str(exc):  # this converter's hooks and the models' checks
        return str(exc)
    name = type_name(type_) if isinstance(type_, type) else getattr(type_, "__name__", repr(type_))
    return _("ongeldige waarde: {expected} verwacht").format(expected=name)


def error_lines(exc: BaseException) -> list[str]:
    """Every value a structuring error refused, one text each: ``what is wrong @ $.key.path``."""
    return cattrs.transform_error(exc, path="$", format_exception=_reason)


#: private: used by the loader (TOML data) and by JSON export/import
converter = _make()
