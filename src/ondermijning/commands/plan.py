"""``ondermijning plan``: from the exploration's findings to a training trajectory (and a calendar)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..i18n import _, ngettext
from ._common import EXIT_CONTENT, EXIT_OK, UsageError, add_format_option, find, load

if TYPE_CHECKING:
    import argparse
    import datetime

    from ..catalog import Catalog
    from ..interactive import Ask, Say
    from ..planner import Findings

FINDINGS_EXAMPLE = """\
# findings.toml: wat de verkenning opleverde
municipality = "Gemeente Voorbeeld"
themes = ["core/zorgfraude", "core/hennepteelt"]
audiences = ["social", "safety"]
needs = ["information-sharing", "case-discussion"]
frontline_situation = 0    # 1-4: situatie van frontlijnteams (§3.2); 0: geen
participants = 12
weeks = 12
start = 2026-09-07
"""


def _date(text: str) -> datetime.date:
    import argparse
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-07")
                                         .format(text=text)) from None


def _time(text: str) -> datetime.time:
    import argparse
    import datetime

    try:
        value = datetime.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is geen tijd; schrijf UU:MM, bijvoorbeeld 13:30")
                                         .format(text=text)) from None
    if value.tzinfo is not None:
        raise argparse.ArgumentTypeError(_("geef een plaatselijke tijd zonder tijdzone, bijvoorbeeld 13:30"))
    return value


def _hours(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is geen aantal uren").format(text=text)) from None
    if not 0.25 <= value <= 12:
        raise argparse.ArgumentTypeError(_("{text} uur: geef 0.25 tot en met 12").format(text=text))
    return value


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    plan = sub.add_parser(
        "plan", help=_("plan een trainingstraject op basis van de bevindingen uit de verkenning"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(paragraph, 78) for paragraph in (
            _("Stel een trainingstraject voor (fasen, modules, bijeenkomsten per week) op basis van wat de "
              "verkenning (handreiking §1) opleverde: thema's, wie meedoen, vragen en behoeften, de situatie van "
              "frontlijnteams (§3.2), het aantal deelnemers en de beschikbare weken. Elke keuze komt met haar "
              "reden en haar bron. In een terminal zonder --from stelt plan de vragen een voor een (q of Ctrl-C "
              "stopt; er wordt niets geschreven). --ics schrijft de bijeenkomsten als iCalendar-bestand dat "
              "agendaprogramma's openen. --format json print het voorstel (traject, bevindingen, wat is "
              "weggelaten) als JSON met versie voor andere programma's; met --show het traject."),
            _("--check ID toetst een bestaand traject aan de regels van de handreiking (T001-T007): exit 0 als "
              "het ze volgt, 1 als er bevindingen zijn."),
            _("Een bevindingenbestand ziet er zo uit (--values toont elke toegestane waarde):"),
        )) + "\n\n" + "\n".join("  " + line for line in FINDINGS_EXAMPLE.splitlines()),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning plan --from findings.toml\n"
                 "  ondermijning plan --from findings.toml --start 2026-09-07 --ics training.ics --time 13:30\n"
                 "  ondermijning plan --check nsob/voorbeeldgemeente\n\n"
                 "Afsluitcodes: 0 klaar, 1 fouten in de inhoud (een bevindingenbestand dat niet te gebruiken is, "
                 "of bevindingen van --check), 2 fout in het gebruik of bij lezen of schrijven, 130 gestopt."))
    source = plan.add_argument_group(_("wat je plant of toetst"))
    source.add_argument("--from", dest="from_file", metavar=_("BESTAND"),
                        help=_("lees de bevindingen uit dit TOML-bestand in plaats van ze te vragen"))
    source.add_argument("--check", metavar=_("TRAJECT"),
                        help=_("toets een bestaand traject (bijvoorbeeld nsob/voorbeeldgemeente) in plaats van te "
                               "plannen"))
    source.add_argument("--show", metavar=_("TRAJECT"),
                        help=_("print een bestaand traject (en schrijf zijn --ics) in plaats van te plannen"))
    source.add_argument("--list", action="store_true", help=_("toon de trajecten in de geïnstalleerde packs"))
    source.add_argument("--values", action="store_true",
                        help=_("toon de waarden die een bevindingenbestand accepteert: thema's, deelnemers, "
                               "behoeften, situaties"))
    when = plan.add_argument_group(_("agenda"))
    when.add_argument("--start", type=_date, metavar=_("JJJJ-MM-DD"),
                      help=_("datum van de eerste bijeenkomst (gaat voor start in het bevindingenbestand)"))
    when.add_argument("--ics", metavar=_("BESTAND"),
                      help=_("schrijf de bijeenkomsten ook als iCalendar-bestand (.ics)"))
    when.add_argument("--force", action="store_true", help=_("met --ics: vervang het bestand als het bestaat"))
    when.add_argument("--time", type=_time, metavar="HH:MM",
                      help=_("met --ics: begintijd van elke bijeenkomst (standaard: hele dagen)"))
    when.add_argument("--hours", type=_hours, metavar="N",
                      help=_("met --time: duur van een bijeenkomst in uren (standaard: 3)"))
    add_format_option(plan, ("markdown", "text", "html", "json"))
    plan.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..interactive import Aborted

    catalog = load(args)
    for given, name in (("--values", "values"), ("--list", "list")):
        if getattr(args, name):
            _refuse(args, given, ("from_file", "check", "show", "ics", "start", "time", "hours", "force",
                                  "values" if name == "list" else "list"), formats=False)
    if args.values:
        _print_values(catalog)
        return EXIT_OK
    if args.list:
        for trajectory_id, trajectory in sorted(catalog.trajectories.items()):
            print(f"{trajectory_id:<40} {trajectory.title}")
        return EXIT_OK
    if sum(bool(x) for x in (args.from_file, args.check, args.show)) > 1:
        raise UsageError(_("geef maar één van --from, --check en --show"))
    if args.check:
        _refuse(args, "--check", ("ics", "start", "time", "hours", "force"), formats=False)
        return _check(catalog, args.check)
    if (args.time is not None or args.force) and not args.ics:
        raise UsageError(_("{option} hoort bij --ics BESTAND (de agenda); zonder --ics is er niets om het op toe te "
                           "passen").format(option="--time" if args.time is not None else "--force"))
    if args.hours is not None and args.time is None:
        raise UsageError(_("--hours vraagt --time (zonder tijd duren bijeenkomsten een hele dag)"))
    if args.show:
        trajectory = find(catalog.trajectories, args.show, "trajectory")
        _output(args, catalog, trajectory, args.start)
        return EXIT_OK
    try:
        findings = _findings(args, catalog)
    except Aborted:
        print(_("Gestopt; er is niets bewaard."), file=sys.stderr)
        return 130
    if findings is None:
        return EXIT_CONTENT
    import attrs

    from ..planner import propose

    if args.start is not None:
        findings = attrs.evolve(findings, start=args.start)
    proposal = propose(findings, catalog)
    _output(args, catalog, proposal.trajectory, findings.start, proposal)
    return EXIT_OK


def _output(args: argparse.Namespace, catalog: Catalog, trajectory: Any, start: datetime.date | None,
            proposal: Any = None) -> None:
    try:
        _write_calendar(args, catalog, trajectory, start)
        _print(args, catalog, trajectory, start, proposal)
    except OverflowError:  # dates past the year 9999
        raise UsageError(_("met de eerste bijeenkomst op {start} vallen latere bijeenkomsten na het jaar 9999; "
                           "geef een eerdere startdatum").format(start=start)) from None


def _findings(args: argparse.Namespace, catalog: Catalog) -> Findings | None:
    from pathlib import Path

    from ..planner import FindingsError, load_findings

    if args.from_file:
        path = Path(args.from_file)
        if not path.exists():
            raise UsageError(_("{path}: dat bestand bestaat niet").format(path=path))
        if path.is_dir():
            raise UsageError(_("{path}: is een map; geef het bevindingenbestand").format(path=path))
        try:
            return load_findings(path, catalog)
        except FindingsError as exc:
            for problem in exc.problems:
                print(problem.format(), file=sys.stderr)
            return None
    if not sys.stdin.isatty():
        raise UsageError(_("geef de bevindingen met --from BESTAND (--help toont een voorbeeld), of start in een "
                           "terminal om ze te laten vragen"))
    from ..interactive import terminal_ask, terminal_say

    return ask_findings(catalog, terminal_ask, terminal_say)


def _refuse(args: argparse.Namespace, given: str, options: tuple[str, ...], *, formats: bool) -> None:
    """Options that mean nothing with ``given`` are an error, not silently ignored."""
    extra = [f"--{name.removesuffix('_file')}" for name in options if getattr(args, name) not in (None, False, [])]
    if not formats and args.format != "markdown":
        extra.append("--format")
    if extra:
        raise UsageError(ngettext("{given} gebruikt {options} niet; laat het weg",
                                  "{given} gebruikt {options} niet; laat ze weg", len(extra))
                         .format(given=given, options=", ".join(extra)))


def _check(catalog: Catalog, trajectory_id: str) -> int:
    from ..planner import locate, session_weeks, validate_trajectory

    trajectory = find(catalog.trajectories, trajectory_id, "trajectory")
    problems = [locate(p, catalog, trajectory.id) for p in validate_trajectory(trajectory, catalog)]
    for problem in problems:
        print(problem.format())
    sessions = len(session_weeks(trajectory))
    if problems:
        print(ngettext("{id}: {n} bevinding in {sessions} bijeenkomsten",
                       "{id}: {n} bevindingen in {sessions} bijeenkomsten", len(problems))
              .format(id=trajectory.id, n=len(problems), sessions=sessions))
        return EXIT_CONTENT
    print(_("{id}: volgt de regels van de handreiking ({sessions} bijeenkomsten in {phases} fasen)")
          .format(id=trajectory.id, sessions=sessions, phases=len(trajectory.phases)))
    return EXIT_OK


def _write_calendar(args: argparse.Namespace, catalog: Catalog, trajectory: Any,
                    start: datetime.date | None) -> None:
    if not args.ics:
        return
    if start is None:
        raise UsageError(_("een agenda heeft een datum voor de eerste bijeenkomst nodig: geef --start JJJJ-MM-DD "
                           "(of start = ... in het bevindingenbestand)"))
    from ..fileio import WriteError, write_atomic
    from ..ics import calendar
    from ..planner import trajectory_events

    events = trajectory_events(trajectory, catalog, start, time=args.time, hours=args.hours or 3.0)
    try:
        write_atomic(args.ics, calendar(events, name=trajectory.title), force=args.force)
    except WriteError as exc:
        raise UsageError(str(exc)) from None
    print(ngettext("Agenda met {n} bijeenkomst geschreven naar {file}.",
                   "Agenda met {n} bijeenkomsten geschreven naar {file}.", len(events))
          .format(n=len(events), file=args.ics), file=sys.stderr)


def _print(args: argparse.Namespace, catalog: Catalog, trajectory: Any, start: datetime.date | None,
           proposal: Any = None) -> None:
    if args.format == "json":  # the model itself, versioned; serialize.from_json reads it back
        from ..serialize import to_json

        print(to_json(proposal if proposal is not None else trajectory))
        return
    from ..planner import trajectory_document
    from ..render import render

    print(render(trajectory_document(trajectory, catalog, start=start, proposal=proposal), args.format), end="")


def _print_values(catalog: Catalog) -> None:
    from ..planner import FRONTLINE_SITUATIONS, Audience, Need

    print(_("themes (thema's uit de verkenning):"))
    for theme_id, theme in sorted(catalog.themes.items()):
        print(f"  {theme_id:<32} {theme.name}")
    print(_("audiences (wie doen mee):"))
    for audience in Audience:
        print(f"  {audience.value:<32} {audience.label}")
    print(_("needs (vragen en behoeften):"))
    for need in Need:
        print(f"  {need.value:<32} {need.label}")
    print(_("frontline_situation (frontlijnteams, handreiking §3.2):"))
    print(f"  {0:<32} " + _("niet van toepassing"))
    for number, text in FRONTLINE_SITUATIONS.items():
        print(f"  {number:<32} {_(text)}")


# --- the questions in a terminal ------------------------------------------------------------------

def ask_findings(catalog: Catalog, ask: Ask, say: Say) -> Findings:
    """Ask what the exploration found, question by question; raises ``Aborted`` on q, Ctrl-C or Ctrl-D."""
    from ..interactive import ask_date, ask_number, ask_text, choose_numbers
    from ..planner import FRONTLINE_SITUATIONS, Audience, Findings, Need

    say("\n" + _("Trainingstraject plannen na de verkenning (handreiking §1)."))
    say(_("Typ bij elke vraag de nummers, gescheiden door spaties; Enter = geen, q = stoppen (er wordt dan niets "
          "bewaard).") + "\n")
    themes = sorted(catalog.themes)
    say(_("Welke thema's kwamen in de verkenning naar voren?"))
    for number, theme_id in enumerate(themes, 1):
        say(f"  {number:>2}. {catalog.themes[theme_id].name}")
    chosen_themes = [themes[n - 1] for n in choose_numbers(ask, say, _("Thema's: "), len(themes))]
    audiences = list(Audience)
    say("\n" + _("Wie doen er mee?"))
    for number, audience in enumerate(audiences, 1):
        say(f"  {number:>2}. {audience.label}")
    chosen_audiences = [audiences[n - 1] for n in choose_numbers(ask, say, _("Wie: "), len(audiences))]
    needs = list(Need)
    say("\n" + _("Welke vragen of behoeften kwamen naar voren?"))
    for number, need in enumerate(needs, 1):
        say(f"  {number:>2}. {need.label}")
    chosen_needs = [needs[n - 1] for n in choose_numbers(ask, say, _("Vragen: "), len(needs))]
    say("\n" + _("Spelen frontlijnteams in de wijk een rol? Welke situatie past het best (handreiking §3.2)?"))
    say(f"  {0:>2}. " + _("Niet van toepassing"))  # numbered as in a findings file (frontline_situation = 0-4)
    for number, text in FRONTLINE_SITUATIONS.items():
        say(f"  {number:>2}. {_(text)}")
    situation = ask_number(ask, say, _("Nummer (Enter = 0): "), 0, max(FRONTLINE_SITUATIONS), default=0)
    say("")
    participants = ask_number(ask, say, _("Hoeveel deelnemers doen mee? "), 1, 2000)
    weeks = ask_number(ask, say, _("Hoeveel weken zijn er beschikbaar? "), 1, 104)
    start = ask_date(ask, say, _("Datum van de eerste bijeenkomst (JJJJ-MM-DD, Enter = nog niet bekend): "))
    municipality = ask_text(ask, _("Naam van de gemeente of organisatie (Enter = geen): "))
    say("")
    return Findings(participants=participants, weeks=weeks, themes=chosen_themes, audiences=chosen_audiences,
                    needs=chosen_needs, frontline_situation=situation, start=start, municipality=municipality)
