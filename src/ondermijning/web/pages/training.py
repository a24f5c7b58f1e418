"""The training planner: the exploration's findings as a form -> the proposed trajectory -> an .ics file."""

from __future__ import annotations

import datetime
from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Template

from ...i18n import _
from ...planner import FRONTLINE_SITUATIONS, Audience, Findings, Need, trajectory_document
from ..api import calendar_for, proposal_for
from ..problems import ApiProblem
from ..site import SiteDep
from .forms import Form, form_of, number_of, one


@get("/training", sync_to_thread=False, include_in_schema=False)
def findings_form(site: SiteDep) -> Template:
    return Template("training_form.html", context={
        "site": site, "themes": sorted(site.catalog.themes.items()), "audiences": list(Audience),
        "needs": list(Need), "situations": FRONTLINE_SITUATIONS})


def findings_of(form: Form) -> Findings:
    """The findings a planner form gives; a wrong value is a problem that names the field."""
    start_text = one(form, "start")
    start = None
    if start_text:
        try:
            start = datetime.date.fromisoformat(start_text)
        except ValueError:
            raise ApiProblem("A007", _("Vul de startdatum in als JJJJ-MM-DD, bijvoorbeeld 2026-09-07."),
                             status=400) from None
    try:
        audiences = [Audience(a) for a in form.get("wie", [])]
        needs = [Need(n) for n in form.get("behoefte", [])]
    except ValueError:
        raise ApiProblem("A007", _("Kies alleen uit de getoonde mogelijkheden."), status=400) from None
    participants = number_of(form, "deelnemers", 1, 2000)
    weeks = number_of(form, "weken", 1, 104)
    if participants is None or weeks is None:
        raise ApiProblem("A007", _("Vul het aantal deelnemers en het aantal weken in."), status=400)
    return Findings(participants=participants, weeks=weeks, themes=form.get("thema", []), audiences=audiences,
                    needs=needs, frontline_situation=number_of(form, "frontlijn", 0, 4, default=0) or 0,
                    start=start, municipality=one(form, "gemeente"))


def _time(form: Form) -> datetime.time | None:
    text = one(form, "tijd")
    if not text:
        return None
    try:
        value = datetime.time.fromisoformat(text)
    except ValueError:
        raise ApiProblem("A007", _("Vul de begintijd in als UU:MM, bijvoorbeeld 13:30."), status=400) from None
    return value.replace(tzinfo=None)


@post("/training/traject", status_code=200, include_in_schema=False)
async def trajectory(request: Request[Any, Any, Any], site: SiteDep) -> Template:
    """The proposed trajectory, with the form's values kept for the .ics download."""
    form = await form_of(request)
    proposal = proposal_for(findings_of(form), site)
    document = trajectory_document(proposal.trajectory, site.catalog, start=proposal.findings.start,
                                   proposal=proposal)
    hidden = [(key, value) for key, values in form.items() for value in values]
    return Template("training_plan.html", context={"site": site, "proposal": proposal, "documents": [document],
                                                   "hidden": hidden, "time": one(form, "tijd")})


@post("/training/agenda.ics", status_code=200, include_in_schema=False)
async def agenda(request: Request[Any, Any, Any], site: SiteDep) -> Response[str]:
    """The trajectory's sessions as an iCalendar file."""
    form = await form_of(request)
    proposal = proposal_for(findings_of(form), site)
    text = calendar_for(proposal, site, _time(form), 3.0)
    return Response(text, media_type="text/calendar",
                    headers={"content-disposition": 'attachment; filename="training.ics"'})


HANDLERS = [findings_form, trajectory, agenda]
