"""Signal lists for the interop tests: every bundled list, and drawn lists with fractional weights."""

from __future__ import annotations

from fractions import Fraction

import attrs
from hypothesis import strategies as st

import ondermijning as o
from ondermijning.models import (
    BasisKind,
    Category,
    CombinationStep,
    Example,
    Pack,
    Scoring,
    ScoringBasis,
    Signal,
    SignalList,
    Source,
    Thresholds,
)
from ondermijning.scoring import Scorer

CATALOG = o.load_catalog()
#: every bundled list: new lists are covered without touching the tests
BUNDLED = sorted(CATALOG.signal_lists)
SOURCE = Source(publication="hypothesis", section="interop")


def pack_of_list(list_id: str) -> Pack:
    return CATALOG.packs[list_id.split("/")[0]]


def decimals(most: int = 2) -> st.SearchStrategy[str]:
    """Decimal numbers as an author writes them: 0, 3, 0.5, 1.25, 0.1 ..."""
    return st.builds(lambda units, digits: str(float(Fraction(units, 10**digits))), st.integers(0, 400),
                     st.integers(0, most))


@st.composite
def fractional_lists(draw: st.DrawFn) -> SignalList:
    """Lists with fractional weights whose ``moderate`` threshold is the exact sum of some weights, so
    a set of signals lands on the boundary (where a float sum of 0.1 + 0.2 style weights would miss it)."""
    categories = [f"c{i}" for i in range(draw(st.integers(1, 4)))]
    weights = draw(st.lists(decimals(), min_size=1, max_size=8))
    signals = tuple(Signal(id=f"gen/s{i}", category=draw(st.sampled_from(categories)), text=f"signaal {i}",
                           source=SOURCE, weight=float(w), red_flag=draw(st.integers(0, 5)) == 0,
                           themes=("core/drugs",), explanation=draw(st.sampled_from(["", "uitleg"])),
                           question=draw(st.sampled_from(["", "vraag?"])))
                    for i, w in enumerate(weights))
    # the boundary: the moderate threshold is exactly what these signals weigh (before bonuses)
    subset = draw(st.lists(st.sampled_from(range(len(weights))), min_size=1, unique=True))
    moderate = float(sum((Fraction(weights[i]) for i in subset), Fraction(0)))
    high = float(Fraction(str(moderate)) + Fraction(draw(decimals())) + Fraction(1, 10))
    steps = sorted(draw(st.lists(st.integers(2, 4), max_size=2, unique=True)))
    combination = tuple(CombinationStep(categories=n, bonus=float(draw(decimals(1)))) for n in steps)
    sl = SignalList(id="gen/lijst", name="Gegenereerde lijst", source=SOURCE, description="beschrijving",
                    scoring=Scoring(basis=ScoringBasis(kind=BasisKind.EXAMPLE),
                                    thresholds=Thresholds(moderate=moderate, high=high), combination=combination),
                    categories=tuple(Category(id=c, name=f"Categorie {c}") for c in categories), signals=signals,
                    red_flag_themes=("core/drugs",))
    boundary = tuple(signals[i].id for i in subset)
    _score, level = Scorer(sl).score(frozenset(boundary))
    return attrs.evolve(sl, examples=(Example(signals=boundary, expected=level, description="op de grens"),))


def boundary(sl: SignalList) -> frozenset[str]:
    """The signals of a drawn list whose weights sum exactly to its moderate threshold."""
    return frozenset(sl.examples[0].signals)


GEN_PACK = Pack(id="gen", name="Gegenereerd", version="1.2.3", requires={"core": ">=0.1"})
