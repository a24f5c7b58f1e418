"""Plugins contained (issue #13): whatever a plugin raises, prints, names or returns is its own problem.

Real distributions as pip leaves them (a module and a .dist-info with an entry point), loaded
by the real plugin manager; nothing is mocked.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from ondermijning import assess, hookimpl, load_catalog, validate_catalog
from ondermijning.catalog import Rule
from ondermijning.cli import main
from ondermijning.errors import InvalidSignalListError, ScoringRuleError
from ondermijning.models.picture import Contribution, ContributionKind
from ondermijning.scoring import ScoringRule

from .test_plugins import install_fake_distribution


@pytest.fixture
def site(tmp_path: Path) -> Path:
    path = tmp_path / "site"
    path.mkdir()
    return path


class Custom(BaseException):
    """Neither an Exception nor SystemExit: a plugin's own BaseException subclass."""


@pytest.mark.parametrize("raised", ["GeneratorExit()", "Custom('eigen')", "SystemExit(3)"])
@pytest.mark.parametrize("where", ["import", "hook"])
def test_any_base_exception_but_ctrl_c_is_the_plugins_problem(
        site: Path, monkeypatch: pytest.MonkeyPatch, raised: str, where: str) -> None:
    define = "class Custom(BaseException):\n    pass\n"
    source = (f"{define}raise {raised}\n" if where == "import" else
              f"from ondermijning import hookimpl\n{define}\n@hookimpl\ndef ondermijning_routes():\n"
              f"    raise {raised}\n")
    install_fake_distribution(site, monkeypatch, dist="kwaad", plugin="kwaad", module_source=source)
    catalog = load_catalog()
    (problem,) = [p for p in catalog.problems if "kwaad" in p.message]
    assert problem.code == ("P001" if where == "import" else "P003")
    assert "uit kwaad 1.2.3" in problem.message
    assert {"core", "deurne", "nieuwegein", "nsob"} <= set(catalog.packs)


def test_ctrl_c_in_a_plugin_still_stops(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_distribution(site, monkeypatch, dist="stop", plugin="stop", module_source="raise KeyboardInterrupt\n")
    with pytest.raises(KeyboardInterrupt):
        load_catalog()


@pytest.mark.parametrize("name", ["core", "directory"])
def test_a_plugin_cannot_take_a_builtins_name(site: Path, monkeypatch: pytest.MonkeyPatch, make_pack: object,
                                              name: str) -> None:
    folder = make_pack("eigen", {})  # type: ignore[operator]
    install_fake_distribution(site, monkeypatch, dist="kaper", plugin=name, module_source="""
        from ondermijning import hookimpl

        @hookimpl
        def ondermijning_themes():
            return []
    """)
    catalog = load_catalog([folder])
    (problem,) = [p for p in catalog.problems if p.code == "P001"]
    assert f"plugin {name!r} uit kaper 1.2.3" in problem.message
    assert "core" in catalog.packs and "eigen" in catalog.packs  # the built-in and folder packs still load
    assert catalog.themes


def test_a_plugin_object_cannot_take_a_builtins_name() -> None:
    class directory:  # the name is the attack
        @hookimpl
        def ondermijning_themes(self) -> list[object]:
            return []

    catalog = load_catalog(plugins=[directory()], autoload=False)
    assert any(p.code == "P001" and "'directory'" in p.message for p in catalog.problems)


def test_two_distributions_with_one_entry_point_name_are_both_named(
        site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    other = tmp_path / "site2"
    other.mkdir()
    for root, dist in ((site, "eerste"), (other, "tweede")):
        install_fake_distribution(root, monkeypatch, dist=dist, plugin="dubbel", module_source="x = 1\n")
    catalog = load_catalog()
    (problem,) = [p for p in catalog.problems if "dubbel" in p.message]
    assert "eerste 1.2.3" in problem.message and "tweede 1.2.3" in problem.message


def test_a_plugin_printing_to_stdout_keeps_packs_json_parseable(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    install_fake_distribution(site, monkeypatch, dist="praat", plugin="praat", module_source="""
        print("geladen!")
        from ondermijning import hookimpl

        @hookimpl
        def ondermijning_themes():
            print("thema's?")
            return []
    """)
    assert main(["packs", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "praat" in {p["name"] for p in json.loads(out)["plugins"]}
    assert "geladen!" in err and "thema's?" in err


def _with_rule(check: object) -> object:
    class Rules:
        @hookimpl
        def ondermijning_validation_rules(self) -> list[Rule]:
            return [Rule(code="X100", summary="kapot", check=check)]  # type: ignore[arg-type]

    return Rules()


@pytest.mark.parametrize(("check", "code"), [
    (lambda _c: None, "P007"), (lambda _c: 42, "P007"), (lambda _c: ["geen probleem"], "P007"),
    (lambda _c: iter([object()]), "P007"), (lambda _c: (_ for _ in ()).throw(SystemExit(1)), "P006"),
])
def test_a_validation_rule_returning_the_wrong_type_is_the_plugins_problem(
        check: object, code: str, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = load_catalog(plugins=[_with_rule(check)], autoload=False)
    problems = validate_catalog(catalog)
    (problem,) = [p for p in problems if p.code == code]
    assert "X100" in problem.message and "plugin 'Rules'" in problem.message


def _scoring(contribute: object) -> object:
    class Scores:
        @hookimpl
        def ondermijning_scoring_rules(self) -> list[ScoringRule]:
            return [ScoringRule(id="x/regel", summary="kapot", contribute=contribute)]  # type: ignore[arg-type]

    return Scores()


def _points(value: object) -> object:
    return lambda _sl, observed: [Contribution(kind=ContributionKind.RULE, source="x", points=value)] \
        if observed else []  # type: ignore[arg-type]


@pytest.mark.parametrize("contribute", [
    _points(math.nan), _points(math.inf), _points(1e300), _points("3"), _points(True),
    lambda _sl, _o: 7, lambda _sl, _o: ["punten"], lambda _sl, _o: 1 / 0,
])
def test_a_broken_scoring_rule_is_an_error_never_a_silent_laag(contribute: object) -> None:
    catalog = load_catalog(plugins=[_scoring(contribute)])  # the golden examples run it: the list is invalid
    jongeren = catalog.signal_lists["deurne/jongeren"]
    (problem,) = [p for p in catalog.problems if p.code == "P008"][:1]
    assert "x/regel" in problem.message and "plugin 'Scores'" in problem.message and problem.file
    with pytest.raises((ScoringRuleError, InvalidSignalListError), match=r"x/regel.*plugin 'Scores'"):
        assess(jongeren, [jongeren.signals[0].id], catalog=catalog)


def test_a_nan_scoring_rule_on_the_command_line_is_one_clear_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning import assemble

    original = assemble.load_catalog
    monkeypatch.setattr(assemble, "load_catalog",
                        lambda *a, **k: original(*a, plugins=[_scoring(_points(math.nan))], **k))
    code = main(["assess", "--list", "deurne/jongeren", "--signal", "gedrag-agressief", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and "NaN" not in out
    assert "x/regel" in err and "internal error" not in err and "Traceback" not in err, err
    assert all(line.startswith("ondermijning: ") for line in err.strip().splitlines()), err  # one line each
