"""``create_app()``: the ASGI app behind ``ondermijning serve``, for embedders to mount in their own.

Stateless without a register: the catalog is read once and never written; no database, no
sessions, no cookies, nothing about a request is kept or logged (see :mod:`.security` and
``commands/serve.py``). With a register (``serve --db``), :mod:`.register` adds its API and
pages; what they keep is the register's (``docs/register.md``).
Refusals are problem documents (:mod:`.problems`) on ``/api/``, pages elsewhere, both in the request's
language (:mod:`.language`: Dutch, or English with ``Accept-Language: en``); a bug
answers 500 with code A009 and never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar import Litestar, Request, Response
from litestar.di import Provide
from litestar.exceptions import (
    HTTPException,
    MethodNotAllowedException,
    NotFoundException,
    ValidationException,
)
from litestar.logging.config import LoggingConfig
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from ..converter import converter
from ..i18n import _
from ..schema import json_schemas
from .api import PREFIX, api_router
from .api.openapi import PREFIX as SCHEMA_PREFIX
from .api.openapi import OpenAPIExtra
from .api.wire import MAX_BODY
from .language import language_middleware
from .problems import MEDIA_TYPE, ApiProblem
from .security import security_headers_for
from .site import Site

if TYPE_CHECKING:
    from litestar.types import ControllerRouterHandler

    from ..catalog import Catalog
    from ..register.service import Register

HERE = Path(__file__).parent
log = logging.getLogger("ondermijning.web")


def create_app(catalog: Catalog | None = None, *, register: Register | None = None,
               routes: Sequence[ControllerRouterHandler] = (), debug: bool = False) -> Litestar:
    """The web app (pages and JSON API) over ``catalog`` (default: the register's, or ``load_catalog()``).

    With ``register`` (a :class:`~ondermijning.register.service.Register`; ``serve --db``) the app
    also serves the register's API under ``/api/v1/register`` and its pages (login, cases,
    reports, users; see :mod:`ondermijning.web.register`), and sets its session cookie; without
    one it stores nothing and sets no cookie. ``routes`` are extra Litestar route handlers or
    routers (an embedder's own pages); they get the same security headers and problem answers.
    Mount the result in another ASGI app, or run it with uvicorn:
    ``uvicorn --factory ondermijning.web:create_app``.
    """
    from ..assemble import load_catalog
    from .pages import pages_router

    if catalog is None:
        catalog = register.catalog if register is not None else load_catalog()
    site = Site(catalog, register_enabled=register is not None)
    mounted = None
    if register is not None:
        from .register import mount  # only with a register: the register extra (SQLAlchemy) stays optional

        mounted = mount(register)

    def provide_site() -> Site:
        return site

    app = Litestar(
        route_handlers=[api_router(), pages_router(),
                        create_static_files_router("/static", directories=[HERE / "static"], name="static",
                                                   include_in_schema=False),
                        *(mounted.routes if mounted else ()), *routes],
        dependencies={"site": Provide(provide_site, use_cache=True, sync_to_thread=False),
                      **(mounted.dependencies if mounted else {})},
        exception_handlers={Exception: _refusal},
        before_send=[security_headers_for(mounted.cookies if mounted else ())],
        template_config=TemplateConfig(directory=HERE / "templates", engine=JinjaTemplateEngine,
                                       engine_callback=_configure_templates),
        openapi_config=OpenAPIConfig(title="ondermijning API", version="1", path=f"{PREFIX}/_litestar",
                                     render_plugins=[], create_examples=False),
        request_max_body_size=MAX_BODY,
        logging_config=LoggingConfig(log_exceptions="never", configure_root_logger=False),
        debug=debug,
    )
    app.state.site = site  # read-only: the error pages name the packs too
    app.state.problem_of = mounted.problem_of if mounted else None
    if mounted:
        app.state.openapi_extra = OpenAPIExtra(
            schemas={**mounted.schemas(SCHEMA_PREFIX), **json_schemas([], mounted.bodies, ref_prefix=SCHEMA_PREFIX)},
            responses=mounted.responses, description=mounted.description, secured=mounted.api_prefix)
    # outermost, around Litestar's own refusals too (an unknown address is answered before any route middleware)
    app.asgi_handler = language_middleware(app.asgi_handler)
    return app


def environment_app() -> Litestar:
    """The app each worker of ``ondermijning serve --workers N`` runs: packs from the environment, and the
    register at ``ONDERMIJNING_DB`` when that is set (``serve --db`` sets it for its workers)."""
    import os

    from ..register.database import DB_ENV
    from ..register.service import Register

    db = os.environ.get(DB_ENV, "")
    return create_app(register=Register.open(db) if db else None)


def _configure_templates(engine: JinjaTemplateEngine) -> None:
    from ..i18n import _, language, ngettext
    from .pages.filters import register

    register(engine.engine)
    # the templates' texts, in the request's language: {{ _("Dutch text {name}").format(name=...) }}
    engine.engine.globals.update(_=_, ngettext=ngettext, language=language)


def _refusal(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Any exception as a refusal: a problem document on /api/, a page elsewhere (both in the request's language)."""
    problem_of = request.app.state.problem_of  # the register's errors, when one is mounted
    problem = (problem_of(exc) if problem_of is not None else None) or _as_problem(exc)
    if request.url.path.startswith(PREFIX + "/") or request.url.path == PREFIX:
        return Response(converter.unstructure(problem.details), status_code=problem.details.status,
                        media_type=MEDIA_TYPE, headers=problem.headers)
    from .pages.errors import error_page

    return error_page(problem, request.app.state.site)


def _as_problem(exc: Exception) -> ApiProblem:
    if isinstance(exc, ApiProblem):
        return exc
    if isinstance(exc, NotFoundException):
        return ApiProblem("A005", _("Dit adres bestaat niet."))
    if isinstance(exc, MethodNotAllowedException):
        return ApiProblem("A006", _("Deze methode is op dit adres niet toegestaan."))
    if isinstance(exc, HTTPException) and exc.status_code == 413:
        return ApiProblem("A002", _("Het verzoek is groter dan {n} KB.").format(n=MAX_BODY // 1024))
    if isinstance(exc, ValidationException):
        keys = sorted({str(e.get("key")) for e in exc.extra or () if isinstance(e, dict) and e.get("key")}) \
            if isinstance(exc.extra, list) else []
        if keys:
            return ApiProblem("A007", _("Parameter {names} ontbreekt of heeft een waarde die niet is toegestaan.")
                              .format(names=", ".join(f"'{k}'" for k in keys)))
        return ApiProblem("A007", _("Een parameter ontbreekt of heeft een waarde die niet is toegestaan."))
    if isinstance(exc, HTTPException) and 400 <= exc.status_code < 500:
        return ApiProblem("A007", _("Het verzoek is niet te verwerken."), status=exc.status_code)
    log.error("internal error while answering a request: %s", type(exc).__name__)  # no values: privacy
    return ApiProblem("A009", _("Er ging iets mis in de server; er is niets bewaard. Probeer het opnieuw."))
