"""``ondermijning import``: a form made by ``export`` back into a pack folder."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..i18n import _, ngettext
from ._common import EXIT_OK, UsageError

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    parser = sub.add_parser(
        "import", help=_("een geëxporteerd formulier terug naar een pack-map"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(_(
            "Lees een FHIR-Questionnaire (JSON) of XLSForm (.xlsx) die 'ondermijning export' maakte terug naar "
            "een pack-map: pack.toml met het pack en signals.toml met de lijst. Teksten die in het formulier "
            "zijn verbeterd, komen mee; een berekening die met de hand is gewijzigd, wordt geweigerd. De map "
            "wordt eerst apart opgebouwd en gecontroleerd en verschijnt alleen als het pack geldig is."), 78),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning import jongeren.json\n"
                 "  ondermijning import jongeren.xlsx --output deurne-terug --force\n\n"
                 "Afsluitcodes: 0 klaar, 1 het formulier is niet door export gemaakt of geeft geen geldig pack, "
                 "2 fout in het gebruik of bij lezen of schrijven (geen JSON of .xlsx, de map bestaat al zonder "
                 "--force)."))
    parser.add_argument("file", metavar=_("BESTAND"), help=_("de Questionnaire (.json) of XLSForm (.xlsx)"))
    parser.add_argument("--output", "-o", metavar=_("MAP"),
                        help=_("de pack-map die ontstaat (standaard: de pack-id in de huidige map)"))
    parser.add_argument("--force", action="store_true", help=_("vervang MAP als die al bestaat"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..interop.imported import ImportFormError
    from ..interop.optional import MissingExtraError
    from ..interop.packfolder import rehomed, write_pack_folder
    from ..interop.reading import read_form

    try:
        imported = read_form(args.file)
        target = args.output or imported.pack.id
        others = rehomed(imported.signal_list)
        folder = write_pack_folder(target, imported.pack, imported.signal_list, imported.themes, force=args.force)
    except MissingExtraError as exc:
        raise UsageError(str(exc)) from None
    except ImportFormError as exc:
        if exc.unreadable:
            raise UsageError(str(exc)) from None
        raise
    if others:
        print(ngettext("let op: {n} item van een ander pack (een uitbreiding) is nu van pack {pack}: {ids}",
                       "let op: {n} items van andere packs (uitbreidingen) zijn nu van pack {pack}: {ids}",
                       len(others)).format(
            n=len(others), pack=imported.pack.id, ids=", ".join(others)), file=sys.stderr)
    print(_("pack {pack} {version} met lijst {list} geschreven naar {folder}").format(
        pack=imported.pack.id, version=imported.pack.version, list=imported.signal_list.id, folder=folder))
    return EXIT_OK
