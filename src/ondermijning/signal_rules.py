"""Validation rules of the signal-list family: categories, red flags, thresholds, golden examples.

V001 (the signals a golden example names belong to its list), V002 (signals belong to a
category of their list), V003 (red-flag signals carry a red-flag theme), V004 and V005
(thresholds ordered and reachable), V008 (golden examples give the level they expect), V009
(every red-flag theme has a red-flag signal: V003 and V009 together keep a list's red-flag
themes and its red-flag signals in agreement) and V012 (an established basis names who
established the numbers, and when).
The helpers for golden examples are shared with the pytest plugin and the property tests, so
all three give the same messages.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from .assessment import number as dutch_number
from .catalog import Catalog, Rule
from .errors import Problem, Severity
from .i18n import _
from .models import BasisKind, Example, SignalList, pack_of
from .models.common import qualify
from .scoring import compile_scorer
from .validate import did_you_mean


def check_example_references(catalog: Catalog) -> Iterator[Problem]:
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
    close = did_you_mean(ref.partition("/")[2], own)
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
            yield catalog.problem_at(sl.id, "V001", message, hint=hint, field=f"examples[{index}].signals")


def example_mismatch(sl: SignalList, number: int, example: Example, catalog: Catalog | None = None) -> str | None:
    """Why golden example ``number`` (from 1) of a list does not give its expected level; None when it does.

    The example is scored as :func:`~ondermijning.assessment.assess` scores, with the
    catalog's scoring rules for the list (by the scorer itself, so that a list :func:`assess`
    refuses can still be judged). Its signals must all belong to the list.
    """
    fmt = dutch_number
    scorer = compile_scorer(sl, tuple(catalog.scoring_rules) if catalog is not None else ())
    observed = scorer.resolve(example.signals)
    score, level = scorer.score(observed)
    if level is example.expected:
        return None
    t = sl.scoring.thresholds
    why = [f"score {fmt(score)}"]
    red = scorer.red_flags(observed)
    if red:
        why.append("red flag " + ", ".join(map(repr, red)))
    why.append(f"matig from {fmt(t.moderate)}, hoog from {fmt(t.high)}")
    name = f" ({example.description!r})" if example.description else ""
    return (f"example {number}{name} of {sl.id!r} gives {level.value}, expected {example.expected.value} "
            f"({'; '.join(why)})")


def thresholds_ordered(sl: SignalList) -> bool:
    """``0 < moderate < high``: without it no level means what it says (V004)."""
    t = sl.scoring.thresholds
    return 0 < t.moderate < t.high


def _example_levels(catalog: Catalog, sl: SignalList) -> Iterator[Problem]:
    if not thresholds_ordered(sl):
        return  # V004 reports the thresholds; no example can be judged by them
    for index, example in enumerate(sl.examples):
        if unknown_example_signals(sl, example):
            continue  # V001 reports the unknown signals
        message = example_mismatch(sl, index + 1, example, catalog)
        if message is not None:
            yield catalog.problem_at(sl.id, "V008", message, field=f"examples[{index}]",
                      hint="fix the example's expected level, or the weights and thresholds that score it")


def example_problems(catalog: Catalog, sl: SignalList) -> list[Problem]:
    """Every problem of a list's golden examples, located: unknown signals (V001), wrong levels (V008).

    With thresholds out of order the examples cannot be judged, and that is the problem (V004).
    """
    if not thresholds_ordered(sl):
        return [_unordered(catalog, sl)]
    return [*_example_references(catalog, sl), *_example_levels(catalog, sl)]


def with_invalid_lists_marked(catalog: Catalog) -> Catalog:
    """The catalog with every list whose thresholds or golden examples fail in ``invalid_lists``.

    Run once after assembling: a list that does not score as its authors say must not be
    served as if it did. Its problems (V004, V001, V008) join ``catalog.problems``.
    """
    found = {sl.id: tuple(problems) for sl in _lists(catalog) if (problems := _checked(catalog, sl))}
    if not found:
        return catalog
    added = tuple(p for problems in found.values() for p in problems)
    return attrs.evolve(catalog, invalid_lists=found, problems=(*catalog.problems, *added))


def _checked(catalog: Catalog, sl: SignalList) -> list[Problem]:
    """A list's example problems; a plugin's scoring rule that fails on them makes the list invalid (P008)."""
    from .errors import ScoringRuleError

    try:
        return example_problems(catalog, sl)
    except ScoringRuleError as exc:
        return [catalog.problem_at(sl.id, "P008", exc.message, hint=exc.hint)]


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
                yield catalog.problem_at(signal.id, "V002", f"signal {signal.id!r} names category "
                          f"{signal.category!r}, which list {sl.id!r} does not have", field="category",
                          hint=f"use one of: {', '.join(sorted(categories))}")


def check_red_flags(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        red = set(sl.red_flag_themes)
        for signal in sl.signals:
            if signal.red_flag and not red.intersection(signal.themes):
                yield catalog.problem_at(signal.id, "V003", f"red-flag signal {signal.id!r} has none of the "
                          f"red-flag themes of list {sl.id!r}", field="themes",
                          hint=f"add one of {', '.join(sorted(red)) or '(the list has none)'} to its themes")


def check_red_flag_themes_have_signals(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        carried = {theme for signal in sl.signals if signal.red_flag for theme in signal.themes}
        for index, theme in enumerate(sl.red_flag_themes):
            if theme not in carried and theme in catalog.themes:  # an unknown theme is V001's
                yield catalog.problem_at(
                    sl.id, "V009", _("rode-vlagthema {theme!r} van lijst {list!r} heeft geen rode-vlagsignaal: de "
                                     "lijst zegt dat dit thema hoog geeft, maar geen signaal doet dat").format(
                                         theme=theme, list=sl.id),
                    field=f"red_flag_themes[{index}]",
                    hint=_("markeer een signaal dat laat zien dat dit thema speelt met red_flag = true, of haal het "
                           "thema uit red_flag_themes"))


def check_basis(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        basis = sl.scoring.basis
        if basis.kind is BasisKind.ESTABLISHED:
            for key, what in (("by", _("wie de getallen vaststelde")), ("date", _("wanneer"))):
                if not getattr(basis, key).strip():
                    yield catalog.problem_at(
                        sl.id, "V012", _("de getallen van {list!r} heten vastgesteld, maar de basis zegt niet "
                                         "{what}").format(list=sl.id, what=what),
                        field=f"scoring.basis.{key}",
                        hint=_("vul {key} in (bijvoorbeeld by = \"college van B&W\", date = \"2026-03-12\"), of "
                               "schrijf kind = \"example\"").format(key=key))


def check_thresholds(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        t = sl.scoring.thresholds
        if not thresholds_ordered(sl):
            yield _unordered(catalog, sl)
            continue
        reachable = sum(s.weight for s in sl.signals) + sum(step.bonus for step in sl.scoring.combination)
        if reachable < t.high:
            yield catalog.problem_at(sl.id, "V005", f"threshold high ({t.high}) of {sl.id!r} cannot be reached by "
                      f"its score alone: all signals together score {reachable}",
                      field="scoring.thresholds", severity=Severity.WARNING,
                      hint="lower the threshold or add signals; only red flags can now give hoog")


def _unordered(catalog: Catalog, sl: SignalList) -> Problem:
    t = sl.scoring.thresholds
    return catalog.problem_at(sl.id, "V004", f"thresholds of {sl.id!r} are not ordered: "
                              f"0 < moderate ({t.moderate}) < high ({t.high}) does not hold",
                              field="scoring.thresholds", hint="make moderate smaller than high, both above 0")


SIGNAL_LIST_RULES: tuple[Rule, ...] = (
    Rule("V001", "the signals a golden example names belong to its list", check_example_references),
    Rule("V002", "signals belong to a category of their list", check_signal_categories),
    Rule("V003", "red-flag signals carry a red-flag theme of their list", check_red_flags,
         why="the explanation names the theme that forced hoog"),
    Rule("V004", "thresholds are ordered and reachable", check_thresholds),
    Rule("V008", "golden examples give the level they expect", check_examples,
         why="an example that fails shows the weights or thresholds no longer say what the authors meant"),
    Rule("V009", "every red-flag theme of a list has a red-flag signal", check_red_flag_themes_have_signals,
         why="a list must not say a theme forces hoog when no signal does"),
    Rule("V012", "an established basis names its body and date", check_basis,
         why="a number of ours must not read as a municipality's decision"),
)
