"""``ondermijning diff``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_CONTENT, EXIT_OK, UsageError, add_format_option

if TYPE_CHECKING:
    import argparse

MAX_SAMPLES = 1_000_000


def _samples(text: str) -> int:
    import argparse

    from ..i18n import number

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is geen geheel getal").format(text=text)) from None
    if not 1 <= value <= MAX_SAMPLES:
        raise argparse.ArgumentTypeError(_("{value}: geef 1 tot en met {most}").format(
            value=value, most=number(MAX_SAMPLES)))
    return value


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    from ..i18n import number

    parser = sub.add_parser(
        "diff", help=_("vergelijk twee versies van een pack"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(paragraph, 78) for paragraph in (
            _("Vergelijk twee versies van een packmap voordat de nieuwe in gebruik gaat: wat erbij kwam, wat "
              "weg is en wat veranderde (tot op het signaal), en per signalenlijst hoe het berekende niveau "
              "verschuift bij dezelfde waarnemingen (alle combinaties als de lijst klein is, anders een "
              "steekproef met een vaste seed). Beide mappen moeten hetzelfde pack bevatten (dezelfde id in "
              "pack.toml)."),
            _("Bijvoorbeeld, met de versie die nu in gebruik is in een map oud/ en de nieuwe versie in nieuw/ "
              "(elk de map met pack.toml):"),
        )) + "\n\n  ondermijning diff oud nieuw\n  ondermijning diff oud nieuw --format json --samples 10000",
        epilog=textwrap.fill(_("Afsluitcodes: 0 klaar, 1 een pack dat niet laadt of een versienummer dat te klein "
                               "is (--check-version), 2 fout in het gebruik of bij lezen (een map die niet bestaat, "
                               "twee verschillende packs)."), 78))
    parser.add_argument("old", metavar=_("OUD"), help=_("de map van de huidige versie (met pack.toml)"))
    parser.add_argument("new", metavar=_("NIEUW"), help=_("de map van de nieuwe versie van hetzelfde pack"))
    parser.add_argument("--samples", type=_samples, default=2000, metavar="N",
                        help=_("aantal waarnemingen in de steekproef bij grote lijsten, 1 tot en met {most} "
                               "(standaard: %(default)s)").format(most=number(MAX_SAMPLES)))
    parser.add_argument("--seed", type=int, default=0, help=_("seed van de steekproef (standaard: %(default)s)"))
    parser.add_argument("--check-version", action="store_true",
                        help=_("controleer of het nieuwe versienummer groot genoeg is voor de wijzigingen: een ander "
                               "niveau of iets weggehaald vraagt een major-versie, iets nieuws een minor-versie, "
                               "andere tekst een patch-versie (exit 1 als het te klein is)"))
    add_format_option(parser, ("text", "json"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ..converter import converter
    from ..diff import DifferentPacksError, diff_packs, diff_to_text
    from ..version_policy import check_to_text, check_version

    for path in (args.old, args.new):
        if not Path(path).is_dir():
            raise UsageError(_("{path}: die map bestaat niet").format(path=path))
    try:
        result = diff_packs(args.old, args.new, samples=args.samples, seed=args.seed)
    except DifferentPacksError as exc:
        raise UsageError(str(exc)) from None
    check = check_version(result) if args.check_version else None
    if args.format == "json":
        data = converter.unstructure(result)
        if check is not None:
            data["version_check"] = converter.unstructure(check)
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(diff_to_text(result), end="")
        if check is not None:
            print(check_to_text(check), end="")
    return EXIT_CONTENT if check is not None and not check.ok else EXIT_OK
