"""The register: cases over time, with the AVG's promises kept in code.

:class:`Register` is the one entry point the command line and the API use. Every operation
checks the actor's role (:mod:`.access`), runs as one transaction (:mod:`.store`) and writes a
line in the processing log (:mod:`.log`) with the purpose and legal basis of the case's
municipality (:mod:`.retention`). Reads need a purpose; writes take the municipality's purpose
unless given another. A picture goes to the municipality's own case system when a plugin
provides one (:mod:`ondermijning.destinations`), and into this store otherwise.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

import attrs
from sqlalchemy import Engine

from ..assessment import assess
from ..catalog import Catalog
from ..destinations import Submission
from ..errors import UnknownItemError
from ..i18n import _
from ..models.picture import InformationPicture, Judgement, Observation
from .access import Permission, allowed
from .codec import detail
from .errors import Conflict, InvalidInput, Refused
from .log import Verification, verify
from .model import (
    MAX_TEXT,
    Actor,
    Assessment,
    Case,
    CaseRecord,
    CaseStatus,
    Closing,
    Feedback,
    FeedbackStatus,
    Item,
    LogEntry,
    Purged,
    Reassessment,
    RouteTaken,
    SentPicture,
    StatusView,
    TimelineEntry,
    pseudonym_problem,
)
from .reassess import rescore
from .render import ROLE_LABELS
from .retention import is_expired, policy_for, retention_of
from .store import Store, Transaction


class Register:
    """A register on one database, with the catalog whose packs set lists, routes and policies."""

    def __init__(self, engine: Engine, catalog: Catalog,
                 clock: Callable[[], datetime.datetime] | None = None) -> None:
        self.engine = engine
        self.store = Store(engine)
        self.catalog = catalog
        self._clock = clock or (lambda: datetime.datetime.now(datetime.timezone.utc))

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, catalog: Catalog | None = None,
             create: bool = True) -> Register:
        """Open (and migrate) the register at ``db``: a path, a URL, or None for ONDERMIJNING_DB or the default."""
        from ..assemble import load_catalog
        from .database import connect

        return cls(connect(db, create=create), catalog if catalog is not None else load_catalog())

    def dispose(self) -> None:
        """Close the database connections."""
        self.engine.dispose()

    # opening and writing -----------------------------------------------------------------
    def new_case(self, actor: Actor, *, pseudonym: str, municipality: str, purpose: str = "") -> Case:
        """Open a case for ``pseudonym`` (a code, never a name) in ``municipality`` (a pack id)."""
        self._check_new(pseudonym, municipality, purpose)
        with self.store.transaction(self._clock()) as tx:
            return self._open_case(tx, actor, pseudonym, municipality, purpose)

    def report(self, actor: Actor, *, pseudonym: str, municipality: str, signal_list: str,
               observed: Iterable[str | Observation], protective: Iterable[str] = (),
               purpose: str = "") -> tuple[Case, TimelineEntry]:
        """Open a case and add its first picture in one transaction: what a reporter does on the pages."""
        self._check_new(pseudonym, municipality, purpose)
        try:
            picture = assess(signal_list, list(observed), catalog=self.catalog, protective=protective)
        except UnknownItemError as exc:
            raise InvalidInput(str(exc)) from None
        with self.store.transaction(self._clock()) as tx:
            case = self._open_case(tx, actor, pseudonym, municipality, purpose)
            policy, _from_pack = policy_for(self.catalog, municipality)
            entry = self._store_picture(tx, actor, case, picture, None, seen=0, purpose=purpose or policy.purpose,
                                        operation="assess")
        return attrs.evolve(case, version=entry.seq), entry

    def assess(self, actor: Actor, case_id: str, signal_list: str, observed: Iterable[str | Observation], *,
               protective: Iterable[str] = (), seen: int | None = None, purpose: str = "") -> TimelineEntry:
        """Score the observed signals of a list and add the picture to the case (or send it on)."""
        try:
            picture = assess(signal_list, list(observed), catalog=self.catalog, protective=protective)
        except UnknownItemError as exc:
            raise InvalidInput(str(exc)) from None
        return self._add_picture(actor, case_id, picture, None, seen=seen, purpose=purpose, operation="assess")

    def judge(self, actor: Actor, case_id: str, judgement: Judgement, *, seen: int | None = None,
              purpose: str = "") -> TimelineEntry:
        """Add the level professionals agreed on together; earlier judgements stay."""
        _check_text(judgement.reason, _("de reden"), required=True)
        for role in judgement.consulted:
            _check_text(role, _("een geraadpleegde rol"))
        if judgement.date is None:
            judgement = Judgement(level=judgement.level, reason=judgement.reason, consulted=judgement.consulted,
                                  date=self._clock().date())
        return self._write(actor, case_id, "judge", judgement, seen=seen, purpose=purpose)

    def act(self, actor: Actor, case_id: str, route_id: str, *, note: str = "", seen: int | None = None,
            purpose: str = "") -> TimelineEntry:
        """Record the route taken: advice asked, a report made or a consultation held, and with whom."""
        route = self.catalog.routes.get(route_id)
        if route is None:
            matches = [key for key in self.catalog.routes if key.split("/", 1)[-1] == route_id]
            if len(matches) != 1:
                raise InvalidInput(str(UnknownItemError(_("route"), route_id, self.catalog.routes)))
            route = self.catalog.routes[matches[0]]
        _check_text(note, _("de notitie"))
        item = RouteTaken(route=route.id, name=route.name, action=route.action, note=note)
        return self._write(actor, case_id, "act", item, seen=seen, purpose=purpose)

    def feedback(self, actor: Actor, case_id: str, status: FeedbackStatus, *, message: str = "",
                 seen: int | None = None, purpose: str = "") -> TimelineEntry:
        """Tell the reporter where their signal stands; ``message`` holds only what may be shared."""
        _check_text(message, _("het bericht"))
        return self._write(actor, case_id, "feedback", Feedback(status=status, message=message), seen=seen,
                           purpose=purpose, closed_ok=True)

    def close_case(self, actor: Actor, case_id: str, *, reason: str = "", seen: int | None = None,
                   purpose: str = "") -> TimelineEntry:
        """Close the case: no more pictures, judgements or routes; feedback may still follow."""
        _check_text(reason, _("de reden"))
        return self._write(actor, case_id, "close", Closing(reason=reason), seen=seen, purpose=purpose,
                           status=CaseStatus.CLOSED)

    def reassess(self, actor: Actor, case_id: str, *, seen: int | None = None, purpose: str = "") -> Reassessment:
        """Score the latest stored picture's observations with today's packs, and add the result."""
        _check_text(purpose, _("het doel"))
        with self.store.transaction(self._clock()) as tx:
            case = tx.case(case_id)
            policy, _from_pack = policy_for(self.catalog, case.municipality)
            if not allowed(actor, Permission.WRITE_CASE, case):
                return self._refuse(tx, actor, "reassess", case.id, policy.legal_basis, purpose or policy.purpose)
            self._check_open(case, "reassess")
            timeline = tx.timeline(case)
            last = next((e for e in reversed(timeline) if isinstance(e.item, (Assessment, SentPicture))), None)
            if last is None:
                raise InvalidInput(_("casus {case} heeft nog geen beeld om te herbeoordelen; gebruik eerst "
                                     "'register assess'").format(case=case.id))
            if isinstance(last.item, SentPicture):
                raise InvalidInput(_("het laatste beeld van casus {case} staat in {system}; herbeoordeel het "
                                     "daar").format(case=case.id, system=last.item.name))
            assert isinstance(last.item, Assessment)
            before = last.item.picture
            after, dropped = rescore(before, self.catalog)
            entry = self._store_picture(tx, actor, case, after, last.seq, seen=seen,
                                        purpose=purpose or policy.purpose, operation="reassess")
        assert isinstance(entry.item, (Assessment, SentPicture))
        return Reassessment(entry=entry, before_seq=last.seq, before=before, after=after, dropped=dropped)

    # reading ------------------------------------------------------------------------------
    def show(self, actor: Actor, case_id: str, *, purpose: str) -> CaseRecord:
        """The whole case, for ``purpose`` (which the log records)."""
        purpose = _purpose(purpose)
        with self.store.transaction(self._clock()) as tx:
            case = tx.case(case_id)
            policy, _from_pack = policy_for(self.catalog, case.municipality)
            if not allowed(actor, Permission.READ_CASE, case):
                return self._refuse(tx, actor, "show", case.id, policy.legal_basis, purpose)
            record = CaseRecord(case=case, timeline=tx.timeline(case), retention=retention_of(self.catalog, case))
            tx.log(actor, "read", "show", case=case.id, purpose=purpose, legal_basis=policy.legal_basis,
                   detail=detail(version=case.version))
        return record

    def status(self, actor: Actor, case_id: str, *, purpose: str = "") -> StatusView:
        """What a reporter may see of their own report: the case's status and the feedback for them."""
        _check_text(purpose, _("het doel"))
        with self.store.transaction(self._clock()) as tx:
            case = tx.case(case_id)
            policy, _from_pack = policy_for(self.catalog, case.municipality)
            purpose = purpose or _("terugkoppeling aan de melder")
            if not allowed(actor, Permission.READ_STATUS, case):
                return self._refuse(tx, actor, "status", case.id, policy.legal_basis, purpose)
            view = _status_view(case, tx.timeline(case))
            tx.log(actor, "read", "status", case=case.id, purpose=purpose, legal_basis=policy.legal_basis)
        return view

    def reports(self, actor: Actor, *, purpose: str = "") -> list[StatusView]:
        """The status of every case ``actor`` opened (in their municipality): a reporter's overview; one read.

        A role that opens no cases (an administrator) is refused, and the refusal logged.
        """
        purpose = purpose or _("terugkoppeling aan de melder")
        _check_text(purpose, _("het doel"))
        with self.store.transaction(self._clock()) as tx:
            if not allowed(actor, Permission.READ_STATUS):  # an administrator: no reports, no cases
                return self._refuse(tx, actor, "reports", "", "", purpose)
            where = {"opened_by": actor.name, **({"municipality": actor.municipality} if actor.municipality else {})}
            views = [_status_view(c, tx.timeline(c)) for c in tx.cases(where)
                     if allowed(actor, Permission.READ_STATUS, c)]
            tx.log(actor, "read", "reports", purpose=purpose, detail=detail(cases=[v.case for v in views]))
        return views

    def cases(self, actor: Actor, *, municipality: str = "", purpose: str) -> list[Case]:
        """The cases the actor may read (of one municipality when given); logged as one read.

        A role that reads no case (a reporter, an administrator) is refused, and the refusal logged.
        """
        purpose = _purpose(purpose)
        with self.store.transaction(self._clock()) as tx:
            if not allowed(actor, Permission.READ_CASE, municipality=municipality):
                return self._refuse(tx, actor, "list", "", "", purpose)
            where = {"municipality": municipality or actor.municipality} if municipality or actor.municipality \
                else {}
            found = [c for c in tx.cases(where) if allowed(actor, Permission.READ_CASE, c)]
            tx.log(actor, "read", "list", purpose=purpose, detail=detail(
                municipality=municipality, cases=[c.id for c in found]))
        return found

    # rights, retention, the log -------------------------------------------------------------
    def export(self, actor: Actor, pseudonym: str, *, municipality: str = "",
               purpose: str = "") -> list[CaseRecord]:
        """Every case of ``pseudonym`` with its timeline: the data for an access request (AVG art. 15)."""
        purpose = purpose or _("inzageverzoek van de betrokkene (AVG art. 15)")
        return self._rights(actor, pseudonym, municipality, purpose, erase=False)

    def erase(self, actor: Actor, pseudonym: str, *, municipality: str = "", purpose: str = "") -> list[CaseRecord]:
        """Remove every case of ``pseudonym`` entirely (AVG art. 17); returns what was removed."""
        purpose = purpose or _("verzoek om verwijdering van de betrokkene (AVG art. 17)")
        removed = self._rights(actor, pseudonym, municipality, purpose, erase=True)
        self._forget()
        return removed

    def purge(self, actor: Actor, *, today: datetime.date | None = None) -> list[Purged]:
        """Remove every case past its municipality's retention on ``today``; each removal is logged."""
        today = today or self._clock().date()
        purged: list[Purged] = []
        with self.store.transaction(self._clock()) as tx:
            if not allowed(actor, Permission.PURGE):
                return self._refuse(tx, actor, "purge", "", "", _("bewaartermijnen handhaven"))
            # lock before removing, and decide on the locked rows: a case changed meanwhile may not be expired
            for case in tx.cases(lock=True):
                policy, _from_pack = policy_for(self.catalog, case.municipality)
                if is_expired(case, policy, today):
                    retention = retention_of(self.catalog, case)
                    tx.delete_case(case.id)
                    tx.log(actor, "purge", "purge", case=case.id,
                           purpose=_("bewaartermijn verstreken (AVG art. 5 lid 1 onder e)"),
                           legal_basis=policy.legal_basis,
                           detail=detail(expired_on=retention.expires.isoformat(), retention_days=policy.retention_days,
                                         policy=policy.id))
                    purged.append(Purged(case=case.id, expired_on=retention.expires,
                                         retention_days=policy.retention_days))
        if purged:
            self._forget()
        return purged

    def backup(self, actor: Actor, path: str | os.PathLike[str], *, purpose: str = "", force: bool = False) -> Path:
        """Copy the whole register to the SQLite file ``path`` (see :mod:`.backup`); logged first."""
        from .backup import check_target, copy_to

        target = Path(path)
        check_target(target, force=force)
        purpose = purpose or _("back-up van het register (AVG art. 32: beschikbaarheid)")
        _check_text(purpose, _("het doel"))
        with self.store.transaction(self._clock()) as tx:
            if not allowed(actor, Permission.BACKUP):
                return self._refuse(tx, actor, "backup", "", "", purpose)
            tx.log(actor, "backup", "backup", purpose=purpose, detail=detail(file=target.name))
        copy_to(self.engine, target)
        return target

    def log(self, case: str | None = None) -> list[LogEntry]:
        """The processing log (of one case, when given), in order."""
        return list(self.store.log_entries(case))

    def verify(self, *, anchor: str = "", actor: Actor | None = None) -> Verification:
        """Check the log's hash chain; with ``anchor`` (a head hash noted earlier), that it is still there.

        With ``actor`` (the API), only a role that may read the log may check it; a refusal is logged.
        """
        if actor is not None and not allowed(actor, Permission.READ_LOG):
            with self.store.transaction(self._clock()) as tx:
                self._refuse(tx, actor, "log-verify", "", "", _("het verwerkingslogboek controleren"))
        entries, head_seq, head_hash = self.store.log_with_head()
        return verify(entries, head_seq, head_hash, anchor=anchor)

    def subject_digest(self, pseudonym: str, tx: Transaction) -> str:
        """The pseudonym as the log keeps it: a keyed hash (HMAC-SHA256) with this register's own key."""
        key = bytes.fromhex(tx.meta("subject_key"))
        return "hmac-sha256:" + hmac.new(key, pseudonym.encode("utf-8"), hashlib.sha256).hexdigest()

    # the parts ----------------------------------------------------------------------------
    def _check_new(self, pseudonym: str, municipality: str, purpose: str) -> None:
        _check_text(purpose, _("het doel"))
        problem = pseudonym_problem(pseudonym)
        if problem:
            raise InvalidInput(problem)
        if municipality not in self.catalog.packs:
            raise InvalidInput(str(UnknownItemError(_("gemeente (pack)"), municipality, self.catalog.packs)))

    def _open_case(self, tx: Transaction, actor: Actor, pseudonym: str, municipality: str, purpose: str) -> Case:
        policy, _from_pack = policy_for(self.catalog, municipality)
        if not allowed(actor, Permission.OPEN_CASE, municipality=municipality):
            return self._refuse(tx, actor, "case-new", "", policy.legal_basis, purpose or policy.purpose)
        case = Case(id=secrets.token_hex(6), pseudonym=pseudonym, municipality=municipality,
                    opened_by=actor.name, opened_at=tx.now, updated_at=tx.now)
        tx.insert_case(case)
        tx.log(actor, "write", "case-new", case=case.id, purpose=purpose or policy.purpose,
               legal_basis=policy.legal_basis, detail=detail(municipality=municipality))
        return case

    def _write(self, actor: Actor, case_id: str, operation: str, item: Item, *, seen: int | None, purpose: str,
               status: CaseStatus | None = None, closed_ok: bool = False) -> TimelineEntry:
        _check_text(purpose, _("het doel"))
        with self.store.transaction(self._clock()) as tx:
            case = tx.case(case_id)
            policy, _from_pack = policy_for(self.catalog, case.municipality)
            if not allowed(actor, Permission.WRITE_CASE, case):
                return self._refuse(tx, actor, operation, case.id, policy.legal_basis, purpose or policy.purpose)
            if not closed_ok:
                self._check_open(case, operation)
            entry = tx.append(case, item, actor, seen=seen, status=status, closed_ok=closed_ok)
            tx.log(actor, "write", operation, case=case.id, purpose=purpose or policy.purpose,
                   legal_basis=policy.legal_basis, detail=detail(seq=entry.seq, kind=entry.kind.value))
        return entry

    def _add_picture(self, actor: Actor, case_id: str, picture: InformationPicture, reassessment_of: int | None,
                     *, seen: int | None, purpose: str, operation: str) -> TimelineEntry:
        _check_text(purpose, _("het doel"))
        with self.store.transaction(self._clock()) as tx:
            case = tx.case(case_id)
            policy, _from_pack = policy_for(self.catalog, case.municipality)
            if not allowed(actor, Permission.ADD_PICTURE, case):
                return self._refuse(tx, actor, operation, case.id, policy.legal_basis, purpose or policy.purpose)
            self._check_open(case, operation)
            return self._store_picture(tx, actor, case, picture, reassessment_of, seen=seen,
                                       purpose=purpose or policy.purpose, operation=operation)

    def _store_picture(self, tx: Transaction, actor: Actor, case: Case, picture: InformationPicture,
                       reassessment_of: int | None, *, seen: int | None, purpose: str, operation: str) -> TimelineEntry:
        policy, _from_pack = policy_for(self.catalog, case.municipality)
        destinations = [d for d in self.catalog.picture_destinations if d.municipality == case.municipality]
        if len(destinations) > 1:
            raise InvalidInput(_("gemeente {municipality} heeft meer dan één casussysteem ({names}); laat er één "
                                 "over").format(municipality=case.municipality,
                                                names=", ".join(d.id for d in destinations)))
        item: Item
        if destinations:
            destination = destinations[0]
            submission = Submission(id=f"{case.id}:{(case.version if seen is None else seen) + 1}", case=case.id,
                                    municipality=case.municipality, pseudonym=case.pseudonym, picture=picture,
                                    actor=actor.name, role=actor.role.value, at=tx.now)
            try:
                receipt = destination.send(submission)
            except Exception as exc:  # noqa: BLE001 - a plugin's failure is one line, and nothing is recorded
                raise Conflict(_("het casussysteem {name} nam het beeld niet aan: {reason}; er is niets "
                                 "vastgelegd").format(name=destination.name, reason=exc)) from None
            item = SentPicture(destination=destination.id, name=destination.name, reference=receipt.reference,
                               signal_list=picture.signal_list, pins=picture.pins)
        else:
            item = Assessment(picture=picture, reassessment_of=reassessment_of)
        entry = tx.append(case, item, actor, seen=seen, closed_ok=False)
        pins = picture.pins
        tx.log(actor, "write", operation, case=case.id, purpose=purpose, legal_basis=policy.legal_basis,
               detail=detail(seq=entry.seq, kind=entry.kind.value, signal_list=picture.signal_list,
                             pack_version=pins.pack_version if pins else "", list_hash=pins.list_hash if pins else ""))
        return entry

    def _rights(self, actor: Actor, pseudonym: str, municipality: str, purpose: str, *,
                erase: bool) -> list[CaseRecord]:
        _check_text(purpose, _("het doel"))
        operation = "erase" if erase else "export"
        permission = Permission.ERASE if erase else Permission.EXPORT
        with self.store.transaction(self._clock()) as tx:
            where = {"pseudonym": pseudonym, **({"municipality": municipality} if municipality else {})}
            cases = tx.cases(where, lock=erase)
            digest = self.subject_digest(pseudonym, tx)
            if not all(allowed(actor, permission, c) for c in cases) or not allowed(
                    actor, permission, municipality=municipality):
                return self._refuse(tx, actor, operation, "", "", purpose, subject=digest)
            records = [CaseRecord(case=c, timeline=tx.timeline(c), retention=retention_of(self.catalog, c))
                       for c in cases]
            for case in cases:
                policy, _from_pack = policy_for(self.catalog, case.municipality)
                if erase:
                    tx.delete_case(case.id)
                tx.log(actor, operation, operation, case=case.id, purpose=purpose, legal_basis=policy.legal_basis,
                       detail=detail(subject=digest))
            if not cases:  # the request itself is recorded, also when nothing was held
                tx.log(actor, operation, operation, purpose=purpose, detail=detail(subject=digest, cases=0))
        return records

    def _refuse(self, tx: Transaction, actor: Actor, operation: str, case: str, legal_basis: str, purpose: str,
                **fields: str) -> NoReturn:
        tx.log(actor, "denied", operation, case=case, purpose=purpose, legal_basis=legal_basis,
               detail=detail(**fields))
        raise Refused(_("{role} {actor} mag dit niet ({operation})").format(
            role=_(ROLE_LABELS[actor.role]), actor=actor.name, operation=operation))

    def _check_open(self, case: Case, operation: str) -> None:
        if case.status is CaseStatus.CLOSED:
            raise Conflict(_("casus {case} is gesloten; {operation} kan niet meer (terugkoppeling wel)").format(
                case=case.id, operation=operation))

    def _forget(self) -> None:
        """After removing data: fold SQLite's write-ahead log into the file, so no removed page lingers there."""
        if self.engine.dialect.name == "sqlite":
            raw = self.engine.raw_connection()  # outside a transaction, where a checkpoint can run
            try:
                raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()

    def _now(self) -> datetime.datetime:
        return self._clock()


def _status_view(case: Case, timeline: Iterable[TimelineEntry]) -> StatusView:
    feedback = tuple((e.at, e.item) for e in timeline if isinstance(e.item, Feedback))
    return StatusView(case=case.id, opened_at=case.opened_at, status=case.status, feedback=feedback)


def _purpose(purpose: str) -> str:
    purpose = purpose.strip()
    if not purpose:
        raise InvalidInput(_("geef het doel van het inzien met --purpose (het verwerkingslogboek legt het vast)"))
    _check_text(purpose, _("het doel"))
    return purpose


#: control characters other than tab and line breaks: PostgreSQL cannot store NUL, and no person types them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _check_text(value: str, what: str, *, required: bool = False) -> None:
    if required and not value.strip():
        raise InvalidInput(_("{what} ontbreekt").format(what=what.capitalize()))
    if _CONTROL.search(value):
        raise InvalidInput(_("{what} bevat een stuurteken (zoals NUL) dat het register niet bewaart").format(
            what=what.capitalize()))
    if len(value) > MAX_TEXT:
        raise InvalidInput(_("{what} is {n} tekens; het register bewaart er hoogstens {max}: een register is "
                             "geen dossier").format(what=what.capitalize(), n=len(value), max=MAX_TEXT))

