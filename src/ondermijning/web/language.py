"""Each request in its own language: the ``Accept-Language`` header picks Dutch or English (:func:`i18n.negotiate`).

Pages, problem documents and every message made while answering are then in that language
(:func:`i18n.using` for the duration of the request, the process's own language untouched); a
request without the header gets the server's language (``serve --lang``, ``ONDERMIJNING_LANG``,
else Dutch). Responses say which (``Content-Language``) and that it depends on the header
(``Vary``), so a cache keeps one copy per language.
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from ..i18n import language, negotiate, using


def _requested(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"accept-language":
            return negotiate(value.decode("latin-1"))
    return language()


def language_middleware(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: the request's language around the whole answer (handler, template and refusal)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        chosen = _requested(scope)

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), (b"content-language", chosen.encode()),
                                      (b"vary", b"Accept-Language")]
            await send(message)

        with using(chosen):
            await app(scope, receive, send_with_language)

    return middleware
