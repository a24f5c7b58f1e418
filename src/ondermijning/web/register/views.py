"""What the register's pages show, prepared from the register's objects (the templates only lay it out).

A case page shows the timeline as it grew: each picture with the versions it was computed with
(and whether today's packs differ), the computed level as *advice* beside the joint judgement
(never in its place), the routes taken, the feedback and the closing. A reporter's page shows of
their own reports only when, the status and the feedback meant for them.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ...catalog import Catalog
from ...i18n import N_, _
from ...models import Route, RouteScope, SignalList, pack_of
from ...models.picture import InformationPicture, Judgement
from ...planner.document import dutch_date
from ...register.model import (
    Assessment,
    CaseRecord,
    CaseStatus,
    Closing,
    Feedback,
    FeedbackStatus,
    Role,
    RouteTaken,
    SentPicture,
    StatusView,
    TimelineEntry,
)
from ...register.render import FEEDBACK_LABELS, ROLE_LABELS, TAKEN_LABELS, pins_text, retention_text
from ...render.picture import kind_label
from ...serialize import compare_pins

#: the words a person reads for the register's codes (translated where shown: :func:`label`)
STATUS_LABELS: dict[Any, str] = {CaseStatus.OPEN: N_("loopt"), CaseStatus.CLOSED: N_("afgesloten")}
KIND_TITLES = {Assessment: N_("Beeld"), SentPicture: N_("Beeld naar het casussysteem"),
               Judgement: N_("Gezamenlijk oordeel"), RouteTaken: N_("Route"),
               Feedback: N_("Terugkoppeling aan de melder"), Closing: N_("Gesloten")}
#: common purposes to read a case for; anything else can be typed
PURPOSES = (N_("voorbereiding casusoverleg"), N_("terugkoppeling aan de melder"), N_("vervolg afspreken"),
            N_("herbeoordeling na nieuwe signalen"), N_("verzoek van de betrokkene"))
try:
    _ZONE: datetime.tzinfo = zoneinfo.ZoneInfo("Europe/Amsterdam")
except zoneinfo.ZoneInfoNotFoundError:  # pragma: no cover - a system without time-zone data
    _ZONE = datetime.timezone.utc


_LABELS = {**ROLE_LABELS, **STATUS_LABELS, **FEEDBACK_LABELS}


def label(code: Role | CaseStatus | FeedbackStatus) -> str:
    """A role, a case's status or a feedback status as a person reads it, in the request's language."""
    return _(_LABELS[code])


def when(moment: datetime.datetime) -> str:
    """``2026-12-01T12:05Z`` -> ``dinsdag 1 december 2026, 13:05`` (Dutch time; the date in the request's language)."""
    local = moment.astimezone(_ZONE)
    return f"{dutch_date(local.date())}, {local:%H:%M}"


@attrs.frozen(kw_only=True)
class PictureView:
    """A picture in the timeline: the level as advice, the signals, the versions it was computed with."""

    picture: InformationPicture
    list_name: str
    observations: tuple[tuple[str, str], ...]  # (signal text, fact or interpretation)
    pins: str
    changed: tuple[str, ...]  # how today's packs differ from the pins


@attrs.frozen(kw_only=True)
class EntryView:
    entry: TimelineEntry
    title: str
    when: str
    who: str
    picture: PictureView | None = None
    lines: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class CaseView:
    record: CaseRecord
    entries: tuple[EntryView, ...]
    advice: InformationPicture | None  # the latest computed level: advice
    judgement: Judgement | None  # the latest joint judgement: the decision
    feedback: Feedback | None
    retention: str
    routes: tuple[Route, ...]  # to choose from: the municipality's local routes, then national ones
    lists: tuple[SignalList, ...]

    @property
    def is_open(self) -> bool:
        return self.record.case.status is CaseStatus.OPEN


def picture_view(picture: InformationPicture, catalog: Catalog) -> PictureView:
    signal_list = catalog.signal_lists.get(picture.signal_list)
    texts = {s.id: s.text for s in signal_list.signals} if signal_list is not None else {}
    return PictureView(
        picture=picture, list_name=signal_list.name if signal_list is not None else picture.signal_list,
        observations=tuple((texts.get(o.signal, o.signal), kind_label(o.kind)) for o in picture.observations),
        pins=pins_text(picture.pins), changed=tuple(d.message for d in compare_pins(picture, catalog)))


def entry_view(entry: TimelineEntry, catalog: Catalog) -> EntryView:
    item, lines, picture = entry.item, [], None
    if isinstance(item, Assessment):
        picture = picture_view(item.picture, catalog)
        if item.reassessment_of:
            lines.append(_("Herbeoordeling van regel {seq} met de packs van dat moment.").format(
                seq=item.reassessment_of))
    elif isinstance(item, SentPicture):
        lines += [_("Gestuurd naar {system}, kenmerk {reference}.").format(system=item.name, reference=item.reference),
                  _("Berekend met {pins}.").format(pins=pins_text(item.pins))]
    elif isinstance(item, Judgement):
        lines.append(_("Samen vastgesteld zorgniveau: {level}.").format(level=item.level.label))
        lines.append(_("Reden: {reason}").format(reason=item.reason))
        lines.append(_("Geraadpleegd: {roles}.").format(roles=", ".join(item.consulted) or _("niemand genoemd")))
    elif isinstance(item, RouteTaken):
        lines.append(f"{item.name}: {_(TAKEN_LABELS[item.action])}.")
        if item.note:
            lines.append(_("Notitie: {note}").format(note=item.note))
    elif isinstance(item, Feedback):
        lines.append(_("Status voor de melder: {status}.").format(status=label(item.status)))
        if item.message:
            lines.append(_("Bericht: {message}").format(message=item.message))
    elif isinstance(item, Closing) and item.reason:
        lines.append(_("Reden: {reason}").format(reason=item.reason))
    return EntryView(entry=entry, title=_(KIND_TITLES[type(item)]), when=when(entry.at),
                     who=f"{entry.actor} ({label(entry.role)})", picture=picture, lines=tuple(lines))


def case_view(record: CaseRecord, catalog: Catalog) -> CaseView:
    latest = record.latest(Assessment)
    judgement = record.latest(Judgement)
    feedback = record.latest(Feedback)
    municipality = record.case.municipality
    routes = [r for r in catalog.routes.values() if r.scope is RouteScope.LOCAL and pack_of(r.id) == municipality]
    routes += [r for r in catalog.routes.values() if r.scope is RouteScope.NATIONAL]
    return CaseView(
        record=record, entries=tuple(entry_view(e, catalog) for e in reversed(record.timeline)),
        advice=latest.item.picture if latest is not None and isinstance(latest.item, Assessment) else None,
        judgement=judgement.item if judgement is not None and isinstance(judgement.item, Judgement) else None,
        feedback=feedback.item if feedback is not None and isinstance(feedback.item, Feedback) else None,
        retention=retention_text(record), routes=tuple(routes),
        lists=tuple(sl for sl in catalog.signal_lists.values() if sl.id not in catalog.invalid_lists))


@attrs.frozen(kw_only=True)
class ReportView:
    """One of a reporter's own reports: when, its status, and what they hear back."""

    case: str
    reported: str
    status: str
    latest: str  # the latest feedback status, or that none came yet
    messages: tuple[tuple[str, str, str], ...]  # (when, status, message)


def report_view(view: StatusView) -> ReportView:
    latest = view.feedback[-1][1].status if view.feedback else None
    return ReportView(case=view.case, reported=when(view.opened_at), status=label(view.status),
                      latest=label(latest) if latest else _("nog geen terugkoppeling"),
                      messages=tuple((when(at), label(f.status), f.message) for at, f in reversed(
                          view.feedback)))


def by_category(signal_list: SignalList) -> Mapping[str, Sequence[Any]]:
    """A list's signals per category, as the signal fields need them."""
    return {c.id: [s for s in signal_list.signals if s.category == c.id] for c in signal_list.categories}

