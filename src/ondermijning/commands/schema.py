"""``ondermijning schema``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError

if TYPE_CHECKING:
    import argparse

#: the documents of ondermijning.schema.DOCUMENTS that have a flag, and what each is (for --help); kept here,
#: not imported, so that building the parser imports no models (a test checks the two agree)
FLAGS = {
    "picture": _("een informatiebeeld: to_json(picture), assess --format json"),
    "proposal": _("een voorstel voor een traject: plan --format json"),
    "trajectory": _("een traject: plan --show ID --format json"),
    "validation-report": _("het rapport van validate --format json"),
    "packs": _("de lijst van packs --format json"),
    "diff": _("de vergelijking van diff --format json"),
}


def add_parser(sub: Any) -> None:
    import argparse

    parser = sub.add_parser(
        "schema", help="JSON Schema of pack files, for editors",
        description="Print the JSON Schema of a pack file, generated from the models. Editors that understand "
                    "TOML with JSON Schema (taplo, Even Better TOML) then complete and check keys as you type: "
                    "add '#:schema ./pack.schema.json' as the first line of a pack file. "
                    + _("Met --picture, --proposal, ...: het schema van een JSON-document dat de bibliotheek "
                        "schrijft, om het in een ander systeem te controleren."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Examples:\n"
               "  ondermijning schema\n"
               "  ondermijning schema catalog\n"
               "  ondermijning schema --output pack.schema.json --force\n"
               "  ondermijning schema --picture --output informatiebeeld.schema.json\n\n"
               "Exit codes: 0 done, 2 usage or I/O errors (FILE exists without --force, or cannot be "
               "written).")
    parser.add_argument("kind", nargs="?", choices=("pack", "catalog"), default=None,
                        help=_("pack: een pack-bestand (standaard); catalog: het document van "
                               "'ondermijning export --to json'"))
    which = parser.add_mutually_exclusive_group()
    for name, what in FLAGS.items():
        which.add_argument(f"--{name}", dest="document", action="store_const", const=name,
                           help=_("het schema van {what}").format(what=what))
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of printing")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
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
        print(f"wrote {args.output}")
    else:
        print(text, end="")
    return EXIT_OK
