"""``ondermijning diff``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._common import EXIT_CONTENT, EXIT_OK, UsageError, add_format_option

if TYPE_CHECKING:
    import argparse

MAX_SAMPLES = 1_000_000


def _samples(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_SAMPLES:
        raise argparse.ArgumentTypeError(f"{value}: give between 1 and {MAX_SAMPLES:,}")
    return value


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    from ..i18n import _

    parser = sub.add_parser(
        "diff", help="compare two versions of a pack",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(paragraph, 78) for paragraph in (
            "Compare two versions of a pack folder before the new one goes live: items added, removed and "
            "changed (with signal-level details), and for each signal list how the computed level shifts for "
            "the same observations (all combinations when the list is small, otherwise a seeded sample). "
            "Both folders must hold the same pack (the same id in pack.toml).",
            "For example, with the version in use in a folder oud/ and the new version in nieuw/ (each the "
            "folder that holds pack.toml):",
        )) + "\n\n  ondermijning diff oud nieuw\n  ondermijning diff oud nieuw --format json --samples 10000",
        epilog=textwrap.fill("Exit codes: 0 done, 1 a pack that does not load"
                             + _(" of een versienummer dat te klein is (--check-version)")
                             + ", 2 usage or I/O errors (a folder that does not exist, two different packs).", 78))
    parser.add_argument("old", metavar="OLD", help="folder of the current version (holding pack.toml)")
    parser.add_argument("new", metavar="NEW", help="folder of the new version of the same pack")
    parser.add_argument("--samples", type=_samples, default=2000, metavar="N",
                        help=f"observation sets to sample for large lists, 1 to {MAX_SAMPLES:,} "
                             "(default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample (default: %(default)s)")
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
            raise UsageError(f"{path}: no such folder")
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
