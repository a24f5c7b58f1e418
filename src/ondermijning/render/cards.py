"""Dilemma cards, signal-list cards and facilitator scripts for case discussions, in the chosen language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..assessment import number as dutch_number
from ..errors import Problem
from ..i18n import N_, _, ngettext
from ..models import Case, Consequences, ConversationGuide, DilemmaCard, Exploration, SignalList, Stage, pack_of
from .document import Document, Item
from .picture import thresholds_text

if TYPE_CHECKING:
    from ..catalog import Catalog

#: for whom an option has consequences (translated where shown: :func:`consequence_labels`)
CONSEQUENCE_LABELS = (("client", N_("Cliënt")), ("system", N_("Gezin en systeem")),
                      ("professional", N_("Professional")), ("organisation", N_("Organisatie")))


def consequence_labels() -> tuple[tuple[str, str], ...]:
    """(key, label) for each side of an option's consequences, in the chosen language."""
    return tuple((key, _(label)) for key, label in CONSEQUENCE_LABELS)


def consequence_lines(consequences: Consequences) -> tuple[tuple[str, str], ...]:
    """(label, text) for each side of an option's consequences."""
    return tuple((label, getattr(consequences, key)) for key, label in consequence_labels())


def _source(source: object) -> str:
    return _("Bron: {source}.").format(source=source)


def dilemma_document(card: DilemmaCard, catalog: Catalog) -> Document:
    doc = Document()
    doc.heading(_("Dilemmakaart: {title}").format(title=card.title), 1)
    doc.paragraph(card.situation)
    doc.heading(_("Waarden die botsen"))
    doc.bullets(list(card.values))
    doc.heading(_("Vragen om af te wegen"))
    doc.bullets(list(card.questions))
    doc.heading(_("Handelingsopties en hun gevolgen"))
    options: list[Item] = []
    for number, option in enumerate(card.options, 1):
        subs = tuple(f"{label}: {text}" for label, text in consequence_lines(option.consequences))
        options.append((_("Optie {n}. {title}: {description}").format(n=number, title=option.title,
                                                                      description=option.description), subs))
    doc.bullets(options)
    frameworks = [catalog.frameworks[f] for f in card.frameworks if f in catalog.frameworks]
    if frameworks:
        doc.heading(_("Kaders"))
        doc.bullets([(f"{f.name}" + (f" ({f.reference})" if f.reference else ""), (f.summary,)) for f in frameworks])
    signals = [catalog.signals[s].text for s in card.signals if s in catalog.signals]
    if signals:
        doc.heading(_("Signalen die hierbij kunnen passen"))
        doc.bullets(signals)
    routes = [catalog.routes[r] for r in card.routes if r in catalog.routes]
    if routes:
        doc.heading(_("Routes"))
        doc.bullets([(r.name, (r.when,)) for r in routes])
    themes = [catalog.themes[t].name for t in card.themes if t in catalog.themes]
    if themes:
        doc.paragraph(_("Thema's: {themes}.").format(themes=", ".join(themes)))
    usage = catalog.workshops.get(card.usage)
    if usage is not None:
        doc.heading(_("Zo gebruik je de kaart"))
        doc.paragraph(usage.goal)
        doc.bullets(list(usage.notes))
    doc.paragraph(_source(card.source))
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
    doc.paragraph(_source(sl.source))
    return doc


def guide_document(cases: list[Case], guide: ConversationGuide, findings: list[Problem],
                   participants: int | None, catalog: Catalog) -> Document:
    """A facilitator script for one session: rules check, roles, opening, case, questions, closing."""
    doc = Document()
    titles = _(" en ").join(case.title for case in cases)
    doc.heading(_("Draaiboek casuïstiekbespreking: {titles}").format(titles=titles), 1)
    doc.paragraph(_("Leidraad: {title}. {low}–{high} deelnemers, {facilitators} begeleiders, hooguit {cases} casussen "
                    "per bijeenkomst.").format(title=guide.title, low=guide.min_participants,
                                               high=guide.max_participants, facilitators=len(guide.roles),
                                               cases=guide.max_cases))
    doc.heading(_("Opzet van deze bijeenkomst"))
    if findings:
        doc.bullets([(_("Let op: {reminder}").format(reminder=f.message), (f.hint,) if f.hint else ())
                     for f in findings])
    else:
        cases_text = ngettext("{n} casus", "{n} casussen", len(cases)).format(n=len(cases))
        planned = ngettext("{n} deelnemer", "{n} deelnemers", participants).format(n=participants) + ", " \
            if participants is not None else ""
        doc.paragraph(_("De opzet past bij de leidraad: {planned}{cases}.").format(planned=planned, cases=cases_text))
    doc.heading(_("Rollen"))
    doc.bullets([(role.name, (role.task,)) for role in guide.roles])
    doc.heading(_("1. Opening"))
    doc.bullets(list(guide.opening))
    for number, case in enumerate(cases, 1):
        doc.heading(_("2.{n} Casus: {title}").format(n=number, title=case.title) if len(cases) > 1
                    else _("2. Casus: {title}").format(title=case.title))
        doc.paragraph(_("Laat een van de deelnemers de casus hardop voorlezen."))
        for part in case.story.split("\n\n"):
            doc.paragraph(part.strip())
        if case.tensions:
            doc.paragraph(_("Spanningen om op te letten (voor de begeleiders):"))
            doc.bullets(list(case.tensions))
    doc.heading(_("3. De vier vragen"))
    doc.bullets([(_("Vraag {n}. {text}").format(n=n, text=q.text),
                  (_("Waarvoor: {purpose}").format(purpose=q.purpose),)) for n, q in enumerate(guide.questions, 1)])
    doc.heading(_("4. Afronding"))
    doc.bullets(list(guide.closing))
    doc.heading(_("5. Reflectie na afloop"))
    doc.bullets([(_("Samen met de andere begeleider"), tuple(guide.reflection_together)),
                 (_("Ieder voor zich"), tuple(guide.reflection_alone))])
    themes = sorted({catalog.themes[t].name for case in cases for t in case.themes if t in catalog.themes})
    if themes:
        doc.paragraph(_("Thema's: {themes}.").format(themes=", ".join(themes)))
    doc.paragraph(_source(f"{guide.source}; " + "; ".join(f"{case.title}: {case.source}" for case in cases)))
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
    doc.paragraph(_source(exploration.source))
    return doc
