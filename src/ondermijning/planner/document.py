"""The trajectory for people: phases with their reasons, sessions by week (and date), sources."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ..didactics import load_didactics
from ..models import ModuleKind, Session, Trajectory
from ..render.document import Document, Item
from .calendar import session_weeks
from .findings import FRONTLINE_SITUATIONS
from .modules import source_line, theme_names
from .scheduling import Proposal

if TYPE_CHECKING:
    from ..catalog import Catalog


_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


def dutch_date(day: datetime.date) -> str:
    """``2026-09-07`` -> ``maandag 7 september 2026`` (without depending on the system's locale)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


_KIND_LABELS = {ModuleKind.EXPLORATION: "verkenning", ModuleKind.WORKSHOP: "workshop",
                ModuleKind.PROCESS: "procesbegeleiding", ModuleKind.COACHING: "coaching"}


def trajectory_document(trajectory: Trajectory, catalog: Catalog, *, start: datetime.date | None = None,
                        proposal: Proposal | None = None) -> Document:
    """The trajectory for people: phases with their reasons, sessions by week (and date), sources."""
    didactics = load_didactics()
    doc = Document()
    doc.heading(trajectory.title, 1)
    doc.paragraph(trajectory.description)
    if proposal is not None:
        f = proposal.findings
        doc.heading("Uitgangspunten uit de verkenning")
        rows = [f"Deelnemers: {f.participants}", f"Beschikbare tijd: {f.weeks} weken"
                + (f", vanaf {dutch_date(start)}" if start else "")]
        if f.themes:
            rows.append(f"Thema's: {theme_names(catalog, f.themes)}")
        if f.audiences:
            rows.append("Wie doen mee: " + "; ".join(a.label for a in f.audiences))
        if f.needs:
            rows.append("Vragen en behoeften: " + "; ".join(n.label for n in f.needs))
        if f.frontline_situation:
            rows.append(f"Frontlijnteams: situatie {f.frontline_situation}, "
                        f"{FRONTLINE_SITUATIONS[f.frontline_situation].lower()} (§3.2)")
        doc.bullets(rows)
    slots = session_weeks(trajectory)
    by_phase: dict[int, list[tuple[int, Session, int]]] = {}
    for p, s, _phase, session, week in slots:
        by_phase.setdefault(p, []).append((s, session, week))
    for p, phase in enumerate(trajectory.phases):
        doc.heading(f"Fase {p + 1}: {phase.title}")
        doc.paragraph(phase.reason)
        items: list[Item] = []
        for _s, session, week in by_phase.get(p, []):
            when = f"Week {week + 1}" + (f", {dutch_date(start + datetime.timedelta(weeks=week))}" if start else "")
            module = catalog.workshops.get(session.module)
            subs = []
            if module is not None and session.title.startswith(module.title):
                subs.append(f"Soort: {_KIND_LABELS[module.kind]}")
            elif module is not None:
                subs.append(f"Module: {module.title} ({_KIND_LABELS[module.kind]})")
            if session.participants and not any(n.startswith("Groepen:") for n in session.notes):
                subs.append(f"Deelnemers per groep: {session.participants}")
            if session.facilitators > 1:
                subs.append(f"Begeleiders per groep: {session.facilitators}")
            for case_id in session.cases:
                case = catalog.cases.get(case_id)
                subs.append(f"Casus: {case.title if case else case_id}")
            subs.extend(session.notes)
            if module is not None and not any(n.startswith("Bron:") for n in session.notes):
                subs.append(source_line(module))
            items.append((f"{when}: {session.title}", tuple(subs)))
        doc.bullets(items)
    doc.heading("Naast de training: werk op drie niveaus")
    doc.paragraph(f"{didactics.follow_up.text} ({didactics.follow_up.source.section})")
    doc.bullets([(level.name, (level.text,)) for level in didactics.levels])
    doc.paragraph(f"Bron: {didactics.levels[0].source}.")
    doc.heading("Elke bijeenkomst: vaste onderdelen")
    doc.bullets([(f"{element.name}: {element.text}", element.items) for element in didactics.programme])
    doc.paragraph(f"Bron: {didactics.programme[0].source}.")
    if proposal is not None and proposal.left_out:
        doc.heading("Niet ingepland")
        doc.bullets(list(proposal.left_out))
    modules = dict.fromkeys(s.module for *_rest, s, _w in slots)
    sources = [f"{catalog.workshops[m].title}: {catalog.workshops[m].source}" for m in modules
               if m in catalog.workshops]
    if sources:
        doc.heading("Bronnen van de modules")
        doc.bullets(sources)
    return doc

