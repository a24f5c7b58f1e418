"""Signal lists (signalenlijsten): what a frontline worker may observe and how it is weighed.

Scoring: ``scoring.py``; ``assess()``: ``assessment.py``; rules: ``signal_rules.py``; rendering:
``render/picture.py``; command: ``commands/assess.py``.
"""

import datetime
import enum
from typing import Any

import attrs

from ..i18n import _
from ..model_base import CachedHashModel, Model
from .common import (
    ConcernLevel,
    InvalidFieldError,
    Source,
    check_points,
    id_field,
    items,
    local_id_field,
    prose,
    ref_field,
)
from .conversion import as_enum, to_level, to_levels


def _non_negative(_inst: object, attribute: "attrs.Attribute[Any]", value: float) -> None:
    # Negative weights would let an extra observation lower the score: monotonicity is by construction.
    if value < 0:
        msg = _("{name} moet 0 of meer zijn, niet {value}").format(name=attribute.name, value=value)
        raise InvalidFieldError(attribute.name, msg)
    check_points(attribute.name, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Category(Model):
    """A group of signals (``gedrag``, ``uiterlijk``, ...); its id is local to its list."""

    id: str = local_id_field()
    name: str = prose()
    description: str = prose("")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Signal(Model):
    """One concrete, observable signal.

    ``red_flag`` signals force the level to *hoog* whatever the score; a red-flag signal
    names at least one of its list's ``red_flag_themes`` among its ``themes``.
    """

    id: str = id_field()
    category: str  # a category id of the list this signal belongs to
    text: str = prose()
    source: Source
    weight: float = attrs.field(default=1.0, validator=_non_negative)
    themes: tuple[str, ...] = ref_field("themes", many=True)
    red_flag: bool = False
    explanation: str = prose("")  # duiding: why this signal matters
    question: str = prose("")  # a question that enriches the observation


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ProtectiveFactor(Model):
    """Something that protects; shown beside the picture, never lowers the computed level."""

    id: str = id_field()
    text: str = prose()
    source: Source
    explanation: str = prose("")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Goal(Model):
    """A goal for interventions at the given concern levels."""

    id: str = id_field()
    text: str = prose()
    levels: tuple[ConcernLevel, ...] = attrs.field(converter=to_levels)
    source: Source
    explanation: str = prose("")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CombinationStep(Model):
    """When signals show up in at least ``categories`` different categories, add ``bonus``.

    The sources stress that the *combination* of signals gives meaning; steps are
    cumulative and the count of categories only grows with more observations, so the
    rule is monotone.
    """

    categories: int
    bonus: float = attrs.field(validator=_non_negative)
    explanation: str = prose("")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Thresholds(Model):
    """Scores at or above ``moderate`` give *matig*, at or above ``high`` give *hoog*."""

    moderate: float
    high: float


class BasisKind(enum.Enum):
    """Where a list's numbers (weights, thresholds, bonuses) come from."""

    EXAMPLE = "example"  # example values set by the pack that holds the list
    ESTABLISHED = "established"  # established by a named municipal body on a date


def _basis_kind(value: BasisKind | str) -> BasisKind:
    return as_enum(BasisKind, value)


def _iso_date(_inst: object, attribute: "attrs.Attribute[Any]", value: str) -> None:
    if value:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            msg = _("{value!r} is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld \"2026-03-12\"").format(value=value)
            raise InvalidFieldError(attribute.name, msg) from None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ScoringBasis(Model):
    """Where the weights, thresholds and bonuses of a list come from; shown next to every level.

    The sources give categories, levels and red-flag themes, but no numbers. ``example``: the
    numbers are example values of the pack that holds the list, to be set locally before use.
    ``established``: a municipal body (``by``, e.g. "het college van B&W van Tilburg") set
    them on ``date`` (YYYY-MM-DD); rule V012 checks that both are given. ``note`` says more,
    e.g. how the numbers were tested.
    """

    kind: BasisKind = attrs.field(converter=_basis_kind)
    by: str = prose("")
    date: str = attrs.field(default="", validator=_iso_date)
    note: str = prose("")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Scoring(Model):
    """The declarative scoring of a list: its basis, thresholds and combination steps."""

    basis: ScoringBasis
    thresholds: Thresholds
    combination: tuple[CombinationStep, ...] = items()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class LevelDescription(Model):
    """What a concern level means for this list (the source describes *matig*, HR §3.5)."""

    level: ConcernLevel = attrs.field(converter=to_level)
    text: str = prose()
    source: Source


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Example(Model):
    """A golden case: these observations should give this level (run as a test)."""

    signals: tuple[str, ...] = ref_field("signals", many=True)
    expected: ConcernLevel = attrs.field(default=ConcernLevel.LOW, converter=to_level)
    description: str = ""


@attrs.frozen(kw_only=True, eq=False, repr=False)  # hashed once (CachedHashModel): compiled scorers are cached per list
class SignalList(CachedHashModel):
    """A signal list with its categories, signals, scoring, protective factors and goals.

    A signal's ``themes`` say what it *may point to*; only a ``red_flag`` signal says the
    theme *is there*, and only red flags force *hoog* (rule V009: every red-flag theme of
    the list has a red-flag signal, and V003: every red-flag signal has a red-flag theme).
    """

    id: str = id_field()
    name: str = prose()
    source: Source
    scoring: Scoring
    description: str = prose("")
    audience: str = prose("")
    categories: tuple[Category, ...] = items()
    signals: tuple[Signal, ...] = items()
    red_flag_themes: tuple[str, ...] = ref_field("themes", many=True)
    protective_factors: tuple[ProtectiveFactor, ...] = items()
    goals: tuple[Goal, ...] = items()
    examples: tuple[Example, ...] = items()
    levels: tuple[LevelDescription, ...] = items()  # what laag, matig and hoog mean here
    reminder: str = prose("")  # what the picture says about setting the level together

    def signal(self, signal_id: str) -> Signal:
        """The signal with this (qualified) id; ``KeyError`` if the list has none."""
        for s in self.signals:
            if s.id == signal_id:
                return s
        raise KeyError(signal_id)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class SignalListExtension(Model):
    """Signals, protective factors and goals one pack adds to another pack's list."""

    id: str = id_field()
    target: str = ref_field("signal_lists")
    source: Source
    categories: tuple[Category, ...] = items()
    signals: tuple[Signal, ...] = items()
    protective_factors: tuple[ProtectiveFactor, ...] = items()
    goals: tuple[Goal, ...] = items()
    description: str = prose("")
