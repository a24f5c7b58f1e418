"""The iCalendar writer: a standard parser reads back the same sessions, and the text follows RFC 5545."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondermijning import load_catalog
from ondermijning.ics import Event, calendar, escape_text, fold
from ondermijning.planner import Audience, Findings, Need, plan, session_weeks, trajectory_events

CATALOG = load_catalog()
START = datetime.date(2026, 9, 7)
STAMP = datetime.datetime(2026, 8, 1, 12, 0, tzinfo=datetime.timezone.utc)
FINDINGS = Findings(participants=12, weeks=16, themes=["core/zorgfraude", "core/hennepteelt"],
                    audiences=[Audience.SOCIAL, Audience.SAFETY], needs=[Need.DILEMMAS],
                    municipality="Gemeente Één; test, met \\ tekens")


def read(text: str) -> list[icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(text)
    return [c for c in parsed.walk() if c.name == "VEVENT"]


def test_a_parser_reads_back_the_same_sessions_with_their_dates() -> None:
    trajectory = plan(FINDINGS, CATALOG)
    text = calendar(trajectory_events(trajectory, CATALOG, START), name=trajectory.title, stamp=STAMP)
    events = read(text)
    expected = [(session.title, START + datetime.timedelta(weeks=week))
                for *_where, session, week in session_weeks(trajectory)]
    assert len(expected) >= 5
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events] == expected
    for event, (_title, day) in zip(events, expected, strict=True):
        assert event.decoded("DTEND") == day + datetime.timedelta(days=1)  # a whole-day event
        assert "Bron:" in str(event["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert {e.decoded("DTSTAMP") for e in events} == {STAMP}


def test_timed_sessions_start_at_the_time_given_and_last_the_hours_given() -> None:
    trajectory = plan(FINDINGS, CATALOG)
    events = read(calendar(trajectory_events(trajectory, CATALOG, START, time=datetime.time(13, 30), hours=2.5)))
    first = events[0]
    assert first.decoded("DTSTART") == datetime.datetime(2026, 9, 7, 13, 30)
    assert first.decoded("DTEND") == datetime.datetime(2026, 9, 7, 16, 0)
    assert "VALUE=DATE" not in calendar([Event(uid="x", summary="x", start=datetime.datetime(2026, 1, 1, 9))])


def test_lines_end_in_crlf_and_are_folded_at_75_octets_without_splitting_a_character() -> None:
    trajectory = plan(FINDINGS, CATALOG)
    text = calendar(trajectory_events(trajectory, CATALOG, START), name=trajectory.title, stamp=STAMP)
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the descriptions are long enough to be folded
    for line in lines:
        line.decode("utf-8")  # no multi-byte character is cut in two
    for required in ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:", "END:VCALENDAR", "UID:", "DTSTAMP:",
                     "DTSTART;VALUE=DATE:20260907", "SUMMARY:", "DESCRIPTION:"):
        assert required in text


def test_special_characters_survive_escaping() -> None:
    tricky = "Eén; twee, drie \\ vier\nvijf — zes"
    events = read(calendar([Event(uid="a@b", summary=tricky, start=START, description=tricky * 5)]))
    assert str(events[0]["SUMMARY"]) == tricky
    assert str(events[0]["DESCRIPTION"]) == tricky * 5
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=300))
def test_folding_keeps_the_text_and_the_limit(value: str) -> None:
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold(line)
    physical = folded.encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    assert all(part.startswith(b" ") for part in physical[1:])
    assert folded.replace("\r\n ", "") == line


@pytest.mark.parametrize("name", ["", "Agenda"])
def test_an_empty_calendar_is_still_valid(name: str) -> None:
    parsed = icalendar.Calendar.from_ical(calendar([], name=name, stamp=STAMP))
    assert str(parsed["VERSION"]) == "2.0"
    assert [c for c in parsed.walk() if c.name == "VEVENT"] == []
