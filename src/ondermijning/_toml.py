"""TOML reading, one grammar everywhere: TOML 1.0, as the standard library's ``tomllib`` reads it.

Where tomli's mypyc-compiled wheel is installed (a dependency on CPython), it reads pack files
about 1.7x faster than ``tomllib``, with the same grammar, values and error messages: tomli 2.2
and 2.3 are ``tomllib``'s own code, compiled (``tests/test_toml_parsers.py`` holds them to it).
It is used only when it is compiled, of those series, and refuses what TOML 1.1 added: tomli 2.4
reads TOML 1.1, which ``tomllib`` refuses, and a pack must mean the same on every machine. Else
``tomllib`` reads (``ONDERMIJNING_TOML=tomllib`` asks for it), and tomli itself before Python 3.11.

Compiled code does not check the interpreter's recursion limit: tomli stops at a limit of its own,
and past what the thread's C stack holds the process crashes (a raised recursion limit, or a
thread with a small stack, brings that within reach of a hostile file). So the compiled parser is
given only documents whose arrays and inline tables nest at most :data:`COMPILED_MAX_NESTING`
levels (:func:`nesting`, one linear scan); a deeper one, which no pack has, is read by ``tomllib``,
which raises ``RecursionError`` where it must, as it always did. ``tomllib`` is imported only then.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .i18n import N_

if TYPE_CHECKING:
    import re

#: the deepest nesting of arrays and inline tables the compiled parser is given: 16 levels take about
#: half the 32 KiB of C stack a thread has at the least (``threading.stack_size``; 36 levels crash
#: there, measured); pack files nest two or three levels, and the loader refuses more than 32
COMPILED_MAX_NESTING = 16

#: ``ONDERMIJNING_TOML=tomllib`` reads with the standard library's parser where compiled tomli is installed
PARSER_ENV = "ONDERMIJNING_TOML"

#: the TOML 1.1 additions a TOML 1.0 reader refuses (a trailing comma in an inline table, ``\e``)
_TOML_1_1 = ("a = {x = 1,}", 'a = "\\e"')


def reads_toml_1_0(loads: Callable[[str], Any], error: type[Exception]) -> bool:
    """Whether a parser refuses what TOML 1.1 added, as ``tomllib`` does (a probe of a few microseconds)."""
    for document in _TOML_1_1:
        try:
            loads(document)
        except error:
            continue
        return False
    return True


def _compiled_tomli() -> tuple[Callable[[str], dict[str, Any]], type[ValueError], str] | None:
    """tomli's ``loads``, its error and its version when it is compiled and reads TOML 1.0; else None."""
    if sys.version_info < (3, 11) or sys.implementation.name != "cpython" or os.environ.get(PARSER_ENV) == "tomllib":
        return None  # tomli is the reader before 3.11; PyPy and the others read with tomllib
    try:
        import tomli
    except ImportError:  # a dependency on CPython; an install without it reads with tomllib
        return None
    version = getattr(tomli, "__version__", "")
    series = tuple(int(part) if part.isdigit() else -1 for part in version.split(".")[:2])
    compiled = not hasattr(tomli.loads, "__code__")  # a mypyc function is a builtin, without Python code
    if (2, 2) <= series < (2, 4) and compiled and reads_toml_1_0(tomli.loads, tomli.TOMLDecodeError):
        return tomli.loads, tomli.TOMLDecodeError, version
    return None


_compiled = _compiled_tomli()
if _compiled is not None:
    _parse, TOMLDecodeError, _version = _compiled
    #: what reads TOML in this process, e.g. ``tomli 2.3.2 (compiled)`` or ``tomllib``
    PARSER = f"tomli {_version} (compiled)"
elif sys.version_info >= (3, 11):
    import tomllib

    _parse, TOMLDecodeError, PARSER = tomllib.loads, tomllib.TOMLDecodeError, "tomllib"
else:  # pragma: no cover - exercised on 3.10 only
    import tomli

    _parse, TOMLDecodeError, PARSER = tomli.loads, tomli.TOMLDecodeError, "tomli"

__all__ = ["COMPILED_MAX_NESTING", "PARSER", "PARSER_ENV", "TOMLDecodeError", "loads", "nesting", "reason",
           "syntax_error"]


def loads(text: str) -> dict[str, Any]:
    """The tables of a TOML 1.0 document; :data:`TOMLDecodeError` (a ValueError) when it is not one.

    ``RecursionError`` for arrays and inline tables nested deeper than ``tomllib`` recurses, and
    ``ValueError`` for a whole number of more than ``sys.get_int_max_str_digits()`` digits, as
    ``tomllib`` gives them.
    """
    if _compiled is None or text.count("[") + text.count("{") <= COMPILED_MAX_NESTING \
            or nesting(text) <= COMPILED_MAX_NESTING:
        return _parse(text)
    return _read_deep(text)


def _read_deep(text: str) -> dict[str, Any]:
    """A document too deep for the compiled parser, read by ``tomllib``; its syntax error as tomli's."""
    if sys.version_info >= (3, 11):  # the compiled parser is used from 3.11 only
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _as_parser_error(exc, text) from None
    return _parse(text)  # pragma: no cover


def _as_parser_error(exc: ValueError, text: str) -> ValueError:
    """``tomllib``'s syntax error as the compiled parser's, with the same message, line and column."""
    import re

    doc = text.replace("\r\n", "\n")  # what both parsers count lines and columns in
    message, _, where = str(exc).rpartition(" (at ")
    position = re.fullmatch(r"line (\d+), column (\d+)\)", where)
    if where == "end of document)":
        pos = len(doc)
    elif position:
        line, column = int(position.group(1)), int(position.group(2))
        pos = column - 1 if line == 1 else _line_end(doc, line - 1) + column
    else:  # pragma: no cover - every tomllib from 3.11 words its errors so
        return exc
    return TOMLDecodeError(message, doc, pos)


def _line_end(doc: str, line: int) -> int:
    """Where line ``line`` (from 1) of ``doc`` ends: the offset of its newline."""
    end = -1
    for _ in range(line):
        end = doc.index("\n", end + 1)
    return end


@functools.cache
def _between_brackets() -> re.Pattern[str]:
    """Everything up to the next bracket outside a string or comment, as TOML splits them.

    Each alternative, once begun, matches (an unclosed string or comment runs to the end of its
    line, or of the text), so the scan is linear whatever the text. Escapes are taken whole, and a
    multi-line string's closing quotes may be followed by one or two more of its content, as TOML
    has it. Brackets inside strings and comments are taken with them.
    """
    import re

    return re.compile(
        r"""(?:[^"'#\[\]{}]++"""
        r'''|"(?!"")[^"\\\n]*+(?:\\.?[^"\\\n]*+)*+"?'''
        r"""|'(?!'')[^'\n]*+'?"""
        r"""|#[^\n]*+"""
        r'''|"""[^"\\]*+(?:(?:\\[\s\S]?|"(?!""))[^"\\]*+)*+(?:"""(?:""?)?)?'''
        r"""|'''[^']*+(?:'(?!'')[^']*+)*+(?:'''(?:''?)?)?)++""")


def nesting(text: str) -> int:
    """How deep arrays and inline tables nest in ``text`` at the most (about 2 ms for the bundled packs' 370 kB).

    Never less than the parser's own count, for any text, valid or not (a table header's brackets
    count too, and a stray closing bracket, after which the parser stops anyway, lowers nothing).
    """
    deepest = level = 0
    for bracket in _between_brackets().sub("", text):
        if bracket in "[{":
            level += 1
            if level > deepest:
                deepest = level
        elif level:
            level -= 1
    return deepest


def syntax_error(exc: ValueError, text: str) -> tuple[str, int | None]:
    """A parser's syntax error in ``text``: our words for its reason, and the line it names.

    At the end of the document, the last line written (where the unfinished value starts).
    """
    import re

    message = str(exc)
    position = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
    if position:
        return reason(message[:position.start()]), int(position.group(1))
    return reason(message), text.rstrip().count("\n") + 1 if message.endswith("(at end of document)") else None


def reason(message: str) -> str:
    """A parser's English reason for a syntax error (position left out) in the chosen language.

    tomllib and tomli word their errors alike, in English; each known one is a Dutch message of
    ours, so the catalog translates it like any other. An unknown wording (a newer Python) stays as
    it is.
    """
    import re

    from .i18n import _

    message = re.sub(r"\s*\(at end of document\)$", "", message.strip())
    for pattern, translated in _REASONS:
        match = re.fullmatch(pattern, message)
        if match:
            return _(translated).format(**match.groupdict())
    return message


_REASONS = (
    (r"Invalid statement", N_("ongeldige regel")),
    (r"Expected newline or end of document after a statement",
     N_("na een waarde hoort een nieuwe regel of het einde van het bestand")),
    (r"Found invalid character (?P<char>.+)", N_("ongeldig teken {char}")),
    (r"Cannot declare (?P<key>.+) twice", N_("tabel {key} staat er twee keer")),
    (r"Cannot overwrite a value", N_("een waarde kan niet nog eens worden gegeven")),
    (r"Expected '\]' at the end of a table declaration", N_("']' verwacht aan het einde van de tabelkop")),
    (r"Expected '\]\]' at the end of an array declaration", N_("']]' verwacht aan het einde van de kop")),
    (r"Cannot mutate immutable namespace (?P<key>.+)", N_("{key} is al gegeven en kan niet worden aangevuld")),
    (r"Cannot redefine namespace (?P<key>.+)", N_("{key} kan niet opnieuw worden gedefinieerd")),
    (r"Expected '=' after a key in a key/value pair", N_("'=' verwacht na een sleutel")),
    (r"Invalid initial character for a key part", N_("ongeldig eerste teken van een sleutel")),
    (r"Unclosed array", N_("lijst niet gesloten (']' ontbreekt)")),
    (r"Duplicate inline table key (?P<key>.+)", N_("sleutel {key} staat twee keer in de inline tabel")),
    (r"Unclosed inline table", N_("inline tabel niet gesloten ('}}' ontbreekt)")),
    (r"Unescaped '\\' in a string", N_("'\\' in een tekst zonder escape")),
    (r"Invalid hex value", N_("ongeldige hexadecimale waarde")),
    (r"Escaped character is not a Unicode scalar value", N_("het escapeteken is geen Unicode-teken")),
    (r"Unterminated string", N_("tekst niet afgesloten (aanhalingsteken ontbreekt)")),
    (r"Illegal character (?P<char>.+)", N_("niet toegestaan teken {char}")),
    (r"Invalid date or datetime", N_("ongeldige datum of tijd")),
    (r"Invalid value", N_("ongeldige waarde")),
    (r"Expected (?P<expected>.+)", N_("{expected} verwacht")),
)
