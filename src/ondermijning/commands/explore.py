"""``ondermijning explore``: the exploration (verkenning, handreiking §1) as a walk that writes findings.

The walk asks, question by question, which of the usual answers the explorer heard; it adds the
themes, the number of participants, the weeks and the start date, and writes the findings file
``ondermijning plan --from`` reads (to stdout, or ``--out FILE``). The questions go to stderr.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError, add_format_option, find, load

if TYPE_CHECKING:
    import argparse

    from ..catalog import Catalog
    from ..exploration import Explored
    from ..interactive import Ask, Say
    from ..models import Exploration


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    explore = sub.add_parser(
        "explore", help=_("de verkenning doorlopen en de bevindingen voor plan schrijven"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(_(
            "Loop de verkenning (handreiking §1) door: per vraag kies je welke van de gebruikelijke antwoorden je "
            "in de gesprekken hoorde; elk antwoord zegt iets over welke module past. Daarna volgen de thema's, het "
            "aantal deelnemers, de weken en de startdatum. Het resultaat is het bevindingenbestand dat "
            "'ondermijning plan --from' leest, met bij elke waarde het antwoord waar die vandaan komt: op stdout, "
            "of met --out in een bestand (dat alleen met --force wordt vervangen). De vragen staan op stderr; "
            "q of Ctrl-C stopt zonder iets te schrijven. In een terminal: explore --out findings.toml, daarna "
            "plan --from findings.toml. --print toont de verkenning als draaiboek voor de gesprekken."), 78),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning explore --list\n"
                 "  ondermijning explore --print --format markdown\n\n"
                 "Exitcodes: 0 klaar, 2 fout in het gebruik of bij lezen of schrijven, 130 gestopt."))
    explore.add_argument("exploration", nargs="?", metavar="ID",
                         help=_("de verkenning (standaard: de enige, of core/verkenning)"))
    explore.add_argument("--list", action="store_true", help=_("toon de verkenningen"))
    explore.add_argument("--print", dest="print_only", action="store_true",
                         help=_("toon de verkenning als draaiboek in plaats van de vragen te stellen"))
    explore.add_argument("--out", metavar=_("BESTAND"), help=_("schrijf de bevindingen naar dit bestand"))
    explore.add_argument("--force", action="store_true", help=_("met --out: vervang een bestaand bestand"))
    add_format_option(explore, ("text", "markdown", "html"))
    explore.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..exploration import findings_toml
    from ..interactive import Aborted, terminal_ask, terminal_say

    catalog = load(args)
    if args.list:
        for exploration_id, item in catalog.explorations.items():
            print(f"{exploration_id:<32} {item.title}")
        return EXIT_OK
    exploration = _exploration(catalog, args.exploration)
    if args.print_only:
        if args.out or args.force:
            raise UsageError(_("--print schrijft geen bevindingen; laat --out en --force weg"))
        from ..render import render
        from ..render.cards import exploration_document

        print(render(exploration_document(exploration, catalog), args.format), end="")
        return EXIT_OK
    if args.format != "text":
        raise UsageError(_("--format hoort bij --print; de bevindingen zijn altijd TOML"))
    if args.force and not args.out:
        raise UsageError(_("--force hoort bij --out BESTAND"))
    if args.out and not args.force:
        from pathlib import Path

        if Path(args.out).exists() or Path(args.out).is_symlink():  # before the questions, not after them
            raise UsageError(_("{file}: bestaat al; gebruik --force om het te vervangen").format(file=args.out))
    if not sys.stdin.isatty():
        raise UsageError(_("de verkenning stelt vragen en heeft een terminal nodig; zie --print voor het draaiboek"))
    try:
        explored = ask_exploration(exploration, catalog, terminal_ask, terminal_say)
    except Aborted:
        print(_("Gestopt; er is niets geschreven."), file=sys.stderr)
        return 130
    text = findings_toml(explored, exploration)
    _preview(explored, catalog)
    if args.out:
        from ..fileio import WriteError, write_atomic

        try:
            write_atomic(args.out, text, force=args.force)
        except WriteError as exc:
            raise UsageError(str(exc)) from None
        print(_("Bevindingen geschreven naar {file}; lees ze met: ondermijning plan --from {file}").format(
            file=args.out), file=sys.stderr)
    else:
        print(text, end="")
    return EXIT_OK


def _exploration(catalog: Catalog, wanted: str | None) -> Exploration:
    if wanted is not None:
        return find(catalog.explorations, wanted, "exploration")
    if not catalog.explorations:
        raise UsageError(_("er is geen verkenning geladen; het kernpack heeft core/verkenning"))
    if len(catalog.explorations) == 1:
        return next(iter(catalog.explorations.values()))
    if "core/verkenning" in catalog.explorations:
        return catalog.explorations["core/verkenning"]
    raise UsageError(_("geef de verkenning: een van {ids}").format(ids=", ".join(catalog.explorations)))


def ask_exploration(exploration: Exploration, catalog: Catalog, ask: Ask, say: Say) -> Explored:
    """Walk the exploration's questions, then themes and numbers; raises ``Aborted`` on q, Ctrl-C or Ctrl-D."""
    from ..exploration import findings_from
    from ..interactive import ask_date, ask_number, ask_text, choose_numbers
    from ..models import Stage

    say(f"\n{exploration.title}")
    say(exploration.introduction)
    for tip in exploration.advice[:1]:
        say(_("Tip: {tip}").format(tip=tip))
    say(_("Typ bij elke vraag de nummers van wat je hoorde, gescheiden door spaties; Enter = niets daarvan, "
          "q = stoppen (er wordt dan niets geschreven).\n"))
    chosen: dict[str, list[str]] = {}
    for stage, heading in ((Stage.PREPARATION, _("Vooraf")), (Stage.CONVERSATION, _("Uit de gesprekken"))):
        questions = [q for q in exploration.questions if q.stage is stage and q.answers]
        if questions:
            say(f"{heading}\n")
        for question in questions:
            say(question.text + (f" ({question.purpose})" if question.purpose else ""))
            for number, answer in enumerate(question.answers, 1):
                say(f"  {number:>2}. {answer.text}")
            picked = choose_numbers(ask, say, _("Wat hoorde je: "), len(question.answers))
            chosen[question.id] = [question.answers[n - 1].id for n in picked]
            say("")
    themes = sorted(catalog.themes)
    say(_("Welke vormen van ondermijning kwamen in de gesprekken voorbij?"))
    for number, theme_id in enumerate(themes, 1):
        say(f"  {number:>2}. {catalog.themes[theme_id].name}")
    picked_themes = [themes[n - 1] for n in choose_numbers(ask, say, _("Thema's: "), len(themes))]
    say("")
    participants = ask_number(ask, say, _("Hoeveel deelnemers doen mee aan de training? "), 1, 2000)
    weeks = ask_number(ask, say, _("Hoeveel weken zijn er beschikbaar? "), 1, 104)
    start = ask_date(ask, say, _("Datum van de eerste bijeenkomst (JJJJ-MM-DD, Enter = nog niet bekend): "))
    municipality = ask_text(ask, _("Naam van de gemeente of organisatie (Enter = geen): "))
    say("")
    return findings_from(exploration, chosen, participants=participants, weeks=weeks, themes=picked_themes,
                         start=start, municipality=municipality)


def _preview(explored: Explored, catalog: Catalog) -> None:
    """What plan would propose from these findings, so the explorer sees where the answers lead."""
    from ..planner import PlanError, propose

    try:
        proposal = propose(explored.findings, catalog)
    except PlanError as exc:
        print(_("Let op: plan kan hier nog geen traject van maken: {reason}").format(reason=exc), file=sys.stderr)
        return
    titles = dict.fromkeys(catalog.workshops[s.module].title if s.module in catalog.workshops else s.title
                           for phase in proposal.trajectory.phases for s in phase.sessions)
    print(_("Hiermee stelt plan voor: {modules}.").format(modules="; ".join(titles)), file=sys.stderr)
