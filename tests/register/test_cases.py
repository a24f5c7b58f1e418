"""A case over time: pictures pinned, judgements appended, routes, feedback, closing, re-assessment."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from ondermijning import from_json, to_json
from ondermijning.assemble import load_catalog
from ondermijning.catalog import Catalog
from ondermijning.models import ConcernLevel, RouteAction
from ondermijning.models.picture import InformationPicture, Judgement
from ondermijning.register.errors import CaseNotFound, Conflict, InvalidInput
from ondermijning.register.model import Assessment, CaseStatus, Feedback, FeedbackStatus, RouteTaken
from ondermijning.register.render import case_data
from ondermijning.register.service import Register

from .conftest import COORDINATOR, OpenRegister

SIGNALS = ["gedrag-agressief", "school-spijbelt", "vrienden-nieuwe-oudere-vrienden"]


def new_case(register: Register, pseudonym: str = "J-2026-001") -> str:
    return register.new_case(COORDINATOR, pseudonym=pseudonym, municipality="deurne").id


def test_a_picture_is_stored_as_the_library_writes_it_and_pinned(register: Register, catalog: Catalog) -> None:
    case = new_case(register)
    entry = register.assess(COORDINATOR, case, "deurne/jongeren", SIGNALS)
    stored = register.show(COORDINATOR, case, purpose="test").timeline[0].item
    assert isinstance(stored, Assessment)
    assert isinstance(entry.item, Assessment)
    assert to_json(stored.picture) == to_json(entry.item.picture)
    assert from_json(to_json(stored.picture), InformationPicture) == stored.picture
    pins = stored.picture.pins
    assert pins is not None
    assert (pins.pack, pins.pack_version) == ("deurne", catalog.packs["deurne"].version)
    assert pins.list_hash.startswith("sha256:") and pins.library_version
    assert stored.picture.subject == ""  # the pseudonym is kept once, on the case


def test_judgements_are_appended_and_never_overwritten(register: Register) -> None:
    case = new_case(register)
    register.assess(COORDINATOR, case, "deurne/jongeren", SIGNALS)
    register.judge(COORDINATOR, case, Judgement(level=ConcernLevel.MODERATE, reason="eerste overleg",
                                                consulted=["jongerenwerker"]))
    register.judge(COORDINATOR, case, Judgement(level=ConcernLevel.HIGH, reason="nieuwe signalen"))
    record = register.show(COORDINATOR, case, purpose="test")
    judgements = [e.item for e in record.timeline if isinstance(e.item, Judgement)]
    assert [j.level for j in judgements] == [ConcernLevel.MODERATE, ConcernLevel.HIGH]
    assert judgements[0].consulted == ("jongerenwerker",)
    assert all(j.date == datetime.date.today() for j in judgements)
    data = case_data(record)
    assert data["current"] == {"computed_level": "moderate", "agreed_level": "high", "route": None, "feedback": None}


def test_route_feedback_and_closing(register: Register) -> None:
    case = new_case(register)
    register.act(COORDINATOR, case, "jongerenwerk-wijkteam", note="gebeld")
    register.feedback(COORDINATOR, case, FeedbackStatus.IN_PROGRESS, message="Er is contact gelegd")
    register.close_case(COORDINATOR, case, reason="hulp loopt")
    with pytest.raises(Conflict, match="gesloten"):
        register.assess(COORDINATOR, case, "deurne/jongeren", SIGNALS)
    register.feedback(COORDINATOR, case, FeedbackStatus.CLOSED)  # the reporter may still hear back
    record = register.show(COORDINATOR, case, purpose="test")
    assert record.case.status is CaseStatus.CLOSED and record.case.version == 4
    route = record.timeline[0].item
    assert isinstance(route, RouteTaken)
    assert (route.route, route.action) == ("deurne/jongerenwerk-wijkteam", RouteAction.ADVICE)
    assert [e.item.status for e in record.timeline if isinstance(e.item, Feedback)] == [
        FeedbackStatus.IN_PROGRESS, FeedbackStatus.CLOSED]


def test_a_writer_that_saw_an_older_version_gets_a_conflict_and_changes_nothing(register: Register) -> None:
    case = new_case(register)
    register.assess(COORDINATOR, case, "deurne/jongeren", SIGNALS, seen=0)
    with pytest.raises(Conflict, match="versie 0"):
        register.judge(COORDINATOR, case, Judgement(level=ConcernLevel.LOW, reason="x"), seen=0)
    record = register.show(COORDINATOR, case, purpose="test")
    assert record.case.version == 1 and len(record.timeline) == 1
    register.judge(COORDINATOR, case, Judgement(level=ConcernLevel.LOW, reason="x"), seen=1)
    assert register.verify().ok


@pytest.mark.parametrize(("pseudonym", "why"), [
    ("Jan Jansen", "code"), ("jansen", "cijfer"), ("123456782", "BSN"), ("01-02-2010", "geboortedatum"),
    ("0612345678", "telefoonnummer"), ("x" * 41 + "1", "code"),
])
def test_only_pseudonyms(register: Register, pseudonym: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why):
        register.new_case(COORDINATOR, pseudonym=pseudonym, municipality="deurne")
    assert register.store.counts() == {"register_cases": 0, "register_entries": 0, "register_log": 0}


def test_bad_input_changes_nothing(register: Register) -> None:
    case = new_case(register)
    before = register.store.counts()
    with pytest.raises(InvalidInput, match=r"onbekend|unknown"):
        register.assess(COORDINATOR, case, "deurne/jongeren", ["bestaat-niet"])
    with pytest.raises(InvalidInput):
        register.act(COORDINATOR, case, "geen-route")
    with pytest.raises(InvalidInput, match="reden ontbreekt"):
        register.judge(COORDINATOR, case, Judgement(level=ConcernLevel.LOW, reason=" "))
    with pytest.raises(InvalidInput, match="hoogstens"):
        register.feedback(COORDINATOR, case, FeedbackStatus.RECEIVED, message="x" * 2001)
    with pytest.raises(InvalidInput, match="gemeente"):
        register.new_case(COORDINATOR, pseudonym="J-1", municipality="atlantis")
    with pytest.raises(InvalidInput, match="--purpose"):
        register.show(COORDINATOR, case, purpose="")
    with pytest.raises(CaseNotFound):
        register.judge(COORDINATOR, "000000000000", Judgement(level=ConcernLevel.LOW, reason="x"))
    assert register.store.counts() == before


def _changed_deurne(tmp_path: Path, version: str, weight: int | None) -> Path:
    """A copy of the Deurne pack with another version and (optionally) another weight for one signal."""
    import shutil

    import ondermijning_deurne

    source = Path(ondermijning_deurne.__file__).parent / "pack"
    target = tmp_path / "deurne"
    shutil.copytree(source, target)
    pack = target / "pack.toml"
    pack.write_text(pack.read_text(encoding="utf-8").replace('version = "0.1.0"', f'version = "{version}"'),
                    encoding="utf-8")
    if weight is not None:
        signals = target / "signals.toml"
        text = signals.read_text(encoding="utf-8")
        start = text.index('id = "gedrag-agressief"')
        at = text.index("weight = ", start)
        end = text.index("\n", at)
        signals.write_text(text[:at] + f"weight = {weight}" + text[end:], encoding="utf-8")
    return target


def test_reassessment_shows_the_shift_and_that_the_pack_changed(open_register: OpenRegister,
                                                                  tmp_path: Path) -> None:
    today = open_register()
    case = new_case(today)
    today.assess(COORDINATOR, case, "deurne/jongeren", ["gedrag-agressief", "school-spijbelt"])
    same = today.reassess(COORDINATOR, case)
    assert (same.pack_changed, same.list_changed, same.before.level, same.after.level) == (
        False, False, ConcernLevel.LOW, ConcernLevel.LOW)

    newer = load_catalog([_changed_deurne(tmp_path, "0.2.0", 9)], disable=["deurne"])
    assert newer.packs["deurne"].version == "0.2.0"
    later = open_register(newer)
    shift = later.reassess(COORDINATOR, case)
    assert shift.pack_changed and shift.list_changed
    assert shift.before_seq == same.entry.seq  # the latest picture is the one re-scored
    assert (shift.before.level, shift.after.level) == (ConcernLevel.LOW, ConcernLevel.MODERATE)
    assert shift.after.score > shift.before.score
    stored = later.show(COORDINATOR, case, purpose="test").timeline[-1].item
    assert isinstance(stored, Assessment) and stored.reassessment_of == same.entry.seq
    assert stored.picture.pins is not None and stored.picture.pins.pack_version == "0.2.0"


def test_a_list_that_changed_without_a_new_version_still_shows(open_register: OpenRegister, tmp_path: Path) -> None:
    first = open_register()
    case = new_case(first)
    first.assess(COORDINATOR, case, "deurne/jongeren", ["gedrag-agressief"])
    quiet = load_catalog([_changed_deurne(tmp_path, "0.1.0", 5)], disable=["deurne"])
    shift = open_register(quiet).reassess(COORDINATOR, case)
    assert not shift.pack_changed and shift.list_changed


def test_show_json_holds_pins_computed_level_and_judgement(register: Register) -> None:
    case = new_case(register)
    register.assess(COORDINATOR, case, "deurne/jongeren", SIGNALS)
    register.judge(COORDINATOR, case, Judgement(level=ConcernLevel.HIGH, reason="samen"))
    data = json.loads(json.dumps(case_data(register.show(COORDINATOR, case, purpose="test"))))
    assessment, judgement = data["timeline"]
    assert assessment["picture"]["pins"]["pack"] == "deurne"
    assert assessment["picture"]["level"] == "moderate"
    assert judgement["level"] == "high" and judgement["reason"] == "samen"
    assert data["retention"]["from_pack"] is True and data["retention"]["to_fill_in"] is True
