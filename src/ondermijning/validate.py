"""Cross-object validation: rules with stable codes, run over a whole catalog.

Load problems (``L…``), catalog problems (``C…``) and plugin problems (``P…``) are found
while loading; the rules here (``V…``) check what only the merged catalog can show.
Plugins add rules through the ``ondermijning_validation_rules`` hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .errors import Problem, Severity
from .models import ConcernLevel, SignalList
from .models.common import REF
from .planner import trajectory_rules

if TYPE_CHECKING:
    from .catalog import Catalog


@attrs.frozen
class Rule:
    """One validation rule: a stable ``code``, what it checks, why, and the check itself."""

    code: str
    summary: str
    check: Callable[[Catalog], Iterable[Problem]] = attrs.field(eq=False)
    severity: Severity = Severity.ERROR
    why: str = ""


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
            problems.append(Problem("P006", f"validation rule {rule.code} raised {exc!r}",
                                    hint="fix or disable the plugin that provides it"))
    selected, ignored = tuple(select), tuple(ignore)
    problems.sort(key=lambda p: (p.file, p.line or 0, p.code))
    return [p for p in problems
            if (not selected or p.code.startswith(selected)) and not (ignored and p.code.startswith(ignored))]


def _at(catalog: Catalog, item_id: str, code: str, message: str, *, hint: str = "",
        severity: Severity = Severity.ERROR, field: str = "") -> Problem:
    where = catalog.locate(item_id, field)
    return Problem(code, message, file=where.file if where else "", line=where.line if where else None,
                   path=where.path if where else "", hint=hint, severity=severity)


def _references(obj: Any) -> Iterator[tuple[str, str, str]]:
    """(field name, family, referenced id) for every reference in obj and its nested parts."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if REF in field.metadata:
            for ref in value if isinstance(value, tuple) else (value,):
                yield field.name, field.metadata[REF], ref
        elif isinstance(value, tuple):
            for part in value:
                if attrs.has(type(part)):
                    yield from _references(part)
        elif attrs.has(type(value)):
            yield from _references(value)


def check_references(catalog: Catalog) -> Iterator[Problem]:
    import difflib

    for family in ("themes", "frameworks", "signal_lists", "extensions", "routes", "dilemma_cards",
                   "guides", "cases", "workshops", "trajectories"):
        for item_id, item in catalog.family(family).items():
            for field, target_family, ref in _references(item):
                known = catalog.family(target_family)
                if not ref or ref in known:  # an empty optional reference is fine
                    continue
                close = difflib.get_close_matches(ref, list(known), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"no {target_family} with that id is loaded"
                yield _at(catalog, item_id, "V001", f"{field} of {item_id!r} points to unknown "
                          f"{target_family.rstrip('s').replace('_', ' ')} {ref!r}", hint=hint, field=field)


def _lists(catalog: Catalog) -> Iterator[SignalList]:
    yield from catalog.signal_lists.values()


def check_signal_categories(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        categories = {c.id for c in sl.categories}
        for signal in sl.signals:
            if signal.category not in categories:
                yield _at(catalog, signal.id, "V002", f"signal {signal.id!r} names category "
                          f"{signal.category!r}, which list {sl.id!r} does not have", field="category",
                          hint=f"use one of: {', '.join(sorted(categories))}")


def check_red_flags(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        red = set(sl.red_flag_themes)
        for signal in sl.signals:
            if signal.red_flag and not red.intersection(signal.themes):
                yield _at(catalog, signal.id, "V003", f"red-flag signal {signal.id!r} has none of the "
                          f"red-flag themes of list {sl.id!r}", field="themes",
                          hint=f"add one of {', '.join(sorted(red)) or '(the list has none)'} to its themes")


def check_thresholds(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        t = sl.scoring.thresholds
        if not 0 < t.moderate < t.high:
            yield _at(catalog, sl.id, "V004", f"thresholds of {sl.id!r} are not ordered: "
                      f"0 < moderate ({t.moderate}) < high ({t.high}) does not hold",
                      field="scoring.thresholds", hint="make moderate smaller than high, both above 0")
            continue
        reachable = sum(s.weight for s in sl.signals) + sum(step.bonus for step in sl.scoring.combination)
        if reachable < t.high:
            yield _at(catalog, sl.id, "V005", f"threshold high ({t.high}) of {sl.id!r} cannot be reached by "
                      f"its score alone: all signals together score {reachable}",
                      field="scoring.thresholds", severity=Severity.WARNING,
                      hint="lower the threshold or add signals; only red flags can now give hoog")


def check_routes_per_level(catalog: Catalog) -> Iterator[Problem]:
    if not catalog.signal_lists:
        return
    for level in ConcernLevel:
        if not any(level in route.levels for route in catalog.routes.values()):
            yield Problem("V006", f"no route fits concern level {level.value!r} ({level.label})",
                          severity=Severity.WARNING,
                          hint="add a route with this level, so a picture at this level says whom to call")


def check_texts(catalog: Catalog) -> Iterator[Problem]:
    for family in ("themes", "frameworks", "signal_lists", "routes", "dilemma_cards", "guides", "cases",
                   "workshops", "trajectories"):
        for item_id, item in catalog.family(family).items():
            for name in _blank_required_texts(item):
                yield _at(catalog, item_id, "V007", f"{name} of {item_id!r} is empty", field=name,
                          hint="write the text, or remove the item")


def _blank_required_texts(obj: Any, prefix: str = "") -> Iterator[str]:
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if isinstance(value, str) and field.default is attrs.NOTHING and not value.strip():
            yield prefix + field.name
        elif attrs.has(type(value)):
            yield from _blank_required_texts(value, f"{prefix}{field.name}.")


BUILTIN_RULES: tuple[Rule, ...] = (
    Rule("V001", "references resolve", check_references,
         why="a dangling reference shows nothing where a professional expects guidance"),
    Rule("V002", "signals belong to a category of their list", check_signal_categories),
    Rule("V003", "red-flag signals carry a red-flag theme of their list", check_red_flags,
         why="the explanation names the theme that forced hoog"),
    Rule("V004", "thresholds are ordered and reachable", check_thresholds),
    Rule("V006", "every concern level has a route", check_routes_per_level, severity=Severity.WARNING),
    Rule("V007", "required texts are not empty", check_texts),
    *trajectory_rules(),  # T001–T007: trajectories follow the handreiking (planner.py)
)
