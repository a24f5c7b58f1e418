"""``ondermijning assess``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ._common import EXIT_OK, UsageError, add_format_option, find, load

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    assess = sub.add_parser(
        "assess", help="from observed signals to an information picture",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Build an information picture (informatiebeeld) from observed signals: a computed concern level "
            "(laag, matig, hoog) with its explanation, goals and whom to call. The level is advice: set the "
            "concern level together with colleagues. In a terminal without --signal, walks you through the "
            "list category by category (questions on stderr, the picture on stdout). A signal you saw or heard "
            "yourself is a fact (--signal); one you infer is an interpretation (--interpretation). "
            "--municipality chooses whose local routes the picture names (default: the list's own pack); "
            "national routes always come after them.", 78),
        epilog="Examples:\n"
               "  ondermijning assess --show-lists\n"
               "  ondermijning assess --list deurne/jongeren --signal gedrag-agressief --signal school-spijbelt "
               "--format markdown\n"
               "  ondermijning assess --list jongeren --signal school-spijbelt --format html\n"
               "  ondermijning assess --list jongeren --signal school-spijbelt --interpretation "
               "bezittingen-dure-spullen --protective beschermend-sportclub --format json --redact\n"
               "  ondermijning assess --list core/volwassenen --municipality deurne --signal werk-paspoort-ingenomen\n"
               "  ondermijning assess --show-lists --format markdown\n\n"
               "Exit codes: 0 done, 2 usage errors (an unknown list or signal), 130 stopped.")
    assess.add_argument("--list", dest="list_id", metavar="ID", help="the signal list (see --show-lists)")
    assess.add_argument("--signal", action="append", default=[], metavar="ID",
                        help="a signal you saw or heard yourself (a fact), qualified or local to the list's "
                             "pack (repeatable)")
    assess.add_argument("--interpretation", action="append", default=[], metavar="ID",
                        help="a signal you infer rather than observed (an interpretation; repeatable)")
    assess.add_argument("--protective", action="append", default=[], metavar="ID",
                        help="a protective factor that is present (repeatable; never lowers the level)")
    assess.add_argument("--municipality", metavar="PACK",
                        help="the pack whose local routes apply (default: the list's own pack); another "
                             "municipality's local routes are never shown")
    assess.add_argument("--subject", default="", metavar="PSEUDONYM",
                        help="an optional pseudonym for the young person or group; never a real name")
    assess.add_argument("--interactive", "-i", action="store_true",
                        help="walk through the list even when signals are given")
    assess.add_argument("--redact", action="store_true",
                        help="leave out free texts (observation notes, the judgement's reason, the pseudonym), "
                             "in every format")
    assess.add_argument("--show-lists", action="store_true",
                        help="list the signal lists with their thresholds (and where the numbers come from), "
                             "signals and protective factors; markdown and html give printable cards")
    add_format_option(assess, ("text", "markdown", "html", "json"))
    assess.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..assessment import assess
    from ..interactive import Aborted, choose_one, terminal_ask, terminal_say, walk_signal_list
    from ..models.picture import Observation, ObservationKind
    from ..render import render
    from ..serialize import redacted, to_json

    catalog = load(args)
    if args.show_lists:
        return _show_lists(catalog, args.format)
    if not catalog.signal_lists:
        raise UsageError("no signal lists are loaded; install a pack such as ondermijning-deurne")
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
                terminal_say("Welke signalenlijst?")
                names = [catalog.signal_lists[i].name for i in ids]
                list_id = ids[choose_one(terminal_ask, terminal_say, "Nummer: ", names)]
            else:
                raise UsageError(f"give --list, one of: {', '.join(catalog.signal_lists)}")
        list_id = find(catalog.signal_lists, list_id, "signal list", listed_by="--show-lists").id
        interpretations = [Observation(signal=i, kind=ObservationKind.INTERPRETATION) for i in args.interpretation]
        signals: list[str | Observation] = [*args.signal, *interpretations]
        protective = list(args.protective)
        if interactive:
            signal_list = catalog.signal_lists[list_id]
            seen, protective = walk_signal_list(signal_list, terminal_ask, terminal_say)
            signals = list(_mark_interpretations(signal_list, seen, terminal_ask, terminal_say))
        elif not signals:
            raise UsageError("give the observed signals with --signal ID (see --show-lists), "
                             "or run in a terminal to be asked")
    except Aborted:
        print("Gestopt; er is niets bewaard.", file=sys.stderr)
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

    lists = list(catalog.signal_lists.values())
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
            print("  signalen (--signal, --interpretation):")
            for signal in sl.signals:
                flag = "  [rode vlag]" if signal.red_flag else ""
                print(f"    {signal.id:<44} {_short(signal.text)}{flag}")
            if sl.protective_factors:
                print("  beschermende factoren (--protective):")
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
    say("Welke van deze signalen heb je niet zelf gezien of gehoord, maar leid je af (interpretatie)?")
    for number, signal_id in enumerate(seen, 1):
        say(f"  {number:>2}. {texts[signal_id]}")
    inferred = {seen[n - 1] for n in choose_numbers(ask, say, "Interpretaties (Enter = alles is feit): ", len(seen))}
    return [Observation(signal=i, kind=ObservationKind.INTERPRETATION if i in inferred else ObservationKind.FACT)
            for i in seen]


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width] + "…"
