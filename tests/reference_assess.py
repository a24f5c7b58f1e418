"""The assessment as it was before it was made fast: the reference the fast one must equal.

Kept as it was (after exact decimal scoring came in): every line of the explanation made per picture, the
watch-next scan re-scoring the list once per unobserved signal. Only tests use it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ondermijning._version import __version__
from ondermijning.assessment import DEFAULT_REMINDER, _decision, _refuse_invalid, select_routes
from ondermijning.catalog import Catalog
from ondermijning.models import ConcernLevel, ProtectiveFactor, SignalList
from ondermijning.models.picture import (
    CategoryScore,
    Contribution,
    ContributionKind,
    Explanation,
    InformationPicture,
    Judgement,
    Observation,
    Pins,
    RedFlag,
    WatchSignal,
)
from ondermijning.scoring import Scorer


def contributions(scorer: Scorer, observed: frozenset[str]) -> list[Contribution]:
    sl = scorer.signal_list
    lines = [Contribution(kind=ContributionKind.SIGNAL, source=s.id, points=s.weight, text=s.text, category=s.category)
             for s in sl.signals if s.id in observed]
    categories = len({scorer.signals[s].category for s in observed})
    for step in scorer.steps:
        if categories >= step.categories:
            text = step.explanation or f"Signalen in {step.categories} of meer categorieën."
            lines.append(Contribution(kind=ContributionKind.COMBINATION, source="combination", points=step.bonus,
                                      text=text))
    for rule in scorer.rules:
        for contribution in rule.contribute(sl, observed):
            lines.append(attrs.evolve(contribution, kind=ContributionKind.RULE, source=rule.id))
    return lines


def assess(sl: SignalList, observed: Iterable[str | Observation], *, catalog: Catalog | None = None,
           protective: Iterable[str] = (), subject: str = "", judgement: Judgement | None = None,
           ) -> InformationPicture:
    _refuse_invalid(sl, catalog)
    rules = tuple(catalog.scoring_rules) if catalog is not None else ()
    scorer = Scorer(sl, rules)
    seen: dict[str, Observation] = {}
    for item in observed:
        observation = item if isinstance(item, Observation) else Observation(signal=item)
        (qualified,) = scorer.resolve([observation.signal])
        if qualified != observation.signal:
            observation = Observation(signal=qualified, kind=observation.kind, date=observation.date,
                                      observer=observation.observer, note=observation.note)
        seen.setdefault(qualified, observation)
    observations = tuple(sorted(seen.values(), key=lambda o: o.signal))
    ids = frozenset(o.signal for o in observations)
    lines = contributions(scorer, ids)
    score, level = scorer.score(ids)
    red = [s.id for s in sl.signals if s.id in ids and s.red_flag]
    thresholds = sl.scoring.thresholds

    watch = []
    if level < ConcernLevel.HIGH:  # the old scan: re-score the list once per unobserved signal
        for signal in sl.signals:
            if signal.id not in ids:
                _, raised = scorer.score(ids | {signal.id})
                if raised > level:
                    watch.append(WatchSignal(signal=signal.id, text=signal.text, category=signal.category,
                                             raises_to=raised))
        watch.sort(key=lambda w: -w.raises_to.rank)

    categories = []
    signal_lines = [c for c in lines if c.kind is ContributionKind.SIGNAL]
    for category in sl.categories:
        mine = [c for c in signal_lines if c.category == category.id]
        if mine:
            categories.append(CategoryScore(category=category.id, name=category.name,
                                            points=scorer.weight_of(c.source for c in mine),
                                            signals=tuple(c.source for c in mine)))
    known = {p.id: p for p in sl.protective_factors}
    present: list[ProtectiveFactor] = [known[p if "/" in p else f"{sl.id.partition('/')[0]}/{p}"] for p in protective]
    themes = {theme for s in sl.signals if s.id in ids for theme in s.themes}
    return InformationPicture(
        signal_list=sl.id, level=level, score=score,
        explanation=Explanation(contributions=tuple(lines), thresholds=thresholds, basis=sl.scoring.basis,
                                decision=_decision(sl, level, score, red)),
        reminder=sl.reminder or DEFAULT_REMINDER, observations=observations, categories=tuple(categories),
        red_flags=tuple(RedFlag(signal=s, text=scorer.signals[s].text, themes=scorer.signals[s].themes) for s in red),
        watch_next=tuple(watch), goals=tuple(goal for goal in sl.goals if level in goal.levels),
        routes=tuple(select_routes(catalog.routes if catalog is not None else {}, level, themes,
                                   municipality=sl.id.partition("/")[0], signal_list=sl.id)),
        municipality=sl.id.partition("/")[0],
        protective_factors=tuple(present), subject=subject, judgement=judgement,
        pins=_pins(sl, scorer.list_hash, catalog))


def _pins(sl: SignalList, list_hash: str, catalog: Catalog | None) -> Pins:
    pack = sl.id.partition("/")[0]
    version = catalog.packs[pack].version if catalog is not None and pack in catalog.packs else ""
    return Pins(pack=pack, pack_version=version, list_hash=list_hash, library_version=__version__)
