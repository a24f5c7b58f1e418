"""``ondermijning diff``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._common import EXIT_OK, UsageError, add_format_option

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "diff", help="compare two versions of a pack",
        description="Compare two versions of a pack folder before the new one goes live: items added, removed "
                    "and changed (with signal-level details), and for each signal list how the computed level "
                    "shifts for the same observations (all combinations when the list is small, otherwise a "
                    "seeded sample).")
    parser.add_argument("old", metavar="OLD", help="folder of the current version (holding pack.toml)")
    parser.add_argument("new", metavar="NEW", help="folder of the new version")
    parser.add_argument("--samples", type=int, default=2000, metavar="N",
                        help="observation sets to sample for large lists (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample (default: %(default)s)")
    add_format_option(parser, ("text", "json"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ..converter import converter
    from ..diff import diff_packs, diff_to_text

    for path in (args.old, args.new):
        if not Path(path).is_dir():
            raise UsageError(f"{path}: no such folder")
    if args.samples < 1:
        raise UsageError(f"--samples must be 1 or more, got {args.samples}")
    result = diff_packs(args.old, args.new, samples=args.samples, seed=args.seed)
    if args.format == "json":
        print(json.dumps(converter.unstructure(result), indent=2, ensure_ascii=False))
    else:
        print(diff_to_text(result), end="")
    return EXIT_OK
