"""The pages, Dutch or English on request: server-rendered HTML forms that work without JavaScript."""

from __future__ import annotations

from litestar import Router

from . import cards, home, signalling, training


def pages_router() -> Router:
    return Router("/", route_handlers=[*home.HANDLERS, *signalling.HANDLERS, *cards.HANDLERS, *training.HANDLERS],
                  include_in_schema=False)
