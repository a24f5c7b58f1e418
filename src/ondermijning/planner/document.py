"""The trajectory for people: phases with their reasons, sessions by week (and date), sources."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ..didactics import load_didactics
from ..i18n import N_, _, language
from ..models import ModuleKind, Session, Trajectory
from ..render.document import Document, Item
from .calendar import session_lines, session_weeks
from .findings import FRONTLINE_SITUATIONS
from .modules import theme_names
from .scheduling import Proposal

if TYPE_CHECKING:
    from ..catalog import Catalog


_WEEKDAYS = (N_("maandag"), N_("dinsdag"), N_("woensdag"), N_("donderdag"), N_("vrijdag"), N_("zaterdag"),
             N_("zondag"))
_MONTHS = (N_("januari"), N_("februari"), N_("maart"), N_("april"), N_("mei"), N_("juni"), N_("juli"),
           N_("augustus"), N_("september"), N_("oktober"), N_("november"), N_("december"))


def dutch_date(day: datetime.date) -> str:
    """``2026-09-07`` -> ``maandag 7 september 2026`` (``Monday 7 September 2026`` in English; no system locale)."""
    weekday, month = _(_WEEKDAYS[day.weekday()]), _(_MONTHS[day.month - 1])
    if language() != "nl":
        weekday, month = weekday.capitalize(), month.capitalize()
    return f"{weekday} {day.day} {month} {day.year}"


_KIND_LABELS = {ModuleKind.EXPLORATION: N_("verkenning"), ModuleKind.WORKSHOP: N_("workshop"),
                ModuleKind.PROCESS: N_("procesbegeleiding"), ModuleKind.COACHING: N_("coaching")}


def trajectory_document(trajectory: Trajectory, catalog: Catalog, *, start: datetime.date | None = None,
                        proposal: Proposal | None = None) -> Document:
    """The trajectory for people: phases with their reasons, sessions by week (and date), sources."""
    didactics = load_didactics()
    doc = Document()
    doc.heading(trajectory.title, 1)
    doc.paragraph(trajectory.description)
    if proposal is not None:
        f = proposal.findings
        doc.heading(_("Uitgangspunten uit de verkenning"))
        rows = [_("Deelnemers: {n}").format(n=f.participants),
                _("Beschikbare tijd: {n} weken").format(n=f.weeks)
                + (_(", vanaf {date}").format(date=dutch_date(start)) if start else "")]
        if f.themes:
            rows.append(_("Thema's: {themes}").format(themes=theme_names(catalog, f.themes)))
        if f.audiences:
            rows.append(_("Wie doen mee: {who}").format(who="; ".join(a.label for a in f.audiences)))
        if f.needs:
            rows.append(_("Vragen en behoeften: {needs}").format(needs="; ".join(n.label for n in f.needs)))
        if f.frontline_situation:
            rows.append(_("Frontlijnteams: situatie {n}, {text} (§3.2)").format(
                n=f.frontline_situation, text=_(FRONTLINE_SITUATIONS[f.frontline_situation]).lower()))
        doc.bullets(rows)
    slots = session_weeks(trajectory)
    by_phase: dict[int, list[tuple[int, Session, int]]] = {}
    for p, s, _phase, session, week in slots:
        by_phase.setdefault(p, []).append((s, session, week))
    for p, phase in enumerate(trajectory.phases):
        doc.heading(_("Fase {n}: {title}").format(n=p + 1, title=phase.title))
        doc.paragraph(phase.reason)
        items: list[Item] = []
        for _s, session, week in by_phase.get(p, []):
            when = _("Week {n}").format(n=week + 1) + \
                (f", {dutch_date(start + datetime.timedelta(weeks=week))}" if start else "")
            module = catalog.workshops.get(session.module)
            subs = []
            if module is not None and session.title.startswith(module.title):
                subs.append(_("Soort: {kind}").format(kind=_(_KIND_LABELS[module.kind])))
            elif module is not None:
                subs.append(_("Module: {title} ({kind})").format(title=module.title, kind=_(_KIND_LABELS[module.kind])))
            subs.extend(session_lines(session, catalog))
            items.append((f"{when}: {session.title}", tuple(subs)))
        doc.bullets(items)
    doc.heading(_("Naast de training: werk op drie niveaus"))
    doc.paragraph(f"{didactics.follow_up.text} ({didactics.follow_up.source.section})")
    doc.bullets([(level.name, (level.text,)) for level in didactics.levels])
    doc.paragraph(_("Bron: {source}.").format(source=didactics.levels[0].source))
    doc.heading(_("Elke bijeenkomst: vaste onderdelen"))
    doc.bullets([(f"{element.name}: {element.text}", element.items) for element in didactics.programme])
    doc.paragraph(_("Bron: {source}.").format(source=didactics.programme[0].source))
    if proposal is not None and proposal.left_out:
        doc.heading(_("Niet ingepland"))
        doc.bullets(list(proposal.left_out))
    modules = dict.fromkeys(s.module for *_rest, s, _w in slots)
    sources = [f"{catalog.workshops[m].title}: {catalog.workshops[m].source}" for m in modules
               if m in catalog.workshops]
    if sources:
        doc.heading(_("Bronnen van de modules"))
        doc.bullets(sources)
    return doc

