"""``ondermijning dilemma``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..i18n import _, ngettext
from ._common import EXIT_OK, UsageError, add_format_option, find, load

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    dilemma = sub.add_parser(
        "dilemma", help=_("een dilemmakaart doorlopen of printen"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(_(
            "Dilemmakaarten: een situatie, de waarden die botsen, vragen om af te wegen en handelingsopties met "
            "hun gevolgen. In een terminal loop je een kaart stap voor stap door, alleen of met je team (q of "
            "Ctrl-C stopt); anders (of met --print) wordt ze geprint. --format html geeft een pagina om te "
            "printen, één kaart per pagina. --list toont een eenvoudige lijst en neemt geen kaart-ID, --all, "
            "--print of --format."), 78),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning dilemma --list\n"
                 "  ondermijning dilemma bankpas-uitgeleend\n"
                 "  ondermijning dilemma bankpas-uitgeleend --print --format markdown\n"
                 "  ondermijning dilemma --all --format html\n\n"
                 "Afsluitcodes: 0 klaar, 2 fout in het gebruik of bij lezen of schrijven, 130 gestopt."))
    dilemma.add_argument("card", nargs="?", metavar="ID",
                         help=_("een kaart-id (met pack-prefix, of zonder als het uniek is)"))
    dilemma.add_argument("--list", action="store_true", help=_("toon de kaarten"))
    dilemma.add_argument("--all", action="store_true", help=_("print elke kaart"))
    dilemma.add_argument("--print", dest="print_only", action="store_true",
                         help=_("print in plaats van doorlopen"))
    add_format_option(dilemma, ("text", "markdown", "html"))
    dilemma.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..interactive import Aborted, choose_one, walk_dilemma
    from ..render import render_many
    from ..render.cards import dilemma_document

    _check_options(args)
    catalog = load(args)
    from ..translation import localize

    # the cards in the language of messages where their pack translates them (--lang en)
    cards = {key: localize(card, None, catalog) for key, card in catalog.dilemma_cards.items()}
    if args.list:
        for card_id, card in cards.items():
            print(f"{card_id:<52} {card.title}")
        print(ngettext("{n} dilemmakaart. Gebruik haar na de workshops over bewustwording: zonder die kennis "
                       "werkt de kaart niet. 'ondermijning dilemma ID' loopt een kaart met je door.",
                       "{n} dilemmakaarten. Gebruik ze na de workshops over bewustwording: zonder die kennis "
                       "werkt de kaart niet. 'ondermijning dilemma ID' loopt een kaart met je door.",
                       len(cards)).format(n=len(cards)))
        return EXIT_OK
    if not cards:
        raise UsageError(_("er zijn geen dilemmakaarten geladen; installeer een pack zoals ondermijning-nieuwegein"))
    if args.all:
        print(render_many([dilemma_document(c, catalog) for c in cards.values()], args.format), end="")
        return EXIT_OK
    interactive = sys.stdin.isatty() and not args.print_only and args.format == "text"
    try:
        if args.card is None:
            if not interactive:
                raise UsageError(_("geef een kaart-id (zie --list), of --all"))
            ids = list(cards)
            print(_("Welke dilemmakaart?"))
            card = cards[ids[choose_one(input, print, _("Nummer: "), [cards[i].title for i in ids])]]
        else:
            card = find(cards, args.card, "dilemma card")
        if interactive:
            walk_dilemma(card, input, print, frameworks={k: f.name for k, f in catalog.frameworks.items()})
            return EXIT_OK
    except Aborted:
        print(_("Gestopt; er is niets bewaard."), file=sys.stderr)
        return 130
    print(render_many([dilemma_document(card, catalog)], args.format), end="")
    return EXIT_OK


def _check_options(args: argparse.Namespace) -> None:
    """Options that contradict each other are a usage error, not silently ignored."""
    if args.list:
        given = [(_("een kaart-ID"), args.card is not None), ("--all", args.all), ("--print", args.print_only)]
        for name, present in given:
            if present:
                raise UsageError(_("geef --list of {option}, niet allebei").format(option=name))
        if args.format != "text":
            raise UsageError(_("geef --list of --format {format}, niet allebei (--list toont een eenvoudige "
                               "lijst)").format(format=args.format))
    if args.all and args.card is not None:
        raise UsageError(_("geef een kaart-ID of --all, niet allebei"))
