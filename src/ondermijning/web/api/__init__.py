"""The JSON API under ``/api/v1``: the catalog's content, assessments and plans (see :mod:`.openapi`)."""

from __future__ import annotations

from litestar import Router

from .assessments import create_assessment, picture_for
from .catalog import catalog_router
from .openapi import openapi_json
from .plans import calendar_for, create_plan, create_plan_calendar, proposal_for

PREFIX = "/api/v1"


def api_router() -> Router:
    """Every API route, under /api/v1."""
    return Router(PREFIX, route_handlers=[catalog_router(), create_assessment, create_plan, create_plan_calendar,
                                          openapi_json])


__all__ = ["PREFIX", "api_router", "calendar_for", "picture_for", "proposal_for"]
