"""Logging in and out, and the register's start page, which sends each role to its own overview."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.response import Redirect, Response, Template

from ...i18n import _
from ...register.accounts import SESSION_HOURS
from ...register.limits import NAME_FAILURES, WINDOW_MINUTES
from ...register.model import Role
from ..pages.forms import one, query_of
from ..site import SiteDep
from .auth import (
    HOME,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    check_form,
    check_login_form,
    current_session,
    ended,
    login_token,
    require_session,
    safe_back,
    session_cookie,
)
from .context import RegisterDep
from .page import FormBody, as_form, page

Req = Request[Any, Any, Any]
#: where each role starts
START = {Role.REPORTER: "/register/meldingen", Role.COORDINATOR: "/register/casussen",
         Role.ADMINISTRATOR: "/register/gebruikers"}


def _login_page(request: Req, site: SiteDep, *, back: str, problem: str = "", name: str = "",
                note: str = "") -> Template:
    token, cookie = login_token(request)
    return page("login.html", site, None, cookies=[cookie] if cookie else [], login_csrf=token, back=back,
                problem=problem, name=name, note=note, session_hours=SESSION_HOURS)


@get("/aanmelden", sync_to_thread=True, include_in_schema=False)
def login_form(request: Req, site: SiteDep, register_site: RegisterDep) -> Template | Redirect:
    """The login form; someone logged in already goes on to the register."""
    query = query_of(request)
    back = safe_back(one(query, "terug", HOME))
    if current_session(request, register_site) is not None:
        return Redirect(back, status_code=303)
    note = _("Je bent afgemeld.") if one(query, "afgemeld") else ""
    return _login_page(request, site, back=back, note=note)


@post("/aanmelden", status_code=200, sync_to_thread=True, include_in_schema=False)
def login(request: Req, site: SiteDep, register_site: RegisterDep, data: FormBody) -> Template | Redirect:
    """Check the name and password; on success a session cookie and on to where the person was going."""
    form = as_form(data)
    check_login_form(request, form)
    name, back = one(form, "naam"), safe_back(one(form, "terug", HOME))
    client = request.client.host if request.client else ""  # the limit on failed logins counts per address too
    session = register_site.accounts.login(name, (form.get("wachtwoord") or [""])[0], client=client) \
        if name else None
    if session is None:  # the same answer for a wrong password, an unknown name and a locked login
        return _login_page(request, site, back=back, name=name,
                           problem=_("Naam of wachtwoord klopt niet, of dit account kan nu niet aanmelden. Na "
                                     "{n} mislukte pogingen wacht je {minutes} minuten.").format(
                                         n=NAME_FAILURES, minutes=WINDOW_MINUTES))
    return Redirect(back, status_code=303, cookies=[session_cookie(session), ended(LOGIN_COOKIE)])


@post("/afmelden", status_code=303, sync_to_thread=True, include_in_schema=False)
def logout(request: Req, register_site: RegisterDep, data: FormBody) -> Redirect:
    """End the session here and in the register."""
    session = require_session(request, register_site)
    check_form(request, register_site, session, as_form(data))
    register_site.accounts.logout(session)
    return Redirect("/aanmelden?afgemeld=1", status_code=303, cookies=[ended(SESSION_COOKIE)])


@get("/register", sync_to_thread=True, include_in_schema=False)
def start(request: Req, register_site: RegisterDep) -> Response[Any]:
    """Each role to its own overview: reporters their reports, coordinators the cases, administrators users."""
    session = require_session(request, register_site)
    return Redirect(START[session.user.role], status_code=303)


HANDLERS = [login_form, login, logout, start]
