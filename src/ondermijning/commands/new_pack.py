"""``ondermijning new-pack``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._common import EXIT_OK, UsageError

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse

    parser = sub.add_parser(
        "new-pack", help="start a new pack for your municipality",
        description="Create ondermijning-NAME/: a valid, installable pack with TOML content (routes for every "
                    "level, a small signal list with examples), pyproject.toml with the entry point, a README "
                    "in Dutch and a test file. It passes 'ondermijning validate' and its own tests at once. "
                    "An existing folder is never overwritten.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Examples:\n"
               "  ondermijning new-pack voorbeeldstad\n"
               "  ondermijning new-pack west-betuwe --dir .\n\n"
               "Exit codes: 0 created, 2 usage errors (a name that is not a usable pack id or is already "
               "installed, a folder that exists or cannot be written).")
    parser.add_argument("name", metavar="NAME", help="the pack id, e.g. 'utrecht' or 'west-betuwe'")
    parser.add_argument("--dir", default=".", metavar="FOLDER", help="where to create it (default: here)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..scaffold import ScaffoldError, new_pack

    try:
        target = new_pack(args.name, args.dir)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    module = "ondermijning_" + args.name.replace("-", "_")
    print(f"Created {target}/")
    print(f"  fill in:  {target}/src/{module}/pack/*.toml (routes marked to_fill_in, your own signals)")
    print(f"  check:    ondermijning validate {target}/src/{module}/pack")
    print(f"  test:     cd {target} && python -m pytest")
    print("  install:  python -m pip install -e .  (then 'ondermijning packs' lists it)")
    return EXIT_OK
