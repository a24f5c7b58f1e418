"""Untrusted text made safe to show: every character that could steer a terminal or split a line, visible.

Pack text, file names and whatever a plugin says are written by many hands. Before any of it
reaches a terminal (text output, problem lines, warnings), :func:`shown` replaces control
characters (ESC sequences that retitle the window or clear the screen, CR and LF that forge
a second line), format characters (the right-to-left override), line and paragraph
separators and lone surrogates (bytes of a file name that are not UTF-8) by a visible escape:
``\\x1b``, ``\\n``, ``\\u202e``. Everything else stays as it is, accents and all.

This module imports nothing of the library, so every layer can use it.
"""

from __future__ import annotations

import re
import unicodedata

#: control (Cc), format (Cf), surrogate (Cs), line and paragraph separator (Zl, Zp) characters
_ODD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_ASCII_SAFE = re.compile(r"[\x20-\x7e]*")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def is_odd(char: str) -> bool:
    """A character that :func:`shown` escapes."""
    return unicodedata.category(char) in _ODD_CATEGORIES


def has_odd(text: str) -> bool:
    """Whether ``text`` holds any character that :func:`shown` escapes."""
    return not _ASCII_SAFE.fullmatch(text) and any(is_odd(c) for c in text)


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown(text: str, *, keep: str = "") -> str:
    """``text`` with every control, format and separator character escaped visibly.

    ``keep`` names characters to leave alone (``"\\n"`` for text that may span lines, such as a
    rendered document). A backslash itself is left as it is: the escapes are for a reader, not
    for a program to read back.
    """
    if _ASCII_SAFE.fullmatch(text):  # the common case, fast
        return text
    return "".join(_escape(c) if c not in keep and is_odd(c) else c for c in text)


#: the error handler that writes what an output's encoding cannot hold as ``\uXXXX`` (JSON-safe)
ESCAPE_HANDLER = "ondermijning-escape"
#: how many characters the handler had to escape because of the encoding (not lone surrogates)
escaped_for_encoding = [0]


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """``ë`` -> ``\\u00eb``, astral characters as a surrogate pair: valid in JSON text and readable in text.

    A lone surrogate (a file name's byte that is not UTF-8) becomes ``\\xNN``, as :func:`shown` has it.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            out.append(_escape(char))
            continue
        escaped_for_encoding[0] += 1
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def register_escape_handler() -> None:
    """Make :data:`ESCAPE_HANDLER` known to :mod:`codecs` (idempotent)."""
    import codecs

    codecs.register_error(ESCAPE_HANDLER, _escape_unencodable)


class SafeStream:
    """A text stream that shows what it is given safely: every write through :func:`shown`.

    The command line puts its stdout and stderr behind one of these, so nothing a pack, a
    file name or a plugin says reaches the terminal as a control sequence, whichever command
    prints it. Newlines and tabs are layout and pass; JSON escapes its own control characters,
    so machine output is unchanged.
    """

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(shown(text, keep="\n\t"))  # type: ignore[attr-defined]
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
