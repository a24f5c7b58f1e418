"""The information picture for a caretaker, youth worker or team, in the chosen language (Dutch by default)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ..assessment import number
from ..i18n import N_, _, using
from ..models import BasisKind, RouteAction, RouteScope, ScoringBasis, Thresholds
from ..models.picture import ContributionKind, InformationPicture, ObservationKind
from ..translation import localize
from .document import Document, Item

_T = TypeVar("_T")

if TYPE_CHECKING:
    from ..catalog import Catalog

#: what a route is for, and what an observation is (translate with ``_`` where shown: :func:`action_label`)
ACTION_LABELS = {RouteAction.ADVICE: N_("advies vragen"), RouteAction.REPORT: N_("melding doen"),
                 RouteAction.CONSULT: N_("overleggen")}
KIND_LABELS = {ObservationKind.FACT: N_("feit"), ObservationKind.INTERPRETATION: N_("interpretatie")}


def action_label(action: RouteAction) -> str:
    """``advies vragen``, ``melding doen``, ``overleggen``: what a route is for, in the chosen language."""
    return _(ACTION_LABELS[action])


def kind_label(kind: ObservationKind) -> str:
    """``feit`` or ``interpretatie``, in the chosen language."""
    return _(KIND_LABELS[kind])


def basis_text(basis: ScoringBasis | None, pack: str) -> str:
    """Where a list's numbers come from, in a few words: shown next to every threshold a person reads."""
    if basis is None:
        return _("herkomst van de getallen niet vastgelegd (beeld van vóór formaat 3)")
    if basis.kind is BasisKind.EXAMPLE:
        return _("voorbeeldwaarden van pack {pack}, niet door een gemeente vastgesteld").format(pack=pack)
    return _("vastgesteld door {by} op {date}").format(by=basis.by or "?", date=basis.date or "?")


def thresholds_text(thresholds: Thresholds, basis: ScoringBasis | None, pack: str) -> str:
    """``drempels: matig vanaf 5, hoog vanaf 12 (voorbeeldwaarden van pack deurne, ...)``: a level's yardstick."""
    return _("drempels: matig vanaf {moderate}, hoog vanaf {high} ({basis})").format(
        moderate=number(thresholds.moderate), high=number(thresholds.high), basis=basis_text(basis, pack))


def picture_document(picture: InformationPicture, catalog: Catalog | None = None) -> Document:
    """The picture as a document: level first, then why, then what to do and whom to call.

    The document is in the picture's language (``picture.language``), as its texts are: the
    headings when the library has that language, and what it looks up in ``catalog`` (the list's
    name and level descriptions, themes, roles, the municipality's name) where the packs translate it.
    """
    with using(picture.language):
        return _picture_document(picture, catalog)


def _picture_document(picture: InformationPicture, catalog: Catalog | None) -> Document:
    def shown(item: _T | None) -> _T | None:
        return localize(item, picture.language, catalog) if item is not None else None

    sl = shown(catalog.signal_lists.get(picture.signal_list)) if catalog is not None else None

    def theme_name(theme: str) -> str:
        found = shown(catalog.themes.get(theme)) if catalog is not None else None
        return found.name if found else theme

    doc = Document()
    doc.heading(_("Informatiebeeld: {name}").format(name=sl.name if sl else picture.signal_list), 1)
    if picture.subject:
        doc.paragraph(_("Over: {subject} (pseudoniem)").format(subject=picture.subject))
    t = picture.explanation.thresholds
    pack = picture.pins.pack if picture.pins else picture.signal_list.partition("/")[0]
    doc.paragraph(_("Berekend zorgniveau: {level} (advies). Score {score}; {thresholds}.").format(
        level=picture.level.label.upper(), score=number(picture.score),
        thresholds=thresholds_text(t, picture.explanation.basis, pack)))
    doc.paragraph(picture.explanation.decision.text)
    meaning = next((d for d in sl.levels if d.level is picture.level), None) if sl else None
    if meaning is not None:
        doc.paragraph(_("Wat {level} betekent bij deze lijst: {text}").format(level=picture.level.label,
                                                                             text=meaning.text))
    doc.paragraph(_("Let op: {reminder}").format(reminder=picture.reminder))

    doc.heading(_("Gezamenlijk oordeel"))
    if picture.judgement is None:
        doc.paragraph(_("Nog niet vastgesteld. Bespreek het beeld en leg het samen vastgestelde niveau apart vast."))
    else:
        j = picture.judgement
        differs = "" if j.level is picture.level else \
            _(" (wijkt af van het berekende niveau {level})").format(level=picture.level.label)
        doc.paragraph(_("Samen vastgesteld: {level}{differs}.").format(level=j.level.label, differs=differs)
                      + (_(" Reden: {reason}").format(reason=j.reason) if j.reason else ""))
        if j.consulted:
            doc.paragraph(_("Geraadpleegd: {roles}.").format(roles=", ".join(j.consulted)))

    if picture.red_flags:
        doc.heading(_("Rode vlaggen"))
        doc.bullets([_("{text} (thema: {themes})").format(text=flag.text.rstrip("."),
                                                          themes=", ".join(theme_name(t) for t in flag.themes))
                     for flag in picture.red_flags])

    doc.heading(_("Waargenomen signalen en hoe ze meetellen"))
    if not picture.observations:
        doc.paragraph(_("Er zijn geen signalen aangevinkt."))
    observed = {o.signal: o for o in picture.observations}
    items: list[Item] = []
    for category in picture.categories:
        lines = []
        for c in picture.explanation.contributions:
            if c.kind is ContributionKind.SIGNAL and c.category == category.category:
                o = observed.get(c.source)
                context = [kind_label(o.kind)] if o else []
                if o and o.date:
                    context.append(o.date.isoformat())
                if o and o.observer:
                    context.append(o.observer)
                note = f" — {o.note}" if o and o.note else ""
                lines.append(f"+{number(c.points)} {c.text.rstrip('.')} [{', '.join(context)}]{note}")
        points = number(category.points)
        items.append(((_("{category}: {points} punt") if points == "1" else _("{category}: {points} punten"))
                      .format(category=category.name, points=points), tuple(lines)))
    for c in picture.explanation.contributions:
        if c.kind is ContributionKind.COMBINATION:
            items.append(_("Combinatie van {n} categorieën: +{points}. {text}").format(
                n=len(picture.categories), points=number(c.points), text=c.text))
        elif c.kind is ContributionKind.RULE:
            items.append(_("Regel {rule}: +{points}. {text}").format(rule=c.source, points=number(c.points),
                                                                     text=c.text))
    doc.bullets(items)

    if picture.protective_factors:
        doc.heading(_("Beschermende factoren (tellen niet mee in de score)"))
        doc.bullets([p.text for p in picture.protective_factors])

    if picture.goals:
        doc.heading(_("Doelen bij {level} zorgniveau").format(level=picture.level.label))
        doc.bullets([(g.text, (g.explanation,) if g.explanation else ()) for g in picture.goals])

    municipality = picture.municipality or pack
    known = shown(catalog.packs.get(municipality)) if catalog is not None else None
    name = known.name if known else municipality
    if any(r.scope is RouteScope.LOCAL for r in picture.routes):
        doc.heading(_("Wie kun je inschakelen (eerst lokaal: {municipality}, dan landelijk)").format(
            municipality=name))
    else:
        doc.heading(_("Wie kun je inschakelen (landelijk)"))
        doc.paragraph(_("{municipality} heeft geen lokale routes die bij dit beeld passen. Kies de routes van je "
                        "eigen gemeente met --municipality (in Python: municipality=...).").format(municipality=name))
    if not picture.routes:
        doc.paragraph(_("Geen route gevonden voor dit niveau. Vraag je leidinggevende of de "
                        "ondermijningscoördinator van de gemeente."))
    route_items: list[Item] = []
    for r in picture.routes:
        head = f"{r.name}: {action_label(r.action)}" + (f", {r.phone}" if r.phone and r.phone not in r.name else "")
        subs = [_("Wanneer: {when}").format(when=r.when)]
        role = shown(catalog.roles.get(r.role)) if catalog is not None and r.role else None
        if role is not None:
            subs.append(_("Rol: {name}. {description}").format(name=role.name, description=role.description))
        if r.contact:
            subs.append(_("Contact: {contact}").format(contact=r.contact))
        if r.share:
            subs.append(_("Wat je mag delen: {share}").format(share=r.share))
        if r.feedback:
            subs.append(_("Wat je terughoort: {feedback}").format(feedback=r.feedback))
        if r.to_fill_in:
            subs.append(_("Contactgegevens nog in te vullen door de gemeente."))
        route_items.append((head, tuple(subs)))
    doc.bullets(route_items)

    if picture.watch_next:
        doc.heading(_("Om op te letten: signalen die het niveau zouden verhogen"))
        doc.bullets([_("{text} (dan {level})").format(text=w.text.rstrip("."), level=w.raises_to.label)
                     for w in picture.watch_next])
    return doc
