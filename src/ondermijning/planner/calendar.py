"""When the sessions take place: weeks from the start, and one calendar event per session."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ..i18n import _
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


def session_lines(session: Session, catalog: Catalog) -> list[str]:
    """What a session's entry says beyond its title: group size, facilitators, cases, notes, source."""
    module = catalog.workshops.get(session.module)
    notes = session.notes
    lines = []
    if session.participants and not any(n.startswith(_("Groepen:")) for n in notes):
        lines.append(_("Deelnemers per groep: {n}").format(n=session.participants))
    if session.facilitators > 1:
        lines.append(_("Begeleiders per groep: {n}").format(n=session.facilitators))
    for case_id in session.cases:
        case = catalog.cases.get(case_id)
        lines.append(_("Casus: {title}").format(title=case.title if case else case_id))
    lines.extend(notes)
    if module is not None and not any(n.startswith(_("Bron:")) for n in notes):
        lines.append(source_line(module))
    return lines



def trajectory_events(trajectory: Trajectory, catalog: Catalog, start: datetime.date, *,
                      time: datetime.time | None = None, hours: float = 3.0) -> list[Event]:
    """One calendar event per session: whole days, or from ``time`` for ``hours``."""
    events = []
    slug = trajectory.id.replace("/", "-")
    for p, s, phase, session, week in session_weeks(trajectory):
        day = start + datetime.timedelta(weeks=week)
        module = catalog.workshops.get(session.module)
        lines = [f"{trajectory.title}", _("Fase {n}: {title}").format(n=p + 1, title=phase.title)]
        if module is not None:
            lines.append(_("Module: {title}").format(title=module.title))
        lines.extend(session_lines(session, catalog))
        begin: datetime.date | datetime.datetime = day
        duration = datetime.timedelta(days=1)
        if time is not None:
            begin = datetime.datetime.combine(day, time)
            duration = datetime.timedelta(hours=hours)
        events.append(Event(uid=f"{slug}-{p + 1}-{s + 1}-{day:%Y%m%d}@ondermijning", summary=session.title,
                            start=begin, duration=duration, description="\n".join(lines),
                            categories=(_("Training ondermijning"),)))
    return events


