"""The register's model: a case over time, who acts on it, and the entries of its timeline.

A :class:`Case` holds a pseudonym (never a name), the municipality (a pack id) and who opened
it. Its timeline only grows: pictures as assessed (each pinned to what it was computed with),
joint judgements, the route taken, feedback to the reporter and the closing are appended as
:class:`TimelineEntry` objects and never changed. The case's ``version`` counts its entries,
so a writer that saw version 4 can insist nothing was added since (an optimistic check).
"""

from __future__ import annotations

import datetime
import enum
import re

import attrs

from ..models import RouteAction
from ..models.picture import InformationPicture, Judgement, Pins


class Role(enum.Enum):
    """What a person or system may do (``access.py`` says exactly what)."""

    REPORTER = "reporter"  # raises concerns; sees the feedback status of their own reports only
    COORDINATOR = "coordinator"  # works the cases of their municipality
    ADMINISTRATOR = "administrator"  # manages users; reads no case


@attrs.frozen(kw_only=True)
class Actor:
    """Who acts: a user or system name, a role, and (for an account) its municipality.

    ``municipality`` empty means any municipality: the command line, run by someone who holds
    the database itself. ``via`` says how they came in, for the processing log: ``"session"``
    (logged in on the pages), ``"api-token:<id>"`` (a system's token), empty at the command line.
    """

    name: str
    role: Role
    municipality: str = ""
    via: str = ""


class CaseStatus(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class FeedbackStatus(enum.Enum):
    """What the reporter hears back: that the signal came in, is being worked on, or is closed."""

    RECEIVED = "received"
    IN_PROGRESS = "in-progress"
    CLOSED = "closed"


class EntryKind(enum.Enum):
    ASSESSMENT = "assessment"  # a picture kept in the register
    SENT = "sent"  # a picture sent to the municipality's own case system; only the receipt is kept
    JUDGEMENT = "judgement"
    ACTION = "action"
    FEEDBACK = "feedback"
    CLOSING = "closing"


#: a pseudonym is a code: letters and digits with '-', '_' or '.', at least one digit, no spaces
PSEUDONYM = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")
#: shapes a pseudonym must not have, since they are personal data themselves
_NOT_A_PSEUDONYM = (
    (re.compile(r"^\d{8,9}$"), "lijkt op een BSN"),
    (re.compile(r"^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$|^\d{4}-\d{2}-\d{2}$"), "lijkt op een geboortedatum"),
    (re.compile(r"^(\+31|0031|06)\d{8,9}$|^0\d{9}$"), "lijkt op een telefoonnummer"),
)
#: free texts (reasons, notes, feedback) are short on purpose: a register is no dossier
MAX_TEXT = 2000


def pseudonym_problem(value: str) -> str | None:
    """Why ``value`` is not acceptable as a pseudonym (Dutch), or None when it is."""
    from ..i18n import _

    if not PSEUDONYM.match(value):
        return _("een pseudoniem is een code van 2 tot 40 letters en cijfers (met '-', '_' of '.'), met "
                 "minstens één cijfer en zonder spaties, zoals J-2026-017; nooit een naam")
    for shape, why in _NOT_A_PSEUDONYM:
        if shape.match(value):
            return _("{value!r} {why}; gebruik een code die niet naar de persoon te herleiden is").format(
                value=value, why=why)
    return None


@attrs.frozen(kw_only=True)
class Case:
    """A case: a pseudonym in a municipality, who opened it, and how far its timeline is."""

    id: str
    pseudonym: str
    municipality: str
    opened_by: str
    opened_at: datetime.datetime
    updated_at: datetime.datetime  # the last entry's time; retention counts from here
    status: CaseStatus = CaseStatus.OPEN
    version: int = 0  # the number of timeline entries


@attrs.frozen(kw_only=True)
class Assessment:
    """A picture as the library computed it; ``reassessment_of`` names the entry it re-scored."""

    picture: InformationPicture
    reassessment_of: int | None = None


@attrs.frozen(kw_only=True)
class SentPicture:
    """A picture that went to the municipality's own case system: the receipt, not the picture."""

    destination: str
    name: str
    reference: str
    signal_list: str
    pins: Pins | None = None


@attrs.frozen(kw_only=True)
class RouteTaken:
    """The route someone took: its id and name, and whether it was advice, a report or a consultation."""

    route: str
    name: str
    action: RouteAction
    note: str = ""


@attrs.frozen(kw_only=True)
class Feedback:
    """What the reporter hears: a status, and only what may be shared with them."""

    status: FeedbackStatus
    message: str = ""


@attrs.frozen(kw_only=True)
class Closing:
    reason: str = ""


Item = Assessment | SentPicture | Judgement | RouteTaken | Feedback | Closing

KIND_OF: dict[type, EntryKind] = {
    Assessment: EntryKind.ASSESSMENT, SentPicture: EntryKind.SENT, Judgement: EntryKind.JUDGEMENT,
    RouteTaken: EntryKind.ACTION, Feedback: EntryKind.FEEDBACK, Closing: EntryKind.CLOSING,
}


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One entry of a case's timeline, numbered from 1; it is never changed once written."""

    seq: int
    at: datetime.datetime
    actor: str
    role: Role
    item: Item

    @property
    def kind(self) -> EntryKind:
        return KIND_OF[type(self.item)]


@attrs.frozen(kw_only=True)
class Retention:
    """How long a case is kept, and where that comes from."""

    days: int
    expires: datetime.date
    purpose: str
    legal_basis: str
    from_pack: bool  # False: the library's default, which the municipality must replace
    to_fill_in: bool = False  # the pack's values still await the municipality's confirmation


@attrs.frozen(kw_only=True)
class CaseRecord:
    """A case with its whole timeline and its retention: what ``show`` and ``export`` give."""

    case: Case
    timeline: tuple[TimelineEntry, ...]
    retention: Retention

    def latest(self, kind: type[Item]) -> TimelineEntry | None:
        """The most recent entry holding an item of class ``kind``."""
        return next((e for e in reversed(self.timeline) if isinstance(e.item, kind)), None)


@attrs.frozen(kw_only=True)
class StatusView:
    """What a reporter may see of a case they opened: when they reported it, its status and the feedback."""

    case: str
    opened_at: datetime.datetime
    status: CaseStatus
    feedback: tuple[tuple[datetime.datetime, Feedback], ...]


@attrs.frozen(kw_only=True)
class LogEntry:
    """One line of the processing log; ``hash`` covers every field and the previous line's hash."""

    seq: int
    at: str  # ISO 8601, UTC: hashed as written
    actor: str
    role: str
    action: str  # read | write | export | erase | purge | backup | denied
    operation: str  # the command: case-new, assess, judge, show, ...
    case: str
    purpose: str
    legal_basis: str
    detail: str  # JSON text without personal data
    prev: str
    hash: str


@attrs.frozen(kw_only=True)
class Reassessment:
    """The stored observations scored again with today's packs, and what shifted.

    ``before`` is the picture re-scored (entry ``before_seq``), ``entry`` the new assessment
    entry holding ``after``; ``dropped`` lists observed signals the list no longer has.
    """

    entry: TimelineEntry
    before_seq: int
    before: InformationPicture
    after: InformationPicture
    dropped: tuple[str, ...] = ()

    @property
    def pack_changed(self) -> bool:
        """The list's pack has another version now."""
        return _pin(self.before, "pack_version") != _pin(self.after, "pack_version")

    @property
    def list_changed(self) -> bool:
        """The list's content differs, whether or not its pack's version says so."""
        return _pin(self.before, "list_hash") != _pin(self.after, "list_hash")


def _pin(picture: InformationPicture, name: str) -> str:
    return str(getattr(picture.pins, name)) if picture.pins is not None else ""


@attrs.frozen(kw_only=True)
class Purged:
    """A case that ``purge`` removed: which, and the day its retention ran out."""

    case: str
    expired_on: datetime.date
    retention_days: int
