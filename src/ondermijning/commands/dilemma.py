"""``ondermijning dilemma``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ._common import EXIT_OK, UsageError, add_format_option, find, load

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    dilemma = sub.add_parser(
        "dilemma", help="work through a dilemma card, or print it",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Dilemma cards: a situation, the values in tension, questions to weigh and handling options with "
            "their consequences. In a terminal, leads you or your team through a card step by step (q or "
            "Ctrl-C stops); otherwise (or with --print) prints it. --format html gives a printable page, one "
            "card per page. --list prints a plain list and takes no card ID, --all, --print or --format.", 78),
        epilog="Examples:\n"
               "  ondermijning dilemma --list\n"
               "  ondermijning dilemma bankpas-uitgeleend\n"
               "  ondermijning dilemma bankpas-uitgeleend --print --format markdown\n"
               "  ondermijning dilemma --all --format html\n\n"
               "Exit codes: 0 done, 2 usage or I/O errors, 130 stopped.")
    dilemma.add_argument("card", nargs="?", metavar="ID", help="a card id (qualified, or unique without pack)")
    dilemma.add_argument("--list", action="store_true", help="list the cards")
    dilemma.add_argument("--all", action="store_true", help="print every card")
    dilemma.add_argument("--print", dest="print_only", action="store_true", help="print instead of walking through")
    add_format_option(dilemma, ("text", "markdown", "html"))
    dilemma.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..interactive import Aborted, choose_one, walk_dilemma
    from ..render import render_many
    from ..render.cards import dilemma_document

    _check_options(args)
    catalog = load(args)
    cards = catalog.dilemma_cards
    if args.list:
        for card_id, card in cards.items():
            print(f"{card_id:<52} {card.title}")
        print(f"{len(cards)} dilemmakaarten. Gebruik ze na de workshops over bewustwording: zonder die kennis "
              "werkt de kaart niet. 'ondermijning dilemma ID' loopt een kaart met je door.")
        return EXIT_OK
    if not cards:
        raise UsageError("no dilemma cards are loaded; install a pack such as ondermijning-nieuwegein")
    if args.all:
        print(render_many([dilemma_document(c, catalog) for c in cards.values()], args.format), end="")
        return EXIT_OK
    interactive = sys.stdin.isatty() and not args.print_only and args.format == "text"
    try:
        if args.card is None:
            if not interactive:
                raise UsageError("give a card id (see --list), or --all")
            ids = list(cards)
            print("Welke dilemmakaart?")
            card = cards[ids[choose_one(input, print, "Nummer: ", [cards[i].title for i in ids])]]
        else:
            card = find(cards, args.card, "dilemma card")
        if interactive:
            walk_dilemma(card, input, print, frameworks={k: f.name for k, f in catalog.frameworks.items()})
            return EXIT_OK
    except Aborted:
        print("Gestopt; er is niets bewaard.", file=sys.stderr)
        return 130
    print(render_many([dilemma_document(card, catalog)], args.format), end="")
    return EXIT_OK


def _check_options(args: argparse.Namespace) -> None:
    """Options that contradict each other are a usage error, not silently ignored."""
    if args.list:
        given = [("a card ID", args.card is not None), ("--all", args.all), ("--print", args.print_only)]
        for name, present in given:
            if present:
                raise UsageError(f"give --list or {name}, not both")
        if args.format != "text":
            raise UsageError(f"give --list or --format {args.format}, not both (--list prints a plain list)")
    if args.all and args.card is not None:
        raise UsageError("give a card ID or --all, not both")
