"""What did not load still has ids: those written in a file or an item the loader could not read.

``validate`` loads a pack in part (issue #17, one pass): a file with a syntax error, or an item
with a wrong key, is reported once and left out. A reference from elsewhere to an id written
there is not reported as unknown: that would be a follow-on of the problem already reported.
The ids are read from the text (``id = "..."``) when the file does not parse, and from the
parsed table when only the item was refused.
"""

from __future__ import annotations

import re
from typing import Any

_WRITTEN_ID = re.compile(r"""(?:^|[{,\s])id\s*=\s*(?:"([^"\\\n]*)"|'([^'\n]*)')""")


def ids_in_text(text: str) -> dict[str, int | None]:
    """The ids written in a text that does not parse (``id = "..."``, in tables and inline tables)."""
    found: dict[str, int | None] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _WRITTEN_ID.finditer(line):
            found.setdefault(match.group(1) if match.group(1) is not None else match.group(2), number)
    return found


#: nested items with an id of their own, whose ids stay known when their parent does not load
_NESTED = ("signals", "protective_factors", "goals")


def ids_in_data(value: Any, line: int | None) -> dict[str, int | None]:
    """The id of an item that did not load, and those of its nested items (a list's signals)."""
    found: dict[str, int | None] = {}
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            found[value["id"]] = line
        for key in _NESTED:
            for part in value.get(key, ()) if isinstance(value.get(key), list) else ():
                if isinstance(part, dict) and isinstance(part.get("id"), str):
                    found.setdefault(part["id"], line)
    return found
