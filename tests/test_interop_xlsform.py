"""The XLSForm converts cleanly (pyxform, ODK Validate) and its calculations score as assess() does.

The calculations are evaluated by libxml2's XPath 1.0 (lxml) over an instance made from the
XForm pyxform produces: a strict XPath 1.0 with IEEE doubles, as JavaRosa and Enketo use, and
none of ODK's extra functions except XForms' if(), which ondermijning.testing.forms adds.
"""

from __future__ import annotations

import functools
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ondermijning import assess
from ondermijning.interop.record import own_themes
from ondermijning.interop.xlsform import YES, sheets, workbook
from ondermijning.models import SignalList
from ondermijning.testing.forms import XFormCalculator
from ondermijning.testing.strategies import observations

from .interop_lists import BUNDLED, CATALOG, GEN_PACK, boundary, fractional_lists, pack_of_list


def _workbook(sl: SignalList, pack: object = None) -> bytes:
    pack = pack or pack_of_list(sl.id)
    return workbook(sl, pack, themes=own_themes(sl, CATALOG.themes))  # type: ignore[arg-type]


@functools.cache
def calculator(list_id: str) -> XFormCalculator:
    return XFormCalculator(_workbook(CATALOG.signal_lists[list_id]))


def answers(calc: XFormCalculator, sl: SignalList, ticked: frozenset[str],
            answered_no: frozenset[str]) -> dict[str, str]:
    rows = sheets(sl, pack_of_list(sl.id) if sl.id in CATALOG.signal_lists else GEN_PACK)["survey"]
    name_of = {row[6]: row[1] for row in rows[1:] if row[0] == "select_one ja_nee"}
    path_of = {path.rsplit("/", 1)[1]: path for path in calc.questions}
    chosen = {path_of[name_of[s]]: YES for s in ticked}
    chosen.update({path_of[name_of[s]]: "nee" for s in answered_no})
    return chosen


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java (.ci/run installs it)")
@pytest.mark.parametrize("list_id", BUNDLED)
def test_pyxform_and_odk_validate_accept_the_form_without_warnings(list_id: str) -> None:
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    convert(_workbook(CATALOG.signal_lists[list_id]), warnings=warnings, validate=True)  # runs JavaRosa
    assert warnings == []


@pytest.mark.parametrize("list_id", BUNDLED)
def test_the_survey_has_a_group_per_category_and_calculate_rows(list_id: str) -> None:
    sl = CATALOG.signal_lists[list_id]
    book = sheets(sl, pack_of_list(list_id))
    assert list(book) == ["survey", "choices", "settings", "ondermijning"]
    survey = book["survey"]
    assert [r[2] for r in survey if r[0] == "begin_group"] == [c.name for c in sl.categories]
    assert [r[6] for r in survey if r[0] == "select_one ja_nee"] == [s.id for s in sl.signals]
    assert [r[1] for r in survey if r[0] == "calculate"] == ["red_flags", "categories", "units", "score", "level",
                                                              "niveau"]
    assert book["settings"][1][2] == pack_of_list(list_id).version and "label::nl" in survey[0]
    assert calculator(list_id).warnings == []


@pytest.mark.parametrize("list_id", BUNDLED)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_xpath_gives_the_score_and_level_of_assess(list_id: str, data: st.DataObject) -> None:
    sl = CATALOG.signal_lists[list_id]
    ticked = frozenset(data.draw(observations(sl)))
    rest = [s.id for s in sl.signals if s.id not in ticked]
    answered_no = frozenset(data.draw(st.lists(st.sampled_from(rest), unique=True)) if rest else [])
    calc = calculator(list_id)
    values = calc.evaluate(answers(calc, sl, ticked, answered_no))
    picture = assess(sl, ticked, catalog=CATALOG)
    assert (float(values["/data/score"]), values["/data/level"]) == (picture.score, picture.level.value)
    assert values["/data/niveau"] == picture.level.label


@settings(max_examples=25, deadline=None)
@given(sl=fractional_lists(), data=st.data())
def test_fractional_weights_score_exactly_the_same_even_on_the_threshold(sl: SignalList, data: st.DataObject) -> None:
    calc = XFormCalculator(workbook(sl, GEN_PACK))
    assert calc.warnings == []
    for ticked in (boundary(sl), frozenset(data.draw(observations(sl)))):
        values = calc.evaluate(answers(calc, sl, ticked, frozenset()))
        picture = assess(sl, ticked)
        assert (float(values["/data/score"]), values["/data/level"]) == (picture.score, picture.level.value)
