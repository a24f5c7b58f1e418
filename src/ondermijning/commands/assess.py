"""``ondermijning assess``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError, add_format_option, find, load

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    assess = sub.add_parser(
        "assess", help=_("van waargenomen signalen naar een informatiebeeld"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(_(
            "Maak een informatiebeeld van waargenomen signalen: een berekend zorgniveau (laag, matig, hoog) met "
            "de uitleg, de doelen en wie je kunt inschakelen. Het niveau is een advies: stel het zorgniveau "
            "samen met collega's vast. In een terminal zonder --signal loop je de lijst categorie voor "
            "categorie door (de vragen op stderr, het beeld op stdout). Een signaal dat je zelf zag of hoorde "
            "is een feit (--signal); een signaal dat je afleidt is een interpretatie (--interpretation). "
            "--municipality kiest van welke gemeente het beeld de lokale routes noemt (standaard: het eigen "
            "pack van de lijst); de landelijke routes komen daarna altijd."), 78),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning assess --show-lists\n"
                 "  ondermijning assess --list deurne/jongeren --signal gedrag-agressief --signal school-spijbelt "
                 "--format markdown\n"
                 "  ondermijning assess --list jongeren --signal school-spijbelt --format html\n"
                 "  ondermijning assess --list jongeren --signal school-spijbelt --interpretation "
                 "bezittingen-dure-spullen --protective beschermend-sportclub --format json --redact\n"
                 "  ondermijning assess --list core/volwassenen --municipality deurne "
                 "--signal werk-paspoort-ingenomen\n"
                 "  ondermijning assess --show-lists --format markdown\n\n"
                 "Afsluitcodes: 0 klaar, 2 fout in het gebruik (een onbekende lijst of een onbekend signaal), "
                 "130 gestopt."))
    assess.add_argument("--list", dest="list_id", metavar="ID", help=_("de signalenlijst (zie --show-lists)"))
    assess.add_argument("--signal", action="append", default=[], metavar="ID",
                        help=_("een signaal dat je zelf zag of hoorde (een feit), met pack-prefix of uit het "
                               "pack van de lijst (herhaalbaar)"))
    assess.add_argument("--interpretation", action="append", default=[], metavar="ID",
                        help=_("een signaal dat je afleidt in plaats van waarnam (een interpretatie; herhaalbaar)"))
    assess.add_argument("--protective", action="append", default=[], metavar="ID",
                        help=_("een beschermende factor die er is (herhaalbaar; verlaagt het niveau nooit)"))
    assess.add_argument("--municipality", metavar=_("PACK"),
                        help=_("het pack waarvan de lokale routes gelden (standaard: het eigen pack van de lijst); "
                               "de lokale routes van een andere gemeente komen nooit in beeld"))
    assess.add_argument("--subject", default="", metavar=_("PSEUDONIEM"),
                        help=_("een pseudoniem voor de jongere of groep, als je wilt; nooit een echte naam"))
    assess.add_argument("--interactive", "-i", action="store_true",
                        help=_("loop de lijst door, ook als er signalen zijn gegeven"))
    assess.add_argument("--redact", action="store_true",
                        help=_("laat vrije teksten weg (notities bij waarnemingen, de reden van het oordeel, het "
                               "pseudoniem), in elk formaat"))
    assess.add_argument("--show-lists", action="store_true",
                        help=_("toon de signalenlijsten met hun drempels (en waar de getallen vandaan komen), "
                               "signalen en beschermende factoren; markdown en html geven kaarten om te printen"))
    add_format_option(assess, ("text", "markdown", "html", "json"))
    assess.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..assessment import assess
    from ..interactive import Aborted, choose_one, terminal_ask, terminal_say, walk_signal_list
    from ..models.picture import Observation, ObservationKind
    from ..render import render
    from ..serialize import redacted, to_json
    from ..translation import localize

    catalog = load(args)
    if args.show_lists:
        return _show_lists(catalog, args.format)
    if not catalog.signal_lists:
        raise UsageError(_("er zijn geen signalenlijsten geladen; installeer een pack zoals ondermijning-deurne"))
    municipality = find(catalog.packs, args.municipality, "pack", listed_by="ondermijning packs").id \
        if args.municipality is not None else None
    interactive = args.interactive or (not args.signal and sys.stdin.isatty())
    list_id = args.list_id
    try:
        if list_id is None:
            if len(catalog.signal_lists) == 1:
                list_id = next(iter(catalog.signal_lists))
            elif interactive:
                ids = list(catalog.signal_lists)
                terminal_say(_("Welke signalenlijst?"))
                names = [localize(catalog.signal_lists[i], None, catalog).name for i in ids]
                list_id = ids[choose_one(terminal_ask, terminal_say, _("Nummer: "), names)]
            else:
                raise UsageError(_("geef --list, een van: {ids}").format(ids=", ".join(catalog.signal_lists)))
        list_id = find(catalog.signal_lists, list_id, "signal list", listed_by="--show-lists").id
        interpretations = [Observation(signal=i, kind=ObservationKind.INTERPRETATION) for i in args.interpretation]
        signals: list[str | Observation] = [*args.signal, *interpretations]
        protective = list(args.protective)
        if interactive:
            signal_list = localize(catalog.signal_lists[list_id], None, catalog)  # in the language of messages
            seen, protective = walk_signal_list(signal_list, terminal_ask, terminal_say)
            signals = list(_mark_interpretations(signal_list, seen, terminal_ask, terminal_say))
        elif not signals:
            raise UsageError(_("geef de waargenomen signalen met --signal ID (zie --show-lists), of start in een "
                               "terminal om ze te laten vragen"))
    except Aborted:
        print(_("Gestopt; er is niets bewaard."), file=sys.stderr)
        return 130
    picture = assess(list_id, signals, catalog=catalog, protective=protective, subject=args.subject,
                     municipality=municipality)
    if args.redact:
        picture = redacted(picture)
    if args.format == "json":
        print(to_json(picture))
    else:
        print(render(picture, args.format, catalog=catalog), end="")
    return EXIT_OK


def _show_lists(catalog: Any, fmt: str) -> int:
    """Every list with its numbers and their basis: compact in a terminal, cards in Markdown and HTML."""
    from ..models import pack_of
    from ..render import render_many
    from ..render.cards import signal_list_document
    from ..render.picture import thresholds_text
    from ..translation import localize

    lists = list(catalog.signal_lists.values())  # JSON: as the packs wrote them; for people: in their language
    if fmt != "json":
        lists = [localize(sl, None, catalog) for sl in lists]
    if fmt == "json":
        import json

        from ..serialize import to_data

        print(json.dumps([to_data(sl) for sl in lists], ensure_ascii=False, indent=2))
    elif fmt != "text":
        print(render_many([signal_list_document(sl, catalog) for sl in lists], fmt), end="")
    else:
        for sl in lists:
            print(f"{sl.id}  {sl.name}")
            print("  " + thresholds_text(sl.scoring.thresholds, sl.scoring.basis, pack_of(sl.id)))
            print("  " + _("signalen (--signal, --interpretation):"))
            for signal in sl.signals:
                flag = "  [" + _("rode vlag") + "]" if signal.red_flag else ""
                print(f"    {signal.id:<44} {_short(signal.text)}{flag}")
            if sl.protective_factors:
                print("  " + _("beschermende factoren (--protective):"))
            for factor in sl.protective_factors:
                print(f"    {factor.id:<44} {_short(factor.text)}")
    return EXIT_OK


def _mark_interpretations(signal_list: Any, seen: list[str], ask: Any, say: Any) -> Any:
    """Ask which of the recognised signals are interpretations rather than things seen or heard."""
    from ..interactive import choose_numbers
    from ..models.picture import Observation, ObservationKind

    if not seen:
        return seen
    texts = {s.id: s.text for s in signal_list.signals}
    say(_("Welke van deze signalen heb je niet zelf gezien of gehoord, maar leid je af (interpretatie)?"))
    for number, signal_id in enumerate(seen, 1):
        say(f"  {number:>2}. {texts[signal_id]}")
    inferred = {seen[n - 1] for n in choose_numbers(ask, say, _("Interpretaties (Enter = alles is feit): "),
                                                       len(seen))}
    return [Observation(signal=i, kind=ObservationKind.INTERPRETATION if i in inferred else ObservationKind.FACT)
            for i in seen]


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width] + "…"
