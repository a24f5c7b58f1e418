"""``ondermijning show``: a stored information picture (JSON), rendered, with a note when its pins differ."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, add_format_option, load

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    parser = sub.add_parser(
        "show", help=_("een bewaard informatiebeeld (JSON) tonen"),
        description=textwrap.fill(_(
            "Toon een informatiebeeld dat als JSON is bewaard (assess --format json, to_json) als tekst, "
            "Markdown of HTML. Is het berekend met een andere versie van het pack, een veranderde lijst "
            "of een andere versie van ondermijning, dan zegt een regel op stderr dat; het beeld blijft "
            "wat het was (bereken het opnieuw met assess als het ertoe doet)."), 78)
        + "\n\n  ondermijning assess --list jongeren --signal school-spijbelt --format json > beeld.json"
          "\n  ondermijning show beeld.json --format html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_("Exitcodes: 0 klaar, 1 geen geldig informatiebeeld, 2 een bestand dat niet te lezen is."))
    parser.add_argument("file", metavar=_("BESTAND"), help=_("het JSON-bestand"))
    add_format_option(parser, ("text", "markdown", "html"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from ..models.picture import InformationPicture
    from ..render import render
    from ..serialize import compare_pins, from_json

    data = Path(args.file).read_bytes()
    picture = from_json(data, InformationPicture)
    catalog = load(args)
    for difference in compare_pins(picture, catalog):
        print(_("ondermijning: let op: {message}").format(message=difference.message), file=sys.stderr)
    print(render(picture, args.format, catalog=catalog), end="")
    return EXIT_OK
