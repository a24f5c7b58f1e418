"""``ondermijning ids``: the ids a pack may refer to, per family, with the keys that refer to them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError, add_format_option, load

if TYPE_CHECKING:
    import argparse

#: families whose ids are many: listed with --family only
_LONG = ("signals",)


def add_parser(sub: Any) -> None:
    import argparse

    parser = sub.add_parser(
        "ids", help=_("de ids waarnaar een pack kan verwijzen"),
        description=_("Toon de ids waarnaar een pack kan verwijzen (thema's, kaders, signalenlijsten met hun "
                      "categorieën, routes, modules, casussen, leidraden), met de sleutels die ernaar verwijzen. "
                      "Een id uit een ander pack schrijf je met zijn prefix (core/drugs); een id uit je eigen pack "
                      "zonder. Met --pack PAD komen de ids van je eigen pack erbij."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_("Voorbeelden:\n"
                 "  ondermijning ids\n"
                 "  ondermijning ids --family themes --family routes\n"
                 "  ondermijning ids --family signals --format json\n\n"
                 "Afsluitcodes: 0 klaar, 2 verkeerde opties."))
    parser.add_argument("--family", action="append", default=[], metavar=_("FAMILIE"),
                        help=_("alleen deze familie (herhaalbaar), bijvoorbeeld themes of signals; zonder --family "
                               "zie je welke er zijn"))
    add_format_option(parser, ("text", "json"))
    parser.set_defaults(run=run)


def _label(item: Any) -> str:
    for name in ("name", "title", "text"):
        value = getattr(item, name, "")
        if isinstance(value, str) and value:
            return value
    return ""


def run(args: argparse.Namespace) -> int:
    import json

    from ..fieldref import reference_fields

    catalog = load(args)
    used_by = reference_fields()
    unknown = [f for f in args.family if f not in used_by]
    if unknown:
        raise UsageError(_("--family {family}: geen familie waarnaar een pack verwijst; kies uit {known}").format(
            family=unknown[0], known=", ".join(sorted(used_by))))
    chosen = args.family or [f for f in sorted(used_by) if f not in _LONG]
    result: dict[str, Any] = {}
    for family in chosen:
        items = catalog.family(family)
        entries: list[dict[str, Any]] = [{"id": key, "label": _label(item)} for key, item in items.items()]
        if family == "signal_lists":
            for entry in entries:
                entry["categories"] = [c.id for c in items[entry["id"]].categories]
        result[family] = {"used_by": used_by[family], "ids": entries}
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return EXIT_OK
    for family, block in result.items():
        print(_("{family} (sleutels: {keys}):").format(family=family.replace("_", " "),
                                                        keys=", ".join(block["used_by"])))
        for entry in block["ids"]:
            print(f"  {entry['id']:<44} {entry['label'][:60]}")
            if entry.get("categories"):
                print("      " + _("categorieën (Signal.category): {ids}").format(ids=", ".join(entry["categories"])))
        if not block["ids"]:
            print("  " + _("(geen)"))
    skipped = [f for f in _LONG if f not in chosen]
    for family in skipped:
        print(_("{n} {family}: --family {family} toont ze").format(n=len(catalog.family(family)), family=family))
    return EXIT_OK
