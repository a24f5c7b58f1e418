"""The exploration (handreiking §1) as data, and ``ondermijning explore``, which writes findings for plan."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path

import pytest

import ondermijning as o
from ondermijning.cli import main
from ondermijning.commands.explore import ask_exploration
from ondermijning.exploration import findings_from, findings_toml
from ondermijning.planner import Need, load_findings

CATALOG = o.load_catalog()
EXPLORATION = CATALOG.explorations["core/verkenning"]
# wie: sociaal + veiligheid; kennen: kennen elkaar niet; doel: bekend; kennis: weinig; lastig: avg + damocles;
# zelf: wil wel; anders: casussen; nodig: leiding; connectie: team loopt niet; ondernomen: niets;
# themes: none; 12 participants, 12 weeks, a start date, a municipality
SCRIPT = ["1 2", "2", "1", "1", "1 2", "2", "1", "3", "3", "1", "", "12", "12", "2026-09-07", "Gemeente Voorbeeld"]


def test_the_exploration_holds_the_sources_questions_with_answers_that_point_somewhere() -> None:
    stages = [q.stage.value for q in EXPLORATION.questions]
    assert stages.count("preparation") == 4 and stages.count("conversation") == 6  # HR §1: four before, six in
    assert all(q.answers for q in EXPLORATION.questions)
    needs = {n for q in EXPLORATION.questions for a in q.answers for n in a.needs}
    # HR §1 (Hoe ging dat in de praktijk?): AVG, Damocles, case discussion, dilemmas, collaboration, looking
    assert {"information-sharing", "damocles", "case-discussion", "dilemmas", "cooperation",
            "early-signalling"} <= needs
    assert o.validate_catalog(CATALOG, select=["V013"]) == []


def test_answers_add_up_to_findings_with_their_reasons() -> None:
    explored = findings_from(EXPLORATION, {"lastig": ["avg", "damocles"], "connectie": ["team-loopt-niet"]},
                             participants=10, weeks=8)
    f = explored.findings
    assert f.needs == (Need.INFORMATION_SHARING, Need.DAMOCLES)
    assert f.frontline_situation == 2
    assert set(f.themes) == {"core/hennepteelt", "core/drugs"}
    assert explored.reasons["needs:damocles"] == ("Het sluiten van woningen na een drugsvondst, en wat dat voor "
                                                  "bewoners betekent",)
    with pytest.raises(KeyError, match="geen antwoord 'avgg'"):
        findings_from(EXPLORATION, {"lastig": ["avgg"]}, participants=1, weeks=1)


def test_the_walk_writes_a_findings_file_plan_reads(tmp_path: Path) -> None:
    answers = iter(SCRIPT)
    shown: list[str] = []
    explored = ask_exploration(EXPLORATION, CATALOG, lambda _prompt: next(answers), shown.append)
    path = tmp_path / "findings.toml"
    path.write_text(findings_toml(explored, EXPLORATION), encoding="utf-8")
    findings = load_findings(path, CATALOG)
    assert findings == explored.findings
    assert findings.needs == (Need.COOPERATION, Need.INFORMATION_SHARING, Need.DAMOCLES, Need.CASE_DISCUSSION)
    assert findings.frontline_situation == 2 and findings.municipality == "Gemeente Voorbeeld"
    assert "# Ze kennen elkaar nauwelijks" in path.read_text(encoding="utf-8")  # why the value is there


def test_the_command_walks_and_writes_with_out_and_never_replaces_without_force(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "findings.toml"
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(SCRIPT)
    monkeypatch.setattr(builtins, "input", lambda _prompt="": next(answers))
    assert main(["explore", "--out", str(target)]) == 0
    err = capsys.readouterr().err
    assert "Hiermee stelt plan voor: Workshop Bewustwording en kennisverwerving" in err
    assert main(["plan", "--from", str(target)]) == 0
    assert "# Trainingstraject ondermijning: Gemeente Voorbeeld" in capsys.readouterr().out
    monkeypatch.setattr(builtins, "input", lambda _prompt="": pytest.fail("asked before refusing"))
    assert main(["explore", "--out", str(target)]) == 2  # it exists: refused before the first question
    assert capsys.readouterr().err.endswith("bestaat al; gebruik --force om het te vervangen\n")
    answers = iter([*SCRIPT[:-4], "5", "4", "", ""])
    monkeypatch.setattr(builtins, "input", lambda _prompt="": next(answers))
    assert main(["explore", "--out", str(target), "--force"]) == 0
    assert load_findings(target, CATALOG).participants == 5


def test_stopping_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["1", "q"])
    monkeypatch.setattr(builtins, "input", lambda _prompt="": next(answers))
    assert main(["explore", "--out", str(tmp_path / "f.toml")]) == 130
    assert "Gestopt" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (["explore"], "heeft een terminal nodig"),
    (["explore", "--print", "--out", "x.toml"], "--print schrijft geen bevindingen"),
    (["explore", "--format", "markdown"], "--format hoort bij --print"),
    (["explore", "--force"], "--force hoort bij --out"),
    (["explore", "verkening"], "bedoel je 'core/verkenning'"),
])
def test_usage_errors_are_one_line(args: list[str], message: str, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_print_gives_the_script_for_the_explorer(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", "--print", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "Wat vind je lastig?" in out and "information-sharing" in out and "Na de verkenning" in out
