"""Reading the pages' forms: urlencoded bodies and query strings, never kept and never logged."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from litestar import Request

from ...i18n import _
from ..problems import ApiProblem

Form = dict[str, list[str]]


async def form_of(request: Request[Any, Any, Any]) -> Form:
    """The fields of a posted form (each a list: checkboxes repeat)."""
    body = await request.body()
    try:
        return parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=2000)
    except (UnicodeDecodeError, ValueError):
        raise ApiProblem("A001", _("Het formulier is niet te lezen.")) from None


def query_of(request: Request[Any, Any, Any]) -> Form:
    return {key: list(request.query_params.getall(key)) for key in request.query_params}


def one(form: Form, key: str, default: str = "") -> str:
    values = form.get(key)
    return values[0].strip() if values else default


def number_of(form: Form, key: str, low: int, high: int, *, default: int | None = None) -> int | None:
    """A whole number between ``low`` and ``high`` from a field; empty gives ``default``; else a problem."""
    text = one(form, key)
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise ApiProblem("A007", _("Vul bij '{field}' een geheel getal van {low} tot en met {high} in.").format(
            field=key, low=low, high=high), status=400)
    return int(text)
