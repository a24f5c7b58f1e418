"""The register's refusals as problem documents (RFC 9457): never a 5xx for something a user did.

``A003`` (404) a case that does not exist, ``A010`` (401) no valid token, ``A011`` (403) a role
or municipality that does not allow it, ``A012`` (409) a version conflict or a closed case,
``A013`` (403) a form without its CSRF token, ``A014`` (422) input the register does not take,
``A015`` (503) the database cannot be reached.
"""

from __future__ import annotations

from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from ...i18n import _
from ...register.errors import AccessDenied, CaseNotFound, Conflict, DatabaseError, InvalidInput
from ..problems import ApiProblem

#: the header a 401 carries (RFC 6750)
BEARER = 'Bearer realm="ondermijning"'


class LoginRequired(Exception):
    """A page of the register asked for without a live session: the answer is the login page."""

    def __init__(self, back: str) -> None:
        self.back = back  # where to go after logging in (a path of this app)
        super().__init__(back)


def register_problem(exc: Exception) -> ApiProblem | None:
    """The problem a register error answers with, or None when ``exc`` is not one of the register's."""
    if isinstance(exc, CaseNotFound):
        return ApiProblem("A003", str(exc), status=404)
    if isinstance(exc, AccessDenied):
        return ApiProblem("A011", str(exc))
    if isinstance(exc, Conflict):
        return ApiProblem("A012", str(exc))
    if isinstance(exc, InvalidInput):
        return ApiProblem("A014", str(exc))
    if isinstance(exc, (DatabaseError, OperationalError, InterfaceError, DisconnectionError, PoolTimeout)):
        return ApiProblem("A015", _("De database van het register is nu niet bereikbaar; er is niets veranderd. "
                                    "Probeer het later opnieuw."))
    return None


def unauthenticated(detail: str) -> ApiProblem:
    return ApiProblem("A010", detail, headers={"WWW-Authenticate": BEARER})


def csrf_refused() -> ApiProblem:
    return ApiProblem("A013", _("Dit formulier is verlopen of komt niet van deze site. Laad de pagina opnieuw en "
                                "verstuur het nog eens."))
