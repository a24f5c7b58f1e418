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
    message = _("voorbeeld {n} van {list!r} noemt een onbekend signaal {signal!r}").format(n=number, list=sl.id,
                                                                                          signal=ref)
    own = {s.id.partition("/")[2]: s.id for s in sl.signals}
    close = did_you_mean(ref.partition("/")[2], own)
    if close is not None:
        return message, _("bedoel je {id!r}?").format(id=own[close])
    other = next((other.id for other in catalog.signal_lists.values() if other is not sl
                  and any(s.id == ref for s in other.signals)), None) if catalog is not None else None
    if other is not None:
        return message, _("{signal!r} is een signaal van lijst {other!r}; een voorbeeld noemt signalen van de eigen "
                          "lijst").format(signal=ref, other=other)
    return message, _("lijst {list!r} heeft geen signaal met dat id").format(list=sl.id)


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
    why = [_("score {score}").format(score=fmt(score))]
    red = scorer.red_flags(observed)
    if red:
        why.append(_("rode vlag {signals}").format(signals=", ".join(map(repr, red))))
    why.append(_("matig vanaf {moderate}, hoog vanaf {high}").format(moderate=fmt(t.moderate), high=fmt(t.high)))
    name = f" ({example.description!r})" if example.description else ""
    return _("voorbeeld {n}{name} van {list!r} geeft {level}, verwacht {expected} ({why})").format(
        n=number, name=name, list=sl.id, level=level.label, expected=example.expected.label, why="; ".join(why))


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
                      hint=_("verbeter het verwachte niveau van het voorbeeld, of de gewichten en drempels die het "
                             "scoren"))


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
                yield catalog.problem_at(signal.id, "V002", _("signaal {signal!r} noemt categorie {category!r}, die "
                                                              "lijst {list!r} niet heeft").format(
                                             signal=signal.id, category=signal.category, list=sl.id),
                          field="category",
                          hint=_("gebruik een van: {values}").format(values=", ".join(sorted(categories))))


def check_red_flags(catalog: Catalog) -> Iterator[Problem]:
    for sl in _lists(catalog):
        red = set(sl.red_flag_themes)
        for signal in sl.signals:
            if signal.red_flag and not red.intersection(signal.themes):
                yield catalog.problem_at(signal.id, "V003", _("rode-vlagsignaal {signal!r} heeft geen van de "
                                                              "rode-vlagthema's van lijst {list!r}").format(
                                             signal=signal.id, list=sl.id), field="themes",
                          hint=_("zet een van {themes} bij zijn thema's").format(
                              themes=", ".join(sorted(red)) or _("(de lijst heeft er geen)")))


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
            yield catalog.problem_at(sl.id, "V005", _("de drempel hoog ({high}) van {list!r} is met de score alleen "
                                                      "niet te halen: alle signalen samen scoren {reachable}").format(
                                         high=t.high, list=sl.id, reachable=reachable),
                      field="scoring.thresholds", severity=Severity.WARNING,
                      hint=_("verlaag de drempel of voeg signalen toe; nu kunnen alleen rode vlaggen hoog geven"))


def _unordered(catalog: Catalog, sl: SignalList) -> Problem:
    t = sl.scoring.thresholds
    return catalog.problem_at(sl.id, "V004", _("de drempels van {list!r} staan niet op volgorde: 0 < matig "
                                               "({moderate}) < hoog ({high}) klopt niet").format(
                                  list=sl.id, moderate=t.moderate, high=t.high),
                              field="scoring.thresholds", hint=_("maak matig kleiner dan hoog, allebei boven 0"))


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
