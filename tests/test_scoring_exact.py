"""Scores are exact in decimal: the weights as written, summed without binary rounding."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ondermijning import assess
from ondermijning.models import (
    BasisKind,
    Category,
    CombinationStep,
    ConcernLevel,
    Scoring,
    ScoringBasis,
    Signal,
    SignalList,
    Source,
    Thresholds,
)
from ondermijning.scoring import Scorer, decimals, exact_sum

SOURCE = Source(publication="test", section="exact")


def a_list(weights: list[str], moderate: str, high: str, bonus: str = "0") -> SignalList:
    categories = ("a", "b", "c")
    signals = tuple(Signal(id=f"t/s{i}", category=categories[i % 3], text=f"s{i}", source=SOURCE, weight=float(w))
                    for i, w in enumerate(weights))
    scoring = Scoring(basis=ScoringBasis(kind=BasisKind.EXAMPLE),
                      thresholds=Thresholds(moderate=float(moderate), high=float(high)),
                      combination=(CombinationStep(categories=2, bonus=float(bonus)),))
    return SignalList(id="t/l", name="l", source=SOURCE, categories=tuple(Category(id=c, name=c) for c in categories),
                      signals=signals, scoring=scoring)


def test_a_float_sum_would_miss_the_threshold_the_decimal_sum_reaches() -> None:
    assert 0.7 + 0.1 < 0.8  # the reason for all this
    sl = a_list(["0.7", "0.1"], moderate="0.8", high="5")
    picture = assess(sl, ["t/s0", "t/s1"])
    # s0 and s1 are in two categories, the bonus is 0: 0.7 + 0.1 = 0.8 exactly
    assert picture.score == 0.8
    assert picture.level is ConcernLevel.MODERATE


def test_decimals_and_exact_sum() -> None:
    assert [decimals(x) for x in (3.0, 2.5, 0.125, 1e-05, 1e300)] == [0, 1, 3, 5, 0]
    assert exact_sum([0.1, 0.2]) == 0.3 and exact_sum([0.1] * 3) == 0.3
    assert exact_sum([]) == 0.0


decimal_text = st.builds(lambda units, digits: str(Fraction(units, 10**digits).__float__()),
                         st.integers(0, 5000), st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(weights=st.lists(decimal_text, min_size=1, max_size=8), moderate=decimal_text, gap=decimal_text,
       bonus=decimal_text, data=st.data())
def test_score_is_the_float_nearest_the_exact_decimal_sum(weights: list[str], moderate: str, gap: str, bonus: str,
                                                           data: st.DataObject) -> None:
    high = str(float(Fraction(moderate) + Fraction(gap)))
    sl = a_list(weights, moderate, high, bonus)
    chosen = data.draw(st.lists(st.sampled_from([s.id for s in sl.signals]), unique=True))
    # the oracle: fractions of the decimals as written
    total = sum((Fraction(weights[int(s[3:])]) for s in chosen), Fraction(0))
    if len({sl.signal(s).category for s in chosen}) >= 2:
        total += Fraction(bonus)
    expected = (ConcernLevel.HIGH if total >= Fraction(high) else
                ConcernLevel.MODERATE if total >= Fraction(moderate) else ConcernLevel.LOW)
    score, level = Scorer(sl).score(frozenset(chosen))
    assert (score, level) == (float(total), expected)
    picture = assess(sl, chosen)
    assert (picture.score, picture.level) == (float(total), expected)
    assert exact_sum(c.points for c in picture.explanation.contributions) == picture.score
