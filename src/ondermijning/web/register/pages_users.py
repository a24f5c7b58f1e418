"""An administrator's pages: the users, adding one, disabling one, and issuing an API token (shown once).

An administrator manages users and reads no case: these pages show names, roles and
municipalities, never a case. Every change is a line in the processing log.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from ...i18n import _
from ...register.model import Role
from ..pages.forms import number_of, one, query_of
from ..problems import ApiProblem
from ..site import SiteDep
from .auth import check_form, require_session, session_actor
from .context import RegisterDep
from .page import FormBody, as_form, page

Req = Request[Any, Any, Any]
USERS = "/register/gebruikers"


@get(USERS, sync_to_thread=True, include_in_schema=False)
def users(request: Req, site: SiteDep, register_site: RegisterDep) -> Template:
    session = require_session(request, register_site)
    found = register_site.accounts.users(session_actor(session))
    return page("users.html", site, session, users=found, roles=list(Role), municipalities=sorted(site.catalog.packs),
                added=one(query_of(request), "toegevoegd"))


@post(USERS, status_code=303, sync_to_thread=True, include_in_schema=False)
def add_user(request: Req, register_site: RegisterDep, data: FormBody) -> Redirect:
    session = require_session(request, register_site)
    form = as_form(data)
    check_form(request, register_site, session, form)
    try:
        role = Role(one(form, "rol"))
    except ValueError:
        raise ApiProblem("A007", _("Kies de rol melder, coördinator of beheerder."), status=400) from None
    kind = "system" if one(form, "soort") == "system" else "person"
    password = (form.get("wachtwoord") or [""])[0] if kind == "person" else None
    name = one(form, "naam")
    register_site.accounts.add_user(session_actor(session), name, role=role, municipality=one(form, "gemeente"),
                                    kind=kind, password=password)
    return Redirect(f"{USERS}?toegevoegd={quote(name)}", status_code=303)


@post(USERS + "/{name:str}/uitschakelen", status_code=303, sync_to_thread=True, include_in_schema=False)
def disable(request: Req, register_site: RegisterDep, data: FormBody, name: FromPath[str]) -> Redirect:
    session = require_session(request, register_site)
    check_form(request, register_site, session, as_form(data))
    register_site.accounts.disable(session_actor(session), name)
    return Redirect(USERS, status_code=303)


@post(USERS + "/{name:str}/token", status_code=200, sync_to_thread=True, include_in_schema=False)
def token(request: Req, site: SiteDep, register_site: RegisterDep, data: FormBody, name: FromPath[str]) -> Template:
    """A new API token, on this page only: it is not kept, so copy it now."""
    session = require_session(request, register_site)
    form = as_form(data)
    check_form(request, register_site, session, form)
    days = number_of(form, "dagen", 1, 3650, default=365) or 365
    issued = register_site.accounts.issue_token(session_actor(session), name, days=days)
    return page("token.html", site, session, name=name, token=issued, days=days)


HANDLERS = [users, add_user, disable, token]
