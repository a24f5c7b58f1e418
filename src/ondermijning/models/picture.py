"""The information picture (informatiebeeld): what ``assess()`` returns.

The computed level is *advice*. The professionals' joint judgement is kept in a separate
:class:`Judgement`, which may differ from the computed level and never overwrites it. A
picture refers to its subject by an optional pseudonym only: no names, no dates of birth,
no addresses (AVG).
"""

import datetime
import enum

import attrs

from ..model_base import Model
from .common import ConcernLevel, as_tuple, items, texts
from .conversion import as_enum, to_date, to_level
from .routes import Route
from .signals import Goal, ProtectiveFactor, ScoringBasis, Thresholds

#: bumped when the JSON form of a picture changes incompatibly (2: pins added; 3: the basis of the
#: numbers and the municipality whose routes apply; 4: the language of its texts; 1 to 3 are still read)
PICTURE_FORMAT_VERSION = 4


class ObservationKind(enum.Enum):
    """Separate what was seen or heard (fact) from what it is taken to mean (interpretation)."""

    FACT = "fact"
    INTERPRETATION = "interpretation"


def _observation_kind(value: ObservationKind | str) -> ObservationKind:
    return as_enum(ObservationKind, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Observation(Model):
    """One observed signal, with optional context; ``note`` is free text and dropped by redaction."""

    signal: str
    kind: ObservationKind = attrs.field(default=ObservationKind.FACT, converter=_observation_kind)
    date: datetime.date | None = attrs.field(default=None, converter=to_date)
    observer: str = ""  # a role ("conciërge", "jongerenwerker"), never a name
    note: str = ""


class ContributionKind(enum.Enum):
    SIGNAL = "signal"
    COMBINATION = "combination"
    RULE = "rule"


def _contribution_kind(value: ContributionKind | str) -> ContributionKind:
    return as_enum(ContributionKind, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Contribution(Model):
    """One line of the explanation trace: what added how many points, and why."""

    kind: ContributionKind = attrs.field(converter=_contribution_kind)
    source: str  # a signal id, "combination", or a rule id
    points: float
    text: str = ""
    category: str = ""


class DecisionKind(enum.Enum):
    RED_FLAG = "red_flag"
    THRESHOLD = "threshold"
    BELOW_THRESHOLDS = "below_thresholds"


def _decision_kind(value: DecisionKind | str) -> DecisionKind:
    return as_enum(DecisionKind, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Decision(Model):
    """What decided the computed level: a red flag, a threshold, or neither."""

    kind: DecisionKind = attrs.field(converter=_decision_kind)
    text: str
    signals: tuple[str, ...] = texts()  # the red-flag signals, when a red flag decided
    threshold: float | None = None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Explanation(Model):
    """The trace: contributions add up to the score; ``decision`` says what set the level.

    ``basis`` says where the thresholds and weights come from (example values of a pack, or
    values a municipal body established); None only in pictures written before format 3.
    """

    contributions: tuple[Contribution, ...] = items()
    decision: Decision
    thresholds: Thresholds
    basis: ScoringBasis | None = None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CategoryScore(Model):
    category: str
    name: str
    points: float
    signals: tuple[str, ...] = texts()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RedFlag(Model):
    signal: str
    text: str
    themes: tuple[str, ...] = texts()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class WatchSignal(Model):
    """A signal not (yet) observed that would on its own raise the level: what to watch next."""

    signal: str
    text: str
    category: str
    raises_to: ConcernLevel = attrs.field(converter=to_level)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Judgement(Model):
    """The level professionals agree on together, and why; kept beside the computed level."""

    level: ConcernLevel = attrs.field(converter=to_level)
    reason: str
    consulted: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)  # roles, not names
    date: datetime.date | None = attrs.field(default=None, converter=to_date)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Pins(Model):
    """What a picture was computed with, so that it can be checked and re-assessed later.

    ``list_hash`` is ``"sha256:"`` and the digest of the list's canonical JSON (its categories,
    signals, weights, thresholds and everything else that scores or explains), so a list that
    changed without a new pack version still shows. ``pack_version`` is empty when the picture
    was assessed without a catalog.
    """

    pack: str
    pack_version: str
    list_hash: str
    library_version: str


@attrs.frozen(kw_only=True, eq=False, repr=False)
class InformationPicture(Model):
    """Level, score, breakdown, red flags, explanation, what to watch, goals, routes, reminder."""

    signal_list: str
    level: ConcernLevel = attrs.field(converter=to_level)
    score: float
    explanation: Explanation
    reminder: str
    observations: tuple[Observation, ...] = items()
    categories: tuple[CategoryScore, ...] = items()
    red_flags: tuple[RedFlag, ...] = items()
    watch_next: tuple[WatchSignal, ...] = items()
    goals: tuple[Goal, ...] = items()
    routes: tuple[Route, ...] = items()
    protective_factors: tuple[ProtectiveFactor, ...] = items()
    subject: str = ""  # an optional pseudonym; never a real name
    judgement: Judgement | None = None
    pins: Pins | None = None  # set by assess(); None only in pictures written before format version 2
    municipality: str = ""  # the pack whose local routes are named; empty before format version 3
    #: the language its texts were asked in (``"en"``): the packs' texts where they translate them, the rest
    #: in each pack's own language; ``"nl"`` before format version 4
    language: str = "nl"

    @property
    def computed_level(self) -> ConcernLevel:
        """The level the scoring computed (the same as ``level``; named for contrast with ``judgement``)."""
        return self.level

    def with_judgement(self, judgement: Judgement) -> "InformationPicture":
        """This picture with the professionals' joint judgement added; the computed level stays."""
        return attrs.evolve(self, judgement=judgement)
