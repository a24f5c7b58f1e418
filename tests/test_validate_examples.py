"""Golden examples under validation: unknown signals (V001) and wrong levels (V008), located.

A golden example names signals and the level they should give. ``ondermijning validate``
reports an example naming a signal its list does not have at the example's own line, and
an example that gives another level with the score and thresholds; the pytest plugin's
``examples[...]`` item reports the same located lines.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ondermijning import hookimpl, load_catalog, validate_catalog
from ondermijning.catalog import Catalog
from ondermijning.cli import main
from ondermijning.codes import BY_CODE
from ondermijning.errors import Problem
from ondermijning.models.picture import Contribution, ContributionKind
from ondermijning.plugins.core import BUILTIN_RULES
from ondermijning.scoring import ScoringRule
from ondermijning.testing import properties as props

from .conftest import MakePack
from .helpers import SOURCE, signal_list_toml

SIGNALS = f"""
[[signal_lists.signals]]
id = "vaak-weg-s-nachts"
category = "gedrag"
text = "Is vaak 's nachts weg"
weight = 1
source = {SOURCE}

[[signal_lists.signals]]
id = "dure-kleding"
category = "gedrag"
text = "Dure kleding"
weight = 2
source = {SOURCE}

[[signal_lists.signals]]
id = "brengt-pakketjes"
category = "school"
text = "Brengt pakketjes rond"
weight = 1
red_flag = true
themes = ["core/drugs"]
source = {SOURCE}
"""


def example(signals: str, expected: str, description: str = "") -> str:
    text = f'\n[[signal_lists.examples]]\nsignals = {signals}\nexpected = "{expected}"\n'
    return text + (f'description = "{description}"\n' if description else "")


GOOD = example('["vaak-weg-s-nachts"]', "low") + example('["vaak-weg-s-nachts", "dure-kleding"]', "moderate")


def buurt(examples: str, *, moderate: float = 2, high: float = 5) -> str:
    return signal_list_toml("buurt", moderate=moderate, high=high, signals=SIGNALS) + examples


def line_of(file: Path, needle: str, nth: int = 1) -> int:
    """The line number of the nth line of file that contains needle."""
    hits = [n for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    return hits[nth - 1]


def problems(folder: Path, *codes: str, catalog: Catalog | None = None) -> list[Problem]:
    found = validate_catalog(catalog if catalog is not None else load_catalog([folder]))
    return [p for p in found if p.code in codes and p.file.startswith(str(folder))]


# --- 1. an example naming an unknown signal --------------------------------------------------

@pytest.mark.english
def test_unknown_signal_is_reported_at_the_example_with_a_did_you_mean(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD + example('["dure-kleding", "vaak-weg-snachts"]',
                                                                      "moderate"))})
    file = folder / "signals.toml"
    [problem] = problems(folder, "V001", "V008")
    assert problem.code == "V001"
    assert problem.line == line_of(file, '"vaak-weg-snachts"')  # the example's own line, not the first signal's
    assert problem.path == "$.signal_lists[0].examples[2].signals"
    assert problem.message == "example 3 of 'fouten/buurt' names unknown signal 'fouten/vaak-weg-snachts'"
    assert problem.hint == "did you mean 'fouten/vaak-weg-s-nachts'?"
    assert problem.severity.value == "error"


@pytest.mark.english
def test_unknown_signal_without_a_close_id_says_the_list_lacks_it(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(example('["iets-heel-anders"]', "low"))})
    [problem] = problems(folder, "V001", "V008")
    assert problem.message == "example 1 of 'fouten/buurt' names unknown signal 'fouten/iets-heel-anders'"
    assert problem.hint == "list 'fouten/buurt' has no signal with that id"
    assert problem.line == line_of(folder / "signals.toml", "iets-heel-anders")


@pytest.mark.english
def test_a_signal_of_another_list_is_unknown_to_the_example(make_pack: MakePack) -> None:
    other = signal_list_toml("ander")  # signals s1, s2, s3
    folder = make_pack("fouten", {"signals.toml": buurt(example('["ander-s2"]', "low")),
                                  "ander.toml": other.replace('id = "s2"', 'id = "ander-s2"')})
    [problem] = problems(folder, "V001", "V008")
    assert problem.message == "example 1 of 'fouten/buurt' names unknown signal 'fouten/ander-s2'"
    assert problem.hint == ("'fouten/ander-s2' is a signal of list 'fouten/ander'; "
                            "an example names signals of its own list")


@pytest.mark.english
def test_validate_cli_prints_the_located_line(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(example('["vaak-weg-snachts"]', "low"))})
    file = folder / "signals.toml"
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert (f"{file}:{line_of(file, 'vaak-weg-snachts')}: V001 example 1 of 'fouten/buurt' names unknown signal "
            "'fouten/vaak-weg-snachts' ($.signal_lists[0].examples[0].signals) — did you mean "
            "'fouten/vaak-weg-s-nachts'?") in out
    assert "($.signal_lists[0].signals)" not in out


# --- nested references are located at the part that holds them -----------------------------

def test_a_signal_theme_is_located_at_the_signal(make_pack: MakePack) -> None:
    text = buurt("").replace('themes = ["core/drugs"]\nsource', 'themes = ["core/drugz"]\nsource')
    folder = make_pack("fouten", {"signals.toml": text})
    v001 = problems(folder, "V001")
    assert [(p.line, p.path) for p in v001] == [
        (line_of(folder / "signals.toml", '"core/drugz"'), "$.signal_lists[0].signals[2].themes")]
    assert v001[0].message == "themes van 'fouten/brengt-pakketjes': onbekende verwijzing naar thema 'core/drugz'"
    assert v001[0].hint == "bedoel je 'core/drugs'?"


def test_an_extension_signal_theme_is_reported_once_at_the_extension(make_pack: MakePack) -> None:
    extension = f"""
[[extensions]]
id = "meer"
target = "buurt"
source = {SOURCE}

[[extensions.signals]]
id = "extra"
category = "gedrag"
text = "Extra"
themes = ["core/drugz"]
source = {SOURCE}
"""
    folder = make_pack("fouten", {"signals.toml": buurt(""), "ext.toml": extension})
    v001 = problems(folder, "V001")
    assert [(p.file, p.line, p.path) for p in v001] == [
        (str(folder / "ext.toml"), line_of(folder / "ext.toml", "core/drugz"), "$.extensions[0].signals[0].themes")]


def test_a_session_module_is_located_at_the_session() -> None:
    from ondermijning.models import Phase, Session, Source, Trajectory
    from ondermijning.validate import _references

    trajectory = Trajectory(id="x/t", title="T", source=Source("S"), phases=[
        Phase(title="P", sessions=[Session(title="a", module="x/goed"), Session(title="b", module="x/fout")])])
    refs = [(owner, key, ref) for owner, key, _field, _family, ref in _references(trajectory, trajectory.id)]
    assert refs == [("x/t", "phases[0].sessions[0].module", "x/goed"),
                    ("x/t", "phases[0].sessions[1].module", "x/fout")]


# --- 2. an example that gives another level ----------------------------------------------------

@pytest.mark.english
def test_a_failing_example_is_an_error_at_its_line_with_score_and_thresholds(
    make_pack: MakePack, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = example('["vaak-weg-s-nachts", "dure-kleding"]', "high", "Twee signalen")
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD + wrong, moderate=3, high=6)})
    file = folder / "signals.toml"
    [problem] = problems(folder, "V001", "V008")
    assert problem.code == "V008"
    assert problem.severity.value == "error"
    assert problem.line == line_of(file, "[[signal_lists.examples]]", 3)
    assert problem.path == "$.signal_lists[0].examples[2]"
    assert problem.message == ("example 3 ('Twee signalen') of 'fouten/buurt' gives moderate, expected high "
                               "(score 3; moderate from 3, high from 6)")
    assert main(["validate", str(folder)]) == 1  # no longer "valid" while pytest fails
    assert f"{file}:{problem.line}: V008 example 3 " in capsys.readouterr().out


@pytest.mark.english
def test_a_red_flag_is_named_when_it_forces_high(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(example('["brengt-pakketjes"]', "low"))})
    [problem] = problems(folder, "V008")
    assert problem.message == ("example 1 of 'fouten/buurt' gives high, expected low "
                               "(score 1; red flag 'fouten/brengt-pakketjes'; moderate from 2, high from 5)")


def test_passing_examples_are_valid(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD + example('["brengt-pakketjes"]', "high"), high=4)})
    assert problems(folder, "V001", "V008") == []
    assert main(["validate", str(folder)]) == 0


def test_an_example_with_an_unknown_signal_is_not_scored(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(example('["vaak-weg-snachts"]', "high"))})
    assert [p.code for p in problems(folder, "V001", "V008")] == ["V001"]


def test_examples_are_not_judged_by_unordered_thresholds(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD, moderate=7, high=6)})
    assert [p.code for p in problems(folder, "V004", "V008")] == ["V004"]


class BonusPlugin:
    @hookimpl
    def ondermijning_scoring_rules(self) -> list[ScoringRule]:
        def bonus(_sl: object, observed: frozenset[str]) -> list[Contribution]:
            ten = Contribution(kind=ContributionKind.RULE, source="bonus", points=10, text="Bonus")
            return [ten] if observed else []

        return [ScoringRule(id="test/bonus", summary="ten points", contribute=bonus, lists=("fouten/buurt",))]


@pytest.mark.english
def test_the_catalogs_scoring_rules_count(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD)})
    assert problems(folder, "V008") == []
    catalog = load_catalog([folder], plugins=[BonusPlugin()])
    found = problems(folder, "V008", catalog=catalog)
    assert [p.message for p in found] == [
        "example 1 of 'fouten/buurt' gives high, expected low (score 11; moderate from 2, high from 5)",
        "example 2 of 'fouten/buurt' gives high, expected moderate (score 13; moderate from 2, high from 5)"]


def test_v008_is_a_registered_error_rule() -> None:
    assert BY_CODE["V008"].severity == "error"
    assert [r.severity.value for r in BUILTIN_RULES if r.code == "V008"] == ["error"]


# --- the same messages in the properties and the pytest plugin --------------------------------

@pytest.mark.english
def test_check_examples_uses_the_same_messages(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(example('["vaak-weg-snachts"]', "low"))})
    catalog = load_catalog([folder])
    with pytest.raises(props.PropertyViolation, match="example 1 of 'fouten/buurt' names unknown signal "
                                                      "'fouten/vaak-weg-snachts' — did you mean"):
        props.check_examples(catalog.signal_lists["fouten/buurt"], catalog)
    other = make_pack("anders", {"signals.toml": buurt(example('["dure-kleding"]', "low"))})
    catalog = load_catalog([other])
    with pytest.raises(props.PropertyViolation, match=r"gives moderate, expected low \(score 2; moderate from 2"):
        props.check_examples(catalog.signal_lists["anders/buurt"], catalog)


@pytest.mark.english
def test_pytest_plugin_reports_the_located_line(make_pack: MakePack) -> None:
    folder = make_pack("fouten", {"signals.toml": buurt(GOOD + example('["dure-kleding"]', "high"))})
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "--ondermijning-pack", str(folder), "-k", "examples"],
                            cwd=folder, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout
    line = line_of(folder / "signals.toml", "[[signal_lists.examples]]", 3)
    assert (f"{folder / 'signals.toml'}:{line}: V008 example 3 of 'fouten/buurt' gives moderate, expected high "
            "(score 2; moderate from 2, high from 5)") in result.stdout
    assert "examples[fouten/buurt]" in result.stdout


# --- 3. the bundled packs stay valid --------------------------------------------------------------

def test_bundled_packs_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning.signal_rules import example_problems

    catalog = load_catalog()
    assert [p.format() for p in validate_catalog(catalog) if p.severity.value == "error"] == []
    for sl in catalog.signal_lists.values():
        assert sl.examples
        assert example_problems(catalog, sl) == []
    assert main(["validate"]) == 0
    assert "geldig" in capsys.readouterr().out
