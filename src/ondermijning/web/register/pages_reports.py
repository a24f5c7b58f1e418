"""A reporter's pages: making a report (pseudonym and signals), and the status of their own reports.

A reporter sees of their reports only when they made them, whether the case still runs, and the
feedback a coordinator wrote for them: no picture, no judgement, no route, no pseudonym.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from ...i18n import _
from ..pages.forms import one, query_of
from ..pages.signalling import request_of
from ..problems import ApiProblem
from ..site import SiteDep
from .api_cases import observations
from .auth import check_form, require_session, session_actor
from .context import RegisterDep
from .page import FormBody, as_form, page
from .views import by_category, report_view

Req = Request[Any, Any, Any]
REPORTS = "/register/meldingen"
NEW = "/register/melden"


@get(REPORTS, sync_to_thread=True, include_in_schema=False)
def reports(request: Req, site: SiteDep, register_site: RegisterDep) -> Template:
    """The reporter's own reports, newest first, each with its status and feedback."""
    session = require_session(request, register_site)
    views = register_site.register.reports(session_actor(session))
    return page("reports.html", site, session, reports=[report_view(v) for v in reversed(views)])


@get(REPORTS + "/{case_id:str}", sync_to_thread=True, include_in_schema=False)
def report(request: Req, site: SiteDep, register_site: RegisterDep, case_id: FromPath[str]) -> Template:
    """One report: its status and the feedback for the reporter."""
    session = require_session(request, register_site)
    view = register_site.register.status(session_actor(session), case_id)
    return page("report.html", site, session, report=report_view(view), new=bool(one(query_of(request), "nieuw")))


@get(NEW, sync_to_thread=True, include_in_schema=False)
def choose_list(request: Req, site: SiteDep, register_site: RegisterDep) -> Template:
    """Step 1 of a report: which signal list fits."""
    session = require_session(request, register_site)
    lists = [sl for sl in site.catalog.signal_lists.values() if sl.id not in site.catalog.invalid_lists]
    return page("report_start.html", site, session, lists=lists)


@get(NEW + "/signalen", sync_to_thread=True, include_in_schema=False)
def report_form(request: Req, site: SiteDep, register_site: RegisterDep) -> Template:
    """Step 2: a pseudonym and the signals of the chosen list."""
    session = require_session(request, register_site)
    signal_list = site.catalog.signal_lists.get(one(query_of(request), "lijst"))
    if signal_list is None:
        raise ApiProblem("A003", _("Kies een signalenlijst uit de lijst."), status=404)
    return page("report_form.html", site, session, list=signal_list, by_category=by_category(signal_list))


@post(NEW, status_code=303, sync_to_thread=True, include_in_schema=False)
def make_report(request: Req, register_site: RegisterDep, data: FormBody) -> Redirect:
    """Open the case and add its picture in one go; then the report's status page."""
    session = require_session(request, register_site)
    form = as_form(data)
    check_form(request, register_site, session, form)
    wanted = request_of(form)
    actor = session_actor(session)
    case, _entry = register_site.register.report(
        actor, pseudonym=one(form, "pseudoniem"), municipality=actor.municipality, signal_list=wanted.signal_list,
        observed=observations(wanted.signals, wanted.interpretations), protective=wanted.protective)
    return Redirect(f"{REPORTS}/{quote(case.id)}?nieuw=1", status_code=303)


HANDLERS = [reports, report, choose_list, report_form, make_report]
