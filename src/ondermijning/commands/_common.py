"""What every command shares: exit codes, usage errors, loading the catalog, finding items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping, Sequence
    from typing import TypeVar

    from ..catalog import Catalog
    from ..errors import Problem

    T = TypeVar("T")

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or an unreadable path: exit 2 with one line."""



def find(mapping: Mapping[str, T], item_id: str, kind: str, *, listed_by: str = "--list") -> T:
    """An item by qualified id, or by its local id when only one pack has it."""
    if item_id in mapping:
        return mapping[item_id]
    matches = [key for key in mapping if key.split("/", 1)[-1] == item_id]
    if len(matches) == 1:
        return mapping[matches[0]]
    if len(matches) > 1:
        raise UsageError(f"{kind} {item_id!r} exists in several packs: {', '.join(matches)}; give the full id")
    from ..errors import UnknownItemError

    raise UsageError(f"{UnknownItemError(kind, item_id, mapping, match_as=item_id)} (see {listed_by})")


def add_format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help="output format (default: %(default)s)")


def load(args: argparse.Namespace, paths: Sequence[str] = (), *, report: bool = True) -> Catalog:
    """The catalog; a --pack folder that does not exist is a usage error.

    With ``report``, problems found while loading are printed to stderr, one per line: a pack
    that did not load must not silently leave out its routes or lists.
    """
    import sys
    from pathlib import Path

    from ..assemble import load_catalog

    for path in args.pack:
        if not Path(path).is_dir():
            raise UsageError(f"--pack {path}: {'not a folder' if Path(path).exists() else 'no such folder'} "
                             "(give the folder that holds pack.toml)")
    catalog = load_catalog([*args.pack, *paths], disable=args.disable_plugin)
    args.catalog = catalog  # what the command line's cache checks before it keeps the output
    errors = [p for p in catalog.problems if p.severity.value == "error"]
    for replaced in (p for p in catalog.problems if report and p.code == "C008"):  # a given folder won
        print(f"ondermijning: {replaced.format()}", file=sys.stderr)
    if report and errors:
        for problem in errors:
            print(f"ondermijning: warning: {problem.format()}", file=sys.stderr)
        print(f"ondermijning: warning: {len(errors)} problem(s) while loading; what they concern is left out "
              "(see 'ondermijning validate')", file=sys.stderr)
    return catalog


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {"code": problem.code, "severity": problem.severity.value, "file": problem.file,
            "line": problem.line, "path": problem.path, "message": problem.message, "hint": problem.hint}


# commands ---------------------------------------------------------------------------------
