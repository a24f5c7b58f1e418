"""The register on ``ondermijning serve``: a JSON API under ``/api/v1/register`` and pages (Dutch, or English).

:func:`mount` gives what :func:`ondermijning.web.create_app` adds when it is handed a register
(``ondermijning serve --db``); without one, none of this is loaded and the app stays stateless.

- :mod:`.api_cases`, :mod:`.api_admin`: the API, for systems with an API token (``Bearer``);
- :mod:`.pages_login`, :mod:`.pages_cases`, :mod:`.pages_reports`, :mod:`.pages_users`: the pages,
  for people with a session (login page, cookie, a CSRF token on every form);
- :mod:`.auth`: who is asking, the cookies, the CSRF checks, and where an OIDC login would plug in;
- :mod:`.problems`: the register's refusals as problem documents (401, 403, 404, 409, 422, never 5xx).

Every operation goes through :class:`~ondermijning.register.service.Register`, so roles mean the
same on the command line, the API and the pages, and every read and write is in the log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import attrs
from litestar import Router
from litestar.di import Provide
from litestar.response import Redirect

from ...i18n import N_
from ...register.documents import register_schemas
from ...register.service import Register
from ..problems import ApiProblem
from . import api_admin, api_cases, pages_cases, pages_login, pages_reports, pages_users
from .auth import COOKIES, api_actor
from .bodies import BODIES
from .context import RegisterSite
from .problems import LoginRequired, register_problem

API_PREFIX = "/api/v1/register"


@attrs.frozen(kw_only=True)
class Mounted:
    """What the app adds for a register: routes, the register as a dependency, and what its OpenAPI needs."""

    routes: tuple[Router, ...]
    dependencies: dict[str, Provide]
    cookies: frozenset[str]  # the only cookies the app may set
    problem_of: Callable[[Exception], ApiProblem | None]
    schemas: Callable[[str], dict[str, Any]]  # component schemas, references at the prefix given
    bodies: tuple[type, ...]  # request models, described by the library's generator
    responses: dict[str, str]  # operation id -> the component schema of its answer ("X[]": an array of X)
    description: str  # marked for the catalog, translated where the OpenAPI document is made
    api_prefix: str = API_PREFIX  # its operations need a bearer token


def _to_login(request: Any, exc: LoginRequired) -> Redirect:
    return Redirect(f"/aanmelden?terug={quote(exc.back)}", status_code=303)


def mount(register: Register) -> Mounted:
    """The routes and dependencies that serve ``register``."""
    register_site = RegisterSite.of(register)

    def provide() -> RegisterSite:
        return register_site

    api = Router(API_PREFIX, route_handlers=[*api_cases.HANDLERS, *api_admin.HANDLERS],
                 dependencies={"caller": Provide(api_actor, sync_to_thread=True)})
    pages = Router("/", route_handlers=[*pages_login.HANDLERS, *pages_cases.HANDLERS, *pages_reports.HANDLERS,
                                        *pages_users.HANDLERS],
                   exception_handlers={LoginRequired: _to_login}, include_in_schema=False)
    return Mounted(
        routes=(api, pages), dependencies={"register_site": Provide(provide, use_cache=True, sync_to_thread=False)},
        cookies=COOKIES, problem_of=register_problem, schemas=lambda prefix: register_schemas(prefix),
        bodies=BODIES, responses={**api_cases.RESPONSES, **api_admin.RESPONSES},
        description=N_("Met een register (ondermijning serve --db) ook /api/v1/register: casussen over tijd onder een "
                     "pseudoniem, voor systemen met een API-token (Authorization: Bearer). Elke inzage en wijziging "
                     "staat met doel en grondslag in het verwerkingslogboek; inzien vraagt ?purpose=."))
