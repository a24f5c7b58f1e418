"""load_catalog() never serves a broken list silently: it is marked invalid, and assess() refuses it."""

from __future__ import annotations

import subprocess
import sys

import attrs
import pytest

from ondermijning import InvalidSignalListError, assess, load_catalog, validate_catalog
from ondermijning.cli import main
from ondermijning.errors import PackError

from .conftest import MakePack
from .test_validate_examples import GOOD, buurt, example, line_of


def test_thresholds_out_of_order_mark_the_list_invalid(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD, moderate=9, high=4)})
    catalog = load_catalog([folder])
    assert list(catalog.invalid_lists) == ["fouten/buurt"]
    (problem,) = catalog.invalid_lists["fouten/buurt"]
    assert problem.code == "V004" and problem in catalog.problems
    assert problem.file == str(folder / "signals.toml") and problem.line is not None
    with pytest.raises(InvalidSignalListError, match=r"signalenlijst 'fouten/buurt' is ongeldig .* V004 "
                                                     r"de drempels van 'fouten/buurt'") as caught:
        assess("fouten/buurt", ["vaak-weg-s-nachts"], catalog=catalog)
    assert caught.value.problems == (problem,)
    with pytest.raises(PackError, match="V004"):
        load_catalog([folder], strict=True)


@pytest.mark.english
def test_a_failing_golden_example_marks_the_list_invalid(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD + example('["dure-kleding"]', "high"))})
    catalog = load_catalog([folder])
    (problem,) = catalog.invalid_lists["fouten/buurt"]
    assert problem.code == "V008"
    with pytest.raises(InvalidSignalListError, match="example 3 of 'fouten/buurt' gives moderate, expected high"):
        assess(catalog.signal_lists["fouten/buurt"], [], catalog=catalog)


def test_an_example_with_an_unknown_signal_marks_the_list_invalid(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(example('["vaak-weg-snachts"]', "low"))})
    assert [p.code for p in load_catalog([folder]).invalid_lists["fouten/buurt"]] == ["V001"]


def test_validate_reports_each_problem_once(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD, moderate=9, high=4)})
    assert [p.code for p in validate_catalog(load_catalog([folder])) if p.file.startswith(str(folder))] == ["V004"]
    assert main(["validate", str(folder)]) == 1
    assert capsys.readouterr().out.count("V004") == 1


def test_a_valid_list_still_assesses_and_the_bundled_lists_are_valid(make_pack: MakePack) -> None:
    folder = make_pack("goed", {"signals.toml": buurt(GOOD)})
    catalog = load_catalog([folder])
    assert catalog.invalid_lists == {}
    assert assess("goed/buurt", ["vaak-weg-s-nachts", "dure-kleding"], catalog=catalog).level.value == "moderate"
    assert load_catalog().invalid_lists == {}


def test_a_corrected_copy_of_an_invalid_list_is_assessed(make_pack: MakePack) -> None:
    """The mark belongs to the list the catalog holds; a caller's own fixed copy is its own responsibility."""
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD + example('["dure-kleding"]', "high"))})
    catalog = load_catalog([folder])
    fixed = attrs.evolve(catalog.signal_lists["fouten/buurt"], examples=())
    assert assess(fixed, ["dure-kleding"], catalog=catalog).level.value == "moderate"


def test_a_list_made_in_code_is_the_callers_to_check(make_pack: MakePack) -> None:
    """assess() refuses what the catalog marked; a list built in code is scored as written."""
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD)})
    sl = load_catalog([folder]).signal_lists["fouten/buurt"]
    broken = attrs.evolve(sl, scoring=attrs.evolve(sl.scoring, thresholds=attrs.evolve(
        sl.scoring.thresholds, moderate=5, high=5)))
    assert assess(broken, ["dure-kleding"]).level.value == "low"


def test_the_cli_warns_and_assess_says_why(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD, moderate=9, high=4)})
    code = main(["--pack", str(folder), "assess", "--list", "fouten/buurt", "--signal", "dure-kleding"])
    err = capsys.readouterr().err
    assert code == 1
    assert "waarschuwing:" in err and "V004" in err
    assert "fout: signalenlijst 'fouten/buurt' is ongeldig" in err


@pytest.mark.english
def test_the_examples_item_fails_when_thresholds_are_out_of_order(make_pack: MakePack) -> None:
    """The newcomer's case: moderate = 9, high = 4, an example gave hoog instead of matig, and the item passed."""
    folder = make_pack("fouten", {"signals.toml": buurt(example('["dure-kleding", "vaak-weg-s-nachts"]', "moderate"),
                                                        moderate=9, high=4)})
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "--ondermijning-pack", str(folder), "-k", "examples"],
                            cwd=folder, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout
    line = line_of(folder / "signals.toml", "scoring = ")
    assert "FAILED" in result.stdout and "examples[fouten/buurt]" in result.stdout
    assert f"{folder / 'signals.toml'}:{line}: V004 thresholds of 'fouten/buurt' are not ordered" in result.stdout

