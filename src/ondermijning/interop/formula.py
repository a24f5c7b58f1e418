"""A list's scoring as whole numbers, the arithmetic every exported form does.

The :class:`~ondermijning.scoring.Scorer` scales the weights, bonuses and thresholds of a list
by one power of ten to whole units and compares those; a form does the same with integers its
expression language adds exactly: FHIRPath's Integer has 32 bits, XPath's numbers are doubles
(exact up to 2**53). So every number a form holds stays at or below :data:`MAX_UNITS`, and the
score is ``units / 10**digits`` as the last step, one correctly rounded division in each.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..errors import OndermijningError
from ..i18n import _
from ..models import SignalList
from ..scoring import Scorer, ScoringRule

#: the largest number a form may hold: FHIRPath's Integer is a signed 32-bit number
MAX_UNITS = 2**31 - 1


class ExportError(OndermijningError):
    """The list cannot be exported without scoring differently (a plugin rule, too many decimals)."""


@attrs.frozen(kw_only=True)
class Formula:
    """Score and level of one list in whole units: what an exported form computes."""

    digits: int  # units are 10**-digits
    units: tuple[tuple[str, int], ...]  # (signal id, its weight in units), in list order
    categories: tuple[tuple[str, tuple[str, ...]], ...]  # (category id, its signal ids), categories with signals
    steps: tuple[tuple[int, int], ...]  # (number of categories, bonus in units), ascending
    red_flags: tuple[str, ...]  # signal ids that force hoog
    moderate: int  # threshold in units
    high: int

    @property
    def scale(self) -> int:
        scale: int = 10**self.digits
        return scale

    def by_weight(self) -> list[tuple[int, list[str]]]:
        """Signals grouped by their (non-zero) weight in units, lightest first: one term per weight."""
        groups: dict[int, list[str]] = {}
        for signal_id, units in self.units:
            if units:
                groups.setdefault(units, []).append(signal_id)
        return sorted(groups.items())


def formula_for(signal_list: SignalList, rules: Sequence[ScoringRule] = ()) -> Formula:
    """The formula of ``signal_list``; ``rules`` are the catalog's scoring rules.

    Raises :class:`ExportError` when a rule applies to the list (Python cannot travel in a form),
    or when the numbers do not fit in :data:`MAX_UNITS`.
    """
    for rule in rules:
        if rule.applies_to(signal_list):
            raise ExportError(_(
                "lijst {list}: scoreregel {rule} ({summary}) komt uit een plugin en is Python-code; een formulier "
                "kan die niet meenemen en zou dan anders scoren dan assess(). Exporteer zonder die plugin "
                "(--disable-plugin NAAM) of schrijf de regel als gewichten en combinatiestappen in de lijst"
            ).format(list=signal_list.id, rule=rule.id, summary=rule.summary))
    scorer = Scorer(signal_list)
    if not scorer.exact:
        raise ExportError(_("lijst {list}: een gewicht, bonus of drempel is geen eindig getal (nan of inf); "
                            "geef elk een getal zoals 2 of 0.5").format(list=signal_list.id))
    steps = tuple((step.categories, scorer.to_units(step.bonus)) for step in scorer.steps)
    largest = max(sum(scorer.units.values()) + sum(bonus for _n, bonus in steps), scorer.moderate_units,
                  scorer.high_units)
    if largest > MAX_UNITS:
        raise ExportError(_(
            "lijst {list}: met {digits} decimalen worden de getallen te groot voor een formulier ({largest} "
            "eenheden, ten hoogste {most}); rond gewichten, bonussen en drempels af op minder decimalen"
        ).format(list=signal_list.id, digits=scorer.digits, largest=largest, most=MAX_UNITS))
    signals = signal_list.signals
    declared = {c.id for c in signal_list.categories}
    for signal in signals:
        if signal.category not in declared:  # the validator reports it (V002); a form needs its group
            raise ExportError(_("lijst {list}: signaal {signal} staat in categorie {category}, die de lijst niet "
                                "heeft; voeg de categorie toe of kies een bestaande (zie ondermijning validate)"
                                ).format(list=signal_list.id, signal=signal.id, category=signal.category))
    categories = tuple((c.id, ids) for c in signal_list.categories
                       if (ids := tuple(s.id for s in signals if s.category == c.id)))
    return Formula(digits=scorer.digits, units=tuple((s.id, scorer.units[s.id]) for s in signals),
                   categories=categories, steps=steps, red_flags=tuple(s.id for s in signals if s.red_flag),
                   moderate=scorer.moderate_units, high=scorer.high_units)
