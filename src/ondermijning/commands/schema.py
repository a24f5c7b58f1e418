"""``ondermijning schema``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse

    parser = sub.add_parser(
        "schema", help="JSON Schema of pack files, for editors",
        description="Print the JSON Schema of a pack file, generated from the models. Editors that understand "
                    "TOML with JSON Schema (taplo, Even Better TOML) then complete and check keys as you type: "
                    "add '#:schema ./pack.schema.json' as the first line of a pack file.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Examples:\n"
               "  ondermijning schema\n"
               "  ondermijning schema catalog\n"
               "  ondermijning schema --output pack.schema.json --force\n\n"
               "Exit codes: 0 done, 2 usage or I/O errors (FILE exists without --force, or cannot be "
               "written).")
    parser.add_argument("kind", nargs="?", choices=("pack", "catalog"), default="pack",
                        help=_("pack: een pack-bestand (standaard); catalog: het document van "
                               "'ondermijning export --to json'"))
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of printing")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..fileio import write_atomic
    from ..schema import catalog_document_schema, pack_file_schema

    schema = catalog_document_schema() if args.kind == "catalog" else pack_file_schema()
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        write_atomic(args.output, text, force=args.force)
        print(f"wrote {args.output}")
    else:
        print(text, end="")
    return EXIT_OK
