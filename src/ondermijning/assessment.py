"""``assess()``: observed signals -> an explained information picture with goals and routes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from .errors import InvalidSignalListError, UnknownItemError
from .models import ConcernLevel, ProtectiveFactor, Route, RouteScope, SignalList, pack_of
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
    Pins,
    RedFlag,
    WatchSignal,
)
from .scoring import compile_scorer

if TYPE_CHECKING:
    from .catalog import Catalog

#: shown when a list has no reminder of its own: the sources insist the level is set together
DEFAULT_REMINDER = (
    "Dit niveau is een berekend advies, geen besluit. Bespreek het informatiebeeld met collega's en "
    "betrokken professionals en stel samen vast hoe zorgwekkend de situatie is: laag, matig of hoog."
)


def number(value: float) -> str:
    """3.0 -> '3', 2.5 -> '2,5' (Dutch decimal comma)."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def assess(
    signal_list: SignalList | str,
    observed: Iterable[str | Observation],
    *,
    catalog: Catalog | None = None,
    protective: Iterable[str] = (),
    subject: str = "",
    judgement: Judgement | None = None,
) -> InformationPicture:
    """Score the observed signals of a list and build the information picture.

    ``observed`` holds signal ids (qualified, or local to the list's pack) or
    :class:`Observation` objects with date, fact/interpretation and observer. With a
    ``catalog``, the picture names the routes that fit its level and themes, and scoring
    rules contributed by plugins count. ``protective`` names protective factors that are
    present: they are shown, and never lower the computed level. ``subject`` is an optional
    pseudonym. Unknown ids raise :class:`~ondermijning.errors.UnknownItemError`; a list the
    catalog marked invalid (``catalog.invalid_lists``: thresholds out of order, golden examples
    that fail) raises :class:`~ondermijning.errors.InvalidSignalListError` with the reason.
    """
    sl = _signal_list(signal_list, catalog)
    _refuse_invalid(sl, catalog)
    rules = tuple(catalog.scoring_rules) if catalog is not None else ()
    scorer = compile_scorer(sl, rules)

    observations = _observations(observed, scorer.resolve)
    ids = frozenset(o.signal for o in observations)
    contributions = scorer.contributions(ids)
    score, level = scorer.score(ids)  # exact decimal arithmetic (scoring.py); the contributions add up to it
    red = scorer.red_flags(ids)
    thresholds = sl.scoring.thresholds

    watch = []
    if level < ConcernLevel.HIGH:
        for signal in sl.signals:
            if signal.id not in ids:
                _, raised = scorer.score(ids | {signal.id})
                if raised > level:
                    watch.append(WatchSignal(signal=signal.id, text=signal.text, category=signal.category,
                                             raises_to=raised))
        watch.sort(key=lambda w: -w.raises_to.rank)  # stable: list order within a level

    themes = {theme for s in sl.signals if s.id in ids for theme in s.themes}
    return InformationPicture(
        signal_list=sl.id,
        level=level,
        score=score,
        explanation=Explanation(contributions=tuple(contributions), thresholds=thresholds,
                                decision=_decision(sl, level, score, red)),
        reminder=sl.reminder or DEFAULT_REMINDER,
        observations=observations,
        categories=tuple(_categories(sl, contributions, scorer.weight_of)),
        red_flags=tuple(RedFlag(signal=s, text=scorer.signals[s].text, themes=scorer.signals[s].themes) for s in red),
        watch_next=tuple(watch),
        goals=tuple(goal for goal in sl.goals if level in goal.levels),
        routes=tuple(select_routes(catalog.routes if catalog is not None else {}, level, themes, _local_packs(sl))),
        protective_factors=tuple(_protective(sl, protective)),
        subject=subject,
        judgement=judgement,
        pins=_pins(sl, scorer.list_hash, catalog),
    )


def _pins(sl: SignalList, list_hash: str, catalog: Catalog | None) -> Pins:
    from ._version import __version__

    pack = pack_of(sl.id)
    version = catalog.packs[pack].version if catalog is not None and pack in catalog.packs else ""
    return Pins(pack=pack, pack_version=version, list_hash=list_hash, library_version=__version__)


def select_routes(routes: Mapping[str, Route], level: ConcernLevel, themes: Iterable[str],
                  local_packs: Iterable[str]) -> list[Route]:
    """Routes that fit the level and (when a route names themes) one of the themes.

    Local routes of the list's own packs come first, national fallbacks after; local routes
    of other municipalities are left out.
    """
    wanted, local = set(themes), set(local_packs)
    fitting = [r for r in routes.values()
               if level in r.levels and (not r.themes or wanted.intersection(r.themes))]
    return ([r for r in fitting if r.scope is RouteScope.LOCAL and pack_of(r.id) in local]
            + [r for r in fitting if r.scope is RouteScope.NATIONAL])


def _refuse_invalid(sl: SignalList, catalog: Catalog | None) -> None:
    """A list the catalog marked invalid is not scored; a list made in code is the caller's to check."""
    problems = catalog.invalid_lists.get(sl.id) if catalog is not None else None
    if problems and catalog is not None and catalog.signal_lists.get(sl.id) is sl:
        raise InvalidSignalListError(sl.id, problems)


def _signal_list(signal_list: SignalList | str, catalog: Catalog | None) -> SignalList:
    if isinstance(signal_list, SignalList):
        return signal_list
    if catalog is None:
        raise TypeError("assess() needs a catalog to look up a signal list by id")
    try:
        return catalog.signal_lists[signal_list]
    except KeyError:
        raise UnknownItemError("signal list", signal_list, catalog.signal_lists) from None


def _observations(observed: Iterable[str | Observation],
                  resolve: Callable[[Iterable[str]], frozenset[str]]) -> tuple[Observation, ...]:
    seen: dict[str, Observation] = {}
    for item in observed:
        observation = item if isinstance(item, Observation) else Observation(signal=item)
        (qualified,) = resolve([observation.signal])
        if qualified != observation.signal:
            observation = Observation(signal=qualified, kind=observation.kind, date=observation.date,
                                      observer=observation.observer, note=observation.note)
        seen.setdefault(qualified, observation)  # the same signal twice counts once
    return tuple(sorted(seen.values(), key=lambda o: o.signal))


def _decision(sl: SignalList, level: ConcernLevel, score: float, red: list[str]) -> Decision:
    t = sl.scoring.thresholds
    if red:
        texts = "; ".join(s.text.rstrip(".") for s in sl.signals if s.id in red)
        return Decision(kind=DecisionKind.RED_FLAG, signals=tuple(red),
                        text=f"Hoog door een rode vlag, ongeacht de score: {texts}.")
    if level is ConcernLevel.HIGH:
        return Decision(kind=DecisionKind.THRESHOLD, threshold=t.high,
                        text=f"Hoog: de score {number(score)} haalt de drempel voor hoog ({number(t.high)}).")
    if level is ConcernLevel.MODERATE:
        return Decision(kind=DecisionKind.THRESHOLD, threshold=t.moderate,
                        text=f"Matig: de score {number(score)} haalt de drempel voor matig "
                             f"({number(t.moderate)}), niet die voor hoog ({number(t.high)}).")
    return Decision(kind=DecisionKind.BELOW_THRESHOLDS,
                    text=f"Laag: de score {number(score)} blijft onder de drempel voor matig ({number(t.moderate)}).")


def _categories(sl: SignalList, contributions: Iterable[Contribution],
                weight_of: Callable[[Iterable[str]], float]) -> list[CategoryScore]:
    found = []
    lines = [c for c in contributions if c.kind is ContributionKind.SIGNAL]
    for category in sl.categories:
        mine = [c for c in lines if c.category == category.id]
        if mine:
            found.append(CategoryScore(category=category.id, name=category.name,
                                       points=weight_of(c.source for c in mine),
                                       signals=tuple(c.source for c in mine)))
    return found


def _local_packs(sl: SignalList) -> set[str]:
    """The list's own pack and every pack that extended it: their local routes belong to it."""
    return {pack_of(sl.id), *(pack_of(s.id) for s in sl.signals)}


def _protective(sl: SignalList, protective: Iterable[str]) -> list[ProtectiveFactor]:
    known = {p.id: p for p in sl.protective_factors}
    pack = pack_of(sl.id)
    present = []
    for factor in protective:
        qualified = factor if "/" in factor else f"{pack}/{factor}"
        if qualified not in known:
            raise UnknownItemError("protective factor", factor, known, where=f"list {sl.id!r}", match_as=qualified)
        present.append(known[qualified])
    return present
