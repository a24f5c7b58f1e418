"""Problem documents (RFC 9457, ``application/problem+json``) with the library's codes, in the request's language.

Every refusal of the API is one :class:`ProblemDetails`: ``code`` is a code of
:mod:`ondermijning.codes` (``A001``–``A015`` for requests and the register, ``L101``–``L104`` for a body's keys
and values, as in a pack file), ``title`` and ``detail`` are Dutch (English for ``Accept-Language: en``),
``errors`` lists each problem with its key path. Pages get the same refusal as an HTML page. No problem shows
a traceback or echoes a value that was sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ..errors import Problem, UnknownItemError, unknown_kind
from ..i18n import N_, _

MEDIA_TYPE = "application/problem+json"

#: per code: the HTTP status and the title (translated where used)
TITLES: dict[str, tuple[int, str]] = {
    "A001": (400, N_("Het verzoek is geen geldige JSON")),
    "A002": (413, N_("Het verzoek is te groot")),
    "A003": (422, N_("Onbekend id")),
    "A004": (415, N_("Dit soort inhoud wordt niet ondersteund")),
    "A005": (404, N_("Dit adres bestaat niet")),
    "A006": (405, N_("Deze methode is hier niet toegestaan")),
    "A007": (400, N_("Een parameter ontbreekt of heeft een ongeldige waarde")),
    "A008": (422, N_("Dit verzoek kan niet worden beantwoord")),
    "A009": (500, N_("Er ging iets mis in de server")),
    "A010": (401, N_("Aanmelden nodig")),
    "A011": (403, N_("Dit mag je niet met deze rol")),
    "A012": (409, N_("De casus is intussen gewijzigd")),
    "A013": (403, N_("Formulier niet geaccepteerd")),
    "A014": (422, N_("Het register neemt deze invoer niet aan")),
    "A015": (503, N_("Het register is nu niet bereikbaar")),
    "L101": (422, N_("Onbekende sleutel in het verzoek")),
    "L102": (422, N_("Een verplichte sleutel ontbreekt")),
    "L103": (422, N_("Een waarde heeft het verkeerde type")),
    "L104": (422, N_("Een waarde is niet toegestaan")),
}

#: the converter's names of types (in its English messages, see loader) as a person reads them
_TYPES = {"text": N_("tekst"), "a whole number": N_("een geheel getal"), "a number": N_("een getal"),
          "true or false": N_("true of false"), "a list": N_("een lijst"), "a table": N_("een object"),
          "a boolean": N_("true of false"), "NoneType": "null"}


@attrs.frozen(kw_only=True)
class ProblemItem:
    """One problem of a refused request: its code, where in the request, and what is wrong."""

    code: str
    path: str
    detail: str


@attrs.frozen(kw_only=True)
class ProblemDetails:
    """A refused request (RFC 9457): ``code`` from the library's registry, Dutch or English ``title`` and ``detail``."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: tuple[ProblemItem, ...] = ()


class ApiProblem(Exception):
    """Raised anywhere in the web layer to refuse a request with a problem document."""

    def __init__(self, code: str, detail: str, *, errors: Sequence[ProblemItem] = (), status: int | None = None,
                 headers: Mapping[str, str] | None = None):
        self.details = ProblemDetails(type=f"urn:ondermijning:problem:{code}", title=_(TITLES[code][1]),
                                      status=status or TITLES[code][0], detail=detail, code=code,
                                      errors=tuple(errors))
        self.headers = dict(headers or {})  # e.g. WWW-Authenticate with a 401
        super().__init__(detail)


def unknown(exc: UnknownItemError, path: str, *, status: int | None = None) -> ApiProblem:
    """An :class:`UnknownItemError` of the library as a problem, in the chosen language, with its suggestions."""
    kind = unknown_kind(exc.kind)
    detail = _("{unknown} '{id}'").format(unknown=kind[:1].upper() + kind[1:], id=exc.item_id)
    if exc.suggestions:
        detail += _("; bedoel je {ids}?").format(ids=_(" of ").join(f"'{s}'" for s in exc.suggestions))
    else:
        detail += "."
    return ApiProblem("A003", detail, errors=[ProblemItem(code="A003", path=path, detail=detail)], status=status)


def dutch(problem: Problem) -> str:
    """A sentence for a body problem the converter found (L101–L104), from its code and key path."""
    where = problem.path or "$"
    if problem.code == "L101":
        return _("Onbekende sleutel {path}; laat hem weg of verbeter de spelling.").format(path=where)
    if problem.code == "L102":
        key = re.search(r"'([^']*)'", problem.message)
        return _("Verplichte sleutel '{key}' ontbreekt bij {path}.").format(key=key.group(1) if key else "?",
                                                                          path=where)
    if problem.code == "L103":
        found = re.search(r"expected (.+?), got (.+)$", problem.message)
        if found:
            return _("Verkeerd type bij {path}: verwacht {expected}, gekregen {got}.").format(
                path=where, expected=_(_TYPES.get(found.group(1), found.group(1))),
                got=_(_TYPES.get(found.group(2), found.group(2))))
        return _("Verkeerd type bij {path}.").format(path=where)
    if problem.code == "L104" and problem.path.startswith("$.themes["):  # planner.findings: an unknown theme
        return _("Onbekend thema bij {path}.").format(path=where)
    return _("Ongeldige waarde bij {path}.").format(path=where)


def from_problems(problems: Iterable[Problem]) -> ApiProblem:
    """Body problems found by the library's converter as one refusal (the first problem's code leads)."""
    items = [ProblemItem(code=p.code, path=p.path or "$", detail=dutch(p)) for p in problems]
    if not items:  # pragma: no cover - the library reports at least one problem when it refuses
        items = [ProblemItem(code="L104", path="$", detail=_("Ongeldige waarde bij $."))]
    detail = items[0].detail if len(items) == 1 else _("{n} problemen in het verzoek; zie errors.").format(
        n=len(items))
    return ApiProblem(items[0].code, detail, errors=items)
