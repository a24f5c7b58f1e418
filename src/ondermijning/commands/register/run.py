"""Running ``ondermijning register SUBCOMMAND``: parse and check the input, call the register, print.

Every input is checked before the register is touched, so bad input changes nothing and
gives one Dutch line (exit 2). A refusal (role, version conflict, closed case) is exit 1, as
is a log that does not verify.
"""

from __future__ import annotations

import datetime
import getpass
import json
import sys
from typing import TYPE_CHECKING, Any

from ...i18n import _, ngettext
from .._common import EXIT_CONTENT, EXIT_OK, UsageError

if TYPE_CHECKING:
    import argparse

    from ...register.model import Actor
    from ...register.service import Register

_LEVELS = {"laag": "low", "matig": "moderate", "hoog": "high", "low": "low", "moderate": "moderate", "high": "high"}


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from ...register.errors import CaseNotFound, DatabaseError, InvalidInput

    command = args.register_command
    if command is None or (command == "case" and args.case_command is None) or (
            command == "user" and args.user_command is None):
        args.register_parser.print_help()
        raise UsageError(_("geef een opdracht, zoals 'register case new'"))
    actor = _actor(args)
    handler = _HANDLERS[command]
    _check(args)
    try:
        register = _open(args, create=command in ("case", "user"))
        try:
            return handler(register, actor, args)
        finally:
            register.dispose()
    except (InvalidInput, CaseNotFound, DatabaseError) as exc:
        raise UsageError(str(exc)) from None
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise UsageError(_("de database gaf een fout: {reason}").format(
            reason=reason[0] if reason else type(exc).__name__)) from None


def _actor(args: argparse.Namespace) -> Actor:
    from ...register.model import Actor, Role

    name = (args.actor or "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):
            name = "onbekend"
    if len(name) > 128:
        raise UsageError(_("--actor: een naam van hoogstens 128 tekens"))
    role = args.role or "coordinator"
    try:
        return Actor(name=name, role=Role(role))
    except ValueError:
        raise UsageError(_("--role {role}: kies reporter, coordinator of administrator").format(role=role)) from None


def _check(args: argparse.Namespace) -> None:
    """What can be checked without the database or the packs."""
    fmt = getattr(args, "format", None)
    allowed = ("text", "json") if args.register_command == "log" else ("text", "markdown", "json")
    if fmt is not None and fmt not in allowed:
        raise UsageError(_("--format {fmt}: kies {choices}").format(fmt=fmt, choices="|".join(allowed)))
    if getattr(args, "seen", None) is not None and args.seen < 0:
        raise UsageError(_("--if-version: een versie is 0 of meer"))


def _open(args: argparse.Namespace, *, create: bool) -> Register:
    from ...register.service import Register
    from .._common import load

    catalog = load(args)
    return Register.open(args.db, catalog=catalog, create=create)


def _date(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(_("{option} {value}: geen datum; schrijf JJJJ-MM-DD, zoals 2027-01-31").format(
            option=option, value=value)) from None


def _print_entry(case: str, entry: Any) -> None:
    print(_("casus {case}: regel {seq} vastgelegd ({kind}); versie {seq}").format(
        case=case, seq=entry.seq, kind=entry.kind.value))


# the subcommands --------------------------------------------------------------------------
def _case_new(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    if not args.pseudonym:
        raise UsageError(_("geef --pseudonym CODE (een code, nooit een naam)"))
    if not args.municipality:
        raise UsageError(_("geef --municipality PACK (de gemeente, zoals deurne)"))
    case = register.new_case(actor, pseudonym=args.pseudonym, municipality=args.municipality, purpose=args.purpose)
    print(case.id)
    _policy_note(register, args.municipality)
    return EXIT_OK


def _policy_note(register: Register, municipality: str) -> None:
    from ...register.retention import policy_for

    policy, from_pack = policy_for(register.catalog, municipality)
    if not from_pack:
        print(_("let op: de pack van {municipality} legt geen doel, grondslag en bewaartermijn vast; het register "
                "gebruikt de standaard van de bibliotheek ({days} dagen). De gemeente moet ze zelf vastleggen "
                "([[processing]]).").format(municipality=municipality, days=policy.retention_days), file=sys.stderr)


def _assess(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    from ...models.picture import Observation, ObservationKind

    if not args.list_id:
        raise UsageError(_("geef de signalenlijst met --list ID (zie 'ondermijning assess --show-lists')"))
    if not args.signal and not args.interpretation:
        raise UsageError(_("geef de waargenomen signalen met --signal ID of --interpretation ID"))
    list_id = _find_list(register, args.list_id)
    observed: list[str | Observation] = [*args.signal, *(Observation(signal=i, kind=ObservationKind.INTERPRETATION)
                                                         for i in args.interpretation)]
    entry = register.assess(actor, args.case, list_id, observed, protective=args.protective, seen=args.seen,
                            purpose=args.purpose)
    _print_entry(args.case, entry)
    from ...register.model import Assessment

    if isinstance(entry.item, Assessment):
        print(_("berekend zorgniveau (advies): {level}; stel het zorgniveau samen vast met 'register judge'").format(
            level=entry.item.picture.level.label))
    return EXIT_OK


def _find_list(register: Register, list_id: str) -> str:
    from .._common import find

    return find(register.catalog.signal_lists, list_id, "signal list", listed_by="ondermijning assess --show-lists").id


def _judge(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    from ...models import ConcernLevel
    from ...models.picture import Judgement

    level = _LEVELS.get(args.level.strip().lower())
    if level is None:
        raise UsageError(_("--level {level}: kies laag, matig of hoog (of low, moderate, high)").format(
            level=args.level or "ontbreekt"))
    if not args.reason.strip():
        raise UsageError(_("geef met --reason waarom jullie samen tot dit niveau kwamen"))
    date = _date(args.date, "--date") if args.date else None
    judgement = Judgement(level=ConcernLevel(level), reason=args.reason.strip(), consulted=args.consulted, date=date)
    _print_entry(args.case, register.judge(actor, args.case, judgement, seen=args.seen, purpose=args.purpose))
    return EXIT_OK


def _act(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    if not args.route:
        raise UsageError(_("geef de gekozen route met --route ID"))
    _print_entry(args.case, register.act(actor, args.case, args.route, note=args.note, seen=args.seen,
                                         purpose=args.purpose))
    return EXIT_OK


def _feedback(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    from ...register.model import FeedbackStatus

    try:
        status = FeedbackStatus(args.status)
    except ValueError:
        raise UsageError(_("--status {status}: kies received, in-progress of closed").format(
            status=args.status or "ontbreekt")) from None
    _print_entry(args.case, register.feedback(actor, args.case, status, message=args.message, seen=args.seen,
                                              purpose=args.purpose))
    return EXIT_OK


def _show(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    from ...register.model import Role
    from ...register.render import case_data, case_document, status_data
    from ...render import render

    if actor.role is Role.REPORTER:
        view = register.status(actor, args.case, purpose=args.purpose)
        data = status_data(view)
        if args.format == "json":
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(_("casus {case}: {status}").format(case=view.case, status=data["status"]))
            for item in data["feedback"]:
                print(f"  {item['at'][:16]} {item['status']}" + (f": {item['message']}" if item["message"] else ""))
        return EXIT_OK
    if not args.purpose.strip():
        raise UsageError(_("geef het doel van het inzien met --purpose (het verwerkingslogboek legt het vast)"))
    record = register.show(actor, args.case, purpose=args.purpose)
    if args.format == "json":
        print(json.dumps(case_data(record), ensure_ascii=False, indent=2))
    else:
        print(render(case_document(record), args.format), end="")
    return EXIT_OK


def _reassess(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    from ...register.render import reassessment_data, reassessment_document
    from ...render import render

    result = register.reassess(actor, args.case, seen=args.seen, purpose=args.purpose)
    if args.format == "json":
        print(json.dumps(reassessment_data(result), ensure_ascii=False, indent=2))
    else:
        print(render(reassessment_document(result), args.format), end="")
    return EXIT_OK


def _close(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    _print_entry(args.case, register.close_case(actor, args.case, reason=args.reason, seen=args.seen,
                                                purpose=args.purpose))
    return EXIT_OK


def _export(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    from pathlib import Path

    from ...fileio import write_atomic
    from ...register.codec import timestamp
    from ...register.render import case_data

    if not args.pseudonym:
        raise UsageError(_("geef --pseudonym CODE"))
    if args.output:
        from ...register.backup import check_target

        check_target(Path(args.output), force=args.force)
    records = register.export(actor, args.pseudonym, municipality=args.municipality, purpose=args.purpose)
    document = {"kind": "register_export", "format_version": 1, "pseudonym": args.pseudonym,
                "exported_at": timestamp(datetime.datetime.now(datetime.timezone.utc)),
                "cases": [case_data(r) for r in records]}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        write_atomic(args.output, text, force=args.force)
        written = ngettext("{n} casus geschreven naar {file}", "{n} casussen geschreven naar {file}", len(records))
        print(written.format(n=len(records), file=args.output), file=sys.stderr)
    else:
        print(text, end="")
    return EXIT_OK


def _erase(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    if not args.pseudonym:
        raise UsageError(_("geef --pseudonym CODE"))
    removed = register.erase(actor, args.pseudonym, municipality=args.municipality, purpose=args.purpose)
    erased = ngettext("{n} casus verwijderd: {ids}", "{n} casussen verwijderd: {ids}", len(removed))
    print(erased.format(n=len(removed), ids=", ".join(r.case.id for r in removed) or "-"))
    return EXIT_OK


def _purge(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    today = _date(args.now, "--now") if args.now else None
    purged = register.purge(actor, today=today)
    for item in purged:
        print(_("{case}: verwijderd (bewaartermijn van {days} dagen verliep op {date})").format(
            case=item.case, days=item.retention_days, date=item.expired_on.isoformat()))
    print(ngettext("{n} casus verwijderd", "{n} casussen verwijderd", len(purged)).format(n=len(purged)),
          file=sys.stderr)
    return EXIT_OK


def _log(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    from ...register.access import Permission, allowed

    if not allowed(actor, Permission.READ_LOG):
        raise UsageError(_("{role} mag het logboek niet inzien").format(role=actor.role.value))
    if args.verify:
        result = register.verify(anchor=args.anchor)
        for problem in result.problems:
            print(_("logboek: {problem}").format(problem=problem), file=sys.stderr)
        if result.anchored is False:
            print(_("logboek: de genoteerde kop {anchor} staat niet meer in de keten").format(anchor=args.anchor),
                  file=sys.stderr)
        if not result.ok:
            return EXIT_CONTENT
        print(_("logboek in orde: {n} regels; kop {head}").format(n=result.entries, head=result.head))
        return EXIT_OK
    entries = register.log(args.case)
    if args.format == "json":
        import attrs

        print(json.dumps([attrs.asdict(e) for e in entries], ensure_ascii=False, indent=2))
        return EXIT_OK
    for e in entries:
        purpose = e.purpose if len(e.purpose) <= 60 else e.purpose[:59] + "…"
        print(f"{e.seq:>6} {e.at[:19]} {e.actor} ({e.role}) {e.action} {e.operation} {e.case or '-'}: {purpose}")
    return EXIT_OK


def _backup(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    path = register.backup(actor, args.file, purpose=args.purpose, force=args.force)
    print(_("register gekopieerd naar {file}").format(file=path), file=sys.stderr)
    return EXIT_OK


def _user(register: Register, actor: Actor, args: argparse.Namespace) -> int:
    from ...register.accounts import Accounts
    from ...register.model import Role

    accounts = Accounts(register.store)
    if args.user_command == "list":
        for user in accounts.users(actor):
            state = _(" (geblokkeerd)") if user.disabled else ""
            print(f"{user.name}  {user.kind}  {user.role.value}  {user.municipality or '-'}{state}")
    elif args.user_command == "add":
        try:
            role = Role(args.user_role)
        except ValueError:
            raise UsageError(_("--user-role {role}: kies reporter, coordinator of administrator").format(
                role=args.user_role or "ontbreekt")) from None
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
        if password is None and not args.system:
            raise UsageError(_("een persoon heeft een wachtwoord: geef het met --password-stdin"))
        accounts.add_user(actor, args.name, role=role, municipality=args.municipality,
                          kind="system" if args.system else "person", password=password)
        print(_("gebruiker {name} toegevoegd").format(name=args.name), file=sys.stderr)
    elif args.user_command == "token":
        print(accounts.issue_token(actor, args.name, days=args.days))
        print(_("bewaar dit token nu: het register toont het niet nog eens"), file=sys.stderr)
    else:
        accounts.disable(actor, args.name)
        print(_("gebruiker {name} geblokkeerd").format(name=args.name), file=sys.stderr)
    return EXIT_OK


_HANDLERS = {"user": _user, "case": _case_new, "assess": _assess, "judge": _judge, "act": _act, "feedback": _feedback,
             "show": _show, "reassess": _reassess, "close": _close, "export": _export, "erase": _erase,
             "purge": _purge, "log": _log, "backup": _backup}
