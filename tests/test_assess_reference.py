"""The fast assess() gives the very picture the old one did (tests/reference_assess.py).

The watch-next scan is now computed from the points still missing (bit sets and a cut-off
weight, or an fsum per signal) instead of re-scoring the list per signal; explanation lines,
breakdowns and route choices are made once per list. These properties compare whole pictures
with the old algorithm on generated lists: whole-number and binary-fraction weights (the bit-set
path), decimal weights (the fsum path), thresholds on and off the reachable sums, repeated
category ids, and lists with contributed scoring rules (which re-score, as the old code did).
"""

from __future__ import annotations

import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ondermijning as o
from ondermijning.assemble import load_catalog
from ondermijning.hookspecs import hookimpl
from ondermijning.models import Category, ConcernLevel, Pack, Route, RouteAction, RouteScope, SignalList, Theme
from ondermijning.models.common import Source
from ondermijning.models.picture import Contribution, ContributionKind, Observation, ObservationKind
from ondermijning.scoring import ScoringRule
from ondermijning.testing.strategies import signal_lists

from . import reference_assess

SOURCE = Source(publication="test")
GRID = [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 2, 10**30]  # whole numbers as a plugin may give them too


@st.composite
def lists(draw: st.DrawFn) -> SignalList:
    """Generated lists, re-weighted and re-thresholded to hit the cases the fast path tells apart."""
    sl = draw(signal_lists(max_signals=16))
    mode = draw(st.sampled_from(["as generated", "binary fractions", "on the thresholds"]))
    if mode != "as generated":
        signals = tuple(attrs.evolve(s, weight=draw(st.sampled_from(GRID))) for s in sl.signals)
        steps = tuple(attrs.evolve(step, bonus=draw(st.sampled_from(GRID))) for step in sl.scoring.combination)
        sl = attrs.evolve(sl, signals=signals, scoring=attrs.evolve(sl.scoring, combination=steps))
    if mode == "on the thresholds":  # thresholds a sum can reach exactly: the >= must be the scorer's
        moderate = draw(st.sampled_from([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0]))
        high = moderate + draw(st.sampled_from([0.25, 0.5, 1.0, 2.0, 3.5]))
        sl = attrs.evolve(sl, scoring=attrs.evolve(sl.scoring, thresholds=attrs.evolve(
            sl.scoring.thresholds, moderate=moderate, high=high)))
    if draw(st.booleans()) and sl.categories:  # a category id twice (as an extension may add it)
        sl = attrs.evolve(sl, categories=(*sl.categories, Category(id=sl.categories[0].id, name="again")))
    return sl


@st.composite
def observed(draw: st.DrawFn, sl: SignalList) -> list[str | Observation]:
    ids = [s.id for s in sl.signals]
    chosen = draw(st.lists(st.sampled_from(ids), max_size=12)) if ids else []  # repeats count once
    out: list[str | Observation] = []
    for signal_id in chosen:
        how = draw(st.sampled_from(["qualified", "local", "observation"]))
        if how == "local":
            out.append(signal_id.partition("/")[2])
        elif how == "observation":
            out.append(Observation(signal=signal_id, kind=ObservationKind.INTERPRETATION, observer="mentor"))
        else:
            out.append(signal_id)
    return out


def _pairs_rule(a: str, b: str, points: float) -> ScoringRule:
    def contribute(_sl: SignalList, seen: frozenset[str]) -> list[Contribution]:
        return [Contribution(kind=ContributionKind.RULE, source="", points=points, text="samen")] \
            if a in seen and b in seen else []

    return ScoringRule(id="gen/paar", summary="two together", contribute=contribute)


class _Content:
    """A plugin with one generated list, a theme, a route per level and optionally a scoring rule."""

    def __init__(self, sl: SignalList, rule: ScoringRule | None) -> None:
        self.sl, self.rule = sl, rule
        self.__name__ = "generated"

    @hookimpl
    def ondermijning_packs(self) -> list[Pack]:
        return [Pack(id="gen", name="gen", version="1.0.0")]

    @hookimpl
    def ondermijning_themes(self) -> list[Theme]:
        return [Theme(id="gen/drugs", name="drugs", source=SOURCE)]

    @hookimpl
    def ondermijning_signal_lists(self) -> list[SignalList]:
        return [self.sl]

    @hookimpl
    def ondermijning_routes(self) -> list[Route]:
        themed = Route(id="gen/drugsteam", name="drugs", action=RouteAction.REPORT, scope=RouteScope.LOCAL,
                       levels=(ConcernLevel.HIGH, ConcernLevel.MODERATE), when="drugs", themes=("gen/drugs",),
                       source=SOURCE)
        return [themed, *(Route(id=f"gen/route-{level.value}", name=level.value, action=RouteAction.ADVICE,
                                scope=RouteScope.LOCAL, levels=(level,), when="altijd", source=SOURCE)
                          for level in ConcernLevel)]

    @hookimpl
    def ondermijning_scoring_rules(self) -> list[ScoringRule]:
        return [self.rule] if self.rule is not None else []


def _assert_same(sl: SignalList, seen: list[str | Observation], catalog: o.Catalog | None) -> None:
    fast = o.assess(sl, seen, catalog=catalog)
    slow = reference_assess.assess(sl, seen, catalog=catalog)
    assert fast.watch_next == slow.watch_next
    assert fast == slow


@given(st.data())
def test_the_picture_is_the_reference_picture_without_a_catalog(data: st.DataObject) -> None:
    sl = data.draw(lists())
    seen = data.draw(observed(sl))
    _assert_same(sl, seen, None)
    _assert_same(sl, seen, None)  # again: parts kept from the first picture change nothing


@settings(max_examples=40)
@given(st.data())
def test_the_picture_is_the_reference_picture_with_routes_and_scoring_rules(data: st.DataObject) -> None:
    sl = data.draw(lists())
    rule = None
    if sl.signals and data.draw(st.booleans(), label="with a scoring rule"):
        a, b = data.draw(st.lists(st.sampled_from([s.id for s in sl.signals]), min_size=2, max_size=2))
        rule = _pairs_rule(a, b, data.draw(st.sampled_from([0.5, 1.0, 2.0, 0.3])))
    catalog = load_catalog(plugins=[_Content(sl, rule)], autoload=False, disable=["core"])
    assert catalog.signal_lists, catalog.problems
    for _ in range(3):
        _assert_same(catalog.signal_lists[sl.id], data.draw(observed(sl)), catalog)


def test_the_bundled_lists_give_the_reference_pictures() -> None:
    catalog = o.load_catalog()
    rng = random.Random(11)
    for sl in catalog.signal_lists.values():
        ids = [s.id for s in sl.signals]
        for _ in range(300):
            _assert_same(sl, rng.sample(ids, rng.randint(0, min(15, len(ids)))), catalog)


def test_rules_that_compare_equal_are_still_told_apart() -> None:
    """Rules compare by id and summary; a picture must use the rule it was given, not a cached look-alike."""
    sl = o.load_catalog().signal_lists["deurne/jongeren"]
    first, second = sl.signals[0].id, sl.signals[1].id
    for points in (1.0, 7.0):
        content = _Content(attrs.evolve(sl, id="gen/jongeren", examples=()), _pairs_rule(first, second, points))
        catalog = load_catalog(plugins=[content], autoload=False, disable=["core"])
        listed = catalog.signal_lists["gen/jongeren"]
        _assert_same(listed, [first, second], catalog)


def test_contributed_rules_are_asked_for_every_signal_as_before() -> None:
    """With a scoring rule the scan re-scores (a rule's points for a larger set are unknown)."""
    calls = []

    def contribute(sl: SignalList, seen: frozenset[str]) -> list[Contribution]:
        calls.append(seen)
        return []

    rule = ScoringRule(id="gen/tel", summary="counts calls", contribute=contribute)
    sl = o.load_catalog().signal_lists["deurne/jongeren"]
    catalog = load_catalog(plugins=[_Content(attrs.evolve(sl, id="gen/jongeren", examples=()), rule)], autoload=False,
                           disable=["core"])
    listed = catalog.signal_lists["gen/jongeren"]
    _assert_same(listed, [], catalog)
    assert len(calls) > len(listed.signals)  # once for the picture, once per unobserved signal (twice: reference)


def test_without_rules_the_scan_scores_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch list comes from the points still missing: Scorer.score is not called per signal."""
    from ondermijning.scoring import Scorer

    sl = o.load_catalog().signal_lists["deurne/jongeren"]
    calls = 0
    original = Scorer.score

    def counting(self: Scorer, observed: frozenset[str], categories: int | None = None, *,
                 units: int | None = None) -> tuple[float, ConcernLevel]:
        nonlocal calls
        calls += 1
        return original(self, observed, categories, units=units)

    monkeypatch.setattr(Scorer, "score", counting)
    picture = o.assess(sl, [sl.signals[0].id])
    assert picture.watch_next and calls == 1  # once for the picture itself, never per signal
