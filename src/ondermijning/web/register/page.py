"""What every register page shares: the form body, the page around it, who is logged in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from litestar.datastructures import Cookie
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Template

from ...register.accounts import Session
from ..pages.forms import Form
from ..site import Site
from .views import label, when

#: a posted form, as Litestar reads it (a repeated field is a list)
FormBody = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]


def as_form(data: Mapping[str, Any]) -> Form:
    """A posted form with every field as a list, as :mod:`ondermijning.web.pages.forms` reads it."""
    return {key: [str(v) for v in value] if isinstance(value, list) else [str(value)] for key, value in data.items()}


def page(template: str, site: Site, session: Session | None, *, status_code: int = 200,
         cookies: list[Cookie] | None = None, **context: Any) -> Template:
    """A register page (``templates/register/TEMPLATE``) with who is logged in and their form token."""
    return Template(f"register/{template}", status_code=status_code, cookies=cookies or [],
                    context={"site": site, "session": session, "user": session.user if session else None,
                             "csrf": session.csrf if session else "", "label": label,
                             "when": when, **context})
