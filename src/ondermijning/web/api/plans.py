"""POST /api/v1/plans: the exploration's findings in, the proposed training trajectory out (and its .ics)."""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from litestar import Response, post
from litestar.params import JSONBody, QueryParameter

from ...converter import converter
from ...i18n import N_, _
from ...ics import calendar
from ...planner import Findings, FindingsError, PlanError, Proposal, findings_from_data, propose, trajectory_events
from ..problems import ApiProblem, from_problems
from ..site import SiteDep
from .wire import ModelDTO

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def proposal_for(findings: Findings, site: SiteDep) -> Proposal:
    """The library's proposal for these findings; themes checked against the catalog (L104)."""
    try:
        checked = findings_from_data(converter.unstructure(findings), site.catalog)
        return propose(checked, site.catalog)
    except FindingsError as exc:
        raise from_problems(exc.problems) from None
    except PlanError:
        raise ApiProblem("A008", _("De planner mist de modules van het kernpack; controleer de packs.")) from None


def calendar_for(proposal: Proposal, site: SiteDep, time: datetime.time | None, hours: float) -> str:
    """The proposal's sessions as iCalendar text (RFC 5545)."""
    start = proposal.findings.start
    if start is None:
        raise ApiProblem("L102", _("Een agenda heeft een datum voor de eerste bijeenkomst nodig: geef start op."))
    trajectory = proposal.trajectory
    try:
        events = trajectory_events(trajectory, site.catalog, start, time=time, hours=hours)
    except OverflowError:
        raise ApiProblem("A008", _("Met deze startdatum vallen latere bijeenkomsten na het jaar 9999.")) from None
    return calendar(events, name=trajectory.title)


@post("/plans", dto=ModelDTO[Findings], return_dto=ModelDTO[Proposal], status_code=200, operation_id="createPlan",
      summary=N_("Trainingstraject uit de bevindingen van de verkenning"), tags=["training"], sync_to_thread=False)
def create_plan(data: JSONBody[Findings], site: SiteDep) -> Proposal:
    """The proposed trajectory for what the exploration found, with what was left out and why."""
    return proposal_for(data, site)


@post("/plans/calendar", dto=ModelDTO[Findings], status_code=200, operation_id="createPlanCalendar",
      summary=N_("Het voorgestelde traject als agenda (.ics)"), tags=["training"], media_type="text/calendar",
      sync_to_thread=False)
def create_plan_calendar(
    data: JSONBody[Findings],
    site: SiteDep,
    time: Annotated[str | None, QueryParameter(pattern=_TIME.pattern, description=N_(
        "begintijd van elke bijeenkomst, UU:MM (standaard: bijeenkomsten van een hele dag)"))] = None,
    hours: Annotated[float, QueryParameter(ge=0.25, le=12,
                                           description=N_("duur van een bijeenkomst in uren, bij time"))] = 3.0,
) -> Response[str]:
    """The proposed trajectory's sessions as an iCalendar file (RFC 5545), to download."""
    at = datetime.time.fromisoformat(time) if time is not None else None
    text = calendar_for(proposal_for(data, site), site, at, hours)
    return Response(text, media_type="text/calendar",
                    headers={"content-disposition": 'attachment; filename="training.ics"'})
