"""The planner's input: what the exploration (verkenning, handreiking §1) found, read from a findings file."""

from __future__ import annotations

import datetime
import enum
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .. import _toml
from ..errors import OndermijningError, Problem
from ..fileio import read_bounded
from ..i18n import N_, _
from ..loader import _structure_problems, long_number_problem
from ..locate import LineIndex
from ..model_base import Model
from ..models.common import InvalidFieldError, as_tuple

if TYPE_CHECKING:
    from ..catalog import Catalog

class Audience(enum.Enum):
    """Who takes part (a finding of the exploration)."""

    SOCIAL = "social"
    SAFETY = "safety"
    FRONTLINE = "frontline"
    YOUTH = "youth"
    MANAGEMENT = "management"
    PROCUREMENT = "procurement"
    HOUSING = "housing"

    @property
    def label(self) -> str:
        return _(_AUDIENCE_LABELS[self])


_AUDIENCE_LABELS = {
    Audience.SOCIAL: N_("Sociaal domein (Wmo, Jeugd, Werk en Inkomen, schuldhulp)"),
    Audience.SAFETY: N_("Veiligheidsdomein (openbare orde en veiligheid, handhaving, ondermijning)"),
    Audience.FRONTLINE: N_("Frontlijn- en wijkteams"),
    Audience.YOUTH: N_("Professionals die jongeren zien (jongerenwerk, school, leerplicht)"),
    Audience.MANAGEMENT: N_("Leidinggevenden"),
    Audience.PROCUREMENT: N_("Inkoop, contractmanagement en toezicht Wmo en Jeugd"),
    Audience.HOUSING: N_("Woningcorporaties"),
}


class Need(enum.Enum):
    """A question or need that the exploration brought up (handreiking §1)."""

    INFORMATION_SHARING = "information-sharing"
    DAMOCLES = "damocles"
    COOPERATION = "cooperation"
    DILEMMAS = "dilemmas"
    CASE_DISCUSSION = "case-discussion"
    EARLY_SIGNALLING = "early-signalling"
    COACHING = "coaching"

    @property
    def label(self) -> str:
        return _(_NEED_LABELS[self])


_NEED_LABELS = {
    Need.INFORMATION_SHARING: N_("Vragen over informatie delen en de AVG"),
    Need.DAMOCLES: N_("Vragen over de Wet Damocles en sluiting van woningen"),
    Need.COOPERATION: N_("Samenwerking tussen afdelingen en domeinen binnen de gemeente"),
    Need.DILEMMAS: N_("Meer doen met professionele dilemma's"),
    Need.CASE_DISCUSSION: N_("Behoefte aan casuïstiekbespreking"),
    Need.EARLY_SIGNALLING: N_("Beter leren kijken, signalen verzamelen en delen"),
    Need.COACHING: N_("Persoonlijke begeleiding of coaching"),
}

#: the four situations of frontline teams (handreiking §3.2, route 2); translate with ``_`` where shown
FRONTLINE_SITUATIONS = {
    1: N_("De gemeente wil starten met frontlijnteams in de wijk"),
    2: N_("Frontlijnteams zijn gestart, maar lopen nog niet goed"),
    3: N_("Het team werkt samen, maar mist aansluiting bij beleid en netwerk"),
    4: N_("Team en netwerk lopen goed, maar hebben ondermijning nog niet op het netvlies"),
}


def _between(low: int, high: int) -> Callable[[Any, attrs.Attribute[Any], int], None]:
    def check(_inst: Any, attribute: attrs.Attribute[Any], value: int) -> None:
        if not low <= value <= high:
            raise InvalidFieldError(attribute.name, _("{value} ligt niet tussen {low} en {high}").format(
                value=value, low=low, high=high))

    check.bounds = (low, high)  # type: ignore[attr-defined]  # read by ondermijning.testing.strategies
    return check


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Findings(Model):  # eq, hash and repr from Model: attrs does not compile them
    """What the exploration (verkenning, handreiking §1) found: the planner's input.

    ``themes`` are theme ids (``core/zorgfraude``); ``frontline_situation`` is one of the four
    situations of §3.2 (0: no frontline teams involved); ``participants`` is the number of people
    who take part; ``weeks`` how many weeks are available; ``start`` the first meeting's date.
    """

    participants: int = attrs.field(validator=_between(1, 2000))
    weeks: int = attrs.field(validator=_between(1, 104))
    themes: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    audiences: tuple[Audience, ...] = attrs.field(factory=tuple, converter=as_tuple)
    needs: tuple[Need, ...] = attrs.field(factory=tuple, converter=as_tuple)
    frontline_situation: int = attrs.field(default=0, validator=_between(0, 4))
    start: datetime.date | None = None
    municipality: str = ""


class FindingsError(OndermijningError):
    """A findings file that cannot be used; ``problems`` says why, each located."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))



def load_findings(path: str | os.PathLike[str], catalog: Catalog | None = None) -> Findings:
    """Read findings from a TOML file; raise :class:`FindingsError` with every located problem.

    With a catalog, theme ids are checked (and ``zorgfraude`` is read as ``core/zorgfraude``).
    """
    name = str(path)
    try:  # bounded: a pipe or /dev/zero given as --from ends with a message, not with all memory
        raw = read_bounded(path)
    except OSError as exc:
        raise FindingsError([Problem("L002", _("kan het bestand niet lezen: {reason}").format(
            reason=exc.strerror or exc), file=name)]) from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise FindingsError([Problem("L004", _("geen UTF-8-tekst (byte {n})").format(n=exc.start), file=name,
                                     line=raw[: exc.start].count(b"\n") + 1,
                                     hint=_("bewaar het bestand als UTF-8"))]) from None
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        reason, line = _toml.syntax_error(exc, text)
        raise FindingsError([Problem("L005", _("TOML-syntaxfout: {reason}").format(reason=reason), file=name,
                                     line=line, hint=_("zie https://toml.io voor de syntax"))]) from None
    except RecursionError:
        raise FindingsError([Problem("L006", _("tabellen en lijsten zijn te diep genest"), file=name)]) from None
    except ValueError as exc:  # int() refuses more than 4,300 digits, outside tomllib's own errors
        raise FindingsError([long_number_problem(text, name, exc)]) from None
    return findings_from_data(data, catalog, file=name, index=LineIndex(text))


def findings_from_data(data: Any, catalog: Catalog | None = None, *, file: str = "",
                       index: LineIndex | None = None) -> Findings:
    """Findings from parsed data (a TOML table, or a JSON object with the same keys, ``start`` as text).

    Raises :class:`FindingsError` with every problem, located by key path (and by line with ``index``).
    """
    index = index if index is not None else LineIndex("")
    if not isinstance(data, dict):
        raise FindingsError([Problem("L103", _("verkeerd type: verwacht een tabel"), file=file, path="$")])
    data = dict(data)
    start = data.get("start")
    if isinstance(start, (datetime.datetime, datetime.time)):
        raise FindingsError([Problem("L104", _("ongeldige waarde: geef een datum zonder tijd, bijvoorbeeld "
                                               "2026-09-07"),
                                     file=file, line=index.line_of(("start",)), path="$.start")])
    if isinstance(start, datetime.date):
        data["start"] = start.isoformat()
    import cattrs  # here: validate imports this module for its rules, and needs no converter

    from ..converter import converter

    try:
        findings = converter.structure(data, Findings)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        found = sorted(_structure_problems(exc, file, index), key=lambda p: (p.line or 0, p.path))
        raise FindingsError(found) from None
    if catalog is not None:
        findings = _check_themes(findings, catalog, file, index)
    return findings


def _check_themes(findings: Findings, catalog: Catalog, file: str, index: Any) -> Findings:
    import difflib

    themes, problems = [], []
    for i, theme in enumerate(findings.themes):
        qualified = theme if "/" in theme else f"core/{theme}"
        if qualified in catalog.themes:
            themes.append(qualified)
            continue
        close = difflib.get_close_matches(qualified, list(catalog.themes), n=1)
        hint = _("bedoel je {id!r}?").format(id=close[0]) if close else \
            _("de ids van de thema's: ondermijning plan --values")
        problems.append(Problem("L104", _("ongeldige waarde: onbekend thema {theme!r}").format(theme=theme), file=file,
                                line=index.line_of(("themes", i)), path=f"$.themes[{i}]", hint=hint))
    if problems:
        raise FindingsError(problems)
    return attrs.evolve(findings, themes=tuple(dict.fromkeys(themes)))


