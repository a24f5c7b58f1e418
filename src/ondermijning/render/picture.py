"""The information picture for a caretaker, youth worker or team, in Dutch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..assessment import number
from ..i18n import _
from ..models import BasisKind, RouteAction, RouteScope, ScoringBasis, Thresholds
from ..models.picture import ContributionKind, InformationPicture, ObservationKind
from .document import Document, Item

if TYPE_CHECKING:
    from ..catalog import Catalog

ACTION_LABELS = {RouteAction.ADVICE: "advies vragen", RouteAction.REPORT: "melding doen",
                 RouteAction.CONSULT: "overleggen"}
KIND_LABELS = {ObservationKind.FACT: "feit", ObservationKind.INTERPRETATION: "interpretatie"}


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
    """The picture as a document: level first, then why, then what to do and whom to call."""
    sl = catalog.signal_lists.get(picture.signal_list) if catalog is not None else None

    def theme_name(theme: str) -> str:
        found = catalog.themes.get(theme) if catalog is not None else None
        return found.name if found else theme

    doc = Document()
    doc.heading(f"Informatiebeeld: {sl.name if sl else picture.signal_list}", 1)
    if picture.subject:
        doc.paragraph(f"Over: {picture.subject} (pseudoniem)")
    t = picture.explanation.thresholds
    pack = picture.pins.pack if picture.pins else picture.signal_list.partition("/")[0]
    doc.paragraph(f"Berekend zorgniveau: {picture.level.label.upper()} (advies). Score {number(picture.score)}; "
                  f"{thresholds_text(t, picture.explanation.basis, pack)}.")
    doc.paragraph(picture.explanation.decision.text)
    meaning = next((d for d in sl.levels if d.level is picture.level), None) if sl else None
    if meaning is not None:
        doc.paragraph(_("Wat {level} betekent bij deze lijst: {text}").format(level=picture.level.label,
                                                                             text=meaning.text))
    doc.paragraph(f"Let op: {picture.reminder}")

    doc.heading("Gezamenlijk oordeel")
    if picture.judgement is None:
        doc.paragraph("Nog niet vastgesteld. Bespreek het beeld en leg het samen vastgestelde niveau apart vast.")
    else:
        j = picture.judgement
        differs = "" if j.level is picture.level else f" (wijkt af van het berekende niveau {picture.level.label})"
        doc.paragraph(f"Samen vastgesteld: {j.level.label}{differs}." + (f" Reden: {j.reason}" if j.reason else ""))
        if j.consulted:
            doc.paragraph(f"Geraadpleegd: {', '.join(j.consulted)}.")

    if picture.red_flags:
        doc.heading("Rode vlaggen")
        doc.bullets([f"{flag.text.rstrip('.')} (thema: {', '.join(theme_name(t) for t in flag.themes)})"
                     for flag in picture.red_flags])

    doc.heading("Waargenomen signalen en hoe ze meetellen")
    if not picture.observations:
        doc.paragraph("Er zijn geen signalen aangevinkt.")
    observed = {o.signal: o for o in picture.observations}
    items: list[Item] = []
    for category in picture.categories:
        lines = []
        for c in picture.explanation.contributions:
            if c.kind is ContributionKind.SIGNAL and c.category == category.category:
                o = observed.get(c.source)
                context = [KIND_LABELS[o.kind]] if o else []
                if o and o.date:
                    context.append(o.date.isoformat())
                if o and o.observer:
                    context.append(o.observer)
                note = f" — {o.note}" if o and o.note else ""
                lines.append(f"+{number(c.points)} {c.text.rstrip('.')} [{', '.join(context)}]{note}")
        points = number(category.points)
        items.append((f"{category.name}: {points} {'punt' if points == '1' else 'punten'}", tuple(lines)))
    for c in picture.explanation.contributions:
        if c.kind is ContributionKind.COMBINATION:
            items.append(f"Combinatie van {len(picture.categories)} categorieën: +{number(c.points)}. {c.text}")
        elif c.kind is ContributionKind.RULE:
            items.append(f"Regel {c.source}: +{number(c.points)}. {c.text}")
    doc.bullets(items)

    if picture.protective_factors:
        doc.heading("Beschermende factoren (tellen niet mee in de score)")
        doc.bullets([p.text for p in picture.protective_factors])

    if picture.goals:
        doc.heading(f"Doelen bij {picture.level.label} zorgniveau")
        doc.bullets([(g.text, (g.explanation,) if g.explanation else ()) for g in picture.goals])

    municipality = picture.municipality or pack
    known = catalog.packs.get(municipality) if catalog is not None else None
    name = known.name if known else municipality
    if any(r.scope is RouteScope.LOCAL for r in picture.routes):
        doc.heading(_("Wie kun je inschakelen (eerst lokaal: {municipality}, dan landelijk)").format(
            municipality=name))
    else:
        doc.heading(_("Wie kun je inschakelen (landelijk)"))
        doc.paragraph(_("{municipality} heeft geen lokale routes die bij dit beeld passen. Kies de routes van je "
                        "eigen gemeente met --municipality (in Python: municipality=...).").format(municipality=name))
    if not picture.routes:
        doc.paragraph("Geen route gevonden voor dit niveau. Vraag je leidinggevende of de "
                      "ondermijningscoördinator van de gemeente.")
    route_items: list[Item] = []
    for r in picture.routes:
        head = f"{r.name}: {ACTION_LABELS[r.action]}" + (f", {r.phone}" if r.phone and r.phone not in r.name else "")
        subs = [f"Wanneer: {r.when}"]
        role = catalog.roles.get(r.role) if catalog is not None and r.role else None
        if role is not None:
            subs.append(_("Rol: {name}. {description}").format(name=role.name, description=role.description))
        if r.contact:
            subs.append(f"Contact: {r.contact}")
        if r.share:
            subs.append(f"Wat je mag delen: {r.share}")
        if r.feedback:
            subs.append(f"Wat je terughoort: {r.feedback}")
        if r.to_fill_in:
            subs.append("Contactgegevens nog in te vullen door de gemeente.")
        route_items.append((head, tuple(subs)))
    doc.bullets(route_items)

    if picture.watch_next:
        doc.heading("Om op te letten: signalen die het niveau zouden verhogen")
        doc.bullets([f"{w.text.rstrip('.')} (dan {w.raises_to.label})" for w in picture.watch_next])
    return doc
