"""A case for people (text, Markdown) and for programs (versioned JSON).

The JSON holds every picture exactly as :func:`ondermijning.serialize.to_data` gives it, pins
included, beside the joint judgements, routes, feedback and closing in timeline order, with a
``current`` summary (the latest computed level, agreed level, route and feedback) and the
retention that applies. The computed level is shown as advice and the agreed level as the
professionals' decision, never one for the other.
"""

from __future__ import annotations

from typing import Any

from ..assessment import number
from ..converter import converter
from ..i18n import N_, _
from ..models import RouteAction
from ..models.picture import InformationPicture, Judgement, Pins
from ..render.document import Document
from ..serialize import to_data
from .codec import timestamp
from .model import (
    Assessment,
    CaseRecord,
    Closing,
    Feedback,
    FeedbackStatus,
    Reassessment,
    Role,
    RouteTaken,
    SentPicture,
    StatusView,
    TimelineEntry,
)

CASE_FORMAT_VERSION = 1

#: the words a person reads for the register's codes (marked here, translated where shown), for the
#: CLI's timeline and the web pages alike
ROLE_LABELS: dict[Any, str] = {Role.REPORTER: N_("melder"), Role.COORDINATOR: N_("coördinator"),
                               Role.ADMINISTRATOR: N_("beheerder")}
FEEDBACK_LABELS: dict[Any, str] = {FeedbackStatus.RECEIVED: N_("ontvangen"),
                                   FeedbackStatus.IN_PROGRESS: N_("in behandeling"),
                                   FeedbackStatus.CLOSED: N_("afgerond")}
#: what was done along a route, as the timeline says it
TAKEN_LABELS = {RouteAction.ADVICE: N_("advies gevraagd"), RouteAction.REPORT: N_("melding gedaan"),
                RouteAction.CONSULT: N_("overleg")}


def case_data(record: CaseRecord) -> dict[str, Any]:
    """The case as plain data (``kind`` ``register_case``, ``format_version`` 1)."""
    case, retention = record.case, record.retention
    picture = _latest_picture(record)
    judgement = record.latest(Judgement)
    route = record.latest(RouteTaken)
    feedback = record.latest(Feedback)
    return {
        "kind": "register_case", "format_version": CASE_FORMAT_VERSION,
        "id": case.id, "pseudonym": case.pseudonym, "municipality": case.municipality,
        "opened_by": case.opened_by, "opened_at": timestamp(case.opened_at), "updated_at": timestamp(case.updated_at),
        "status": case.status.value, "version": case.version,
        "current": {
            "computed_level": picture.level.value if picture else None,
            "agreed_level": judgement.item.level.value if judgement and isinstance(judgement.item, Judgement) else None,
            "route": route.item.route if route and isinstance(route.item, RouteTaken) else None,
            "feedback": feedback.item.status.value if feedback and isinstance(feedback.item, Feedback) else None,
        },
        "retention": {"days": retention.days, "expires": retention.expires.isoformat(),
                      "from_pack": retention.from_pack, "to_fill_in": retention.to_fill_in,
                      "purpose": retention.purpose, "legal_basis": retention.legal_basis},
        "timeline": [entry_data(e) for e in record.timeline],
    }


def entry_data(entry: TimelineEntry) -> dict[str, Any]:
    data: dict[str, Any] = {"seq": entry.seq, "kind": entry.kind.value, "at": timestamp(entry.at),
                            "actor": entry.actor, "role": entry.role.value}
    item = entry.item
    if isinstance(item, Assessment):
        data["picture"] = to_data(item.picture)
        data["reassessment_of"] = item.reassessment_of
    else:
        data.update(converter.unstructure(item))
    return data


def entry_document(case: str, entry: TimelineEntry) -> dict[str, Any]:
    """The entry a write added and the case's new version (``kind`` ``register_entry``)."""
    return {"kind": "register_entry", "format_version": CASE_FORMAT_VERSION, "case": case, "version": entry.seq,
            "entry": entry_data(entry)}


def status_data(view: StatusView) -> dict[str, Any]:
    """What a reporter sees, as plain data (``kind`` ``register_status``)."""
    return {"kind": "register_status", "format_version": CASE_FORMAT_VERSION, "id": view.case,
            "opened_at": timestamp(view.opened_at), "status": view.status.value,
            "feedback": [{"at": timestamp(at), "status": f.status.value, "message": f.message}
                         for at, f in view.feedback]}


def _latest_picture(record: CaseRecord) -> InformationPicture | None:
    entry = record.latest(Assessment)
    return entry.item.picture if entry is not None and isinstance(entry.item, Assessment) else None


def pins_text(pins: Pins | None) -> str:
    if pins is None:
        return _("zonder vastgelegde versies (beeld van vóór formaat 2)")
    return _("pack {pack} {version}, lijst {digest}, bibliotheek {library}").format(
        pack=pins.pack, version=pins.pack_version or "?", digest=pins.list_hash[:19] + "…",
        library=pins.library_version)


def case_document(record: CaseRecord) -> Document:
    case = record.case
    doc = Document()
    doc.heading(_("Casus {case}").format(case=case.id), 1)
    status = _("open") if case.status.value == "open" else _("gesloten")
    doc.paragraph(_("Pseudoniem {pseudonym}, gemeente {municipality}; geopend door {actor} op {date}; {status}, "
                    "versie {version}.").format(pseudonym=case.pseudonym, municipality=case.municipality,
                                               actor=case.opened_by, date=_day(case.opened_at), status=status,
                                               version=case.version))
    picture, judgement = _latest_picture(record), record.latest(Judgement)
    if picture is not None:
        doc.paragraph(_("Berekend zorgniveau (advies): {level}, score {score}.").format(
            level=picture.level.label, score=number(picture.score)))
    if judgement is not None and isinstance(judgement.item, Judgement):
        doc.paragraph(_("Gezamenlijk vastgesteld zorgniveau: {level}.").format(level=judgement.item.level.label))
    elif picture is not None:
        doc.paragraph(_("Het zorgniveau is nog niet samen vastgesteld: het berekende niveau is een advies, "
                        "geen besluit."))
    doc.paragraph(retention_text(record))
    doc.heading(_("Tijdlijn"))
    doc.bullets([entry_text(e) for e in record.timeline] or [_("Nog niets vastgelegd.")])
    return doc


def retention_text(record: CaseRecord) -> str:
    retention = record.retention
    text = _("Bewaard tot {date} ({days} dagen na de laatste wijziging).").format(
        date=retention.expires.isoformat(), days=retention.days)
    if not retention.from_pack:
        text += " " + _("Dit is de standaardtermijn van de bibliotheek: de gemeente moet zelf doel, grondslag en "
                        "bewaartermijn vastleggen in haar pack ([[processing]]).")
    elif retention.to_fill_in:
        text += " " + _("De gemeente moet deze waarden in haar pack nog bevestigen (to_fill_in).")
    return text


def entry_text(entry: TimelineEntry) -> str | tuple[str, tuple[str, ...]]:
    head = f"{entry.seq}. {_moment(entry)} {entry.actor} ({entry.role.value}): "
    item = entry.item
    if isinstance(item, Assessment):
        picture = item.picture
        what = _("herbeoordeling van {seq}").format(seq=item.reassessment_of) if item.reassessment_of else _("beeld")
        signals = tuple(f"{o.signal} [{_('feit') if o.kind.value == 'fact' else _('interpretatie')}]"
                        for o in picture.observations)
        return (head + _("{what} {list}: berekend {level} (advies), score {score}; {pins}").format(
            what=what, list=picture.signal_list, level=picture.level.label, score=number(picture.score),
            pins=pins_text(picture.pins)), signals)
    if isinstance(item, SentPicture):
        return head + _("beeld {list} gestuurd naar {system} (kenmerk {reference}); {pins}").format(
            list=item.signal_list, system=item.name, reference=item.reference, pins=pins_text(item.pins))
    if isinstance(item, Judgement):
        consulted = ", ".join(item.consulted) or _("niemand genoemd")
        return head + _("gezamenlijk oordeel {level}: {reason} (geraadpleegd: {consulted})").format(
            level=item.level.label, reason=item.reason, consulted=consulted)
    if isinstance(item, RouteTaken):
        note = f" ({item.note})" if item.note else ""
        return head + _("route {name}: {action}{note}").format(name=item.name,
                                                             action=_(TAKEN_LABELS[item.action]), note=note)
    if isinstance(item, Feedback):
        message = f": {item.message}" if item.message else ""
        return head + _("terugkoppeling aan de melder: {status}{message}").format(
            status=_(FEEDBACK_LABELS[item.status]), message=message)
    assert isinstance(item, Closing)
    return head + _("gesloten") + (f": {item.reason}" if item.reason else "")


def reassessment_document(result: Reassessment) -> Document:
    before, after = result.before, result.after
    doc = Document()
    doc.heading(_("Herbeoordeling van beeld {seq}").format(seq=result.before_seq), 1)
    doc.paragraph(_("Berekend zorgniveau (advies): {old} → {new}; score {old_score} → {new_score}.").format(
        old=before.level.label, new=after.level.label, old_score=number(before.score), new_score=number(after.score)))
    if result.pack_changed:
        doc.paragraph(_("De pack is veranderd sinds het eerdere beeld: {old} → {new}.").format(
            old=pins_text(before.pins), new=pins_text(after.pins)))
    elif result.list_changed:
        doc.paragraph(_("De inhoud van de lijst is veranderd sinds het eerdere beeld, zonder nieuwe packversie: "
                        "{old} → {new}.").format(old=pins_text(before.pins), new=pins_text(after.pins)))
    else:
        doc.paragraph(_("Pack en lijst zijn niet veranderd sinds het eerdere beeld ({pins}).").format(
            pins=pins_text(after.pins)))
    if result.dropped:
        doc.paragraph(_("Niet meer in de lijst, dus niet meegeteld: {ids}.").format(ids=", ".join(result.dropped)))
    doc.paragraph(_("Vastgelegd als regel {seq} van de tijdlijn. Bespreek een verschuiving samen: het berekende "
                    "niveau is een advies.").format(seq=result.entry.seq))
    return doc


def reassessment_data(result: Reassessment) -> dict[str, Any]:
    return {"kind": "register_reassessment", "format_version": CASE_FORMAT_VERSION,
            "before_seq": result.before_seq, "seq": result.entry.seq,
            "before": {"level": result.before.level.value, "score": result.before.score,
                       "pins": converter.unstructure(result.before.pins)},
            "after": {"level": result.after.level.value, "score": result.after.score,
                      "pins": converter.unstructure(result.after.pins)},
            "pack_changed": result.pack_changed, "list_changed": result.list_changed,
            "dropped": list(result.dropped)}


def _day(moment: Any) -> str:
    return str(moment.date().isoformat())


def _moment(entry: TimelineEntry) -> str:
    return entry.at.strftime("%Y-%m-%d %H:%M")
