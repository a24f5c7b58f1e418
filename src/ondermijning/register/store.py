"""The SQL store: every operation is one transaction that also appends its log line.

Locks are taken in one order, so transactions never deadlock: first the case rows a
transaction changes (``UPDATE``, or ``SELECT ... FOR UPDATE`` for purge and erase), then the
log's head row, when the first log line is written (``SELECT ... FOR UPDATE`` on PostgreSQL).
The head lock serialises the appends the hash chain needs, and is held only for the last
statements and the commit, not while a picture is scored or a timeline read. On SQLite,
``BEGIN IMMEDIATE`` takes the one write lock at the start. Either all of a transaction is
committed or none of it: a process killed halfway leaves no half record and no log line
without its change (or the other way round).

A timeline entry is written together with ``version = version + 1 ... WHERE version = seen``
on its case: a writer that saw an older version gets :class:`~.errors.Conflict` instead of
adding an entry on top of a change it did not see, and the entry's number is the new version,
unique per case, so no entry is ever doubled. A writer that named no version is based on the
version it reads; when another writer got there first, it reads again and appends after it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from ..i18n import _
from . import tables as t
from .codec import case_from_row, entry_from_row, item_row, timestamp, with_fields
from .errors import CaseNotFound, Conflict, Refused
from .log import chained
from .model import Actor, Case, CaseStatus, Item, LogEntry, TimelineEntry


class Transaction:
    """One unit of work on an open connection; the log head is locked for its whole life."""

    def __init__(self, connection: Connection, now: datetime.datetime) -> None:
        self.connection = connection
        self.head_seq, self.head_hash = 0, ""
        self.now = now
        self._locked = self._moved = False

    def lock_head(self) -> None:
        """Take the log head (once per transaction): from here on, no other transaction appends."""
        if not self._locked:
            head = self.connection.execute(select(t.log_head.c.seq, t.log_head.c.hash)
                                           .where(t.log_head.c.id == 1).with_for_update()).one()
            self.head_seq, self.head_hash, self._locked = head.seq, head.hash, True

    # cases and entries -------------------------------------------------------------------
    def case(self, case_id: str) -> Case:
        # an id with NUL matches nothing, and PostgreSQL refuses to compare it: not found
        row = None if "\x00" in case_id else self.connection.execute(
            select(t.cases).where(t.cases.c.id == case_id)).first()
        if row is None:
            raise CaseNotFound(_("casus {case!r} bestaat niet (of is verwijderd)").format(case=case_id))
        return case_from_row(row)

    def cases(self, where: dict[str, str] | None = None, *, lock: bool = False) -> list[Case]:
        """The cases matching ``where`` (column -> value); ``lock`` keeps others from changing them."""
        query = select(t.cases).order_by(t.cases.c.opened_at, t.cases.c.id)
        if any("\x00" in value for value in (where or {}).values()):
            return []  # matches nothing (and PostgreSQL refuses to compare it)
        for column, value in (where or {}).items():
            query = query.where(t.cases.c[column] == value)
        if lock:
            query = query.with_for_update()
        return [case_from_row(row) for row in self.connection.execute(query)]

    def insert_case(self, case: Case) -> None:
        self.connection.execute(insert(t.cases).values(
            id=case.id, pseudonym=case.pseudonym, municipality=case.municipality, opened_by=case.opened_by,
            opened_at=timestamp(case.opened_at), updated_at=timestamp(case.updated_at),
            status=case.status.value, version=case.version))

    def timeline(self, case: Case) -> tuple[TimelineEntry, ...]:
        """The case's entries up to the version read (entries only grow, so this is the case as read)."""
        rows = self.connection.execute(select(t.entries).where(t.entries.c.case_id == case.id,
                                                               t.entries.c.seq <= case.version)
                                       .order_by(t.entries.c.seq))
        return tuple(entry_from_row(row) for row in rows)

    def append(self, case: Case, item: Item, actor: Actor, *, seen: int | None = None,
               status: CaseStatus | None = None, closed_ok: bool = True) -> TimelineEntry:
        """Add ``item`` to the case's timeline; ``seen`` is the version the writer based it on."""
        based_on = case.version if seen is None else seen
        while True:
            new_version = based_on + 1
            changed = self.connection.execute(
                update(t.cases).where(t.cases.c.id == case.id, t.cases.c.version == based_on)
                .values(version=new_version, updated_at=timestamp(self.now),
                        status=(status or case.status).value))
            if changed.rowcount == 1:
                break
            current = self.case(case.id)
            if seen is None and (closed_ok or current.status is CaseStatus.OPEN):
                case, based_on = current, current.version  # another writer came first: append after it
                continue
            raise Conflict(_("casus {case} is gewijzigd sinds versie {seen} (nu versie {now}); bekijk hem "
                             "opnieuw en probeer het dan nog eens").format(case=case.id, seen=based_on,
                                                                          now=current.version))
        kind, data, picture = item_row(item)
        self.connection.execute(insert(t.entries).values(
            case_id=case.id, seq=new_version, kind=kind, at=timestamp(self.now), actor=actor.name,
            role=actor.role.value, data=data, picture=picture))
        return TimelineEntry(seq=new_version, at=self.now, actor=actor.name, role=actor.role, item=item)

    def delete_case(self, case_id: str) -> None:
        """Remove a case and its timeline entirely (entries first: no reliance on cascades)."""
        self.connection.execute(delete(t.entries).where(t.entries.c.case_id == case_id))
        self.connection.execute(delete(t.cases).where(t.cases.c.id == case_id))

    def meta(self, key: str) -> str:
        return str(self.connection.execute(select(t.meta.c.value).where(t.meta.c.key == key)).scalar_one())

    # the log ------------------------------------------------------------------------------
    def log(self, actor: Actor, action: str, operation: str, *, case: str = "", purpose: str = "",
            legal_basis: str = "", detail: str = "{}", role: str | None = None) -> LogEntry:
        """Append a log line (``role`` overrides the actor's, for someone not known: ``""``).

        How the actor came in (:attr:`~.model.Actor.via`: a session, an API token) joins the detail.
        """
        self.lock_head()
        if actor.via:
            detail = with_fields(detail, via=actor.via)
        entry = chained(LogEntry(seq=self.head_seq + 1, at=timestamp(self.now), actor=actor.name,
                                 role=actor.role.value if role is None else role, action=action,
                                 operation=operation, case=case,
                                 purpose=purpose, legal_basis=legal_basis, detail=detail,
                                 prev=self.head_hash, hash=""))
        self.connection.execute(insert(t.log).values(
            seq=entry.seq, at=entry.at, actor=entry.actor, role=entry.role, action=entry.action,
            operation=entry.operation, case_id=entry.case, purpose=entry.purpose,
            legal_basis=entry.legal_basis, detail=entry.detail, prev=entry.prev, hash=entry.hash))
        self.head_seq, self.head_hash, self._moved = entry.seq, entry.hash, True
        return entry

    def finish(self) -> None:
        if self._moved:
            self.connection.execute(update(t.log_head).where(t.log_head.c.id == 1)
                                    .values(seq=self.head_seq, hash=self.head_hash))


class Store:
    """The register's tables on one engine (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def transaction(self, now: datetime.datetime | None = None) -> Iterator[Transaction]:
        """A transaction holding the log head; committed when the block ends without an error."""
        with self.engine.connect() as connection:
            outer = connection.begin()
            transaction = Transaction(connection, now or datetime.datetime.now(datetime.timezone.utc))
            try:
                yield transaction
            except Refused:  # the refusal's log line is kept
                transaction.finish()
                outer.commit()
                raise
            except BaseException:
                outer.rollback()
                raise
            transaction.finish()
            outer.commit()

    def log_entries(self, case: str | None = None) -> Iterator[LogEntry]:
        """The log in order (of one case, when given), read in one snapshot."""
        with self.engine.connect() as connection:
            query = select(t.log).order_by(t.log.c.seq)
            if case is not None:
                query = query.where(t.log.c.case_id == case)
            for row in connection.execute(query):
                yield _log_entry(row)

    def log_with_head(self) -> tuple[list[LogEntry], int, str]:
        """Every log line and the head, read together (so a concurrent append cannot look like tampering)."""
        with self.transaction() as tx:
            tx.lock_head()
            rows = tx.connection.execute(select(t.log).order_by(t.log.c.seq))
            return [_log_entry(row) for row in rows], tx.head_seq, tx.head_hash

    def counts(self) -> dict[str, int]:
        """Rows per table (for checks and the load benchmark)."""
        with self.engine.connect() as connection:
            return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                    for table in (t.cases, t.entries, t.log)}


def _log_entry(row: Any) -> LogEntry:
    return LogEntry(seq=row.seq, at=row.at, actor=row.actor, role=row.role, action=row.action,
                    operation=row.operation, case=row.case_id, purpose=row.purpose, legal_basis=row.legal_basis,
                    detail=row.detail, prev=row.prev, hash=row.hash)
