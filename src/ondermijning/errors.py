"""What goes wrong, in a form a person can act on.

A :class:`Problem` is one finding with a stable code; it prints as
``file:line: CODE message (key path)`` followed by a hint when there is one, always on one
line: pack text or a file name quoted in it has its control characters (CR, LF, ESC) escaped
(:func:`ondermijning.shown.shown`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from .i18n import N_
from .model_base import Model
from .shown import shown

#: "unknown <kind>" per kind of id the library names (the adjective follows the Dutch noun's gender)
UNKNOWN_KIND: dict[str, str] = {
    "signal list": N_("onbekende signalenlijst"), "signal": N_("onbekend signaal"),
    "protective factor": N_("onbekende beschermende factor"), "municipality": N_("onbekende gemeente"),
    "pack": N_("onbekend pack"), "route": N_("onbekende route"), "dilemma card": N_("onbekende dilemmakaart"),
    "case": N_("onbekende casus"), "conversation guide": N_("onbekende gespreksleidraad"),
    "workshop": N_("onbekende module"), "theme": N_("onbekend thema"), "trajectory": N_("onbekend traject"),
    "exploration": N_("onbekende verkenning"), "role": N_("onbekende rol"), "framework": N_("onbekend kader"),
    "category": N_("onbekende categorie"),
}


def unknown_kind(kind: str) -> str:
    """``onbekende signalenlijst`` for ``"signal list"``, in the chosen language.

    Another kind (a word the caller translated already) reads ``onbekende <kind>``.
    """
    from .i18n import _

    known = UNKNOWN_KIND.get(kind)
    return _(known) if known is not None else _("onbekende {kind}").format(kind=kind)


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(eq=False, repr=False)
class Problem(Model):
    """One finding: where, which rule (``code``), what, and how to fix it."""

    code: str
    message: str
    file: str = ""
    line: int | None = None
    path: str = ""  # key path inside the file, e.g. "$.routes[2].levels"
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = self.file or "<catalog>"
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.code} {self.message}"
        if self.path:
            text += f" ({self.path})"
        if self.hint:
            text += f" — {self.hint}"
        return shown(text)  # one line, and nothing in it can steer a terminal

    def __str__(self) -> str:
        return self.format()


class OndermijningError(Exception):
    """Base of every error this library raises on purpose."""


class PackError(OndermijningError):
    """A pack (or several) could not be loaded; ``problems`` says why, all of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class InvalidSignalListError(OndermijningError, ValueError):
    """A signal list that cannot be trusted to score: thresholds out of order, or golden examples that fail.

    ``problems`` holds the located findings (V004, V001, V008), as ``ondermijning validate`` shows them.
    """

    def __init__(self, list_id: str, problems: Iterable[Problem]) -> None:
        from .i18n import _

        self.list_id = list_id
        self.problems = tuple(problems)
        reasons = "; ".join(p.format() for p in self.problems)
        super().__init__(_("signalenlijst {id!r} is ongeldig en wordt niet gebruikt: {reasons}").format(
            id=list_id, reasons=reasons))


class ScoringRuleError(OndermijningError):
    """A scoring rule from a plugin failed (raised, gave the wrong type, NaN or too many points).

    The score cannot be computed then: it is an error, never a silent *laag*. ``hint`` says how
    to go on (fix or disable the plugin).
    """

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.message, self.hint = message, hint
        super().__init__(message + (f" — {hint}" if hint else ""))


class UnknownItemError(OndermijningError, KeyError):
    """An id that the catalog or a list does not know."""

    def __init__(self, kind: str, item_id: str, known: Iterable[str] = (), *, where: str = "",
                 match_as: str | None = None) -> None:
        from .suggest import Suggestions

        self.kind = kind
        self.item_id = item_id
        wanted, suggestions = match_as or item_id, Suggestions(known, searches=2)  # one error: two searches
        close = suggestions.close(wanted, n=3, cutoff=0.7)
        if not close:  # "jongeren" for "deurne/jongeren", "gedrag-agresief" for "deurne/gedrag-agressief"
            close = suggestions.with_local_part(wanted)
        if not close and len(wanted) >= 3:  # a part of the id: "bankpas" for "nieuwegein/bankpas-uitgeleend"
            close = suggestions.containing(wanted)
        #: ids close to the one given, for a "did you mean" in any language
        self.suggestions = tuple(close)
        self.where = where
        from .i18n import _

        hint = _("; bedoel je {ids}?").format(ids=_(" of ").join(map(repr, close))) if close else ""
        self.message = _("{unknown} {id!r}").format(unknown=unknown_kind(kind), id=item_id) \
            + (_(" in {where}").format(where=where) if where else "") + hint
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message
