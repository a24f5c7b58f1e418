"""Scoring: from observed signals to a score and a concern level, declaratively and monotone.

score = the weights of the observed signals
      + the bonus of every combination step whose number of categories is reached
      + what contributed scoring rules add.
level = hoog when a red-flag signal is observed or the score reaches ``high``;
        matig when it reaches ``moderate``; laag otherwise.

Weights and bonuses are never negative and the number of categories only grows with more
observations, so adding a signal never lowers the score or the level: monotone by
construction. Contributed rules must keep that property; ``ondermijning.testing.properties``
checks it for every installed list.

Arithmetic is exact in decimal: every weight, bonus and threshold counts as the decimal it was
written as (the shortest decimal that gives the same float, ``repr``), so 0.7 + 0.1 reaches a
threshold of 0.8 (a float sum would give 0.7999999999999999 and miss it). The compiled list
scales them by one power of ten to whole units; sums and threshold comparisons are on those
integers, and the score is ``units / 10**digits``, the float nearest to the exact sum. Order
cannot change a score, and forms exported to FHIR and XLSForm (``ondermijning.interop``) do
the same integer arithmetic, so they give exactly the same score and level.

What raises the level next (:meth:`Scorer.raisers`) follows from the same whole units without
re-scoring: see :mod:`ondermijning.raising`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Collection, Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from .errors import UnknownItemError
from .i18n import _, language
from .model_base import Model
from .models import ConcernLevel, Signal, SignalList, pack_of
from .models.common import as_tuple
from .models.picture import Contribution, ContributionKind
from .raising import Raising


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ScoringRule(Model):  # eq, hash and repr from Model: attrs does not compile them
    """An extra rule a plugin contributes through ``ondermijning_scoring_rules``.

    ``contribute(signal_list, observed)`` returns contributions for a set of observed signal
    ids. It must be deterministic and monotone (a superset never gets fewer points) and give
    nothing for an empty set. ``lists`` limits the rule to some lists (empty: all lists).
    """

    id: str
    summary: str
    # compared by identity: two rules with one id but other functions must not share a cached Scorer
    contribute: Callable[[SignalList, frozenset[str]], Iterable[Contribution]]
    lists: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)

    def applies_to(self, signal_list: SignalList) -> bool:
        return not self.lists or signal_list.id in self.lists


@functools.lru_cache(maxsize=4096)  # a list repeats a few weights many times; fractions are immutable
def exact(value: float) -> Fraction:
    """The decimal a float was written as (its shortest ``repr``), as an exact fraction: 0.1 -> 1/10."""
    return Fraction(repr(float(value)))


@functools.lru_cache(maxsize=4096)
def decimals(value: float) -> int:
    """How many digits after the decimal point ``value`` was written with: 2.5 -> 1, 3.0 -> 0, 1e-05 -> 5."""
    denominator = exact(value).denominator  # 2**a * 5**b for a decimal: it needs max(a, b) digits
    twos = (denominator & -denominator).bit_length() - 1
    fives = 0
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return max(twos, fives)


def exact_sum(values: Iterable[float]) -> float:
    """The float nearest to the exact decimal sum of ``values`` (0.1 + 0.2 -> 0.3).

    Non-finite values (a faulty rule's NaN or infinity) are summed as floats, so they show.
    """
    values = list(values)
    if not all(map(math.isfinite, values)):
        return math.fsum(values)
    return float(sum(map(exact, values), Fraction(0)))


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
        self._weight_of = {s.id: s.weight for s in signal_list.signals}
        self._category = {s.id: s.category for s in signal_list.signals}.__getitem__
        self._red = frozenset(s.id for s in signal_list.signals if s.red_flag)
        self.steps = tuple(sorted(signal_list.scoring.combination, key=lambda step: step.categories))
        self.moderate = signal_list.scoring.thresholds.moderate
        self.high = signal_list.scoring.thresholds.high
        self.rules = tuple(rule for rule in rules if rule.applies_to(signal_list))
        # exact decimal arithmetic on whole units: every number times one power of ten (module docstring)
        numbers = [*self._weight_of.values(), *(step.bonus for step in self.steps), self.moderate, self.high]
        #: False when a list made in Python holds nan or inf (a TOML pack cannot): then floats are summed
        self.exact = all(map(math.isfinite, numbers))
        self.digits = max(map(decimals, numbers)) if self.exact else 0
        self.scale: int = 10**self.digits
        self.units = {s.id: self.to_units(s.weight) for s in signal_list.signals} if self.exact else {}
        self._units = self.units.__getitem__
        self.moderate_units = self.to_units(self.moderate) if self.exact else 0
        self.high_units = self.to_units(self.high) if self.exact else 0
        # the bonuses for each number of categories, computed once (the hot path only indexes)
        most = len(signal_list.categories) + 1
        self._bonuses = tuple([step.bonus for step in self.steps if n >= step.categories] for n in range(most + 1))
        self._bonus_units = tuple(sum(map(self.to_units, bonuses)) if self.exact else 0 for bonuses in self._bonuses)
        #: a signal id twice in the list: explanation lines as the list has them, and raisers() re-scores
        self.duplicates = len(self.signals) != len(signal_list.signals)
        self._rescore = bool(self.rules) or self.duplicates or not self.exact
        self._position = {s.id: i for i, s in enumerate(signal_list.signals)}
        self._lines = {s.id: self._line(s) for s in signal_list.signals}
        #: the combination steps' explanation lines per language (a scorer is cached, a language is per request)
        self._step_lines: dict[str, tuple[tuple[int, Contribution], ...]] = {}
        #: the list as bit sets (one bit per signal in list order), for what raises the level next
        self.raising = Raising(signal_list, self.units, self._bonus_units, self.moderate_units, self.high_units)

    def to_units(self, value: float) -> int:
        """``value`` in whole units of this list (``value * 10**digits``, exactly)."""
        return int(exact(value) * self.scale)

    def _combination_lines(self) -> tuple[tuple[int, Contribution], ...]:
        chosen = language()
        found = self._step_lines.get(chosen)
        if found is None:
            found = self._step_lines[chosen] = tuple((step.categories, Contribution(
                kind=ContributionKind.COMBINATION, source="combination", points=step.bonus,
                text=step.explanation or _("Signalen in {n} of meer categorieën.").format(n=step.categories)))
                for step in self.steps)
        return found

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
                raise UnknownItemError("signal", signal_id, self.signals,
                                       where=_("lijst {id!r}").format(id=self.signal_list.id), match_as=qualified)
            resolved.add(qualified)
        return frozenset(resolved)

    def categories_of(self, observed: Iterable[str]) -> int:
        """In how many categories these signals are (what the combination steps count)."""
        return len(self.observed_categories(observed))

    def observed_categories(self, observed: Iterable[str]) -> set[str]:
        """The categories these signals are in."""
        return set(map(self._category, observed))

    def units_of(self, observed: Iterable[str]) -> int:
        """The summed weights of these signals in whole units (``to_units``; a list whose numbers are exact)."""
        return sum(map(self._units, observed))

    def score(self, observed: Collection[str], categories: int | None = None, *,
              units: int | None = None) -> tuple[float, ConcernLevel]:
        """Score and level for a set of qualified signal ids (the fast path: no explanation).

        ``categories`` is :meth:`categories_of` ``observed`` and ``units`` :meth:`units_of` it, when known.
        """
        if not self.exact:
            return self._inexact(observed)
        bonus_units = self._bonus_units
        if categories is None:
            categories = self.categories_of(observed)
        units = (self.units_of(observed) if units is None else units) + bonus_units[min(categories,
                                                                                        len(bonus_units) - 1)]
        if self.rules:
            fixed = frozenset(observed)
            extra = [c.points for rule in self.rules for c in rule.contribute(self.signal_list, fixed)]
            if extra:
                return self._with_rules(units, extra, fixed)
        if units >= self.high_units or not self._red.isdisjoint(observed):
            return units / self.scale, ConcernLevel.HIGH
        return units / self.scale, ConcernLevel.MODERATE if units >= self.moderate_units else ConcernLevel.LOW

    def weight_of(self, signal_ids: Iterable[str]) -> float:
        """The summed weights of these signals, exactly (as the score adds them)."""
        if not self.exact:
            return math.fsum(map(self._weight_of.__getitem__, signal_ids))
        return sum(map(self._units, signal_ids)) / self.scale

    def _inexact(self, observed: Collection[str]) -> tuple[float, ConcernLevel]:
        """The float sum, for a list with nan or inf in it (only a list made in Python can have one)."""
        fixed = frozenset(observed)
        points = [self._weight_of[s] for s in fixed]
        points += self._bonuses[min(len({self._category(s) for s in fixed}), len(self._bonuses) - 1)]
        points += [c.points for rule in self.rules for c in rule.contribute(self.signal_list, fixed)]
        total = math.fsum(points)
        return total, level_for(total, not self._red.isdisjoint(fixed), self.moderate, self.high)

    def _with_rules(self, units: int, extra: list[float], observed: frozenset[str]) -> tuple[float, ConcernLevel]:
        """Rules may add points with any number of decimals: add them exactly as fractions."""
        red = not self._red.isdisjoint(observed)
        if not all(map(math.isfinite, extra)):  # a faulty rule: let the NaN or infinity show in the score
            total = math.fsum([units / self.scale, *extra])
            return total, level_for(total, red, self.moderate, self.high)
        exact_total = Fraction(units, self.scale) + sum(map(exact, extra), Fraction(0))
        if red or exact_total >= exact(self.high):
            return float(exact_total), ConcernLevel.HIGH
        level = ConcernLevel.MODERATE if exact_total >= exact(self.moderate) else ConcernLevel.LOW
        return float(exact_total), level

    def contributions(self, observed: frozenset[str], ordered: Sequence[str] | None = None,
                      categories: int | None = None) -> list[Contribution]:
        """The explanation trace: one line per signal, combination step and rule contribution.

        Signals in list order (stable, whatever order they were ticked in); each line is made
        once per compiled list. ``ordered`` is :meth:`in_order` of ``observed`` and ``categories``
        :meth:`categories_of` it, when known.
        """
        if self.duplicates:  # one line per signal, as the list has them
            lines = [self._line(s) for s in self.signal_list.signals if s.id in observed]
        else:
            lines = [self._lines[i] for i in (self.in_order(observed) if ordered is None else ordered)]
        if categories is None:
            categories = self.categories_of(observed)
        lines += [line for needed, line in self._combination_lines() if categories >= needed]
        for rule in self.rules:
            for contribution in rule.contribute(self.signal_list, observed):
                lines.append(attrs.evolve(contribution, kind=ContributionKind.RULE, source=rule.id))
        return lines

    def in_order(self, observed: Iterable[str]) -> list[str]:
        """Signal ids of the list in list order."""
        return sorted(observed, key=self._position.__getitem__)  # for a few ids: faster than raising.pick

    @staticmethod
    def _line(signal: Signal) -> Contribution:
        return Contribution(kind=ContributionKind.SIGNAL, source=signal.id, points=signal.weight,
                            text=signal.text, category=signal.category)

    def red_flags(self, observed: frozenset[str], ordered: Sequence[str] | None = None) -> list[str]:
        """The observed red-flag signals, in list order (``ordered`` as for :meth:`contributions`)."""
        if self.duplicates:
            return [s.id for s in self.signal_list.signals if s.id in observed and s.id in self._red]
        red = self._red
        return [i for i in (self.in_order(observed) if ordered is None else ordered) if i in red]

    def raisers(self, observed: frozenset[str], level: ConcernLevel, bits: int | None = None,
                items: tuple[Sequence[Any], Sequence[Any]] | None = None, *, categories: set[str] | None = None,
                units: int | None = None) -> tuple[list[Any], list[Any]]:
        """The unobserved signals that on their own would raise ``level``: (to hoog, to matig), in list order.

        ``level`` is the level of ``observed``. Equal to re-scoring ``observed`` plus each signal,
        without doing so (see :mod:`ondermijning.raising`); with contributed rules (their points for
        a larger set are unknown) it does re-score. ``bits``, ``items``, ``categories`` and ``units`` as for
        :meth:`Raising.raisers <ondermijning.raising.Raising.raisers>`.
        """
        if level is ConcernLevel.HIGH:
            return [], []
        if not self._rescore:
            return self.raising.raisers(observed, level, bits, items, categories=categories, units=units)
        # the reference: score observed plus each signal
        high_items, moderate_items = items or (self.raising.ids, self.raising.ids)
        to_high: list[Any] = []
        to_moderate: list[Any] = []
        for i, signal in enumerate(self.signal_list.signals):
            if signal.id not in observed:
                _, raised = self.score(observed | {signal.id})
                if raised is ConcernLevel.HIGH:
                    to_high.append(high_items[i])
                elif raised is ConcernLevel.MODERATE and level is ConcernLevel.LOW:
                    to_moderate.append(moderate_items[i])
        return to_high, to_moderate


def compile_scorer(signal_list: SignalList, rules: tuple[ScoringRule, ...] = ()) -> Scorer:
    """A cached :class:`Scorer` (lists are frozen and hash their contents once)."""
    return _compiled(signal_list, rules, rule_functions(rules))


def rule_functions(rules: tuple[ScoringRule, ...]) -> tuple[int, ...]:
    """What tells two rules apart that compare equal: their functions (rules compare by id and summary).

    Part of every cache key with rules in it; the cache keeps the rules, so no id is reused meanwhile.
    """
    return tuple(id(rule.contribute) for rule in rules)


@functools.lru_cache(maxsize=128)
def _compiled(signal_list: SignalList, rules: tuple[ScoringRule, ...], _functions: tuple[int, ...]) -> Scorer:
    return Scorer(signal_list, rules)
