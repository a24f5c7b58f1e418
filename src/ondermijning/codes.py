"""Every problem code the library reports: one registry, so the reference page is generated from it.

Codes are stable: a code keeps its meaning across versions. The first letter says where a
problem is found: L while loading a file, C while merging packs into the catalog, P in a
plugin, V by a validation rule over the whole catalog, S by a session-rule check.
``docs/error-codes.md`` is written from this table (``python -m ondermijning.codes``), and a
test fails when a code used in the source is missing here.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Code:
    code: str
    severity: str  # "error" or "warning"
    summary: str
    fix: str
    why: str = ""


CODES: tuple[Code, ...] = (
    Code("L001", "error", "the pack folder does not exist or is not a folder",
         "check the path; give the folder that holds pack.toml", "a usage error: `validate` exits 2"),
    Code("L002", "error", "a file cannot be read (permissions, a folder named *.toml, a broken link)",
         "make the file readable, or move it out of the pack"),
    Code("L003", "error", "a file or the pack is larger than the limits", "split the content over several files",
         "pack files are hand-written text; a huge file is a mistake or an attack"),
    Code("L004", "error", "a file is not UTF-8 text, or starts with a byte order mark", "save it as UTF-8 without BOM"),
    Code("L005", "error", "TOML syntax error", "fix the syntax at the line given; see https://toml.io"),
    Code("L010", "error", "the folder has no pack.toml", "add pack.toml with a [pack] table, or give the right folder"),
    Code("L011", "error", "the [pack] table is in another file than pack.toml", "move it to pack.toml"),
    Code("L012", "error", "pack.toml has no [pack] table", "add [pack] with id, name and version"),
    Code("L101", "error", "unknown key", "correct the spelling (the message suggests the closest key) or remove it",
         "a typo must not be silently dropped"),
    Code("L102", "error", "a required key is missing", "add the key"),
    Code("L103", "error", "a value has the wrong type (text, number, list, table)", "write the type the key needs"),
    Code("L104", "error", "a value is not allowed (an id, version, enum value, negative weight, range)",
         "use a value from the message"),
    Code("L105", "error", "two items of one kind in a pack have the same id", "give each item its own id"),
    Code("L106", "error", "an item's id names another pack", "write ids without a pack prefix"),
    Code("C001", "error", "two folders provide the same pack id; the second is ignored",
         "give one pack another id, or remove one of them"),
    Code("C002", "error", "two providers define the same item id; the second is ignored",
         "rename one of them; ids are unique across packs"),
    Code("C003", "error", "an item belongs to a pack that no plugin provides",
         "qualify the id with your own pack id, and provide that pack"),
    Code("C004", "error", "a pack's requirement (pack and version range) is not met",
         "install the required pack in the range, or widen the range"),
    Code("C005", "error", "an extension targets a signal list that does not exist", "fix the target id"),
    Code("P001", "error", "a plugin cannot be imported or registered", "fix the plugin or disable it by name"),
    Code("P002", "error", "a plugin implements a hook that does not exist (a typo)",
         "rename the function to the hook the message suggests"),
    Code("P003", "error", "a plugin's hook raised an exception", "fix the plugin or disable it by name"),
    Code("P004", "error", "a plugin's hook returned something other than a list of the expected model",
         "return a list of model objects"),
    Code("P005", "warning", "a plugin's hook took longer than 2 seconds", "load data lazily or cache it"),
    Code("P006", "error", "a validation rule from a plugin raised an exception", "fix or disable that plugin"),
    Code("V001", "error", "a reference points to an item that does not exist", "fix the id (the message suggests one)",
         "a dangling reference shows nothing where a professional expects guidance"),
    Code("V002", "error", "a signal names a category its list does not have", "use one of the list's categories"),
    Code("V003", "error", "a red-flag signal has none of its list's red-flag themes",
         "add one of the list's red_flag_themes to the signal's themes",
         "the explanation names the theme that forced hoog"),
    Code("V004", "error", "thresholds are not ordered (0 < moderate < high)", "make moderate smaller than high"),
    Code("V005", "warning", "the high threshold cannot be reached by the score alone",
         "lower the threshold or add signals; only red flags can give hoog now"),
    Code("V006", "warning", "no route fits a concern level", "add a route for that level"),
    Code("V007", "error", "a required text is empty", "write the text or remove the item"),
    Code("S001", "warning", "a case session's group size is outside the guide's range", "split or enlarge the group"),
    Code("S002", "warning", "a case session has fewer facilitators than the guide's roles", "add a facilitator"),
    Code("S003", "warning", "a case session discusses more cases than the guide advises", "discuss fewer cases"),
)

BY_CODE = {c.code: c for c in CODES}


def reference_markdown() -> str:
    """The error-code reference page."""
    lines = ["# Problem codes", "",
             "Generated from `src/ondermijning/codes.py` (`python -m ondermijning.codes > docs/error-codes.md`).",
             "Every problem prints as `file:line: CODE message (key path) — hint`.", "",
             "| code | severity | what | how to fix |", "|---|---|---|---|"]
    for c in CODES:
        what = c.summary + (f" ({c.why})" if c.why else "")
        lines.append(f"| `{c.code}` | {c.severity} | {what} | {c.fix} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(reference_markdown(), end="")
