"""What raises the level next: the signals not yet observed that on their own would raise it.

Computed from the points still missing, not by re-scoring the list once per signal. Scoring is
exact on whole units (:mod:`ondermijning.scoring`): an unobserved signal adds its weight in units,
plus the combination bonuses its category completes when that category is new, and a red-flag
signal always gives hoog. So for one picture there are two cases per weight (its category
already observed, or new), and the signals that reach a threshold are those whose weight is at
least a cut-off found by bisection over the list's distinct weights. With one bit per signal
(in list order) the answer is a few operations on bit sets, whatever the list's length, and the
signals come out in list order without sorting.

:class:`~ondermijning.scoring.Scorer` re-scores instead for contributed scoring rules (their
points for a larger set cannot be known without asking them), for a list with a signal id twice
and for a list made in Python with nan or infinity in it.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from .models import ConcernLevel, SignalList

#: byte -> one selector byte per bit (lowest bit first), to pick the signals of a bit set in list order
_SELECTORS = tuple(bytes((b >> k) & 1 for k in range(8)) for b in range(256))


class Raising:
    """A list's signals arranged for :meth:`raisers`; built once per compiled list.

    ``units`` are the signals' weights in whole units, ``bonus_units[n]`` the bonuses with ``n``
    observed categories (the last entry for that many or more), as the scorer adds them.
    """

    def __init__(self, signal_list: SignalList, units: Mapping[str, int], bonus_units: Sequence[int],
                 moderate: int, high: int) -> None:
        signals = signal_list.signals
        self.units, self.bonus_units, self.moderate, self.high = units, bonus_units, moderate, high
        self.category = {s.id: s.category for s in signals}
        self.ids = tuple(s.id for s in signals)
        self.bit = {s.id: 1 << i for i, s in enumerate(signals)}
        self.everything = (1 << len(signals)) - 1
        self.size = (len(signals) + 7) // 8
        self.red = sum(1 << i for i, s in enumerate(signals) if s.red_flag)
        self.in_category: dict[str, int] = {}
        for i, s in enumerate(signals):
            self.in_category[s.category] = self.in_category.get(s.category, 0) | 1 << i
        # distinct weights (units) of the other signals, ascending; at_least[i]: those weighing weights[i] or more
        others = [(units[s.id], i) for i, s in enumerate(signals) if not s.red_flag] if units else []
        self.weights = sorted({w for w, _ in others})
        self.at_least = [0] * (len(self.weights) + 1)
        heavy: dict[int, int] = {}
        for w, i in others:
            heavy[w] = heavy.get(w, 0) | 1 << i
        for k in range(len(self.weights) - 1, -1, -1):
            self.at_least[k] = self.at_least[k + 1] | heavy[self.weights[k]]

    def bits(self, observed: frozenset[str]) -> int:
        """The bit set of these signals of the list."""
        return sum(map(self.bit.__getitem__, observed))  # bits are distinct: the sum is their union

    def pick(self, bits: int, items: Sequence[Any] | None = None) -> list[Any]:
        """The signals of a bit set in list order: their ids, or the ``items`` at their positions."""
        if not bits:
            return []
        selectors = b"".join([_SELECTORS[b] for b in bits.to_bytes(self.size, "little")])
        return list(itertools.compress(self.ids if items is None else items, selectors))

    def raisers(self, observed: frozenset[str], level: ConcernLevel, bits: int | None = None,
                items: tuple[Sequence[Any], Sequence[Any]] | None = None, *, categories: set[str] | None = None,
                units: int | None = None) -> tuple[list[Any], list[Any]]:
        """(to hoog, to matig): unobserved signals that alone would raise ``level``, each in list order.

        ``level`` is the level ``observed`` scores (no contributed rules); ``bits`` is :meth:`bits`
        of ``observed``, ``categories`` the set of its categories and ``units`` its summed weights
        (without bonuses), when known. With ``items`` (one sequence for hoog, one for matig, each
        parallel to the list's signals), the items at the signals' positions come back instead
        of their ids.
        """
        if level is ConcernLevel.HIGH:
            return [], []
        if categories is None:
            categories = set(map(self.category.__getitem__, observed))
        last = len(self.bonus_units) - 1
        same = self.bonus_units[min(len(categories), last)]
        score = (sum(map(self.units.__getitem__, observed)) if units is None else units) + same
        extra = self.bonus_units[min(len(categories) + 1, last)] - same
        free = self.everything & ~(self.bits(observed) if bits is None else bits)
        old = sum(map(self.in_category.__getitem__, categories))  # signals in an observed category
        new = self.everything & ~old
        to_high = free & (self.red | self._reaching(self.high, score, old, new, extra))
        to_moderate = 0
        if level is ConcernLevel.LOW:
            to_moderate = free & ~to_high & self._reaching(self.moderate, score, old, new, extra)
        high_items, moderate_items = items or (None, None)
        return self.pick(to_high, high_items), self.pick(to_moderate, moderate_items)

    def _reaching(self, threshold: int, score: int, old: int, new: int, extra: int) -> int:
        """The signals (not red flags) whose weight brings ``score`` to ``threshold`` (all in units)."""
        weights, at_least = self.weights, self.at_least
        return ((at_least[bisect.bisect_left(weights, threshold - score)] & old)
                | (at_least[bisect.bisect_left(weights, threshold - score - extra)] & new))
