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



def find(mapping: Mapping[str, T], item_id: str, kind: str) -> T:
    """An item by qualified id, or by its local id when only one pack has it."""
    if item_id in mapping:
        return mapping[item_id]
    matches = [key for key in mapping if key.split("/", 1)[-1] == item_id]
    if len(matches) == 1:
        return mapping[matches[0]]
    if len(matches) > 1:
        raise UsageError(f"{kind} {item_id!r} exists in several packs: {', '.join(matches)}; give the full id")
    from ..errors import UnknownItemError

    raise UsageError(str(UnknownItemError(kind, item_id, mapping, match_as=item_id)) +
                     " (see --list)")


def add_format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help="output format (default: %(default)s)")


def load(args: argparse.Namespace, paths: Sequence[str] = ()) -> Catalog:
    from ..catalog import load_catalog

    return load_catalog([*args.pack, *paths], disable=args.disable_plugin)


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {"code": problem.code, "severity": problem.severity.value, "file": problem.file,
            "line": problem.line, "path": problem.path, "message": problem.message, "hint": problem.hint}


# commands ---------------------------------------------------------------------------------
