"""Every problem code the library reports: one registry, so the reference page is generated from it.

Codes are stable: a code keeps its meaning across versions. The first letter says where a
problem is found: L while loading a file, C while merging packs into the catalog, P in a
plugin, V by a validation rule over the whole catalog, S by a session-rule check, T by a
trajectory check (``planner.checks``), R by a rule of the register's processing records
(``processing_rules``), A in a request to the web API (``ondermijning serve``; a request body's
keys and values are checked by the same converter as pack files, with L101–L104).
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
    Code("L002", "error", "a file cannot be read (permissions, a folder named *.toml, a pipe or device, a broken link)",
         "make the file readable, or move it out of the pack"),
    Code("L003", "error", "a file or the pack is larger than the limits (5 MB a file; 25 MB and 1,000 files a pack)",
         "split the content over several files or packs",
         "pack files are hand-written text; a huge file is a mistake or an attack"),
    Code("L004", "error", "a file is not UTF-8 text, or starts with a byte order mark", "save it as UTF-8 without BOM"),
    Code("L005", "error", "TOML syntax error", "fix the syntax at the line given; see https://toml.io"),
    Code("L006", "error", "tables and arrays are nested more than 32 levels deep",
         "flatten the structure; pack files need only a few levels",
         "deep nesting is a mistake or an attack that would exhaust the parser's stack"),
    Code("L007", "error", "a file or folder in the pack is a link to somewhere outside the pack folder",
         "copy the content into the pack, or remove the link",
         "a pack must not read files it does not hold, such as /etc/passwd"),
    Code("L008", "error", "a pack holds more than 5,000 items (nested signals and goals included)",
         "split the content over several packs", "a pack this large is a mistake or an attack on every tool"),
    Code("L009", "error", "a file or folder name has control characters or bytes that are not UTF-8",
         "rename it with letters, digits, spaces, '-', '_' and '.'",
         "such a name breaks the one-line problem report and can deceive a terminal"),
    Code("L010", "error", "the folder has no pack.toml", "add pack.toml with a [pack] table, or give the right folder"),
    Code("L011", "error", "the [pack] table is in another file than pack.toml", "move it to pack.toml"),
    Code("L012", "error", "pack.toml has no [pack] table", "add [pack] with id, name and version"),
    Code("L013", "error", "a file name ends in '.TOML' in other letters, or two names in one folder differ only by "
                          "case", "rename it: '.toml' in lower case, one name per file",
         "such a file is silently skipped, or on Windows and macOS one of the two is lost"),
    Code("L014", "error", "folders in a pack are nested more than 16 levels deep",
         "keep the pack's folders a few levels deep", "deep folders are a mistake or an attack on every tool"),
    Code("L101", "error", "unknown key", "correct the spelling (the message suggests the closest key) or remove it",
         "a typo must not be silently dropped"),
    Code("L102", "error", "a required key is missing", "add the key"),
    Code("L103", "error", "a value has the wrong type (text, number, list, table)", "write the type the key needs"),
    Code("L104", "error", "a value is not allowed (an id, version, enum value, negative weight, nan or inf, range)",
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
    Code("C008", "warning", "a folder given on the command line (or to load_catalog) replaces an installed pack "
                            "with the same id", "nothing, when you meant to check or try your own copy; otherwise "
                            "give the pack another id", "the folder you name is the one you are working on"),
    Code("C006", "error", "ONDERMIJNING_PACK_PATH names more than 100 different folders; the rest is not read",
         "put the packs in fewer folders, or give them with --pack"),
    Code("C007", "error", "an extension adds a category its target list already has",
         "give the category another id, or add the signals to the list's own category",
         "the category would be counted twice in the combination bonus"),
    Code("P001", "error", "a plugin cannot be imported or registered", "fix the plugin or disable it by name"),
    Code("P002", "error", "a plugin implements a hook that does not exist (a typo)",
         "rename the function to the hook the message suggests"),
    Code("P003", "error", "a plugin's hook raised an exception", "fix the plugin or disable it by name"),
    Code("P004", "error", "a plugin's hook returned something other than a list of the expected model",
         "return a list of model objects"),
    Code("P005", "warning", "a plugin's import or hook took longer than 2 seconds", "load data lazily or cache it"),
    Code("P006", "error", "a validation rule from a plugin raised an exception", "fix or disable that plugin"),
    Code("P007", "error", "a validation rule from a plugin returned something other than a list of problems",
         "return (or yield) ondermijning.Problem objects"),
    Code("P008", "error", "a scoring rule from a plugin raised, returned something other than contributions, or "
                          "gave points that are not a finite number up to 10^100",
         "fix or disable that plugin", "a NaN score would silently give laag"),
    Code("V001", "error", "a reference points to an item that does not exist, or a golden example names a signal "
                          "its list does not have", "fix the id (the message suggests one)",
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
    Code("V008", "error", "a golden example of a signal list does not give the level it expects",
         "fix the example's expected level, or the weights and thresholds that score it (the message gives "
         "the score and thresholds)",
         "the examples say what the authors meant; pytest runs them too, validate must not call such a pack valid"),
    Code("V009", "error", "a red-flag theme of a signal list has no red-flag signal (the list says the theme forces "
                          "hoog, but no signal does)",
         "mark a signal that shows the theme is present with red_flag = true, or take the theme out of "
         "red_flag_themes", "together with V003 this keeps a list's red-flag themes and red-flag signals in agreement"),
    Code("V010", "error", "a citation names a section its publication does not declare in the bibliography",
         "cite a declared section (the hint suggests one), or declare the section in the publication's "
         "[[publications]] entry",
         "a reviewer must be able to find the fact where the item says it is"),
    Code("V011", "warning", "a citation names a publication the bibliography does not hold",
         "use a publication's exact title, or add the publication with its sections to [[publications]]"),
    Code("V012", "error", "a list's scoring basis says the numbers are established, but not by whom or when",
         "fill in scoring.basis.by and scoring.basis.date, or write kind = \"example\"",
         "a number of ours must not read as a municipality's decision"),
    Code("V013", "error", "an exploration answer names a need, audience or frontline situation the planner does not "
                          "know", "use a value from `ondermijning plan --values`"),
    Code("V014", "error", "a pack's translation leaves a text of a declared language untranslated (or blank), "
                          "translates a text the pack does not have (a misspelt id or field, a removed item), "
                          "holds a language the pack does not declare, or a declared language has no translation",
         "write the text under the table the message names in translations/<lang>.toml; fix or remove a stale "
         "key (the hint suggests the closest); declare the language in [pack] translations",
         "an untranslated text shows in the pack's own language; a stale translation is never shown, so "
         "the text it was meant for silently stays untranslated"),
    Code("R001", "error", "a pack holds more than one processing policy ([[processing]])",
         "keep one [[processing]] item per pack",
         "the register needs one purpose, legal basis and retention per municipality"),
    Code("S001", "warning", "a case session's group size is outside the guide's range", "split or enlarge the group"),
    Code("S002", "warning", "a case session has fewer facilitators than the guide's roles", "add a facilitator"),
    Code("S003", "warning", "a case session discusses more cases than the guide advises", "discuss fewer cases"),
    Code("T001", "warning", "a workshop in a trajectory gets no process guidance after it (handreiking §2.1, §3.1)",
         "plan process guidance after the workshop, and work on the three levels",
         "without a follow-up, nothing changes after a workshop"),
    Code("T002", "warning", "a session's group is outside its module's group size (werkplaats: 5–6, §3.1)",
         "split the group or invite more participants"),
    Code("T003", "warning", "a case session's group is outside the guide's 4–5 participants (§3.4)",
         "split or enlarge the group"),
    Code("T004", "warning", "a case session has fewer facilitators than the guide's two roles (§3.4)",
         "add a moderator or an observer"),
    Code("T005", "warning", "a case session discusses more cases than the guide advises (§3.4)", "discuss fewer cases"),
    Code("T006", "warning", "meetings of the same process guidance are less than two weeks apart (§3.1)",
         "plan a few weeks in between; sessions in the same week count as parallel groups",
         "participants need the weeks in between to try out what they learned"),
    Code("T007", "warning", "a dilemma-card session comes before any awareness workshop (§3.3)",
         "plan the awareness workshop (or a comparable knowledge workshop) first",
         "without that knowledge participants do not recognise the dilemma"),
    Code("A001", "error", "a request body is not JSON (not UTF-8, a syntax error, nested too deeply)",
         "send one JSON object in UTF-8, with Content-Type: application/json"),
    Code("A002", "error", "a request body is larger than the limit (256 KB)", "send less; an assessment is a few KB",
         "the limit protects the server; no request of this API needs more"),
    Code("A003", "error", "an id in the request (signal list, signal, protective factor, municipality, item) is "
                          "not known", "use an id from the catalog (the message suggests one; see GET /api/v1/...)"),
    Code("A004", "error", "the request's media type is not supported", "send application/json"),
    Code("A005", "error", "no such address", "see the OpenAPI document at /api/v1/openapi.json"),
    Code("A006", "error", "the method is not allowed at this address", "use the method the OpenAPI document gives"),
    Code("A007", "error", "a query or path parameter is missing or has a value that is not allowed",
         "give the parameter as the OpenAPI document describes it"),
    Code("A008", "error", "a request cannot be answered: the catalog lacks what it needs, or a date falls past 9999",
         "check the installed packs (GET /api/v1/packs), or give an earlier date"),
    Code("A009", "error", "the server met an error of its own (a bug); nothing was kept",
         "try again; if it persists, report it with what you sent (without personal data)"),
    Code("A010", "error", "the register does not know who is asking: no API token, or one that is unknown, "
                          "expired or revoked (Authorization: Bearer om_...)",
         "send a valid token (an administrator issues one); on the pages, log in"),
    Code("A011", "error", "the user's role or municipality does not allow this; the refusal is in the processing log",
         "ask a coordinator of the case's municipality, or an administrator for another role"),
    Code("A012", "error", "the case changed since the version the request names, or it is closed",
         "read the case again, then send the request with its current version"),
    Code("A013", "error", "a form without the session's CSRF token, or sent from another site",
         "reload the page and send the form again", "a form from elsewhere must not act in your name"),
    Code("A014", "error", "the register refuses an input: a pseudonym that is not a code, a text that is too long, "
                          "a read without a purpose, an unknown list or route",
         "correct the value the message names"),
    Code("A015", "error", "the register's database cannot be reached right now; nothing was changed",
         "try again later; the operator checks the database server"),
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
