"""``ondermijning plan``: from the exploration's findings to a training trajectory (and a calendar)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

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
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2026-09-07") from None


def _time(text: str) -> datetime.time:
    import argparse
    import datetime

    try:
        value = datetime.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time; write HH:MM, e.g. 13:30") from None
    if value.tzinfo is not None:
        raise argparse.ArgumentTypeError("give a local time without a time zone, e.g. 13:30")
    return value


def _hours(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of hours") from None
    if not 0.25 <= value <= 12:
        raise argparse.ArgumentTypeError(f"{text} hours: give between 0.25 and 12")
    return value


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    plan = sub.add_parser(
        "plan", help="plan a training trajectory from the exploration's findings",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(paragraph, 78) for paragraph in (
            "Propose a training trajectory (phases, modules, sessions by week) from what the exploration "
            "(verkenning, handreiking §1) found: themes, who takes part, questions and needs, the frontline-team "
            "situation (§3.2), the number of participants and the weeks available. Every choice comes with its "
            "reason and its source. In a terminal without --from, asks the questions one by one (q or Ctrl-C "
            "stops; nothing is written). --ics writes the sessions as an iCalendar file that calendar programs "
            "open. --format json prints the proposal (trajectory, findings, what was left out) as versioned JSON "
            "for other tools; with --show, the trajectory.",
            "--check ID checks an existing trajectory against the handreiking's rules (T001-T007): exit 0 when "
            "it follows them, 1 when there are findings.",
            "A findings file looks like this (see --values for every allowed value):",
        )) + "\n\n" + "\n".join("  " + line for line in FINDINGS_EXAMPLE.splitlines()),
        epilog="Examples:\n"
               "  ondermijning plan --from findings.toml\n"
               "  ondermijning plan --from findings.toml --start 2026-09-07 --ics training.ics --time 13:30\n"
               "  ondermijning plan --check nsob/voorbeeldgemeente\n\n"
               "Exit codes: 0 done, 1 content errors (a findings file that cannot be used, or --check "
               "findings), 2 usage or I/O errors, 130 stopped.")
    source = plan.add_argument_group("what to plan or check")
    source.add_argument("--from", dest="from_file", metavar="FILE",
                        help="read the findings from this TOML file instead of asking")
    source.add_argument("--check", metavar="TRAJECTORY_ID",
                        help="check an existing trajectory (e.g. nsob/voorbeeldgemeente) instead of planning")
    source.add_argument("--show", metavar="TRAJECTORY_ID",
                        help="print an existing trajectory (and write its --ics) instead of planning")
    source.add_argument("--list", action="store_true", help="list the trajectories in the installed packs")
    source.add_argument("--values", action="store_true",
                        help="list the values a findings file accepts: themes, audiences, needs, situations")
    when = plan.add_argument_group("calendar")
    when.add_argument("--start", type=_date, metavar="YYYY-MM-DD",
                      help="date of the first session (overrides start in the findings file)")
    when.add_argument("--ics", metavar="FILE", help="also write the sessions as an iCalendar (.ics) file")
    when.add_argument("--force", action="store_true", help="with --ics: replace the file if it exists")
    when.add_argument("--time", type=_time, metavar="HH:MM",
                      help="with --ics: start time of every session (default: whole-day events)")
    when.add_argument("--hours", type=_hours, metavar="N",
                      help="with --time: length of a session in hours (default: 3)")
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
        raise UsageError("give only one of --from, --check and --show")
    if args.check:
        _refuse(args, "--check", ("ics", "start", "time", "hours", "force"), formats=False)
        return _check(catalog, args.check)
    if (args.time is not None or args.force) and not args.ics:
        raise UsageError(f"{'--time' if args.time is not None else '--force'} belongs to --ics FILE "
                         "(the calendar); without --ics there is nothing to apply it to")
    if args.hours is not None and args.time is None:
        raise UsageError("--hours needs --time (without a time, sessions are whole-day events)")
    if args.show:
        trajectory = find(catalog.trajectories, args.show, "trajectory")
        _output(args, catalog, trajectory, args.start)
        return EXIT_OK
    try:
        findings = _findings(args, catalog)
    except Aborted:
        print("Gestopt; er is niets bewaard.", file=sys.stderr)
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
        raise UsageError(f"with the first session on {start}, later sessions would fall after the year 9999; "
                         "give an earlier start date") from None


def _findings(args: argparse.Namespace, catalog: Catalog) -> Findings | None:
    from pathlib import Path

    from ..planner import FindingsError, load_findings

    if args.from_file:
        path = Path(args.from_file)
        if not path.exists():
            raise UsageError(f"{path}: no such file")
        if path.is_dir():
            raise UsageError(f"{path}: is a folder; give the findings file")
        try:
            return load_findings(path, catalog)
        except FindingsError as exc:
            for problem in exc.problems:
                print(problem.format(), file=sys.stderr)
            return None
    if not sys.stdin.isatty():
        raise UsageError("give the findings with --from FILE (see --help for an example), or run in a terminal "
                         "to be asked")
    from ..interactive import terminal_ask, terminal_say

    return ask_findings(catalog, terminal_ask, terminal_say)


def _refuse(args: argparse.Namespace, given: str, options: tuple[str, ...], *, formats: bool) -> None:
    """Options that mean nothing with ``given`` are an error, not silently ignored."""
    extra = [f"--{name.removesuffix('_file')}" for name in options if getattr(args, name) not in (None, False, [])]
    if not formats and args.format != "markdown":
        extra.append("--format")
    if extra:
        raise UsageError(f"{given} does not use {', '.join(extra)}; leave {'it' if len(extra) == 1 else 'them'} out")


def _check(catalog: Catalog, trajectory_id: str) -> int:
    from ..planner import locate, session_weeks, validate_trajectory

    trajectory = find(catalog.trajectories, trajectory_id, "trajectory")
    problems = [locate(p, catalog, trajectory.id) for p in validate_trajectory(trajectory, catalog)]
    for problem in problems:
        print(problem.format())
    sessions = len(session_weeks(trajectory))
    if problems:
        print(f"{trajectory.id}: {len(problems)} bevinding(en) in {sessions} bijeenkomsten")
        return EXIT_CONTENT
    print(f"{trajectory.id}: volgt de regels van de handreiking ({sessions} bijeenkomsten in "
          f"{len(trajectory.phases)} fasen)")
    return EXIT_OK


def _write_calendar(args: argparse.Namespace, catalog: Catalog, trajectory: Any,
                    start: datetime.date | None) -> None:
    if not args.ics:
        return
    if start is None:
        raise UsageError("a calendar needs a date for the first session: give --start YYYY-MM-DD "
                         "(or start = ... in the findings file)")
    from ..fileio import WriteError, write_atomic
    from ..ics import calendar
    from ..planner import trajectory_events

    events = trajectory_events(trajectory, catalog, start, time=args.time, hours=args.hours or 3.0)
    try:
        write_atomic(args.ics, calendar(events, name=trajectory.title), force=args.force)
    except WriteError as exc:
        raise UsageError(str(exc)) from None
    print(f"Agenda met {len(events)} bijeenkomsten geschreven naar {args.ics}.", file=sys.stderr)


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

    print("themes (thema's uit de verkenning):")
    for theme_id, theme in sorted(catalog.themes.items()):
        print(f"  {theme_id:<32} {theme.name}")
    print("audiences (wie doen mee):")
    for audience in Audience:
        print(f"  {audience.value:<32} {audience.label}")
    print("needs (vragen en behoeften):")
    for need in Need:
        print(f"  {need.value:<32} {need.label}")
    print("frontline_situation (frontlijnteams, handreiking §3.2):")
    print(f"  {0:<32} niet van toepassing")
    for number, text in FRONTLINE_SITUATIONS.items():
        print(f"  {number:<32} {text}")


# --- the questions in a terminal ------------------------------------------------------------------

def ask_findings(catalog: Catalog, ask: Ask, say: Say) -> Findings:
    """Ask what the exploration found, question by question; raises ``Aborted`` on q, Ctrl-C or Ctrl-D."""
    from ..interactive import ask_date, ask_number, ask_text, choose_numbers
    from ..planner import FRONTLINE_SITUATIONS, Audience, Findings, Need

    say("\nTrainingstraject plannen na de verkenning (handreiking §1).")
    say("Typ bij elke vraag de nummers, gescheiden door spaties; Enter = geen, q = stoppen (er wordt dan niets "
        "bewaard).\n")
    themes = sorted(catalog.themes)
    say("Welke thema's kwamen in de verkenning naar voren?")
    for number, theme_id in enumerate(themes, 1):
        say(f"  {number:>2}. {catalog.themes[theme_id].name}")
    chosen_themes = [themes[n - 1] for n in choose_numbers(ask, say, "Thema's: ", len(themes))]
    audiences = list(Audience)
    say("\nWie doen er mee?")
    for number, audience in enumerate(audiences, 1):
        say(f"  {number:>2}. {audience.label}")
    chosen_audiences = [audiences[n - 1] for n in choose_numbers(ask, say, "Wie: ", len(audiences))]
    needs = list(Need)
    say("\nWelke vragen of behoeften kwamen naar voren?")
    for number, need in enumerate(needs, 1):
        say(f"  {number:>2}. {need.label}")
    chosen_needs = [needs[n - 1] for n in choose_numbers(ask, say, "Vragen: ", len(needs))]
    say("\nSpelen frontlijnteams in de wijk een rol? Welke situatie past het best (handreiking §3.2)?")
    say(f"  {0:>2}. Niet van toepassing")  # numbered as in a findings file (frontline_situation = 0-4)
    for number, text in FRONTLINE_SITUATIONS.items():
        say(f"  {number:>2}. {text}")
    situation = ask_number(ask, say, "Nummer (Enter = 0): ", 0, max(FRONTLINE_SITUATIONS), default=0)
    say("")
    participants = ask_number(ask, say, "Hoeveel deelnemers doen mee? ", 1, 2000)
    weeks = ask_number(ask, say, "Hoeveel weken zijn er beschikbaar? ", 1, 104)
    start = ask_date(ask, say, "Datum van de eerste bijeenkomst (JJJJ-MM-DD, Enter = nog niet bekend): ")
    municipality = ask_text(ask, "Naam van de gemeente of organisatie (Enter = geen): ")
    say("")
    return Findings(participants=participants, weeks=weeks, themes=chosen_themes, audiences=chosen_audiences,
                    needs=chosen_needs, frontline_situation=situation, start=start, municipality=municipality)
