"""``assess()``: observed signals -> an explained information picture with goals and routes."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ._version import __version__
from .errors import InvalidSignalListError, UnknownItemError
from .i18n import N_, _, language, normalize, using
from .i18n import language as current_language
from .models import ConcernLevel, ProtectiveFactor, Route, RouteScope, SignalList, pack_of
from .models.pack import LANGUAGE_CODE
from .models.picture import (
    CategoryScore,
    Contribution,
    ContributionKind,
    Decision,
    DecisionKind,
    Explanation,
    InformationPicture,
    Judgement,
    Observation,
    ObservationKind,
    Pins,
    RedFlag,
    WatchSignal,
)
from .scoring import ScoringRule, compile_scorer, rule_functions
from .translation import localize, remember

if TYPE_CHECKING:
    from .catalog import Catalog

#: shown when a list has no reminder of its own: the sources insist the level is set together
DEFAULT_REMINDER = N_(
    "Dit niveau is een berekend advies, geen besluit. Bespreek het informatiebeeld met collega's en "
    "betrokken professionals en stel samen vast hoe zorgwekkend de situatie is: laag, matig of hoog."
)


def number(value: float) -> str:
    """3.0 -> '3', 2.5 -> '2,5' (Dutch decimal comma; '2.5' in English)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",") if language() == "nl" else f"{value:g}"


def assess(
    signal_list: SignalList | str,
    observed: Iterable[str | Observation],
    *,
    catalog: Catalog | None = None,
    protective: Iterable[str] = (),
    subject: str = "",
    judgement: Judgement | None = None,
    municipality: str | None = None,
    language: str | None = None,
) -> InformationPicture:
    """Score the observed signals of a list and build the information picture.

    ``observed`` holds signal ids (qualified, or local to the list's pack) or
    :class:`Observation` objects with date, fact/interpretation and observer. With a
    ``catalog``, the picture names the routes that fit its level and themes, and scoring
    rules contributed by plugins count. ``protective`` names protective factors that are
    present: they are shown, and never lower the computed level. ``subject`` is an optional
    pseudonym. ``municipality`` is the pack whose local routes the picture names (default: the
    list's own pack; see :func:`select_routes`). ``language`` is the language of the picture's
    texts (``"en"``; None: the language of messages now, :func:`ondermijning.i18n.language`, which
    ``--lang`` and a web request's ``Accept-Language`` set): the pack's texts (signals, categories,
    goals, routes, ...) where the catalog's packs translate them, each other text in its pack's own
    language, and the library's own sentences (the decision, the reminder) when the library has
    that language; ``picture.language`` records it. Level, score, points and pins are the same in
    every language. Unknown ids raise
    :class:`~ondermijning.errors.UnknownItemError`; a list the catalog marked invalid
    (``catalog.invalid_lists``: thresholds out of order, golden examples that fail) raises
    :class:`~ondermijning.errors.InvalidSignalListError` with the reason.
    """
    sl = _signal_list(signal_list, catalog)
    _refuse_invalid(sl, catalog)
    if language is None:
        return _assess(sl, observed, catalog, protective, subject, judgement, municipality, current_language())
    chosen = normalize(language)
    if not LANGUAGE_CODE.fullmatch(chosen):
        raise ValueError(_("{language!r} is geen taalcode: geef twee letters, zoals 'nl' of 'en'").format(
            language=language))
    with using(chosen):  # the library's sentences too, when it has the language (else Dutch)
        return _assess(sl, observed, catalog, protective, subject, judgement, municipality, chosen)


def _assess(sl: SignalList, observed: Iterable[str | Observation], catalog: Catalog | None,
            protective: Iterable[str], subject: str, judgement: Judgement | None, municipality: str | None,
            chosen: str) -> InformationPicture:
    local = _municipality(sl, municipality, catalog)
    shown, tables, pinned = _prepared(sl, chosen, catalog)
    scorer = tables.scorer

    observations, ids = _observations(observed, tables)
    bits = scorer.raising.bits(ids)
    ordered = scorer.in_order(ids)
    observed_categories = scorer.observed_categories(ids)
    categories = len(observed_categories)
    units = scorer.units_of(ids) if scorer.exact else None  # what score() and raisers() both add up
    contributions = scorer.contributions(ids, ordered, categories)
    # exact decimal arithmetic (scoring.py); the contributions add up to it
    score, level = scorer.score(ids, categories, units=units)
    # most pictures have no red flag: their bits say so (a list with an id twice asks the scorer)
    red = scorer.red_flags(ids, ordered) if scorer.duplicates or bits & scorer.raising.red else []
    thresholds = sl.scoring.thresholds

    to_high, to_moderate = scorer.raisers(ids, level, bits, tables.watch, categories=observed_categories,
                                          units=units) if level is not ConcernLevel.HIGH else ((), ())

    return InformationPicture(
        signal_list=sl.id,
        level=level,
        score=score,
        explanation=Explanation(contributions=tuple(contributions), thresholds=thresholds,
                                basis=sl.scoring.basis, decision=tables.decision(level, score, red)),
        reminder=shown.reminder or _(DEFAULT_REMINDER),
        observations=observations,
        categories=tables.categories(bits, contributions),
        red_flags=tuple(map(tables.red_flags.__getitem__, red)),
        watch_next=(*to_high, *to_moderate),
        goals=tables.goals[level],
        routes=tables.routes(catalog.routes, level, ids, local, chosen,
                             lambda route: localize(route, chosen, catalog)) if catalog is not None else (),
        municipality=local,
        protective_factors=tuple(_protective(shown, protective)) if protective else (),
        subject=subject,
        judgement=judgement,
        pins=pinned.pins(catalog),
        language=chosen,
    )


class _Tables:
    """What every picture of one list reuses, built once per list (and its scoring rules).

    The explanation lines, red flags and watch entries of a signal are the same in every
    picture: they are made here once, and a picture only picks them.
    """

    def __init__(self, sl: SignalList, rules: tuple[ScoringRule, ...]) -> None:
        self.scorer = scorer = compile_scorer(sl, rules)
        signals = scorer.signals  # by id; a duplicate id keeps its last signal, as scoring does
        self.themes = {i: s.themes for i, s in signals.items()}
        self.red_flags = {i: RedFlag(signal=i, text=s.text, themes=s.themes) for i, s in signals.items() if s.red_flag}
        self.observation = {i: Observation(signal=i) for i in signals}
        self.interpretation = {i: Observation(signal=i, kind=ObservationKind.INTERPRETATION) for i in signals}
        self.goals = {level: tuple(goal for goal in sl.goals if level in goal.levels) for level in ConcernLevel}
        # each category of the list (in list order): the bit set of its signals, and its breakdowns so far
        in_category = scorer.raising.in_category
        self._members = tuple((in_category.get(c.id, 0), c.id, c.name, dict[int, CategoryScore]())
                              for c in sl.categories)
        self._decisions: dict[tuple[ConcernLevel, float, tuple[str, ...], str], Decision] = {}
        self.list_id = sl.id
        self._pins: dict[str, Pins] = {}
        # routes of one catalog by level and the route themes a picture touches (each signal's as a bit
        # set, and the themes in bit order); one tuple, replaced whole when another catalog's routes
        # come in, so threads never mix two catalogs' choices
        self._chosen: tuple[Mapping[str, Route], dict[str, int], tuple[str, ...], dict[Any, tuple[Route, ...]]] = (
            {}, {}, (), {})

    @functools.cached_property
    def watch(self) -> tuple[tuple[WatchSignal, ...], tuple[WatchSignal, ...]]:
        """What to watch for each signal of the list (in list order): if it raises the level to hoog, to matig."""
        sl = self.scorer.signal_list
        return _watch(sl, ConcernLevel.HIGH), _watch(sl, ConcernLevel.MODERATE)

    def routes(self, routes: Mapping[str, Route], level: ConcernLevel, observed: frozenset[str],
               municipality: str, language: str, shown: Callable[[Route], Route]) -> tuple[Route, ...]:
        """:func:`select_routes` for a picture of this list, the same answer looked up once per case.

        Only the observed signals' themes that some route names can change the choice: each signal
        has them as a bit set (one bit per such theme), and the union of the observed ones is the key.
        ``shown`` gives a chosen route in ``language`` (part of the key: the routes of an untranslated
        list may still be translated by their own pack), so a picture localizes no route itself.
        """
        of, masks, named, chosen = self._chosen
        if of is not routes:
            named = tuple(sorted({t for r in routes.values() for t in r.themes}))
            bit = {theme: 1 << i for i, theme in enumerate(named)}
            masks = {i: functools.reduce(operator.or_, (bit[t] for t in themes if t in bit), 0)
                     for i, themes in self.themes.items()}
            chosen = {}
            self._chosen = (routes, masks, named, chosen)
        mask = functools.reduce(operator.or_, map(masks.__getitem__, observed), 0)
        key = (level, mask, municipality, language)
        found = chosen.get(key)
        if found is None:
            themes = {theme for i, theme in enumerate(named) if mask >> i & 1}
            found = _keep(chosen, key, tuple(map(shown, select_routes(routes, level, themes,
                                                                      municipality=municipality,
                                                                      signal_list=self.list_id))))
        return found

    def categories(self, bits: int, contributions: list[Contribution]) -> tuple[CategoryScore, ...]:
        """The points per category of the list (in list order), from the bit set of the observed signals.

        The breakdown of each set of signals in a category is made once (a list with a signal id
        twice has one bit for two signals: its breakdown is made from the explanation lines).
        """
        if self.scorer.duplicates:
            return tuple(_categories(self._members, contributions, self.scorer.weight_of))
        found = []
        for members, category, name, kept in self._members:
            mine = bits & members
            if mine:
                breakdown = kept.get(mine)
                if breakdown is None:
                    signals = tuple(self.scorer.raising.pick(mine))
                    points = self.scorer.weight_of(signals)
                    breakdown = _keep(kept, mine, CategoryScore(category=category, name=name, points=points,
                                                                signals=signals))
                found.append(breakdown)
        return tuple(found)

    def decision(self, level: ConcernLevel, score: float, red: list[str]) -> Decision:
        key = (level, score, tuple(red), language())  # its sentence is in the language of messages now
        found = self._decisions.get(key)
        if found is None:
            found = _keep(self._decisions, key, _decision(self.scorer.signal_list, level, score, red))
        return found

    def pins(self, catalog: Catalog | None) -> Pins:
        pack = pack_of(self.scorer.signal_list.id)
        version = catalog.packs[pack].version if catalog is not None and pack in catalog.packs else ""
        pins = self._pins.get(version)
        if pins is None:
            pins = self._pins[version] = Pins(pack=pack, pack_version=version, list_hash=self.scorer.list_hash,
                                              library_version=__version__)
        return pins

    def resolve(self, signal_id: str) -> str:
        """The qualified id of one of the list's signals; :class:`UnknownItemError` for another."""
        if signal_id in self.observation:
            return signal_id
        (qualified,) = self.scorer.resolve([signal_id])
        return qualified


#: parts of pictures kept per list (routes, breakdowns, decisions): all alike pictures share them
_MAX_KEPT = 4096

_T = TypeVar("_T")


def _keep(kept: dict[Any, _T], key: Any, value: _T) -> _T:
    """Keep a computed part for the next picture, a bounded number of them."""
    if len(kept) >= _MAX_KEPT:
        kept.clear()
    kept[key] = value
    return value


@functools.lru_cache(maxsize=128)
def _tables(sl: SignalList, rules: tuple[ScoringRule, ...], _functions: tuple[int, ...]) -> _Tables:
    return _Tables(sl, rules)


def _prepared(sl: SignalList, chosen: str, catalog: Catalog | None) -> tuple[SignalList, _Tables, _Tables]:
    """The list as shown in ``chosen``, its tables, and the tables of the list as written (for the pins).

    Looked up once per catalog, list and language: a catalog is frozen, so its scoring rules and
    translations do not change under it (the list itself is checked by identity).
    """
    if catalog is None:
        tables = _tables(sl, (), ())
        return sl, tables, tables
    key = ("assess", id(sl), chosen)
    kept = catalog.localized.get(key)
    if kept is not None and kept[0] is sl:
        return kept[1]  # type: ignore[no-any-return]
    rules = catalog.scoring_rules
    shown = localize(sl, chosen, catalog)  # the same list when nothing of it is translated
    tables = _tables(shown, rules, rule_functions(rules))
    # the pins name the list as its pack wrote it: a translation changes wording, never what scores
    found = shown, tables, tables if shown is sl else _tables(sl, rules, rule_functions(rules))
    remember(catalog, key, sl, found)
    return found


def select_routes(routes: Mapping[str, Route], level: ConcernLevel | None, themes: Iterable[str] | None, *,
                  municipality: str, signal_list: str = "") -> list[Route]:
    """The routes a picture names: the municipality's local routes first, then the national ones.

    A route fits when its levels hold ``level``, it names no themes or one of ``themes``, and
    it names no lists or ``signal_list``. Local routes are those of the pack ``municipality``
    only (another municipality's are left out, whoever wrote the list; ``""``: none, national
    routes only); national routes fit everywhere. No route appears twice: a route with the same
    action and phone number as one already chosen (a municipality's own entry for a national
    number) is left out. ``level=None`` or ``themes=None`` leaves that filter out, for a question
    such as the web API's ``GET /api/v1/routes`` ("every route of Deurne for this list").
    """
    wanted = None if themes is None else set(themes)
    fitting = [r for r in routes.values()
               if (level is None or level in r.levels)
               and (wanted is None or not r.themes or wanted.intersection(r.themes))
               and (not r.lists or signal_list in r.lists)]
    ordered = ([r for r in fitting if r.scope is RouteScope.LOCAL and pack_of(r.id) == municipality]
               + [r for r in fitting if r.scope is RouteScope.NATIONAL])
    chosen: list[Route] = []
    seen: set[object] = set()
    for route in ordered:
        keys = {route.id, (route.action, route.phone) if route.phone else route.id}
        if not keys & seen:
            chosen.append(route)
        seen |= keys
    return chosen


def _municipality(sl: SignalList, municipality: str | None, catalog: Catalog | None) -> str:
    """The pack whose local routes apply: the one asked for (it must be loaded), or the list's own."""
    if municipality is None:
        return pack_of(sl.id)
    if catalog is not None and municipality not in catalog.packs:
        raise UnknownItemError("pack", municipality, catalog.packs)
    return municipality


def _refuse_invalid(sl: SignalList, catalog: Catalog | None) -> None:
    """A list the catalog marked invalid is not scored; a list made in code is the caller's to check."""
    problems = catalog.invalid_lists.get(sl.id) if catalog is not None else None
    if problems and catalog is not None and catalog.signal_lists.get(sl.id) is sl:
        raise InvalidSignalListError(sl.id, problems)


def _signal_list(signal_list: SignalList | str, catalog: Catalog | None) -> SignalList:
    if isinstance(signal_list, SignalList):
        return signal_list
    if catalog is None:
        raise TypeError(_("assess() heeft een catalogus nodig om een signalenlijst bij haar id te vinden"))
    try:
        return catalog.signal_lists[signal_list]
    except KeyError:
        raise UnknownItemError("signal list", signal_list, catalog.signal_lists) from None


def _observations(observed: Iterable[str | Observation], tables: _Tables,
                  ) -> tuple[tuple[Observation, ...], frozenset[str]]:
    """The observations sorted by signal, and their signals (qualified ids)."""
    if not isinstance(observed, (set, frozenset)):
        observed = list(observed)  # an iterator is read once
    try:
        ids = frozenset(observed)
    except TypeError:  # something unhashable: the loop below says what is wrong with it
        ids = frozenset()
    if ids and ids <= tables.observation.keys():  # all qualified ids of the list: the common case
        return tuple(map(tables.observation.__getitem__, sorted(ids))), ids
    seen: dict[str, Observation] = {}
    for item in observed:
        if isinstance(item, Observation):
            qualified = tables.resolve(item.signal)
            observation = item
            if item.date is None and not item.observer and not item.note:  # only signal and kind: the list's own
                observation = (tables.interpretation if item.kind is ObservationKind.INTERPRETATION
                               else tables.observation)[qualified]
            elif qualified != item.signal:
                observation = Observation(signal=qualified, kind=item.kind, date=item.date,
                                          observer=item.observer, note=item.note)
        else:
            qualified = tables.resolve(item)
            observation = tables.observation[qualified]
        seen.setdefault(qualified, observation)  # the same signal twice counts once
    return tuple([seen[key] for key in sorted(seen)]), frozenset(seen)


def _decision(sl: SignalList, level: ConcernLevel, score: float, red: list[str]) -> Decision:
    t = sl.scoring.thresholds
    if red:
        texts = "; ".join(s.text.rstrip(".") for s in sl.signals if s.id in red)
        return Decision(kind=DecisionKind.RED_FLAG, signals=tuple(red),
                        text=_("Hoog door een rode vlag, ongeacht de score: {signals}.").format(signals=texts))
    if level is ConcernLevel.HIGH:
        return Decision(kind=DecisionKind.THRESHOLD, threshold=t.high,
                        text=_("Hoog: de score {score} haalt de drempel voor hoog ({high}).").format(
                            score=number(score), high=number(t.high)))
    if level is ConcernLevel.MODERATE:
        return Decision(kind=DecisionKind.THRESHOLD, threshold=t.moderate,
                        text=_("Matig: de score {score} haalt de drempel voor matig ({moderate}), niet die voor hoog "
                               "({high}).").format(score=number(score), moderate=number(t.moderate),
                                                   high=number(t.high)))
    return Decision(kind=DecisionKind.BELOW_THRESHOLDS,
                    text=_("Laag: de score {score} blijft onder de drempel voor matig ({moderate}).").format(
                        score=number(score), moderate=number(t.moderate)))


def _watch(sl: SignalList, level: ConcernLevel) -> tuple[WatchSignal, ...]:
    return tuple(WatchSignal(signal=s.id, text=s.text, category=s.category, raises_to=level) for s in sl.signals)


def _categories(members: Iterable[tuple[int, str, str, Any]], contributions: list[Contribution],
                weight_of: Callable[[Iterable[str]], float]) -> Iterable[CategoryScore]:
    for _bits, category, name, _kept in members:
        lines = [c for c in contributions if c.kind is ContributionKind.SIGNAL and c.category == category]
        if lines:
            yield CategoryScore(category=category, name=name, points=weight_of(c.source for c in lines),
                                signals=tuple(c.source for c in lines))


def _protective(sl: SignalList, protective: Iterable[str]) -> list[ProtectiveFactor]:
    known = {p.id: p for p in sl.protective_factors}
    pack = pack_of(sl.id)
    present = []
    for factor in protective:
        qualified = factor if "/" in factor else f"{pack}/{factor}"
        if qualified not in known:
            raise UnknownItemError("protective factor", factor, known, where=_("lijst {id!r}").format(id=sl.id),
                                   match_as=qualified)
        present.append(known[qualified])
    return present
