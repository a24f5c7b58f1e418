"""Every security and privacy header of the app, in one place, on every response.

Strict by default (after Warehouse's ``csp.py``): scripts, styles, images, fonts and forms only
from the app itself, no inline script or style, no framing, no referrer, no sniffing. Nothing
is cached except the static files: a picture must not stay behind in a shared computer's cache.
Without a register the app sets no cookies and keeps no sessions, so there is nothing for CSRF
to ride on; with one, only the register's own cookies pass (:func:`security_headers_for`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection

from litestar.types import Message, Scope

CSP = "; ".join((
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
))

HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CSP),
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
NO_STORE = ("cache-control", "no-store")
STATIC_CACHE = ("cache-control", "public, max-age=3600")
STATIC_PREFIX = "/static/"

_ENCODED = tuple((name.encode(), value.encode()) for name, value in HEADERS)
_REPLACED = {name.encode() for name, _value in (*HEADERS, NO_STORE)}
SendHook = Callable[[Message, Scope], Awaitable[None]]


def security_headers_for(cookies: Collection[str] = ()) -> SendHook:
    """A Litestar ``before_send`` hook: the headers above on every HTTP response, routed or not.

    ``no-store`` everywhere but ``/static/``. A ``Set-Cookie`` is dropped unless it sets one of
    ``cookies``: none without a register; with one, its session cookie and its login form's token
    (``web/register/auth.py``, which sets them ``Secure``, ``HttpOnly`` and ``SameSite=Strict``).
    """
    allowed = {name.encode() for name in cookies}

    def kept(name: bytes, value: bytes) -> bool:
        if name.lower() == b"set-cookie":
            return value.split(b"=", 1)[0].strip() in allowed
        return name.lower() not in _REPLACED

    async def hook(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        cache = STATIC_CACHE if scope["path"].startswith(STATIC_PREFIX) else NO_STORE
        headers = [(k, v) for k, v in message.get("headers", ()) if kept(k, v)]
        message["headers"] = [*headers, *_ENCODED, (cache[0].encode(), cache[1].encode())]

    return hook


#: the hook of the stateless app: every ``Set-Cookie`` dropped
security_headers = security_headers_for()
