"""Argument conversion for models built in code: an enum's code becomes the enum, at once.

``Observation(kind="interpretation")`` or ``Judgement(level="high")`` gives the enum member;
``Judgement(level="hoog")`` or ``Judgement(level=2)`` raises a :class:`ValueError` or
:class:`TypeError` that names the allowed codes, when the object is made, not later in
``to_json``. Loading TOML or JSON goes through the cattrs converter first, which already
makes enums of the codes and reports a wrong one with its key path; these converters then
see the enum and pass it through.
"""

# no ``from __future__ import annotations`` here: attrs copies these converters' annotations into the
# __init__ of the models that use them, and there they must be objects, not strings that only resolve here
import datetime
import enum
from collections.abc import Iterable
from typing import Any, TypeVar

from ..i18n import _
from .common import ConcernLevel

E = TypeVar("E", bound=enum.Enum)


def as_enum(cls: type[E], value: Any) -> E:
    """``value`` as a member of ``cls``: the member itself, or its code (``"high"``)."""
    if isinstance(value, cls):
        return value
    allowed = ", ".join(repr(member.value) for member in cls)
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            raise ValueError(_("{value!r} is geen {kind}: gebruik een van {allowed}").format(
                value=value, kind=cls.__name__, allowed=allowed)) from None
    raise TypeError(_("{kind} verwacht, kreeg {type}: gebruik een van {allowed}").format(
        kind=cls.__name__, type=type(value).__name__, allowed=allowed))


def as_enums(cls: type[E], values: Iterable[Any]) -> tuple[E, ...]:
    """A tuple of members of ``cls`` from members or codes (a lone string is refused, not split)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(_("een lijst van {kind} verwacht, kreeg {type}").format(
            kind=cls.__name__, type=type(values).__name__))
    return tuple(as_enum(cls, value) for value in values)


def to_level(value: ConcernLevel | str) -> ConcernLevel:
    """attrs converter: a :class:`ConcernLevel` from the level or its code."""
    if type(value) is ConcernLevel:  # what assess() passes, in every picture and watch entry
        return value
    return as_enum(ConcernLevel, value)


def to_levels(values: Iterable[ConcernLevel | str]) -> tuple[ConcernLevel, ...]:
    """attrs converter: a tuple of :class:`ConcernLevel` from levels or codes."""
    return as_enums(ConcernLevel, values)


def to_date(value: datetime.date | str | None) -> datetime.date | None:
    """attrs converter: a date, an ISO date text (``"2026-03-01"``) or None."""
    if value is None or type(value) is datetime.date:
        return value
    if isinstance(value, datetime.datetime):
        raise TypeError(_("een datum verwacht, kreeg een datum met tijd: gebruik {value}.date()").format(
            value=repr(value)))
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(_("{value!r} is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01").format(
                value=value)) from None
    raise TypeError(_("een datum verwacht, kreeg {type}").format(type=type(value).__name__))
