"""The scoring properties, over every signal list the catalog holds (bundled and installed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ondermijning import hookimpl, load_catalog
from ondermijning.catalog import Catalog
from ondermijning.models import SignalList
from ondermijning.models.picture import Contribution, ContributionKind
from ondermijning.scoring import ScoringRule
from ondermijning.testing import properties as props
from ondermijning.testing import strategies as ost

CATALOG = load_catalog()
LISTS = sorted(CATALOG.signal_lists)


def test_there_is_something_to_check() -> None:
    assert "deurne/jongeren" in LISTS


each_list = pytest.mark.parametrize("signal_list", [CATALOG.signal_lists[i] for i in LISTS], ids=LISTS)


@each_list
def test_empty_is_low(signal_list: SignalList) -> None:
    props.check_empty_is_low(signal_list, CATALOG)


@each_list
def test_every_level_is_reachable(signal_list: SignalList) -> None:
    props.check_levels_reachable(signal_list, CATALOG)


@each_list
def test_golden_examples(signal_list: SignalList) -> None:
    assert signal_list.examples, "every bundled list declares golden examples"
    props.check_examples(signal_list, CATALOG)


@each_list
@given(data=st.data())
def test_deterministic_and_order_independent(signal_list: SignalList, data: st.DataObject) -> None:
    observed = data.draw(ost.observations(signal_list))
    props.check_deterministic(signal_list, observed, CATALOG, seed=data.draw(st.integers(0, 1000)))


@each_list
@given(data=st.data())
def test_monotone(signal_list: SignalList, data: st.DataObject) -> None:
    observed = data.draw(ost.observations(signal_list))
    extra = data.draw(ost.observations(signal_list, min_size=1, max_size=3))
    props.check_monotone(signal_list, observed, extra, CATALOG)


@each_list
@given(data=st.data())
def test_red_flags_dominate(signal_list: SignalList, data: st.DataObject) -> None:
    red = [s.id for s in signal_list.signals if s.red_flag]
    observed = data.draw(ost.observations(signal_list))
    if red:
        observed = (*observed, data.draw(st.sampled_from(red)))
    props.check_red_flag_dominance(signal_list, set(observed), CATALOG)


@each_list
@given(data=st.data())
def test_explanation_adds_up(signal_list: SignalList, data: st.DataObject) -> None:
    props.check_explanation_adds_up(signal_list, data.draw(ost.observations(signal_list)), CATALOG)


@each_list
@given(data=st.data())
@settings(max_examples=25)
def test_json_round_trip_is_lossless(signal_list: SignalList, data: st.DataObject) -> None:
    props.check_json_round_trip(signal_list, data.draw(ost.observations(signal_list)), CATALOG)


# --- a contributed rule must keep the properties; a broken one is caught ---------------------

def _penalty(signal_list: SignalList, observed: frozenset[str]) -> list[Contribution]:
    """Broken on purpose: 3 points off per observed signal, so a light signal (weight 1 or 2) lowers the score.

    Every drawn pair of sets with a light extra signal shows it, so detection does not depend on luck.
    """
    return [Contribution(kind=ContributionKind.RULE, source="", points=-3.0 * len(observed))] if observed else []


def _bonus(signal_list: SignalList, observed: frozenset[str]) -> list[Contribution]:
    """Well-behaved: one point per two red flags."""
    red = sum(1 for s in signal_list.signals if s.red_flag and s.id in observed)
    return [Contribution(kind=ContributionKind.RULE, source="", points=red // 2, text="rode vlaggen")] if red >= 2 \
        else []


class RulePlugin:
    def __init__(self, rule: ScoringRule) -> None:
        self.rule = rule

    @hookimpl
    def ondermijning_scoring_rules(self) -> list[ScoringRule]:
        return [self.rule]


def catalog_with(rule: ScoringRule) -> Catalog:
    return load_catalog(plugins=[RulePlugin(rule)])


def test_a_monotone_contributed_rule_passes_and_counts() -> None:
    catalog = catalog_with(ScoringRule(id="test/bonus", summary="bonus", contribute=_bonus))
    sl = catalog.signal_lists["deurne/jongeren"]
    props.run_all(sl, catalog, max_examples=40)
    red = [s.id for s in sl.signals if s.red_flag][:2]
    picture = __import__("ondermijning").assess(sl, red, catalog=catalog)
    assert [c.source for c in picture.explanation.contributions][-1] == "test/bonus"


@pytest.mark.english
def test_a_broken_contributed_rule_fails_the_properties() -> None:
    catalog = catalog_with(ScoringRule(id="test/penalty", summary="penalty", contribute=_penalty))
    sl = catalog.signal_lists["deurne/jongeren"]
    with pytest.raises(AssertionError, match="lowered the score"):
        props.run_drawn(sl, catalog, max_examples=200)
    with pytest.raises(AssertionError, match="gives low, expected moderate"):
        props.check_examples(sl, catalog)  # the golden examples catch it too


# --- the properties hold for any valid list, not only the bundled ones ----------------------

@given(catalog=ost.catalogs(), data=st.data())
@settings(max_examples=60)
def test_properties_hold_for_generated_lists(catalog: Catalog, data: st.DataObject) -> None:
    from ondermijning import validate_catalog

    assert [p for p in validate_catalog(catalog) if p.severity.value == "error"] == []
    for sl in catalog.signal_lists.values():
        observed = data.draw(ost.observations(sl))
        extra = data.draw(ost.observations(sl, max_size=3))
        props.check_empty_is_low(sl, catalog)
        props.check_deterministic(sl, observed, catalog)
        props.check_monotone(sl, observed, extra, catalog)
        props.check_red_flag_dominance(sl, observed, catalog)
        props.check_explanation_adds_up(sl, observed, catalog)
        props.check_json_round_trip(sl, observed, catalog)


@given(sl=ost.signal_lists(min_signals=1))
def test_generated_lists_are_consistent(sl: SignalList) -> None:
    categories = {c.id for c in sl.categories}
    assert all(s.category in categories for s in sl.signals)
    assert 0 < sl.scoring.thresholds.moderate < sl.scoring.thresholds.high
    assert all(set(s.themes) & set(sl.red_flag_themes) for s in sl.signals if s.red_flag)


def test_strategies_check_their_arguments_at_draw_time() -> None:
    strategy = ost.signal_lists(min_signals=5, max_signals=2)  # no error yet: only when drawn

    @given(strategy)
    def draw(_sl: SignalList) -> None:
        pass

    with pytest.raises(ValueError, match="min_signals <= max_signals"):
        draw()
