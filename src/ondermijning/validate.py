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
from .models import ConcernLevel, Example, SignalList, pack_of
from .models.common import ID, REF, qualify

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


def _references(obj: Any, owner: str, prefix: str = "") -> Iterator[tuple[str, str, str, str, str]]:
    """(owner id, key path, field name, family, referenced id) for every reference in obj and its parts.

    The owner is the nearest item with its own id (a signal inside a list is its own owner, so
    a reference in it is located at the signal, wherever its list or extension is written);
    the key path leads from the owner to the reference (``phases[0].sessions[1].module``).
    Golden examples are left out: :func:`_example_references` checks them against their list.
    """
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        key = prefix + field.name
        if REF in field.metadata:
            for ref in value if isinstance(value, tuple) else (value,):
                yield owner, key, field.name, field.metadata[REF], ref
        elif isinstance(value, tuple):
            for index, part in enumerate(value):
                if attrs.has(type(part)) and not isinstance(part, Example):
                    yield from _references(part, *_owner(part, owner, f"{key}[{index}]."))
        elif attrs.has(type(value)):
            yield from _references(value, owner, key + ".")


def _owner(part: Any, owner: str, prefix: str) -> tuple[str, str]:
    """A nested part with its own id owns its references; any other part stays with its owner."""
    if any(ID in field.metadata for field in attrs.fields(type(part))):
        return part.id, ""
    return owner, prefix


def _did_you_mean(ref: str, known: Iterable[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(ref, list(known), n=1)
    return close[0] if close else None


def check_references(catalog: Catalog) -> Iterator[Problem]:
    seen: set[Problem] = set()  # an extension's signal is walked in its extension and in the merged list
    for family in ("themes", "frameworks", "signal_lists", "extensions", "routes", "dilemma_cards",
                   "guides", "cases", "workshops", "trajectories"):
        for item_id, item in catalog.family(family).items():
            for owner, key, field, target_family, ref in _references(item, item_id):
                known = catalog.family(target_family)
                if not ref or ref in known:  # an empty optional reference is fine
                    continue
                noun = target_family.rstrip("s").replace("_", " ")
                close = _did_you_mean(ref, known)
                hint = f"did you mean {close!r}?" if close else f"no {noun} with that id is loaded"
                problem = _at(catalog, owner, "V001", f"{field} of {owner!r} points to unknown {noun} {ref!r}",
                              hint=hint, field=key)
                if problem not in seen:
                    seen.add(problem)
                    yield problem
    for sl in _lists(catalog):
        yield from _example_references(catalog, sl)


def unknown_example_signals(sl: SignalList, example: Example) -> list[str]:
    """The signals an example names that its list does not have (qualified ids)."""
    pack = pack_of(sl.id)
    known = {s.id for s in sl.signals}
    return [qualify(ref, pack) for ref in example.signals if qualify(ref, pack) not in known]


def unknown_signal_message(sl: SignalList, number: int, ref: str, catalog: Catalog | None) -> tuple[str, str]:
    """Message and hint for a signal that example ``number`` (from 1) names and its list does not have."""
    message = f"example {number} of {sl.id!r} names unknown signal {ref!r}"
    own = {s.id.partition("/")[2]: s.id for s in sl.signals}
    close = _did_you_mean(ref.partition("/")[2], own)
    if close is not None:
        return message, f"did you mean {own[close]!r}?"
    other = next((other.id for other in catalog.signal_lists.values() if other is not sl
                  and any(s.id == ref for s in other.signals)), None) if catalog is not None else None
    if other is not None:
        return message, f"{ref!r} is a signal of list {other!r}; an example names signals of its own list"
    return message, f"list {sl.id!r} has no signal with that id"


def _example_references(catalog: Catalog, sl: SignalList) -> Iterator[Problem]:
    for index, example in enumerate(sl.examples):
        for ref in unknown_example_signals(sl, example):
            message, hint = unknown_signal_message(sl, index + 1, ref, catalog)
            yield _at(catalog, sl.id, "V001", message, hint=hint, field=f"examples[{index}].signals")


def example_mismatch(sl: SignalList, number: int, example: Example, catalog: Catalog | None = None) -> str | None:
    """Why golden example ``number`` (from 1) of a list does not give its expected level; None when it does.

    The example is assessed as :func:`~ondermijning.assessment.assess` would, with the
    catalog's scoring rules for the list. Its signals must all belong to the list.
    """
    from . import assessment

    fmt = assessment.number
    picture = assessment.assess(sl, example.signals, catalog=catalog)
    if picture.level is example.expected:
        return None
    t = sl.scoring.thresholds
    why = [f"score {fmt(picture.score)}"]
    if picture.red_flags:
        why.append("red flag " + ", ".join(repr(r.signal) for r in picture.red_flags))
    why.append(f"matig from {fmt(t.moderate)}, hoog from {fmt(t.high)}")
    name = f" ({example.description!r})" if example.description else ""
    return (f"example {number}{name} of {sl.id!r} gives {picture.level.value}, expected {example.expected.value} "
            f"({'; '.join(why)})")


def _thresholds_ordered(sl: SignalList) -> bool:
    t = sl.scoring.thresholds
    return 0 < t.moderate < t.high


def _example_levels(catalog: Catalog, sl: SignalList) -> Iterator[Problem]:
    if not _thresholds_ordered(sl):
        return  # V004 reports the thresholds; no example can be judged by them
    for index, example in enumerate(sl.examples):
        if unknown_example_signals(sl, example):
            continue  # V001 reports the unknown signals
        message = example_mismatch(sl, index + 1, example, catalog)
        if message is not None:
            yield _at(catalog, sl.id, "V008", message, field=f"examples[{index}]",
                      hint="fix the example's expected level, or the weights and thresholds that score it")


def example_problems(catalog: Catalog, sl: SignalList) -> list[Problem]:
    """Every problem of a list's golden examples, located: unknown signals (V001), wrong levels (V008)."""
    return [*_example_references(catalog, sl), *_example_levels(catalog, sl)]


def check_examples(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        yield from _example_levels(catalog, sl)


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
        if not _thresholds_ordered(sl):
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


#: T001–T007: trajectories follow the handreiking; warnings, since they are advice (checks in planner.py)
TRAJECTORY_RULES: tuple[tuple[str, str], ...] = (
    ("T001", "every workshop in a trajectory is followed by process guidance"),
    ("T002", "groups fit the module's group size (werkplaats 5–6)"),
    ("T003", "case sessions have 4–5 participants (the guide's range)"),
    ("T004", "case sessions have a moderator and an observer"),
    ("T005", "case sessions discuss at most the guide's number of cases"),
    ("T006", "meetings of the same process guidance are at least two weeks apart"),
    ("T007", "dilemma-card sessions come after an awareness workshop"),
)


def _trajectory_rule(code: str) -> Callable[[Catalog], Iterator[Problem]]:
    def check(catalog: Catalog) -> Iterator[Problem]:
        # the planner is a large module: import it when a trajectory is checked, not with every catalog
        from .planner import locate, validate_trajectory

        for trajectory_id in sorted(catalog.trajectories):
            for problem in validate_trajectory(catalog.trajectories[trajectory_id], catalog):
                if problem.code == code:
                    yield locate(attrs.evolve(problem, message=f"{trajectory_id}: {problem.message}"),
                                 catalog, trajectory_id)

    return check


BUILTIN_RULES: tuple[Rule, ...] = (
    Rule("V001", "references resolve", check_references,
         why="a dangling reference shows nothing where a professional expects guidance"),
    Rule("V002", "signals belong to a category of their list", check_signal_categories),
    Rule("V003", "red-flag signals carry a red-flag theme of their list", check_red_flags,
         why="the explanation names the theme that forced hoog"),
    Rule("V004", "thresholds are ordered and reachable", check_thresholds),
    Rule("V006", "every concern level has a route", check_routes_per_level, severity=Severity.WARNING),
    Rule("V007", "required texts are not empty", check_texts),
    Rule("V008", "golden examples give the level they expect", check_examples,
         why="an example that fails shows the weights or thresholds no longer say what the authors meant"),
    *(Rule(code, summary, _trajectory_rule(code), severity=Severity.WARNING) for code, summary in TRAJECTORY_RULES),
)
