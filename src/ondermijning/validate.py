"""Validation of a whole catalog: :func:`validate_catalog`, and the rules every family shares.

Load problems (``L…``), catalog problems (``C…``) and plugin problems (``P…``) are found
while loading; rules (``V…``, ``T…``, and any a plugin adds through
``ondermijning_validation_rules``) check what only the merged catalog can show. The rules
here apply to every family: references resolve (V001), every level has a route (V006),
required texts are written (V007). Each family's own rules live with it: signal lists in
:mod:`ondermijning.signal_rules`, trajectories in :mod:`ondermijning.planner.checks`; the
core plugin (:mod:`ondermijning.plugins.core`) contributes them all.
"""

from __future__ import annotations

import contextlib
import enum
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from .catalog import Catalog, Rule
from .errors import Problem, Severity
from .i18n import N_, _
from .model_base import is_attrs_class, resolve_types
from .models import FAMILIES, ConcernLevel, Example
from .models.common import ID, REF, pack_of
from .suggest import Suggestions


def validate_catalog(catalog: Catalog, *, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Problem]:
    """All problems of a catalog: those found while loading, then every rule's findings.

    ``select`` keeps only problems whose code starts with one of the given prefixes,
    ``ignore`` drops them.
    """
    problems = list(catalog.problems)
    for rule in catalog.rules:
        try:
            problems.extend(rule.check(catalog))
        except Exception as exc:  # noqa: BLE001 - a broken rule must not hide the other findings
            problems.append(Problem("P006", _("validatieregel {code} gaf een fout: {error!r}").format(
                code=rule.code, error=exc), hint=_("herstel de plugin die de regel levert, of zet hem uit")))
    selected, ignored = tuple(select), tuple(ignore)
    problems = list(dict.fromkeys(problems))  # an invalid list's problems are also in catalog.problems
    problems.sort(key=lambda p: (p.file, p.line or 0, p.code))
    return [p for p in problems
            if (not selected or p.code.startswith(selected)) and not (ignored and p.code.startswith(ignored))]


def walk_fields(obj: Any, owner: str, prefix: str = "", *, skip: tuple[type, ...] = (),
                only: Callable[[attrs.Attribute[Any]], bool] | None = None,
                ) -> Iterator[tuple[str, str, attrs.Attribute[Any], Any]]:
    """(owner id, key path, field, value) for every field of obj and of its nested parts.

    The owner is the nearest item with its own id (a signal inside a list is its own owner, so
    a problem in it is located at the signal, wherever its list or extension is written);
    the key path leads from the owner to the field (``phases[0].sessions[1].module``). Parts of
    the classes in ``skip`` are not entered. With ``only`` (a function of a field, the same one
    each time: plans are kept per function), only the fields it accepts are given, and only the
    parts whose types can hold such a field are entered.
    """
    for field, wanted, inside in _plan(type(obj), only, skip):
        value = getattr(obj, field.name)
        key = prefix + field.name
        if wanted:
            yield owner, key, field, value
        if not inside:
            continue
        if isinstance(value, tuple):
            for index, part in enumerate(value):
                if is_attrs_class(type(part)) and not isinstance(part, skip):
                    yield from walk_fields(part, *_owner(part, owner, f"{key}[{index}]."), skip=skip, only=only)
        elif is_attrs_class(type(value)):
            yield from walk_fields(value, owner, key + ".", skip=skip, only=only)


_Plan = tuple[tuple["attrs.Attribute[Any]", bool, bool], ...]
#: (class, only, skip) -> each field to read: whether it is given, whether its value is entered
_PLANS: dict[tuple[type, Any, tuple[type, ...]], _Plan] = {}


def _plan(cls: type, only: Callable[[attrs.Attribute[Any]], bool] | None, skip: tuple[type, ...]) -> _Plan:
    key = (cls, only, skip)
    plan = _PLANS.get(key)
    if plan is None:
        if only is None:
            plan = tuple((field, True, True) for field in attrs.fields(cls))
        else:
            _PLANS[key] = tuple((field, True, True) for field in attrs.fields(cls))  # while it is made (cycles)
            plan = tuple((field, wanted, inside) for field in _resolved_fields(cls)
                         for wanted, inside in [(only(field), _may_hold(field.type, only, skip))]
                         if wanted or inside)
        _PLANS[key] = plan
    return plan


def _resolved_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    with contextlib.suppress(Exception):  # a type that does not resolve stays a string: entered whatever it holds
        resolve_types(cls)
    return tuple(attrs.fields(cls))


def _may_hold(type_: Any, only: Callable[[attrs.Attribute[Any]], bool], skip: tuple[type, ...]) -> bool:
    """Whether a value of this annotation can hold a part with a field ``only`` accepts (when unsure: yes)."""
    if type_ is None or isinstance(type_, str):
        return True  # not resolved: look at the value
    if type_ in (str, int, float, bool, type(None)) or (isinstance(type_, type) and issubclass(type_, enum.Enum)):
        return False
    if isinstance(type_, type) and attrs.has(type_):
        return not issubclass(type_, skip) and bool(_plan(type_, only, skip))
    args = typing.get_args(type_)
    if typing.get_origin(type_) in (tuple, typing.Union, types.UnionType) and args:
        return any(_may_hold(arg, only, skip) for arg in args if arg is not Ellipsis)
    return True


def _references(obj: Any, owner: str) -> Iterator[tuple[str, str, str, str, str]]:
    """(owner id, key path, field name, family, referenced id) for every reference in obj and its parts.

    Golden examples are left out: :mod:`ondermijning.signal_rules` checks them against their list.
    """
    for owner_id, key, field, value in walk_fields(obj, owner, skip=(Example,), only=is_reference):
        for ref in value if isinstance(value, tuple) else (value,):
            yield owner_id, key, field.name, field.metadata[REF], ref


def is_reference(field: attrs.Attribute[Any]) -> bool:
    """Whether a field holds references (for :func:`walk_fields`' ``only``)."""
    return REF in field.metadata


def _owner(part: Any, owner: str, prefix: str) -> tuple[str, str]:
    """A nested part with its own id owns its references; any other part stays with its owner."""
    cls = type(part)
    own = _OWNS.get(cls)
    if own is None:
        own = _OWNS[cls] = any(ID in field.metadata for field in attrs.fields(cls))
    return (part.id, "") if own else (owner, prefix)


_OWNS: dict[type, bool] = {}


def did_you_mean(ref: str, known: Iterable[str] | Suggestions) -> str | None:
    """The known id closest to ``ref``, if any is close enough.

    Give a :class:`~ondermijning.suggest.Suggestions` index when asking for many references
    against the same ids: it bounds the work (see :mod:`ondermijning.suggest`).
    """
    close = (known if isinstance(known, Suggestions) else Suggestions(known, searches=1)).close(ref)
    return close[0] if close else None


_NOUNS = {
    "packs": N_("pack"), "publications": N_("publicatie"), "themes": N_("thema"), "frameworks": N_("kader"),
    "signal_lists": N_("signalenlijst"), "extensions": N_("uitbreiding"), "roles": N_("rol"),
    "routes": N_("route"), "dilemma_cards": N_("dilemmakaart"), "guides": N_("gespreksleidraad"),
    "cases": N_("casus"), "workshops": N_("workshop"), "trajectories": N_("traject"),
    "explorations": N_("verkenning"), "processing": N_("verwerkingsbeleid"), "signals": N_("signaal"),
}


def family_noun(family: str) -> str:
    """One item of a family, as a person calls it (``routes`` -> ``route``), in the chosen language."""
    return _(_NOUNS[family]) if family in _NOUNS else family


def check_references(catalog: Catalog) -> Iterator[Problem]:
    seen: set[Problem] = set()  # an extension's signal is walked in its extension and in the merged list
    suggestions: dict[str, Suggestions] = {}  # one bounded index per family, made when a reference dangles
    for family in FAMILIES:
        for item_id, item in catalog.family(family).items():
            for owner, key, field, target_family, ref in _references(item, item_id):
                known = catalog.family(target_family)
                if not ref or ref in known or ref in catalog.not_loaded:
                    continue  # empty (optional), found, or written but not loaded (its own problem says why)
                noun = family_noun(target_family)
                if target_family not in suggestions:
                    suggestions[target_family] = Suggestions(known)
                close = did_you_mean(ref, suggestions[target_family])
                unread = catalog.unread_files.get(pack_of(ref), ())
                if unread:
                    hint = _("het item staat misschien in {files}, dat niet gelezen kon worden").format(
                        files=", ".join(unread))
                elif close:
                    hint = _("bedoel je {id!r}?").format(id=close)
                else:
                    hint = _("er is geen {noun} met die id geladen").format(noun=noun)
                problem = catalog.problem_at(owner, "V001", _("{field} van {owner!r}: onbekende verwijzing naar "
                                                              "{noun} {ref!r}").format(field=field, owner=owner,
                                                                                       noun=noun, ref=ref),
                                             hint=hint, field=key)
                if problem not in seen:
                    seen.add(problem)
                    yield problem


def check_routes_per_level(catalog: Catalog) -> Iterator[Problem]:
    if not catalog.signal_lists or catalog.not_loaded or catalog.unread_files:
        return  # no lists; or a route that did not load may be the one that fits (its own problem says why)
    for level in ConcernLevel:
        if not any(level in route.levels for route in catalog.routes.values()):
            yield Problem("V006", _("geen route past bij zorgniveau {level!r} ({label})").format(
                level=level.value, label=level.label), severity=Severity.WARNING,
                hint=_("voeg een route toe met dit niveau, zodat een beeld op dit niveau zegt wie je belt"))


def check_texts(catalog: Catalog) -> Iterator[Problem]:
    for family in (f for f in FAMILIES if f != "extensions"):
        for item_id, item in catalog.family(family).items():
            for name in _blank_required_texts(item):
                yield catalog.problem_at(item_id, "V007", _("{field} van {id!r} is leeg").format(
                    field=name, id=item_id), field=name, hint=_("schrijf de tekst, of haal het item weg"))


def _blank_required_texts(obj: Any, prefix: str = "") -> Iterator[str]:
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if isinstance(value, str) and field.default is attrs.NOTHING and not value.strip():
            yield prefix + field.name
        elif is_attrs_class(type(value)):
            yield from _blank_required_texts(value, f"{prefix}{field.name}.")


GENERIC_RULES: tuple[Rule, ...] = (
    Rule("V001", N_("verwijzingen bestaan"), check_references,
         why=N_("een verwijzing die nergens heen gaat toont niets waar een professional houvast verwacht")),
    Rule("V006", N_("elk zorgniveau heeft een route"), check_routes_per_level, severity=Severity.WARNING),
    Rule("V007", N_("verplichte teksten zijn niet leeg"), check_texts),
)
