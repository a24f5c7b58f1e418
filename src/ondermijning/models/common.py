"""Shared building blocks: ids, references, sources and the ordered concern level.

Ids and references are marked with attrs metadata so that one generic walker can
qualify them (``loader``) and one generic rule can check that they resolve
(``validate``), instead of every model spelling that out again.
"""

import enum
import math
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ..i18n import N_, _
from ..model_base import Model

#: ids are ASCII, so they are NFC and printable by construction; match them with ``fullmatch``
#: (``$`` alone lets a trailing newline through; the anchors stay for the JSON Schema)
LOCAL_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
QUALIFIED_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*/[a-z0-9][a-z0-9_.-]*$")

#: metadata key marking a field as the item's own id (qualified by its pack on load)
ID = "ondermijning.id"
#: metadata key marking a field as a reference to items of a catalog family
REF = "ondermijning.ref"
#: metadata key marking a text a person reads, which a pack may translate (``translation.py``)
TEXT = "ondermijning.text"


class InvalidFieldError(ValueError):
    """An attrs validator's complaint, carrying the field name so errors can point at the key."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def is_id(value: object, *, qualified: bool | None = None) -> bool:
    """Whether ``value`` is an id: one line of lower-case ASCII letters, digits, ``.``, ``_``, ``-``.

    ``qualified=None`` allows both forms (``wijkagent``, ``deurne/wijkagent``); ``True`` or
    ``False`` asks for one. The whole text must match: ``"wijkagent\\n"`` (a trailing newline)
    or a zero-width space is not an id, so two ids that print alike are always the same id.
    """
    if not isinstance(value, str):
        return False
    if qualified is None:
        return bool(LOCAL_ID.fullmatch(value) or QUALIFIED_ID.fullmatch(value))
    return bool((QUALIFIED_ID if qualified else LOCAL_ID).fullmatch(value))


def _check_id(_inst: object, attribute: "attrs.Attribute[Any]", value: str) -> None:
    if not is_id(value):
        msg = _("{value!r} is geen geldige id: gebruik kleine letters, cijfers, '.', '_' of '-', eventueel met "
                "een pack-id en '/' ervoor").format(value=value)
        raise InvalidFieldError(attribute.name, msg)


#: the most points a weight or bonus may give: far above any list's thresholds (whole numbers of 30
#: digits are fine), and small enough that the points of every item a catalog can hold add up to a
#: finite number (no overflow to inf, no NaN)
MAX_POINTS = 1e100
#: the limit as people read it
MAX_POINTS_TEXT = "10^100"


def check_points(name: str, value: float) -> None:
    """A weight or bonus is a finite number of at most :data:`MAX_POINTS` (nan passes no comparison)."""
    if not (isinstance(value, (int, float)) and math.isfinite(value) and value <= MAX_POINTS):
        msg = _("{name} moet een eindig getal van hoogstens {most} zijn, niet {value!r}")
        raise InvalidFieldError(name, msg.format(name=name, most=MAX_POINTS_TEXT, value=value))


def id_field() -> Any:
    """The item's own id; written local in TOML (``wijkagent``), qualified on load (``deurne/wijkagent``)."""
    return attrs.field(validator=_check_id, metadata={ID: True})


def local_id_field() -> Any:
    """An id that only has to be unique inside its parent (e.g. a category within its list)."""
    return attrs.field(validator=_check_id)


def ref_field(family: str, *, many: bool = False) -> Any:
    """A reference to an item of ``family`` (a catalog attribute name, e.g. ``"routes"``).

    A reference without a pack prefix points into the pack that holds it.
    """
    if many:
        return attrs.field(factory=tuple, converter=as_tuple, metadata={REF: family})
    return attrs.field(metadata={REF: family})


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable becomes a tuple, so frozen models stay hashable and immutable.

    A lone text is refused: ``consulted="wijkagent"`` would otherwise become its letters.
    """
    if type(values) is tuple:  # most values already are one (assess() builds them): the same object back
        return values
    if isinstance(values, (str, bytes)):
        raise TypeError(_("een lijst verwacht, kreeg de tekst {value!r}: schrijf [{value!r}]").format(value=values))
    return tuple(values)



def items() -> Any:
    """A tuple of nested items, empty by default."""
    return attrs.field(factory=tuple, converter=as_tuple)


def optional_ref_field(family: str) -> Any:
    """A reference that may be left out (empty)."""
    return attrs.field(default="", metadata={REF: family})


def texts() -> Any:
    """A tuple of texts, empty by default (codes or names: not translated; see :func:`prose_list`)."""
    return attrs.field(factory=tuple, converter=as_tuple)


def prose(default: Any = attrs.NOTHING) -> Any:
    """A text a person reads (a signal's text, a route's ``when``): a pack's translations may give it
    in another language (``translations/<lang>.toml``). Ids, codes, numbers and citations are not prose."""
    return attrs.field(default=default, metadata={TEXT: True})


def prose_list() -> Any:
    """A tuple of texts a person reads (a route's notes, a card's questions), translated as a whole."""
    return attrs.field(factory=tuple, converter=as_tuple, metadata={TEXT: True})


def qualify(ref: str, pack_id: str) -> str:
    """``"wijkagent"`` in pack ``deurne`` -> ``"deurne/wijkagent"``; qualified and empty ids stay as they are."""
    return ref if "/" in ref or not ref else f"{pack_id}/{ref}"


def pack_of(qualified_id: str) -> str:
    """The pack part of a qualified id."""
    return qualified_id.partition("/")[0]


@attrs.frozen(eq=False, repr=False)
class Source(Model):
    """Where a content item comes from, so a reviewer can trace it.

    ``publication`` names the publication (e.g. ``"Divosa, Handreiking ... (2022)"``),
    ``section`` the chapter or paragraph (e.g. ``"§3.5"``).
    """

    publication: str
    section: str = ""
    note: str = ""

    def __str__(self) -> str:
        parts = [self.publication, self.section]
        return ", ".join(p for p in parts if p)


class ConcernLevel(enum.Enum):
    """How worrying a situation looks: laag < matig < hoog (ordered)."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        """The word a professional reads: laag, matig, hoog (low, moderate, high in English)."""
        return _(_LABEL[self])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ConcernLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, ConcernLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, ConcernLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, ConcernLevel):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {ConcernLevel.LOW: 0, ConcernLevel.MODERATE: 1, ConcernLevel.HIGH: 2}
_LABEL = {ConcernLevel.LOW: N_("laag"), ConcernLevel.MODERATE: N_("matig"), ConcernLevel.HIGH: N_("hoog")}
