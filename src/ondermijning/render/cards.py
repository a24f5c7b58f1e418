"""Dilemma cards, signal-list cards and facilitator scripts for case discussions, in Dutch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..assessment import number as dutch_number
from ..errors import Problem
from ..i18n import _
from ..models import Case, ConversationGuide, DilemmaCard, Exploration, SignalList, Stage, pack_of
from .document import Document, Item
from .picture import thresholds_text

if TYPE_CHECKING:
    from ..catalog import Catalog

CONSEQUENCE_LABELS = (("client", "Cliënt"), ("system", "Gezin en systeem"), ("professional", "Professional"),
                      ("organisation", "Organisatie"))


def dilemma_document(card: DilemmaCard, catalog: Catalog) -> Document:
    doc = Document()
    doc.heading(f"Dilemmakaart: {card.title}", 1)
    doc.paragraph(card.situation)
    doc.heading("Waarden die botsen")
    doc.bullets(list(card.values))
    doc.heading("Vragen om af te wegen")
    doc.bullets(list(card.questions))
    doc.heading("Handelingsopties en hun gevolgen")
    options: list[Item] = []
    for number, option in enumerate(card.options, 1):
        subs = tuple(f"{label}: {getattr(option.consequences, key)}" for key, label in CONSEQUENCE_LABELS)
        options.append((f"Optie {number}. {option.title}: {option.description}", subs))
    doc.bullets(options)
    frameworks = [catalog.frameworks[f] for f in card.frameworks if f in catalog.frameworks]
    if frameworks:
        doc.heading("Kaders")
        doc.bullets([(f"{f.name}" + (f" ({f.reference})" if f.reference else ""), (f.summary,)) for f in frameworks])
    signals = [catalog.signals[s].text for s in card.signals if s in catalog.signals]
    if signals:
        doc.heading("Signalen die hierbij kunnen passen")
        doc.bullets(signals)
    routes = [catalog.routes[r] for r in card.routes if r in catalog.routes]
    if routes:
        doc.heading("Routes")
        doc.bullets([(r.name, (r.when,)) for r in routes])
    themes = [catalog.themes[t].name for t in card.themes if t in catalog.themes]
    if themes:
        doc.paragraph(f"Thema's: {', '.join(themes)}.")
    usage = catalog.workshops.get(card.usage)
    if usage is not None:
        doc.heading("Zo gebruik je de kaart")
        doc.paragraph(usage.goal)
        doc.bullets(list(usage.notes))
    doc.paragraph(f"Bron: {card.source}.")
    return doc


def signal_list_document(sl: SignalList, catalog: Catalog) -> Document:
    """A printable card of a signal list: its numbers and where they come from, levels, signals, factors."""
    doc = Document()
    doc.heading(_("Signalenlijst: {name}").format(name=sl.name), 1)
    doc.paragraph(_("Id: {id}. {description}").format(id=sl.id, description=sl.description))
    t, basis = sl.scoring.thresholds, sl.scoring.basis
    doc.heading(_("Score en drempels"))
    steps = [_("signalen in {n} of meer categorieën: +{bonus}").format(n=step.categories,
                                                                         bonus=dutch_number(step.bonus))
             for step in sl.scoring.combination]
    doc.bullets([
        thresholds_text(t, basis, pack_of(sl.id)).capitalize() + ".",
        *([_("Combinatiebonus: {steps}.").format(steps="; ".join(steps))] if steps else []),
        *([_("Over de getallen: {note}").format(note=basis.note)] if basis.note else []),
        _("Het berekende niveau is een advies; het zorgniveau stel je samen vast."),
    ])
    if sl.levels:
        doc.heading(_("Wat de niveaus betekenen"))
        doc.bullets([f"{d.level.label}: {d.text}" for d in sl.levels])
    themes = [catalog.themes[t].name if t in catalog.themes else t for t in sl.red_flag_themes]
    if themes:
        doc.paragraph(_("Rode vlaggen geven altijd hoog: een signaal dat laat zien dat er sprake is van {themes}. "
                        "Andere signalen met die thema's kunnen erop wijzen en tellen mee in de score.").format(
                            themes=", ".join(themes)))
    for category in sl.categories:
        signals = [s for s in sl.signals if s.category == category.id]
        if signals:
            doc.heading(category.name)
            doc.bullets([f"{s.text} ({s.id}, " + _("gewicht {weight}").format(weight=dutch_number(s.weight))
                         + (", " + _("rode vlag") if s.red_flag else "") + ")" for s in signals])
    if sl.protective_factors:
        doc.heading(_("Beschermende factoren (tellen niet mee in de score)"))
        doc.bullets([f"{p.text} ({p.id})" for p in sl.protective_factors])
    doc.paragraph(f"Bron: {sl.source}.")
    return doc


def guide_document(cases: list[Case], guide: ConversationGuide, findings: list[Problem],
                   participants: int | None, catalog: Catalog) -> Document:
    """A facilitator script for one session: rules check, roles, opening, case, questions, closing."""
    doc = Document()
    titles = " en ".join(case.title for case in cases)
    doc.heading(f"Draaiboek casuïstiekbespreking: {titles}", 1)
    doc.paragraph(f"Leidraad: {guide.title}. {guide.min_participants}–{guide.max_participants} deelnemers, "
                  f"{len(guide.roles)} begeleiders, hooguit {guide.max_cases} casussen per bijeenkomst.")
    doc.heading("Opzet van deze bijeenkomst")
    if findings:
        doc.bullets([(f"Let op: {f.message}", (f.hint,) if f.hint else ()) for f in findings])
    else:
        planned = f"{participants} deelnemers, " if participants is not None else ""
        doc.paragraph(f"De opzet past bij de leidraad: {planned}{len(cases)} casus(sen).")
    doc.heading("Rollen")
    doc.bullets([(role.name, (role.task,)) for role in guide.roles])
    doc.heading("1. Opening")
    doc.bullets(list(guide.opening))
    for number, case in enumerate(cases, 1):
        doc.heading(f"2.{number} Casus: {case.title}" if len(cases) > 1 else f"2. Casus: {case.title}")
        doc.paragraph("Laat een van de deelnemers de casus hardop voorlezen.")
        for part in case.story.split("\n\n"):
            doc.paragraph(part.strip())
        if case.tensions:
            doc.paragraph("Spanningen om op te letten (voor de begeleiders):")
            doc.bullets(list(case.tensions))
    doc.heading("3. De vier vragen")
    doc.bullets([(f"Vraag {n}. {q.text}", (f"Waarvoor: {q.purpose}",)) for n, q in enumerate(guide.questions, 1)])
    doc.heading("4. Afronding")
    doc.bullets(list(guide.closing))
    doc.heading("5. Reflectie na afloop")
    doc.bullets([("Samen met de andere begeleider", tuple(guide.reflection_together)),
                 ("Ieder voor zich", tuple(guide.reflection_alone))])
    themes = sorted({catalog.themes[t].name for case in cases for t in case.themes if t in catalog.themes})
    if themes:
        doc.paragraph(f"Thema's: {', '.join(themes)}.")
    doc.paragraph(f"Bron: {guide.source}; " + "; ".join(f"{case.title}: {case.source}" for case in cases) + ".")
    return doc


def exploration_document(exploration: Exploration, catalog: Catalog) -> Document:
    """A script for the explorer: how to ask, the questions with what to listen for, what comes after."""
    doc = Document()
    doc.heading(_("Verkenning: {title}").format(title=exploration.title), 1)
    doc.paragraph(exploration.introduction)
    if exploration.advice:
        doc.heading(_("Zo voer je de gesprekken"))
        doc.bullets(list(exploration.advice))
    for stage, heading in ((Stage.PREPARATION, _("Vooraf: zet voor jezelf op een rij")),
                           (Stage.CONVERSATION, _("In de gesprekken: vraag, en luister naar")),):
        questions = [q for q in exploration.questions if q.stage is stage]
        if not questions:
            continue
        doc.heading(heading)
        items: list[Item] = []
        for question in questions:
            heard = []
            for answer in question.answers:
                points = [*answer.needs, *answer.audiences,
                          *(catalog.themes[t].name if t in catalog.themes else t for t in answer.themes)]
                if answer.frontline_situation:
                    points.append(_("frontlijnsituatie {n}").format(n=answer.frontline_situation))
                heard.append(answer.text + (f" → {', '.join(points)}" if points else ""))
            items.append((question.text + (f" ({question.purpose})" if question.purpose else ""), tuple(heard)))
        doc.bullets(items)
    if exploration.afterwards:
        doc.heading(_("Na de verkenning"))
        doc.bullets(list(exploration.afterwards))
    doc.paragraph(f"Bron: {exploration.source}.")
    return doc
