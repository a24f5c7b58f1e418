"""Who is asking: an API token for systems, a session cookie for people, a CSRF token on every form.

Every way in ends at an :class:`~ondermijning.register.model.Actor` whose ``via`` the processing
log records: ``api-token:<id>`` (the token's public id, never its secret) or ``session``.

- **Systems** send ``Authorization: Bearer om_<id>_<secret>`` (:func:`api_actor`). The API takes
  no cookies, so a page another site shows cannot call it in a user's name.
- **People** log in on ``/aanmelden`` and get the session cookie :data:`SESSION_COOKIE`:
  ``Secure``, ``HttpOnly``, ``SameSite=Strict``, ``Path=/`` and the ``__Host-`` prefix (so no
  other host or path can set or read it), for at most the session's 8 hours. *Secure* is always
  set: browsers keep a Secure cookie from ``http://127.0.0.1`` and ``http://localhost`` (Chromium
  and Firefox count loopback as a secure origin), so ``ondermijning serve --db`` works on this
  computer without TLS; on any other address the register must sit behind HTTPS (a reverse
  proxy), or the browser drops the cookie and nobody can log in.
- **Forms**: every form of a session carries its CSRF token (:func:`check_form`); the login form,
  before there is a session, carries the value of the short-lived cookie :data:`LOGIN_COOKIE`
  (double submit), so another site cannot log a browser in under someone else's account. A form
  whose ``Sec-Fetch-Site`` header says it came from another site is refused as well.

**Where an OIDC login would plug in**: a route pair beside ``/aanmelden`` (in :mod:`.pages_login`)
that sends the browser to the municipality's identity provider and takes the callback; after
validating the ID token (a library such as Authlib), it finds the user by issuer and subject in
the ``register_identities`` table and opens a session through the same
``Accounts._open_session`` that a password login ends in. Nothing after the session changes.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import urlsplit

import attrs
from litestar import Request
from litestar.datastructures import Cookie

from ...i18n import _
from ...register.accounts import SESSION_HOURS, Session
from ...register.model import Actor
from ..pages.forms import Form, one
from .context import RegisterDep, RegisterSite
from .problems import LoginRequired, csrf_refused, unauthenticated

SESSION_COOKIE = "__Host-ondermijning-sessie"
LOGIN_COOKIE = "__Host-ondermijning-aanmelden"
#: the only cookies the app lets through (``web/security.py`` drops every other ``Set-Cookie``)
COOKIES = frozenset({SESSION_COOKIE, LOGIN_COOKIE})
LOGIN_MINUTES = 30  # how long a login form stays valid
HOME = "/register"

Req = Request[Any, Any, Any]


# systems ------------------------------------------------------------------------------------
def api_actor(request: Req, register_site: RegisterDep) -> Actor:
    """The actor behind the request's bearer token, or a 401 problem (A010)."""
    scheme, _space, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise unauthenticated(_("Het register vraagt wie je bent: stuur een API-token in de kop "
                                "'Authorization: Bearer om_...'. Een beheerder maakt er een."))
    user = register_site.accounts.token_user(token)
    if user is None:
        raise unauthenticated(_("Dit API-token is onbekend, verlopen of ingetrokken."))
    return attrs.evolve(user.actor, via=f"api-token:{token.split('_', 2)[1]}")


# people ---------------------------------------------------------------------------------------
def current_session(request: Req, register_site: RegisterSite) -> Session | None:
    """The live session of the request's cookie, or None."""
    secret = request.cookies.get(SESSION_COOKIE, "")
    return register_site.accounts.session(secret) if secret else None


def require_session(request: Req, register_site: RegisterSite) -> Session:
    """The live session, or :class:`LoginRequired` (which answers with the login page)."""
    session = current_session(request, register_site)
    if session is None:
        query = request.url.query
        raise LoginRequired(request.url.path + (f"?{query}" if query and request.method == "GET" else ""))
    return session


def session_actor(session: Session) -> Actor:
    return attrs.evolve(session.user.actor, via="session")


def session_cookie(session: Session) -> Cookie:
    return Cookie(key=SESSION_COOKIE, value=session.secret, path="/", secure=True, httponly=True,
                  samesite="strict", max_age=SESSION_HOURS * 3600)


def ended(key: str) -> Cookie:
    """A cookie that removes ``key`` from the browser."""
    return Cookie(key=key, value="", path="/", secure=True, httponly=True, samesite="strict", max_age=0)


def login_token(request: Req) -> tuple[str, Cookie | None]:
    """The login form's token: the one the browser holds, or a new one with the cookie that carries it."""
    held = request.cookies.get(LOGIN_COOKIE, "")
    if len(held) >= 32:
        return held, None
    token = secrets.token_urlsafe(32)
    return token, Cookie(key=LOGIN_COOKIE, value=token, path="/", secure=True, httponly=True, samesite="strict",
                         max_age=LOGIN_MINUTES * 60)


def safe_back(value: str) -> str:
    """Where to go after logging in: a path of the register, never another site."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith(HOME) or "\\" in value or "//" in parts.path:
        return HOME
    return value


# forms ----------------------------------------------------------------------------------------
def _same_site(request: Req) -> None:
    fetched = request.headers.get("sec-fetch-site", "")
    if fetched and fetched not in ("same-origin", "none"):
        raise csrf_refused()


def check_form(request: Req, register_site: RegisterSite, session: Session, form: Form) -> None:
    """A session's form: from this site, with this session's CSRF token; else a 403 problem (A013)."""
    _same_site(request)
    if not register_site.accounts.csrf_ok(session, one(form, "csrf")):
        raise csrf_refused()


def check_login_form(request: Req, form: Form) -> None:
    """The login form: from this site, with the token of the browser's login cookie."""
    _same_site(request)
    held, sent = request.cookies.get(LOGIN_COOKIE, ""), one(form, "csrf")
    if not held or not sent or not hmac.compare_digest(held, sent):
        raise csrf_refused()
