"""The signalling flow: municipality and list -> signals per category -> the information picture.

Every step is a plain HTML form; the observations travel in the form (POST bodies, so they
never appear in an address, a history or a log) and nowhere else: nothing is kept.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Template

from ...i18n import _
from ...models import ConcernLevel
from ...models.picture import InformationPicture, Judgement
from ...render import render
from ...render.picture import picture_document
from ...serialize import to_json
from ...translation import localize
from ..api import picture_for
from ..api.models import AssessmentRequest
from ..problems import ApiProblem
from ..site import SiteDep
from .forms import Form, form_of, one, query_of


@get("/signaleren", sync_to_thread=False, include_in_schema=False)
def start(site: SiteDep) -> Template:
    """Step 1: choose the municipality and the list."""
    lists = [localize(sl, None, site.catalog) for sl in site.catalog.signal_lists.values()]  # the request's language
    return Template("signal_start.html", context={"site": site, "lists": lists})


@get("/signaleren/lijst", sync_to_thread=False, include_in_schema=False)
def signal_form(request: Request[Any, Any, Any], site: SiteDep) -> Template:
    """Step 2: the list's signals per category, fact or interpretation, and protective factors."""
    query = query_of(request)
    list_id = one(query, "lijst")
    signal_list = site.catalog.signal_lists.get(list_id)
    if signal_list is None:
        raise ApiProblem("A003", _("Kies een signalenlijst uit de lijst."), status=404)
    signal_list = localize(signal_list, None, site.catalog)  # its texts in the request's language
    municipality = _municipality(site, one(query, "gemeente"))
    by_category = {c.id: [s for s in signal_list.signals if s.category == c.id] for c in signal_list.categories}
    return Template("signal_list.html", context={"site": site, "list": signal_list, "by_category": by_category,
                                                 "municipality": municipality})


def _municipality(site: SiteDep, value: str) -> str:
    if value and value not in site.catalog.packs:
        raise ApiProblem("A003", _("Onbekende gemeente '{id}'.").format(id=value), status=404)
    return value


def request_of(form: Form) -> AssessmentRequest:
    """The assessment a signalling form asks for (the same request the API takes)."""
    signals = list(dict.fromkeys(form.get("signaal", [])))
    facts = [s for s in signals if one(form, f"soort:{s}", "fact") != "interpretation"]
    interpretations = [s for s in signals if s not in facts]
    judgement = None
    agreed = one(form, "oordeel")
    if agreed:
        try:
            level = ConcernLevel(agreed)
        except ValueError:
            raise ApiProblem("A007", _("Kies laag, matig of hoog als gezamenlijk oordeel."), status=400) from None
        consulted = [line.strip() for line in one(form, "geraadpleegd").replace(",", "\n").splitlines()
                     if line.strip()]
        judgement = Judgement(level=level, reason=one(form, "reden"), consulted=consulted)
    return AssessmentRequest(signal_list=one(form, "lijst"), signals=facts, interpretations=interpretations,
                             protective=list(dict.fromkeys(form.get("beschermend", []))),
                             municipality=one(form, "gemeente"), judgement=judgement)


async def _picture(request: Request[Any, Any, Any], site: SiteDep) -> tuple[AssessmentRequest, InformationPicture]:
    assessment = request_of(await form_of(request))
    return assessment, picture_for(assessment, site)


@post("/signaleren/beeld", status_code=200, include_in_schema=False)
async def picture_page(request: Request[Any, Any, Any], site: SiteDep) -> Template:
    """Step 3: the information picture, with the slot for the jointly agreed level."""
    assessment, picture = await _picture(request, site)
    signal_list = localize(site.catalog.signal_lists[picture.signal_list], picture.language, site.catalog)
    signals = {s.id: s for s in signal_list.signals}
    return Template("picture.html", context={"site": site, "picture": picture, "list": signal_list,
                                             "signals": signals, "assessment": assessment})


@post("/signaleren/beeld.json", status_code=200, include_in_schema=False)
async def picture_json(request: Request[Any, Any, Any], site: SiteDep) -> Response[str]:
    """The picture as the versioned JSON of ``to_json``, to download."""
    _assessment, picture = await _picture(request, site)
    return Response(to_json(picture) + "\n", media_type="application/json",
                    headers={"content-disposition": 'attachment; filename="informatiebeeld.json"'})


@post("/signaleren/beeld.md", status_code=200, include_in_schema=False)
async def picture_markdown(request: Request[Any, Any, Any], site: SiteDep) -> Response[str]:
    """The picture as Markdown, to download."""
    _assessment, picture = await _picture(request, site)
    text = render(picture_document(picture, site.catalog), "markdown")
    return Response(text, media_type="text/markdown",
                    headers={"content-disposition": 'attachment; filename="informatiebeeld.md"'})


HANDLERS = [start, signal_form, picture_page, picture_json, picture_markdown]
