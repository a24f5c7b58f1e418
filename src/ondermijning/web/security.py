"""Every security and privacy header of the app, in one place, on every response.

Strict by default (after Warehouse's ``csp.py``): scripts, styles, images, fonts and forms only
from the app itself, no inline script or style, no framing, no referrer, no sniffing. Nothing
is cached except the static files: a picture must not stay behind in a shared computer's cache.
The app sets no cookies and keeps no sessions, so there is nothing for CSRF to ride on.
"""

from __future__ import annotations

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
_REPLACED = {name.encode() for name, _value in (*HEADERS, NO_STORE)} | {b"set-cookie"}


async def security_headers(message: Message, scope: Scope) -> None:
    """Litestar ``before_send`` hook: the headers above on every HTTP response, routed or not.

    ``no-store`` everywhere but ``/static/``; any ``Set-Cookie`` is dropped.
    """
    if message["type"] != "http.response.start":
        return
    cache = STATIC_CACHE if scope["path"].startswith(STATIC_PREFIX) else NO_STORE
    kept = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in _REPLACED]
    message["headers"] = [*kept, *_ENCODED, (cache[0].encode(), cache[1].encode())]
