"""``ondermijning new-pack``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse

    parser = sub.add_parser(
        "new-pack", help=_("begin een nieuw pack voor je gemeente"),
        description=_("Maak ondermijning-NAME/: een geldig, installeerbaar pack met inhoud in TOML (routes voor "
                      "elk niveau, een kleine signalenlijst met voorbeelden), pyproject.toml met het entry point, "
                      "een README in het Nederlands en een testbestand. Het slaagt meteen voor 'ondermijning "
                      "validate' en voor zijn eigen tests. Een bestaande map wordt nooit overschreven."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_("Voorbeelden:\n"
                 "  ondermijning new-pack voorbeeldstad\n"
                 "  ondermijning new-pack west-betuwe --dir .\n\n"
                 "Afsluitcodes: 0 gemaakt, 2 fout in het gebruik (een naam die geen bruikbare pack-id is of al "
                 "geïnstalleerd is, een map die al bestaat of niet te schrijven is)."))
    parser.add_argument("name", metavar=_("NAAM"), help=_("de pack-id, bijvoorbeeld 'utrecht' of 'west-betuwe'"))
    parser.add_argument("--dir", default=".", metavar=_("MAP"),
                        help=_("waar het pack komt (standaard: hier)"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..scaffold import ScaffoldError, new_pack

    try:
        target = new_pack(args.name, args.dir)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    module = "ondermijning_" + args.name.replace("-", "_")
    print(_("Gemaakt: {target}/").format(target=target))
    print(_("  invullen:     {target}/src/{module}/pack/*.toml (routes gemarkeerd met to_fill_in, je eigen "
            "signalen)").format(target=target, module=module))
    print(_("  controleren:  ondermijning validate {target}/src/{module}/pack").format(target=target, module=module))
    print(_("  testen:       cd {target} && python -m pytest").format(target=target))
    print(_("  installeren:  python -m pip install -e .  (daarna toont 'ondermijning packs' het)"))
    return EXIT_OK
