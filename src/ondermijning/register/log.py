"""The processing log: append-only and tamper-evident, as certificate-transparency logs are.

Each line records who (user and role), when, which case, what (read, write, export, erase,
purge, backup, or a refused attempt), for what purpose and on which legal basis. Its ``hash``
is the SHA-256 of its canonical JSON, which includes ``prev``, the hash of the line before;
the first line's ``prev`` is :data:`GENESIS`. A one-row head table holds the last line's
number and hash. So an edited line no longer matches its hash, a deleted line leaves a gap in
the numbers and a ``prev`` that does not match, and a deleted last line disagrees with the head.

What this cannot show on its own: someone who rewrites the whole chain from an edited line to
the head. :func:`verify` returns the head's hash; noted elsewhere (a ticket, a print-out), it
pins the log up to that line (``register log --verify --anchor HASH``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import attrs

from ..i18n import _
from .model import LogEntry

GENESIS = "sha256:" + "0" * 64
_FIELDS = ("seq", "at", "actor", "role", "action", "operation", "case", "purpose", "legal_basis", "detail", "prev")


def entry_hash(entry: LogEntry) -> str:
    """The hash a line must carry: SHA-256 of its fields (``hash`` itself excluded) as canonical JSON."""
    fields = {name: getattr(entry, name) for name in _FIELDS}
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def chained(entry: LogEntry) -> LogEntry:
    """``entry`` with its hash filled in."""
    return attrs.evolve(entry, hash=entry_hash(entry))


@attrs.frozen(kw_only=True)
class Verification:
    """What :func:`verify` found: how many lines, the head's hash, and every break in the chain."""

    entries: int
    head: str
    problems: tuple[str, ...] = ()
    anchored: bool | None = None  # with an anchor: whether it is still in the chain

    @property
    def ok(self) -> bool:
        return not self.problems and self.anchored is not False


def verify(entries: Iterable[LogEntry], head_seq: int, head_hash: str, *, anchor: str = "") -> Verification:
    """Walk the chain in order and report each line that was changed, removed or put out of place."""
    problems: list[str] = []
    expected_seq, prev = 1, GENESIS
    count, found_anchor = 0, not anchor
    for entry in entries:
        count += 1
        if entry.seq != expected_seq:
            missing = (f"{expected_seq}" if entry.seq == expected_seq + 1 else f"{expected_seq} t/m {entry.seq - 1}")
            problems.append(_("logregel {seq} ontbreekt (verwijderd?)").format(seq=missing))
        elif entry.prev != prev:
            problems.append(_("logregel {seq} verwijst niet naar de regel ervoor (een regel is verwijderd of "
                              "vervangen)").format(seq=entry.seq))
        if entry_hash(entry) != entry.hash:
            problems.append(_("logregel {seq} is gewijzigd: de inhoud past niet meer bij de hash").format(
                seq=entry.seq))
        if entry.hash == anchor:
            found_anchor = True
        expected_seq, prev = entry.seq + 1, entry.hash
    if head_seq == expected_seq - 1 and head_hash != prev:
        problems.append(_("de kop van het logboek past niet bij regel {last}: die regel is vervangen of de kop "
                          "is gewijzigd").format(last=head_seq))
    elif head_seq != expected_seq - 1:
        problems.append(_("het logboek eindigt bij regel {last}, maar de kop zegt regel {head}: de laatste "
                          "regels zijn verwijderd of de kop is gewijzigd").format(last=expected_seq - 1,
                                                                                 head=head_seq))
    return Verification(entries=count, head=prev, problems=tuple(problems),
                        anchored=found_anchor if anchor else None)
