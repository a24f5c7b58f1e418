"""The FHIR Questionnaire scores as assess() does: fhirpathpy evaluates its SDC expressions."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ondermijning import assess
from ondermijning.interop.fhir import EXTENSIONS, HELP, LEVEL, SCORE, questionnaire
from ondermijning.interop.formula import MAX_UNITS, ExportError, formula_for
from ondermijning.interop.record import own_themes
from ondermijning.models import SignalList
from ondermijning.scoring import ScoringRule
from ondermijning.testing.forms import FhirCalculator, fhir_response
from ondermijning.testing.strategies import observations

from .interop_lists import BUNDLED, CATALOG, GEN_PACK, boundary, fractional_lists, pack_of_list


@functools.cache
def calculator(list_id: str) -> FhirCalculator:
    sl = CATALOG.signal_lists[list_id]
    return FhirCalculator(questionnaire(sl, pack_of_list(list_id), themes=own_themes(sl, CATALOG.themes)))


@pytest.mark.parametrize("list_id", BUNDLED)
def test_one_group_per_category_and_one_boolean_item_per_signal(list_id: str) -> None:
    sl = CATALOG.signal_lists[list_id]
    q = calculator(list_id).questionnaire
    pack = pack_of_list(list_id)
    assert (q["resourceType"], q["version"], q["status"]) == ("Questionnaire", pack.version, "draft")
    assert q["url"].endswith("/Questionnaire/" + q["id"]) and q["title"] == sl.name
    groups = [i for i in q["item"] if i["type"] == "group"]
    assert [g["text"] for g in groups] == [c.name for c in sl.categories]
    items = {i["linkId"]: i for g in groups for i in g.get("item", []) if i["type"] == "boolean"}
    assert list(items) == [s.id for s in sl.signals]
    for signal in sl.signals:
        help_texts = [c["text"] for c in items[signal.id].get("item", []) if c["linkId"] == signal.id + HELP]
        assert help_texts == ([signal.explanation] if signal.explanation else [])
    assert [i["linkId"] for i in q["item"][len(groups):]] == [SCORE, LEVEL, "reminder"]


@pytest.mark.parametrize("list_id", BUNDLED)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_fhirpath_gives_the_score_and_level_of_assess(list_id: str, data: st.DataObject) -> None:
    sl = CATALOG.signal_lists[list_id]
    ticked = data.draw(observations(sl))
    rest = [s.id for s in sl.signals if s.id not in ticked]
    answered_false = data.draw(st.lists(st.sampled_from(rest), unique=True)) if rest else []
    picture = assess(sl, ticked, catalog=CATALOG)
    calc = calculator(list_id)
    response = fhir_response(calc.questionnaire, ticked, answered_false=answered_false)
    assert calc.score_and_level(response) == (picture.score, picture.level.value)


@settings(max_examples=40, deadline=None)
@given(sl=fractional_lists(), data=st.data())
def test_fractional_weights_score_exactly_the_same_even_on_the_threshold(sl: SignalList, data: st.DataObject) -> None:
    calc = FhirCalculator(questionnaire(sl, GEN_PACK))
    for ticked in (boundary(sl), frozenset(data.draw(observations(sl)))):
        picture = assess(sl, ticked)
        score, level = calc.score_and_level(fhir_response(calc.questionnaire, ticked))
        assert (score, level) == (picture.score, picture.level.value)
        assert type(score) is float and repr(score) == repr(picture.score)


def test_a_plugin_rule_is_refused_by_name() -> None:
    sl = CATALOG.signal_lists[BUNDLED[0]]
    rule = ScoringRule(id="utrecht/avond-en-school", summary="hangplek en spijbelen samen",
                       contribute=lambda _sl, _observed: [], lists=[sl.id])
    with pytest.raises(ExportError, match=r"scoreregel utrecht/avond-en-school .*Python-code"):
        questionnaire(sl, pack_of_list(sl.id), rules=[rule])
    other = ScoringRule(id="x/ander", summary="", contribute=lambda _sl, _o: [], lists=["x/andere-lijst"])
    assert formula_for(sl, [other]).digits == 0  # a rule for another list does not count


def test_numbers_that_do_not_fit_in_32_bits_are_refused() -> None:
    sl = CATALOG.signal_lists[BUNDLED[0]]
    tiny = sl.signals[0].__class__(**{**{f: getattr(sl.signals[0], f) for f in ("id", "category", "text", "source")},
                                      "weight": 1e-9})
    huge = type(sl)(**{**{f: getattr(sl, f) for f in ("id", "name", "source", "scoring", "categories")},
                       "signals": (tiny, *sl.signals[1:])})
    with pytest.raises(ExportError, match=f"ten hoogste {MAX_UNITS}"):
        questionnaire(huge, pack_of_list(sl.id))


def test_the_library_extensions_have_one_namespace() -> None:
    q = calculator(BUNDLED[0]).questionnaire
    ours = [e["url"] for e in q["extension"] if e["url"].startswith(EXTENSIONS)]
    assert ours == [EXTENSIONS + "pack", EXTENSIONS + "signal-list", EXTENSIONS + "themes"]
