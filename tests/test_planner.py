"""The planner and the trajectory checks: the handreiking's rules, on purpose-built wrong trajectories."""

from __future__ import annotations

import builtins
import datetime
import io
import json
import sys
import textwrap
from pathlib import Path

import attrs
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondermijning import hookimpl, load_catalog, validate_catalog
from ondermijning.cli import main
from ondermijning.didactics import load_didactics
from ondermijning.models import GoalType, ModuleKind, Pack, Phase, Session, Source, Trajectory, Workshop
from ondermijning.planner import (
    AWARENESS,
    CASE_DISCUSSION,
    DILEMMAS,
    WERKPLAATS,
    Audience,
    Findings,
    FindingsError,
    Need,
    Proposal,
    load_findings,
    plan,
    propose,
    session_weeks,
    validate_trajectory,
)
from ondermijning.serialize import from_json

from .conftest import MakePack

CATALOG = load_catalog()
OTHER_CATALOG = load_catalog()  # a second, separately built catalog: the plan must not depend on the instance
THEMES = sorted(CATALOG.themes)


def trajectory(*sessions: Session) -> Trajectory:
    return Trajectory(id="test/traject", title="Testtraject", source=Source("Test"),
                      phases=[Phase(title="Alles", sessions=sessions)])


def codes(t: Trajectory) -> list[str]:
    return [p.code for p in validate_trajectory(t, CATALOG)]


AWARE = Session(title="Bewustwording", module=AWARENESS)
CASES = Session(title="Casusgesprek", module=CASE_DISCUSSION, weeks_after_previous=3, participants=5,
                facilitators=2, cases=["nsob/onzichtbaar-gevolg"])


# --- the checks, one deliberately wrong trajectory each -------------------------------------------

def test_the_example_municipality_follows_every_rule() -> None:
    assert validate_trajectory(CATALOG.trajectories["nsob/voorbeeldgemeente"], CATALOG) == []
    assert [p for p in validate_catalog(CATALOG) if p.code.startswith("T")] == []


def test_t001_a_workshop_without_process_guidance_after_it() -> None:
    (problem,) = validate_trajectory(trajectory(CASES, AWARE), CATALOG)
    assert problem.code == "T001"
    assert "geen vervolg" in problem.message and "§2.1" in problem.message
    assert problem.path == "$.phases[0].sessions[1].module"
    assert codes(trajectory(AWARE, CASES)) == []


def test_t002_a_werkplaats_group_outside_five_to_six() -> None:
    werkplaats = Session(title="Werkplaats", module=WERKPLAATS, weeks_after_previous=2, participants=8)
    (problem,) = validate_trajectory(trajectory(AWARE, werkplaats), CATALOG)
    assert problem.code == "T002"
    assert "8 deelnemers" in problem.message and "5–6" in problem.message and "§3.1" in problem.message
    assert codes(trajectory(AWARE, attrs.evolve(werkplaats, participants=4))) == ["T002"]
    assert codes(trajectory(AWARE, attrs.evolve(werkplaats, participants=0))) == ["T002"]  # not given
    assert codes(trajectory(AWARE, attrs.evolve(werkplaats, participants=6))) == []


def test_t003_a_case_session_outside_four_to_five_participants() -> None:
    (problem,) = validate_trajectory(trajectory(AWARE, attrs.evolve(CASES, participants=7)), CATALOG)
    assert problem.code == "T003"
    assert "7 deelnemers" in problem.message and "4–5" in problem.message and "§3.4" in problem.message
    assert codes(trajectory(AWARE, attrs.evolve(CASES, participants=3))) == ["T003"]
    # any session with cases is a case session, whatever its module
    other = attrs.evolve(CASES, module=DILEMMAS, participants=9)
    assert "T003" in codes(trajectory(AWARE, other))


def test_t004_a_case_session_with_one_facilitator() -> None:
    (problem,) = validate_trajectory(trajectory(AWARE, attrs.evolve(CASES, facilitators=1)), CATALOG)
    assert problem.code == "T004"
    assert "Gespreksleider" in problem.message and "Observator" in problem.message


def test_t005_a_case_session_with_more_cases_than_the_guide_allows() -> None:
    three = attrs.evolve(CASES, cases=["nsob/onzichtbaar-gevolg", "nsob/zorgen-om-zorg",
                                       "nsob/onzichtbaar-gevolg"])
    assert codes(trajectory(AWARE, three)) == ["T005"]


def test_t006_process_sessions_less_than_two_weeks_apart() -> None:
    first = Session(title="Werkplaats 1", module=WERKPLAATS, weeks_after_previous=2, participants=6)
    second = attrs.evolve(first, title="Werkplaats 2", weeks_after_previous=1)
    (problem,) = validate_trajectory(trajectory(AWARE, first, second, CASES), CATALOG)
    assert problem.code == "T006"
    assert "1 week" in problem.message and "§3.1" in problem.message
    assert problem.path.endswith("sessions[2].weeks_after_previous")
    assert codes(trajectory(AWARE, first, attrs.evolve(second, weeks_after_previous=2), CASES)) == []
    # the same week is a parallel group, not a next meeting
    assert codes(trajectory(AWARE, first, attrs.evolve(second, weeks_after_previous=0), CASES)) == []


def test_t007_dilemma_cards_before_an_awareness_workshop() -> None:
    dilemma = Session(title="Dilemmakaart", module=DILEMMAS, weeks_after_previous=2, participants=8)
    (problem,) = validate_trajectory(trajectory(dilemma, AWARE, CASES), CATALOG)
    assert problem.code == "T007"
    assert "§3.3" in problem.message
    assert codes(trajectory(AWARE, dilemma, CASES)) == []
    # the module a card names as its usage counts too (Nieuwegein's)
    card_module = attrs.evolve(dilemma, module="nieuwegein/dilemmakaart-gebruiken", participants=6)
    assert "T007" in codes(trajectory(card_module, AWARE, CASES))


def test_findings_in_a_pack_are_reported_by_validate_at_the_line_of_the_session(make_pack: MakePack) -> None:
    folder = make_pack("gemeente", {"traject.toml": """
        [[trajectories]]
        id = "traject"
        title = "Ons traject"
        source = { publication = "Gemeente", section = "2026" }

        [[trajectories.phases]]
        title = "Alles"

        [[trajectories.phases.sessions]]
        title = "Bewustwording"
        module = "core/workshop-bewustwording"

        [[trajectories.phases.sessions]]
        title = "Werkplaats"
        module = "core/proces-werkplaats"
        weeks_after_previous = 2
        participants = 9
    """})
    catalog = load_catalog([folder])
    (problem,) = [p for p in validate_catalog(catalog) if p.code.startswith("T")]
    assert problem.code == "T002"
    assert problem.file.endswith("traject.toml")
    assert problem.line == 17  # the participants key of the second session
    assert problem.path == "$.trajectories[0].phases[0].sessions[1].participants"
    assert problem.message.startswith("gemeente/traject: 'Werkplaats'")


# --- the planner ------------------------------------------------------------------------------------

def findings_strategy() -> st.SearchStrategy[Findings]:
    return st.builds(
        Findings,
        participants=st.integers(1, 60),
        weeks=st.integers(1, 40),
        themes=st.lists(st.sampled_from(THEMES), unique=True, max_size=5),
        audiences=st.lists(st.sampled_from(list(Audience)), unique=True, max_size=4),
        needs=st.lists(st.sampled_from(list(Need)), unique=True, max_size=4),
        frontline_situation=st.integers(0, 4),
    )


def modules_of(t: Trajectory) -> set[str]:
    return {session.module for *_where, session, _week in session_weeks(t)}


@given(findings_strategy())
def test_every_proposed_trajectory_validates_clean_and_fits_the_weeks(findings: Findings) -> None:
    t = plan(findings, CATALOG)
    assert validate_trajectory(t, CATALOG) == []
    weeks = [week for *_rest, week in session_weeks(t)]
    assert weeks == sorted(weeks)
    assert weeks[-1] < findings.weeks
    for *_where, session, _week in session_weeks(t):
        module = CATALOG.workshops[session.module]
        assert f"Bron: {module.title}: {module.source}." in session.notes  # every module cites its source
    assert all(phase.reason for phase in t.phases)


@given(findings_strategy(), st.sampled_from(THEMES))
def test_adding_a_theme_never_removes_a_module(findings: Findings, theme: str) -> None:
    more = attrs.evolve(findings, themes=(*findings.themes, theme) if theme not in findings.themes else findings.themes)
    assert modules_of(plan(findings, CATALOG)) <= modules_of(plan(more, CATALOG))


@given(findings_strategy())
def test_the_planner_is_deterministic(findings: Findings) -> None:
    assert plan(findings, CATALOG) == plan(attrs.evolve(findings), OTHER_CATALOG)


def test_each_choice_carries_its_reason() -> None:
    proposal = propose(Findings(participants=12, weeks=14, themes=["core/zorgfraude"],
                                audiences=[Audience.SOCIAL, Audience.SAFETY]), CATALOG)
    t = proposal.trajectory
    first = {}
    for *_where, session, _week in session_weeks(t):
        first.setdefault(session.module, session)
    assert list(first) == [AWARENESS, "core/workshop-avg", "core/workshop-zorgfraude", WERKPLAATS,
                           CASE_DISCUSSION]
    assert all(session.notes[0].startswith("Waarom: ") for session in first.values())
    assert "§2.2" in first["core/workshop-avg"].notes[0]
    assert "Zorgen om zorg" in " ".join(first[CASE_DISCUSSION].notes)
    werkplaats = [s for *_w, s, _wk in session_weeks(t) if s.module == WERKPLAATS]
    assert [s.participants for s in werkplaats] == [6, 6, 6]
    assert "2 parallelle groepen" in " ".join(werkplaats[0].notes)


def test_a_group_that_cannot_be_split_is_left_out_with_the_reason() -> None:
    proposal = propose(Findings(participants=8, weeks=12, needs=[Need.COOPERATION]), CATALOG)
    assert WERKPLAATS not in modules_of(proposal.trajectory)
    (why,) = proposal.left_out
    assert "5–6" in why and "8 deelnemers" in why and "10" in why


def test_small_groups_get_the_dilemma_card_and_a_spare_participant_observes() -> None:
    three = plan(Findings(participants=3, weeks=10), CATALOG)
    assert modules_of(three) == {AWARENESS, DILEMMAS}
    six = plan(Findings(participants=6, weeks=10), CATALOG)
    sessions = [s for *_w, s, _wk in session_weeks(six) if s.module == CASE_DISCUSSION]
    assert sessions and all(s.participants == 5 for s in sessions)
    assert "extra observator" in " ".join(sessions[0].notes)


def test_too_few_weeks_compress_the_schedule_and_say_so() -> None:
    findings = Findings(participants=12, weeks=2, audiences=[Audience.SOCIAL, Audience.SAFETY, Audience.YOUTH])
    proposal = propose(findings, CATALOG)
    assert validate_trajectory(proposal.trajectory, CATALOG) == []
    assert max(week for *_rest, week in session_weeks(proposal.trajectory)) <= 1
    assert proposal.remarks and "weken" in proposal.remarks[0]
    roomy = propose(attrs.evolve(findings, weeks=30), CATALOG)
    assert roomy.remarks == ()
    assert len(session_weeks(roomy.trajectory)) > len(session_weeks(proposal.trajectory))


def test_frontline_situation_two_brings_its_own_sessions_and_coaching() -> None:
    t = plan(Findings(participants=10, weeks=20, frontline_situation=2), CATALOG)
    titles = [s.title for *_w, s, _wk in session_weeks(t)]
    assert "Teamsessie: waar zit energie, waar zitten gaten en obstakels?" in titles
    assert "core/coaching" in modules_of(t)


class MunicipalPack:
    """A municipality's module, contributed in Python through the ondermijning_workshops hook."""

    @hookimpl
    def ondermijning_packs(self) -> list[Pack]:
        return [Pack(id="utrecht", name="Utrecht", version="1.0.0")]

    @hookimpl
    def ondermijning_workshops(self) -> list[Workshop]:
        return [Workshop(id="utrecht/kamerverhuur", title="Workshop Malafide kamerverhuur herkennen",
                         kind=ModuleKind.WORKSHOP, goal_type=GoalType.KNOWLEDGE,
                         goal="Signalen van malafide kamerverhuur herkennen.", themes=["core/huisvesting"],
                         follow_up="Casuïstiekbespreking.", source=Source("Gemeente Utrecht", "Wonen 2026"))]


def test_a_module_from_a_municipal_pack_is_picked_when_its_themes_came_up() -> None:
    catalog = load_catalog(plugins=[MunicipalPack()])
    with_theme = plan(Findings(participants=12, weeks=12, themes=["core/huisvesting"]), catalog)
    assert "utrecht/kamerverhuur" in modules_of(with_theme)
    session = next(s for *_w, s, _wk in session_weeks(with_theme) if s.module == "utrecht/kamerverhuur")
    assert "pack 'utrecht'" in session.notes[0]
    assert "Bron: Workshop Malafide kamerverhuur herkennen: Gemeente Utrecht, Wonen 2026." in session.notes
    assert validate_trajectory(with_theme, catalog) == []
    without = plan(Findings(participants=12, weeks=12, themes=["core/zorgfraude"]), catalog)
    assert "utrecht/kamerverhuur" not in modules_of(without)


def test_didactics_come_from_data_with_sources() -> None:
    didactics = load_didactics()
    assert str(didactics.for_goal(GoalType.PROCESS).group) == "10–15"
    assert str(didactics.for_goal(GoalType.PROCESS).breakout) == "3–4"
    assert didactics.for_goal(GoalType.KNOWLEDGE).room_setups == ("theatre",)
    assert {r.id for r in didactics.room_setups} == {"circle", "theatre", "cafe", "meeting"}
    assert [e.id for e in didactics.programme] == ["welcome", "introduction", "content", "break", "content-2",
                                                   "closing"]
    assert [level.id for level in didactics.levels] == ["organisational", "collegial", "backing"]
    assert all(level.source.section.startswith("§3.1") for level in didactics.levels)


# --- findings files -------------------------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "findings.toml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


FINDINGS_TOML = """
    municipality = "Gemeente Voorbeeld"
    themes = ["core/zorgfraude", "hennepteelt"]
    audiences = ["social", "safety"]
    needs = ["information-sharing"]
    participants = 12
    weeks = 12
    start = 2026-09-07
"""


def test_a_findings_file_is_read_with_local_theme_ids_and_a_date(tmp_path: Path) -> None:
    findings = load_findings(write(tmp_path, FINDINGS_TOML), CATALOG)
    assert findings.themes == ("core/zorgfraude", "core/hennepteelt")
    assert findings.audiences == (Audience.SOCIAL, Audience.SAFETY)
    assert findings.start == datetime.date(2026, 9, 7)


@pytest.mark.parametrize(("text", "expected"), [
    ("participants = 5\nweeks = 4\nthema = []\n", ":3: L101 onbekende sleutel 'thema' ($.thema) — bedoel je 'themes'?"),
    ("weeks = 4\n", "L102 verplichte sleutel 'participants' ontbreekt"),
    ("participants = 5\nweeks = 0\n", ":2: L104 ongeldige waarde: 0 ligt niet tussen 1 en 104 ($.weeks)"),
    ("participants = 5\nweeks = 4\nthemes = [\"core/zorgfrude\"]\n",
     ":3: L104 ongeldige waarde: onbekend thema 'core/zorgfrude' ($.themes[0]) — bedoel je 'core/zorgfraude'?"),
    ("participants = 5\nweeks = 4\naudiences = [\"iedereen\"]\n",
     ":3: L104 ongeldige waarde: 'iedereen' is niet toegestaan; kies uit 'social', "),
    ("participants = 5\nweeks = 4\nstart = 2026-09-07T10:00:00\n", ":3: L104 ongeldige waarde: geef een datum"),
    ("participants = 5\nweeks = [\n", "L005 TOML-syntaxfout"),
])
def test_a_findings_file_with_mistakes_gives_located_problems(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FindingsError) as info:
        load_findings(path, CATALOG)
    assert expected in str(info.value)
    assert str(info.value).startswith(str(path))


# --- the command ----------------------------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_from_a_file_prints_markdown_with_reasons_and_sources(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", "--from", str(write(tmp_path, FINDINGS_TOML)))
    assert (code, err) == (0, "")
    assert out.startswith("# Trainingstraject ondermijning: Gemeente Voorbeeld\n")
    assert "## Fase 1: Bewustwording en kennis" in out
    assert "- Week 1, maandag 7 september 2026: Workshop Bewustwording en kennisverwerving" in out
    assert "Waarom: " in out and "§3.3 Omgaan met professionele dilemma" not in out
    assert out.count("Bron: ") >= 6
    assert "## Naast de training: werk op drie niveaus" in out
    code, text, _ = run(capsys, "plan", "--from", str(write(tmp_path, FINDINGS_TOML)), "--format", "text")
    assert code == 0 and text.startswith("TRAININGSTRAJECT ONDERMIJNING: GEMEENTE VOORBEELD\n")


def test_plan_as_json_reads_back_as_the_same_proposal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    findings = write(tmp_path, FINDINGS_TOML)
    code, out, err = run(capsys, "plan", "--from", str(findings), "--format", "json", "--start", "2026-10-05")
    assert (code, err) == (0, "")
    expected = load_findings(findings, CATALOG)
    assert from_json(out, Proposal) == propose(attrs.evolve(expected, start=datetime.date(2026, 10, 5)), CATALOG)
    assert json.loads(out)["findings"]["start"] == "2026-10-05"

    code, out, _err = run(capsys, "plan", "--show", "nsob/voorbeeldgemeente", "--format", "json")
    assert code == 0 and from_json(out, Trajectory) == CATALOG.trajectories["nsob/voorbeeldgemeente"]


def test_plan_writes_a_calendar_and_never_overwrites_without_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    findings, ics = write(tmp_path, FINDINGS_TOML), tmp_path / "training.ics"
    code, _out, err = run(capsys, "plan", "--from", str(findings), "--ics", str(ics), "--start", "2026-10-05")
    assert code == 0 and "geschreven naar" in err
    events = [c for c in icalendar.Calendar.from_ical(ics.read_bytes()).walk() if c.name == "VEVENT"]
    assert events[0].decoded("DTSTART") == datetime.date(2026, 10, 5)  # --start wins over the file
    before = ics.read_bytes()
    code, out, err = run(capsys, "plan", "--from", str(findings), "--ics", str(ics), "--time", "09:30")
    assert (code, out) == (2, "") and "bestaat al; gebruik --force" in err
    assert ics.read_bytes() == before
    code, _out, _err = run(capsys, "plan", "--from", str(findings), "--ics", str(ics), "--time", "09:30", "--force")
    assert code == 0 and b"DTSTART:20260907T093000" in ics.read_bytes()


def test_a_calendar_needs_a_start_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    findings = write(tmp_path, "participants = 5\nweeks = 4\n")
    code, out, err = run(capsys, "plan", "--from", str(findings), "--ics", str(tmp_path / "x.ics"))
    assert (code, out) == (2, "") and "--start" in err
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.english
@pytest.mark.parametrize(("args", "code", "text"), [
    (["--from", "missing.toml"], 2, "missing.toml: no such file"),
    (["--check", "nsob/onbekend"], 2, "unknown trajectory 'nsob/onbekend'"),
    (["--from", "x", "--check", "nsob/voorbeeldgemeente"], 2, "only one of"),
    (["--from", "x", "--hours", "2"], 2, "--hours needs --time"),
    (["--check", "nsob/voorbeeldgemeente", "--ics", "x.ics", "--start", "2026-09-07"], 2,
     "--check does not use --ics, --start; leave them out"),
    (["--check", "nsob/voorbeeldgemeente", "--format", "json"], 2, "--check does not use --format; leave it out"),
    (["--values", "--format", "html"], 2, "--values does not use --format; leave it out"),
    (["--list", "--from", "f.toml"], 2, "--list does not use --from; leave it out"),
    (["--from", "x", "--time", "13:30"], 2, "--time belongs to --ics FILE"),
    (["--from", "x", "--force"], 2, "--force belongs to --ics FILE"),
    (["--show", "nsob/voorbeeldgemeente", "--start", "9999-12-20"], 2,
     "with the first session on 9999-12-20, later sessions would fall after the year 9999"),
    ([], 2, "give the findings with --from FILE"),
])
def test_usage_errors_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                               args: list[str], code: int, text: str) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    result, out, err = run(capsys, "plan", *args)
    assert (result, out) == (code, "")
    assert text in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_findings_file_with_mistakes_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", "--from", str(write(tmp_path, "participants = 'vijf'\nweeks = 4\n")))
    assert (code, out) == (1, "")
    assert err.strip() == f"{tmp_path / 'findings.toml'}:1: L103 verkeerd type: een heel getal verwacht, kreeg tekst " \
                          "($.participants)"


def test_check_an_existing_trajectory(capsys: pytest.CaptureFixture[str], make_pack: MakePack) -> None:
    code, out, _err = run(capsys, "plan", "--check", "voorbeeldgemeente")
    assert code == 0 and "nsob/voorbeeldgemeente: volgt de regels van de handreiking" in out
    folder = make_pack("gemeente", {"traject.toml": """
        [[trajectories]]
        id = "traject"
        title = "Ons traject"
        source = { publication = "Gemeente" }

        [[trajectories.phases]]
        title = "Alles"

        [[trajectories.phases.sessions]]
        title = "Dilemma's"
        module = "core/proces-dilemmas"
        participants = 8
    """})
    code, out, _err = run(capsys, "--pack", str(folder), "plan", "--check", "gemeente/traject")
    assert code == 1
    assert "traject.toml:11: T007" in out and "1 bevinding in" in out


def test_show_an_existing_trajectory_with_its_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ics = tmp_path / "voorbeeld.ics"
    code, out, _err = run(capsys, "plan", "--show", "nsob/voorbeeldgemeente", "--start", "2026-09-07",
                          "--ics", str(ics))
    assert code == 0 and "Werkcollege casussessies" in out
    events = [c for c in icalendar.Calendar.from_ical(ics.read_bytes()).walk() if c.name == "VEVENT"]
    assert [e.decoded("DTSTART") for e in events] == [datetime.date(2026, 9, 7) + datetime.timedelta(weeks=w)
                                                     for w in (0, 3, 5, 7, 10)]


def test_values_lists_what_a_findings_file_accepts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "plan", "--values")
    assert code == 0
    for value in ("core/zorgfraude", "information-sharing", "procurement", "Frontlijnteams zijn gestart"):
        assert value in out


def test_plan_asks_in_a_terminal(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    zorgfraude = THEMES.index("core/zorgfraude") + 1
    answers = iter([str(zorgfraude), "1 2", "", "", "twaalf", "²", "9" * 5000, "12", "10", "2026-02-30",
                    "2026-09-07", "Gemeente Test"])
    monkeypatch.setattr(builtins, "input", lambda _prompt="": next(answers))
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    code, out, err = run(capsys, "plan")
    assert code == 0
    assert err.count("Typ een heel getal van 1 tot en met 2000") == 3  # "twaalf", "²" and 5000 nines: again
    assert err.count("Typ een datum als 2026-09-07") == 1  # the questions go to stderr, the plan to stdout
    assert "Typ" not in out and "Welke thema" not in out
    assert "   0. Niet van toepassing\n   1. De gemeente wil starten" in err  # numbered as in a findings file
    assert "# Trainingstraject ondermijning: Gemeente Test" in out
    assert "maandag 7 september 2026" in out and "Werkplaats Domeinoverstijgend samenwerken" in out


@pytest.mark.parametrize("stop", [EOFError, KeyboardInterrupt, "q"])
def test_stopping_the_questions_exits_130_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        stop: type[BaseException] | str) -> None:
    answers = iter(["1", "1"])

    def answer(_prompt: str = "") -> str:
        value = next(answers, None)
        if value is not None:
            return value
        if isinstance(stop, str):
            return stop
        raise stop

    monkeypatch.setattr(builtins, "input", answer)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    code, _out, err = run(capsys, "plan", "--ics", str(tmp_path / "x.ics"), "--start", "2026-09-07")
    assert code == 130 and "er is niets bewaard" in err
    assert list(tmp_path.iterdir()) == []


def test_the_readme_shows_real_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Planning a training trajectory\n", 1)[1].split("\n## Documentation\n", 1)[0]
    findings = section.split("$ cat findings.toml\n", 1)[1].split("\n$ ", 1)[0]
    shown = section.split("--time 13:30 | grep -E '^(#|- Week)'\n", 1)[1].split("\n$ ", 1)[0].splitlines()
    path = tmp_path / "findings.toml"
    path.write_text(findings + "\n", encoding="utf-8")
    code, out, err = run(capsys, "plan", "--from", str(path), "--ics", str(tmp_path / "training.ics"),
                         "--time", "13:30")
    assert code == 0
    assert [err.strip().replace(str(tmp_path) + "/", "")] + [
        line for line in out.splitlines() if line.startswith(("#", "- Week"))] == shown
    check = section.split("$ ondermijning plan --check nsob/voorbeeldgemeente\n", 1)[1].split("\n", 1)[0]
    assert run(capsys, "plan", "--check", "nsob/voorbeeldgemeente")[1].strip() == check


def test_the_example_in_the_help_is_a_valid_findings_file(tmp_path: Path) -> None:
    from ondermijning.commands.plan import FINDINGS_EXAMPLE

    path = tmp_path / "findings.toml"
    path.write_text(FINDINGS_EXAMPLE, encoding="utf-8")
    assert load_findings(path, CATALOG).participants == 12
