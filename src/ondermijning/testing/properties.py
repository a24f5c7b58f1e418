"""The scoring properties every signal list must keep, as plain check functions.

Each function raises ``AssertionError`` with a message naming the list and the signals when a
property fails. The library's tests drive them with hypothesis over every installed list;
pack authors can do the same for theirs (``run_all``)::

    from ondermijning.testing.properties import run_all
    run_all(catalog.signal_lists["gemeente/buurt"], catalog)

The checks judge a list as written, also one the catalog marked invalid (``catalog.invalid_lists``,
which :func:`~ondermijning.assess` refuses): finding out what is wrong with it is their purpose.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ..assessment import assess as _assess
from ..i18n import _, ngettext
from ..models import ConcernLevel, SignalList
from ..models.picture import InformationPicture
from ..scoring import Scorer, exact_sum
from ..serialize import from_json, to_json

if TYPE_CHECKING:
    from ..catalog import Catalog


class PropertyViolation(AssertionError):
    """A scoring property does not hold (an AssertionError, so test runners report it as a failure)."""


def _require(condition: bool, message: str) -> None:
    # not `assert`: python -O would strip it, and these checks must always run
    if not condition:
        raise PropertyViolation(message)


def assess(sl: SignalList, observed: Iterable[str], catalog: Catalog | None = None) -> InformationPicture:
    """:func:`~ondermijning.assess`, also for a list the catalog marked invalid."""
    if catalog is not None and sl.id in catalog.invalid_lists:
        catalog = attrs.evolve(catalog, invalid_lists={})
    return _assess(sl, observed, catalog=catalog)


def _scorer(sl: SignalList, catalog: Catalog | None) -> Scorer:
    return Scorer(sl, tuple(catalog.scoring_rules) if catalog is not None else ())


def _fmt(ids: Collection[str]) -> str:
    return "{" + ", ".join(sorted(ids)) + "}"


def check_deterministic(sl: SignalList, observed: Sequence[str], catalog: Catalog | None = None,
                        *, seed: int = 0) -> None:
    """The same observations in any order (or ticked twice) give the same picture."""
    shuffled = list(observed) + list(observed[:1])
    random.Random(seed).shuffle(shuffled)
    first, again = assess(sl, observed, catalog), assess(sl, shuffled, catalog)
    _require(first == again, _("{list}: een andere volgorde of een herhaling veranderde het informatiebeeld voor "
                                "{observed}").format(list=sl.id, observed=_fmt(observed)))


def check_monotone(sl: SignalList, observed: Collection[str], extra: Collection[str],
                   catalog: Catalog | None = None) -> None:
    """Adding signals never lowers the score or the level."""
    scorer = _scorer(sl, catalog)
    score, level = scorer.score(frozenset(observed))
    more_score, more_level = scorer.score(frozenset(observed) | frozenset(extra))
    where = {"list": sl.id, "extra": _fmt(extra), "observed": _fmt(observed)}
    _require(more_score >= score, _("{list}: {extra} toevoegen aan {observed} verlaagde de score van {before} naar "
                                    "{after}").format(**where, before=score, after=more_score))
    _require(more_level >= level, _("{list}: {extra} toevoegen aan {observed} verlaagde het niveau van {before} naar "
                                    "{after}").format(**where, before=level.label, after=more_level.label))


def check_red_flag_dominance(sl: SignalList, observed: Collection[str], catalog: Catalog | None = None) -> None:
    """Any observed red-flag signal gives hoog."""
    red = {s.id for s in sl.signals if s.red_flag}
    if red.intersection(observed):
        _score, level = _scorer(sl, catalog).score(frozenset(observed))
        _require(level is ConcernLevel.HIGH, _("{list}: een rode vlag in {observed} gaf {level}, niet hoog").format(
            list=sl.id, observed=_fmt(observed), level=level.label))


def check_empty_is_low(sl: SignalList, catalog: Catalog | None = None) -> None:
    """No observations: laag, score 0."""
    picture = assess(sl, [], catalog)
    _require(picture.level is ConcernLevel.LOW, _("{list}: geen waarnemingen gaf {level}").format(
        list=sl.id, level=picture.level.label))
    _require(picture.score == 0, _("{list}: geen waarnemingen gaf score {score}").format(list=sl.id,
                                                                                        score=picture.score))


def check_explanation_adds_up(sl: SignalList, observed: Collection[str], catalog: Catalog | None = None) -> None:
    """The explanation's contributions add up to the score (exactly, in decimal), and the fast path agrees."""
    picture = assess(sl, observed, catalog)
    total = exact_sum(c.points for c in picture.explanation.contributions)
    _require(total == picture.score, _("{list}: de bijdragen tellen op tot {total}, de score is {score}").format(
        list=sl.id, total=total, score=picture.score))
    fast_score, fast_level = _scorer(sl, catalog).score(frozenset(picture_ids(picture)))
    _require((fast_score, fast_level) == (picture.score, picture.level),
             _("{list}: de snelle berekening geeft iets anders").format(list=sl.id))


def picture_ids(picture: InformationPicture) -> list[str]:
    return [o.signal for o in picture.observations]


def check_json_round_trip(sl: SignalList, observed: Collection[str], catalog: Catalog | None = None) -> None:
    """A picture survives JSON unchanged."""
    picture = assess(sl, observed, catalog)
    _require(from_json(to_json(picture), InformationPicture) == picture,
             _("{list}: heen en terug via JSON ging er iets verloren").format(list=sl.id))


def check_levels_reachable(sl: SignalList, catalog: Catalog | None = None) -> None:
    """Each level can occur: laag with nothing, matig and hoog with some set of signals.

    Matig is searched by adding ordinary signals, lightest first, until the score reaches the
    threshold; hoog by all ordinary signals, or else a red flag.
    """
    scorer = _scorer(sl, catalog)
    ordinary = sorted((s for s in sl.signals if not s.red_flag), key=lambda s: s.weight)
    seen = {ConcernLevel.LOW} if scorer.score(frozenset())[1] is ConcernLevel.LOW else set()
    chosen: set[str] = set()
    for signal in ordinary:
        chosen.add(signal.id)
        seen.add(scorer.score(frozenset(chosen))[1])
    seen.update(scorer.score(frozenset({s.id}))[1] for s in sl.signals if s.red_flag)
    missing = [level.label for level in ConcernLevel if level not in seen]
    _require(not missing, ngettext("{list}: niveau {levels} kan met deze gewichten en drempels niet voorkomen",
                                   "{list}: niveaus {levels} kunnen met deze gewichten en drempels niet voorkomen",
                                   len(missing)).format(list=sl.id, levels=", ".join(missing)))


def check_examples(sl: SignalList, catalog: Catalog | None = None) -> None:
    """The list's golden examples name signals of the list and give the level they expect.

    The messages are those of ``ondermijning validate`` (V001, V008), without the location.
    """
    from ..signal_rules import example_mismatch, unknown_example_signals, unknown_signal_message

    for number, example in enumerate(sl.examples, start=1):
        unknown = unknown_example_signals(sl, example)
        if unknown:
            message, hint = unknown_signal_message(sl, number, unknown[0], catalog)
            raise PropertyViolation(f"{sl.id}: {message} — {hint}")
        mismatch = example_mismatch(sl, number, example, catalog)
        _require(mismatch is None, f"{sl.id}: {mismatch}")


def run_all(sl: SignalList, catalog: Catalog | None = None, *, max_examples: int = 100) -> None:
    """Every property: the fixed checks, then the drawn ones."""
    check_empty_is_low(sl, catalog)
    check_levels_reachable(sl, catalog)
    check_examples(sl, catalog)
    run_drawn(sl, catalog, max_examples=max_examples)


def run_drawn(sl: SignalList, catalog: Catalog | None = None, *, max_examples: int = 100) -> None:
    """The properties over observations hypothesis draws (and shrinks, when one fails)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from .strategies import observations

    @settings(max_examples=max_examples, deadline=None, database=None)
    @given(observed=observations(sl), extra=observations(sl, max_size=3), seed=st.integers(0, 2**16))
    def properties(observed: tuple[str, ...], extra: tuple[str, ...], seed: int) -> None:
        check_deterministic(sl, observed, catalog, seed=seed)
        check_monotone(sl, observed, extra, catalog)
        check_red_flag_dominance(sl, observed, catalog)
        check_explanation_adds_up(sl, observed, catalog)
        check_json_round_trip(sl, observed, catalog)

    properties()
