"""A coordinator's pages: the cases of their municipality, one case's timeline, and the forms that add to it.

Reading a case or the list needs a purpose (``?doel=``), which the processing log records; a
page asks for it first. Each form carries the session's CSRF token and the case's version as the
page showed it: a form sent after someone else changed the case is refused (409) and changes
nothing. After a write the browser goes back to the case (post/redirect/get).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from ...i18n import _
from ...models import ConcernLevel
from ...models.picture import Judgement
from ...register.model import FeedbackStatus
from ..pages.forms import Form, number_of, one, query_of
from ..pages.signalling import request_of
from ..problems import ApiProblem
from ..site import SiteDep
from .api_cases import observations
from .auth import check_form, require_session, session_actor
from .context import RegisterDep, RegisterSite
from .page import FormBody, as_form, page
from .views import PURPOSES, by_category, case_view

Req = Request[Any, Any, Any]
CASES = "/register/casussen"


def _purpose_page(site: SiteDep, session: Any, action: str, question: str) -> Template:
    return page("purpose.html", site, session, action=action, question=question, purposes=PURPOSES)


@get(CASES, sync_to_thread=True, include_in_schema=False)
def cases(request: Req, site: SiteDep, register_site: RegisterDep) -> Template:
    """The cases of the coordinator's municipality, once they said why they look."""
    session = require_session(request, register_site)
    purpose = one(query_of(request), "doel")
    if not purpose:
        return _purpose_page(site, session, CASES, _("Waarom wil je de casussen van je gemeente inzien?"))
    found = register_site.register.cases(session_actor(session), purpose=purpose)
    return page("cases.html", site, session, cases=found, purpose=purpose)


@get(CASES + "/{case_id:str}", sync_to_thread=True, include_in_schema=False)
def case_page(request: Req, site: SiteDep, register_site: RegisterDep, case_id: FromPath[str]) -> Template:
    """One case: the level pair (advice and joint judgement), the timeline, and the forms to add to it."""
    session = require_session(request, register_site)
    purpose = one(query_of(request), "doel")
    if not purpose:
        return _purpose_page(site, session, f"{CASES}/{quote(case_id)}", _("Waarom wil je casus {case} inzien?").format(
            case=case_id))
    record = register_site.register.show(session_actor(session), case_id, purpose=purpose)
    return page("case.html", site, session, view=case_view(record, site.catalog), purpose=purpose,
                levels=list(ConcernLevel), statuses=list(FeedbackStatus))


@get(CASES + "/{case_id:str}/beeld", sync_to_thread=True, include_in_schema=False)
def picture_form(request: Req, site: SiteDep, register_site: RegisterDep, case_id: FromPath[str]) -> Template:
    """The signals of a list, to add a picture to the case (the version comes from the case page)."""
    session = require_session(request, register_site)
    query = query_of(request)
    signal_list = site.catalog.signal_lists.get(one(query, "lijst"))
    if signal_list is None:
        raise ApiProblem("A003", _("Kies een signalenlijst uit de lijst."), status=404)
    return page("case_picture.html", site, session, case=case_id, list=signal_list,
                by_category=by_category(signal_list), version=number_of(query, "versie", 0, 10**9, default=None),
                purpose=one(query, "doel"))


def _write(request: Req, register_site: RegisterSite, data: dict[str, Any], case_id: str,
           action: Any) -> Redirect:
    """Check the form, do ``action(actor, form, version)``, and go back to the case."""
    session = require_session(request, register_site)
    form = as_form(data)
    check_form(request, register_site, session, form)
    action(session_actor(session), form, number_of(form, "versie", 0, 10**9, default=None))
    purpose = one(form, "doel") or _("vervolg na een wijziging")
    return Redirect(f"{CASES}/{quote(case_id)}?doel={quote(purpose)}#tijdlijn", status_code=303)


@post(CASES + "/{case_id:str}/beeld", status_code=303, sync_to_thread=True, include_in_schema=False)
def add_picture(request: Req, register_site: RegisterDep, data: FormBody, case_id: FromPath[str]) -> Redirect:
    def action(actor: Any, form: Form, version: int | None) -> None:
        wanted = request_of(form)
        register_site.register.assess(actor, case_id, wanted.signal_list,
                                      observations(wanted.signals, wanted.interpretations),
                                      protective=wanted.protective, seen=version)

    return _write(request, register_site, data, case_id, action)


@post(CASES + "/{case_id:str}/oordeel", status_code=303, sync_to_thread=True, include_in_schema=False)
def judge(request: Req, register_site: RegisterDep, data: FormBody, case_id: FromPath[str]) -> Redirect:
    def action(actor: Any, form: Form, version: int | None) -> None:
        try:
            level = ConcernLevel(one(form, "niveau"))
        except ValueError:
            raise ApiProblem("A007", _("Kies laag, matig of hoog als gezamenlijk oordeel."), status=400) from None
        consulted = [r.strip() for r in one(form, "geraadpleegd").replace("\n", ",").split(",") if r.strip()]
        register_site.register.judge(actor, case_id, Judgement(level=level, reason=one(form, "reden"),
                                                               consulted=consulted), seen=version)

    return _write(request, register_site, data, case_id, action)


@post(CASES + "/{case_id:str}/route", status_code=303, sync_to_thread=True, include_in_schema=False)
def act(request: Req, register_site: RegisterDep, data: FormBody, case_id: FromPath[str]) -> Redirect:
    def action(actor: Any, form: Form, version: int | None) -> None:
        register_site.register.act(actor, case_id, one(form, "route"), note=one(form, "notitie"), seen=version)

    return _write(request, register_site, data, case_id, action)


@post(CASES + "/{case_id:str}/terugkoppeling", status_code=303, sync_to_thread=True, include_in_schema=False)
def feedback(request: Req, register_site: RegisterDep, data: FormBody, case_id: FromPath[str]) -> Redirect:
    def action(actor: Any, form: Form, version: int | None) -> None:
        try:
            status = FeedbackStatus(one(form, "status"))
        except ValueError:
            raise ApiProblem("A007", _("Kies ontvangen, in behandeling of afgerond."), status=400) from None
        register_site.register.feedback(actor, case_id, status, message=one(form, "bericht"), seen=version)

    return _write(request, register_site, data, case_id, action)


@post(CASES + "/{case_id:str}/herbeoordelen", status_code=303, sync_to_thread=True, include_in_schema=False)
def reassess(request: Req, register_site: RegisterDep, data: FormBody, case_id: FromPath[str]) -> Redirect:
    def action(actor: Any, form: Form, version: int | None) -> None:
        register_site.register.reassess(actor, case_id, seen=version)

    return _write(request, register_site, data, case_id, action)


@post(CASES + "/{case_id:str}/sluiten", status_code=303, sync_to_thread=True, include_in_schema=False)
def close(request: Req, register_site: RegisterDep, data: FormBody, case_id: FromPath[str]) -> Redirect:
    def action(actor: Any, form: Form, version: int | None) -> None:
        register_site.register.close_case(actor, case_id, reason=one(form, "reden"), seen=version)

    return _write(request, register_site, data, case_id, action)


HANDLERS = [cases, case_page, picture_form, add_picture, judge, act, feedback, reassess, close]
