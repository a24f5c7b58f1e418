"""Dilemma cards walked step by step, all cards printable, and the case-discussion script."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Template

from ...errors import UnknownItemError
from ...i18n import _
from ...render.cards import consequence_labels, dilemma_document, guide_document
from ...sessions import check_case_session
from ..api.catalog import find
from ..problems import ApiProblem, unknown
from ..site import SiteDep
from .forms import number_of, query_of


@get("/dilemmakaarten", sync_to_thread=False, include_in_schema=False)
def cards(site: SiteDep) -> Template:
    return Template("dilemmas.html", context={"site": site, "cards": list(site.catalog.dilemma_cards.values())})


@get("/dilemmakaarten/afdrukken", sync_to_thread=False, include_in_schema=False)
def print_all(site: SiteDep) -> Template:
    """Every card, one per printed page."""
    documents = [dilemma_document(card, site.catalog) for card in site.catalog.dilemma_cards.values()]
    return Template("documents.html", context={"site": site, "documents": documents, "print": True,
                                               "title": _("Alle dilemmakaarten")})


@get("/dilemmakaarten/{pack:str}/{item:str}", sync_to_thread=False, include_in_schema=False)
def walk(request: Request[Any, Any, Any], site: SiteDep, pack: FromPath[str], item: FromPath[str]) -> Template:
    """One card, step by step: situation, values, each question, the options, your choice."""
    card = find(site.catalog.dilemma_cards, f"{pack}/{item}", "dilemma card")
    steps = 2 + len(card.questions) + 2  # situation, values, questions, options, the end
    query = query_of(request)
    step = number_of(query, "stap", 1, steps, default=1) or 1
    choice = number_of(query, "keuze", 1, max(1, len(card.options)))
    frameworks = [site.catalog.frameworks[f] for f in card.frameworks if f in site.catalog.frameworks]
    return Template("dilemma_step.html", context={
        "site": site, "card": card, "step": step, "steps": steps, "choice": choice, "frameworks": frameworks,
        "labels": consequence_labels(), "questions": len(card.questions)})


@get("/dilemmakaarten/{pack:str}/{item:str}/kaart", sync_to_thread=False, include_in_schema=False)
def print_card(site: SiteDep, pack: FromPath[str], item: FromPath[str]) -> Template:
    card = find(site.catalog.dilemma_cards, f"{pack}/{item}", "dilemma card")
    return Template("documents.html", context={"site": site, "documents": [dilemma_document(card, site.catalog)],
                                               "print": True, "title": card.title})


@get("/casusbespreking", sync_to_thread=False, include_in_schema=False)
def guide_form(site: SiteDep) -> Template:
    return Template("guide_form.html", context={"site": site, "cases": list(site.catalog.cases.values())})


@get("/casusbespreking/draaiboek", sync_to_thread=False, include_in_schema=False)
def guide_script(request: Request[Any, Any, Any], site: SiteDep) -> Template:
    """The facilitator script for one session, with the check of participants and facilitators."""
    query = query_of(request)
    chosen = list(dict.fromkeys(query.get("casus", [])))
    if not chosen:
        raise ApiProblem("A007", _("Kies ten minste één casus."), status=400)
    try:
        cases = [site.catalog.cases[c] for c in chosen]
    except KeyError as exc:
        raise unknown(UnknownItemError("case", str(exc.args[0]), site.catalog.cases), "casus", status=404) from None
    guides = {case.guide for case in cases}
    if len(guides) > 1:
        raise ApiProblem("A007", _("Deze casussen horen bij verschillende leidraden; plan ze in aparte "
                                   "bijeenkomsten."), status=400)
    guide = find(site.catalog.guides, guides.pop(), "conversation guide")
    participants = number_of(query, "deelnemers", 1, 200)
    facilitators = number_of(query, "begeleiders", 1, 20)
    findings = check_case_session(guide, participants=participants, facilitators=facilitators,
                                  cases=[c.id for c in cases])
    document = guide_document(cases, guide, findings, participants, site.catalog)
    return Template("documents.html", context={"site": site, "documents": [document], "print": True,
                                               "findings": findings, "title": _("Draaiboek casuïstiekbespreking")})


HANDLERS = [cards, print_all, walk, print_card, guide_form, guide_script]
