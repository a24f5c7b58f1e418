"""iCalendar (RFC 5545) files of planned sessions, written without any dependency.

Only what calendar programs need to show a series of meetings: one ``VEVENT`` per meeting with
``UID``, ``DTSTAMP``, ``DTSTART``/``DTEND`` (a whole day, or a start time with a duration, as
floating local time), ``SUMMARY`` and ``DESCRIPTION``. Lines end in CRLF and are folded at 75
octets without splitting a UTF-8 character; text values are escaped (backslash, ``;``, ``,``
and newlines), and the control characters RFC 5545 forbids in TEXT (§3.3.11) are shown as
visible escapes (``\\x1b``). A calendar larger than :data:`ondermijning.fileio.MAX_OUTPUT_BYTES`
is refused before it is all built.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from .fileio import check_output
from .i18n import _
from .model_base import Model
from .shown import shown

PRODID = "-//ondermijning//trainingstraject//NL"
LINE_OCTETS = 75
CRLF = "\r\n"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Event(Model):
    """One meeting: a whole day (``start`` is a date) or from ``start`` for ``duration``."""

    uid: str
    summary: str
    start: datetime.date | datetime.datetime
    duration: datetime.timedelta = datetime.timedelta(days=1)
    description: str = ""
    location: str = ""
    categories: tuple[str, ...] = ()


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped, no controls."""
    value = shown(value.replace("\r\n", "\n").replace("\r", "\n"), keep="\n\t")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1): CRLF and one space before each continuation."""
    raw = line.encode("utf-8")
    if len(raw) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    limit = LINE_OCTETS  # the first line; continuations lose one octet to the leading space
    current = bytearray()
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = bytearray()
            limit = LINE_OCTETS - 1
        current += encoded
    parts.append(current.decode("utf-8"))
    return (CRLF + " ").join(parts)


def _date(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def _datetime(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        return value.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%dT%H%M%S")  # floating: the same local time wherever it is opened


def _when(name: str, value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        return f"{name}:{_datetime(value)}"
    return f"{name};VALUE=DATE:{_date(value)}"


def _end(event: Event) -> datetime.date | datetime.datetime:
    if isinstance(event.start, datetime.datetime):
        return event.start + event.duration
    return event.start + datetime.timedelta(days=max(1, event.duration.days))


def calendar(events: Iterable[Event], *, name: str = "", stamp: datetime.datetime | None = None) -> str:
    """A complete iCalendar object (``VCALENDAR``) with one ``VEVENT`` per event, CRLF line endings."""
    moment = stamp or datetime.datetime.now(datetime.timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    dtstamp = _datetime(moment)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    size = 0
    for event in events:
        event_lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{dtstamp}", _when("DTSTART", event.start),
                       _when("DTEND", _end(event)), f"SUMMARY:{escape_text(event.summary)}"]
        if event.description:
            event_lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.location:
            event_lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.categories:
            event_lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
        event_lines += ["TRANSP:OPAQUE", "END:VEVENT"]
        size += sum(len(line) + 2 for line in event_lines)  # counted as it grows: a huge one stops early
        check_output(size, _("de agenda"))
        lines += event_lines
    lines.append("END:VCALENDAR")
    text = "".join(fold(line) + CRLF for line in lines)
    check_output(len(text.encode("utf-8")), _("de agenda"))
    return text
