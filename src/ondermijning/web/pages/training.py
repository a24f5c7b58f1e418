"""The training planner: the exploration's findings, or the exploration itself, as a form -> trajectory -> .ics.

The exploration's form (``_exploration_form.html``) posts the answers heard as ``antwoord``
fields (``question:answer``) beside ``verkenning`` (its id); :func:`findings_of` adds them up
with the library's :func:`~ondermijning.exploration.findings_from`, as ``ondermijning explore``
does, so the page and the command give the same findings.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Template

from ...catalog import Catalog
from ...exploration import Explored, findings_from
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
        "needs": list(Need), "situations": FRONTLINE_SITUATIONS,
        "explorations": list(site.catalog.explorations.values())})


def explored_of(form: Form, catalog: Catalog) -> Explored | None:
    """What the exploration's form found (None for the findings form); a wrong answer is a problem."""
    exploration_id = one(form, "verkenning")
    if not exploration_id:
        return None
    exploration = catalog.explorations.get(exploration_id)
    if exploration is None:
        raise ApiProblem("A003", _("Onbekende verkenning '{id}'.").format(id=exploration_id), status=404)
    chosen: dict[str, list[str]] = {}
    for value in form.get("antwoord", []):
        question, _sep, answer = value.partition(":")
        chosen.setdefault(question, []).append(answer)
    participants, weeks, start = _numbers(form)
    try:
        return findings_from(exploration, chosen, participants=participants, weeks=weeks,
                             themes=form.get("thema", []), start=start, municipality=one(form, "gemeente"))
    except (KeyError, ValueError):  # an answer not in the exploration, or a value the planner lacks (V013)
        raise ApiProblem("A007", _("Kies alleen uit de getoonde antwoorden van de verkenning."), status=400) from None


def findings_of(form: Form, catalog: Catalog) -> Findings:
    """The findings a planner form gives (or the exploration's form); a wrong value is a problem naming the field."""
    explored = explored_of(form, catalog)
    if explored is not None:
        return explored.findings
    try:
        audiences = [Audience(a) for a in form.get("wie", [])]
        needs = [Need(n) for n in form.get("behoefte", [])]
    except ValueError:
        raise ApiProblem("A007", _("Kies alleen uit de getoonde mogelijkheden."), status=400) from None
    participants, weeks, start = _numbers(form)
    return Findings(participants=participants, weeks=weeks, themes=form.get("thema", []), audiences=audiences,
                    needs=needs, frontline_situation=number_of(form, "frontlijn", 0, 4, default=0) or 0,
                    start=start, municipality=one(form, "gemeente"))


def _numbers(form: Form) -> tuple[int, int, datetime.date | None]:
    """Participants, weeks and the start date, which both forms ask."""
    start_text = one(form, "start")
    start = None
    if start_text:
        try:
            start = datetime.date.fromisoformat(start_text)
        except ValueError:
            raise ApiProblem("A007", _("Vul de startdatum in als JJJJ-MM-DD, bijvoorbeeld 2026-09-07."),
                             status=400) from None
    participants = number_of(form, "deelnemers", 1, 2000)
    weeks = number_of(form, "weken", 1, 104)
    if participants is None or weeks is None:
        raise ApiProblem("A007", _("Vul het aantal deelnemers en het aantal weken in."), status=400)
    return participants, weeks, start


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
    explored = explored_of(form, site.catalog)
    proposal = proposal_for(explored.findings if explored else findings_of(form, site.catalog), site)
    document = trajectory_document(proposal.trajectory, site.catalog, start=proposal.findings.start,
                                   proposal=proposal)
    hidden = [(key, value) for key, values in form.items() for value in values]
    return Template("training_plan.html", context={"site": site, "proposal": proposal, "documents": [document],
                                                   "hidden": hidden, "time": one(form, "tijd"),
                                                   "reasons": _reasons(explored, site.catalog)})


def _reasons(explored: Explored | None, catalog: Catalog) -> list[tuple[str, tuple[str, ...]]]:
    """Each value the exploration's answers gave, in the request's language, with the answers that led to it."""
    if explored is None:
        return []
    labels: dict[str, Callable[[str], str]] = {
        "needs": lambda v: Need(v).label, "audiences": lambda v: Audience(v).label,
        "themes": lambda v: catalog.themes[v].name if v in catalog.themes else v,
        "frontline_situation": lambda v: FRONTLINE_SITUATIONS.get(int(v), v)}
    found = []
    for key, answers in explored.reasons.items():
        family, _sep, value = key.partition(":")
        found.append((labels[family](value), answers))
    return found


@post("/training/agenda.ics", status_code=200, include_in_schema=False)
async def agenda(request: Request[Any, Any, Any], site: SiteDep) -> Response[str]:
    """The trajectory's sessions as an iCalendar file."""
    form = await form_of(request)
    proposal = proposal_for(findings_of(form, site.catalog), site)
    text = calendar_for(proposal, site, _time(form), 3.0)
    return Response(text, media_type="text/calendar",
                    headers={"content-disposition": 'attachment; filename="training.ics"'})


HANDLERS = [findings_form, trajectory, agenda]
