"""The options of ``ondermijning register`` and its subcommands (Dutch help, examples, exit codes)."""

from __future__ import annotations

import argparse
from typing import Any

from ...i18n import _

EPILOG = _("""Voorbeelden:
  ondermijning register --db register.sqlite3 --actor anna case new --pseudonym J-2026-017 --municipality deurne

en daarna, met $R voor alles tot en met '--actor anna' en $ID voor het id dat 'case new' schreef:
  $R assess $ID --list deurne/jongeren --signal gedrag-agressief --signal school-spijbelt
  $R judge $ID --level matig --reason "Besproken in het casusoverleg" --consulted jongerenwerker
  $R act $ID --route deurne/jongerenwerk-wijkteam
  $R feedback $ID --status in-progress --message "Er is contact gelegd"
  $R show $ID --purpose "voorbereiding casusoverleg" --format json
  $R reassess $ID
  $R log --verify
  $R purge --now 2028-01-01

Database: --db PAD (SQLite) of --db postgresql://gebruiker@host:poort/database, anders
ONDERMIJNING_DB, anders register.sqlite3 in de gebruikersmap met gegevens.
Afsluitcodes: 0 klaar, 1 geweigerd (rol, conflict, gesloten casus) of logboek niet in orde,
2 foute invoer of database niet te openen (er is dan niets veranderd).""")

LEVELS = "laag|matig|hoog (of low|moderate|high)"
STATUSES = "received|in-progress|closed"


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", default=default, metavar="DB",
                        help=_("het register: een bestandspad (SQLite) of een postgresql://-URL"))
    parser.add_argument("--actor", default=default, metavar=_("NAAM"),
                        help=_("wie dit doet, zoals het logboek het vastlegt (standaard: de systeemgebruiker)"))
    parser.add_argument("--role", default=default, metavar=_("ROL"),
                        help=_("reporter, coordinator of administrator (standaard: coordinator)"))


def _read(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--purpose", default="", metavar=_("TEKST"),
                        help=_("waarom je dit inziet (verplicht; het verwerkingslogboek legt het vast)"))


def _write(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--purpose", default="", metavar=_("TEKST"),
                        help=_("het doel, als het afwijkt van het doel in de pack van de gemeente"))
    parser.add_argument("--if-version", type=int, default=None, metavar="N", dest="seen",
                        help=_("weiger als de casus sinds versie N is gewijzigd (zie 'show')"))


def add_parser(sub: Any) -> None:
    register = sub.add_parser(
        "register", help=_("het register: casussen over tijd, met verwerkingslogboek"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=_("Leg een casus vast onder een pseudoniem (nooit een naam): beelden zoals berekend en "
                      "vastgepind op de versies waarmee ze zijn berekend, gezamenlijke oordelen, de gekozen route, "
                      "terugkoppeling aan de melder en het sluiten. Elke inzage en wijziging komt met doel en "
                      "grondslag in een verwerkingslogboek dat wijzigingen zichtbaar maakt; casussen verlopen na "
                      "de bewaartermijn van de gemeente."),
        epilog=EPILOG)
    _common(register, top=True)
    commands = register.add_subparsers(dest="register_command", metavar=_("OPDRACHT"))

    def command(name: str, text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = commands.add_parser(name, help=text, description=text)
        _common(parser, top=False)
        return parser

    case = command("case", _("een casus openen"))
    case_commands = case.add_subparsers(dest="case_command", metavar=_("OPDRACHT"))
    new = case_commands.add_parser("new", help=_("een nieuwe casus; schrijft alleen het id"),
                                   description=_("Open een casus en schrijf alleen zijn id."))
    _common(new, top=False)
    new.add_argument("--pseudonym", default="", metavar="CODE",
                     help=_("een code zoals J-2026-017, nooit een naam, geboortedatum of BSN"))
    new.add_argument("--municipality", default="", metavar=_("PACK"),
                     help=_("de gemeente: het id van haar pack (zoals deurne)"))
    new.add_argument("--purpose", default="", metavar=_("TEKST"), help=_("het doel, als het afwijkt van de pack"))

    assess = command("assess", _("een beeld toevoegen: signalen van een lijst scoren"))
    assess.add_argument("case", metavar=_("CASUS"))
    assess.add_argument("--list", dest="list_id", default="", metavar="ID", help=_("de signalenlijst"))
    assess.add_argument("--signal", action="append", default=[], metavar="ID", help=_("een waargenomen signaal (feit)"))
    assess.add_argument("--interpretation", action="append", default=[], metavar="ID",
                        help=_("een signaal dat je afleidt (interpretatie)"))
    assess.add_argument("--protective", action="append", default=[], metavar="ID",
                        help=_("een beschermende factor die er is"))
    _write(assess)

    judge = command("judge", _("het gezamenlijk vastgestelde zorgniveau toevoegen"))
    judge.add_argument("case", metavar=_("CASUS"))
    judge.add_argument("--level", default="", metavar=_("NIVEAU"), help=LEVELS)
    judge.add_argument("--reason", default="", metavar=_("TEKST"), help=_("waarom, in een paar zinnen"))
    judge.add_argument("--consulted", action="append", default=[], metavar=_("ROL"),
                       help=_("een geraadpleegde rol (herhaalbaar), nooit een naam"))
    judge.add_argument("--date", default="", metavar=_("JJJJ-MM-DD"),
                       help=_("de datum van het oordeel (standaard vandaag)"))
    _write(judge)

    act = command("act", _("de gekozen route vastleggen (advies, melding of overleg)"))
    act.add_argument("case", metavar=_("CASUS"))
    act.add_argument("--route", default="", metavar="ID", help=_("de route uit de packs"))
    act.add_argument("--note", default="", metavar=_("TEKST"), help=_("een korte notitie"))
    _write(act)

    feedback = command("feedback", _("terugkoppeling aan de melder"))
    feedback.add_argument("case", metavar=_("CASUS"))
    feedback.add_argument("--status", default="", metavar=_("STATUS"), help=STATUSES)
    feedback.add_argument("--message", default="", metavar=_("TEKST"),
                          help=_("alleen wat met de melder gedeeld mag worden"))
    _write(feedback)

    show = command("show", _("een casus inzien (met doel)"))
    show.add_argument("case", metavar=_("CASUS"))
    show.add_argument("--format", default="text", metavar=_("FORMAAT"), help="text|markdown|json")
    _read(show)

    reassess = command("reassess", _("het laatste beeld opnieuw scoren met de packs van nu"))
    reassess.add_argument("case", metavar=_("CASUS"))
    reassess.add_argument("--format", default="text", metavar=_("FORMAAT"), help="text|markdown|json")
    _write(reassess)

    close = command("close", _("een casus sluiten"))
    close.add_argument("case", metavar=_("CASUS"))
    close.add_argument("--reason", default="", metavar=_("TEKST"), help=_("waarom"))
    _write(close)

    for name, text in (("export", _("alle gegevens van een pseudoniem (inzageverzoek, AVG art. 15)")),
                       ("erase", _("alle gegevens van een pseudoniem verwijderen (AVG art. 17)"))):
        rights = command(name, text)
        rights.add_argument("--pseudonym", default="", metavar="CODE")
        rights.add_argument("--municipality", default="", metavar=_("PACK"), help=_("alleen in deze gemeente"))
        rights.add_argument("--purpose", default="", metavar=_("TEKST"),
                            help=_("het verzoek (standaard het AVG-artikel)"))
        if name == "export":
            rights.add_argument("--output", default="", metavar=_("BESTAND"), help=_("schrijf naar dit bestand"))
            rights.add_argument("--force", action="store_true", help=_("vervang een bestaand bestand"))

    purge = command("purge", _("casussen voorbij hun bewaartermijn verwijderen"))
    purge.add_argument("--now", default="", metavar=_("JJJJ-MM-DD"), help=_("rekenen alsof het deze dag is"))

    log = command("log", _("het verwerkingslogboek tonen of controleren"))
    log.add_argument("--verify", action="store_true", help=_("controleer de hashketen"))
    log.add_argument("--anchor", default="", metavar="HASH",
                     help=_("met --verify: een eerder genoteerde kop-hash die nog in de keten moet staan"))
    log.add_argument("--case", default=None, metavar=_("CASUS"), help=_("alleen de regels van deze casus"))
    log.add_argument("--format", default="text", metavar=_("FORMAAT"), help="text|json")

    backup = command("backup", _("een kopie van het hele register als SQLite-bestand"))
    backup.add_argument("file", metavar=_("BESTAND"))
    backup.add_argument("--force", action="store_true", help=_("vervang een bestaand bestand"))
    backup.add_argument("--purpose", default="", metavar=_("TEKST"), help=_("het doel (standaard: back-up)"))

    user = command("user", _("gebruikers en API-tokens beheren (beheerders)"))
    user_commands = user.add_subparsers(dest="user_command", metavar=_("OPDRACHT"))
    add = user_commands.add_parser("add", help=_("een gebruiker toevoegen"),
                                   description=_("Voeg een persoon (met wachtwoord) of systeem (met tokens) toe; "
                                                 "het wachtwoord komt van de standaardinvoer."))
    _common(add, top=False)
    add.add_argument("name", metavar=_("NAAM"))
    add.add_argument("--user-role", default="", metavar=_("ROL"), help="reporter|coordinator|administrator")
    add.add_argument("--municipality", default="", metavar=_("PACK"),
                     help=_("de gemeente van een melder of coördinator"))
    add.add_argument("--system", action="store_true", help=_("een systeem dat met API-tokens werkt"))
    add.add_argument("--password-stdin", action="store_true", help=_("lees het wachtwoord van de standaardinvoer"))
    for name, text in (("token", _("een API-token uitgeven (één keer getoond)")),
                       ("disable", _("een gebruiker blokkeren; zijn sessies eindigen"))):
        sub_user = user_commands.add_parser(name, help=text, description=text)
        _common(sub_user, top=False)
        sub_user.add_argument("name", metavar=_("NAAM"))
        if name == "token":
            sub_user.add_argument("--days", type=int, default=365, metavar="N", help=_("geldig (standaard 365)"))
    listed = user_commands.add_parser("list", help=_("de gebruikers"), description=_("De gebruikers."))
    _common(listed, top=False)

    from .run import run

    register.set_defaults(run=run, register_parser=register)
