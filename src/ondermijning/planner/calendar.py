"""When the sessions take place: weeks from the start, and one calendar event per session."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ..ics import Event
from ..models import Phase, Session, Trajectory
from .modules import source_line

if TYPE_CHECKING:
    from ..catalog import Catalog


def session_weeks(trajectory: Trajectory) -> list[tuple[int, int, Phase, Session, int]]:
    """(phase index, session index, phase, session, week from the start) for every session, in order."""
    out = []
    week = 0
    first = True
    for p, phase in enumerate(trajectory.phases):
        for s, session in enumerate(phase.sessions):
            week = session.weeks_after_previous if first else week + session.weeks_after_previous
            first = False
            out.append((p, s, phase, session, week))
    return out


def trajectory_events(trajectory: Trajectory, catalog: Catalog, start: datetime.date, *,
                      time: datetime.time | None = None, hours: float = 3.0) -> list[Event]:
    """One calendar event per session: whole days, or from ``time`` for ``hours``."""
    events = []
    slug = trajectory.id.replace("/", "-")
    for p, s, phase, session, week in session_weeks(trajectory):
        day = start + datetime.timedelta(weeks=week)
        module = catalog.workshops.get(session.module)
        lines = [f"{trajectory.title}", f"Fase {p + 1}: {phase.title}"]
        if module is not None:
            lines.append(f"Module: {module.title}")
        if session.participants and not any(n.startswith("Groepen:") for n in session.notes):
            lines.append(f"Deelnemers per groep: {session.participants}")
        if session.facilitators > 1:
            lines.append(f"Begeleiders per groep: {session.facilitators}")
        for case_id in session.cases:
            case = catalog.cases.get(case_id)
            lines.append(f"Casus: {case.title if case else case_id}")
        lines.extend(session.notes)
        if module is not None and not any(n.startswith("Bron:") for n in session.notes):
            lines.append(source_line(module))
        begin: datetime.date | datetime.datetime = day
        duration = datetime.timedelta(days=1)
        if time is not None:
            begin = datetime.datetime.combine(day, time)
            duration = datetime.timedelta(hours=hours)
        events.append(Event(uid=f"{slug}-{p + 1}-{s + 1}-{day:%Y%m%d}@ondermijning", summary=session.title,
                            start=begin, duration=duration, description="\n".join(lines),
                            categories=("Training ondermijning",)))
    return events


