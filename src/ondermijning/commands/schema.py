"""``ondermijning schema``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import N_, _
from ._common import EXIT_OK, UsageError

if TYPE_CHECKING:
    import argparse

#: the documents of ondermijning.schema.DOCUMENTS that have a flag, and what each is (for --help); kept here,
#: not imported, so that building the parser imports no models (a test checks the two agree)
FLAGS = {
    "picture": N_("een informatiebeeld: to_json(picture), assess --format json"),
    "proposal": N_("een voorstel voor een traject: plan --format json"),
    "trajectory": N_("een traject: plan --show ID --format json"),
    "validation-report": N_("het rapport van validate --format json"),
    "packs": N_("de lijst van packs --format json"),
    "diff": N_("de vergelijking van diff --format json"),
}


def add_parser(sub: Any) -> None:
    import argparse

    parser = sub.add_parser(
        "schema", help=_("JSON Schema van pack-bestanden, voor editors"),
        description=_("Print het JSON Schema van een pack-bestand, gemaakt uit de modellen. Editors die TOML met "
                      "JSON Schema begrijpen (taplo, Even Better TOML) vullen dan sleutels aan en controleren ze "
                      "terwijl je typt: zet '#:schema ./pack.schema.json' als eerste regel in een pack-bestand. ")
                    + _("Met --picture, --proposal, ...: het schema van een JSON-document dat de bibliotheek "
                        "schrijft, om het in een ander systeem te controleren."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_("Voorbeelden:\n"
                 "  ondermijning schema\n"
                 "  ondermijning schema catalog\n"
                 "  ondermijning schema --output pack.schema.json --force\n"
                 "  ondermijning schema --picture --output informatiebeeld.schema.json\n\n"
                 "Afsluitcodes: 0 klaar, 2 fout in het gebruik of bij schrijven (BESTAND bestaat al zonder --force, "
                 "of is niet te schrijven)."))
    parser.add_argument("kind", nargs="?", choices=("pack", "catalog"), default=None,
                        help=_("pack: een pack-bestand (standaard); catalog: het document van "
                               "'ondermijning export --to json'"))
    which = parser.add_mutually_exclusive_group()
    for name, what in FLAGS.items():
        which.add_argument(f"--{name}", dest="document", action="store_const", const=name,
                           help=_("het schema van {what}").format(what=_(what)))
    parser.add_argument("--output", "-o", metavar=_("BESTAND"), help=_("schrijf naar BESTAND in plaats van te printen"))
    parser.add_argument("--force", action="store_true", help=_("vervang BESTAND als het al bestaat"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..fileio import write_atomic
    from ..schema import json_schema

    if args.kind is not None and args.document is not None:
        raise UsageError(_("geef {kind} of --{document}, niet allebei").format(kind=args.kind,
                                                                            document=args.document))
    document = args.document or {"pack": "pack-file", "catalog": "catalog"}[args.kind or "pack"]
    text = json.dumps(json_schema(document), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        write_atomic(args.output, text, force=args.force)
        print(_("geschreven: {file}").format(file=args.output))
    else:
        print(text, end="")
    return EXIT_OK
