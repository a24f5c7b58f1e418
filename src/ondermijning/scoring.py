"""Scoring: from observed signals to a score and a concern level, declaratively and monotone.

score = the weights of the observed signals
      + the bonus of every combination step whose number of categories is reached
      + what contributed scoring rules add.
level = hoog when a red-flag signal is observed or the score reaches ``high``;
        matig when it reaches ``moderate``; laag otherwise.

Weights and bonuses are never negative and the number of categories only grows with more
observations, so adding a signal never lowers the score or the level: monotone by
construction. Contributed rules must keep that property; ``ondermijning.testing.properties``
checks it for every installed list. Sums use :func:`math.fsum`, which is exact, so the order
of the observations cannot change a score in its last digit.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Collection, Iterable, Sequence

import attrs

from .errors import UnknownItemError
from .models import ConcernLevel, SignalList, pack_of
from .models.common import as_tuple
from .models.picture import Contribution, ContributionKind


@attrs.frozen(kw_only=True)
class ScoringRule:
    """An extra rule a plugin contributes through ``ondermijning_scoring_rules``.

    ``contribute(signal_list, observed)`` returns contributions for a set of observed signal
    ids. It must be deterministic and monotone (a superset never gets fewer points) and give
    nothing for an empty set. ``lists`` limits the rule to some lists (empty: all lists).
    """

    id: str
    summary: str
    contribute: Callable[[SignalList, frozenset[str]], Iterable[Contribution]] = attrs.field(eq=False)
    lists: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)

    def applies_to(self, signal_list: SignalList) -> bool:
        return not self.lists or signal_list.id in self.lists


def level_for(score: float, red_flag: bool, moderate: float, high: float) -> ConcernLevel:
    """The level for a score; a red flag forces hoog whatever the score."""
    if red_flag or score >= high:
        return ConcernLevel.HIGH
    if score >= moderate:
        return ConcernLevel.MODERATE
    return ConcernLevel.LOW


class Scorer:
    """A signal list compiled for scoring: look-up tables built once, reused for every assessment."""

    def __init__(self, signal_list: SignalList, rules: Sequence[ScoringRule] = ()) -> None:
        self.signal_list = signal_list
        self.signals = {s.id: s for s in signal_list.signals}
        self._weight = {s.id: s.weight for s in signal_list.signals}.__getitem__
        self._category = {s.id: s.category for s in signal_list.signals}.__getitem__
        self._red = frozenset(s.id for s in signal_list.signals if s.red_flag)
        self.steps = tuple(sorted(signal_list.scoring.combination, key=lambda step: step.categories))
        self.moderate = signal_list.scoring.thresholds.moderate
        self.high = signal_list.scoring.thresholds.high
        self.rules = tuple(rule for rule in rules if rule.applies_to(signal_list))
        # the bonuses that apply for each number of categories, computed once (the hot path only indexes)
        most = len(signal_list.categories) + 1
        self._bonuses = tuple([step.bonus for step in self.steps if n >= step.categories] for n in range(most + 1))

    @functools.cached_property
    def list_hash(self) -> str:
        """The content hash of the list (computed once per compiled list), pinned in every picture."""
        from .serialize import content_hash

        return content_hash(self.signal_list)

    def resolve(self, signal_ids: Iterable[str]) -> frozenset[str]:
        """Qualified ids of the list's signals; a local id (``gedrag-x``) is read in the list's pack.

        Raises :class:`UnknownItemError` for an id the list does not have.
        """
        pack = pack_of(self.signal_list.id)
        resolved = set()
        for signal_id in signal_ids:
            qualified = signal_id if "/" in signal_id else f"{pack}/{signal_id}"
            if qualified not in self.signals:
                raise UnknownItemError("signal", signal_id, self.signals, where=f"list {self.signal_list.id!r}",
                                       match_as=qualified)
            resolved.add(qualified)
        return frozenset(resolved)

    def score(self, observed: Collection[str]) -> tuple[float, ConcernLevel]:
        """Score and level for a set of qualified signal ids (the fast path: no explanation)."""
        points = list(map(self._weight, observed))
        bonuses = self._bonuses
        points += bonuses[min(len(set(map(self._category, observed))), len(bonuses) - 1)]
        if self.rules:
            fixed = frozenset(observed)
            points += [c.points for rule in self.rules for c in rule.contribute(self.signal_list, fixed)]
        total = math.fsum(points)
        if total >= self.high or not self._red.isdisjoint(observed):
            return total, ConcernLevel.HIGH
        return total, ConcernLevel.MODERATE if total >= self.moderate else ConcernLevel.LOW

    def contributions(self, observed: frozenset[str]) -> list[Contribution]:
        """The explanation trace: one line per signal, combination step and rule contribution."""
        lines = []
        for signal in self.signal_list.signals:  # list order: stable, whatever order they were ticked in
            if signal.id in observed:
                lines.append(Contribution(kind=ContributionKind.SIGNAL, source=signal.id, points=signal.weight,
                                          text=signal.text, category=signal.category))
        categories = len({self._category(s) for s in observed})
        for step in self.steps:
            if categories >= step.categories:
                text = step.explanation or f"Signalen in {step.categories} of meer categorieën."
                lines.append(Contribution(kind=ContributionKind.COMBINATION, source="combination",
                                          points=step.bonus, text=text))
        for rule in self.rules:
            for contribution in rule.contribute(self.signal_list, observed):
                lines.append(attrs.evolve(contribution, kind=ContributionKind.RULE, source=rule.id))
        return lines

    def red_flags(self, observed: frozenset[str]) -> list[str]:
        return [s.id for s in self.signal_list.signals if s.id in observed and s.id in self._red]


@functools.lru_cache(maxsize=128)
def compile_scorer(signal_list: SignalList, rules: tuple[ScoringRule, ...] = ()) -> Scorer:
    """A cached :class:`Scorer` (lists are frozen and hash their contents once)."""
    return Scorer(signal_list, rules)
